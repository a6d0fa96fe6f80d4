"""Reading and checking an office's roster (XLSX or CSV): every row checked before anything is written."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from sync.domain.vocabulary import Role
from sync.server.store import divisions, stations

#: Column → the headers that name it (Chinese first, as offices write them; English accepted).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "name", "display name"),
    "phone": ("手机号", "手机", "手机号码", "phone", "mobile"),
    "role": ("角色", "role"),
    "specialist_type": ("专家类型", "specialist type", "type"),
    "station": ("工作站", "工作站编码", "station", "station code"),
    "county": ("旗县区", "旗县", "county"),
    "league": ("盟市", "league"),
}
REQUIRED = ("name", "phone", "role")
HEADERS_ZH = ("姓名", "手机号", "角色", "专家类型", "工作站", "旗县区", "盟市")

ROLE_WORDS: dict[str, Role] = {
    "专家": Role.SPECIALIST, "科技特派员": Role.SPECIALIST, "specialist": Role.SPECIALIST,
    "站长": Role.STATION_MANAGER, "工作站站长": Role.STATION_MANAGER, "station manager": Role.STATION_MANAGER,
    "station_manager": Role.STATION_MANAGER,
    "旗县管理员": Role.COUNTY_ADMIN, "旗县区管理员": Role.COUNTY_ADMIN, "county admin": Role.COUNTY_ADMIN,
    "county_admin": Role.COUNTY_ADMIN,
    "盟市管理员": Role.LEAGUE_ADMIN, "league admin": Role.LEAGUE_ADMIN, "league_admin": Role.LEAGUE_ADMIN,
    "自治区管理员": Role.REGION_ADMIN, "region admin": Role.REGION_ADMIN, "region_admin": Role.REGION_ADMIN,
}
#: The device's specialist-type codes (desktop.services.identity.SPECIALIST_TYPES) by roster word.
SPECIALIST_TYPES: dict[str, str] = {
    "科技特派员": "commissioner", "特聘农技员": "hired_agent", "基层农技员": "grassroots",
    "三区人才": "three_areas", "科技特派团": "national_team",
}
_TYPE_WORDS = {**SPECIALIST_TYPES, **{code: code for code in SPECIALIST_TYPES.values()}}
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
MAX_ROWS = 20000


@dataclass(frozen=True)
class RowProblem:
    """What is wrong in one cell (row 1 is the header row, as a spreadsheet numbers it)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.message}"


