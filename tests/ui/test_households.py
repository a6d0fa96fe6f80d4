"""The household registry: duplicate warning before saving, and a household's history."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from desktop.domain.records import Household
from desktop.ui.forms.household_form import HouseholdForm

from .conftest import VILLAGE


def count_households(ctx) -> int:
    return ctx.records.count_households()


def new_household_form(qtbot, window) -> HouseholdForm:
    window.show_page("households")
    qtbot.mouseClick(window.households_page.new_button, Qt.MouseButton.LeftButton)
    form = window.forms.forms[-1]
    assert isinstance(form, HouseholdForm)
    return form


def test_a_household_with_a_known_phone_is_flagged_before_saving(qtbot, window, ctx, settle, add_household, ime):
    existing = add_household(name="王建国", phone="139 1234 5678")
    form = new_household_form(qtbot, window)
    ime(form.name, "王建华")
    qtbot.keyClicks(form.phone, "+86 13912345678")
    form.village.set_value(VILLAGE, notify=True)
    qtbot.mouseClick(form.consent, Qt.MouseButton.LeftButton, pos=QPoint(8, form.consent.height() // 2))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    warning = form.duplicate_dialog
    assert warning is not None and warning.isVisible()
    assert warning.list.count() == 1 and warning.list.item(0).text().startswith("王建国")
    assert count_households(ctx) == 1  # nothing saved while the user decides

    opened = []
    form.open_household_requested.connect(opened.append)
    qtbot.mouseClick(warning.open_button, Qt.MouseButton.LeftButton)
    settle()
    assert opened == [existing.id]
    shown = window.forms.forms[-1]
    assert isinstance(shown, HouseholdForm) and shown.record.id == existing.id
    assert count_households(ctx) == 1


def test_saving_anyway_after_the_warning_registers_the_second_household(qtbot, window, ctx, settle, add_household,
                                                                        ime):
    add_household(name="王建国", phone="13912345678")
    form = new_household_form(qtbot, window)
    ime(form.name, "王建国")
    form.village.set_value(VILLAGE, notify=True)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    qtbot.mouseClick(form.duplicate_dialog.save_button, Qt.MouseButton.LeftButton)
    settle()
    assert count_households(ctx) == 2
    assert window.households_page.model.rowCount() == 2


def test_a_new_household_without_duplicates_saves_at_once(qtbot, window, ctx, settle, ime):
    form = new_household_form(qtbot, window)
    ime(form.name, "敖其尔")
    qtbot.keyClicks(form.phone, "0476-6612345")
    form.village.set_value(VILLAGE, notify=True)
    form.livestock.setValue(120)
    qtbot.mouseClick(form.consent, Qt.MouseButton.LeftButton, pos=QPoint(8, form.consent.height() // 2))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    assert form.duplicate_dialog is None
    stored = ctx.records.get(Household, form.record.id)
    assert stored.name == "敖其尔" and stored.livestock_head == 120 and stored.land_mu is None
    assert stored.contact_consent


def test_a_household_page_shows_every_visit_it_had(qtbot, window, ctx, settle, add_household, add_visit):
    owner = add_household()
    add_visit((owner.id,), problem="玉米叶片发黄")
    add_visit((owner.id,), problem="大豆根腐病")
    dialog = window.forms.open_history(owner.id)
    settle()
    assert dialog.visits.count() == 2
    assert any("大豆根腐病" in dialog.visits.item(i).text() for i in range(2))
    assert "2" in dialog.visits_label.text()


def test_the_household_list_opens_in_pinyin_order_and_sorts_by_a_clicked_header(qtbot, window, ctx, settle):
    for name in ("张丽", "阿拉坦", "王芳"):
        ctx.records.save(Household(name=name, village_code=VILLAGE))
    window.show_page("households")
    page = window.households_page
    page.filters.filter_changed.emit(page.model.record_filter)
    settle()
    names = lambda: [page.model.index(r, 0).data() for r in range(page.model.rowCount())]  # noqa: E731
    header = page.table.horizontalHeader()
    assert names() == ["阿拉坦", "王芳", "张丽"]
    assert header.sortIndicatorSection() == 0 and header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # what a click on the header does
    settle()
    assert names() == ["张丽", "王芳", "阿拉坦"]


def test_the_household_search_names_the_township_beside_the_village(qtbot, ctx, add_household):
    """Two villages of one name lie in different townships: the search result tells them apart."""
    from desktop.ui.forms.household_picker import HouseholdPicker

    add_household(name="王建国")
    picker = HouseholdPicker(ctx)
    qtbot.addWidget(picker)
    picker._search("王建国")  # noqa: SLF001 - the search the text field runs
    assert picker.results.item(0).text() == "王建国 · 林东镇 索布力嘎村委会 · 13912345678"
