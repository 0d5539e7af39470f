"""Ký số văn bản đi: an issued letter's PDF signed PAdES (baseline B-B) with pyHanko, by a
PKCS#12 file or a PKCS#11 token (USB token of a national CA), its visible signature where
Decree 30/2020 Appendix I puts it.

Two placements (Appendix I, II): the signer's digital signature (chữ ký số của người có thẩm
quyền) centred over the signer's name, in the space the layout leaves between title and name;
and the agency's digital signature on a copy (chữ ký số của cơ quan, tổ chức trên bản sao):
top right of the first page, its details in 10 pt upright black.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.errors import DomainError
from desktop.core.signatures.appearance import (
    COPY_BOX_HEIGHT,
    COPY_BOX_WIDTH,
    appearance_pdf,
    copy_lines,
    signer_lines,
)
from desktop.core.signatures.verify import VIETNAM

SIGNER_FIELD = "ChuKySoNguoiKy"
SIGNATURE_BYTES = 16384  # a CMS signature with a chain of a few certificates takes 5–8 KB
AGENCY_FIELD = "ChuKySoCoQuan"
PAGE_RIGHT_MARGIN = 15 * 72 / 25.4  # the letter's (letter-format.md)
COPY_EDGE = 4 * 72 / 25.4  # the copy's signature 4 mm under the page's top edge


class SigningError(DomainError):
    """The letter could not be signed; the message says why (nothing was issued)."""


@dataclass(frozen=True)
class P12Key:
    """Tệp chứng thư số PKCS#12 (.p12/.pfx) and its password."""

    path: Path
    password: str


@dataclass(frozen=True)
class Pkcs11Key:
    """A key on a PKCS#11 token (USB token): the vendor's library, the key's label, the PIN."""

    library: Path
    key_label: str
    pin: str


SigningKey = P12Key | Pkcs11Key


