"""Consent (《个人信息保护法》): no phone or ID-like note is kept, listed or offered without it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt

from desktop.domain.records import Household
from desktop.store import repository
from desktop.ui.forms.household_form import HouseholdForm
from desktop.ui.forms.household_picker import HouseholdPicker

from .conftest import VILLAGE
from .test_households import new_household_form


def tick(qtbot, box) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_a_phone_without_consent_is_refused_under_the_field_and_kept_as_typed(qtbot, window, ctx, settle, ime):
    form = new_household_form(qtbot, window)
    ime(form.name, "敖其尔")
    qtbot.keyClicks(form.phone, "13912345678")
    form.village.set_value(VILLAGE, notify=True)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    assert ctx.records.count_households() == 0
    assert form.phone.text() == "13912345678"
    assert "知情同意" in form.errors.messages()["phone"]
    assert form.errors.label("phone").isVisibleTo(form)

    tick(qtbot, form.consent)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    stored = ctx.records.get(Household, form.record.id)
    assert stored.phone == "13912345678" and stored.contact_consent
    assert stored.consent_date == dt.date.today()
    assert form.consent_since.isVisibleTo(form)


def test_an_identity_number_in_the_notes_needs_consent(qtbot, window, ctx, settle, ime):
    form = new_household_form(qtbot, window)
    ime(form.name, "敖其尔")
    form.village.set_value(VILLAGE, notify=True)
    form.notes.setPlainText("身份证 150404198001011234")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    assert ctx.records.count_households() == 0
    assert "notes" in form.errors.messages()
    assert form.notes.toPlainText() == "身份证 150404198001011234"


def store_without_consent(ctx, name: str = "王建国", phone: str = "13912345678") -> Household:
    """A household as stored before consent was checked: its phone kept, consent unticked."""
    with ctx.profile.store.unit_of_work() as s:
        return repository.put(s, Household(name=name, phone=phone, village_code=VILLAGE))


def test_a_household_kept_without_consent_is_flagged_and_its_phone_neither_listed_nor_found(
        qtbot, window, ctx, settle):
    kept = store_without_consent(ctx)
    window.show_page("households")
    page = window.households_page
    page.model.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert "13912345678" not in [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert ctx.records.list_households("13912345678") == []

    form = HouseholdForm(ctx, ctx.records.get(Household, kept.id), window)
    qtbot.addWidget(form)
    form.show()
    assert form.phone.text() == "13912345678"  # nothing lost: the specialist asks, then ticks or clears
    assert "知情同意" in form.errors.messages()["phone"]
    form.phone.clear()
    form.mark_dirty()
    qtbot.waitUntil(lambda: "phone" not in form.errors.messages(), timeout=3000)
    form._dirty = False  # noqa: SLF001 - no close prompt in teardown


def test_attendee_search_does_not_offer_a_phone_kept_without_consent(qtbot, ctx):
    store_without_consent(ctx, name="王建国")
    picker = HouseholdPicker(ctx)
    qtbot.addWidget(picker)
    picker._search("王")  # noqa: SLF001 - the search the text field runs
    texts = [picker.results.item(i).text() for i in range(picker.results.count())]
    assert texts and all("13912345678" not in t for t in texts)
