"""First run: who uses this laptop — name, role, kind of specialist, station and home county. Offline."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.domain.search_text import matches
from desktop.domain.validation import ValidationError
from desktop.services import vocabulary
from desktop.services.identity import SPECIALIST_TYPES, Identity, IdentityService
from desktop.services.reference import ReferenceService
from desktop.ui.backup.first_run import FirstRunRestore
from desktop.ui.widgets.form_fields import ErrorLabel, FieldErrors, add_field_row
from desktop.ui.shell.i18n import vocab
from desktop.ui.shell.operations import OperationRunner
from desktop.ui.widgets.search_list import SearchList
from desktop.ui.widgets.screen_fit import fit_to_screen
from sync.domain.vocabulary import Role


class FirstRunDialog(QDialog):
    """Accepted once IdentityService.set_up succeeded; ``identity`` then holds the new user."""

    def __init__(self, identity: IdentityService, reference: ReferenceService, runner: OperationRunner,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._identity_service = identity
        self._runner = runner
        self.identity: Identity | None = None
        self.setWindowTitle(self.tr("Welcome to Fieldbook"))
        intro = QLabel(self.tr("Tell Fieldbook who uses this laptop. Everything works without a network; "
                               "your account on the server is linked the first time you sync."), self)
        intro.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setObjectName("display_name")
        self.name.setPlaceholderText(self.tr("Your full name"))
        self.role = QComboBox(self)
        self.role.setObjectName("role")
        for role in (Role.SPECIALIST, Role.STATION_MANAGER):
            self.role.addItem(vocab(vocabulary.ROLES, role), role.value)
        self.specialist_type = QComboBox(self)
        self.specialist_type.setObjectName("specialist_type")
        for code in SPECIALIST_TYPES:
            self.specialist_type.addItem(vocab(SPECIALIST_TYPES, code), code)
        stations = reference.stations()
        self.station = SearchList(
            lambda text: [(s.code, s.name) for s in stations if matches(text, s.name)],
            self.tr("Search your workstation (name or pinyin initials)"), self)
        self.station.setObjectName("station")
        self.county = SearchList(
            lambda text: [(d.code, d.path or d.name)
                          for d in reference.search_divisions(text, level="county", limit=120)],
            self.tr("Search your home county, e.g. blzq or 巴林"), self)
        self.county.setObjectName("home_county")

        self.banner = ErrorLabel(self)
        self.errors = FieldErrors(self.banner)
        form = QFormLayout()
        add_field_row(form, self.errors, self.tr("Name"), self.name, "display_name")
        add_field_row(form, self.errors, self.tr("Role"), self.role, "role")
        add_field_row(form, self.errors, self.tr("I am a"), self.specialist_type, "specialist_type")
        add_field_row(form, self.errors, self.tr("Workstation (optional)"), self.station, "station_code",
                      focus=self.station.search)
        add_field_row(form, self.errors, self.tr("Home county"), self.county, "home_county_code",
                      focus=self.county.search)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Start"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.restorer = FirstRunRestore(identity, runner, self)
        self.restorer.restored.connect(self._restored)
        self.buttons.addButton(self.restorer.button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.restorer.result)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 620, 720)

    def submit(self) -> None:
        if self.identity is not None:  # restored from a backup: its user needs no setting up
            self.accept()
            return
        service = self._identity_service
        name, role = self.name.text(), Role(self.role.currentData())
        kind, station, county = self.specialist_type.currentData(), self.station.value() or None, self.county.value()
        if not county:
            missing = QCoreApplication.translate("Validation", "Choose a county from the list.")
            self.errors.clear()
            self.errors.label("home_county_code").show_message(missing)
            self.county.search.setFocus()
            return
        self.ok_button.setEnabled(False)
        self._runner.run(lambda: service.set_up(name, role, kind, station, county),
                         on_success=self._done, on_invalid=self._invalid,
                         on_failure=self._failed, label="first run set-up")

    def _done(self, result: tuple[Identity, object]) -> None:
        self.identity = result[0]
        self.accept()

    def _restored(self, identity: Identity | None) -> None:
        self.identity = identity
        if identity is not None:
            for field in (self.name, self.role, self.specialist_type, self.station, self.county):
                field.setEnabled(False)
            self.ok_button.setText(self.tr("Open Fieldbook"))

    def _invalid(self, error: ValidationError) -> None:
        self.ok_button.setEnabled(True)
        self.errors.show(error)

    def _failed(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self._runner.report(error, "first run set-up")
