"""Who a reply letter is addressed to and how it names who asked (Kính gửi, "kiến nghị của …").

A person (công dân) is answered by name with the address under it; a province merged since the
petition is answered to its successor, and the letter names the province as it wrote
("Ủy ban nhân dân tỉnh Thái Bình (nay là tỉnh Hưng Yên)"); another body by its own name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from db.models import IncomingDocument, Locality, Petition
from db.parties import Parties
from db.text import clean, fold
from desktop.core.letters.model import ADDRESS_PREFIX
from desktop.core.reference import change_on, place_key


@dataclass(frozen=True)
class Addressee:
    """Who answers for an origin: full name (Kính gửi), short name (V/v), whether a province,
    and a person's address (printed under the name)."""

    full: str
    short: str
    locality: bool
    address: str = ""

    @property
    def lines(self) -> list[str]:
        """The Kính gửi items: the name, then `Địa chỉ: …` for a person."""
        return [self.full, *([f"{ADDRESS_PREFIX} {self.address}"] if self.address else [])]


def origin_key(origin: str) -> str:
    """`UBND tỉnh Thái Bình` → `thai binh`: the folded place name, for matching."""
    return place_key(origin)


def _place(localities: Sequence[Locality], origin: str) -> Locality | None:
    key = origin_key(origin)
    return next((loc for loc in localities if fold(loc.name) == key), None)


def addressee(
    localities: Sequence[Locality], origin: str, on: dt.date, parties: Parties | None = None
) -> Addressee:
    """Whom to answer about a petition from `origin`: a person by name (with the address), a
    province merged by `on` → its successor, another body by its name."""
    if parties is not None and parties.raised_by == "person":
        name = clean(origin)
        return Addressee(name, name, False, clean(parties.address))
    loc = _place(localities, origin)
    if loc is None:
        return Addressee(clean(origin), clean(origin), False)
    change = change_on(localities, loc, on)
    loc = change.successor if change else loc
    return Addressee(f"Ủy ban nhân dân {loc.kind} {loc.name}", f"UBND {loc.kind} {loc.name}", True)


def raised_by_text(
    localities: Sequence[Locality], p: Petition, parties: Parties, today: dt.date
) -> str:
    """Who raised `p`, as the letter's first sentence names them: a person with the address,
    a province by the name it wrote under (`… tỉnh Thái Bình (nay là tỉnh Hưng Yên)`)."""
    if parties.raised_by == "person":
        address = clean(parties.address)
        return f"{clean(p.origin)} (địa chỉ: {address})" if address else clean(p.origin)
    loc = _place(localities, p.origin)
    if loc is None:
        return clean(p.origin)
    change = change_on(localities, loc, today)
    since = f" (nay là {change.successor_name})" if change else ""
    return f"Ủy ban nhân dân {loc.kind} {loc.name}{since}"


def came_from(p: Petition, parties: Parties, doc: IncomingDocument | None) -> str:
    """The body that forwarded `p` (the document's sender unless the clerk named another),
    or "" when the one who raised it sent it."""
    via = clean(parties.forwarded_by) or (clean(doc.sender) if doc else "")
    if not via:
        return ""
    if parties.raised_by == "person":
        own = fold(clean(p.origin)) in fold(via) or fold(via) in fold(clean(p.origin))
    else:
        own = origin_key(p.origin) in fold(via)
    return "" if own else via


def parties_line(p: Petition, parties: Parties, doc: IncomingDocument | None) -> tuple[str, str]:
    """Who raised `p` as the detail pane names them ("Ông Trần Văn Bình, số 5 Hàng Bông, Hà
    Nội") and the body it came through ("" when the petitioner sent it)."""
    address = clean(parties.address) if parties.raised_by == "person" else ""
    who = f"{clean(p.origin)}, {address}" if address else clean(p.origin)
    return who, came_from(p, parties, doc)


def forwarder_copies(forwarded: Iterable[tuple[str, bool]]) -> tuple[list[str], list[str]]:
    """The forwarding bodies of Nơi nhận: those copied "để b/c" and those "để biết".

    A body that forwarded a province's or a body's petition (Văn phòng Chính phủ, Ban Dân
    nguyện) is reported to; one that forwarded a citizen's đơn (the UBND that received it) is
    only told the answer. `forwarded` pairs a body with whether it forwarded a citizen's đơn;
    a body that did both is reported to, once."""
    pairs = list(forwarded)
    reported = list(dict.fromkeys(name for name, citizen in pairs if not citizen))
    informed = [n for n in dict.fromkeys(n for n, citizen in pairs if citizen) if n not in reported]
    return reported, informed
