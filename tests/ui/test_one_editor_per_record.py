"""One record opens in one editor, and a save over a change made since the form loaded it is never silent."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.domain.records import Visit
from desktop.store.local_store import DesktopLocalStore
from desktop.ui.sync.conflict_text import field_label
from sync.domain.vocabulary import RecordType
from sync.protocol import EntryResult, EntryStatus, PullResponse, RecordChange


def double_click_row(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def visit_forms(window, visit_id: str) -> list:
    return [f for f in window.forms.forms if f.record.id == visit_id]


def test_double_clicking_a_visit_twice_opens_one_editor(qtbot, window, settle, add_household, add_visit):
    saved = add_visit((add_household().id,))
    window.visits_page.model.refresh()
    settle()
    table = window.visits_page.table
    double_click_row(qtbot, table, 0)
    double_click_row(qtbot, table, 0)
    settle()
    assert len(visit_forms(window, saved.id)) == 1


def test_opening_an_open_visit_from_the_review_page_brings_its_editor_to_the_front(
        qtbot, window, settle, add_household, add_visit):
    saved = add_visit((add_household().id,))
    window.forms.open_record(Visit, saved.id)
    window.review_page.open_requested.emit("visit", saved.id)  # before the first has been read
    settle()
    window.review_page.open_requested.emit("visit", saved.id)
    history = window.forms.open_history(saved.household_ids[0])
    settle()
    history.visit_requested.emit(saved.id)
    settle()
    assert len(visit_forms(window, saved.id)) == 1


def open_editor(window, settle, visit_id: str):
    window.forms.open_record(Visit, visit_id)
    settle()
    (form,) = visit_forms(window, visit_id)
    return form


def pull_change(ctx, visit_id: str, revision: int, **fields) -> None:
    """The server sends a colleague's or the manager's change of the visit, as a sync pull does."""
    local = DesktopLocalStore(ctx.profile.store)
    sent = local.pending_entries(100)
    local.record_push_results([EntryResult(seq=e.seq, status=EntryStatus.APPLIED, revision=1) for e in sent])
    local.apply_pull_page(PullResponse(changes=[RecordChange(
        record_type=RecordType.VISIT, record_id=visit_id, revision=revision, fields=fields)],
        next_cursor=revision, has_more=False, server_epoch="e1", acked_seq=sent[-1].seq if sent else 0))


def save(qtbot, form, settle) -> None:
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()


def test_a_save_over_a_pulled_change_of_the_same_field_asks_and_keeps_mine_only_when_told(
        qtbot, window, ctx, settle, add_household, add_visit, ime):
    saved = add_visit((add_household().id,))
    form = open_editor(window, settle, saved.id)
    form.advice.selectAll()
    ime(form.advice, "停喂精料，改喂青干草")
    pull_change(ctx, saved.id, 2, advice="站长：每亩追施尿素8公斤")
    save(qtbot, form, settle)
    prompt = form.conflict_prompt
    assert prompt is not None and prompt.isVisible()
    assert "站长：每亩追施尿素8公斤" in prompt.informativeText() and "停喂精料" in prompt.informativeText()
    assert ctx.records.get(Visit, saved.id).advice == "站长：每亩追施尿素8公斤"
    assert form.is_dirty
    qtbot.mouseClick(prompt.keep_button, Qt.MouseButton.LeftButton)
    settle()
    assert ctx.records.get(Visit, saved.id).advice == "停喂精料，改喂青干草"
    assert not form.is_dirty


def test_reload_shows_the_saved_value_and_keeps_my_other_changes(
        qtbot, window, ctx, settle, add_household, add_visit, ime):
    saved = add_visit((add_household().id,))
    form = open_editor(window, settle, saved.id)
    form.advice.selectAll()
    ime(form.advice, "停喂精料")
    form.duration.setValue(3.5)
    ctx.records.save(saved.with_changes(advice="口服补液盐"), base=saved)  # another window
    save(qtbot, form, settle)
    qtbot.mouseClick(form.conflict_prompt.reload_button, Qt.MouseButton.LeftButton)
    assert form.advice.toPlainText() == "口服补液盐"
    assert form.duration.value() == 3.5 and form.is_dirty
    save(qtbot, form, settle)
    stored = ctx.records.get(Visit, saved.id)
    assert (stored.advice, stored.duration_hours) == ("口服补液盐", 3.5)


def test_changes_to_different_fields_are_merged_and_the_form_says_so(
        qtbot, window, ctx, settle, add_household, add_visit, ime):
    saved = add_visit((add_household().id,))
    form = open_editor(window, settle, saved.id)
    form.advice.selectAll()
    ime(form.advice, "停喂精料")
    pull_change(ctx, saved.id, 2, problem="玉米叶片发黄，站长补充：缺氮")
    save(qtbot, form, settle)
    assert form.conflict_prompt is None
    stored = ctx.records.get(Visit, saved.id)
    assert (stored.advice, stored.problem) == ("停喂精料", "玉米叶片发黄，站长补充：缺氮")
    assert form.problem.toPlainText() == "玉米叶片发黄，站长补充：缺氮"
    assert field_label("problem") in form.status.text()


def test_a_review_made_while_the_visit_was_open_is_not_saved_over_unseen(
        qtbot, window, ctx, settle, add_household, add_visit, ime):
    saved = add_visit((add_household().id,))
    form = open_editor(window, settle, saved.id)
    ime(form.advice, "，一周后复查")
    pull_change(ctx, saved.id, 3, review_state="returned")
    save(qtbot, form, settle)
    assert form.conflict_prompt is not None
    assert field_label("review_state") in form.conflict_prompt.informativeText()


def test_a_draft_restored_on_the_next_start_is_checked_against_what_changed_since(
        qtbot, window, ctx, settle, add_household, add_visit, ime):
    saved = add_visit((add_household().id,))
    form = open_editor(window, settle, saved.id)
    form.advice.selectAll()
    ime(form.advice, "停喂精料")
    form.keep_draft_and_close()  # the app quits: the input lives on only in the draft
    settle()
    pull_change(ctx, saved.id, 2, advice="口服补液盐")
    window.forms.restore_drafts(ctx.drafts.pending())
    (restored,) = visit_forms(window, saved.id)
    assert restored.advice.toPlainText() == "停喂精料"
    save(qtbot, restored, settle)
    assert restored.conflict_prompt is not None
    assert ctx.records.get(Visit, saved.id).advice == "口服补液盐"
