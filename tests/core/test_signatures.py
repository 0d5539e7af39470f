"""Chữ ký số: signed PDFs verified (signer, time, intact, trusted against Cài đặt's roots) and
letters signed PAdES in their signature block, with the test CA of tests/signing_ca.py."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pdfplumber
import pytest
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from cryptography.hazmat.primitives.serialization import NoEncryption as NoEnc
from reportlab.pdfgen.canvas import Canvas

from desktop.core.errors import DomainError
from desktop.core.letters.pdf_render import pdf_bytes, pdf_with_signature_place
from desktop.core.signatures import appearance, sign, trust, verify
from desktop.core.signatures.letters import signed_pdf
from tests import signing_ca as ca
from tests.core.letters.test_pdf_render import TODAY, make_letter

BOX = sign.SignatureBox(0, 300, 100, 500, 172)


def plain_pdf(text: str = "Kính gửi Bộ Thông tin và Truyền thông") -> bytes:
    """A one-page PDF whose text stands in the file as written (no compression)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0)
    canvas.drawString(72, 700, "Hello, signed world")
    canvas.setTitle(text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def p12(tmp_path: Path, who: ca.Identity | None = None) -> sign.P12Key:
    path = (who or ca.signer()).write_p12(tmp_path / "ky.p12")
    return sign.P12Key(path, ca.P12_PASSWORD)


@pytest.fixture
def signed(tmp_path: Path) -> bytes:
    return sign.sign_with(plain_pdf(), p12(tmp_path), BOX)


@pytest.mark.engine_free
def test_signed_pdf_verifies_trusted_with_its_root(signed: bytes) -> None:
    before = dt.datetime.now(verify.VIETNAM) - dt.timedelta(seconds=2)
    result = verify.verify_pdf(signed, [ca.root().der()])
    assert result.signed and result.intact and result.trusted
    (check,) = result.signatures
    assert check.signer == ca.SIGNER_CN
    assert check.organization == ca.SIGNER_ORG
    assert check.signed_at is not None and before <= check.signed_at <= before + dt.timedelta(60)
    assert check.signed_at.utcoffset() == dt.timedelta(hours=7)
    assert not check.later_updates
    line = verify.describe(result)[0]
    assert line == f"Đã ký số: {ca.SIGNER_CN}, {check.signed_at:%d/%m/%Y %H:%M} — nguyên vẹn"
    data = result.as_json()
    assert {k: data[k] for k in ("signed", "signer", "intact", "trusted")} == {
        "signed": True, "signer": ca.SIGNER_CN, "intact": True, "trusted": True,
    }  # fmt: skip
    assert dt.datetime.fromisoformat(data["signed_at"]) == check.signed_at


@pytest.mark.engine_free
def test_untrusted_without_the_root_or_with_another(signed: bytes) -> None:
    for roots in ([], [ca.other_root().der()]):
        result = verify.verify_pdf(signed, roots)
        assert result.intact is True and result.trusted is False
        assert verify.describe(result)[0].endswith(
            "— chưa tin cậy (chứng thư không thuộc gốc tin cậy đã cài)"
        )


@pytest.mark.engine_free
def test_a_signer_of_another_root_is_not_trusted(tmp_path: Path) -> None:
    data = sign.sign_with(plain_pdf(), p12(tmp_path, ca.stranger()), BOX)
    result = verify.verify_pdf(data, [ca.root().der()])
    assert result.intact is True and result.trusted is False


@pytest.mark.engine_free
def test_a_byte_changed_after_signing_is_not_intact(signed: bytes) -> None:
    assert signed.count(b"Hello, signed world") == 1
    changed = signed.replace(b"Hello, signed world", b"Hello, signed wOrld")
    result = verify.verify_pdf(changed, [ca.root().der()])
    assert result.signed and result.intact is False and result.trusted is False
    assert verify.describe(result)[0].endswith("— đã bị sửa sau khi ký")


@pytest.mark.engine_free
def test_a_page_changed_in_a_later_update_is_not_intact(signed: bytes) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0]
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 600 Td (Them vao) Tj ET")
    page["/Contents"] = generic.ArrayObject([page["/Contents"], writer.add_object(stream)])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    result = verify.verify_pdf(out.getvalue(), [ca.root().der()])
    assert result.signatures[0].later_updates is True
    assert result.intact is False


