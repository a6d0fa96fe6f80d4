"""The passphrase dialog: the unlock form has one field, a new passphrase is typed twice and long enough."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from desktop.ui.widgets.passphrase_dialog import PassphraseDialog


def shown_fields(dialog: PassphraseDialog) -> list[QLineEdit]:
    return [field for field in dialog.findChildren(QLineEdit) if field.isVisible()]


def test_unlocking_asks_for_the_passphrase_once_and_shows_no_stray_field(qtbot):
    dialog = PassphraseDialog("Unlock Fieldbook", "Type the passphrase of your Fieldbook data.", new=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert shown_fields(dialog) == [dialog.first]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.first.setText("x")  # any passphrase may be tried: the store says whether it opens
    assert ok.isEnabled()


def test_a_new_passphrase_is_typed_twice_and_long_enough(qtbot):
    dialog = PassphraseDialog("Protect your data", "Choose one.", new=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert shown_fields(dialog) == [dialog.first, dialog.second]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.first.setText("短短")
    dialog.second.setText("短短")
    assert not ok.isEnabled() and "8" in dialog.problem.text()
    dialog.first.setText("草原上的 2026")
    assert not ok.isEnabled() and dialog.problem.text()
    dialog.second.setText("草原上的 2026")
    assert ok.isEnabled() and dialog.passphrase() == "草原上的 2026"
