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
from desktop.core.types import Store
from desktop.ui.context import UiContext
from desktop.ui.qt import QObject

REPORT_MS = 20_000  # the status bar's report after Vào sổ
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


def report_registered(ctx: UiContext, window: QObject | None, document_id: int) -> None:
    """After Vào sổ: the signed PDFs among the files attached, said in the window's status bar
    («Chữ ký số: tệp.pdf: Đã ký số: …, … — nguyên vẹn»), verified off the UI thread."""
    status_bar = getattr(window, "statusBar", None)
    if window is None or status_bar is None:
        return

    def lines(store: Store) -> str:
        files = document_signatures(store, document_id)
        return "; ".join(line for f in files for line in f.lines())

    def show(text: str) -> None:
        if text:
            status_bar().showMessage(f"Chữ ký số — {text}", REPORT_MS)

    ctx.runner.run_query(lines, show, key=f"signed-{document_id}", owner=window,
                         on_error=lambda _message: None)  # fmt: skip  # the detail says it too