@pytest.mark.engine_free
def test_unsigned_and_not_a_pdf() -> None:
    result = verify.verify_pdf(plain_pdf(), [ca.root().der()])
    assert not result.signed and result.intact is None and result.trusted is None
    assert verify.describe(result) == ["Không có chữ ký số."]
    assert result.as_json()["signer"] is None
    with pytest.raises(DomainError, match="không phải PDF"):
        verify.verify_pdf(b"PK\x03\x04 a docx", [])
    with pytest.raises(DomainError, match="bị hỏng"):
        verify.verify_pdf(b"%PDF-1.4\n garbage without xref", [])


@pytest.mark.engine_free
def test_wrong_password_and_not_a_p12(tmp_path: Path) -> None:
    key = p12(tmp_path)
    with pytest.raises(sign.SigningError, match="^mật khẩu tệp chứng thư số không đúng$"):
        sign.sign_with(plain_pdf(), sign.P12Key(key.path, "sai"), BOX)
    junk = tmp_path / "junk.p12"
    junk.write_bytes(b"not a pkcs12")
    with pytest.raises(sign.SigningError, match="không phải tệp chứng thư số PKCS#12"):
        sign.sign_with(plain_pdf(), sign.P12Key(junk, "x"), BOX)
    with pytest.raises(sign.SigningError, match="Không tìm thấy"):
        sign.sign_with(plain_pdf(), sign.P12Key(tmp_path / "none.p12", "x"), BOX)
    bare = tmp_path / "khong-mat-khau.p12"  # a file kept without a password: none is typed
    who = ca.signer()
    bare.write_bytes(pkcs12.serialize_key_and_certificates(b"k", who.key, who.cert, None, NoEnc()))
    assert verify.verify_pdf(sign.sign_with(plain_pdf(), sign.P12Key(bare, ""), BOX)).intact


def _field(data: bytes, name: str) -> tuple[int, tuple[float, ...]]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data))
    for index in range(len(reader.root["/Pages"]["/Kids"])):
        page = reader.root["/Pages"]["/Kids"][index]
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot.get("/T") == name:
                return index, tuple(float(v) for v in annot["/Rect"])
    raise AssertionError(f"no field {name}")


