"""The PDF letters' font: Liberation Serif 2.1, shipped in resources/fonts/ and embedded.

Decree 30/2020 asks for Times New Roman; Liberation Serif has its widths and covers all of
Vietnamese, which reportlab's built-in Times does not.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

import resources

FAMILY = "LiberationSerif"
REGULAR = "LiberationSerif"
BOLD = "LiberationSerif-Bold"
ITALIC = "LiberationSerif-Italic"
BOLD_ITALIC = "LiberationSerif-BoldItalic"

_FILES = {
    REGULAR: "fonts/LiberationSerif-Regular.ttf",
    BOLD: "fonts/LiberationSerif-Bold.ttf",
    ITALIC: "fonts/LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "fonts/LiberationSerif-BoldItalic.ttf",
}
# Parsing the four TTFs takes tens of milliseconds: do it once per process, even when two
# threads render their first letter at the same moment.
_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the four Liberation Serif faces and their family once; return the family name."""
    global _registered
    with _lock:
        if not _registered:
            for name, relative in _FILES.items():
                pdfmetrics.registerFont(TTFont(name, str(resources.path(relative))))
            pdfmetrics.registerFontFamily(
                FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
            )
            _registered = True
    return FAMILY
