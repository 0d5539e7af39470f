"""Plain frozen dataclasses returned by the repositories (no rows, no Qt objects)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Status = Literal["registered", "assigned", "answered", "clarify", "escalated", "closed"]
Outcome = Literal["answered", "clarify", "escalated"]
Role = Literal["lead", "support"]

# The data layer's copies of two status groups of desktop/core/vocabulary.py (db never imports
# desktop; tests/core/test_vocabulary.py checks they agree).
OPEN_STATUSES: tuple[Status, ...] = ("registered", "assigned")
REPLIED_STATUSES: tuple[Status, ...] = ("answered", "clarify", "escalated", "closed")
OPEN_SQL = ", ".join(f"'{s}'" for s in OPEN_STATUSES)
REPLIED_SQL = ", ".join(f"'{s}'" for s in REPLIED_STATUSES)
# The overdue rule of `vocabulary.is_overdue` in SQL, on a petition (or task) row `p`, today as
# the one `?` parameter; a NULL due date compares unknown, so an item without one is never
# overdue. The one copy: the register's filter, the task register's and the statistics use it.
OVERDUE_SQL = f"p.status IN ({OPEN_SQL}) AND p.due_on < ?"


@dataclass(frozen=True)
class Unit:
    """Đơn vị: a ministry unit (Cục, Vụ, Văn phòng, Trung tâm) with its symbol code."""

    id: int
    uuid: str
    code: str
    name: str
    kind: str
    parent_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None


@dataclass(frozen=True)
class Locality:
    """Tỉnh, thành phố: a provincial-level locality with its validity dates."""

    id: int
    uuid: str
    code: str
    name: str
    kind: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    merged_into: str | None


@dataclass(frozen=True)
class Field:
    """Lĩnh vực: a subject field, with the unit that usually leads on it."""

    id: int
    uuid: str
    code: str
    name: str
    default_unit_id: int | None


@dataclass(frozen=True)
class IncomingDocument:
    """Văn bản đến: a received document, numbered (số đến) per calendar year."""

    id: int
    uuid: str
    year: int
    incoming_no: int
    received_on: dt.date
    sender: str
    sender_ref: str
    sender_date: dt.date | None
    summary: str
    reply_by: dt.date | None
    created_at: str
    created_by: str


@dataclass(frozen=True)
class Attachment:
    """A scanned file kept with an incoming document (content not loaded)."""

    id: int
    uuid: str
    document_id: int
    filename: str
    mime: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Petition:
    """Kiến nghị: one request, inside a document or standalone."""

    id: int
    uuid: str
    document_id: int | None
    ordinal: str | None
    origin: str
    field_id: int | None
    content: str
    summary: str
    received_on: dt.date
    due_on: dt.date | None
    status: Status
    created_at: str
    updated_at: str
    kind: str = "petition"  # or "task" (nhiệm vụ), see db/tasks.py


@dataclass(frozen=True)
class PetitionRow:
    """A petition as one line of the register (joins resolved)."""

    id: int
    incoming_no: int | None
    received_on: dt.date
    origin: str
    summary: str
    field: str | None
    lead_unit: str | None
    due_on: dt.date | None
    status: Status


@dataclass(frozen=True)
class Assignment:
    """Giao xử lý: a petition given to a unit, as lead (chủ trì) or support (phối hợp)."""

    id: int
    uuid: str
    petition_id: int
    unit_id: int
    unit_code: str
    unit_name: str
    role: Role
    due_on: dt.date
    instructions: str
    assigned_on: dt.date
    completed_on: dt.date | None


@dataclass(frozen=True)
class Reply:
    """Trả lời: an answer to one or more petitions."""

    id: int
    uuid: str
    outcome: Outcome
    replied_on: dt.date
    text: str
    letter_ref: str
    petition_ids: tuple[int, ...]


@dataclass(frozen=True)
class StatusEvent:
    """A recorded status change: who, when, from, to, note."""

    id: int
    petition_id: int
    at: str
    actor: str
    from_status: str | None
    to_status: str
    note: str


@dataclass(frozen=True)
class SearchHit:
    """A petition found by full-text search, best first."""

    id: int
    origin: str
    summary: str
    status: Status
    due_on: dt.date | None
    received_on: dt.date
    snippet: str
    score: float


@dataclass(frozen=True)
class UnitBuckets:
    """The four per-unit counts the Government Office reports."""

    unit_code: str
    unit: str
    done_on_time: int
    done_late: int
    open_in_time: int
    open_overdue: int


@dataclass(frozen=True)
class Stats:
    """Counts of petitions received in a period, by outcome, and per unit."""

    received: int
    answered: int
    clarify: int
    escalated: int
    unanswered: int
    overdue: int
    by_unit: tuple[UnitBuckets, ...]
