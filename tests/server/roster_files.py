"""Rosters as an office writes them: XLSX or CSV files with the Chinese (or English) header row."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

HEADER = ("姓名", "手机号", "角色", "专家类型", "工作站", "旗县区", "盟市")


def xlsx_bytes(rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> Path:
    path.write_bytes(xlsx_bytes(rows, header))
    return path


def write_csv(path: Path, rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER,
              encoding: str = "utf-8-sig") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def big_roster(count: int, stations: Sequence[str]) -> list[tuple[object, ...]]:
    """``count`` specialists spread over ``stations``, each with a distinct mobile number."""
    kinds = ("科技特派员", "特聘农技员", "基层农技员", "三区人才")
    return [(f"专家{i:04d}", f"139{i:08d}", "专家", kinds[i % 4], stations[i % len(stations)], "", "")
            for i in range(count)]
