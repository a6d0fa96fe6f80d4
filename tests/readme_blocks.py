"""The README's example blocks as lists of commands: every ```sh block, and the Linux and Windows build blocks."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _lines(block: str) -> list[str]:
    """A block's commands, continuation lines joined, trailing comments (two spaces then #) cut."""
    commands = []
    for line in block.replace("\\\n", " ").replace("`\n", " ").splitlines():
        line = re.sub(r"\s{2,}#.*$", "", line).strip()
        if line:
            commands.append(re.sub(r"\s+", " ", line))
    return commands


def readme_text() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def sh_commands() -> list[str]:
    """The commands of every ```sh block of the README."""
    return [c for block in re.findall(r"```sh\n(.*?)```", readme_text(), re.S) for c in _lines(block)]


def build_block(system: str) -> list[str]:
    """The commands of the README's build block for ``system`` ("Linux" or "Windows"): the first code
    block after its bold heading."""
    text = readme_text()
    start = text.index(f"**{system}**")
    found = re.search(r"```(sh|powershell)\n(.*?)```", text[start:], re.S)
    assert found is not None, f"no build block after **{system}**"
    return _lines(found.group(2))
