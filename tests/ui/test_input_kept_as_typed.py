"""What the user types stays as typed: a bad value is named under its field, all at once, until fixed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateTimeEdit

from desktop.domain.filters import RecordFilter
from desktop.domain.records import Household, Visit
from desktop.domain.validation import MAX_LAND_MU
from desktop.ui.widgets.date_fields import to_qdate

from .conftest import VILLAGE
from .test_visit_form import fill_visit, open_new_visit


def retype(qtbot, widget, text: str) -> None:
    """Select what the field holds and type over it, key by key, as a user does."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def save(qtbot, form, settle) -> None:
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()


def test_a_visit_date_in_the_future_is_kept_and_named_under_the_field(qtbot, window, ctx, settle, add_household,
                                                                       ime):
    add_household()
    form = open_new_visit(qtbot, window, settle)
    fill_visit(qtbot, ime, form)
    future = dt.date.today().replace(day=1)
    future = future.replace(year=future.year + 1)
    form.visit_date.setDate(to_qdate(future.replace(year=future.year - 1)))
    form.visit_date.setFocus()
    form.visit_date.setSelectedSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClicks(form.visit_date, str(future.year))  # the year typed over, as a user does
    assert form.visit_date.text() == future.isoformat()
    save(qtbot, form, settle)
    assert form.errors.messages() == {"visit_date": "日期不能晚于今天。"}
    assert form.visit_date.text() == future.isoformat()
    assert ctx.records.count_visits(RecordFilter()) == 0


def test_a_duration_of_99_hours_stays_99_and_is_refused(qtbot, window, ctx, settle, add_household, ime):
    add_household()
    form = open_new_visit(qtbot, window, settle)
    fill_visit(qtbot, ime, form)
    retype(qtbot, form.duration, "99")
    assert form.duration.text() == "99"
    save(qtbot, form, settle)
    assert form.errors.messages() == {"duration_hours": "请填写 0.5 到 16 小时之间的时长。"}
    assert form.duration.text() == "99"
    assert ctx.records.count_visits(RecordFilter()) == 0


def test_every_bad_field_is_named_at_once_and_each_message_goes_when_its_field_is_fixed(
        qtbot, window, ctx, settle, add_household, ime):
    add_household()
    form = open_new_visit(qtbot, window, settle)
    fill_visit(qtbot, ime, form)
    retype(qtbot, form.duration, "99")
    form.problem.clear()
    retype(qtbot, form.latitude, "4x.98")
    save(qtbot, form, settle)
    assert set(form.errors.messages()) == {"duration_hours", "problem", "latitude"}
    retype(qtbot, form.duration, "2.5")
    qtbot.waitUntil(lambda: set(form.errors.messages()) == {"problem", "latitude"})
    assert form.duration.text() == "2.5"
    ime(form.problem, "玉米叶片发黄")
    retype(qtbot, form.latitude, "43.98")
    retype(qtbot, form.longitude, "119.39")
    qtbot.waitUntil(lambda: form.errors.messages() == {})
    save(qtbot, form, settle)
    assert ctx.records.count_visits(RecordFilter()) == 1


def test_a_position_keeps_every_digit_typed(qtbot, window, ctx, settle, add_household, ime):
    add_household()
    form = open_new_visit(qtbot, window, settle)
    fill_visit(qtbot, ime, form)
    retype(qtbot, form.latitude, "43.9812345")
    retype(qtbot, form.longitude, "119.3912345")
    save(qtbot, form, settle)
    stored = ctx.records.get(Visit, form.record.id)
    assert (stored.latitude, stored.longitude) == (43.9812345, 119.3912345)
    form.load(stored)
    assert form.latitude.text() == "43.9812345"


def test_land_of_9999999_mu_is_kept_as_typed_and_refused(qtbot, window, ctx, settle, ime):
    form = window.forms.new_record(Household)
    ime(form.name, "敖其尔")
    form.village.set_value(VILLAGE, notify=True)
    retype(qtbot, form.land, "9,999,999")
    assert form.land.text() == "9,999,999"
    save(qtbot, form, settle)
    assert form.errors.messages() == {"land_mu": f"请填写 0 到 {MAX_LAND_MU:,} 之间的数值。"}
    assert form.land.text() == "9,999,999"
    assert ctx.records.count_households() == 0
    retype(qtbot, form.land, "1,200")
    save(qtbot, form, settle)
    assert form.errors.messages() == {}
    assert ctx.records.get(Household, form.record.id).land_mu == 1200


def test_an_attendance_of_6000_stays_6000_and_is_refused(qtbot, window, ctx, settle, ime):
    from desktop.domain.records import Training

    form = window.forms.new_record(Training)
    retype(qtbot, form.attendee_spins["farmer"], "6000")
    assert form.attendee_spins["farmer"].text() == "6000"
    save(qtbot, form, settle)
    assert "attendees.farmer" in form.errors.messages() or "attendees" in form.errors.messages()
    assert form.attendee_spins["farmer"].text() == "6000"
