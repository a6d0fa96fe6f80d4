"""The A4 activation sheet a station hands out: one row per new account with its one-time code (PDF)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

#: Where Debian's fonts-noto-cjk puts the font; index 2 of the collection is Simplified Chinese.
FONT_CANDIDATES = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("C:/Windows/Fonts/msyh.ttc", 0),
)


class SheetFontError(RuntimeError):
    """No Chinese font to print with."""


@dataclass(frozen=True)
class CodeLine:
    name: str
    username: str
    code: str


@dataclass(frozen=True)
class StationSheet:
    station_code: str
    station_name: str
    lines: Sequence[CodeLine]


def _font() -> tuple[str, int]:
    override = os.environ.get("FIELDBOOK_CJK_FONT")
    candidates = ((override, 0),) if override else FONT_CANDIDATES
    for path, index in candidates:
        if Path(path).is_file():
            return path, index
    raise SheetFontError("no Chinese font for the activation sheet: install fonts-noto-cjk "
                         "(or set FIELDBOOK_CJK_FONT to a .ttf/.ttc file)")


def render(sheets: Sequence[StationSheet], expires_at: dt.datetime, server_hint: str = "") -> bytes:
    """One A4 page (or more) per station; returns the PDF's bytes."""
    path, index = _font()
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("cjk", fname=path, collection_font_number=index)
    pdf.set_title("科技特派员服务日志 激活码")
    for sheet in sheets:
        pdf.add_page()
        pdf.set_font("cjk", size=16)
        pdf.cell(0, 10, "科技特派员服务日志 · 账号激活码", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("cjk", size=12)
        pdf.cell(0, 8, f"{sheet.station_name}（{sheet.station_code}）", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("cjk", size=9)
        pdf.multi_cell(0, 5, "首次登录：在 Fieldbook 中选择 同步 → 登录服务器，勾选“使用激活码首次登录”，输入用户名（手机号）"
                       f"和激活码，再设置自己的密码。激活码只能使用一次，有效期至 {expires_at:%Y-%m-%d}。"
                       + (f" 服务器地址：{server_hint}" if server_hint else ""), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        pdf.set_font("cjk", size=11)
        with pdf.table(col_widths=(30, 32, 40, 48), line_height=8,
                       headings_style=FontFace(fill_color=(230, 236, 242))) as table:
            table.row(("姓名", "用户名（手机号）", "激活码", "签收"))
            for line in sheet.lines:
                table.row((line.name, line.username, line.code, ""))
    return bytes(pdf.output())
