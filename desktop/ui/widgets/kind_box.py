"""The kind switch of the counting screens: Kiến nghị (petitions), Nhiệm vụ (tasks), or both."""

from __future__ import annotations

from desktop.core import agenda
from desktop.ui.qt import QComboBox, QSettings

# Data words, since QSettings cannot keep None.
KIND_DATA: dict[str | None, str] = {"petition": "petition", "task": "task", None: "both"}


def kind_box(settings_key: str) -> QComboBox:
    """A box "Kiến nghị / Nhiệm vụ / Cả hai", on the choice last made under `settings_key`."""
    box = QComboBox()
    for kind, label in agenda.KIND_LABELS.items():
        box.addItem(label, KIND_DATA[kind])
    box.setToolTip("Đếm và liệt kê kiến nghị, nhiệm vụ hay cả hai")
    saved = QSettings().value(settings_key, "petition")
    box.setCurrentIndex(max(0, box.findData(saved)))
    return box


def kind_of(box: QComboBox) -> str | None:
    """The kind a kind box is on: "petition", "task", or None for both."""
    data = box.currentData()
    return None if data == "both" else str(data)
