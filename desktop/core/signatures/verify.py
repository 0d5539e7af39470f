"""Kiểm tra chữ ký số: who signed a PDF, when, whether it is unchanged since, and whether the
signer's certificate chains to a root the office trusts (pyHanko).

Nothing is fetched from the network (no OCSP, no CRL, no missing intermediates): a clerk's
machine may be offline, and a check must not wait on a CA's server. Trust means the chain
ends at one of the roots installed in Cài đặt.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from desktop.core.errors import DomainError
from desktop.core.files import read_limited

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")  # no daylight saving
MAX_PDF_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class SignatureCheck:
    """One signature of a PDF: signer (CN and O of the certificate), signing time, and the
    verdicts: `intact` (valid and nothing but further signatures changed since),
    `later_updates` (bytes appended after it), `trusted` (chains to a trusted root)."""

    field: str
    signer: str
    organization: str
    signed_at: dt.datetime | None
    intact: bool
    later_updates: bool
    trusted: bool
    problem: str = ""


@dataclass(frozen=True)
class PdfSignatures:
    """Kết quả kiểm tra chữ ký số of one PDF: its signatures, first signed first."""

    signatures: tuple[SignatureCheck, ...]

    @property
    def signed(self) -> bool:
        """The PDF carries at least one signature."""
        return bool(self.signatures)

    @property
    def intact(self) -> bool | None:
        """Every signature intact (None when unsigned)."""
        return all(s.intact for s in self.signatures) if self.signed else None

    @property
    def trusted(self) -> bool | None:
        """Every signer trusted (None when unsigned)."""
        return all(s.trusted for s in self.signatures) if self.signed else None

    def as_json(self) -> dict[str, Any]:
        """`{"signed", "signer", "signed_at", "intact", "trusted", …}` of `verify --json`."""
        first = self.signatures[0] if self.signed else None
        return {
            "signed": self.signed,
            "signer": first.signer if first else None,
            "organization": first.organization if first else None,
            "signed_at": first.signed_at.isoformat() if first and first.signed_at else None,
            "intact": self.intact,
            "trusted": self.trusted,
            "later_updates": any(s.later_updates for s in self.signatures),
            "signatures": [
                {**asdict(s), "signed_at": s.signed_at.isoformat() if s.signed_at else None}
                for s in self.signatures
            ],
        }


def moment(at: dt.datetime | None) -> str:
    """A signing time as a clerk reads it: dd/mm/yyyy HH:MM, Vietnam time."""
    return at.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M") if at else "không rõ thời điểm"


def verdict(check: SignatureCheck) -> str:
    """«nguyên vẹn», «đã bị sửa sau khi ký» or «chưa tin cậy (…)»: the worst that holds."""
    if not check.intact:
        return "đã bị sửa sau khi ký"
    if not check.trusted:
        return "chưa tin cậy (chứng thư không thuộc gốc tin cậy đã cài)"
    return "nguyên vẹn"


def describe(result: PdfSignatures) -> list[str]:
    """One line per signature: «Đã ký số: VĂN PHÒNG CHÍNH PHỦ, 10/07/2020 09:12 — nguyên vẹn»."""
    if not result.signed:
        return ["Không có chữ ký số."]
    return [
        f"Đã ký số: {s.signer}, {moment(s.signed_at)} — {verdict(s)}" for s in result.signatures
    ]


def _name_part(subject: Any, key: str) -> str:
    value = subject.native.get(key, "")
    return str(value[-1] if isinstance(value, list) else value)


def _check(embedded: Any, context: Any) -> SignatureCheck:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    cert = embedded.signer_cert
    signer = _name_part(cert.subject, "common_name") if cert else ""
    org = _name_part(cert.subject, "organization_name") if cert else ""
    field = str(embedded.field_name)
    try:
        status = validate_pdf_signature(embedded, context)
    except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError) as exc:
        # A signature whose bytes no longer parse or add up is not an intact one.
        return SignatureCheck(field, signer, org, None, False, False, False, str(exc))
    at = status.timestamp_validity.timestamp if status.timestamp_validity else None
    at = at or status.signer_reported_dt
    at = at.astimezone(VIETNAM) if at else None
    later = status.coverage != SignatureCoverageLevel.ENTIRE_FILE
    # Only further signatures (and their validation data) may follow a signature unseen: a
    # change to the pages or the form afterwards is a change to the document signed.
    level = status.modification_level
    allowed = level is None or level <= ModificationLevel.FORM_FILLING
    intact = bool(status.intact and status.valid and allowed and status.docmdp_ok is not False)
    return SignatureCheck(
        field=field,
        signer=signer or str(status.signing_cert.subject.human_friendly),
        organization=org,
        signed_at=at,
        intact=intact,
        later_updates=later,
        trusted=bool(intact and status.trusted),
    )


@functools.cache
def _quiet() -> None:
    # pyHanko logs an untrusted chain as a warning with its traceback: the verdict says it.
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def verify_pdf(data: bytes, roots: Sequence[bytes] = ()) -> PdfSignatures:
    """The signatures of a PDF checked against the trusted `roots` (DER certificates).

    A file that is not a PDF, or one too damaged to read, is a DomainError."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    _quiet()
    if not data.lstrip()[:5] == b"%PDF-":
        raise DomainError("Tệp không phải PDF (không có phần đầu %PDF-).")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError, IndexError):
        # The library's words (English, about its parser) would tell a clerk nothing more.
        raise DomainError("Tệp PDF bị hỏng, không đọc được (cấu trúc tệp hoặc chữ ký).") from None
    trust = [asn1_x509.Certificate.load(der) for der in roots]
    checks = []
    for sig in embedded:
        # An empty list, not None: None would fall back to the operating system's roots.
        context = ValidationContext(
            trust_roots=trust, allow_fetching=False, revocation_mode="soft-fail"
        )
        checks.append(_check(sig, context))
    return PdfSignatures(tuple(checks))


_CACHE_SIZE = 64
_cache: dict[tuple[str, str], PdfSignatures] = {}
_cache_lock = threading.Lock()


def verify_cached(digest: str, read: Callable[[], bytes], roots: Sequence[bytes]) -> PdfSignatures:
    """`verify_pdf` of the file whose SHA-256 is `digest` (bytes read only when not yet known),
    remembered per roots: the detail pane asks again on every petition of one document."""
    key = (digest, hashlib.sha256(b"".join(sorted(roots))).hexdigest())
    with _cache_lock:
        known = _cache.get(key)
    if known is not None:
        return known
    data = read()
    result = verify_pdf(data, roots) if may_be_signed(data) else PdfSignatures(())
    with _cache_lock:
        if len(_cache) >= _CACHE_SIZE:
            _cache.pop(next(iter(_cache)))
        _cache[key] = result
    return result


def read_pdf(path: Path) -> bytes:
    """A PDF file's bytes; DomainError saying why not (missing, a folder, too large)."""
    return read_limited(
        path, MAX_PDF_BYTES, lambda _size: f"Tệp «{path.name}» quá lớn (trên 200 MB)."
    )


def may_be_signed(data: bytes) -> bool:
    """Whether a PDF can hold a signature, without parsing it (nor importing pyHanko): every
    signature dictionary stands in the file itself (never in an object stream: its /ByteRange
    counts the file's bytes), so a file without "/ByteRange" has none."""
    return b"/ByteRange" in data
