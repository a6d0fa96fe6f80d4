"""Sync's outcomes in the user's language: error messages, progress phases and the summary of a run."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QObject

from desktop.domain.i18n import QT_TRANSLATE_NOOP
from desktop.services.sync_service import ACTIVATION_REFUSED, NOT_SIGNED_IN
from sync.client.credentials import NO_SECURE_STORE
from sync.client.report import SyncPhase, SyncProgress, SyncReport
from sync.client.errors import MESSAGES, SESSION_ENDED, SyncError, SyncErrorKind

CONTEXT = "SyncMessages"

#: The sync module's English messages (sync/ never imports Qt), marked here for the translators.
_KNOWN = {
    MESSAGES[SyncErrorKind.OFFLINE]: QT_TRANSLATE_NOOP(
        "SyncMessages", "Cannot reach the server. Check the network connection and try again."),
    MESSAGES[SyncErrorKind.AUTH]: QT_TRANSLATE_NOOP(
        "SyncMessages", "The server did not accept your sign-in. Please sign in again."),
    MESSAGES[SyncErrorKind.REVOKED]: QT_TRANSLATE_NOOP(
        "SyncMessages",
        "This device has been revoked by an administrator. Ask them to restore it, then sign in again."),
    MESSAGES[SyncErrorKind.UPGRADE_REQUIRED]: QT_TRANSLATE_NOOP(
        "SyncMessages", "This version of Fieldbook is too old for the server; please upgrade."),
    MESSAGES[SyncErrorKind.SERVER]: QT_TRANSLATE_NOOP(
        "SyncMessages", "The server had a problem. Your records are safe on this computer; try again later."),
    MESSAGES[SyncErrorKind.PROTOCOL]: QT_TRANSLATE_NOOP(
        "SyncMessages", "The server and this version of Fieldbook do not understand each other."),
    "The user name or password is wrong.": QT_TRANSLATE_NOOP("SyncMessages", "The user name or password is wrong."),
    ACTIVATION_REFUSED: QT_TRANSLATE_NOOP(
        "SyncMessages", "The user name or activation code is wrong, or the code was used or has expired. "
        "Ask your administrator for a new code."),
    "Too many failed sign-ins. Wait a little and try again.": QT_TRANSLATE_NOOP(
        "SyncMessages", "Too many failed sign-ins. Wait a little and try again."),
    "This account has been deactivated. Ask your administrator.": QT_TRANSLATE_NOOP(
        "SyncMessages", "This account has been deactivated. Ask your administrator."),
    "This computer's profile is registered to another user. Use your own profile to sign in.": QT_TRANSLATE_NOOP(
        "SyncMessages", "This computer's profile is registered to another user. Use your own profile to sign in."),
    "This profile belongs to another account. Sign in as its owner, or use another profile for this account.":
        QT_TRANSLATE_NOOP("SyncMessages", "This profile belongs to another account. Sign in as its owner, "
                                          "or use another profile for this account."),
    "Enter your user name and password.": QT_TRANSLATE_NOOP("SyncMessages", "Enter your user name and password."),
    "The server address is not usable; write it as https://name.of.the.server": QT_TRANSLATE_NOOP(
        "SyncMessages", "The server address is not usable; write it as https://name.of.the.server"),
    SESSION_ENDED: QT_TRANSLATE_NOOP(
        "SyncMessages", "Your sign-in has ended because your password, role or station was changed. Please sign "
                        "in again; changes not sent yet are kept and sent then."),
    NOT_SIGNED_IN: QT_TRANSLATE_NOOP("SyncMessages", "Sign in to the server first."),
    NO_SECURE_STORE: QT_TRANSLATE_NOOP(
        "SyncMessages", "No secure key store on this computer; you will be asked to sign in again next time."),
}
_WAIT = re.compile(r"Too many failed sign-ins\. Try again in (\d+) seconds\.")
_PHASES = {
    SyncPhase.PUSH: QT_TRANSLATE_NOOP("SyncMessages", "Sending changes"),
    SyncPhase.PULL: QT_TRANSLATE_NOOP("SyncMessages", "Receiving changes"),
    SyncPhase.UPLOAD: QT_TRANSLATE_NOOP("SyncMessages", "Sending photos"),
    SyncPhase.DOWNLOAD: QT_TRANSLATE_NOOP("SyncMessages", "Receiving photos"),
}


def _tr(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def _fill(text: str, *values: object) -> str:
    for n, value in enumerate(values, start=1):
        text = text.replace(f"%{n}", str(value))
    return text


def message_text(message: str) -> str:
    """A message of the sync module in the UI language (English if it is one we do not know)."""
    if message in _KNOWN:
        return _tr(_KNOWN[message])
    wait = _WAIT.fullmatch(message)
    if wait:
        return _fill(QCoreApplication.translate("SyncMessages", "Too many failed sign-ins. Try again in %1 seconds."),
                     wait.group(1))
    return message


def error_text(error: SyncError) -> str:
    """What to tell the user: the specific message if we know it, else the general one of its kind."""
    if error.message in _KNOWN or _WAIT.fullmatch(error.message):
        return message_text(error.message)
    return message_text(MESSAGES[error.kind])


def progress_text(progress: SyncProgress) -> str:
    phase = _tr(_PHASES[progress.phase])
    if progress.total:
        return _fill(QCoreApplication.translate("SyncMessages", "%1: %2 of %3"), phase, progress.done, progress.total)
    return _fill(QCoreApplication.translate("SyncMessages", "%1: %2 so far"), phase, progress.done)


def summary_text(report: SyncReport) -> str:
    """A short, honest account of a run: how it ended, what went, what came, what is still waiting."""
    if report.error is not None:
        head = _fill(QCoreApplication.translate("SyncMessages", "Sync stopped: %1"), error_text(report.error))
    elif report.cancelled:
        head = QCoreApplication.translate(
            "SyncMessages", "Sync cancelled. Nothing is lost; the next sync continues where this one stopped.")
    elif report.finished:
        head = QCoreApplication.translate("SyncMessages", "Sync finished.")
    else:
        head = QCoreApplication.translate("SyncMessages", "Sync did not finish.")
    lines = [head, _fill(QCoreApplication.translate("SyncMessages", "Sent: %1 · received: %2"),
                         report.pushed, report.pulled)]
    lines += SyncMessages().count_lines(report)
    if not (report.still_pending or report.uploads_pending or report.downloads_pending):
        lines.append(QCoreApplication.translate("SyncMessages", "Nothing is waiting to be sent."))
    return "\n".join(lines)


class SyncMessages(QObject):
    """The counted lines of a run's summary. A QObject because lupdate marks a plural only in a
    ``self.tr(…, "", n)`` call, so that "%n change(s)" reads "1 change" / "2 changes" in English."""

    def count_lines(self, report: SyncReport) -> list[str]:
        # Counts go through plain names: lupdate does not see a plural tr() whose count is an
        # attribute expression.
        conflicts, rejected, set_aside = report.conflicts, report.rejected, report.set_aside
        pending, uploads, downloads = report.still_pending, report.uploads_pending, report.downloads_pending
        counted = (
            (conflicts, self.tr("%n change(s) met another person's edit: see Conflicts.", "", conflicts)),
            (rejected, self.tr("%n change(s) were refused by the server: see Conflicts.", "", rejected)),
            (set_aside, self.tr("%n record(s) from the server could not be stored here and were set aside: "
                                "see Conflicts.", "", set_aside)),
            (pending, self.tr("%n change(s) still waiting to be sent.", "", pending)),
            (uploads, self.tr("%n photo(s) still waiting to be sent.", "", uploads)),
            (downloads, self.tr("%n photo(s) still waiting to be received.", "", downloads)),
        )
        return [text for n, text in counted if n]
