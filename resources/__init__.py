"""Reference data, translations and icons shipped with the app; ``resource_path`` finds them."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """A file under resources/, from a source checkout, an installed wheel or a PyInstaller build."""
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) / "resources" if bundle else Path(__file__).resolve().parent
    return base.joinpath(*parts)
