"""Nhật ký (the audit log): exports, prints and account changes, and the record of exports.

Who wrote which file of the register (Decree 13/2023), printed which screen, or changed which
account, when, how: `events` lists them, `describe` says each in Vietnamese.

Every export and printed register is recorded in `audit_events` right after its file is on
disk; a file that could not be written is not recorded (nothing was exported). A record that
cannot be written takes the file back: an export nobody can trace is what the decree forbids.
Exports mask phone and ID numbers unless the user may export them whole (admin, leader).

The record keeps the file's name and, apart, its folder: the name says which export it was,
the folder whether it went to a USB stick or a shared drive, which is the question asked after
a leak. Neither is a secret to those who may read the record. Its SHA-256 (of the bytes on
disk) tells whether a file found later is the one exported, unchanged.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from db import audit as repo
from db.audit import AuditEvent
from db.errors import KienNghiError
from desktop.core import users
from desktop.core.dates import format_date
from desktop.core.errors import DomainError
from desktop.core.files import Writer, write_atomic
from desktop.core.session import Session
from desktop.core.vocabulary import ROLE_LABELS

EXPORT = "export"
PRINT = "print"
UNMASKED_RIGHT = "export_unmasked"

# What each action is called in the listing (`kiennghi audit`, `--json`'s action_label).
ACTION_LABELS = {
    EXPORT: "Xuất dữ liệu",
    PRINT: "In danh sách trên màn hình",
    users.FIRST_ADMIN: "Tạo quản trị viên đầu tiên",
    users.USER_ADD: "Thêm người dùng",
    users.USER_DISABLE: "Vô hiệu hóa tài khoản",
    users.USER_ENABLE: "Cho tài khoản hoạt động lại",
    users.USER_PASSWORD: "Đổi mật khẩu",
    users.USER_ROLE: "Đổi vai trò",
    users.USER_LOCKED: "Khóa tài khoản do nhập sai mật khẩu",
}
# `audit --action`: the groups of actions one may list apart.
GROUPS: dict[str, tuple[str, ...]] = {
    "export": (EXPORT,),
    "print": (PRINT,),
    "users": users.USER_ACTIONS,
}

# What each kind of export is called in the listing.
KIND_LABELS = {
    "petitions": "Sổ theo dõi kiến nghị (Excel)",
    "incoming": "Sổ đăng ký văn bản đến",
    "outgoing": "Sổ đăng ký văn bản đi",
    "tracking": "Sổ theo dõi giải quyết văn bản đến",
    "notice_report": "Báo cáo tình hình thực hiện thông báo kết luận",
}

__all__ = [
    "ACTION_LABELS",
    "EXPORT",
    "GROUPS",
    "KIND_LABELS",
    "PRINT",
    "AuditEvent",
    "check_recordable",
    "describe",
    "events",
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
    data: bytes | Writer,
    *,
    kind: str,
    rows: int,
    masked: bool,
    period: tuple[dt.date | None, dt.date | None] = (None, None),
    filters: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write the export's file whole (its bytes, or a writer making it on the temporary file:
    files.write_atomic), then record it with its SHA-256; no file is left without its record."""
    digest = hashlib.sha256()
    dest = write_atomic(Path(dest), data, digest=digest)
    detail: dict[str, Any] = {
        "kind": kind,
        "file": dest.name,
        "folder": str(dest.resolve().parent),
        "format": dest.suffix.lower().lstrip("."),
        "rows": rows,
        "masked": masked,
        "sha256": digest.hexdigest(),
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


def events(
    session: Session,
    day_from: dt.date | None = None,
    day_to: dt.date | None = None,
    *,
    group: str | None = None,
) -> list[AuditEvent]:
    """The recorded events (of one of GROUPS, or all), oldest first, within [day_from, day_to]."""
    from desktop.core import permissions

    permissions.require(session, "audit")
    if day_from and day_to and day_to < day_from:
        raise DomainError(
            f"Khoảng ngày bị ngược: từ ngày {day_from:%d/%m/%Y} đến ngày {day_to:%d/%m/%Y}."
        )
    if group is not None and group not in GROUPS:
        raise DomainError(f"Không có loại sự kiện «{group}»; chọn một trong: {', '.join(GROUPS)}.")
    wanted = GROUPS[group] if group else ()
    return repo.events(session.store, actions=wanted, day_from=day_from, day_to=day_to)


def exports(
    session: Session, day_from: dt.date | None = None, day_to: dt.date | None = None
) -> list[AuditEvent]:
    """The recorded exports, oldest first, made on a day within [day_from, day_to]."""
    return events(session, day_from, day_to, group="export")


def _role(role: str | None, unit: str | None) -> str:
    label = ROLE_LABELS.get(role or "", role or "")
    return f"{label}, {unit}" if unit else label


def _masked(d: dict[str, Any]) -> str:
    return "đã che số" if d.get("masked") else "KHÔNG CHE số điện thoại, CCCD"


def describe(event: AuditEvent) -> str:
    """What an event says, in Vietnamese, after its time and actor (one or two lines)."""
    d, action = event.detail, event.action
    label = ACTION_LABELS.get(action, action)
    who = f"«{d.get('user', '')}»"
    if action == EXPORT:
        what = KIND_LABELS.get(d.get("kind", ""), d.get("kind", ""))
        period = ""
        if d.get("from") or d.get("to"):
            first, last = format_date(d.get("from"), ""), format_date(d.get("to"), "")
            period = f", từ ngày {first} đến ngày {last}"
        return (
            f"{what}{period}: {d.get('rows', 0)} dòng, {_masked(d)}\n"
            f"                     «{d.get('file', '')}» trong {d.get('folder', '')}"
        )
    if action == PRINT:
        where = f" ({d['search']})" if d.get("search") else ""
        return (
            f"{label}: {d.get('title', '')}{where}, {d.get('rows', 0)} dòng, {_masked(d)},"
            f" máy in {d.get('printer') or d.get('file') or 'mặc định'}"
        )
    if action in (users.FIRST_ADMIN, users.USER_ADD):
        return f"{label} {who} ({_role(d.get('role'), d.get('unit'))})"
    if action == users.USER_ROLE:
        old, new = _role(d.get("old_role"), d.get("old_unit")), _role(d.get("role"), d.get("unit"))
        return f"{label} của {who}: {old} → {new}"
    if action == users.USER_PASSWORD:
        whose = "tự đổi" if d.get("own") else "quản trị viên đặt lại"
        return f"{label} của {who} ({whose}{', mở khóa tài khoản' if d.get('unlocked') else ''})"
    if action == users.USER_ENABLE:
        return f"Cho tài khoản {who} hoạt động lại"
    if action == users.USER_LOCKED:
        until = dt.datetime.fromisoformat(d["until"]) if d.get("until") else None
        end = f" đến {until:%d/%m/%Y %H:%M}" if until else ""
        times = d.get("attempts", "")
        return f"Khóa tài khoản {who}{end} do nhập sai mật khẩu {times} lần liên tiếp"
    return f"{label} {who}"
