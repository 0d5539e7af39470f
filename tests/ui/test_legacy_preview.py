"""Nhập từ tệp on a TCVN3 file: the preview shows the rows in Unicode and says it converted."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.ui.context import UiContext
from desktop.ui.dialogs.import_file import ImportDialog
from desktop.ui.models.import_preview_model import COL_CONTENT, COL_ORIGIN
from desktop.ui.qt import Qt
from tests import legacy_samples as ls
from tests.core.importers.fixtures import SEED_ORIGINS, write_vpcp_docx
from tests.helpers import content_digest
from tests.ui.windows import show_dialog


@pytest.fixture
def dialog(qtbot: QtBot, ctx: UiContext) -> ImportDialog:
    return show_dialog(qtbot, ImportDialog(ctx))


def test_the_preview_of_a_tcvn3_file_says_what_was_converted(
    qtbot: QtBot, ctx: UiContext, dialog: ImportDialog, tmp_path: Path
) -> None:
    legacy = ls.legacy_docx(write_vpcp_docx(tmp_path / "u.docx"), tmp_path / "cu.docx", "tcvn3")
    before = content_digest(ctx.session.store.target)
    dialog.choose_file = lambda: legacy  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=15_000)
    lines = dialog.document_line.text().split("\n")
    assert lines[0] == "Sẽ vào sổ văn bản đến số 1/2026 với 6 kiến nghị:"
    assert "Văn phòng Chính phủ, số 5606/VPCP-QHĐP, ngày 10/07/2020" in lines[1]
    converted = [line for line in lines if line.startswith("Đã chuyển từ mã TCVN3 sang Unicode: ")]
    assert converted and converted[0].endswith(" đoạn văn.") and " ô, " in converted[0]
    model = dialog.model
    origins = [model.data(model.index(r, COL_ORIGIN)) for r in range(model.rowCount())]
    assert origins == list(SEED_ORIGINS)
    assert model.data(model.index(0, COL_CONTENT)).startswith("Đề nghị Chính phủ chỉ đạo")
    assert dialog.import_button.isEnabled()
    assert content_digest(ctx.session.store.target) == before  # the preview writes nothing
    dialog.grab().save(str(tmp_path / "legacy_preview.png"))
