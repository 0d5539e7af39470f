"""Vào sổ nhiệm vụ: a conclusion notice read, previewed, edited and registered with its tasks.

A notice (thông báo kết luận, chỉ thị, công văn giao việc) is registered as an incoming
document (số đến of its year) and each task as a row of the register of kind `task`, given to
its lead unit (chủ trì) and supporting units (phối hợp) at once, all in one transaction: the
whole notice or nothing. A body outside the unit catalogue (Sở TTTT các tỉnh, VNPost) is kept
as written and given no assignment. A task without a deadline has no due date in the
register; its units' assignments run to the last working day of the notice's year, when
the annual report is due, so that it is chased if still open then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from db import documents as docs
from db import petitions as pet
from db import reference as ref
from db import routing
from db import tasks as repo
from db.models import Role, Unit
from db.text import clean, fold
from desktop.core import permissions
from desktop.core import vocabulary as vocab
from desktop.core.agency_settings import load_settings
from desktop.core.errors import DomainError, KienNghiError
from desktop.core.letters.kinds import agency_in_text
from desktop.core.notices import (
    DeadlineRules,
    ParsedNotice,
    UnitCatalogue,
    read_notice_docx,
)
from desktop.core.registry import MAX_PETITION_CHARS, DocumentInput, register_document
from desktop.core.session import Session

MAX_TASKS = 2_000


@dataclass(frozen=True)
class TaskInput:
    """One task as previewed or typed: units by code or name; a name outside the catalogue is
    kept as written. `due_text` is the deadline as the notice wrote it."""

    content: str
    unit: str = ""
    support_units: tuple[str, ...] = ()
    field: str = ""
    due_on: dt.date | None = None
    due_text: str = ""


@dataclass(frozen=True)
class NoticeInput:
    """The notice as an incoming document, with what its header says."""

    received_on: dt.date
    sender: str
    number: str = ""
    issued_on: dt.date | None = None
    title: str = ""
    kind: str = ""
    place: str = ""
    signer: str = ""
    signer_title: str = ""
    incoming_no: int | None = None


@dataclass(frozen=True)
class ImportedNotice:
    """What was registered: the document, its số đến, and the tasks' ids in order."""

    document_id: int
    incoming_no: int
    year: int
    task_ids: list[int] = field(default_factory=list)


def deadline_rules(session: Session) -> DeadlineRules:
    """The office's deadline rules (Cài đặt), else the defaults."""
    return load_settings(session.store).deadline_rules


def catalogue(session: Session) -> UnitCatalogue:
    """The unit catalogue the notice's wording is matched to."""
    return UnitCatalogue.from_units(ref.units(session.store))


def read_notice(session: Session, path: Path) -> ParsedNotice:
    """A notice file read for the preview (nothing written); DomainError saying why not."""
    return read_notice_docx(
        path, catalogue(session), calendar=session.calendar, rules=deadline_rules(session)
    )


def looks_like_notice(session: Session, path: Path) -> bool:
    """Whether a file reads as a notice with tasks (Ctrl+I and `import` tell the two apart)."""
    if path.suffix.lower() != ".docx":
        return False
    try:
        return bool(read_notice(session, path).tasks)
    except KienNghiError:
        return False


def notice_input(
    session: Session, notice: ParsedNotice, *, sender: str = "", received_on: dt.date | None = None
) -> NoticeInput:
    """The document a parsed notice becomes by default: received on its own date (else today),
    from the office's own agency unless another sender is given."""
    agency = vocab.read_setting(session.store, vocab.AGENCY_NAME)
    return NoticeInput(
        received_on=received_on or notice.issued_on or session.today(),
        sender=clean(sender) or agency_in_text(agency) or "Lãnh đạo Bộ",
        number=notice.number or "",
        issued_on=notice.issued_on,
        title=notice.title or "",
        kind=notice.kind or "",
        place=notice.place or "",
        signer=notice.signer or "",
        signer_title=notice.signer_title or "",
    )


def task_inputs(notice: ParsedNotice) -> list[TaskInput]:
    """The parsed tasks as editable inputs (unit by code when the catalogue has it)."""
    return [
        TaskInput(
            content=t.content,
            unit=t.unit_code or t.unit or "",
            support_units=t.support_units,
            field=t.field or "",
            due_on=t.due_on,
            due_text=t.due_text,
        )
        for t in notice.tasks
    ]


