"""The record of exports (Decree 13/2023): who wrote which file of the register, when, how.

Every export and printed register is recorded in `audit_events` right after its file is on
disk; a file that could not be written is not recorded (nothing was exported). A record that
cannot be written takes the file back: an export nobody can trace is what the decree forbids.
Exports mask phone and ID numbers unless the user may export them whole (admin, leader).

The record keeps the file's name and, apart, its folder: the name says which export it was,
the folder whether it went to a USB stick or a shared drive, which is the question asked after
a leak. Neither is a secret to those who may read the record.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

from db import audit as repo
from db.audit import AuditEvent
from db.errors import KienNghiError
from desktop.core.errors import DomainError
from desktop.core.files import write_atomic
from desktop.core.session import Session

EXPORT = "export"
UNMASKED_RIGHT = "export_unmasked"

# What each kind of export is called in the listing.
KIND_LABELS = {
    "petitions": "Sổ theo dõi kiến nghị (Excel)",
    "incoming": "Sổ đăng ký văn bản đến",
    "outgoing": "Sổ đăng ký văn bản đi",
    "tracking": "Sổ theo dõi giải quyết văn bản đến",
}

__all__ = [
    "EXPORT",
    "KIND_LABELS",
    "AuditEvent",
    "check_recordable",
    "exports",
    "require_unmask",
    "unmask_refusal",
    "write_recorded",
]


def unmask_refusal(session: Session) -> str | None:
    """Why this user may not export phone and ID numbers whole, or None (admin, leader may)."""
    from desktop.core import permissions

    try:
        permissions.require(session, UNMASKED_RIGHT)
    except permissions.PermissionDenied as exc:
        return str(exc)
    return None


def require_unmask(session: Session) -> None:
    """Refuse an unmasked export to a user without the right (the message names the roles)."""
    from desktop.core import permissions

    permissions.require(session, UNMASKED_RIGHT)


def check_recordable(session: Session) -> None:
    """Refuse before any work when the export could not be recorded (a read-only database)."""
    reason = session.store.read_only
    if reason is not None:
        raise DomainError(
            f"Không xuất được: việc xuất dữ liệu phải được ghi vào nhật ký nhưng cơ sở dữ liệu"
            f" chỉ cho đọc ({reason.rstrip('.')})."
        )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def write_recorded(
    session: Session,
    dest: Path,
    data: bytes,
    *,
    kind: str,
    rows: int,
    masked: bool,
    period: tuple[dt.date | None, dt.date | None] = (None, None),
    filters: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write the export's file whole, then record it; no file is left without its record."""
    dest = write_atomic(Path(dest), data)
    detail: dict[str, Any] = {
        "kind": kind,
        "file": dest.name,
        "folder": str(dest.resolve().parent),
        "format": dest.suffix.lower().lstrip("."),
        "rows": rows,
        "masked": masked,
        "from": _iso(period[0]),
        "to": _iso(period[1]),
        "filters": {k: v for k, v in (filters or {}).items() if v not in (None, (), [], "")},
    }
    try:
        return repo.record(session.store, session.actor, EXPORT, detail)
    except Exception as exc:
        with contextlib.suppress(OSError):
            dest.unlink()
        if not isinstance(exc, KienNghiError):
            raise  # unforeseen: the last-resort handler logs it; the file is gone all the same
        raise DomainError(
            f"Không ghi được nhật ký xuất dữ liệu ({str(exc).rstrip('.')}); tệp «{dest.name}»"
            " đã được gỡ, chưa có gì được xuất."
        ) from exc


def exports(
    session: Session, day_from: dt.date | None = None, day_to: dt.date | None = None
) -> list[AuditEvent]:
    """The recorded exports, oldest first, made on a day within [day_from, day_to]."""
    from desktop.core import permissions

    permissions.require(session, "audit")
    if day_from and day_to and day_to < day_from:
        raise DomainError(
            f"Khoảng ngày bị ngược: từ ngày {day_from:%d/%m/%Y} đến ngày {day_to:%d/%m/%Y}."
        )
    return repo.events(session.store, action=EXPORT, day_from=day_from, day_to=day_to)
