"""What the user is told when the encrypted data folder cannot be opened (the app translates it)."""

from __future__ import annotations

import sys

from desktop.domain.i18n import QT_TRANSLATE_NOOP
from desktop.store.store_key import MIN_PASSPHRASE, LockProblem, StoreLocked, set_passphrase_prompt

__all__ = ["EXIT_LOCKED", "MIN_PASSPHRASE", "LockProblem", "StoreLocked", "lock_message", "report_locked",
           "set_passphrase_prompt"]

#: The exit code of a headless command that could not open the encrypted data folder (no
#: passphrase, a wrong one, no key).
EXIT_LOCKED = 6

#: What the user is told for each problem (the app translates these, the commands print them).
MESSAGES = {
    LockProblem.NO_PASSPHRASE: QT_TRANSLATE_NOOP(
        "StoreKey", "This data folder is encrypted with a passphrase and none was given (on the command "
                    "line: --passphrase-stdin or $FIELDBOOK_PASSPHRASE)."),
    LockProblem.WRONG_PASSPHRASE: QT_TRANSLATE_NOOP(
        "StoreKey", "This passphrase does not open the data folder. Nothing was changed."),
    LockProblem.KEY_MISSING: QT_TRANSLATE_NOOP(
        "StoreKey", "The key of this data folder is not in this computer's key store (another user "
                    "account, or the key store was reset). Restore a backup into a new data folder."),
    LockProblem.TOO_SHORT: QT_TRANSLATE_NOOP(
        "StoreKey", "Choose a passphrase of at least 8 characters."),
}


def lock_message(locked: StoreLocked) -> str:
    return MESSAGES[locked.problem]


def report_locked(locked: StoreLocked, prog: str = "fieldbook") -> int:
    """Tell a headless command's user why the data folder stays shut; returns the exit code."""
    print(f"{prog}: {lock_message(locked)}", file=sys.stderr)
    return EXIT_LOCKED
