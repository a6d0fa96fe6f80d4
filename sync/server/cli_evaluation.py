"""The ``fieldbook-server report evaluation`` and ``evaluation weights|confirm|key-counties|counts`` subcommands."""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from collections.abc import Callable

from sync.server.cli_commands import CommandError, _database
from sync.domain.evaluation_document import label
from sync.domain.evaluation_plan import PLAN_COUNTS
from sync.evaluation_files import FORMATS, write
from sync.server.services import audit
from sync.server.services import evaluation as evaluation_service

_AREA = re.compile(r"15([0-9]{2}([0-9]{2})?)?")


def add_parsers(commands: argparse._SubParsersAction, _common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Adds the subcommands; ``_common`` adds --db and --data-dir as every command has them."""
    report = commands.add_parser("report", help="reports written headless").add_subparsers(dest="what", required=True)
    ev = report.add_parser("evaluation", help="the year-end evaluation of an area, as JSON, XLSX or PDF")
    _common(ev)
    ev.add_argument("--year", type=int, required=True)
    ev.add_argument("--area", required=True, help='"15" (the region), a league (4 digits) or a county (6)')
    ev.add_argument("--format", choices=FORMATS, default="json")
    ev.add_argument("--out", required=True, metavar="FILE")
    ev.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN", help="language of the XLSX and PDF")
    ev.add_argument("--include-submitted", action="store_true",
                    help="count submitted records not yet reviewed too (default: approved only)")
    ev.set_defaults(run=report_evaluation)

    group = commands.add_parser("evaluation", help="the evaluation's weights and 后补助 confirmations")
    actions = group.add_subparsers(dest="action", required=True)
    weights = actions.add_parser("weights", help="show a year's weights, or set some with KEY=VALUE")
    _common(weights)
    weights.add_argument("--year", type=int, required=True)
    weights.add_argument("values", nargs="*", metavar="KEY=VALUE")
    weights.set_defaults(run=evaluation_weights)
    confirm = actions.add_parser("confirm", help="confirm a recommended station's or county's 后补助")
    _common(confirm)
    confirm.add_argument("--year", type=int, required=True)
    confirm.add_argument("kind", choices=["station", "county"])
    confirm.add_argument("unit_id")
    confirm.set_defaults(run=evaluation_confirm)
    key = actions.add_parser("key-counties", help="show a year's key counties (重点旗县), or set the list")
    _common(key)
    key.add_argument("--year", type=int, required=True)
    key.add_argument("codes", nargs="*", metavar="CODE", help="6-digit 旗县区 codes; the list replaces the last one")
    key.add_argument("--clear", action="store_true", help="the year has no key counties")
    key.set_defaults(run=evaluation_key_counties)
    counts = actions.add_parser("counts", help="show a year's plan counts, or set some with KEY=NUMBER")
    _common(counts)
    counts.add_argument("--year", type=int, required=True)
    counts.add_argument("values", nargs="*", metavar="KEY=NUMBER",
                        help=f"keys: {', '.join(PLAN_COUNTS)} (technicians in people, not person-times)")
    counts.set_defaults(run=evaluation_counts)


def _year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise CommandError(f"--year {year}: give a calendar year such as 2026")
    return year


def report_evaluation(args: argparse.Namespace) -> None:
    if not _AREA.fullmatch(args.area):
        raise CommandError(f"--area {args.area}: give 15, a 4-digit league or a 6-digit county code")
    out = Path(args.out)
    if not out.parent.is_dir():
        raise CommandError(f"--out {out}: the folder {out.parent} does not exist")
    with _database(args) as db:
        started = time.perf_counter()
        doc = evaluation_service.evaluation_document(db, _year(args.year), args.area, not args.include_submitted)
        partial = out.with_name(f".{out.name}.partial")
        write(doc, args.format, partial, args.lang)
        partial.replace(out)
    counts = ", ".join(f"{len(units)} {label(kind, 'en').lower()}" for kind, units in doc["units"].items())
    print(f"wrote {out}: {counts}, {len(doc['recommendations'])} recommended "
          f"({doc['counting_label']['en'].lower()}) in {time.perf_counter() - started:.2f} s")


def evaluation_key_counties(args: argparse.Namespace) -> None:
    if args.clear and args.codes:
        raise CommandError("give codes or --clear, not both")
    with _database(args) as db:
        year = _year(args.year)
        shown = (evaluation_service.set_plan(db, year, args.codes, None, audit.command_line())
                 if args.codes or args.clear else evaluation_service.plan_data(db, year))[0]
    print("\n".join(shown) if shown else f"no key counties set for {year}")


def evaluation_counts(args: argparse.Namespace) -> None:
    values: dict[str, int] = {}
    for item in args.values:
        key, sep, text = item.partition("=")
        if not sep or not text.strip().isdigit():
            raise CommandError(f"{item}: give KEY=NUMBER, a whole number")
        values[key] = int(text)
    with _database(args) as db:
        year = _year(args.year)
        shown = (evaluation_service.set_plan(db, year, None, values, audit.command_line()) if values
                 else evaluation_service.plan_data(db, year))[1]
    for key in PLAN_COUNTS:
        print(f"{key}\t{shown[key] if key in shown else 'not entered'}")


def evaluation_weights(args: argparse.Namespace) -> None:
    values: dict[str, float] = {}
    for item in args.values:
        key, sep, text = item.partition("=")
        try:
            values[key] = float(text) if sep else float("nan")
        except ValueError:
            raise CommandError(f"{item}: give KEY=NUMBER") from None
        if not sep:
            raise CommandError(f"{item}: give KEY=NUMBER")
    with _database(args) as db:
        year = _year(args.year)
        shown = (evaluation_service.set_weights(db, year, values, audit.command_line()) if values
                 else evaluation_service.weights(db, year))
    for key, value in shown.items():
        print(f"{key}\t{value:g}")


def evaluation_confirm(args: argparse.Namespace) -> None:
    with _database(args) as db:
        score = evaluation_service.confirm(db, _year(args.year), args.kind, args.unit_id,
                                           audit.command_line())
    print(f"{args.kind} {args.unit_id}: 后补助 confirmed for {args.year} at score {score:g}")
