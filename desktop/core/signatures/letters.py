"""Ký số công văn: a letter rendered to PDF and signed in one step, so issuing can sign inside
its transaction (desktop/core/letters/register.py renders there): a signature that fails
rolls the numbering back, and no number is used by a letter that was never signed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from desktop.core.errors import DomainError
from desktop.core.letters.model import Letter
from desktop.core.signatures.sign import SignatureBox, SigningError, copy_box, sign_pdf


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
