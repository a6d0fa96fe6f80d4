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