@pytest.mark.engine_free
def test_a_signed_letter_validates_and_its_field_sits_in_the_signature_block(
    tmp_path: Path,
) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    letter = make_letter()
    with sign.open_signer(p12(tmp_path, ca.agency())) as signer:
        data = signed_pdf(letter, TODAY, signer)
    (embedded,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    from asn1crypto import x509

    context = ValidationContext(trust_roots=[x509.Certificate.load(ca.root().der())])
    status = validate_pdf_signature(embedded, context)
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    # PAdES baseline B-B: ETSI.CAdES.detached, the certificate bound by signingCertificateV2.
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    attrs = embedded.signer_info["signed_attrs"]
    assert "signing_certificate_v2" in {a["type"].native for a in attrs}
    page, (x1, y1, x2, y2) = _field(data, sign.SIGNER_FIELD)
    # Where the layout left room for the signature: under the title, over the name.
    _, place = pdf_with_signature_place(letter, TODAY)
    assert place is not None and page == place[0]
    assert (x1, y1) == pytest.approx(place[1:3], abs=1) and x2 >= place[3] - 1
    with pdfplumber.open(io.BytesIO(pdf_bytes(letter, TODAY))) as pdf:
        words = pdf.pages[page].extract_words()
        height = float(pdf.pages[page].height)
    title = next(w for w in words if w["text"] == "THỨ")
    name = next(w for w in words if w["text"] == "Dũng")
    assert height - title["bottom"] >= y2 - 2  # the title stands above the field
    assert height - name["top"] <= y1 + 2  # the name under it
    assert x1 <= name["x0"] and name["x1"] <= x2 + 40  # the field centred over the name
    assert abs((x1 + x2) / 2 - (name["x0"] + name["x1"]) / 2) < 60
    assert _inked(data, (x1, y1, x2, y2))  # the signature's appearance shows there


@pytest.mark.engine_free
def test_the_agency_signature_on_a_copy_sits_top_right(tmp_path: Path) -> None:
    letter = make_letter()
    with sign.open_signer(p12(tmp_path, ca.agency())) as signer:
        data = signed_pdf(letter, TODAY, signer, agency_copy=True)
    page, (x1, y1, x2, y2) = _field(data, sign.AGENCY_FIELD)
    top_margin = 842 - 20 * 72 / 25.4
    assert page == 0 and x1 > 595 / 2 and y1 >= top_margin - 1  # over the national title
    result = verify.verify_pdf(data, [ca.root().der()])
    assert result.intact and result.trusted and result.signatures[0].signer == ca.AGENCY_CN
    assert _inked(data, (x1, y1, x2, y2)) and not _inked(pdf_bytes(letter, TODAY), (x1, y1, x2, y2))
    at = dt.datetime(2026, 12, 2, 9, 12, 5, tzinfo=verify.VIETNAM)
    assert appearance.copy_lines("BỘ TTTT", "1234/BTTTT-VP", at) == [
        "BỘ TTTT", "Số, ký hiệu: 1234/BTTTT-VP", "Thời gian ký: 2026-12-02T09:12:05+07:00",
    ]  # fmt: skip


def _inked(data: bytes, box: tuple[float, float, float, float]) -> bool:
    """Something is drawn in the box (annotations' appearances included), as a reader shows it."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    pdf.init_forms()
    image = pdf[0].render(scale=1, may_draw_forms=True).to_pil().convert("L")
    x1, y1, x2, y2 = box
    height = image.height
    crop = image.crop((int(x1) + 2, int(height - y2) + 2, int(x2) - 2, int(height - y1) - 2))
    return bool(crop.getextrema()[0] < 128)


@pytest.mark.engine_free
def test_a_draft_is_not_signed(tmp_path: Path) -> None:
    draft = make_letter(number=None, issued_on=None)
    with sign.open_signer(p12(tmp_path)) as signer, pytest.raises(DomainError, match="Dự thảo"):
        signed_pdf(draft, TODAY, signer)


def test_trusted_roots_are_kept_in_the_settings(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    der, pem = tmp_path / "root.cer", tmp_path / "root.pem"
    der.write_bytes(ca.root().der())
    pem.write_bytes(ca.root().pem() + ca.other_root().pem())
    added = trust.add_roots(session, [der])
    assert [r.name for r in added] == ["Root CA thử nghiệm quốc gia"]
    assert "hết hạn" in added[0].label
    again = trust.add_roots(session, [pem])  # the same root once, the other one added
    assert [r.name for r in again] == ["Root CA không tin cậy"]
    assert trust.root_certificates(session.store) == [ca.root().der(), ca.other_root().der()]
    leaf = tmp_path / "leaf.pem"
    leaf.write_bytes(ca.signer().cert.public_bytes(Encoding.PEM))
    junk = tmp_path / "junk.crt"
    junk.write_bytes(b"hello")
    for bad, message in ((leaf, "không phải chứng thư gốc"), (junk, "không phải chứng thư số")):
        with pytest.raises(DomainError, match=message):
            trust.add_roots(session, [der, bad])  # one bad file installs nothing
    assert len(trust.trusted_roots(session.store)) == 2
    trust.remove_root(session, again[0].fingerprint)
    assert trust.root_certificates(session.store) == [ca.root().der()]
    with pytest.raises(DomainError, match="không có trong danh sách"):
        trust.remove_root(session, again[0].fingerprint)


@pytest.mark.engine_free
def test_the_agency_signing_a_signed_letter_keeps_both_signatures_intact(tmp_path: Path) -> None:
    with sign.open_signer(p12(tmp_path, ca.agency())) as signer:
        original = signed_pdf(make_letter(), TODAY, signer)
        copy = sign.sign_pdf(
            original, signer, sign.copy_box(595.2756, 841.8898), agency_copy=True, reference="X"
        )
    first, second = verify.verify_pdf(copy, [ca.root().der()]).signatures
    assert (first.field, second.field) == (sign.SIGNER_FIELD, sign.AGENCY_FIELD)
    assert first.intact and first.later_updates and first.trusted  # only a signature followed
    assert second.intact and not second.later_updates and second.trusted


@pytest.mark.engine_free
def test_mutilated_signed_pdfs_are_said_damaged_or_changed(signed: bytes) -> None:
    start = signed.index(b"/Contents <") + len(b"/Contents <")
    for damaged in (signed[:-2000], signed[:start] + b"0" * 64 + signed[start + 64 :]):
        with pytest.raises(DomainError, match="^Tệp PDF bị hỏng, không đọc được"):
            verify.verify_pdf(damaged, [ca.root().der()])
    moved = signed.replace(b"/ByteRange [0 ", b"/ByteRange [5 ", 1)  # a shifted range
    assert moved != signed
    assert verify.verify_pdf(moved, [ca.root().der()]).intact is False
