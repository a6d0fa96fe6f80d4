"""Makes the Chinese of Qt's PDFs searchable: glyphs mapped to CJK radicals are mapped to their ideographs.

A PDF says which character each printed glyph stands for in a ToUnicode table; copying, searching
and ``pdftotext`` read that table. Qt fills it, for each glyph, with the *lowest* code point the
font maps to the glyph (QFontSubset::getReverseMap). Noto Sans CJK draws the Kangxi radical ⾚
(U+2F9A) and the ideograph 赤 (U+8D64) with one glyph, so 赤峰市 comes out as "⾚峰市" and a search
for 赤峰 finds nothing; 生, 日, 人, 大, 山 and many more common characters suffer the same.

``fix_cjk_text_map`` rewrites those table entries in the finished file to the ideograph that the
font draws with the same glyph. Qt writes the tables uncompressed and every entry as four hex
digits, so each entry is replaced by one of the same length and no offset in the file moves.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from PySide6.QtGui import QFont, QRawFont

#: CJK Radicals Supplement and Kangxi Radicals: code points below the unified ideographs.
_RADICALS = range(0x2E80, 0x2FE0)
_IDEOGRAPHS = range(0x4E00, 0xA000)
_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")


@cache
def radical_ideographs(family: str) -> dict[int, int]:
    """Radical code point -> the unified ideograph ``family`` draws with the same glyph."""
    raw = QRawFont.fromFont(QFont(family))
    ideographs = "".join(map(chr, _IDEOGRAPHS))
    first: dict[int, int] = {}
    for char, glyph in zip(ideographs, raw.glyphIndexesForString(ideographs), strict=True):
        if glyph:
            first.setdefault(glyph, ord(char))
    radicals = "".join(map(chr, _RADICALS))
    return {ord(char): first[glyph] for char, glyph in zip(radicals, raw.glyphIndexesForString(radicals), strict=True)
            if glyph and glyph in first}


def fix_cjk_text_map(path: Path, family: str) -> int:
    """Rewrite the ToUnicode tables of the PDF at ``path`` in place; returns how many entries changed."""
    mapping = radical_ideographs(family)
    data = bytearray(path.read_bytes())
    changed = 0
    for number in sorted(set(_TO_UNICODE.findall(data))):
        found = re.search(rb"(?:^|\n)" + number + rb" 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n", data)
        if found is None:  # compressed or written some other way: leave it as Qt made it
            continue
        start, length = found.end(), int(found.group(1))
        table, count = _rewrite(bytes(data[start:start + length]), mapping)
        if count:
            data[start:start + length] = table
            changed += count
    if changed:
        path.write_bytes(bytes(data))
    return changed


def _rewrite(table: bytes, mapping: dict[int, int]) -> tuple[bytes, int]:
    """The table with every target code in ``mapping`` replaced; glyph ids (the sources) are untouched."""
    count = 0

    def swap(match: re.Match[bytes]) -> bytes:
        nonlocal count
        code = int(match.group(1), 16)
        if code not in mapping:
            return match.group(0)
        count += 1
        return b"<%04X>" % mapping[code]

    lines = table.split(b"\n")
    section = b""
    for i, line in enumerate(lines):
        if line.endswith((b"beginbfrange", b"beginbfchar")):
            section = line.rsplit(b" ", 1)[-1]
            continue
        if line.startswith(b"end"):
            section = b""
            continue
        codes = _HEX.findall(line)
        if section == b"beginbfrange" and b"[" in line:  # <first> <last> [<u1> <u2> …]: a target per glyph
            head, _, targets = line.partition(b"[")
            lines[i] = head + b"[" + _HEX.sub(swap, targets)
        elif (section == b"beginbfrange" and len(codes) == 3 and codes[0] == codes[1]) or \
                (section == b"beginbfchar" and len(codes) == 2):  # one glyph, then its target
            cut = line.rindex(b"<")
            lines[i] = line[:cut] + _HEX.sub(swap, line[cut:])
    rewritten = b"\n".join(lines)
    assert len(rewritten) == len(table), "a ToUnicode entry changed length"
    return rewritten, count
