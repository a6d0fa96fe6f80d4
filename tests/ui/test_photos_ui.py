"""Photos on a visit: added from files, shown as thumbnails, kept in the record, opened large."""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import Qt

from desktop.domain.records import Visit


def test_added_photos_show_as_thumbnails_and_are_saved_with_the_visit(qtbot, window, ctx, settle, add_household,
                                                                      add_visit, tmp_path):
    saved = add_visit((add_household().id,))
    photo = tmp_path / "field.jpg"
    Image.new("RGB", (3200, 2400), (20, 160, 40)).save(photo, "JPEG")
    window.forms.open_record(Visit, saved.id)
    settle()
    form = window.forms.forms[-1]
    form.photos.add_files([photo])
    settle()
    assert form.photos.list.count() == 1
    assert not form.photos.list.item(0).icon().isNull()
    assert form.is_dirty
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    sha = ctx.records.get(Visit, saved.id).photo_ids
    assert len(sha) == 1 and ctx.photos.path_for(sha[0]).is_file()
    form.photos.list.itemDoubleClicked.emit(form.photos.list.item(0))
    viewer = form.photos.viewer
    assert viewer is not None and viewer.isVisible()
    viewer.close()


def _phone_photo(path, taken="2026:05:03 10:20:30", north=(43.0, 58.0, 52.8), east=(119.0, 23.0, 24.0)):
    """A JPEG as a phone writes it: EXIF time taken and GPS position (43.981333 N, 119.39 E)."""
    image = Image.new("RGB", (640, 480), (20, 160, 40))
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: north, 3: "E", 4: east})
    exif.get_ifd(0x8769)[36867] = taken
    image.save(path, "JPEG", exif=exif)
    return path


def _open_visit(window, settle, visit_id):
    window.forms.open_record(Visit, visit_id)
    settle()
    return window.forms.forms[-1]


def test_a_phone_photo_offers_its_date_and_position_and_fills_them_only_when_taken(
        qtbot, window, ctx, settle, add_household, add_visit, tmp_path):
    saved = add_visit((add_household().id,))
    form = _open_visit(window, settle, saved.id)
    form.photos.add_files([_phone_photo(tmp_path / "phone.jpg")])
    settle()
    offer = form.photo_offer
    assert offer.isVisible()
    assert "2026-05-03" in offer.text.text() and "43.981333" in offer.text.text() and "119.390000" in offer.text.text()
    assert form.latitude.value() is None and form.collect().visit_date == saved.visit_date  # not yet changed
    qtbot.mouseClick(offer.use_button, Qt.MouseButton.LeftButton)
    assert not offer.isVisible()
    visit = form.collect()
    assert (visit.visit_date.isoformat(), visit.latitude, visit.longitude) == ("2026-05-03", 43.981333, 119.39)
    assert form.is_dirty
    form._dirty = False  # noqa: SLF001 - no prompt on teardown


def test_declining_the_photo_offer_changes_nothing(qtbot, window, ctx, settle, add_household, add_visit, tmp_path):
    saved = add_visit((add_household().id,))
    form = _open_visit(window, settle, saved.id)
    form.photos.add_files([_phone_photo(tmp_path / "phone.jpg")])
    settle()
    qtbot.mouseClick(form.photo_offer.ignore_button, Qt.MouseButton.LeftButton)
    visit = form.collect()
    assert not form.photo_offer.isVisible()
    assert (visit.visit_date, visit.latitude, visit.longitude) == (saved.visit_date, None, None)
    form._dirty = False  # noqa: SLF001


def test_a_photo_without_exif_offers_nothing(qtbot, window, ctx, settle, add_household, add_visit, tmp_path):
    saved = add_visit((add_household().id,))
    form = _open_visit(window, settle, saved.id)
    plain = tmp_path / "plain.jpg"
    Image.new("RGB", (640, 480), (20, 160, 40)).save(plain, "JPEG")
    form.photos.add_files([plain])
    settle()
    assert form.photos.list.count() == 1 and not form.photo_offer.isVisible()
    form._dirty = False  # noqa: SLF001
