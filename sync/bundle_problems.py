"""Why a sync bundle was refused: the problem, for a message in the user's language, and its error.

Apart from the bundle file itself (libsodium) so that the app's windows can name every problem
without loading the cryptography at start-up.
"""

from __future__ import annotations

from enum import StrEnum


class BundleProblem(StrEnum):
    """Why a bundle was refused, for a message in the user's language."""

    NOT_A_BUNDLE = "not_a_bundle"
    CUT_SHORT = "cut_short"
    DAMAGED = "damaged"
    ANOTHER_RECIPIENT = "another_recipient"
    FORGED = "forged"
    WRONG_KIND = "wrong_kind"
    NEWER_FORMAT = "newer_format"
    NOT_SIGNED_IN = "not_signed_in"
    OUT_OF_ORDER = "out_of_order"
    HISTORY_CHANGED = "history_changed"
    REFUSED_BY_SERVER = "refused_by_server"
    UNREADABLE = "unreadable"


class BundleError(ValueError):
    """The file is no bundle this side can take; the message says why, for the person holding it."""

    def __init__(self, message: str, problem: BundleProblem = BundleProblem.DAMAGED):
        super().__init__(message)
        self.problem = problem
