"""Rebuilds Qt's ICU data library (libicudata, about 31 MB) with only what a Chinese and English app
uses: the root, zh and en locale data, Unicode properties, normalisation, the CJK break dictionary
and the GB18030 converter. The build spec calls it; ICU's own tools (icupkg, genccode: Debian's
icu-devtools) and a C compiler do the work. Without them the full library is shipped unchanged.

    python tools/trim_icu.py PATH/libicudata.so.NN OUT_DIR     ->  OUT_DIR/libicudata.so.NN
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: Locale data kept in every tree (coll, curr, lang, region, unit, zone, rbnf, brkitr and the top).
KEPT_LOCALE = re.compile(r"^(root|en|zh)(_[A-Za-z0-9]+)*\.res$")
LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*\.res$")
#: Converters: Unicode ones are built into ICU; GB18030 is China's national encoding.
KEPT_CONVERTERS = {"gb18030.cnv"}
#: Transliteration and the break dictionaries of Burmese, Khmer, Lao and Thai: Qt never asks for them.
DROPPED = ("translit/", "brkitr/burmesedict.dict", "brkitr/khmerdict.dict", "brkitr/laodict.dict",
           "brkitr/thaidict.dict")
TOOLS = ("icupkg", "genccode", "gcc")


def tools_missing() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def items_to_remove(items: list[str]) -> list[str]:
    remove = []
    for item in items:
        name = item.rsplit("/", 1)[-1]
        if item.startswith(DROPPED) or (name.endswith(".cnv") and name not in KEPT_CONVERTERS):
            remove.append(item)
        elif LOCALE.match(name) and not KEPT_LOCALE.match(name) and name not in ("pool.res", "res_index.res"):
            remove.append(item)
    return remove


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """The data's symbol (icudtNN_dat) and where its bytes lie in the file (the .rodata section)."""
    symbols = subprocess.run(["nm", "-D", "--defined-only", str(library)], capture_output=True, text=True,
                             check=True).stdout.split()
    symbol = next(s for s in symbols if re.fullmatch(r"icudt\d+_dat", s))
    sections = subprocess.run(["readelf", "-S", "-W", str(library)], capture_output=True, text=True,
                              check=True).stdout
    line = next(l for l in sections.splitlines() if " .rodata " in l)
    fields = line.split("]", 1)[1].split()
    return symbol, int(fields[3], 16), int(fields[4], 16)  # offset, size


def trim(library: Path, out_dir: Path) -> Path:
    """The trimmed library in ``out_dir`` (same file name and soname as ``library``)."""
    symbol, offset, size = _data_symbol(library)
    entry = symbol.removesuffix("_dat")
    with tempfile.TemporaryDirectory(prefix="icu-") as tmp:
        work = Path(tmp)
        dat = work / f"{entry}l.dat"
        with library.open("rb") as f:
            f.seek(offset)
            dat.write_bytes(f.read(size))
        listed = subprocess.run(["icupkg", "-l", str(dat)], capture_output=True, text=True, check=True).stdout
        remove = items_to_remove(listed.split())
        for _ in range(5):  # keep what a kept item depends on (e.g. es_.res -> es.res)
            (work / "remove.txt").write_text("\n".join(remove) + "\n")
            result = subprocess.run(["icupkg", "-r", str(work / "remove.txt"), str(dat)], capture_output=True,
                                    text=True, cwd=work)
            needed = set(re.findall(r"depends on missing item (\S+)", result.stdout + result.stderr))
            if not needed:
                break
            remove = [item for item in remove if item not in needed]
        subprocess.run(["genccode", "-q", "-e", entry, "-a", "gcc", "-d", str(work), str(dat)], check=True)
        source = next(work.glob("*.S"))
        subprocess.run(["gcc", "-c", "-o", str(work / "data.o"), str(source)], check=True)
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / library.name
        subprocess.run(["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", str(target),
                        str(work / "data.o")], check=True)
    return target


if __name__ == "__main__":
    made = trim(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{made}: {made.stat().st_size / 2**20:.1f} MB (was {Path(sys.argv[1]).stat().st_size / 2**20:.1f} MB)")
