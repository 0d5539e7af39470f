"""The rows of the three registers of Decree 30/2020, Appendix IV, for a date range (SQL only).

Sổ đăng ký văn bản đến (incoming), sổ đăng ký văn bản đi (outgoing) and sổ theo dõi giải
quyết văn bản đến (tracking). Formatting into printed cells is left to desktop.core.registers.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass

from db.documents import document_fields
from db.engine import group_concat
from db.models import REPLIED_SQL
from db.store import Store
from db.util import iso, must_date, to_date


@dataclass(frozen=True)
class IncomingEntry:
    """One văn bản đến as the incoming and tracking registers list it."""

    document_id: int
    year: int
    incoming_no: int
    received_on: dt.date
    sender: str
    sender_ref: str
    sender_date: dt.date | None
    summary: str
    reply_by: dt.date | None
    lead_units: tuple[str, ...]
    transferred_on: dt.date | None  # the earliest assignment of any of its petitions
    earliest_due: dt.date | None
    petitions: int
    replied: int
    clarify: int
    escalated: int
    reply_refs: tuple[str, ...]


@dataclass(frozen=True)
class OutgoingEntry:
    """One numbered văn bản đi as the outgoing register lists it."""

    number: int
    symbol: str
    issued_on: dt.date
    kind: str
    subject: str
    signer: str
    signer_title: str
    recipients: tuple[str, ...]
    copies: tuple[str, ...]


def _split(value: object) -> tuple[str, ...]:
    # group_concat with a separator no clerk types; empty and NULL both mean none.
    return tuple(v for v in str(value or "").split("\x1f") if v)


@functools.cache
def _incoming_sql(dialect: str) -> str:
    leads = group_concat(dialect, "name", 31)
    refs = group_concat(dialect, "ref", 31)
    return f"""
SELECT d.id, d.year, d.incoming_no, d.received_on, d.sender, d.sender_ref, d.sender_date,
  d.summary, d.reply_by,
  (SELECT {leads} FROM (
     SELECT u.name AS name, min(a.id) AS first
     FROM assignments a JOIN petitions p ON p.id = a.petition_id JOIN units u ON u.id = a.unit_id
     WHERE p.document_id = d.id AND p.deleted_at IS NULL AND a.role = 'lead'
       AND a.removed_at IS NULL
     GROUP BY u.id, u.name ORDER BY first) AS ordered) AS lead_units,
  (SELECT min(a.assigned_on) FROM assignments a JOIN petitions p ON p.id = a.petition_id
   WHERE p.document_id = d.id AND p.deleted_at IS NULL) AS transferred_on,
  (SELECT min(p.due_on) FROM petitions p
   WHERE p.document_id = d.id AND p.deleted_at IS NULL) AS earliest_due,
  (SELECT count(*) FROM petitions p
   WHERE p.document_id = d.id AND p.deleted_at IS NULL) AS petitions,
  -- A `clarify` or `escalated` answer has been sent too: it counts as replied.
  (SELECT count(*) FROM petitions p WHERE p.document_id = d.id AND p.deleted_at IS NULL
   AND p.status IN ({REPLIED_SQL})) AS replied,
  (SELECT count(*) FROM petitions p WHERE p.document_id = d.id AND p.deleted_at IS NULL
   AND p.status = 'clarify') AS clarify,
  (SELECT count(*) FROM petitions p WHERE p.document_id = d.id AND p.deleted_at IS NULL
   AND p.status = 'escalated') AS escalated,
  (SELECT {refs} FROM (
     SELECT r.letter_ref AS ref, min(r.replied_on) AS first
     FROM replies r JOIN reply_petitions rp ON rp.reply_id = r.id
     JOIN petitions p ON p.id = rp.petition_id
     WHERE p.document_id = d.id AND p.deleted_at IS NULL AND r.letter_ref != ''
     GROUP BY r.letter_ref ORDER BY first, ref) AS ordered) AS reply_refs
FROM incoming_documents d
WHERE d.deleted_at IS NULL AND d.received_on BETWEEN ? AND ?
ORDER BY d.year, d.incoming_no
"""


def incoming(store: Store, date_from: dt.date, date_to: dt.date) -> list[IncomingEntry]:
    """Documents received in [date_from, date_to], in số đến order, with their petitions' state."""
    rows = store.all(_incoming_sql(store.dialect), (iso(date_from), iso(date_to)))
    return [
        IncomingEntry(
            document_id=r["id"],
            **document_fields(r),
            lead_units=_split(r["lead_units"]),
            transferred_on=to_date((r["transferred_on"] or "")[:10] or None),
            earliest_due=to_date(r["earliest_due"]),
            petitions=r["petitions"],
            replied=r["replied"],
            clarify=r["clarify"],
            escalated=r["escalated"],
            reply_refs=_split(r["reply_refs"]),
        )
        for r in rows
    ]


_OUTGOING = """
SELECT number, symbol, issued_on, kind, subject, signer, signer_title, recipients, copies
FROM outgoing_letters
WHERE number IS NOT NULL AND issued_on BETWEEN ? AND ?
ORDER BY year, issued_on, number, symbol
"""


def outgoing(store: Store, date_from: dt.date, date_to: dt.date) -> list[OutgoingEntry]:
    """Numbered letters issued in [date_from, date_to], in date then number order."""
    rows = store.all(_OUTGOING, (iso(date_from), iso(date_to)))
    return [
        OutgoingEntry(
            number=r["number"],
            symbol=r["symbol"],
            issued_on=must_date(r["issued_on"]),
            kind=r["kind"],
            subject=r["subject"],
            signer=r["signer"],
            signer_title=r["signer_title"],
            recipients=tuple(json.loads(r["recipients"] or "[]")),
            copies=tuple(json.loads(r["copies"] or "[]")),
        )
        for r in rows
    ]
