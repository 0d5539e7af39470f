"""`kiennghi letter … --format pdf --issue --sign-p12 FILE.p12`: the issued letter signed PAdES
with the test CA's PKCS#12 file; a wrong password, or a signature that cannot be made, issues
nothing and uses no number."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from desktop.core.signatures.sign import AGENCY_FIELD, SIGNER_FIELD
from tests import signing_ca as ca
from tests.cli.conftest import Result, Run
from tests.cli.test_cli_letter import _petition
from tests.helpers import content_digest

ANSWER = "Bộ đã ban hành Thông tư hướng dẫn."


def _issue(run: Run, pid: int, out: Path, p12: Path, *extra: str, password: str) -> Result:
    os.environ["KIENNGHI_P12_PASSWORD"] = password  # the run fixture passes os.environ on
    try:
        return run(
            "letter", str(pid), "--format", "pdf", "--out", str(out), "--issue",
            "--answer", ANSWER, "--sign-p12", str(p12), "--json", *extra,
        )  # fmt: skip
    finally:
        del os.environ["KIENNGHI_P12_PASSWORD"]


def _validate(data: bytes) -> list[tuple[str, bool, bool, bool]]:
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    out = []
    for embedded in PdfFileReader(io.BytesIO(data)).embedded_signatures:
        context = ValidationContext(trust_roots=[x509.Certificate.load(ca.root().der())])
        status = validate_pdf_signature(embedded, context)
        out.append((embedded.field_name, status.intact, status.valid, status.trusted))
    return out


def test_wrong_password_issues_nothing_then_the_right_one_signs(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    pid = _petition(db_path)
    p12 = ca.agency().write_p12(tmp_path / "bo.p12")
    out = tmp_path / "cong-van.pdf"
    before = content_digest(db_path)
    r = _issue(run, pid, out, p12, "--signer", "Nguyễn Huy Dũng", password="sai-roi")
    assert (r.code, r.err.strip(), r.out) == (1, "Lỗi: mật khẩu tệp chứng thư số không đúng", "")
    assert content_digest(db_path) == before and not out.exists()
    # A signature that fails inside the issue (no signer: nowhere to put it) rolls it back.
    r = _issue(run, pid, out, p12, password=ca.P12_PASSWORD)
    assert r.code == 1 and "chưa có họ tên người ký" in r.err, r.err
    assert content_digest(db_path) == before and not out.exists()
    r = _issue(run, pid, out, p12, "--signer", "Nguyễn Huy Dũng", password=ca.P12_PASSWORD)
    assert r.code == 0, r.err
    data = r.json()
    assert (data["number"], data["state"], data["signed"]) == (1, "issued", True)  # number 01
    assert _validate(out.read_bytes()) == [(SIGNER_FIELD, True, True, True)]
    (row,) = run("list", "--json").json()
    assert row["status"] == "answered"
    # A copy of the issued letter, signed by the agency top right of its first page.
    copy = tmp_path / "ban-sao.pdf"
    r = _issue(run, pid, copy, p12, "--agency-copy", password=ca.P12_PASSWORD)
    assert r.code == 1 and "chỉ in lại được" in r.err  # --issue again is refused …
    os.environ["KIENNGHI_P12_PASSWORD"] = ca.P12_PASSWORD
    try:
        r = run("letter", str(pid), "--out", str(copy), "--sign-p12", str(p12), "--agency-copy")
    finally:
        del os.environ["KIENNGHI_P12_PASSWORD"]
    assert r.code == 0, r.err  # … a reprint is signed
    assert "Đã in lại công văn số 01/BTTTT-VP" in r.out and "bản sao" in r.out
    assert _validate(copy.read_bytes()) == [(AGENCY_FIELD, True, True, True)]


def test_signing_flags_are_checked_before_anything(run: Run, db_path: Path, tmp_path: Path) -> None:
    pid = _petition(db_path)
    p12 = ca.agency().write_p12(tmp_path / "bo.p12")
    before = content_digest(db_path)
    docx = tmp_path / "cv.docx"
    cases = [
        (("--out", str(docx), "--issue", "--sign-p12", str(p12)), "Chỉ ký số được công văn PDF"),
        (("--out", str(tmp_path / "a.pdf"), "--issue", "--sign-p12", str(tmp_path / "x.p12")),
         "Không tìm thấy tệp chứng thư số"),
        (("--out", str(tmp_path / "a.pdf"), "--issue", "--sign-p12", str(p12)),
         "KIENNGHI_P12_PASSWORD"),  # no password given, no terminal to ask on
        (("--out", str(tmp_path / "a.pdf"), "--sign-pkcs11", "/x.so"), "--key-label"),
        (("--out", str(tmp_path / "a.pdf"), "--agency-copy"), "--sign-p12 hoặc --sign-pkcs11"),
        (("--out", str(tmp_path / "a.pdf"), "--signer", "A", "--sign-p12", str(p12)),
         "Dự thảo chưa cấp số không ký số được"),
    ]  # fmt: skip
    env_password = os.environ.pop("KIENNGHI_P12_PASSWORD", None)
    try:
        for args, message in cases:
            if "Dự thảo" in message:
                os.environ["KIENNGHI_P12_PASSWORD"] = ca.P12_PASSWORD
            r = run("letter", str(pid), *args)
            assert r.code == 1 and message in r.err, (args, r.err)
            assert "Traceback" not in r.err
    finally:
        os.environ.pop("KIENNGHI_P12_PASSWORD", None)
        if env_password is not None:
            os.environ["KIENNGHI_P12_PASSWORD"] = env_password
    assert content_digest(db_path) == before
    assert not docx.exists() and not (tmp_path / "a.pdf").exists()


SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"
PIN = "123456"
_WRITE_CERT = """
import sys, pkcs11
from pkcs11 import Attribute, CertificateType, ObjectClass
lib = pkcs11.lib(sys.argv[1])
der, subject = open(sys.argv[2], "rb").read(), open(sys.argv[3], "rb").read()
with lib.get_token(token_label="kiennghi").open(rw=True, user_pin=sys.argv[4]) as s:
    s.create_object({Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.TOKEN: True,
                     Attribute.CERTIFICATE_TYPE: CertificateType.X_509, Attribute.LABEL: "ky-so",
                     Attribute.ID: b"\\x01", Attribute.VALUE: der, Attribute.SUBJECT: subject})
