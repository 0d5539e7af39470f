"""Sổ văn bản đi: the outgoing register — drafts, numbers per calendar year, petitions answered.

A letter is saved as a draft (no number), then issued: it takes the next number of its year
in its series (one per agency by default, see `_series`) inside a BEGIN IMMEDIATE transaction,
so two windows never get the same number.
Numbers used by letters made outside the app are recorded so the app never hands them out.
Numbers follow the order of the issue dates (Decree 30/2020, art. 15): a gap left by an
external number is never filled afterwards.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from db.engine import Connection, Row, group_concat
from db.models import OPEN_SQL, Role
from db.store import Store, StoreError
from db.text import clean, new_style_tones
from db.util import iso, must_date, new_uuid, now_iso, to_date

KIND_EXTERNAL = "external"
MAX_NUMBER = 999_999  # a year's letters; larger is a typing error


class RegisterError(StoreError):
    """The outgoing register refused a number, a date or an edit; the message says why."""


@dataclass(frozen=True)
class NewLetter:
    """A letter's words as saved in the register (a draft until it is issued)."""

    kind: str  # "reply", "chase", "letter"
    symbol: str  # "BTTTT-VP"
    subject: str
    recipients: tuple[str, ...]
    copies: tuple[str, ...]
    body: tuple[str, ...]
    agency: str
    signer_authority: str
    signer_title: str
    signer_name: str
    place: str
    parent_agency: str = ""
    answer: str = ""  # a reply letter's answer, recorded as the reply's text when issued
    petition_ids: tuple[int, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class LetterRecord:
    """A văn bản đi as stored: a draft (number None), an issued letter, or an external number."""

    id: int
    uuid: str
    kind: str
    year: int | None
    number: int | None
    symbol: str
    issued_on: dt.date | None
    subject: str
    recipients: tuple[str, ...]
    copies: tuple[str, ...]
    body: tuple[str, ...]
    agency: str
    parent_agency: str
    place: str
    signer_authority: str
    signer_title: str
    signer_name: str
    answer: str
    external: bool
    created_at: str
    petition_ids: tuple[int, ...]

    @property
    def reference(self) -> str:
        """`05/BTTTT-VP` as cited in replies (empty for a draft)."""
        return "" if self.number is None else f"{self.number:02d}/{self.symbol}"


@dataclass(frozen=True)
class OverdueAssignment:
    """A unit's assignment past its due date on a petition still waiting for a reply."""

    assignment_id: int
    role: Role
    due_on: dt.date
    instructions: str
    petition_id: int
    origin: str
    received_on: dt.date
    summary: str
    content: str
    sender: str
    sender_ref: str
    sender_date: dt.date | None


def _text(value: str) -> str:
    return new_style_tones(clean(value))


def _lines(values: Sequence[str]) -> list[str]:
    # One stored line is one paragraph (or recipient, or copy): embedded newlines split.
    out: list[str] = []
    for v in values:
        out.extend(line for line in _text(v).split("\n") if line)
    return out


@functools.cache
def _select(dialect: str) -> str:
    ids = group_concat(dialect, "petition_id")
    return f"""
SELECT l.*, (SELECT {ids} FROM
             (SELECT petition_id FROM letter_petitions x WHERE x.letter_id = l.id
              ORDER BY petition_id) AS ordered) AS petition_ids
FROM outgoing_letters l
"""


def _record(r: Row) -> LetterRecord:
    ids = str(r["petition_ids"] or "")
    return LetterRecord(
        id=r["id"],
        uuid=r["uuid"],
        kind=r["kind"],
        year=r["year"],
        number=r["number"],
        symbol=r["symbol"],
        issued_on=to_date(r["issued_on"]),
        subject=r["subject"],
        recipients=tuple(json.loads(r["recipients"] or "[]")),
        copies=tuple(json.loads(r["copies"] or "[]")),
        body=tuple(line for line in str(r["body"]).split("\n") if line),
        agency=r["agency"],
        parent_agency=r["parent_agency"],
        place=r["place"],
        signer_authority=r["signer_authority"],
        signer_title=r["signer_title"],
        signer_name=r["signer"],
        answer=r["answer"],
        external=bool(r["external"]),
        created_at=r["created_at"],
        petition_ids=tuple(int(x) for x in ids.split(",") if x),
    )


def _values(letter: NewLetter) -> list[object]:
    return [
        letter.kind,
        _text(letter.symbol),
        _text(letter.subject),
        json.dumps(_lines(letter.recipients), ensure_ascii=False),
        json.dumps(_lines(letter.copies), ensure_ascii=False),
        "\n".join(_lines(letter.body)),
        _text(letter.agency),
        _text(letter.parent_agency),
        _text(letter.place),
        _text(letter.signer_authority),
        _text(letter.signer_title),
        _text(letter.signer_name),
        _text(letter.answer),
    ]


_COLUMNS = (
    "kind, symbol, subject, recipients, copies, body, agency, parent_agency, place,"
    " signer_authority, signer_title, signer, answer"
)


def save_draft(store: Store, letter: NewLetter) -> int:
    """Save a new draft (no number, no date) linked to its petitions; returns its id."""
    if not clean(letter.symbol):
        raise RegisterError("Chưa có ký hiệu văn bản (ví dụ BTTTT-VP).")
    with store.write() as conn:
        cur = conn.execute(
            f"INSERT INTO outgoing_letters (uuid, created_at, {_COLUMNS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [new_uuid(), now_iso(), *_values(letter)],
        )
        letter_id = int(cur.fetchone()[0])
        conn.executemany(
            "INSERT INTO letter_petitions (letter_id, petition_id) VALUES (?, ?)"
            " ON CONFLICT DO NOTHING",
            [(letter_id, pid) for pid in letter.petition_ids],
        )
    return letter_id


def update_draft(store: Store, letter_id: int, letter: NewLetter) -> None:
    """Replace the words and petitions of a draft; an issued letter is never edited."""
    with store.write() as conn:
        current = get_letter(store, letter_id)
        if current is None:
            raise RegisterError(f"Không có văn bản đi mã {letter_id}.")
        if current.number is not None:
            raise RegisterError(f"Văn bản {current.reference} đã được cấp số, không sửa được nữa.")
        assignments = ", ".join(f"{c.strip()} = ?" for c in _COLUMNS.split(","))
        conn.execute(
            f"UPDATE outgoing_letters SET {assignments} WHERE id = ?",
            [*_values(letter), letter_id],
        )
        conn.execute("DELETE FROM letter_petitions WHERE letter_id = ?", [letter_id])
        conn.executemany(
            "INSERT INTO letter_petitions (letter_id, petition_id) VALUES (?, ?)"
            " ON CONFLICT DO NOTHING",
            [(letter_id, pid) for pid in letter.petition_ids],
        )


def get_letter(store: Store, letter_id: int) -> LetterRecord | None:
    """One letter by id."""
    row = store.one(f"{_select(store.dialect)} WHERE l.id = ?", [letter_id])
    return _record(row) if row else None


def _series(symbol: str, per_unit: bool) -> tuple[str, list[object]]:
    """SQL matching the letters of one numbering series (Decree 30/2020, art. 15).

    By default an agency numbers all its letters in one series a calendar year, whatever unit
    drafted them: `BTTTT-VP` and `BTTTT-CĐSQG` share the `BTTTT` series. An agency that decided
    otherwise numbers per symbol (`per_unit`)."""
    symbol = _text(symbol)
    if per_unit:
        return "l.symbol = ?", [symbol]
    agency = symbol.partition("-")[0]
    escaped = agency.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "(l.symbol = ? OR l.symbol LIKE ? ESCAPE '\\')", [agency, escaped + "-%"]


def find_number(
    store: Store, year: int, number: int, symbol: str, *, per_unit: bool = False
) -> LetterRecord | None:
    """The letter holding a number of a year in the symbol's series, if any."""
    series, params = _series(symbol, per_unit)
    row = store.one(
        f"{_select(store.dialect)} WHERE l.year = ? AND l.number = ? AND {series}",
        [year, number, *params],
    )
    return _record(row) if row else None


def next_number(store: Store, year: int, symbol: str, *, per_unit: bool = False) -> int:
    """The next number of a calendar year in the symbol's series (the first of each year is 1)."""
    series, params = _series(symbol, per_unit)
    current = store.scalar(
        f"SELECT max(l.number) FROM outgoing_letters l WHERE l.year = ? AND {series}",
        [year, *params],
    )
    return int(current or 0) + 1


def issue(store: Store, letter_id: int, on: dt.date, *, per_unit: bool = False) -> int:
    """Number a draft with the next number of `on`'s year in its series; returns the number."""
    with store.write() as conn:
        letter = get_letter(store, letter_id)
        if letter is None:
            raise RegisterError(f"Không có văn bản đi mã {letter_id}.")
        if letter.number is not None:
            raise RegisterError(
                f"Văn bản này đã được cấp số {letter.reference} ngày {letter.issued_on:%d/%m/%Y}."
            )
        series, params = _series(letter.symbol, per_unit)
        latest = store.one(
            f"SELECT l.number, l.symbol, l.issued_on FROM outgoing_letters l WHERE l.year = ?"
            f" AND {series} AND l.number IS NOT NULL ORDER BY l.number DESC LIMIT 1",
            [on.year, *params],
        )
        last_on = must_date(latest["issued_on"]) if latest is not None else None
        if latest is not None and last_on is not None and last_on > on:
            raise RegisterError(
                f"Ngày ban hành {on:%d/%m/%Y} trước ngày của văn bản số"
                f" {latest['number']:02d}/{latest['symbol']} ({last_on:%d/%m/%Y}):"
                " số văn bản đi phải theo thứ tự thời gian ban hành."
            )
        number = next_number(store, on.year, letter.symbol, per_unit=per_unit)
        conn.execute(
            "UPDATE outgoing_letters SET year = ?, number = ?, issued_on = ? WHERE id = ?",
            [on.year, number, iso(on), letter_id],
        )
    return number


def record_external(
    store: Store,
    year: int,
    number: int,
    symbol: str,
    subject: str,
    issued_on: dt.date,
    *,
    per_unit: bool = False,
) -> int:
    """Record a number used by a letter made outside the app; refused if the number is taken."""
    symbol = _text(symbol)
    if not 0 < number <= MAX_NUMBER:
        raise RegisterError(f"Số văn bản phải là số nguyên từ 1 đến {MAX_NUMBER}.")
    if not symbol:
        raise RegisterError("Chưa có ký hiệu văn bản (ví dụ BTTTT-VP).")
    if issued_on.year != year:
        raise RegisterError(
            f"Ngày ban hành {issued_on:%d/%m/%Y} không thuộc năm {year}:"
            " số văn bản đi bắt đầu lại từ 01 mỗi năm."
        )
    with store.write() as conn:
        taken = find_number(store, year, number, symbol, per_unit=per_unit)
        if taken is not None:
            raise RegisterError(
                f"Số {number:02d} năm {year} đã được dùng cho văn bản {taken.reference}"
                f" «{taken.subject}» ngày {taken.issued_on:%d/%m/%Y}."
            )
        cur = conn.execute(
            "INSERT INTO outgoing_letters (uuid, kind, year, number, symbol, issued_on, subject,"
            " external, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?) RETURNING id",
            [new_uuid(), KIND_EXTERNAL, year, number, symbol, iso(issued_on), _text(subject),
             now_iso()],
        )  # fmt: skip
        return int(cur.fetchone()[0])


def list_letters(
    store: Store, *, year: int | None = None, include_drafts: bool = True, limit: int = 5000
) -> list[LetterRecord]:
    """The register in number order per year (drafts first); one year when given."""
    where, params = ["1 = 1"], []
    if year is not None:
        where.append("(l.year = ? OR l.year IS NULL)" if include_drafts else "l.year = ?")
        params.append(year)
    if not include_drafts:
        where.append("l.number IS NOT NULL")
    rows = store.all(
        f"{_select(store.dialect)} WHERE {' AND '.join(where)}"
        " ORDER BY l.number IS NOT NULL, l.year, l.number, l.symbol, l.id LIMIT ?",
        [*params, limit],
    )
    return [_record(r) for r in rows]


def letters_of_petition(store: Store, petition_id: int) -> list[LetterRecord]:
    """Letters (drafts and issued) linked to a petition, oldest first."""
    rows = store.all(
        f"{_select(store.dialect)} JOIN letter_petitions lp ON lp.letter_id = l.id"
        " WHERE lp.petition_id = ? ORDER BY l.id",
        [petition_id],
    )
    return [_record(r) for r in rows]


def link_reply(conn: Connection, reply_id: int, letter_id: int, letter_ref: str) -> None:
    """Point a reply at the letter that carries it, in the caller's transaction."""
    conn.execute(
        "UPDATE replies SET letter_id = ?, letter_ref = ? WHERE id = ?",
        [letter_id, clean(letter_ref), reply_id],
    )


def overdue_assignments(store: Store, unit_id: int, today: dt.date) -> list[OverdueAssignment]:
    """A unit's unfinished assignments past due on petitions still waiting, oldest due first."""
    rows = store.all(
        "SELECT a.id, a.role, a.due_on, a.instructions, p.id AS petition_id, p.origin,"
        " p.received_on, p.summary, p.content, d.sender, d.sender_ref, d.sender_date"
        " FROM assignments a JOIN petitions p ON p.id = a.petition_id"
        " LEFT JOIN incoming_documents d ON d.id = p.document_id"
        " WHERE a.unit_id = ? AND a.removed_at IS NULL AND a.completed_on IS NULL"
        f" AND a.due_on < ? AND p.deleted_at IS NULL AND p.status IN ({OPEN_SQL})"
        " ORDER BY a.due_on, p.id",
        [unit_id, iso(today)],
    )
    return [
        OverdueAssignment(
            assignment_id=r["id"],
            role=r["role"],
            due_on=must_date(r["due_on"]),
            instructions=r["instructions"],
            petition_id=r["petition_id"],
            origin=r["origin"],
            received_on=must_date(r["received_on"]),
            summary=r["summary"],
            content=r["content"],
            sender=r["sender"] or "",
            sender_ref=r["sender_ref"] or "",
            sender_date=to_date(r["sender_date"]),
        )
        for r in rows
    ]
