"""The domain's words, defined once: statuses, their labels and groups, roles, the overdue rule
and the setting keys with their defaults. Every front end and every core module takes them
from here; a test (tests/core/test_vocabulary.py) fails when a label or the rule is written
again elsewhere.

The Vietnamese terms, each explained once:

- *trạng thái* (status) of a petition (kiến nghị) or a task (nhiệm vụ), stored in English:
  `registered` (mới vào sổ: entered in the register, no unit yet), `assigned` (đang xử lý: a
  unit is handling it), `answered` (đã trả lời), `clarify` (đã trả lời, cần làm rõ: answered,
  but the answer needs more work, so it may be assigned and answered again), `escalated`
  (vượt thẩm quyền, đã báo cáo: beyond the ministry's authority, reported to the Prime
  Minister) and `closed` (đã kết thúc). A task uses the same words with its own labels: a
  task is *thực hiện* (carried out) and *hoàn thành* (completed) rather than answered.
- *mở* (open): not yet answered (`OPEN_STATUSES`); only an open item can fall *quá hạn*
  (overdue), which is derived by `is_overdue`, never stored.
- *vai trò* (role) of a user: `admin` (quản trị), `clerk` (văn thư), `leader` (lãnh đạo),
  `officer` (chuyên viên of one unit). The role of a unit in an assignment (giao xử lý):
  `lead` (chủ trì: answers for it) or `support` (phối hợp: contributes).
- *cài đặt* (settings) of the agency (cơ quan): its name, its ký hiệu (code used in letter
  numbers such as `123/BTTTT-VP`), its địa danh (place line «Hà Nội, ngày …»), the default
  deadline in working days, extra days off (ngày nghỉ thêm) and make-up working days (ngày
  làm bù), numbering per unit, the signer (người ký), the rules reading notice deadlines and
  how many automatic backups to keep.

The data layer cannot import this module (db never imports desktop); its SQL writes the open
statuses and the overdue rule in its own words, each naming this module, and the test checks
that they agree with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from db import reference as ref
from db.models import Outcome, Role, Status
from db.store import Store

__all__ = [
    "ANSWERED_STATUSES",
    "ASSIGNABLE",
    "ASSIGNMENT_ROLE_LABELS",
    "BACKUP_KEEP",
    "CLOSABLE",
    "Dated",
    "OPEN_STATUSES",
    "OUTCOMES",
    "REPLIED_STATUSES",
    "REPLYABLE",
    "ROLES",
    "ROLE_LABELS",
    "SETTINGS",
    "STATUSES",
    "STATUS_LABELS",
    "TASK_STATUSES",
    "TASK_STATUS_LABELS",
    "TASK_STATUS_WORDS",
    "SettingKey",
    "is_overdue",
    "read_setting",
    "write_setting",
]

STATUSES: tuple[Status, ...] = (
    "registered",
    "assigned",
    "answered",
    "clarify",
    "escalated",
    "closed",
)
# A petition's statuses as the registers show them, in workflow order (the sort order too).
STATUS_LABELS: dict[str, str] = {
    "registered": "Mới vào sổ",
    "assigned": "Đang xử lý",
    "answered": "Đã trả lời",
    "clarify": "Đã trả lời, cần làm rõ",
    "escalated": "Vượt thẩm quyền, đã báo cáo",
    "closed": "Đã kết thúc",
}
# A task's: the same stored words, said as a task is spoken of.
TASK_STATUS_LABELS: dict[str, str] = {
    "registered": "Chưa giao",
    "assigned": "Đang thực hiện",
    "answered": "Đã hoàn thành",
    "clarify": "Cần làm rõ",
    "escalated": "Đã báo cáo cấp trên",
    "closed": "Đã kết thúc",
}
# What `tasks --status` accepts: the stored word, `done`, or a Vietnamese word without marks.
TASK_STATUS_WORDS: dict[str, Status] = {
    "registered": "registered",
    "assigned": "assigned",
    "done": "answered",
    "answered": "answered",
    "closed": "closed",
    "chua-giao": "registered",
    "dang-thuc-hien": "assigned",
    "hoan-thanh": "answered",
}

# The statuses a task passes through (the task register's status filter offers these).
TASK_STATUSES: tuple[Status, ...] = ("registered", "assigned", "answered", "closed")

# The groups. Open: waiting for an answer, so it may fall overdue.
OPEN_STATUSES: tuple[Status, ...] = ("registered", "assigned")
OUTCOMES: tuple[Outcome, ...] = ("answered", "clarify", "escalated")
# Answered in one of the three ways, not yet closed.
ANSWERED_STATUSES: tuple[Status, ...] = ("answered", "clarify", "escalated")
# Has had an answer (the register's «đã trả lời» column counts these).
REPLIED_STATUSES: tuple[Status, ...] = (*ANSWERED_STATUSES, "closed")
# What the workflow allows from each status: a `clarify` may be routed and answered again.
ASSIGNABLE: tuple[Status, ...] = ("registered", "assigned", "clarify")
REPLYABLE: tuple[Status, ...] = ("registered", "assigned", "clarify")
CLOSABLE: tuple[Status, ...] = ANSWERED_STATUSES

ROLES = ("admin", "clerk", "leader", "officer")
ROLE_LABELS: dict[str, str] = {
    "admin": "quản trị",
    "clerk": "văn thư",
    "leader": "lãnh đạo",
    "officer": "chuyên viên",
}
ASSIGNMENT_ROLE_LABELS: dict[Role, str] = {"lead": "Chủ trì", "support": "Phối hợp"}


class Dated(Protocol):
    """Anything with a status and a due date: a petition, a task, a register or export row."""

    @property
    def status(self) -> str: ...

    @property
    def due_on(self) -> dt.date | None: ...


def is_overdue(item: Dated, today: dt.date) -> bool:
    """Quá hạn: open, has a due date, and that date is before today (the one overdue rule)."""
    return item.status in OPEN_STATUSES and item.due_on is not None and item.due_on < today


T = TypeVar("T")


@dataclass(frozen=True)
class SettingKey(Generic[T]):
    """A key of the settings table with the one default a missing value reads as."""

    name: str
    default: T


AGENCY_NAME = SettingKey("agency_name", "")
AGENCY_CODE = SettingKey("agency_code", "")
PLACE = SettingKey("place", "")
DEFAULT_DEADLINE_DAYS = SettingKey("default_deadline_days", 10)  # working days
EXTRA_DAYS_OFF: SettingKey[Sequence[str]] = SettingKey("extra_days_off", ())  # ISO dates
MAKEUP_WORKDAYS: SettingKey[Sequence[str]] = SettingKey("makeup_workdays", ())  # ISO dates
NUMBERING_PER_UNIT = SettingKey("numbering_per_unit", False)
SIGNER: SettingKey[dict[str, Any] | None] = SettingKey("signer", None)
DEADLINE_RULES: SettingKey[dict[str, Any] | None] = SettingKey("deadline_rules", None)
# Chứng thư gốc tin cậy: the root CA certificates (PEM) signed PDFs are checked against.
TRUSTED_ROOTS: SettingKey[Sequence[str]] = SettingKey("trusted_roots", ())
# The office's PKCS#12 file (a path) the issue dialog offers for "Ký số"; "" when none.
SIGNING_P12 = SettingKey("signing_p12", "")
# How many automatic backups of the file to keep. The data layer reads it itself, before a
# migration (db/backup.py: KEEP_KEY, DEFAULT_KEEP, checked against this by the vocabulary test).
BACKUP_KEEP = SettingKey("backup_keep", 10)
SETTINGS: tuple[SettingKey[Any], ...] = (
    AGENCY_NAME,
    AGENCY_CODE,
    PLACE,
    DEFAULT_DEADLINE_DAYS,
    EXTRA_DAYS_OFF,
    MAKEUP_WORKDAYS,
    NUMBERING_PER_UNIT,
    SIGNER,
    DEADLINE_RULES,
    TRUSTED_ROOTS,
    SIGNING_P12,
    BACKUP_KEEP,
)
# A letter's place line is never empty: an agency that has not set its place is in the capital.
LETTER_PLACE_UNSET = "Hà Nội"


def read_setting(store: Store, key: SettingKey[T]) -> T:
    """The stored value of `key`, or its default when none is stored (or it is null)."""
    value = ref.get_setting(store, key.name, None)
    if value is None:
        return key.default
    if isinstance(key.default, bool):
        return bool(value)  # type: ignore[return-value]
    if isinstance(key.default, int):
        return int(value)  # type: ignore[return-value]
    if isinstance(key.default, str):
        return str(value)  # type: ignore[return-value]
    return value  # type: ignore[no-any-return]


def write_setting(store: Store, key: SettingKey[T], value: T) -> None:
    """Store `value` under `key` (JSON)."""
    ref.set_setting(store, key.name, value)