"""


def _token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A SoftHSM2 token in tmp_path holding the agency's key and certificate (label ky-so)."""
    folder = tmp_path / "tokens"
    folder.mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    who = ca.agency()
    key = tmp_path / "key.pem"
    key.write_bytes(
        who.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    der, subject = tmp_path / "cert.der", tmp_path / "subject.der"
    der.write_bytes(who.cert.public_bytes(serialization.Encoding.DER))
    subject.write_bytes(who.cert.subject.public_bytes())
    util = ["softhsm2-util", "--pin", PIN]
    subprocess.run(
        [*util, "--init-token", "--free", "--label", "kiennghi", "--so-pin", "12345678"],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [*util, "--import", str(key), "--token", "kiennghi", "--label", "ky-so", "--id", "01"],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [sys.executable, "-c", _WRITE_CERT, SOFTHSM, str(der), str(subject), PIN],
        check=True, capture_output=True,
    )  # fmt: skip


def test_a_pkcs11_token_signs_the_issued_letter(
    run: Run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _token(tmp_path, monkeypatch)
    pid = _petition(db_path)
    out = tmp_path / "cong-van.pdf"
    args = (
        "letter", str(pid), "--format", "pdf", "--out", str(out), "--issue", "--answer", ANSWER,
        "--signer", "Nguyễn Huy Dũng", "--sign-pkcs11", SOFTHSM, "--json",
    )  # fmt: skip
    before = content_digest(db_path)
    monkeypatch.setenv("KIENNGHI_PKCS11_PIN", "000000")
    r = run(*args, "--key-label", "ky-so")
    assert (r.code, r.err.strip()) == (1, "Lỗi: mã PIN của token chữ ký số không đúng")
    monkeypatch.setenv("KIENNGHI_PKCS11_PIN", PIN)
    r = run(*args, "--key-label", "khong-co")
    assert r.code == 1 and "Token không có khóa và chứng thư nhãn «khong-co»" in r.err, r.err
    assert content_digest(db_path) == before and not out.exists()
    r = run(*args, "--key-label", "ky-so")
    assert r.code == 0, r.err
    assert (r.json()["number"], r.json()["signed"]) == (1, True)
    assert _validate(out.read_bytes()) == [(SIGNER_FIELD, True, True, True)]
