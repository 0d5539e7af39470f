"""Ký số công văn: a letter rendered to PDF and signed in one step, so issuing can sign inside
its transaction (desktop/core/letters/register.py renders there): a signature that fails
rolls the numbering back, and no number is used by a letter that was never signed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.core.errors import DomainError
from desktop.core.files import FileWriteError, check_writable, write_atomic
from desktop.core.letters import register
from desktop.core.letters.file_names import incoming_numbers, suggested_name
from desktop.core.letters.model import Letter
from desktop.core.session import Session
from desktop.core.signatures.sign import (
    SignatureBox,
    SigningError,
    SigningKey,
    copy_box,
    open_signer,
    sign_pdf,
)


def signed_pdf(
    letter: Letter,
    today: dt.date,
    signer: Any,
    *,
    agency_copy: bool = False,
    location: str = "",
) -> bytes:
    """The letter's PDF signed by `signer` (an open signer of sign.open_signer).

    The signer's signature sits in the signature block over the signer's name; with
    `agency_copy`, the agency's signature for a copy sits top right of the first page."""
    from reportlab.lib.pagesizes import A4

    from desktop.core.letters.pdf_render import pdf_with_signature_place

    if letter.number is None:
        raise DomainError(
            "Dự thảo chưa cấp số không ký số được: ký khi cấp số (--issue) hoặc in lại công văn"
            " đã ban hành."
        )
    pdf, place = pdf_with_signature_place(letter, today)
    if agency_copy:
        box = copy_box(*A4)
    elif place is None:
        raise SigningError(
            "Công văn chưa có họ tên người ký nên chưa có chỗ đặt chữ ký số (thêm người ký)."
        )
    else:
        box = SignatureBox(*place)
    reference = letter.number_text.removeprefix("Số: ").strip()
    return sign_pdf(
        pdf,
        signer,
        box,
        agency_copy=agency_copy,
        reference=reference,
        location=location or letter.place,
    )


def signing_renderer(
    signer: Any, *, agency_copy: bool = False
) -> Callable[[Letter, dt.date], bytes]:
    """A renderer (letter, today) → signed PDF bytes, for print_reply and the issue dialog."""

    def render(letter: Letter, today: dt.date) -> bytes:
        return signed_pdf(letter, today, signer, agency_copy=agency_copy)

    return render


def issue_signed(
    session: Session, letter_id: int, key: SigningKey, folder: Path
) -> tuple[Letter, Path]:
    """Ban hành và ký số a reply letter: numbered, its petitions answered and its PDF signed in
    one transaction (a signature that fails numbers nothing), the file written into `folder`
    under its usual name after the commit. Returns the issued letter and the file."""
    check_writable(folder / "x.pdf")
    with open_signer(key) as signer, session.store.write():
        letter = register.issue_reply(session, letter_id)
        data = signed_pdf(letter, session.today(), signer)
        numbers = incoming_numbers(session, letter.petition_ids)
        dest = folder / suggested_name(letter, ".pdf", incoming_nos=numbers)
        check_writable(dest, len(data))
    try:
        write_atomic(dest, data)
    except FileWriteError as exc:
        raise DomainError(
            f"Đã cấp số {letter.number_text.removeprefix('Số: ')} nhưng chưa ghi được tệp đã ký"
            f" số: {exc} Mở công văn trong Văn bản đi để lưu lại."
        ) from exc
    return letter, dest