@dataclass(frozen=True)
class SignatureBox:
    """Where a visible signature goes: a page (0 first) and a rectangle in PDF points."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float

    def rounded(self) -> tuple[int, int, int, int]:
        """The box as pyHanko takes it (whole points, widened rather than cut)."""
        return (int(self.x1), int(self.y1), int(self.x2 + 0.999), int(self.y2 + 0.999))


def copy_box(page_width: float, page_height: float) -> SignatureBox:
    """Top right of the first page, in the top margin over the national title (never over the
    letter's own words): the agency's signature on a copy."""
    x2 = page_width - PAGE_RIGHT_MARGIN
    y2 = page_height - COPY_EDGE
    return SignatureBox(0, x2 - COPY_BOX_WIDTH, y2 - COPY_BOX_HEIGHT, x2, y2)


def _p12_signer(key: P12Key) -> Any:
    from asn1crypto import pkcs12 as asn1_pkcs12
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        data = key.path.read_bytes()
    except FileNotFoundError:
        raise SigningError(f"Không tìm thấy tệp chứng thư số «{key.path}».") from None
    except OSError as exc:
        raise SigningError(f"Không đọc được tệp «{key.path}»: {exc.strerror or exc}.") from None
    try:
        # A file kept without a password opens with none, not with an empty one.
        secret = key.password.encode() or None
        private, cert, chain = pkcs12.load_key_and_certificates(data, secret)
    except ValueError:
        try:  # the container reads, so it is the password that does not open it
            _ = asn1_pkcs12.Pfx.load(data)["auth_safe"]["content_type"].native
        except (ValueError, TypeError, KeyError):
            raise SigningError(
                f"Tệp «{key.path.name}» không phải tệp chứng thư số PKCS#12 (.p12, .pfx)."
            ) from None
        raise SigningError("mật khẩu tệp chứng thư số không đúng") from None
    if private is None or cert is None:
        raise SigningError(f"Tệp «{key.path.name}» không có khóa và chứng thư để ký.")
    return _kept_key_signer(private, cert, chain)


def _kept_key_signer(private: Any, cert: Any, chain: Any) -> Any:
    """pyHanko's SimpleSigner, with the private key parsed once: pyHanko parses it again for
    every signature, and checking an RSA key costs more than the rest of a signature."""
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from pyhanko.keys.internal import (
        translate_pyca_cryptography_cert_to_asn1,
        translate_pyca_cryptography_key_to_asn1,
    )
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    class KeptKeySigner(signers.SimpleSigner):
        """SimpleSigner signing RSA PKCS#1 v1.5 with the key object it was given."""

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            if mechanism.signature_algo == "rsassa_pkcs1v15" and isinstance(private, RSAPrivateKey):
                return private.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
            return bytes(super().sign_raw(data, digest_algorithm))

    store = SimpleCertificateStore()  # type: ignore[no-untyped-call]
    store.register_multiple([translate_pyca_cryptography_cert_to_asn1(c) for c in chain or ()])
    return KeptKeySigner(
        signing_key=translate_pyca_cryptography_key_to_asn1(private),
        signing_cert=translate_pyca_cryptography_cert_to_asn1(cert),
        cert_registry=store,
    )


@contextlib.contextmanager
def _pkcs11_signer(key: Pkcs11Key) -> Iterator[Any]:
    from pkcs11 import TokenFlag
    from pkcs11 import exceptions as p11
    from pkcs11 import lib as p11_lib
    from pyhanko.sign.general import SigningError as HankoError
    from pyhanko.sign.pkcs11 import PKCS11Signer

    if not key.library.is_file():
        raise SigningError(f"Không tìm thấy thư viện PKCS#11 «{key.library}» của token.")
    try:
        slots = p11_lib(str(key.library)).get_slots(token_present=True)
        # A reader may show empty slots beside the token (SoftHSM keeps a free one).
        tokens = [
            t for t in (s.get_token() for s in slots) if t.flags & TokenFlag.TOKEN_INITIALIZED
        ]
        if not tokens:
            raise SigningError("Chưa cắm token chữ ký số (không thấy token nào).")
        if len(tokens) > 1:
            raise SigningError("Đang cắm nhiều token chữ ký số: chỉ để lại token cần dùng.")
        session = tokens[0].open(user_pin=key.pin)
    except p11.PinIncorrect:
        raise SigningError("mã PIN của token chữ ký số không đúng") from None
    except p11.PinLocked:
        raise SigningError("token chữ ký số đã bị khóa PIN (nhập sai quá số lần)") from None
    except (p11.PKCS11Error, HankoError, RuntimeError, OSError) as exc:
        raise SigningError(f"Không mở được token chữ ký số: {exc or type(exc).__name__}.") from None
    try:
        try:
            signer = PKCS11Signer(session, key_label=key.key_label)
            signer.signing_cert  # noqa: B018  # the key and its certificate are looked up here
        except (p11.PKCS11Error, HankoError):
            raise SigningError(
                f"Token không có khóa và chứng thư nhãn «{key.key_label}»."
            ) from None
        yield signer
    finally:
        session.close()


@contextlib.contextmanager
def open_signer(key: SigningKey) -> Iterator[Any]:
    """The pyHanko signer of a key, checked (password or PIN, certificate valid today)."""
    if isinstance(key, P12Key):
        signer = _p12_signer(key)
        _check_validity(signer)
        yield signer
    else:
        with _pkcs11_signer(key) as signer:
            _check_validity(signer)
            yield signer


def _check_validity(signer: Any) -> None:
    cert = signer.signing_cert
    now = dt.datetime.now(dt.UTC)
    if cert.not_valid_after < now:
        raise SigningError(
            f"Chứng thư số đã hết hạn ngày {cert.not_valid_after.astimezone(VIETNAM):%d/%m/%Y}."
        )
    if cert.not_valid_before > now:
        raise SigningError(
            "Chứng thư số chưa có hiệu lực (từ ngày"
            f" {cert.not_valid_before.astimezone(VIETNAM):%d/%m/%Y})."
        )


def signer_name(signer: Any) -> tuple[str, str]:
    """The certificate's CN and O."""
    subject = signer.signing_cert.subject.native
    return str(subject.get("common_name", "")), str(subject.get("organization_name", ""))


def _static_style(pdf: bytes) -> Any:
    from pyhanko.pdf_utils import content
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.stamp import StaticStampStyle

    class BytesPage(content.ImportedPdfPage):
        """The stamp's page imported from the PDF in memory (pyHanko's reads a file)."""

        def render(self) -> bytes:
            import binascii
            import uuid

            from pyhanko.pdf_utils.layout import BoxConstraints

            xobj = self._ensure_writer.import_page_as_xobject(PdfFileReader(io.BytesIO(pdf)))
            name = b"/Import" + binascii.hexlify(uuid.uuid4().bytes)
            self.resources.xobject[name.decode("ascii")] = xobj
            x1, y1, x2, y2 = xobj.get_object()["/BBox"]
            self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
            return bytes(name + b" Do")

    return StaticStampStyle(background=BytesPage(""), border_width=0)  # type: ignore[no-untyped-call]


def sign_pdf(
    pdf: bytes,
    signer: Any,
    box: SignatureBox,
    *,
    agency_copy: bool = False,
    reference: str = "",
    location: str = "",
) -> bytes:
    """The PDF with one more PAdES signature, visible in `box`; returns the signed bytes.

    `agency_copy`: the agency's signature on a copy (its own field and wording)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.general import SigningError as HankoError

    at = dt.datetime.now(VIETNAM).replace(microsecond=0)
    name, org = signer_name(signer)
    width, height = box.x2 - box.x1, box.y2 - box.y1
    if agency_copy:
        lines, field = copy_lines(org or name, reference, at), AGENCY_FIELD
    else:
        lines, field = signer_lines(name, org, at), SIGNER_FIELD
    style = _static_style(appearance_pdf(lines, width, height, copy=agency_copy))
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        location=location or None,
        reason="Sao y bản chính" if agency_copy else "Ký ban hành văn bản",
        name=name or None,
    )
    spec = fields.SigFieldSpec(sig_field_name=field, on_page=box.page, box=box.rounded())
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        pdf_signer = signers.PdfSigner(meta, signer, stamp_style=style, new_field_spec=spec)
        # Room reserved for the signature: pyHanko would otherwise sign twice, once to measure.
        out = pdf_signer.sign_pdf(writer, bytes_reserved=SIGNATURE_BYTES)
    except (HankoError, ValueError, KeyError) as exc:
        raise SigningError(f"Không ký số được văn bản: {exc}.") from None
    return bytes(out.getvalue())


def sign_with(pdf: bytes, key: SigningKey, box: SignatureBox) -> bytes:
    """Open the key, sign the PDF in `box` as its signer, close the key (a token's session)."""
    with open_signer(key) as signer:
        return sign_pdf(pdf, signer, box)
