"""Small pieces the data-entry dialogs share: completion, tab order, red messages."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.ui.qt import QCompleter, QLabel, QLineEdit, QStringListModel, Qt, QWidget

ERROR_STYLE = "color: #b00020;"
HINT_STYLE = "color: #555555;"


def complete_from(line: QLineEdit, model: QStringListModel) -> QCompleter:
    """Offer the model's strings while typing, matching anywhere and ignoring case."""
    completer = QCompleter(model, line)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    line.setCompleter(completer)
    return completer


def chain_tab_order(widgets: Sequence[QWidget]) -> None:
    """Tab visits the widgets in this order."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


def message_label(style: str = ERROR_STYLE) -> QLabel:
    """A word-wrapped label for a message next to a field, hidden while empty."""
    label = QLabel()
    label.setStyleSheet(style)
    label.setWordWrap(True)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    """Show `text`, or hide the label when there is nothing to say."""
    label.setText(text)
    label.setVisible(bool(text))
