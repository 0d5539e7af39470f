"""Ban hành with «Ký số» in the letter window: offered once the office has a PKCS#12 file; a
wrong password is said in the dialog before anything is numbered; the issued letter's PDF is
signed, written to the folder chosen and validates."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db import letters as reg
from db import petitions as pet
from desktop.core.signatures import trust
from desktop.core.signatures.sign import SIGNER_FIELD, P12Key
from desktop.core.signatures.verify import verify_pdf
from desktop.ui.context import UiContext
from desktop.ui.dialogs import sign_letter
from desktop.ui.dialogs.letter_compose import LetterDialog
from tests import signing_ca as ca
from tests.ui.conftest import type_text
from tests.ui.test_letter_dialog import _answer, dialog, ids  # noqa: F401  # fixtures

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_sign_dialog_checks_the_password_before_issuing(qtbot: QtBot, tmp_path: Path) -> None:
    p12 = ca.agency().write_p12(tmp_path / "bo.p12")
    box = sign_letter.SignDialog(None, p12, tmp_path)
    qtbot.addWidget(box)
    box.show()
    assert box.sign_box.isChecked() and box.ok_button.text() == "Ban hành"
    type_text(box.password, "sai")
    box.ok_button.click()
    assert box.choice is None and box.isVisible()
    assert box.error.text() == "Mật khẩu tệp chứng thư số không đúng."
    box.password.clear()
    type_text(box.password, ca.P12_PASSWORD)
    box.grab().save(str(tmp_path / "sign-dialog.png"))
    box.ok_button.click()
    assert box.choice == sign_letter.Signing(P12Key(p12, ca.P12_PASSWORD), tmp_path)
    unsigned = sign_letter.SignDialog(None, p12, tmp_path)
    qtbot.addWidget(unsigned)
    unsigned.sign_box.setChecked(False)
    assert not unsigned.password.isEnabled()
    unsigned.ok_button.click()
    assert unsigned.choice == sign_letter.Signing()


def test_issue_signs_the_letter_when_the_office_has_a_p12(
    dialog: LetterDialog,  # noqa: F811
    ctx: UiContext,
    ids: list[int],  # noqa: F811
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    p12 = ca.agency().write_p12(tmp_path / "bo.p12")
    trust.set_office_p12(ctx.session, p12)
    offered: list[Path] = []

    def clerk(parent: object, path: Path, folder: Path) -> sign_letter.Signing:
        offered.append(path)  # what the dialog would show; the clerk types the password
        return sign_letter.Signing(P12Key(path, ca.P12_PASSWORD), tmp_path)

    monkeypatch.setattr(sign_letter, "ask", clerk)
    _answer(dialog, qtbot, "Bộ đã ban hành hướng dẫn kỹ thuật.")
    # No signer's name yet: nowhere to put the signature, so nothing is numbered.
    dialog.name_edit.clear()
    assert not dialog.issue()
    assert "chưa có họ tên người ký" in dialog.error.text()
    draft = reg.get_letter(ctx.session.store, dialog.letter_id or 0)
    assert draft is not None and draft.number is None  # kept as a draft, no number taken
    assert pet.get_petition(ctx.session.store, ids[0]).status != "answered"  # type: ignore[union-attr]
    assert not list(tmp_path.glob("*.pdf"))
    type_text(dialog.name_edit, "Nguyễn Huy Dũng")
    assert dialog.issue()
    assert offered == [p12, p12]
    assert "Số: 01/BTTTT-VP" in dialog.number_label.text()  # number 01: none was used before
    (signed,) = tmp_path.glob("*.pdf")
    assert signed.name.startswith("Cong van 01-BTTTT-VP")
    assert f"Đã ký số: «{signed}»." in dialog.note.text()
    result = verify_pdf(signed.read_bytes(), [ca.root().der()])
    assert result.intact and result.trusted and result.signatures[0].field == SIGNER_FIELD
