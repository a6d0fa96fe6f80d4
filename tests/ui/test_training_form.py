"""Recording a training session: attendance per category, totals, named attendees."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.domain.records import Training
from desktop.ui.forms.training_form import TrainingForm

from .conftest import VILLAGE


def new_training_form(qtbot, window) -> TrainingForm:
    window.show_page("trainings")
    qtbot.mouseClick(window.trainings_page.new_button, Qt.MouseButton.LeftButton)
    form = window.forms.forms[-1]
    assert isinstance(form, TrainingForm)
    return form


def test_attendee_counts_per_category_are_totalled_and_stored(qtbot, window, ctx, settle, ime, add_household):
    farmer = add_household()
    form = new_training_form(qtbot, window)
    assert form.trainers.text() == "张伟"  # the trainer is usually the specialist themself
    form.village.set_value(VILLAGE, notify=True)
    ime(form.topic, "玉米密植高产技术")
    form.industry.set_value("玉米")
    form.hours.setValue(3)
    for category, count in (("backbone", 4), ("local_expert", 2), ("farmer", 31)):
        spin = form.attendee_spins[category]
        spin.selectAll()
        qtbot.keyClicks(spin, str(count))
    assert form.total() == 37
    assert form.total_label.text() == "合计：37 人"
    qtbot.keyClicks(form.named.search, "wjg")
    qtbot.keyClick(form.named.search, Qt.Key.Key_Return)
    with qtbot.waitSignal(window.ctx.runner.changed, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    stored = ctx.records.get(Training, form.record.id)
    assert stored.attendees == {"backbone": 4, "local_expert": 2, "farmer": 31}
    assert stored.attendee_household_ids == (farmer.id,)
    assert stored.trainers == ("张伟",)
    model = window.trainings_page.model
    assert model.rowCount() == 1 and model.index(0, 6).data() == "37"


def test_a_training_without_attendees_is_refused_at_the_attendance_field(qtbot, window, ctx, settle, ime):
    form = new_training_form(qtbot, window)
    form.village.set_value(VILLAGE, notify=True)
    ime(form.topic, "肉羊舍饲")
    form.industry.set_value("肉羊")
    form.hours.setValue(2)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    assert form.errors.messages() == {"attendees": "请至少填写一名参训人员。"}
    assert ctx.records.count_trainings(window.trainings_page.current_filter()) == 0


def test_a_household_that_did_not_consent_cannot_be_named_as_an_attendee(qtbot, window, ctx, settle, ime):
    from desktop.domain.records import Household
    ctx.records.save(Household(name="王建国", village_code=VILLAGE, contact_consent=False))
    form = new_training_form(qtbot, window)
    form.village.set_value(VILLAGE, notify=True)
    ime(form.topic, "肉羊舍饲")
    form.industry.set_value("肉羊")
    form.hours.setValue(2)
    spin = form.attendee_spins["farmer"]
    spin.selectAll()
    qtbot.keyClicks(spin, "12")
    qtbot.keyClicks(form.named.search, "wjg")
    qtbot.keyClick(form.named.search, Qt.Key.Key_Return)
    assert len(form.named.value()) == 1
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    assert "未同意具名" in form.errors.messages()["attendee_household_ids"]
    assert len(form.named.value()) == 1  # the choice stays until the user removes it
    assert ctx.records.count_trainings(window.trainings_page.current_filter()) == 0
