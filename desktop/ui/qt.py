"""The one place that imports the Qt binding (like Anki's aqt.qt): modules under desktop/ui
import Qt names from here, so the binding and its quirks live in one file."""

# ruff: noqa: F401, F403
from PySide6.QtCharts import *
from PySide6.QtCore import *
from PySide6.QtGui import *
from PySide6.QtPdf import *
from PySide6.QtPdfWidgets import *
from PySide6.QtPrintSupport import *
from PySide6.QtTest import *
from PySide6.QtWidgets import *
from shiboken6 import isValid as is_alive  # whether a Qt object's C++ side still exists
