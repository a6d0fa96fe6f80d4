"""``fieldbook sync``: one headless sync of a profile, for a township office's scheduler.

Prints one log line per run and exits with a code a script can act on:
0 success · 2 offline / server unreachable · 3 sign-in needed or refused (also a revoked device, an
ended session, or a token file not fit for use) · 4 finished, but conflicts are open, this run's
changes were rejected, or records the server sent could not be stored here and are set aside
(listed in the conflicts window) · 6 the encrypted data folder cannot be opened (no passphrase
given, a wrong one, or its key is not in the key store) · 1 any other failure.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
from pathlib import Path

from sync.client.errors import SyncError, SyncErrorKind
from sync.client.token_file import TokenFile

log = logging.getLogger("fieldbook.sync")

EXIT_OK = 0
EXIT_OTHER = 1
EXIT_OFFLINE = 2
EXIT_AUTH = 3
EXIT_NEEDS_ATTENTION = 4

_EXIT_FOR_KIND = {
    SyncErrorKind.OFFLINE: EXIT_OFFLINE,
    SyncErrorKind.AUTH: EXIT_AUTH,
    SyncErrorKind.REVOKED: EXIT_AUTH,
}


def add_sync_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``fieldbook sync`` (``--profile`` is the app's own option)."""
    parser.add_argument("--server", help="server address, e.g. https://fieldbook.example.cn "
                                         "(default: the one this profile signed in to)")
    parser.add_argument("--user", help="sign in as this user first; the password is read from stdin")
    parser.add_argument("--token-file", type=Path,
                        help="keep this profile's device token in FILE (mode 0600, yours) instead of the "
                             "system key store: for scheduled sync on a box without one")
    parser.add_argument("--ca-bundle", help="PEM file of the CA that signed the server's certificate")
    parser.add_argument("-v", "--verbose", action="store_true", help="log each step, not just the outcome")


def run_sync(args: argparse.Namespace) -> int:
    """Run one sync for ``args.profile`` (None: the default profile); returns the exit code."""
    from desktop.profile import open_profile
    from desktop.services.sync_service import SyncService

    verbose = getattr(args, "verbose", False)
    if verbose:
        log.setLevel(logging.DEBUG)
    else:
        logging.getLogger("sync.client").setLevel(logging.ERROR)  # one line per run: this module's
    started = time.monotonic()
    stop = _CancelOnSignal()
    profile = open_profile(args.profile)
    try:
        service = SyncService(profile.store, ca_bundle=args.ca_bundle)
        if getattr(args, "token_file", None) is not None:
            service.credentials = TokenFile(args.token_file.expanduser().absolute(), service.local.device_id())
        account = service.local.account()
        server = (args.server or (account[0] if account else "")).rstrip("/")
        if not server:
            log.error("sync failed (auth): no server: pass --server URL and --user NAME")
            return EXIT_AUTH
        username = args.user or (account[1] if account else None)
        if args.user or account is None or account[0] != server:
            if not username:
                log.error("sync failed (auth): not signed in to %s: pass --user NAME (password on stdin)", server)
                return EXIT_AUTH
            password = sys.stdin.readline().rstrip("\r\n")
            service.sign_in(server, username, password)
        report, _changes = service.sync_now(cancelled=stop.requested)
        overview = service.overview()
    except SyncError as exc:
        # The message is written for people; the detail (library text of the HTTP stack or of the
        # response parser) only for whoever asks for it with --verbose.
        log.error("sync failed (%s): %s", exc.kind.value, exc.message)
        if exc.detail:
            log.debug("technical detail: %s", exc.detail)
        return _EXIT_FOR_KIND.get(exc.kind, EXIT_OTHER)
    except Exception:
        log.error("sync failed: an unexpected error; nothing on this computer was lost. "
                  "Run again with --verbose for the technical detail.")
        log.debug("technical detail", exc_info=True)
        return EXIT_OTHER
    finally:
        stop.restore()
        profile.close()
    elapsed = time.monotonic() - started
    open_conflicts, set_aside = len(overview.open_conflicts), len(overview.set_aside)
    line = (f"{report.summary()}; open conflicts {open_conflicts}; records set aside {set_aside}; "
            f"{report.requests} requests, "
            f"{report.bytes_sent} B sent, {report.bytes_received} B received; {elapsed:.1f} s")
    if report.error is not None:
        log.error("sync %s", line)
        return _EXIT_FOR_KIND.get(report.error.kind, EXIT_OTHER)
    if not report.finished:
        log.warning("sync %s", line)
        return EXIT_OTHER
    if open_conflicts or report.rejected or set_aside:
        log.warning("sync %s", line)
        return EXIT_NEEDS_ATTENTION
    log.info("sync %s", line)
    return EXIT_OK


class _CancelOnSignal:
    """SIGINT / SIGTERM stop the run between two requests, leaving the store consistent."""

    def __init__(self) -> None:
        self._requested = False
        self._previous = {}
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                self._previous[sig] = signal.signal(sig, self._handle)
            except ValueError:  # not the main thread: leave the handlers alone
                pass

    def _handle(self, _signum: int, _frame: object) -> None:
        self._requested = True

    def requested(self) -> bool:
        return self._requested

    def restore(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry: ``python -m desktop.sync_cli [--profile DIR] [--server URL] [--user NAME]``."""
    parser = argparse.ArgumentParser(prog="fieldbook sync", description="Sync a Fieldbook profile with the server.")
    parser.add_argument("--profile", type=Path, help="data folder (default: the platform's user data folder)")
    add_sync_arguments(parser)
    args = parser.parse_args(argv)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    from desktop.services.store_lock import report_locked
    from desktop.store.store_key import StoreLocked

    try:
        return run_sync(args)
    except StoreLocked as locked:  # the data folder's passphrase: $FIELDBOOK_PASSPHRASE
        return report_locked(locked, "fieldbook sync")


if __name__ == "__main__":
    sys.exit(main())
