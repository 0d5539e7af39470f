"""Find text a widget cuts off: labels, buttons, check boxes and combo box entries whose text
needs more room than the widget has. Used in-process and, for a 125 % scale factor that must be
set before Qt starts, as a script in a subprocess:

    QT_SCALE_FACTOR=1.25 python -m tests.ui.clipping DB_FILE WIDTH HEIGHT

prints one JSON list of what is clipped on each screen of the main window.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.ui.qt import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QPoint,
    QStyle,
    QStyleOptionComboBox,
    Qt,
    QTextDocument,
    QWidget,
)
from desktop.ui.reminders import Badge
from desktop.ui.widgets.elided_label import ElidedLabel

SLACK_PX = 1  # rounding of fractional glyph advances at a 1.25 scale


def _plain(label: QLabel) -> str:
    """The text as drawn: markup rendered, a mnemonic's "&" not drawn ("&&" is one "&")."""
    text = label.text()
    if label.textFormat() == Qt.TextFormat.RichText or Qt.mightBeRichText(text):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    if label.buddy() is not None or "&" in text:
        return text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and not widget.visibleRegion().isEmpty()


def _label(label: QLabel) -> str | None:
    if label.wordWrap() or not label.text():
        return None
    if isinstance(label, ElidedLabel):  # shortened on purpose, whole in its tooltip
        whole = label.text() in label.toolTip()
        return None if whole or not label.is_elided() else "elided, not in its tooltip"
    fm = label.fontMetrics()
    room = label.contentsRect().width() - 2 * max(label.indent(), 0) - 2 * label.margin()
    widest = max(fm.horizontalAdvance(line) for line in _plain(label).splitlines() or [""])
    return f"{widest} > {room}" if widest > room + SLACK_PX else None


def _button(button: QAbstractButton) -> str | None:
    if not button.text():
        return None
    # A badge may show its short form; what matters is that the text shown fits.
    need = (button._hint(button.text()) if isinstance(button, Badge) else button.sizeHint()).width()
    return f"{need} > {button.width()}" if need > button.width() + SLACK_PX else None


def combo_clipped(combo: QComboBox, *, items: bool = False) -> str | None:
    """The text shown (or, with `items`, the widest entry) wider than the box's field."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    fm = combo.fontMetrics()
    texts = [combo.itemText(i) for i in range(combo.count())] if items else [combo.currentText()]
    icon = combo.iconSize().width() + 4 if any(not combo.itemIcon(i).isNull()
                                              for i in range(combo.count())) else 0  # fmt: skip
    widest = max((fm.horizontalAdvance(t) for t in texts), default=0) + icon
    return f"{widest} > {field.width()}" if widest > field.width() + SLACK_PX else None


def _beyond(root: QWidget, widget: QWidget) -> str | None:
    """A widget pushed past the window's edge (a crowded status bar) is cut off too."""
    window = root.window()
    right = widget.mapTo(window, QPoint(widget.width(), 0)).x()
    return f"ends at {right} > {window.width()}" if right > window.width() + SLACK_PX else None


def clipped(root: QWidget, where: str = "") -> list[str]:
    """What `root` shows cut off: one line per widget, its class, text and the pixels."""
    found: list[str] = []
    checks: list[tuple[type, Callable[..., str | None], Callable[..., str]]] = [
        (QLabel, _label, lambda w: _plain(w)),
        (QAbstractButton, _button, lambda w: w.text()),
        (QComboBox, combo_clipped, lambda w: w.currentText()),
    ]
    for kind, check, text in checks:
        for widget in root.findChildren(kind):
            if not _shown(widget):
                continue
            problem = check(widget) or _beyond(root, widget)
            if problem:
                found.append(f"{where}{type(widget).__name__} «{text(widget)}»: {problem}")
    return found


def walk_screens(app: QApplication, window: object, settle: Callable[[], None]) -> list[str]:
    """Show each screen of the main window in turn and list what it clips."""
    found: list[str] = []
    for key in list(window.screens):  # type: ignore[attr-defined]
        window.show_screen(key)  # type: ignore[attr-defined]
        settle()
        found += clipped(window, f"{key}: ")  # type: ignore[arg-type]
    return found


def main(argv: list[str]) -> int:
    """The subprocess: open the window on DB_FILE at WIDTH×HEIGHT physical pixels."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    db_file, width, height = Path(argv[0]), int(argv[1]), int(argv[2])
    app = QApplication(sys.argv[:1])
    from desktop.ui.app import install_vietnamese, make_context
    from desktop.ui.main_window import MainWindow

    install_vietnamese(app)
    ctx = make_context(db_file)
    window = MainWindow(ctx)
    ratio = app.primaryScreen().devicePixelRatio()
    window.resize(round(width / ratio), round(height / ratio))
    window.show()

    def settle() -> None:
        for _ in range(40):
            app.processEvents()
            ctx.runner.wait(25)
        app.processEvents()

    settle()
    found = walk_screens(app, window, settle)
    print(json.dumps({"ratio": ratio, "size": [window.width(), window.height()], "clipped": found},
                     ensure_ascii=False))  # fmt: skip
    window.close()
    ctx.runner.wait()
    ctx.runner.close()
    ctx.session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
