"""One lookup for non-code assets, from source and from a PyInstaller bundle alike."""

from __future__ import annotations

import sys
from pathlib import Path


def root() -> Path:
    """The folder holding the resources (inside `sys._MEIPASS` when frozen)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent


def path(relative: str) -> Path:
    """The absolute path of a resource, e.g. `path("reference/units.json")`."""
    return root() / relative
