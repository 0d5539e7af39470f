"""The «Đã ký số: …» lines of a document's detail: its attached PDFs' signatures, verified off
the UI thread (a large PDF must not stall the pane), red when changed after signing."""

from __future__ import annotations

import html
from collections.abc import Callable

from desktop.core.petitions import PetitionDetails
from desktop.core.signatures.documents import (
    FileSignatures,
    document_signatures,
    is_pdf_attachment,
)
from desktop.core.signatures.verify import moment, verdict
from desktop.ui.context import UiContext
from desktop.ui.qt import QObject

CHANGED_STYLE = "color:#b00020; font-weight:bold"  # đã bị sửa sau khi ký
UNTRUSTED_STYLE = "color:#a05a00"  # chưa tin cậy


def to_html(files: list[FileSignatures]) -> str:
    """One line per signature, the verdict coloured; '' when no attachment is signed."""
    lines = []
    for f in files:
        for s in f.result.signatures:
            style = CHANGED_STYLE if not s.intact else "" if s.trusted else UNTRUSTED_STYLE
            said = html.escape(verdict(s))
            said = f'<span style="{style}">{said}</span>' if style else said
            lines.append(
                f"{html.escape(f.filename)} — Đã ký số: {html.escape(s.signer)},"
                f" {moment(s.signed_at)} — {said}"
            )
    return f"<p><b>Chữ ký số:</b><br>{'<br>'.join(lines)}</p>" if lines else ""


def check(
    ctx: UiContext, owner: QObject, details: PetitionDetails, on_done: Callable[[int, str], None]
) -> None:
    """Verify the signed PDFs of the petition's document; `on_done(petition_id, html)` after."""
    doc, pid = details.document, details.petition.id
    if doc is None or not any(is_pdf_attachment(a) for a in details.attachments):
        return
    ctx.runner.run_query(
        lambda store: to_html(document_signatures(store, doc.id)),
        lambda text: on_done(pid, text),
        key="signatures",
        owner=owner,
        on_error=lambda message: on_done(
            pid, f"<p><i>Không kiểm tra được chữ ký số: {html.escape(message)}</i></p>"
        ),
    )
