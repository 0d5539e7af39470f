"""The digital signatures of a văn bản đến's attached PDFs, as its detail and its registration
report them (verified against the office's trusted roots; remembered per file and roots)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from db import documents as docs
from db.models import Attachment
from db.store import Store
from desktop.core.errors import DomainError
from desktop.core.signatures import verify
from desktop.core.signatures.verify import PdfSignatures


@dataclass(frozen=True)
class FileSignatures:
    """One attached file and what its signatures say."""

    filename: str
    result: PdfSignatures

    def lines(self) -> list[str]:
        """«tệp.pdf: Đã ký số: …, … — nguyên vẹn», one per signature."""
        return [f"{self.filename}: {line}" for line in verify.describe(self.result)]


def _content(store: Store, attachment_id: int) -> bytes:
    return docs.attachment_content(store, attachment_id)


def is_pdf_attachment(a: Attachment) -> bool:
    """An attached file that may carry a PDF signature."""
    return a.mime == "application/pdf" or a.filename.lower().endswith(".pdf")


def document_signatures(store: Store, document_id: int) -> list[FileSignatures]:
    """The signed PDFs attached to a document (unsigned and unreadable ones left out)."""
    # cryptography (the roots' certificates) loads here, in the worker, not with the window.
    from desktop.core.signatures import trust

    roots = trust.root_certificates(store)
    out: list[FileSignatures] = []
    for a in docs.attachments_of(store, document_id):
        if not is_pdf_attachment(a):
            continue
        try:
            result = verify.verify_cached(a.sha256, functools.partial(_content, store, a.id), roots)
        except DomainError:
            continue  # a damaged PDF carries no signature to show
        if result.signed:
            out.append(FileSignatures(a.filename, result))
    return out


def file_signatures(store: Store, paths: list[Path]) -> list[FileSignatures]:
    """The signed PDFs among files about to be attached (registration reports them)."""
    from desktop.core.signatures import trust

    roots = trust.root_certificates(store)
    out: list[FileSignatures] = []
    for path in paths:
        if path.suffix.lower() != ".pdf":
            continue
        try:
            data = verify.read_pdf(path)
            if not verify.may_be_signed(data):
                continue
            result = verify.verify_pdf(data, roots)
        except DomainError:
            continue
        if result.signed:
            out.append(FileSignatures(path.name, result))
    return out
