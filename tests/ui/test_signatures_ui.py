"""Chữ ký số in the desktop: the detail of a petition whose document came as a signed PDF says
who signed it, when, and whether it is intact and trusted (verified off the UI thread), and
Cài đặt installs the trusted root that turns «chưa tin cậy» into «nguyên vẹn»."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from pytestqt.qtbot import QtBot

from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from desktop.core.signatures import sign
from desktop.ui.context import UiContext
from desktop.ui.qt import QFileDialog
from desktop.ui.screens.settings import SettingsScreen
from desktop.ui.widgets.petition_detail import PetitionDetail
from desktop.ui.widgets.signature_note import CHANGED_STYLE
from desktop.ui.widgets.signature_settings import SignatureSettings
from tests import signing_ca as ca
from tests.core.test_signatures import BOX, plain_pdf


def _document_with(session: Session, tmp_path: Path, pdf: bytes, name: str) -> int:
    path = tmp_path / name
    path.write_bytes(pdf)
    done = register_document(
        session,
        DocumentInput(
            received_on=dt.date(2026, 11, 20), sender="Văn phòng Chính phủ",
            sender_ref="5606/VPCP-QHĐP", sender_date=dt.date(2026, 11, 18),
        ),
        [PetitionInput(origin="Hải Phòng", content="Đề nghị phủ sóng di động các xã đảo.")],
        [path],
        allow_duplicate=True,
    )  # fmt: skip
    return done.petition_ids[0]


@pytest.fixture
def signed_pdf(tmp_path: Path) -> bytes:
    key = sign.P12Key(ca.signer().write_p12(tmp_path / "vpcp.p12"), ca.P12_PASSWORD)
    return sign.sign_with(plain_pdf(), key, BOX)


def _first(box: SignatureSettings) -> str:
    item = box.roots.item(0)
    return item.text() if item is not None else ""


def _detail(qtbot: QtBot, ctx: UiContext) -> PetitionDetail:
    detail = PetitionDetail(ctx)
    qtbot.addWidget(detail)
    detail.resize(900, 600)
    detail.show()
    return detail


def test_the_detail_shows_the_signature_then_trusts_it_once_the_root_is_installed(
    qtbot: QtBot, ctx: UiContext, session: Session, tmp_path: Path, signed_pdf: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    pid = _document_with(session, tmp_path, signed_pdf, "5606-VPCP.pdf")
    detail = _detail(qtbot, ctx)
    detail.show_petition(pid)
    qtbot.waitUntil(lambda: "Đã ký số" in detail.browser.toPlainText(), timeout=20000)
    text = detail.browser.toPlainText()
    assert f"5606-VPCP.pdf — Đã ký số: {ca.SIGNER_CN}," in text
    assert "— chưa tin cậy (chứng thư không thuộc gốc tin cậy đã cài)" in text
    assert "Hải Phòng" in text  # the rest of the detail is there as before
    detail.grab().save(str(tmp_path / "detail-untrusted.png"))

    screen = SettingsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1100, 900)
    screen.show()
    box = screen.signatures
    qtbot.waitUntil(lambda: "Chưa cài chứng thư gốc" in _first(box), timeout=5000)
    root = tmp_path / "root.cer"
    root.write_bytes(ca.root().der())
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(root)], CERT_FILTER))
    ctx.bus.changed.connect(lambda: detail.show_petition(detail.petition_id))
    box.add_button.click()
    qtbot.waitUntil(lambda: _first(box).startswith("Root CA thử nghiệm quốc gia"))
    assert box.done.text() == "Đã thêm 1 chứng thư gốc."
    qtbot.waitUntil(lambda: "— nguyên vẹn" in detail.browser.toPlainText(), timeout=20000)
    screen.grab().save(str(tmp_path / "settings.png"))
    # A file that is not a root certificate is refused under the list, nothing installed.
    leaf = tmp_path / "leaf.cer"
    leaf.write_bytes(ca.signer().cert.public_bytes(Encoding.DER))
    box.add_roots([leaf])
    assert "không phải chứng thư gốc" in box.error.text() and box.error.isVisible()
    assert box.roots.count() == 1
    box.roots.setCurrentRow(0)
    box.remove_button.click()
    qtbot.waitUntil(lambda: "Chưa cài chứng thư gốc" in _first(box))
    qtbot.waitUntil(lambda: "chưa tin cậy" in detail.browser.toPlainText(), timeout=20000)


CERT_FILTER = "Chứng thư số (*.cer *.crt *.pem *.der)"


def test_a_pdf_changed_after_signing_is_said_in_red(
    qtbot: QtBot, ctx: UiContext, session: Session, tmp_path: Path, signed_pdf: bytes
) -> None:
    changed = signed_pdf.replace(b"Hello, signed world", b"Hello, signed w0rld")
    pid = _document_with(session, tmp_path, changed, "da-sua.pdf")
    detail = _detail(qtbot, ctx)
    detail.show_petition(pid)
    qtbot.waitUntil(lambda: "Đã ký số" in detail.browser.toPlainText(), timeout=20000)
    assert "da-sua.pdf — Đã ký số:" in detail.browser.toPlainText()
    assert "— đã bị sửa sau khi ký" in detail.browser.toPlainText()
    assert "#b00020" in detail.browser.toHtml().lower()  # red, as CHANGED_STYLE says
    assert "#b00020" in CHANGED_STYLE
    detail.grab().save(str(tmp_path / "detail-changed.png"))
    print(tmp_path)


def test_vao_so_with_a_signed_pdf_says_its_signature_in_the_status_bar(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path, signed_pdf: bytes
) -> None:
    from desktop.ui.dialogs.register_document import RegisterDocumentDialog
    from desktop.ui.qt import QMainWindow, Qt
    from tests.ui.conftest import type_text

    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    dialog = RegisterDocumentDialog(ctx, window)  # the window owns it, as in the app
    dialog.show()
    qtbot.waitUntil(lambda: dialog.completions_ready)
    type_text(dialog.sender_edit, "Văn phòng Chính phủ")
    type_text(dialog.sender_ref, "5606/VPCP-QHĐP")
    scan = tmp_path / "cong-van-5606.pdf"
    scan.write_bytes(signed_pdf)
    dialog.pick_files = lambda: [scan]  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.files.add_button, Qt.MouseButton.LeftButton)
    row = dialog.grid.rows[0]
    type_text(row.origin, "Hải Phòng")
    type_text(row.content, "Đề nghị phủ sóng di động các xã đảo.")
    with qtbot.waitSignal(dialog.registered):
        qtbot.keyClick(row.origin, Qt.Key.Key_Return)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: "Đã ký số" in bar.currentMessage(), timeout=20000)
    assert bar.currentMessage().startswith(
        f"Chữ ký số — cong-van-5606.pdf: Đã ký số: {ca.SIGNER_CN}, "
    )
    assert bar.currentMessage().endswith(
        "— chưa tin cậy (chứng thư không thuộc gốc tin cậy đã cài)"
    )
