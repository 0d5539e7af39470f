"""`kiennghi verify FILE.pdf [--json]`: the real command on signed, changed, unsigned and
non-PDF files, trusted only with the test root installed in the database's settings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from db import open_store
from desktop.core.session import Session
from desktop.core.signatures import sign, trust
from tests import signing_ca as ca
from tests.cli.conftest import Run
from tests.core.test_signatures import BOX, plain_pdf
from tests.helpers import content_digest


def _signed(tmp_path: Path) -> Path:
    key = sign.P12Key(ca.signer().write_p12(tmp_path / "ky.p12"), ca.P12_PASSWORD)
    path = tmp_path / "cong-van-den.pdf"
    path.write_bytes(sign.sign_with(plain_pdf(), key, BOX))
    return path


def _trust_test_root(db_path: Path, tmp_path: Path) -> None:
    session = Session(open_store(db_path), actor="tester", today=dt.date.today, system=True)
    root = tmp_path / "root.cer"
    root.write_bytes(ca.root().der())
    trust.add_roots(session, [root])
    session.close()


def test_verify_json_untrusted_then_trusted(run: Run, db_path: Path, tmp_path: Path) -> None:
    path = _signed(tmp_path)
    r = run("verify", str(path), "--json")
    assert r.code == 0, r.err
    data = r.json()
    assert {k: data[k] for k in ("signed", "signer", "intact", "trusted")} == {
        "signed": True, "signer": ca.SIGNER_CN, "intact": True, "trusted": False,
    }  # fmt: skip
    at = dt.datetime.fromisoformat(data["signed_at"])
    assert at.utcoffset() == dt.timedelta(hours=7)
    assert abs(at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert r.err == ""  # pyHanko's own warnings about the chain stay out of the terminal
    _trust_test_root(db_path, tmp_path)
    before = content_digest(db_path)
    r = run("verify", str(path), "--json")
    assert r.code == 0 and r.json()["trusted"] is True and r.json()["intact"] is True
    r = run("verify", str(path))
    assert r.code == 0, r.err
    assert r.out.strip() == (
        f"«cong-van-den.pdf»: Đã ký số: {ca.SIGNER_CN}, {at:%d/%m/%Y %H:%M} — nguyên vẹn"
    )
    assert content_digest(db_path) == before  # verifying writes nothing


def test_verify_a_changed_byte_and_an_unsigned_file(run: Run, tmp_path: Path) -> None:
    path = _signed(tmp_path)
    path.write_bytes(path.read_bytes().replace(b"Hello, signed world", b"Hello, signed World"))
    r = run("verify", str(path), "--json")
    assert r.code == 0 and r.json()["intact"] is False and r.json()["signed"] is True
    r = run("verify", str(path))
    assert r.code == 0 and "— đã bị sửa sau khi ký" in r.out
    unsigned = tmp_path / "khong-ky.pdf"
    unsigned.write_bytes(plain_pdf())
    r = run("verify", str(unsigned), "--json")
    assert r.code == 0
    assert {k: r.json()[k] for k in ("signed", "signer", "signed_at", "intact", "trusted")} == {
        "signed": False, "signer": None, "signed_at": None, "intact": None, "trusted": None,
    }  # fmt: skip
    assert run("verify", str(unsigned)).out.strip() == "«khong-ky.pdf»: Không có chữ ký số."


@pytest.mark.engine_free
def test_verify_refuses_what_is_not_a_readable_pdf(run: Run, tmp_path: Path) -> None:
    docx = tmp_path / "van-ban.docx"
    docx.write_bytes(b"PK\x03\x04 not a pdf")
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7\n\x00\x01 truncated")
    cases = (
        (docx, "Lỗi: Tệp không phải PDF"),
        (broken, "Lỗi: Tệp PDF bị hỏng, không đọc được"),
        (tmp_path / "khong-co.pdf", "Lỗi: Không tìm thấy tệp"),
        (tmp_path, "là thư mục"),
    )
    for path, message in cases:
        r = run("verify", str(path), "--json")
        assert r.code == 1 and message in r.err and r.out == "", (path, r.err)
        assert "Traceback" not in r.err


def test_import_of_a_signed_pdf_reports_its_signature(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    from tests.cli.test_cli_import_pdf import _pdf

    plain = _pdf(tmp_path / "plain.pdf")
    key = sign.P12Key(ca.signer().write_p12(tmp_path / "vpcp.p12"), ca.P12_PASSWORD)
    path = tmp_path / "5606.pdf"
    path.write_bytes(sign.sign_with(plain.read_bytes(), key, BOX))
    r = run("import", str(path), "--received-on", "13/07/2020", "--dry-run")
    assert r.code == 0, r.err
    assert f"5606.pdf: Đã ký số: {ca.SIGNER_CN}, " in r.out and "— chưa tin cậy" in r.out
    r = run("import", str(path), "--received-on", "13/07/2020", "--json")
    assert r.code == 0, r.err
    data = r.json()
    assert data["imported"] == 6 and data["signature"]["signer"] == ca.SIGNER_CN
    assert data["signature"]["intact"] is True and data["signature"]["trusted"] is False
    r = run(
        "import",
        str(plain),
        "--received-on",
        "13/07/2020",
        "--dry-run",
        "--allow-duplicate",
        "--json",
    )
    assert r.code == 0 and r.json()["signature"] is None  # an unsigned PDF says nothing


def test_trust_root_add_list_remove(run: Run, tmp_path: Path) -> None:
    admin = {"user": "qt"}  # on the office server a settings change is the admin's
    root, other = tmp_path / "root.cer", tmp_path / "other.pem"
    root.write_bytes(ca.root().der())
    other.write_bytes(ca.other_root().pem())
    r = run("trust-root", "add", str(root), str(other), "--json", **admin)
    assert r.code == 0, r.err
    added = r.json()["added"]
    assert [a["name"] for a in added] == ["Root CA thử nghiệm quốc gia", "Root CA không tin cậy"]
    r = run("trust-root", "add", str(root), **admin)
    assert (r.code, r.out.strip()) == (0, "Các chứng thư này đã có trong danh sách tin cậy.")
    listed = run("trust-root", "list", "--json", **admin).json()
    assert [x["fingerprint"] for x in listed] == [a["fingerprint"] for a in added]
    path = _signed(tmp_path)
    assert run("verify", str(path), "--json").json()["trusted"] is True
    r = run("trust-root", "remove", added[0]["fingerprint"].upper(), **admin)
    assert r.code == 0 and "Đã bỏ" in r.out
    assert run("verify", str(path), "--json").json()["trusted"] is False
    leaf = tmp_path / "leaf.pem"
    leaf.write_bytes(ca.signer().cert.public_bytes(serialization.Encoding.PEM))
    r = run("trust-root", "add", str(leaf), **admin)
    assert r.code == 1 and "không phải chứng thư gốc" in r.err and "Traceback" not in r.err
    r = run("trust-root", "remove", "abc", **admin)
    assert r.code == 1 and "không có trong danh sách" in r.err
