"""Who raised a petition and through whom it came: the parties of a kiến nghị.

A petition is raised by a body (an agency or a locality: "UBND tỉnh Thái Bình", "Cử tri thành
phố Hà Nội") or by a person (công dân: "Ông Trần Văn Bình", with an address to write back
to); `origin` keeps the name as the register shows it. It came through a forwarding body (cơ
quan chuyển đến: "Ban Dân nguyện", "UBND TP Hà Nội"); an empty `forwarded_by` means "with its
document, from the document's sender", so only what differs from that is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from db.engine import Connection
from db.store import Store
from db.text import clean, new_style_tones
from db.util import now_iso

PARTIES_VERSION = 12
RaisedBy = Literal["body", "person"]
RAISED_BY: tuple[RaisedBy, ...] = ("body", "person")


def m012_parties(conn: Connection) -> None:
    """Petitions raised by a body or a person (with address), and the body that forwarded them.

    Every petition written before was raised by a body (its origin) and came with its
    document; its seal is made again with the new columns (as migration 11 did)."""
    from db import seals

    def alter() -> None:
        conn.execute(
            "ALTER TABLE petitions ADD COLUMN raised_by TEXT NOT NULL DEFAULT 'body'"
            " CHECK (raised_by IN ('body', 'person'))"
        )
        conn.execute("ALTER TABLE petitions ADD COLUMN raiser_address TEXT NOT NULL DEFAULT ''")
        conn.execute("ALTER TABLE petitions ADD COLUMN forwarded_by TEXT NOT NULL DEFAULT ''")

    seals.reseal_table(conn, "petitions", alter)


@dataclass(frozen=True)
class Parties:
    """Who raised a petition (a body, or a person with an address) and who forwarded it."""

    raised_by: RaisedBy = "body"
    address: str = ""  # the person's address (địa chỉ), for the reply
    forwarded_by: str = ""  # empty: the sender of the petition's document

    @property
    def is_default(self) -> bool:
        """A body's petition that came with its document (what every older row is)."""
        return self.raised_by == "body" and not self.address and not self.forwarded_by


def _text(value: str) -> str:
    return new_style_tones(clean(value))


def record(store: Store, rows: Sequence[tuple[int, Parties]]) -> None:
    """Write the parties of new petitions (inside the registration's transaction).

    Rows with the default parties are skipped: the columns already say so, and an import of a
    table of provinces costs no extra statement (nor needs schema 12, for the older-file tests).
    """
    changed = [(p.raised_by, _text(p.address), _text(p.forwarded_by), pid)
               for pid, p in rows if not p.is_default]  # fmt: skip
    if not changed:
        return
    bad = [r[0] for r in changed if r[0] not in RAISED_BY]
    if bad:
        raise ValueError(f"raised_by must be body or person, not {bad[0]!r}")
    with store.write() as conn:
        conn.executemany(
            "UPDATE petitions SET raised_by = ?, raiser_address = ?, forwarded_by = ? WHERE id = ?",
            changed,
        )


def parties_of(store: Store, petition_id: int) -> Parties:
    """The parties of one petition (the default ones for a file older than schema 12)."""
    if store.user_version < PARTIES_VERSION:
        return Parties()
    row = store.one(
        "SELECT raised_by, raiser_address, forwarded_by FROM petitions WHERE id = ?",
        [petition_id],
    )
    if row is None:
        return Parties()
    raised: RaisedBy = "person" if row["raised_by"] == "person" else "body"
    return Parties(raised, row["raiser_address"], row["forwarded_by"])


def normalized(p: Parties) -> Parties:
    """The parties as they would be stored (cleaned, NFC, new-style tones)."""
    return Parties(p.raised_by, _text(p.address), _text(p.forwarded_by))


def update(conn: Connection, petition_id: int, p: Parties) -> None:
    """Write one petition's corrected parties, in the caller's write transaction."""
    if p.raised_by not in RAISED_BY:
        raise ValueError(f"raised_by must be body or person, not {p.raised_by!r}")
    p = normalized(p)
    conn.execute(
        "UPDATE petitions SET raised_by = ?, raiser_address = ?, forwarded_by = ?, updated_at = ?"
        " WHERE id = ?",
        [p.raised_by, p.address, p.forwarded_by, now_iso(), petition_id],
    )
