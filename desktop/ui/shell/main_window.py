"""The main window: navigation between the pages, the menus and the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QMessageBox, QStackedWidget, QWidget

from desktop.domain import kinds
from desktop.domain.records import DemonstrationBase, DemonstrationProject, Household, Training, Visit
from desktop.services.changes import Changes
from desktop.ui.backup.actions import BackupActions
from desktop.ui.demonstrations.page import DemonstrationsPage
from desktop.ui.shell.context import AppContext
from desktop.ui.shell.error_dialog import ErrorDialog
from desktop.ui.forms.form_controller import FormController
from desktop.ui.lists.record_columns import (
    HOUSEHOLD_COLUMNS,
    TRAINING_COLUMNS,
    VISIT_COLUMNS,
    household_source,
    training_source,
    visit_source,
)
from desktop.ui.lists.household_merge_action import HouseholdMergeAction
from desktop.ui.lists.record_list_page import RecordListPage
from desktop.ui.review.page import ReviewPage
from desktop.ui.shell.help_dialog import HelpDialog
from desktop.ui.shell.i18n import ui_is_english
from desktop.ui.shell.navigation import PAGES, navigation_list, window_title
from desktop.ui.shell.settings_dialog import SettingsDialog
from desktop.ui.statistics.page import StatisticsPage
from desktop.ui.shell.status_bar import SyncStatusBar
from desktop.ui.sync.actions import SyncActions
from desktop.ui.widgets.screen_fit import fit_to_screen

class MainWindow(QMainWindow):
    """Every write reaches the window, and each page, on the change bus ``ctx.runner.changed(changes,
    initiator)``: the window forgets cached reference data and refreshes the status bar, the pages
    re-query what they list."""

    language_change_requested = Signal(str)

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(window_title(ctx.demo))
        ctx.runner.changed.connect(self._apply_changes)  # first: pages then read fresh reference data
        self.forms = FormController(ctx, self)
        self.dialog: QWidget | None = None  # the settings / about / error dialog last opened

        records = ctx.records
        self.visits_page = RecordListPage(ctx, kind="visit", source=visit_source(records), columns=VISIT_COLUMNS,
                                          new_label=self.tr("New visit"), watches=("visits", "identity"))
        self.trainings_page = RecordListPage(ctx, kind="training", source=training_source(records),
                                             columns=TRAINING_COLUMNS, new_label=self.tr("New training session"),
                                             watches=("trainings", "identity"), with_service_type=False)
        self.households_page = RecordListPage(ctx, kind="household", source=household_source(records),
                                              columns=HOUSEHOLD_COLUMNS, new_label=self.tr("New household"),
                                              watches=("households",), with_record_filters=False)
        self.household_merge = HouseholdMergeAction(ctx, self.households_page, self)
        self.demonstrations_page = DemonstrationsPage(ctx)
        self.demonstrations_page.new_requested.connect(self.forms.new_record)
        self.demonstrations_page.open_requested.connect(self.forms.open_record)
        self.review_page = ReviewPage(ctx)
        self.review_page.open_requested.connect(
            lambda kind, record_id: self.forms.open_record(kinds.record_class(kind), record_id))
        self.statistics_page = StatisticsPage(ctx)
        self.pages: dict[str, QWidget] = {
            "visits": self.visits_page, "trainings": self.trainings_page, "households": self.households_page,
            "demonstrations": self.demonstrations_page, "review": self.review_page, "statistics": self.statistics_page,
        }
        self.nav = navigation_list(self)
        self.stack = QStackedWidget(self)
        for key in PAGES:
            self.stack.addWidget(self.pages[key])
        self.nav.currentRowChanged.connect(self._page_changed)
        for page, cls in ((self.visits_page, Visit), (self.trainings_page, Training),
                          (self.households_page, Household)):
            page.new_requested.connect(lambda c=cls: self.forms.new_record(c))
            page.open_requested.connect(lambda record_id, c=cls: self.forms.open_record(c, record_id))

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status = SyncStatusBar(ctx, self)
        self.setStatusBar(self.status)
        self.sync = SyncActions(ctx, self, self.status)
        self._build_menus()
        ctx.runner.failed.connect(self.show_error)
        geometry = ctx.settings.geometry("main_window")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        fit_to_screen(self, self.width(), self.height())  # also when last closed on a larger screen
        self.nav.setCurrentRow(0)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_actions = {
            "visits": QAction(self.tr("New &visit"), self, triggered=lambda: self.forms.new_record(Visit)),
            "trainings": QAction(self.tr("New &training session"), self,
                                 triggered=lambda: self.forms.new_record(Training)),
            "households": QAction(self.tr("New &household"), self, triggered=lambda: self.forms.new_record(Household)),
            "demonstrations": QAction(self.tr("New demonstration &base"), self,
                                      triggered=lambda: self.forms.new_record(DemonstrationBase)),
        }
        self.new_project_action = QAction(self.tr("New demonstration &project"), self,
                                          triggered=lambda: self.forms.new_record(DemonstrationProject))
        for action in (*self.new_actions.values(), self.new_project_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.backup = BackupActions(self.ctx, self)
        file_menu.addAction(self.backup.backup_action)
        file_menu.addAction(self.backup.restore_action)
        file_menu.addSeparator()
        self.settings_action = file_menu.addAction(self.tr("&Settings…"), self.open_settings)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("&Quit"), self.close)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.menuBar().addMenu(self.sync.menu)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.guide_action = help_menu.addAction(self.tr("&User guide"), self.show_guide)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        help_menu.addAction(self.tr("&About Fieldbook"), self.show_about)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)

    # --- pages ---------------------------------------------------------------------------

    def start(self) -> None:
        """Load the lists and the status, and offer back drafts a crash left (all on the worker)."""
        for page in (self.visits_page, self.trainings_page, self.households_page, self.demonstrations_page):
            page.start()
        self.sync.start()  # its overview fills the status bar too
        self.forms.offer_drafts()

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(PAGES.index(key))

    def current_page_key(self) -> str:
        return PAGES[self.stack.currentIndex()]

    def focus_search(self) -> None:
        page = self.pages[self.current_page_key()]
        if isinstance(page, (RecordListPage, DemonstrationsPage)):
            page.focus_search()

    def _page_changed(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        if PAGES[row] in ("review", "statistics"):  # loaded when first shown: start-up stays fast
            self.pages[PAGES[row]].start()
        # Ctrl+N creates a record of the kind on screen (a visit on the pages without records).
        target = PAGES[row] if PAGES[row] in self.new_actions else "visits"
        for key, action in self.new_actions.items():
            action.setShortcut(QKeySequence.StandardKey.New if key == target else QKeySequence())

    def _apply_changes(self, changes: Changes, initiator: object) -> None:
        self.last_changes = (changes, initiator)
        if changes.reference:
            self.ctx.reference.clear()
        if changes.any():
            self.status.refresh()

    # --- dialogs -------------------------------------------------------------------------

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.ctx.settings, self.ctx.profile.folder, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.language_changed.connect(self.language_change_requested)
        self.dialog = dialog
        dialog.open()
        return dialog

    def show_guide(self) -> HelpDialog:
        dialog = HelpDialog("en" if ui_is_english() else "zh_CN", self)  # the language in force
        dialog.show()
        return dialog

    def show_about(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About Fieldbook"), self.tr(
            "<b>Fieldbook — S&amp;T service log</b><br>For the specialists of the Inner Mongolia action plan "
            "\"Excellent young and middle-aged S&amp;T talents help rural revitalisation\": record visits, "
            "training sessions and households offline, and sync at the township office."), parent=self)
        self.dialog = box
        box.open()
        return box

    def show_error(self, error: BaseException, trace: str) -> None:
        dialog = ErrorDialog(error, trace, self)
        self.dialog = dialog
        dialog.open()

    # --- closing -------------------------------------------------------------------------

    def save_geometry(self) -> None:
        self.ctx.settings.set_geometry("main_window", self.saveGeometry())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.forms.keep_all_drafts()
        self.sync.shutdown()
        self.ctx.runner.wait_idle()
        self.save_geometry()
        super().closeEvent(event)
