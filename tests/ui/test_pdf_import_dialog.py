"""Nhập từ tệp… with a text PDF: previewed and registered as its DOCX twin is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from db import documents as docs
from db import petitions as pet
from desktop.ui.context import UiContext
from desktop.ui.dialogs.import_file import ImportDialog
from desktop.ui.models.import_preview_model import COL_CONTENT, COL_ORIGIN
from desktop.ui.qt import Qt
from tests.core.importers import fixtures as fx
from tests.pdf_samples import render_seed_pdf
from tests.ui.windows import show_dialog


def test_a_text_pdf_is_previewed_and_registered(
    qtbot: QtBot, ctx: UiContext, tmp_path: Path, informed: list[str]
) -> None:
    path = render_seed_pdf(tmp_path / "5606.pdf", fx.merged_seed_rows())
    dialog = show_dialog(qtbot, ImportDialog(ctx, path=path))
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=20_000)
    model = dialog.model
    origins = [model.data(model.index(r, COL_ORIGIN)) for r in range(model.rowCount())]
    assert origins == ["Hải Phòng", "Bến Tre", "Phú Yên", "Phú Yên", "Phú Yên", "Vĩnh Phúc"]
    first = model.data(model.index(0, COL_CONTENT))
    assert first.startswith("Đề nghị Chính phủ chỉ đạo Bộ TTTT")
    assert "Văn phòng Chính phủ, số 5606/VPCP-QHĐP, ngày 10/07/2020" in dialog.document_line.text()
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert informed == ["Đã vào sổ văn bản đến số 1/2026 với 6 kiến nghị"]
    doc = docs.find_by_number(ctx.session.store, 2026, 1)
    assert doc is not None and (doc.sender_ref, doc.reply_by) == (
        "5606/VPCP-QHĐP",
        dt.date(2020, 9, 15),
    )
    stored = pet.petitions_of_document(ctx.session.store, doc.id)
    assert [p.origin for p in stored] == origins
    assert stored[0].content == fx.SEED_CONTENTS[0]
