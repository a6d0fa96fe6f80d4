"""The sign-in dialog: server address, user name and password (or, the first time, an activation code and a
new password), checked by the server on the network worker."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.sync_service import SignInResult
from desktop.ui.sync.controller import SyncController
from desktop.ui.sync.messages import error_text, message_text
from sync.client.errors import SyncError


class SignInDialog(QDialog):
    """Emits ``signed_in(SignInResult)``; a refusal is shown in the dialog, which stays open to retry.
    When the token can only be kept for this session, the dialog says so and waits to be closed."""

    signed_in = Signal(object)

    def __init__(self, controller: SyncController, server_url: str = "", username: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        controller.sign_in_finished.connect(self._done)
        controller.sign_in_failed.connect(self._failed)
        self.setWindowTitle(self.tr("Sign in to the server"))
        self.setMinimumWidth(460)
        intro = QLabel(self.tr("Sign in with the account your administrator gave you. Your records stay on this "
                               "computer; signing in lets them sync with the server."), self)
        intro.setWordWrap(True)
        self.server = QLineEdit(server_url, self)
        self.server.setObjectName("server")
        self.server.setPlaceholderText("https://fieldbook.example.cn")
        self.username = QLineEdit(username, self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.first_time = QCheckBox(self.tr("First sign-in with an activation code"), self)
        self.first_time.setObjectName("first_time")
        self.activation_code = QLineEdit(self)
        self.activation_code.setObjectName("activation_code")
        self.activation_code.setPlaceholderText("ABCD-EFGH-JK")
        self.repeat = QLineEdit(self)
        self.repeat.setObjectName("repeat_password")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.form = form = QFormLayout()
        form.addRow(self.tr("Server address"), self.server)
        form.addRow(self.tr("User name"), self.username)
        form.addRow("", self.first_time)
        form.addRow(self.tr("Activation code"), self.activation_code)
        self.password_label = QLabel(self.tr("Password"), self)
        form.addRow(self.password_label, self.password)
        form.addRow(self.tr("Repeat the new password"), self.repeat)
        self.first_time.toggled.connect(self._show_activation)
        self._show_activation(False)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.sign_in_button = self.buttons.addButton(self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setObjectName("sign_in")
        self.sign_in_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if server_url and username else self.server if not server_url else self.username).setFocus()

    def _show_activation(self, first_time: bool) -> None:
        """The first sign-in asks for the code and a new password, typed twice."""
        self.form.setRowVisible(self.activation_code, first_time)
        self.form.setRowVisible(self.repeat, first_time)
        self.password_label.setText(self.tr("New password") if first_time else self.tr("Password"))
        if first_time:
            self.activation_code.setFocus()

    def submit(self) -> None:
        server, user, password = self.server.text().strip(), self.username.text().strip(), self.password.text()
        code = self.activation_code.text().strip() if self.first_time.isChecked() else None
        if not server.startswith(("http://", "https://")):
            self._show_problem(self.tr("Enter the server address, starting with https://"))
            self.server.setFocus()
            return
        if code is not None and not self._activation_ready(user, code, password):
            return
        if not user or not password:
            self._show_problem(self.tr("Enter your user name and password."))
            (self.username if not user else self.password).setFocus()
            return
        self._busy(True)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Signing in…"))
        self.controller.sign_in(server, user, password, activation_code=code)

    def _activation_ready(self, user: str, code: str, password: str) -> bool:
        from sync.protocol import MIN_PASSWORD_LENGTH  # the wire schema: loaded when an account is activated

        problems = ((not user, self.tr("Enter your user name (your mobile number)."), self.username),
                    (not code, self.tr("Enter the activation code from your sheet."), self.activation_code),
                    (len(password) < MIN_PASSWORD_LENGTH,
                     self.tr("Choose a password of at least %1 characters.").replace("%1", str(MIN_PASSWORD_LENGTH)),
                     self.password),
                    (password != self.repeat.text(), self.tr("The two passwords differ."), self.repeat))
        for failed, text, widget in problems:
            if failed:
                self._show_problem(text)
                widget.setFocus()
                return False
        return True

    def _done(self, result: SignInResult) -> None:
        self._busy(False)
        self.signed_in.emit(result)
        if result.credentials_notice is None:
            self.accept()
            return
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Signed in as %1.").replace("%1", result.display_name) + "\n"
                             + message_text(result.credentials_notice))
        self.sign_in_button.hide()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.accept)

    def _failed(self, error: SyncError) -> None:
        self._busy(False)
        self._show_problem(error_text(error))
        self.password.selectAll()
        self.password.setFocus()

    def _show_problem(self, text: str) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(text)

    def _busy(self, busy: bool) -> None:
        for widget in (self.server, self.username, self.password, self.first_time, self.activation_code, self.repeat,
                       self.sign_in_button):
            widget.setEnabled(not busy)