@dataclass(frozen=True)
class _Resolved:
    task: TaskInput
    lead: Unit | None
    lead_text: str
    support: list[Unit]
    outside: list[str]
    field_id: int | None


def _unit(session: Session, cat: UnitCatalogue, key: str) -> Unit | None:
    found = ref.find_unit(session.store, key)
    if found is None:
        mention = cat.whole(key)
        if mention is not None and mention.code is not None:
            found = ref.find_unit(session.store, mention.code)
    return found


def _field_id(session: Session, heading: str) -> int | None:
    """The catalogue field a heading names (`Lĩnh vực Bưu chính` → Bưu chính), if any."""
    if not heading:
        return None
    found = ref.find_field(session.store, heading)
    if found is None:
        bare = fold(heading).removeprefix("linh vuc").strip(" :")
        found = next((f for f in ref.fields(session.store) if fold(f.name) == bare), None)
    return found.id if found else None


def _resolve(
    session: Session, cat: UnitCatalogue, n: int, t: TaskInput, received_on: dt.date
) -> _Resolved:
    where = f"Nhiệm vụ {n}"
    if not clean(t.content):
        raise DomainError(f"{where}: chưa có nội dung.")
    if len(t.content) > MAX_PETITION_CHARS:
        raise DomainError(f"{where}: nội dung dài quá {MAX_PETITION_CHARS:,} ký tự.")
    if t.due_on is not None and t.due_on < received_on:
        raise DomainError(
            f"{where}: hạn {t.due_on:%d/%m/%Y} trước ngày vào sổ {received_on:%d/%m/%Y}."
            " Hãy sửa hạn, hoặc lấy ngày đến là ngày của thông báo."
        )
    lead = _unit(session, cat, t.unit) if clean(t.unit) else None
    support: list[Unit] = []
    outside: list[str] = []
    for key in dict.fromkeys(clean(s) for s in t.support_units if clean(s)):
        unit = _unit(session, cat, key)
        if unit is None:
            outside.append(key)
        elif unit.id != (lead.id if lead else None) and unit not in support:
            support.append(unit)
    lead_text = "" if lead is not None else clean(t.unit)
    return _Resolved(t, lead, lead_text, support, outside, _field_id(session, clean(t.field)))


def undated_due(session: Session, received_on: dt.date) -> dt.date:
    """Where the assignments of a task without a deadline run to: the year's last working day."""
    day = dt.date(received_on.year, 12, 31)
    while not session.calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _insert(
    session: Session,
    resolved: Sequence[_Resolved],
    *,
    document_id: int | None,
    origin: str,
    received_on: dt.date,
    note: str,
) -> list[int]:
    store = session.store
    ids = pet.insert_petitions(
        store,
        [
            pet.NewPetition(
                origin=origin,
                content=r.task.content,
                received_on=received_on,
                document_id=document_id,
                ordinal=str(n),
                field_id=r.field_id,
                due_on=r.task.due_on,
                kind="task",
            )
            for n, r in enumerate(resolved, 1)
        ],
        actor=session.actor,
        note=note,
    )
    today = session.today()
    with store.write() as conn:
        for task_id, r in zip(ids, resolved, strict=True):
            repo.insert_details(
                conn,
                task_id,
                repo.TaskDetails(
                    clean(r.task.field), clean(r.task.due_text), r.lead_text, tuple(r.outside)
                ),
            )
            units: list[tuple[Unit, Role]] = [(u, "lead") for u in ([r.lead] if r.lead else [])]
            units += [(u, "support") for u in r.support]
            if not units:
                continue
            due = r.task.due_on or undated_due(session, received_on)
            for unit, role in units:
                routing.insert_assignment(conn, task_id, unit.id, role, due, today)
            said = ", ".join(
                f"{u.name} {'chủ trì' if role == 'lead' else 'phối hợp'}" for u, role in units
            )
            pet.set_status(
                conn, task_id, "registered", "assigned", session.actor,
                f"Giao {said}, hạn {due:%d/%m/%Y}",
            )  # fmt: skip
    return ids


