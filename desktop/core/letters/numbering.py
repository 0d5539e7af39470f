"""Số văn bản đi: which series a number belongs to, and numbers given for letters made elsewhere.

Decree 30/2020 (art. 15) numbers an agency's documents in one series per calendar year unless
the agency decides otherwise; `numbering_per_unit` (a setting, default off) makes one series per
symbol (`BTTTT-VP`, `BTTTT-THH`). A number typed for a letter made outside the app — in a reply
(`--letter-ref 3/BTTTT-VP`) or in the register — is entered in the outgoing register, so the app
never issues it again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from db import letters as reg
from db.text import clean
from desktop.core import permissions
from desktop.core import vocabulary as vocab
from desktop.core.errors import DomainError
from desktop.core.session import Session

_REFERENCE = re.compile(r"^\s*(?:số\s*:?\s*)?0*(\d{1,6})\s*/\s*([^\s/]+)\s*$", re.IGNORECASE)


def per_unit(session: Session) -> bool:
    """True when the agency numbers each drafting unit's letters in a series of their own."""
    return vocab.read_setting(session.store, vocab.NUMBERING_PER_UNIT)


def parse_reference(text: str) -> tuple[int, str]:
    """`3/BTTTT-VP` (or `Số: 03/BTTTT-VP`) → (3, "BTTTT-VP"); a Vietnamese refusal otherwise."""
    match = _REFERENCE.match(clean(text))
    if match is None or int(match.group(1)) == 0:
        raise DomainError(
            f"Số văn bản «{clean(text)}» không đúng dạng số/ký hiệu (ví dụ 15/BTTTT-VP)."
        )
    return int(match.group(1)), match.group(2).upper()


def reference(number: int, symbol: str) -> str:
    """The number as printed on the letter: `03/BTTTT-VP`."""
    return f"{number:02d}/{symbol}"


def _check_agency(session: Session, number: int, symbol: str) -> None:
    agency = clean(vocab.read_setting(session.store, vocab.AGENCY_CODE)).upper()
    if agency and symbol.partition("-")[0] != agency:
        raise DomainError(
            f"Ký hiệu «{symbol}» không thuộc sổ văn bản đi của cơ quan (ký hiệu {agency}-…):"
            f" ghi số văn bản của cơ quan, ví dụ {reference(number, agency + '-VP')}."
        )


def record_external(
    session: Session, number: int, symbol: str, subject: str, issued_on: dt.date
) -> int:
    """Enter a number used by a letter made outside the app so the app never hands it out."""
    if issued_on > session.today():
        raise DomainError(f"Ngày ban hành {issued_on:%d/%m/%Y} ở tương lai.")
    try:
        return reg.record_external(
            session.store, issued_on.year, number, symbol, subject, issued_on,
            per_unit=per_unit(session),
        )  # fmt: skip
    except reg.RegisterError as exc:
        raise DomainError(str(exc)) from exc


def record_outside_letter(session: Session, text: str, issued_on: dt.date, subject: str) -> str:
    """Vào sổ văn bản đi the number of a letter made outside the app; returns it as printed."""
    permissions.require(session, "record_number")
    number, symbol = parse_reference(text)
    _check_agency(session, number, symbol)
    record_external(session, number, symbol, subject, issued_on)
    return reference(number, symbol)


def record_reference(
    session: Session, text: str, on: dt.date, petition_ids: Sequence[int] = ()
) -> str:
    """Enter the number of a letter cited by a reply in the outgoing register; returns it as
    printed. A number already held by the same letter is cited as it is; held by another
    letter of the series, it is refused. Call inside the reply's write transaction."""
    number, symbol = parse_reference(text)
    _check_agency(session, number, symbol)
    taken = reg.find_number(session.store, on.year, number, symbol, per_unit=per_unit(session))
    if taken is not None:
        if taken.symbol.upper() == symbol:
            return taken.reference
        raise DomainError(
            f"Số {number:02d} năm {on.year} đã được cấp cho văn bản {taken.reference}"
            f" ngày {taken.issued_on:%d/%m/%Y}: mỗi số văn bản đi chỉ dùng một lần."
        )
    ids = ", ".join(str(i) for i in petition_ids)
    subject = f"Trả lời kiến nghị {ids} (văn bản làm ngoài phần mềm)" if ids else ""
    record_external(session, number, symbol, subject, on)
    return reference(number, symbol)
