"""Opens record forms and runs what they ask for: the one write path from a form to the store.

A form emits ``save_requested``; the controller runs the save as a write on the worker and reports
the outcome to the form; the runner announces its ``Changes`` on the bus (the views refresh).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.domain.concurrent_edit import EditConflict
from desktop.domain.records import DemonstrationBase, DemonstrationProject, Household, Record, Training, Visit
from desktop.services.changes import Changes
from desktop.services.drafts import DraftItem
from desktop.ui.shell.context import AppContext
from desktop.ui.forms.record_payload import base_from_draft, record_from_draft

if TYPE_CHECKING:
    from desktop.ui.forms.draft_restore_dialog import DraftRestoreDialog
    from desktop.ui.forms.household_form import HouseholdForm
    from desktop.ui.forms.household_history_dialog import HouseholdHistoryDialog
    from desktop.ui.forms.record_form import RecordForm, SaveRequest


def _form_class(record: Record) -> type[RecordForm]:
    # The forms are imported when first opened, not at start-up: the main window shows sooner.
    from desktop.ui.demonstrations.form import DemonstrationForm
    from desktop.ui.forms.household_form import HouseholdForm
    from desktop.ui.forms.training_form import TrainingForm
    from desktop.ui.forms.visit_form import VisitForm

    return {Visit: VisitForm, Training: TrainingForm, Household: HouseholdForm, DemonstrationBase: DemonstrationForm,
            DemonstrationProject: DemonstrationForm}[type(record)]


class FormController(QObject):
    """``form_opened(form)`` for each form; saves go through ``ctx.runner.write`` with the form as initiator."""

    form_opened = Signal(object)

    def __init__(self, ctx: AppContext, window: QWidget):
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.forms: list[RecordForm] = []
        self._opening: set[str] = set()  # ids of records being read for a form
        self.draft_dialog: DraftRestoreDialog | None = None
        self.history_dialog: HouseholdHistoryDialog | None = None

    # --- opening -------------------------------------------------------------------------

    def new_record(self, cls: type[Record]) -> RecordForm:
        today = dt.date.today()
        record = {Visit: lambda: Visit(visit_date=today), Training: lambda: Training(training_date=today),
                  Household: lambda: Household(), DemonstrationBase: lambda: DemonstrationBase(year_established=today.year),
                  DemonstrationProject: lambda: DemonstrationProject(start_year=today.year)}[cls]()
        return self._show(record)

    def open_record(self, cls: type[Record], record_id: str, parent: QWidget | None = None) -> None:
        """Read the record on the worker, then show its form. One record has one editor: if it is
        open already, or being opened (a double-click also "activates"), that editor comes to the front."""
        if self._bring_to_front(record_id) or record_id in self._opening:
            return
        self._opening.add(record_id)

        def show(record: Record | None) -> None:
            self._opening.discard(record_id)
            if record is None or self._bring_to_front(record_id):
                return
            self._show(record, parent if parent is not None and shiboken6.isValid(parent) else None)

        def failed(error: BaseException) -> None:
            self._opening.discard(record_id)
            self.ctx.runner.report(error, "open record")

        records = self.ctx.records
        self.ctx.runner.run(lambda: records.get(cls, record_id), on_success=show, on_failure=failed,
                            label="open record", owner=self)

    def form_for(self, record_id: str) -> RecordForm | None:
        return next((form for form in self.forms if form.record.id == record_id), None)

    def _bring_to_front(self, record_id: str) -> bool:
        form = self.form_for(record_id)
        if form is None:
            return False
        form.raise_()
        form.activateWindow()
        return True

    def new_household_for(self, parent: RecordForm, on_saved: Callable[[Household], None]) -> HouseholdForm:
        village = getattr(parent, "village", None)
        household = Household(village_code=village.value() if village and village.level() == "village" else "")
        form = self._show(household, parent)
        form.saved.connect(on_saved)
        return form  # type: ignore[return-value]

    def open_history(self, household_id: str, parent: QWidget | None = None) -> HouseholdHistoryDialog:
        from desktop.ui.forms.household_history_dialog import HouseholdHistoryDialog

        dialog = HouseholdHistoryDialog(self.ctx, household_id, parent or self.window)
        dialog.visit_requested.connect(lambda i: self.open_record(Visit, i, dialog))
        dialog.training_requested.connect(lambda i: self.open_record(Training, i, dialog))
        self.history_dialog = dialog
        dialog.open()
        return dialog

    def _show(self, record: Record, parent: QWidget | None = None, *, restored: bool = False,
              base: Record | None = None) -> RecordForm:
        from desktop.ui.forms.household_form import HouseholdForm
        from desktop.ui.forms.training_form import TrainingForm
        from desktop.ui.forms.visit_form import VisitForm

        form = _form_class(record)(self.ctx, record, parent or self.window, restored=restored, base=base)
        form.save_requested.connect(lambda request: self._save(form, request))
        if isinstance(form, VisitForm):
            form.new_household_requested.connect(lambda: self.new_household_for(form, form.households.add_household))
        elif isinstance(form, TrainingForm):
            form.new_household_requested.connect(lambda: self.new_household_for(form, form.named.add_household))
        elif isinstance(form, HouseholdForm):
            form.open_household_requested.connect(lambda i: self.open_record(Household, i))
            form.history_requested.connect(lambda i: self.open_history(i, form))
        form.finished.connect(lambda _r: self.forms.remove(form) if form in self.forms else None)
        self.forms.append(form)
        form.open()
        self.form_opened.emit(form)
        return form

    # --- saving --------------------------------------------------------------------------

    def _save(self, form: RecordForm, request: SaveRequest) -> None:
        records = self.ctx.records

        def call():
            if request.check_duplicates:
                duplicates = records.likely_duplicates(request.record)
                if duplicates:
                    return duplicates, None, Changes()
            saved, changes = records.save(request.record, request.county_code, base=request.base)
            return [], saved, changes

        def succeeded(result) -> None:
            duplicates, saved, _changes = result
            if duplicates:
                form.on_duplicates(duplicates, request)
                return
            form.on_saved(saved, request.close_after, sent=request.record)

        def failed(error: BaseException) -> None:
            if isinstance(error, EditConflict):
                form.on_edit_conflict(error, request)
                return
            form.on_failed()
            self.ctx.runner.report(error, "save")

        self.ctx.runner.write(call, form, on_success=succeeded, on_invalid=form.on_invalid, on_failure=failed,
                              label=f"save {type(request.record).__name__}", owner=form)

    # --- drafts left behind --------------------------------------------------------------

    def offer_drafts(self) -> None:
        """Ask the worker for drafts; if any, offer them back (non-blocking dialog)."""
        self.ctx.runner.run(self.ctx.drafts.pending, on_success=self._drafts_found, label="pending drafts")

    def _drafts_found(self, drafts: list[DraftItem]) -> None:
        drafts = [d for d in drafts if not any(f.draft_key == d.form for f in self.forms)]
        if not drafts:
            return
        from desktop.ui.forms.draft_restore_dialog import DraftRestoreDialog

        dialog = DraftRestoreDialog(drafts, self.window)
        dialog.restore_requested.connect(self.restore_drafts)
        dialog.discard_requested.connect(self.discard_drafts)
        self.draft_dialog = dialog
        dialog.open()

    def restore_drafts(self, drafts: list[DraftItem]) -> None:
        for draft in drafts:
            record = record_from_draft(draft.form, draft.payload)
            if record is not None and not self._bring_to_front(record.id):
                self._show(record, restored=True, base=base_from_draft(draft.form, draft.payload))

    def discard_drafts(self, drafts: list[DraftItem]) -> None:
        service = self.ctx.drafts
        self.ctx.runner.run(lambda: [service.discard(d.form) for d in drafts], label="discard drafts")

    def keep_all_drafts(self) -> None:
        """The app is closing: every form with unsaved input keeps it as a draft."""
        for form in list(self.forms):
            form.keep_draft_and_close()
