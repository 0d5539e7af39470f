"""Văn bản này đã vào sổ…: the question both Vào sổ and Nhập từ tệp ask about a duplicate."""

from __future__ import annotations

from desktop.core.dates import format_date
from desktop.core.types import IncomingDocument
from desktop.ui import ask
from desktop.ui.qt import QWidget

TITLE = "Văn bản đã vào sổ"


def duplicate_question(d: IncomingDocument) -> str:
    """Which số đến the văn bản already has, and the question."""
    dated = f" ngày {format_date(d.sender_date)}" if d.sender_date else ""
    return (
        f"Văn bản này đã vào sổ: số đến {d.incoming_no}/{d.year} ngày {format_date(d.received_on)}"
        f" (mã {d.id}), {d.sender_ref}{dated} của {d.sender}.\n\n"
        "Vẫn vào sổ? Chỉ chọn Có nếu đây là một văn bản khác."
    )


def register_anyway(parent: QWidget | None, existing: IncomingDocument) -> bool:
    """Ask whether to register a văn bản the register already has (through ask.confirm)."""
    return ask.confirm(parent, TITLE, duplicate_question(existing))
