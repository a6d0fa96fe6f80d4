"""``fieldbook export``: a year's indicators or a record list, from a profile to XLSX, CSV or PDF, headless.

    fieldbook export --profile DIR --year 2026 --area 150422 [--station WS-045] --format xlsx|pdf|csv
                     --out FILE [--lang en] [--what indicators|visits|trainings|households] [--include-submitted]

Indicators go to XLSX (summary, breakdowns, specialists, coverage, raw records) or to the printable
PDF evaluation report; record lists go to XLSX or CSV. Exit codes: 0 written · 2 bad arguments
(unknown area or station, a format the content has no form in) · 3 no profile in the folder ·
4 the file cannot be written · 1 anything else. The file appears whole or not at all.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("fieldbook.export")

EXIT_OK, EXIT_OTHER, EXIT_USAGE, EXIT_NO_PROFILE, EXIT_CANNOT_WRITE = 0, 1, 2, 3, 4
WHATS = ("indicators", "visits", "trainings", "households")
FORMATS = ("xlsx", "pdf", "csv")


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``fieldbook export``. ``--profile`` and ``--lang`` may also come before the
    subcommand (the app's own options): here they default to SUPPRESS so they never undo those."""
    parser.add_argument("--profile", type=Path, default=argparse.SUPPRESS, help="data folder of the profile")
    parser.add_argument("--lang", choices=["zh_CN", "en"], default=argparse.SUPPRESS,
                        help="language of headers and labels (default: zh_CN)")
    parser.add_argument("--what", choices=WHATS, default="indicators", help="what to export (default: indicators)")
    parser.add_argument("--year", type=int, help="calendar year (required for indicators; filters lists)")
    parser.add_argument("--area", help="15 (the region), a league or a county code (required for indicators; "
                                       "with --station, the area whose coverage the report shows)")
    parser.add_argument("--station", help="one station's records only, wherever they were made, e.g. WS-045")
    parser.add_argument("--include-submitted", action="store_true",
                        help="count submitted records not yet reviewed too (default: approved records only; "
                             "drafts and returned records never count)")
    parser.add_argument("--format", choices=FORMATS, help="default: from the --out file name")
    parser.add_argument("--out", type=Path, required=True, help="the file to write")


def run_export(args: argparse.Namespace) -> int:
    """Make the export ``args`` ask for; returns the exit code. Messages go to stderr / stdout."""
    problem = _check(args)
    if problem:
        return _fail(EXIT_USAGE, problem)
    folder = getattr(args, "profile", None)
    from desktop.profile import default_profile_dir
    from desktop.store.store import DB_NAME

    folder = folder or default_profile_dir()
    if not (folder / DB_NAME).is_file():
        return _fail(EXIT_NO_PROFILE, f"no Fieldbook profile in {folder} (expected {DB_NAME} there)")
    out: Path = args.out
    if not out.parent.is_dir():
        return _fail(EXIT_CANNOT_WRITE, f"cannot write {out}: the folder {out.parent} does not exist")
    from desktop.reports.exporter import Exporter
    from desktop.reports.pdf_canvas import MissingFontError
    from desktop.services.export import ExportError

    partial = out.with_name(f".{out.name}.partial")
    try:
        with Exporter.open(folder, getattr(args, "lang", None) or "zh_CN") as exporter:
            summary = exporter.export(args.what, args.format, partial, year=args.year, area=args.area,
                                      station=args.station, approved_only=not args.include_submitted)
        os.replace(partial, out)
    except ExportError as exc:
        return _fail(EXIT_USAGE, str(exc))
    except MissingFontError as exc:
        return _fail(EXIT_OTHER, str(exc))
    except OSError as exc:
        return _fail(EXIT_CANNOT_WRITE, f"cannot write {out}: {exc.strerror or exc}")
    except Exception:
        log.exception("export failed: unexpected error")
        return EXIT_OTHER
    finally:
        partial.unlink(missing_ok=True)
    print(f"wrote {out}: {summary}")
    return EXIT_OK


def _check(args: argparse.Namespace) -> str | None:
    """What is wrong with the arguments as a whole, or None; fills in the format from the file name."""
    if args.format is None:
        suffix = args.out.suffix.lower().lstrip(".")
        if suffix not in FORMATS:
            return f"say --format xlsx, pdf or csv (cannot tell from the name {args.out.name!r})"
        args.format = suffix
    if args.what == "indicators":
        if args.year is None or args.area is None:
            return "indicators need --year and --area (15 for the region, a league or a county code)"
        if args.format == "csv":
            return "indicators have several tables: export them as xlsx or pdf (csv is for record lists)"
    elif args.format == "pdf":
        return f"{args.what} export as xlsx or csv; the pdf is the indicators' evaluation report"
    if args.year is not None and not 2000 <= args.year <= 2100:
        return f"--year {args.year}: give a calendar year such as 2026"
    return None


def _fail(code: int, message: str) -> int:
    print(f"fieldbook export: error: {message}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry: ``python -m desktop.export_cli --profile DIR --year 2026 --area 150422 --out r.xlsx``."""
    parser = argparse.ArgumentParser(prog="fieldbook export", description="Export Fieldbook records and indicators.")
    add_export_arguments(parser)
    args = parser.parse_args(argv)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return run_export(args)


if __name__ == "__main__":
    sys.exit(main())
