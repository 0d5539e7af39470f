"""The official letter (công văn) as data; its layout (Decree 30/2020) lives in the renderers.

Wording is data — recipients, body, signer, copies — and the renderers turn one `Letter` into
a DOCX and a PDF that carry the same words in the same legal layout.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from desktop.core.errors import DomainError


def letter_date(place: str, day: dt.date) -> str:
    """`Hà Nội, ngày 05 tháng 01 năm 2020`: day < 10 and months 1–2 get a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def number_line(number: int | None, symbol: str) -> str:
    """`Số: 1234/BTTTT-VP`; numbers below 10 get a leading zero; a draft leaves the number blank."""
    if number is None:
        return f"Số:      /{symbol}"
    return f"Số: {number:02d}/{symbol}"


@dataclass(frozen=True)
class Letter:
    """Everything printed on a công văn, in reading order."""

    agency: str  # issuing agency, CAPS in print: "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"
    symbol: str  # "BTTTT-VP": agency code, then the drafting unit's code
    subject: str  # "V/v trả lời kiến nghị của UBND thành phố Hải Phòng" (with "V/v ")
    recipients: tuple[str, ...]  # Kính gửi: one, or several (one per line); "Địa chỉ: …" after
    # a person's name is that person's address, printed on the line under the name
    body: tuple[str, ...]  # paragraphs
    signer_authority: str  # "KT. BỘ TRƯỞNG" (may be empty when the head signs)
    signer_title: str  # "THỨ TRƯỞNG"
    signer_name: str  # "Nguyễn Huy Dũng"
    copies: tuple[str, ...]  # Nơi nhận lines without the leading "- " and trailing ";" / "."
    place: str = "Hà Nội"
    issued_on: dt.date | None = None  # None: a draft (date left for the day of signing)
    number: int | None = None  # None: a draft ("Số:      /BTTTT-VP")
    parent_agency: str = ""  # only when the issuer is a unit below a ministry
    national_title: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto: str = "Độc lập - Tự do - Hạnh phúc"
    petition_ids: tuple[int, ...] = field(default_factory=tuple)  # what an issued reply answers

    @property
    def number_text(self) -> str:
        """The number line as printed."""
        return number_line(self.number, self.symbol)

    def date_text(self, today: dt.date) -> str:
        """The place and date line as printed (a draft shows today's date)."""
        return letter_date(self.place, self.issued_on or today)

    def recipient_blocks(self) -> list[tuple[str, str]]:
        """Each recipient with its address (a person's: the `Địa chỉ: …` item after the name)."""
        blocks: list[tuple[str, str]] = []
        for item in self.recipients:
            if is_address(item) and blocks and not blocks[-1][1]:
                blocks[-1] = (blocks[-1][0], item)
            else:
                blocks.append((item, ""))
        return blocks

    def recipient_lines(self) -> list[str]:
        """`Kính gửi:` lines: one recipient on the same line ending ".", several as "- …;" lines;
        a person's address on the line under the name, carrying the name's end mark."""
        blocks = self.recipient_blocks()
        lines = [] if len(blocks) == 1 else ["Kính gửi:"]
        for i, (name, address) in enumerate(blocks):
            end = "." if i == len(blocks) - 1 else ";"
            head = "Kính gửi: " if len(blocks) == 1 else "- "
            name = name.rstrip(".;")
            lines.append(f"{head}{name}" if address else f"{head}{name}{end}")
            if address:
                lines.append(f"{address.rstrip('.;')}{end}")
        return lines

    def copy_lines(self) -> list[str]:
        """`Nơi nhận:` list: each line "- …;", the last ending with "."."""
        out = []
        for i, c in enumerate(self.copies):
            end = "." if i == len(self.copies) - 1 else ";"
            out.append(f"- {c.rstrip('.;')}{end}")
        return out


ADDRESS_PREFIX = "Địa chỉ:"


def is_address(text: str) -> bool:
    """Whether a Kính gửi item is the address of the recipient above it (`Địa chỉ: …`)."""
    return text.strip().casefold().startswith(ADDRESS_PREFIX.casefold())


_FILED = re.compile(r"^Lưu\s*:\s*VT\b.*$")


def with_drafting_unit(letter: Letter, unit_code: str) -> Letter:
    """The letter drafted by another unit: its symbol (`BTTTT-<unit>`) and the file copy line
    (`Lưu: VT, <unit>.`) follow, whatever the template or the clerk wrote before."""
    unit = unit_code.strip()
    if not unit:
        return letter
    agency = letter.symbol.partition("-")[0]
    copies = tuple(
        f"Lưu: VT, {unit}" if _FILED.match(line.strip()) else line for line in letter.copies
    )
    return dataclasses.replace(letter, symbol=f"{agency}-{unit}", copies=copies)


# What fits a công văn: a line longer than this is a paste gone wrong, and the renderers would
# spend minutes laying it out (a 100,000-character signer name hung reportlab).
MAX_LINE = 300
MAX_SUBJECT = 1_000
MAX_LINES = 200
MAX_BODY = 200_000


def check_printable(letter: Letter) -> None:
    """Refuse, in Vietnamese, a letter whose fields cannot be a real công văn."""
    lines = {
        "tên cơ quan": letter.agency,
        "cơ quan chủ quản": letter.parent_agency,
        "ký hiệu": letter.symbol,
        "địa danh": letter.place,
        "thẩm quyền ký": letter.signer_authority,
        "chức vụ người ký": letter.signer_title,
        "họ tên người ký": letter.signer_name,
    }
    for label, text in lines.items():
        if len(text) > MAX_LINE:
            raise DomainError(f"Ô «{label}» dài {len(text):,} ký tự, quá {MAX_LINE} ký tự.")
    if len(letter.subject) > MAX_SUBJECT:
        raise DomainError(f"Trích yếu dài {len(letter.subject):,} ký tự, quá {MAX_SUBJECT:,}.")
    for label, items in (("Kính gửi", letter.recipients), ("Nơi nhận", letter.copies)):
        if len(items) > MAX_LINES or any(len(x) > MAX_LINE for x in items):
            raise DomainError(
                f"Mục «{label}» quá dài: tối đa {MAX_LINES} dòng, mỗi dòng {MAX_LINE} ký tự."
            )
    if len(letter.body) > MAX_LINES * 10 or sum(map(len, letter.body)) > MAX_BODY:
        raise DomainError(f"Nội dung công văn quá dài (tối đa {MAX_BODY:,} ký tự).")
