"""The one place that imports the Qt binding (like Anki's aqt.qt): modules under desktop/ui
import Qt names from here, so the binding and its quirks live in one file.

Names are looked up on first use rather than star-imported: `from PySide6.QtWidgets import *`
builds every class of the module (about 0.2 s of every start), and the charts, PDF and printing
modules are then loaded only by the screens that use them."""

from __future__ import annotations

import importlib

# Imported as modules (cheap: no class is built), and so that PyInstaller sees them and bundles
# Qt's libraries and plugins; the other modules are in build_installer.spec's hidden imports.
from PySide6 import QtCore, QtGui, QtWidgets  # noqa: F401
from shiboken6 import isValid as is_alive  # whether a Qt object's C++ side still exists

# Searched in this order; the later modules load only when a name is not in the earlier ones.
# QtGui first: its `Qt` (with mightBeRichText) and qFuzzyCompare extend QtCore's.
_MODULES = (
    "QtGui",
    "QtCore",
    "QtWidgets",
    "QtCharts",
    "QtPdf",
    "QtPdfWidgets",
    "QtPrintSupport",
    "QtTest",
)

__all__ = ["is_alive"]


def __getattr__(name: str) -> object:
    """The Qt class, enum or function called `name`, from the first module that has it."""
    if not name.startswith("__"):
        for module_name in _MODULES:
            module = importlib.import_module(f"PySide6.{module_name}")
            if hasattr(module, name):
                value = getattr(module, name)
                globals()[name] = value  # found once; later imports read the module dict
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
