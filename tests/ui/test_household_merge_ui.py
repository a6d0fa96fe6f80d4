"""A station manager merges two household records of one family from the households list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import select

from desktop.domain.records import Household
from desktop.services.household_merges import MergeRefused
from desktop.store.models import OutboxRow
from desktop.ui.lists.record_table_model import ID_ROLE
from sync.domain.vocabulary import Role

from .conftest import COUNTY, STATION


@pytest.fixture
def role() -> Role:
    return Role.STATION_MANAGER


@pytest.fixture
def identity(profile, role):
    identity, _changes = profile.identity.set_up("李红", role, "commissioner", STATION, COUNTY)
    return identity


def test_a_manager_merges_a_duplicate_and_the_list_shows_the_family_once(qtbot, window, ctx, settle, add_household,
                                                                         add_visit):
    kept = add_household(name="王建国", phone="13912345678")
    gone = add_household(name="王建国", phone="13912345679")
    add_visit((gone.id,))
    add_visit((gone.id, kept.id), problem="羊只咳嗽")
    window.show_page("households")
    window.households_page.model.refresh()
    settle()
    page = window.households_page
    assert page.model.rowCount() == 2
    action = window.household_merge
    assert action.button.isVisible() and not action.button.isEnabled()
    ids = [page.model.index(r, 0).data(ID_ROLE) for r in range(page.model.rowCount())]
    page.table.selectRow(ids.index(kept.id))
    assert action.button.isEnabled()

    qtbot.mouseClick(action.button, Qt.MouseButton.LeftButton)
    settle()
    dialog = action.dialog
    assert dialog is not None and dialog.isVisible() and dialog.candidates.count() == 1
    assert dialog.keep_this.isChecked() and dialog.chosen() == (gone.id, kept.id)
    assert "2" in dialog.preview.text() and dialog.merge_button.isEnabled()
    with qtbot.waitSignal(dialog.finished) as closed:
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        settle()
    assert closed.args == [1]  # accepted
    settle()
    assert ctx.records.get(Household, gone.id).merged_into == kept.id
    assert ctx.records.get(Household, kept.id).merged_into is None
    assert page.model.rowCount() == 1 and page.model.index(0, 0).data(ID_ROLE) == kept.id
    with ctx.profile.store.reader() as s:
        (changes,) = s.scalars(select(OutboxRow.changes).where(OutboxRow.record_id == gone.id,
                                                               OutboxRow.kind == "update")).all()
    assert changes == {"merged_into": {"old": None, "new": kept.id}}
    assert ctx.records.likely_duplicates(ctx.records.get(Household, kept.id)) == []


def test_the_manager_may_keep_the_other_record_instead(qtbot, window, ctx, settle, add_household):
    first = add_household(name="王建国", phone="13912345678")
    second = add_household(name="王建国", phone="13912345679")
    window.show_page("households")
    window.households_page.model.refresh()
    settle()
    page = window.households_page
    ids = [page.model.index(r, 0).data(ID_ROLE) for r in range(page.model.rowCount())]
    page.table.selectRow(ids.index(first.id))
    qtbot.mouseClick(window.household_merge.button, Qt.MouseButton.LeftButton)
    settle()
    dialog = window.household_merge.dialog
    qtbot.mouseClick(dialog.keep_other, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.keep_other.height() // 2))
    settle()
    assert dialog.chosen() == (first.id, second.id)
    assert "0" in dialog.preview.text()
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    settle()
    assert ctx.records.get(Household, first.id).merged_into == second.id


@pytest.mark.parametrize("role", [Role.SPECIALIST])
def test_a_specialist_sees_no_merge_button_and_cannot_merge(qtbot, window, ctx, settle, add_household):
    first, second = add_household(name="王建国"), add_household(name="王建国")
    window.show_page("households")
    settle()
    assert window.households_page.new_button.isVisible() and not window.household_merge.button.isVisible()
    with pytest.raises(MergeRefused, match="Only a station manager"):
        window.household_merge.merges().merge(second.id, first.id)
    assert ctx.records.get(Household, second.id).merged_into is None


def _register_again(qtbot, window, settle, existing: Household):
    """Types the existing household's name and village into a new household form and saves: the warning shows."""
    window.show_page("households")
    qtbot.mouseClick(window.households_page.new_button, Qt.MouseButton.LeftButton)
    form = window.forms.forms[-1]
    form.name.setText(existing.name)
    form.village.set_value(existing.village_code, notify=True)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    assert form.duplicate_dialog is not None and form.duplicate_dialog.isVisible()
    return form


def test_the_duplicate_warning_lets_a_manager_save_then_merge(qtbot, window, ctx, settle, add_household):
    existing = add_household(name="王建国", phone="13912345678")
    form = _register_again(qtbot, window, settle, existing)
    warning = form.duplicate_dialog
    assert warning.merge_button.isVisible()
    qtbot.mouseClick(warning.merge_button, Qt.MouseButton.LeftButton)
    settle()
    dialog = form.merge_dialog
    assert dialog is not None and dialog.isVisible() and dialog.candidates.count() == 1
    new_id = form.record.id
    assert dialog.chosen() == (existing.id, new_id)
    qtbot.mouseClick(dialog.keep_other, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.keep_other.height() // 2))
    settle()
    assert dialog.chosen() == (new_id, existing.id)  # keep the record colleagues already have
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    settle()
    assert ctx.records.get(Household, new_id).merged_into == existing.id
    page = window.households_page
    assert page.model.rowCount() == 1 and page.model.index(0, 0).data(ID_ROLE) == existing.id


@pytest.mark.parametrize("role", [Role.SPECIALIST])
def test_the_duplicate_warning_offers_no_merge_to_a_specialist(qtbot, window, ctx, settle, add_household):
    form = _register_again(qtbot, window, settle, add_household(name="王建国", phone="13912345678"))
    assert not form.duplicate_dialog.merge_button.isVisible()
