"""Giao xử lý and trả lời repository: assignments to units and replies to petitions."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from db.engine import Connection, Row, group_concat
from db.models import Assignment, Outcome, Reply, Role
from db.store import Store
from db.text import clean, new_style_tones
from db.util import iso, must_date, new_uuid, now_iso, to_date

_ASSIGNMENT_SQL = """
SELECT a.id, a.uuid, a.petition_id, a.unit_id, u.code AS unit_code, u.name AS unit_name, a.role,
       a.due_on, a.instructions, a.assigned_on, a.completed_on
FROM assignments a JOIN units u ON u.id = a.unit_id
"""


def _assignment(r: Row) -> Assignment:
    return Assignment(
        id=r["id"],
        uuid=r["uuid"],
        petition_id=r["petition_id"],
        unit_id=r["unit_id"],
        unit_code=r["unit_code"],
        unit_name=r["unit_name"],
        role=cast(Role, r["role"]),
        due_on=must_date(r["due_on"]),
        instructions=r["instructions"],
        assigned_on=must_date(r["assigned_on"]),
        completed_on=to_date(r["completed_on"]),
    )


def assignments_of(store: Store, petition_id: int) -> list[Assignment]:
    """Current assignments of a petition, lead first."""
    rows = store.all(
        f"{_ASSIGNMENT_SQL} WHERE a.petition_id = ? AND a.removed_at IS NULL"
        " ORDER BY a.role = 'support', a.id",
        [petition_id],
    )
    return [_assignment(r) for r in rows]


def insert_assignment(
    conn: Connection,
    petition_id: int,
    unit_id: int,
    role: Role,
    due_on: dt.date,
    assigned_on: dt.date,
    instructions: str = "",
) -> int:
    """Insert one assignment in the caller's transaction."""
    cur = conn.execute(
        "INSERT INTO assignments (uuid, petition_id, unit_id, role, due_on, instructions,"
        " assigned_on) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            new_uuid(),
            petition_id,
            unit_id,
            role,
            iso(due_on),
            new_style_tones(clean(instructions)),
            iso(assigned_on),
        ],
    )
    return int(cur.fetchone()[0])


def remove_assignment(conn: Connection, assignment_id: int) -> None:
    """Withdraw an assignment (kept, marked removed), in the caller's transaction."""
    conn.execute(
        "UPDATE assignments SET removed_at = ? WHERE id = ? AND removed_at IS NULL",
        [now_iso(), assignment_id],
    )


def complete_assignment(conn: Connection, assignment_id: int, on: dt.date) -> None:
    """Mark a unit's part done on a day, in the caller's transaction."""
    conn.execute(
        "UPDATE assignments SET completed_on = ? WHERE id = ? AND completed_on IS NULL",
        [iso(on), assignment_id],
    )


def insert_reply(
    conn: Connection,
    petition_ids: Sequence[int],
    outcome: Outcome,
    replied_on: dt.date,
    text: str,
    letter_ref: str,
    actor: str,
) -> int:
    """Insert a reply answering the given petitions, in the caller's transaction."""
    cur = conn.execute(
        "INSERT INTO replies (uuid, outcome, replied_on, text, letter_ref, created_at,"
        " created_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            new_uuid(),
            outcome,
            iso(replied_on),
            new_style_tones(clean(text)),
            clean(letter_ref),
            now_iso(),
            actor,
        ],
    )
    reply_id = int(cur.fetchone()[0])
    conn.executemany(
        "INSERT INTO reply_petitions (reply_id, petition_id) VALUES (?, ?)",
        [(reply_id, pid) for pid in petition_ids],
    )
    return reply_id


def replies_of(store: Store, petition_id: int) -> list[Reply]:
    """Replies that answer a petition, oldest first."""
    rows = store.all(
        "SELECT r.id, r.uuid, r.outcome, r.replied_on, r.text, r.letter_ref,"
        f" (SELECT {group_concat(store.dialect, 'petition_id')} FROM reply_petitions x"
        " WHERE x.reply_id = r.id) AS ids"
        " FROM replies r JOIN reply_petitions rp ON rp.reply_id = r.id"
        " WHERE rp.petition_id = ? ORDER BY r.replied_on, r.id",
        [petition_id],
    )
    return [
        Reply(
            id=r["id"],
            uuid=r["uuid"],
            outcome=cast(Outcome, r["outcome"]),
            replied_on=must_date(r["replied_on"]),
            text=r["text"],
            letter_ref=r["letter_ref"],
            petition_ids=tuple(int(x) for x in str(r["ids"]).split(",")),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class LetterRow:
    """A văn bản đi as one line of the outgoing register."""

    id: int
    year: int | None
    number: int | None
    symbol: str
    issued_on: dt.date | None
    subject: str
    recipients: str
    signer: str

    @property
    def reference(self) -> str:
        """The number as printed on the letter: `01/BTTTT-VP` (empty for a draft)."""
        return "" if self.number is None else f"{self.number:02d}/{self.symbol}"


def letter_rows(
    store: Store, *, limit: int = 500, after: tuple[dt.date | None, int] | None = None
) -> list[LetterRow]:
    """The outgoing register, newest first (drafts, without a number, first of all), paged by
    key: `after` is the (issued_on, id) of the last row shown, issued_on None for a draft."""
    where, params = "", list[object]()
    if after is not None:
        issued, last_id = after
        if issued is None:  # still among the drafts, then every issued letter
            where = " WHERE (issued_on IS NULL AND id < ?) OR issued_on IS NOT NULL"
            params = [last_id]
        else:
            day = issued.isoformat()
            where = " WHERE issued_on < ? OR (issued_on = ? AND id < ?)"
            params = [day, day, last_id]
    rows = store.all(
        "SELECT id, year, number, symbol, issued_on, subject, recipients, signer"
        f" FROM outgoing_letters{where}"
        " ORDER BY issued_on IS NOT NULL, issued_on DESC, id DESC LIMIT ?",
        [*params, limit],
    )
    return [
        LetterRow(
            id=r["id"],
            year=r["year"],
            number=r["number"],
            symbol=r["symbol"],
            issued_on=to_date(r["issued_on"]),
            subject=r["subject"],
            recipients=", ".join(json.loads(r["recipients"] or "[]")),
            signer=r["signer"],
        )
        for r in rows
    ]
