"""What the letter window and the issued-letter view share: the page preview, saving DOCX/PDF
with a note saying where the file went, printing, and the signer remembered for next time."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from desktop.core.errors import DomainError
from desktop.core.letters.docx_render import render_docx
from desktop.core.letters.model import Letter
from desktop.core.letters.pdf_render import pdf_bytes, render_pdf
from desktop.core.session import Session
from desktop.core.types import Store
from desktop.ui import ask
from desktop.ui.context import UiContext
from desktop.ui.printing import load_pdf, paint_pdf
from desktop.ui.qt import (
    QDesktopServices,
    QFileDialog,
    QImage,
    QLabel,
    QPainter,
    QPdfDocument,
    QPixmap,
    QPrinter,
    QPrintPreviewDialog,
    QScrollArea,
    QSettings,
    QSize,
    Qt,
    QUrl,
    QWidget,
    Signal,
)

PREVIEW_WIDTH = 560  # pixels for a page in the preview pane
SIGNER_KEY = "letters/signer"  # + "/<user>" on a database with users
PAGE_GAP = 12  # pixels of grey between pages when several are shown
PREVIEW_MIN_WIDTH = 320


class PagePreview(QScrollArea):
    """Pages of a letter as printed, rendered off the UI thread; only the newest reaches it."""

    ready = Signal(int)  # page count of the newest rendered preview

    def __init__(self, ctx: UiContext, *, all_pages: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.all_pages = all_pages
        self.pages = 0
        self.label = QLabel("Đang dựng trang…")
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.label.setStyleSheet("background: #808080; padding: 8px")
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setMinimumWidth(PREVIEW_MIN_WIDTH)  # a small screen scrolls the page sideways

    def show_letter(self, letter: Letter, today: dt.date) -> None:
        """Render `letter` as on `today` and show it when done."""

        def render(_store: Store) -> bytes:
            return pdf_bytes(letter, today)

        self.ctx.runner.run_query(
            render, self._show_pdf, key="preview", owner=self, on_error=self._failed
        )

    def _show_pdf(self, data: bytes) -> None:
        doc = load_pdf(data, self)
        try:
            self.pages = doc.pageCount()
            shown = range(self.pages if self.all_pages else min(1, self.pages))
            images = [self._page(doc, i) for i in shown]
            if images:
                height = sum(i.height() for i in images) + PAGE_GAP * (len(images) - 1)
                sheet = QPixmap(PREVIEW_WIDTH, height)
                sheet.fill(Qt.GlobalColor.gray)
                painter = QPainter(sheet)
                y = 0
                for image in images:
                    painter.drawPixmap(0, y, image)
                    y += image.height() + PAGE_GAP
                painter.end()
                self.label.setPixmap(sheet)
                self.label.setToolTip(f"{self.pages} trang")
        finally:
            doc.deleteLater()
        self.ready.emit(self.pages)

    @staticmethod
    def _page(doc: QPdfDocument, index: int) -> QPixmap:
        size = doc.pagePointSize(index).toSize()
        width = PREVIEW_WIDTH
        image: QImage = doc.render(index, QSize(width, width * size.height() // size.width()))
        # Pdfium leaves the paper transparent; the page must read as white paper.
        page = QPixmap(image.size())
        page.fill(Qt.GlobalColor.white)
        painter = QPainter(page)
        painter.drawImage(0, 0, image)
        painter.end()
        return page

    def _failed(self, message: str) -> None:
        self.label.setText(f"Không dựng được trang: {message}")


class SavedNote(QLabel):
    """The note under the letter: "Đã lưu: <path>" with Mở thư mục, or "Đã lưu nháp lúc 09:12"."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.linkActivated.connect(self.open_folder)
        self.folder: Path | None = None

    def saved(self, path: Path) -> None:
        """Say where the file went, with a link to its folder."""
        self.folder = path.parent
        shown = str(path).replace("&", "&amp;").replace("<", "&lt;")
        self.setText(f'Đã lưu: {shown} — <a href="folder">Mở thư mục</a>')
        self.setToolTip(str(path))

    def say(self, text: str) -> None:
        """A plain note (no link)."""
        self.folder = None
        self.setText(text.replace("&", "&amp;").replace("<", "&lt;"))
        self.setToolTip("")

    def open_folder(self, _link: str = "") -> None:
        """Show the folder of the last saved file in the file manager."""
        if self.folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Open at `width` × `height`, or smaller on a small screen (1366×768 leaves ~728 high)."""
    screen = window.screen()
    avail = screen.availableGeometry() if screen is not None else None
    if avail is not None:
        width, height = min(width, avail.width() - 24), min(height, avail.height() - 48)
    window.resize(width, height)


def ask_path(parent: QWidget, title: str, name: str, pattern: str) -> Path | None:
    """Where to save a file (the suggested name in the last folder used)."""
    folder = str(QSettings().value("letters/folder", "") or "")
    start = str(Path(folder) / name) if folder else name
    chosen, _ = QFileDialog.getSaveFileName(parent, title, start, pattern)
    if not chosen:
        return None
    QSettings().setValue("letters/folder", str(Path(chosen).parent))
    return Path(chosen)


def write_file(parent: QWidget, letter: Letter, dest: Path, today: dt.date) -> Path | None:
    """Render the letter to `dest` (DOCX or PDF by its suffix); a refusal is told, not raised."""
    try:
        if dest.suffix.lower() == ".pdf":
            return render_pdf(letter, dest, today=today)
        return render_docx(letter, dest, today=today)
    except (DomainError, OSError) as exc:
        ask.error(parent, "Không lưu được công văn", str(exc))
        return None


def print_letter(
    letter: Letter, today: dt.date, parent: QWidget, show: Callable[[QPdfDocument], None]
) -> None:
    """Print preview of the letter's PDF pages through `show(doc)` (tests patch the dialog's)."""
    doc = load_pdf(pdf_bytes(letter, today), parent)
    try:
        show(doc)
    finally:
        doc.deleteLater()


def preview_and_print(parent: QWidget, doc: QPdfDocument, name: str) -> None:
    """The print preview dialog painting `doc`, then the printer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(name)
    preview = QPrintPreviewDialog(printer, parent)
    preview.paintRequested.connect(lambda p: paint_pdf(doc, p))
    preview.exec()


def _signer_key(session: Session) -> str:
    return f"{SIGNER_KEY}/{session.user.name}" if session.user is not None else SIGNER_KEY


def remembered_signer(session: Session) -> tuple[str, str, str] | None:
    """The authority, title and name last used in a letter by this user, if any."""
    try:
        saved = json.loads(str(QSettings().value(_signer_key(session), "") or "null"))
    except ValueError:
        return None  # written by hand or by another version: the template's signer then
    if isinstance(saved, list) and len(saved) == 3 and any(saved):
        return str(saved[0]), str(saved[1]), str(saved[2])
    return None


def remember_signer(session: Session, authority: str, title: str, name: str) -> None:
    """Keep the signer for the next letter this user writes."""
    if authority or title or name:
        # One JSON string: the Windows registry drops empty strings from a list of strings.
        value = json.dumps([authority, title, name], ensure_ascii=False)
        QSettings().setValue(_signer_key(session), value)
