"""Nhiệm vụ repository: tasks from conclusion notices and directives, and their progress.

A task is a row of `petitions` with `kind = 'task'`: it has the petitions' machinery (units
and assignments, working-day due dates, statuses, history, seals, search) and, in `tasks`,
what a notice says that a petition has not (the heading it stood under, the deadline as
written, bodies outside the unit catalogue). The notice itself is an incoming document with
its header in `notices`. A unit's progress reports (báo cáo tiến độ) are history: append-only
rows of `progress_reports`, chained with the other events; their files in `progress_files`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from db.ddl import run_script
from db.engine import POSTGRESQL, Connection, Row, dialect_of
from db.models import OVERDUE_SQL
from db.store import Store
from db.text import clean, new_style_tones
from db.util import iso, must_date, new_uuid, now_iso, to_date

TASKS_VERSION = 11
KINDS = ("petition", "task")


def m011_tasks(conn: Connection) -> None:
    """Tasks as a kind of petition, the notices they come from, and progress reports."""
    from db import seals

    def alter() -> None:
        conn.execute(
            "ALTER TABLE petitions ADD COLUMN kind TEXT NOT NULL DEFAULT 'petition'"
            " CHECK (kind IN ('petition', 'task'))"
        )

    seals.reseal_table(conn, "petitions", alter)
    run_script(
        conn,
        """
        CREATE INDEX petitions_tasks ON petitions(received_on, id) WHERE kind = 'task';
        CREATE TABLE notices (
            document_id INTEGER PRIMARY KEY REFERENCES incoming_documents(id),
            kind TEXT NOT NULL DEFAULT '',          -- THÔNG BÁO, CHỈ THỊ, … as printed
            title TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT '',
            signer TEXT NOT NULL DEFAULT '',
            signer_title TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE tasks (
            petition_id INTEGER PRIMARY KEY REFERENCES petitions(id),
            heading TEXT NOT NULL DEFAULT '',       -- the field heading it stood under
            due_text TEXT NOT NULL DEFAULT '',      -- the deadline as written
            lead_text TEXT NOT NULL DEFAULT '',     -- the lead as written, outside the catalogue
            outside_support TEXT NOT NULL DEFAULT '[]'  -- JSON: supporting bodies outside it
        );
        CREATE TABLE progress_reports (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            petition_id INTEGER NOT NULL REFERENCES petitions(id),
            unit_id INTEGER REFERENCES units(id),
            reported_on TEXT NOT NULL,
            text TEXT NOT NULL,
            done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX progress_reports_petition ON progress_reports(petition_id, id);
        CREATE TABLE progress_files (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            progress_id INTEGER NOT NULL REFERENCES progress_reports(id),
            filename TEXT NOT NULL,
            mime TEXT NOT NULL DEFAULT 'application/octet-stream',
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            content BLOB NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE INDEX progress_files_report ON progress_files(progress_id);
        """,
    )
    if dialect_of(conn) == POSTGRESQL:
        from db import seals_pg

        for table in ("notices", "tasks", "progress_reports", "progress_files"):
            seals_pg.add_trigger(conn, table)
    else:
        seals.install(conn, refresh=True)


# -- notices ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class NoticeHeader:
    """What a notice says of itself beyond an incoming document's columns."""

    kind: str = ""
    title: str = ""
    place: str = ""
    signer: str = ""
    signer_title: str = ""


def _text(value: str | None) -> str:
    return new_style_tones(clean(value))


def insert_notice(conn: Connection, document_id: int, header: NoticeHeader) -> None:
    """The header of the notice registered as document `document_id` (caller's transaction)."""
    conn.execute(
        "INSERT INTO notices (document_id, kind, title, place, signer, signer_title)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            document_id,
            _text(header.kind),
            _text(header.title),
            _text(header.place),
            _text(header.signer),
            _text(header.signer_title),
        ],
    )


def get_notice(store: Store, document_id: int) -> NoticeHeader | None:
    """The header of a notice, or None when the document is not one."""
    r = store.one("SELECT * FROM notices WHERE document_id = ?", [document_id])
    if r is None:
        return None
    return NoticeHeader(r["kind"], r["title"], r["place"], r["signer"], r["signer_title"])


# -- tasks --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TaskDetails:
    """The columns of `tasks`: what the notice said, as written."""

    heading: str = ""
    due_text: str = ""
    lead_text: str = ""
    outside_support: tuple[str, ...] = ()


def insert_details(conn: Connection, petition_id: int, d: TaskDetails) -> None:
    """Record what the notice said of task `petition_id` (caller's transaction)."""
    conn.execute(
        "INSERT INTO tasks (petition_id, heading, due_text, lead_text, outside_support)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            petition_id,
            _text(d.heading),
            _text(d.due_text),
            _text(d.lead_text),
            json.dumps([_text(s) for s in d.outside_support], ensure_ascii=False),
        ],
    )


@dataclass(frozen=True)
class TaskFilter:
    """Filters of the task register, all optional, combined with AND."""

    unit_code: str | None = None
    statuses: Sequence[str] = ()
    overdue_on: dt.date | None = None
    document_id: int | None = None
    task_ids: Sequence[int] = ()


@dataclass(frozen=True)
class TaskRow:
    """A task as one line of the register, with its notice and its units resolved."""

    id: int
    document_id: int | None
    notice_ref: str
    received_on: dt.date
    field: str
    content: str
    lead_unit: str
    lead_code: str | None
    support_units: tuple[str, ...]
    due_on: dt.date | None
    due_text: str
    status: str
    done_on: dt.date | None
    last_report: str


_TASK_SQL = """
SELECT p.id, p.document_id, d.sender_ref, p.received_on, p.content, p.due_on, p.status,
       t.heading, t.due_text, t.lead_text, t.outside_support, f.name AS field_name,
       (SELECT MIN(r.reported_on) FROM progress_reports r
         WHERE r.petition_id = p.id AND r.done = 1
           -- a supporting unit's "done" completes its part, not the task
           AND (r.unit_id IS NULL OR r.unit_id IN (SELECT a.unit_id FROM assignments a
                WHERE a.petition_id = p.id AND a.role = 'lead'))) AS done_on,
       (SELECT r.text FROM progress_reports r WHERE r.petition_id = p.id
         ORDER BY r.reported_on DESC, r.id DESC LIMIT 1) AS last_report
FROM petitions p
JOIN tasks t ON t.petition_id = p.id
LEFT JOIN incoming_documents d ON d.id = p.document_id
LEFT JOIN fields f ON f.id = p.field_id
"""


def _where(f: TaskFilter) -> tuple[str, list[Any]]:
    clauses = ["p.kind = 'task'", "p.deleted_at IS NULL"]
    params: list[Any] = []
    if f.unit_code:
        clauses.append(
            "EXISTS (SELECT 1 FROM assignments a JOIN units u ON u.id = a.unit_id"
            " WHERE a.petition_id = p.id AND a.removed_at IS NULL AND u.code = ?)"
        )
        params.append(f.unit_code)
    if f.statuses:
        clauses.append(f"p.status IN ({', '.join('?' for _ in f.statuses)})")
        params.extend(f.statuses)
    if f.overdue_on is not None:
        clauses.append(OVERDUE_SQL)
        params.append(iso(f.overdue_on))
    if f.document_id is not None:
        clauses.append("p.document_id = ?")
        params.append(f.document_id)
    if f.task_ids:
        clauses.append(f"p.id IN ({', '.join('?' for _ in f.task_ids)})")
        params.extend(f.task_ids)
    return " AND ".join(clauses), params


def task_rows(store: Store, f: TaskFilter = TaskFilter()) -> list[TaskRow]:
    """Tasks matching `f`, in the notice's order (oldest notice first, then as written)."""
    where, params = _where(f)
    rows = store.all(f"{_TASK_SQL} WHERE {where} ORDER BY p.received_on, p.id", params)
    units = _units_of(store, [int(r["id"]) for r in rows])
    out: list[TaskRow] = []
    for r in rows:
        mine = units.get(int(r["id"]), [])
        lead = next(((name, code) for role, name, code in mine if role == "lead"), None)
        support = [name for role, name, _ in mine if role == "support"]
        support += [s for s in json.loads(r["outside_support"] or "[]") if s not in support]
        out.append(
            TaskRow(
                id=int(r["id"]),
                document_id=r["document_id"],
                notice_ref=r["sender_ref"] or "",
                received_on=must_date(r["received_on"]),
                field=r["field_name"] or r["heading"] or "",
                content=r["content"],
                lead_unit=lead[0] if lead else r["lead_text"] or "",
                lead_code=lead[1] if lead else None,
                support_units=tuple(support),
                due_on=to_date(r["due_on"]),
                due_text=r["due_text"] or "",
                status=r["status"],
                done_on=to_date(r["done_on"]),
                last_report=r["last_report"] or "",
            )
        )
    return out


def _units_of(store: Store, ids: Sequence[int]) -> dict[int, list[tuple[str, str, str]]]:
    """Current (role, unit name, unit code) of each task, lead first."""
    out: dict[int, list[tuple[str, str, str]]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = store.all(
            "SELECT a.petition_id, a.role, u.name, u.code FROM assignments a"
            " JOIN units u ON u.id = a.unit_id WHERE a.removed_at IS NULL"
            f" AND a.petition_id IN ({', '.join('?' for _ in chunk)})"
            " ORDER BY a.petition_id, a.role = 'support', a.id",
            list(chunk),
        )
        for r in rows:
            out.setdefault(int(r[0]), []).append((r[1], r[2], r[3]))
    return out


# -- progress -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProgressReport:
    """Báo cáo tiến độ: what a unit reported on a day, and whether the task is done."""

    id: int
    petition_id: int
    unit_name: str
    reported_on: dt.date
    text: str
    done: bool
    created_by: str
    files: tuple[str, ...]


def insert_progress(
    conn: Connection,
    petition_id: int,
    unit_id: int | None,
    reported_on: dt.date,
    text: str,
    *,
    done: bool,
    actor: str,
) -> int:
    """Append one progress report (caller's transaction); returns its id."""
    cur = conn.execute(
        "INSERT INTO progress_reports (uuid, petition_id, unit_id, reported_on, text, done,"
        " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [new_uuid(), petition_id, unit_id, iso(reported_on), _text(text), int(done),
         now_iso(), actor],
    )  # fmt: skip
    return int(cur.fetchone()[0])


def insert_progress_file(
    conn: Connection, progress_id: int, filename: str, content: bytes, mime: str, sha256: str
) -> int:
    """Keep one file sent with a progress report (caller's transaction)."""
    cur = conn.execute(
        "INSERT INTO progress_files (uuid, progress_id, filename, mime, size, sha256, content,"
        " added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [new_uuid(), progress_id, filename, mime, len(content), sha256, content, now_iso()],
    )
    return int(cur.fetchone()[0])


def _report(r: Row, files: tuple[str, ...]) -> ProgressReport:
    return ProgressReport(
        id=int(r["id"]),
        petition_id=int(r["petition_id"]),
        unit_name=r["unit_name"] or "",
        reported_on=must_date(r["reported_on"]),
        text=r["text"],
        done=bool(r["done"]),
        created_by=r["created_by"],
        files=files,
    )


def progress_of(store: Store, petition_id: int) -> list[ProgressReport]:
    """The progress reports of a task, in the order reported."""
    rows = store.all(
        "SELECT r.*, u.name AS unit_name FROM progress_reports r"
        " LEFT JOIN units u ON u.id = r.unit_id WHERE r.petition_id = ?"
        " ORDER BY r.reported_on, r.id",
        [petition_id],
    )
    names: dict[int, list[str]] = {}
    if rows:
        ids = [int(r["id"]) for r in rows]
        for f in store.all(
            "SELECT progress_id, filename FROM progress_files"
            f" WHERE progress_id IN ({', '.join('?' for _ in ids)}) ORDER BY id",
            ids,
        ):
            names.setdefault(int(f[0]), []).append(f[1])
    return [_report(r, tuple(names.get(int(r["id"]), ()))) for r in rows]
