"""Every write reaches the window on the one change bus, ``ctx.runner.changed(changes, initiator)``,
naming the kinds and ids it changed; a page re-queries only when a kind it shows changed."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from desktop.domain.records import Household
from desktop.services.changes import Changes
from desktop.ui.sync.conflicts_dialog import ConflictsDialog
from tests.factories import household
from tests.ui.sync_fixtures import *  # noqa: F403 - the server and window fixtures

from .conftest import VILLAGE


class Heard:
    """What the bus said, and how often each list page re-queried (its model's ``loaded``)."""

    def __init__(self, window):
        self.changes: list[tuple[Changes, object]] = []
        self.queries = {key: 0 for key in ("visits", "trainings", "households")}
        window.ctx.runner.changed.connect(lambda changes, initiator: self.changes.append((changes, initiator)))
        for key in self.queries:
            window.pages[key].model.loaded.connect(lambda _total, k=key: self._queried(k))

    def _queried(self, key: str) -> None:
        self.queries[key] += 1

    def only(self) -> tuple[Changes, object]:
        assert len(self.changes) == 1, self.changes
        return self.changes[0]


def test_a_saved_household_reaches_the_window_with_its_id_and_form(qtbot, window, ctx, settle, ime):
    heard = Heard(window)
    window.show_page("households")
    form = window.forms.new_record(Household)
    ime(form.name, "敖其尔")
    form.village.set_value(VILLAGE, notify=True)
    qtbot.mouseClick(form.consent, Qt.MouseButton.LeftButton, pos=QPoint(8, form.consent.height() // 2))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    changes, initiator = heard.only()
    assert initiator is form
    assert changes.kinds() == {"households"} and changes.ids == {("households", form.record.id)}
    assert window.last_changes == (changes, initiator)
    assert heard.queries["households"] == 1
    assert heard.queries["visits"] == heard.queries["trainings"] == 0  # pages not showing households


def test_a_pull_reports_the_rows_it_applied_and_only_their_pages_query(
        qtbot, sync_window, sign_in, make_device, station, settle):
    sign_in()
    sync_once(qtbot, sync_window, settle)
    wang = make_device("wang", station)
    h, _ = wang.records.save(household(name="张宝山", notes=""))
    wang.sync_ok()
    heard = Heard(sync_window)
    sync_once(qtbot, sync_window, settle)
    changes, initiator = heard.only()
    assert initiator is sync_window.sync.controller
    assert changes.ids_of("households") == {h.id}
    assert changes.households and changes.sync_state
    assert not (changes.visits or changes.trainings or changes.reviews or changes.identity)
    assert heard.queries["households"] == 1
    assert heard.queries["visits"] == heard.queries["trainings"] == 0
    assert sync_window.last_changes == (changes, initiator)


def test_a_resolved_conflict_reaches_the_window_from_the_dialog(qtbot, sync_window, conflict, settle):
    _wang, h = conflict
    dialog = sync_window.sync.open_conflicts()
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.table.rowCount() == 1, timeout=5000)
    dialog.table.selectRow(0)
    conflict_id = dialog.selected().id
    sync_window.sync.controller.online = False  # the resolution only: no sync right after it
    heard = Heard(sync_window)
    qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
    settle()
    changes, initiator = heard.changes[0]
    assert isinstance(initiator, ConflictsDialog) and initiator is dialog
    assert changes.ids_of("conflicts") == {conflict_id}
    assert changes.ids_of("households") == {h.id}  # this laptop's value was written back
    assert sync_window.last_changes[1] is dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=5000)
    assert heard.queries["visits"] == heard.queries["trainings"] == 0
