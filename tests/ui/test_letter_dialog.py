"""Soạn công văn: prefilled wording, live preview, save DOCX/PDF, print, issue, batch by origin."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import docx
import pytest
from pytestqt.qtbot import QtBot

from db import letters as reg
from db import petitions as pet
from desktop.core.letters import batch, pdf_render
from desktop.core.letters.kinds import ANSWER_PLACEHOLDER
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.ui.context import UiContext
from desktop.ui.dialogs import letter_batch
from desktop.ui.dialogs.letter_compose import LetterDialog
from desktop.ui.dialogs.long_work import LongWork
from desktop.ui.printing import paint_pdf
from desktop.ui.qt import QPdfDocument, QPrinter
from tests.ui.conftest import type_text

NOV_2 = dt.date(2026, 11, 2)
# The offscreen platform says this when a top-level window shows; it is not ours.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def ids(ctx: UiContext) -> list[int]:
    """Two petitions from Hải Phòng and one from Thái Nguyên, in one document."""
    r = register_document(
        ctx.session,
        DocumentInput(received_on=NOV_2, sender="Văn phòng Chính phủ", sender_ref="5606/VPCP-QHĐP"),
        [
            PetitionInput("Hải Phòng", "Hoàn thiện chính thức trục tích hợp quốc gia"),
            PetitionInput("Thái Nguyên", "Quy định về định danh, xác thực điện tử"),
            PetitionInput("UBND thành phố Hải Phòng", "Hướng dẫn chữ ký số công cộng"),
        ],
    )
    return r.petition_ids


@pytest.fixture
def dialog(qtbot: QtBot, ctx: UiContext, ids: list[int]) -> LetterDialog:
    d = LetterDialog(ctx, [ids[0]])
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.preview_pages > 0, timeout=10_000)
    return d


def _answer(d: LetterDialog, qtbot: QtBot, text: str) -> None:
    """Replace the placeholder paragraph by typing the answer at the end of the body."""
    body = d.body_edit.toPlainText().replace(ANSWER_PLACEHOLDER, "")
    d.body_edit.setPlainText(body)
    cursor = d.body_edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    d.body_edit.setTextCursor(cursor)
    with qtbot.waitSignal(d.preview_ready, timeout=10_000):
        type_text(d.body_edit, "\n" + text)


def test_prefilled_from_the_petition(dialog: LetterDialog) -> None:
    assert dialog.subject_edit.text().startswith("V/v ")
    assert "Hải Phòng" in dialog.recipients_edit.toPlainText()
    assert "trục tích hợp quốc gia" in dialog.body_edit.toPlainText()
    assert dialog.unit_edit.text() == "VP"
    assert dialog.number_label.text() == "Dự thảo"
    assert dialog.preview.pixmap().width() > 0


def test_typing_updates_the_preview(dialog: LetterDialog, qtbot: QtBot) -> None:
    before = dialog.preview.pixmap().toImage()
    _answer(dialog, qtbot, "Bộ đã hướng dẫn tại Công văn số 12/BTTTT-CĐSQG." * 40)
    assert "Công văn số 12/BTTTT-CĐSQG" in dialog.letter().body[-1]
    assert dialog.preview.pixmap().toImage() != before
    assert dialog.preview_pages >= 2  # the long answer runs onto page 2


def test_save_pdf_and_docx(
    dialog: LetterDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialog, "ask_path", lambda *a: tmp_path / "cv.pdf")
    pdf = dialog.save_pdf()
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "595.276 x 841.89 pts (A4)" in info.stdout
    monkeypatch.setattr(dialog, "ask_path", lambda *a: tmp_path / "cv.docx")
    path = dialog.save_docx()
    assert path is not None
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "trục tích hợp quốc gia" in text


def test_issue_numbers_the_letter(
    dialog: LetterDialog, ctx: UiContext, ids: list[int], qtbot: QtBot
) -> None:
    _answer(dialog, qtbot, "Bộ đã ban hành hướng dẫn kỹ thuật.")
    changes: list[int] = []
    ctx.bus.changed.connect(lambda: changes.append(1))
    assert dialog.issue()
    assert "Số: 01/BTTTT-VP" in dialog.number_label.text()
    assert dialog.body_edit.isReadOnly() and not dialog.issue_button.isEnabled()
    p = pet.get_petition(ctx.session.store, ids[0])
    assert p is not None and p.status == "answered"
    assert changes
    # Opening again shows the issued letter as it was signed.
    again = LetterDialog(ctx, [ids[0]])
    qtbot.addWidget(again)
    assert "Số: 01/BTTTT-VP" in again.number_label.text()


def test_issue_refuses_the_placeholder(
    dialog: LetterDialog, ctx: UiContext, ids: list[int], _no_modal_dialogs: list[tuple[str, str]]
) -> None:
    assert not dialog.issue()
    assert ("error", dialog.error.text()) in _no_modal_dialogs
    p = pet.get_petition(ctx.session.store, ids[0])
    assert p is not None and p.status != "answered"


def test_draft_saved_then_reopened(dialog: LetterDialog, ctx: UiContext, ids: list[int]) -> None:
    dialog.name_edit.setText("Nguyễn Huy Dũng")
    assert dialog.save_draft()
    again = LetterDialog(ctx, [ids[0]])
    assert again.letter_id == dialog.letter_id
    assert again.name_edit.text() == "Nguyễn Huy Dũng"
    again.deleteLater()


def test_print_paints_every_pdf_page(
    dialog: LetterDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages: list[int] = []

    def preview(doc: QPdfDocument) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        paint_pdf(doc, printer)
        pages.append(doc.pageCount())

    monkeypatch.setattr(dialog, "show_print_preview", preview)
    dialog.print_letter()
    assert pages == [dialog.preview_pages]
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True, check=True
    )
    assert re.search(rf"^Pages:\s+{pages[0]}$", info.stdout, re.M)


def _letter_count(ctx: UiContext) -> int:
    return int(
        ctx.session.store.conn.execute("SELECT count(*) FROM outgoing_letters").fetchone()[0]
    )


def test_batch_by_origin_writes_two_of_each(
    ctx: UiContext, ids: list[int], tmp_path: Path, qtbot: QtBot
) -> None:
    monkey_folder = tmp_path / "out"
    monkey_folder.mkdir()
    before = _letter_count(ctx)
    work = letter_batch.batch_letters(ctx, None, ids, monkey_folder)
    assert isinstance(work, LongWork)
    with qtbot.waitSignal(work.ended, timeout=30_000):
        pass
    work.wait()
    names = sorted(p.name for p in monkey_folder.iterdir())
    # Numbered by origin, then named as the letter window names a draft (ASCII, số đến).
    assert [n[:41] for n in names] == ["01 Du thao tra loi kien nghi so den 1 - U"] * 2 + [
        "02 Du thao tra loi kien nghi so den 1 - U"
    ] * 2
    assert [n.rsplit(".", 1)[1] for n in names] == ["docx", "pdf"] * 2
    assert "Hai Phong" in names[0] and "Thai Nguyen" in names[2]
    assert _letter_count(ctx) == before + 2
    drafts = reg.letters_of_petition(ctx.session.store, ids[2])
    assert set(drafts[-1].petition_ids) == {ids[0], ids[2]}


def test_batch_cancel_leaves_nothing(
    ctx: UiContext, ids: list[int], tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(letter_batch, "ask_folder", lambda parent: tmp_path / "out")
    (tmp_path / "out").mkdir()
    before = _letter_count(ctx)
    real = pdf_render.render_pdf
    holder: list[LongWork[list[Path]]] = []

    def render_then_cancel(*args: object, **kwargs: object) -> Path:
        holder[0].cancel()  # Cancel pressed while the first letter is written
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "render_pdf", render_then_cancel)
    work = letter_batch.batch_letters(ctx, None, ids)
    assert work is not None
    holder.append(work)
    with qtbot.waitSignal(work.ended, timeout=30_000):
        pass
    work.wait()
    assert work.cancelled
    assert list((tmp_path / "out").iterdir()) == []
    assert _letter_count(ctx) == before


def test_screenshot(dialog: LetterDialog, qtbot: QtBot) -> None:
    """Not a check: keeps a picture of the dialog for a person to look at."""
    folder = os.environ.get("LETTER_SHOT_DIR")
    if folder:
        dialog.grab().save(str(Path(folder) / "letter_dialog.png"))