class RosterError(ValueError):
    """The roster cannot be imported; ``problems`` names every row and column to fix."""

    def __init__(self, problems: Sequence[RowProblem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class RosterRow:
    """One checked account: the phone number is its user name."""

    row: int
    name: str
    phone: str
    role: Role
    specialist_type: str
    station: str | None
    county: str | None
    league: str | None


def read(data: bytes, filename: str) -> list[dict[str, str]]:
    """The roster's rows as {column: text}, with ``_row`` their spreadsheet row; RosterError if unreadable."""
    if filename.lower().endswith(".csv"):
        table = _csv_rows(data)
    else:
        table = _xlsx_rows(data)
    table = [row for row in table if any(cell.strip() for cell in row)]
    if not table:
        raise RosterError([RowProblem(1, "-", "the file is empty; the first row must hold the column names")])
    header_row, *body = table
    columns = _columns(header_row)
    if len(body) > MAX_ROWS:
        raise RosterError([RowProblem(MAX_ROWS + 2, "-", f"at most {MAX_ROWS} rows per file; split the roster")])
    rows = []
    for number, cells in enumerate(body, start=2):
        row = {key: (cells[index].strip() if index < len(cells) else "") for key, index in columns.items()}
        rows.append(row | {"_row": str(number)})
    return rows


def _columns(header: Sequence[str]) -> dict[str, int]:
    by_header = {alias.casefold(): key for key, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    for index, text in enumerate(header):
        key = by_header.get(text.strip().casefold())
        if key is not None and key not in found:
            found[key] = index
    missing = [key for key in REQUIRED if key not in found]
    if missing:
        raise RosterError([RowProblem(1, COLUMNS[key][0], f"no column {COLUMNS[key][0]} ({COLUMNS[key][1]}); the "
                                      f"header row needs {'、'.join(HEADERS_ZH)}") for key in missing])
    return found


def _csv_rows(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel on Chinese Windows saves CSV as GB18030
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RosterError([RowProblem(1, "-", "the CSV is neither UTF-8 nor GB18030 text; save it again as CSV UTF-8")])
    if "\0" in text:
        raise RosterError([RowProblem(1, "-", "this is not a CSV text file; upload the roster as .xlsx or .csv")])
    return [list(row) for row in csv.reader(io.StringIO(text))]


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # here: the server's workers start without it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise RosterError([RowProblem(1, "-", "this is not an Excel workbook (.xlsx); save the roster as .xlsx "
                                      f"or .csv ({type(exc).__name__})")]) from None
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone number typed into a number cell
    return str(value)


def check(session: Session, rows: Iterable[dict[str, str]]) -> list[RosterRow]:
    """Every row resolved against the stations and divisions; RosterError listing every problem."""
    problems: list[RowProblem] = []
    checked: list[RosterRow] = []
    seen_phones: dict[str, int] = {}
    places = _Places(session)
    for row in rows:
        number = int(row["_row"])
        before = len(problems)

        def problem(column: str, message: str) -> None:
            problems.append(RowProblem(number, COLUMNS[column][0], message))  # noqa: B023 (used at once)

        name, phone = row.get("name", ""), row.get("phone", "")
        if not name or len(name) > 128:
            problem("name", "give the person's name (at most 128 characters)")
        if not _MOBILE.fullmatch(phone):
            problem("phone", f"{phone!r} is not a mobile number: 11 digits starting with 1, e.g. 13812345678")
        elif phone in seen_phones:
            problem("phone", f"{phone} is also on row {seen_phones[phone]}; each person once, each phone once")
        else:
            seen_phones[phone] = number
        role = ROLE_WORDS.get(row.get("role", "").casefold())
        if role is None:
            problem("role", f"{row.get('role', '')!r} is not a role; write 专家, 站长, 旗县管理员, 盟市管理员 or 自治区管理员")
        kind = row.get("specialist_type", "")
        if kind and kind not in _TYPE_WORDS:
            problem("specialist_type", f"{kind!r} is not a specialist type; write one of {'、'.join(SPECIALIST_TYPES)}")
        area = places.area(row, role, problem) if role is not None else None
        if len(problems) == before and area is not None and role is not None:
            checked.append(RosterRow(number, name, phone, role, _TYPE_WORDS.get(kind, ""), *area))
    if problems:
        raise RosterError(problems)
    return checked


class _Places:
    """Stations, counties and leagues by code or name, loaded once for the whole roster."""

    def __init__(self, session: Session):
        self.stations = {s.code: s for s in stations.list_all(session)}
        self.station_names = {s.name: s for s in self.stations.values()}
        self.counties = divisions.by_level(session, "county")
        self.leagues = divisions.by_level(session, "league")

    def _division(self, text: str, table: dict[str, str], within: str | None) -> str | list[str] | None:
        if text in table:
            return text
        codes = [code for code, name in table.items() if name == text and (within is None or code.startswith(within))]
        return codes[0] if len(codes) == 1 else (codes or None)

    def area(self, row: dict[str, str], role: Role, problem) -> tuple[str | None, str | None, str | None] | None:
        station_text, county_text, league_text = row.get("station", ""), row.get("county", ""), row.get("league", "")
        league = self._division(league_text, self.leagues, None) if league_text else None
        if league_text and not isinstance(league, str):
            problem("league", f"no league (盟市) {league_text!r}; write its name, e.g. 赤峰市, or its 4-digit code")
            return None
        county = self._division(county_text, self.counties, league) if county_text else None
        if county_text and isinstance(county, list):
            problem("county", f"{county_text!r} names several counties ({', '.join(county)}); write the 6-digit code")
            return None
        if county_text and county is None:
            problem("county", f"no county (旗县区) {county_text!r}; write its name, e.g. 巴林左旗, or its 6-digit code")
            return None
        if league and county and not county.startswith(league):
            problem("county", f"{county_text} does not lie in {league_text}; correct the county or the league")
            return None
        if role in (Role.SPECIALIST, Role.STATION_MANAGER):
            station = self.stations.get(station_text) or self.station_names.get(station_text)
            if station is None:
                problem("station", f"no station {station_text!r}; write its code (e.g. WS-045) or its full name"
                        if station_text else "a specialist or station manager needs a station (工作站)")
                return None
            if county and station.county_code != county:
                problem("county", f"station {station.code} lies in county {station.county_code}, not {county}; "
                        "correct the county or leave it empty")
                return None
            return station.code, None, None
        if station_text:
            problem("station", f"a {role.value} belongs to no station; leave 工作站 empty")
            return None
        if role is Role.COUNTY_ADMIN:
            if county is None:
                problem("county", "a county admin (旗县管理员) needs the county (旗县区)")
                return None
            return None, county, county[:4]
        if role is Role.LEAGUE_ADMIN:
            if league is None or county is not None:
                problem("league", "a league admin (盟市管理员) needs the league (盟市) and no county")
                return None
            return None, None, league
        if county or league:
            problem("role", "a region admin (自治区管理员) covers the whole region; leave 旗县区 and 盟市 empty")
            return None
        return None, None, None


def template_workbook() -> bytes:
    """The sheet an office fills in: the Chinese header row and one example row."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append(list(HEADERS_ZH))
    sheet.append(["乌云", "13812345678", "专家", "特聘农技员", "WS-045", "巴林左旗", "赤峰市"])
    for column in "ABCDEFG":
        sheet.column_dimensions[column].width = 18
    sheet.column_dimensions["E"].width = 36
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