def import_notice(
    session: Session,
    notice: NoticeInput,
    tasks: Sequence[TaskInput],
    attachments: Sequence[Path] = (),
    *,
    allow_duplicate: bool = False,
) -> ImportedNotice:
    """Vào sổ the notice and all its tasks, given to their units: all or nothing."""
    permissions.require(session, "import")
    permissions.require(session, "assign")
    if not tasks:
        raise DomainError("Thông báo không có nhiệm vụ nào để vào sổ.")
    if len(tasks) > MAX_TASKS:
        raise DomainError(f"Thông báo có {len(tasks)} nhiệm vụ, quá giới hạn {MAX_TASKS}.")
    cat = catalogue(session)
    resolved = [_resolve(session, cat, n, t, notice.received_on) for n, t in enumerate(tasks, 1)]
    doc = DocumentInput(
        received_on=notice.received_on,
        sender=notice.sender,
        sender_ref=clean(notice.number),
        sender_date=notice.issued_on,
        summary=clean(notice.title) or clean(notice.kind),
        incoming_no=notice.incoming_no,
    )
    with session.store.write() as conn:
        registered = register_document(
            session, doc, (), attachments, allow_duplicate=allow_duplicate
        )
        assert registered.document_id is not None and registered.incoming_no is not None
        repo.insert_notice(
            conn,
            registered.document_id,
            repo.NoticeHeader(
                notice.kind, notice.title, notice.place, notice.signer, notice.signer_title
            ),
        )
        ids = _insert(
            session,
            resolved,
            document_id=registered.document_id,
            origin=notice.sender,
            received_on=notice.received_on,
            note=f"Vào sổ từ văn bản đến số {registered.incoming_no}/{registered.year}",
        )
    return ImportedNotice(
        registered.document_id, registered.incoming_no, notice.received_on.year, ids
    )


def add_tasks(
    session: Session,
    tasks: Sequence[TaskInput],
    *,
    document_id: int | None = None,
    origin: str = "",
    received_on: dt.date | None = None,
) -> list[int]:
    """Register tasks by hand (from a directive read by the clerk), inside a registered
    document or standalone; each given to its units at once."""
    permissions.require(session, "register")
    permissions.require(session, "assign")
    if not tasks:
        raise DomainError("Chưa nhập nhiệm vụ nào.")
    if document_id is not None:
        document = docs.get_document(session.store, document_id)
        if document is None:
            raise DomainError(f"Không có văn bản đến mã {document_id}.")
        # A task added to a notice later is received that day (an as-of report leaves it out
        # before then); never before the notice itself.
        received_on, origin = received_on or document.received_on, origin or document.sender
        if received_on < document.received_on:
            raise DomainError(
                f"Ngày nhận {received_on:%d/%m/%Y} trước ngày đến của văn bản"
                f" {document.received_on:%d/%m/%Y}."
            )
    received_on = received_on or session.today()
    if received_on > session.today():
        raise DomainError(f"Ngày nhận {received_on:%d/%m/%Y} ở tương lai.")
    if not clean(origin):
        raise DomainError("Chưa nhập nơi giao nhiệm vụ (cơ quan ban hành văn bản).")
    cat = catalogue(session)
    resolved = [_resolve(session, cat, n, t, received_on) for n, t in enumerate(tasks, 1)]
    with session.store.write():
        return _insert(
            session, resolved, document_id=document_id, origin=origin,
            received_on=received_on, note="Vào sổ nhiệm vụ",
        )  # fmt: skip


def as_json(rows: Sequence[repo.TaskRow]) -> list[dict[str, object]]:
    """The tasks as the CLI prints them (`import-notice --json`, `tasks --json`)."""
    return [
        {
            "id": r.id,
            "document_id": r.document_id,
            "unit": r.lead_unit,
            "support_units": list(r.support_units),
            "field": r.field,
            "content": r.content,
            "due_on": r.due_on.isoformat() if r.due_on else None,
            "due_text": r.due_text,
            "status": r.status,
            "done_on": r.done_on.isoformat() if r.done_on else None,
        }
        for r in rows
    ]


def preview_json(notice: ParsedNotice) -> dict[str, object]:
    """What `import-notice --dry-run --json` prints: the notice and its tasks, nothing written."""
    return {
        "document_id": None,
        "number": notice.number,
        "issued_on": notice.issued_on.isoformat() if notice.issued_on else None,
        "title": notice.title,
        "signer": notice.signer,
        "problems": list(notice.problems),
        "tasks": [
            {
                "id": None,
                "unit": t.unit,
                "support_units": list(t.support_units),
                "field": t.field,
                "content": t.content,
                "due_on": t.due_on.isoformat() if t.due_on else None,
                "due_text": t.due_text,
            }
            for t in notice.tasks
        ],
    }
