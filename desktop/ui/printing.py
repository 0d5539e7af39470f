"""Printing: the register rows on screen (Ctrl+P) through a print preview, and PDF pages.

What goes on paper comes from desktop.core.printouts (the right checked, phone and ID numbers
masked); the print is recorded there just before the pages are sent, and a print whose record
cannot be written is not sent. This module only lays out and paints what core returned.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from desktop.core import printouts
from desktop.core.dates import format_date
from desktop.core.errors import KienNghiError
from desktop.core.printouts import PrintSheet
from desktop.core.session import Session
from desktop.ui import ask
from desktop.ui.qt import (
    QAbstractItemModel,
    QBuffer,
    QByteArray,
    QDialog,
    QHBoxLayout,
    QIODevice,
    QLabel,
    QModelIndex,
    QObject,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfDocument,
    QPrintDialog,
    QPrinter,
    QPrintPreviewWidget,
    QPushButton,
    QRect,
    Qt,
    QTextDocument,
    QVBoxLayout,
    QWidget,
)


def screen_rows(
    model: QAbstractItemModel, hidden: set[int] | None = None
) -> tuple[list[str], list[list[str]]]:
    """The headers and loaded rows of a table model as text (hidden columns left out)."""
    hidden = hidden or set()
    cols = [c for c in range(model.columnCount()) if c not in hidden]
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in cols]
    rows = [
        [str(model.data(model.index(r, c, QModelIndex())) or "") for c in cols]
        for r in range(model.rowCount())
    ]
    return headers, rows


def sheet_html(sheet: PrintSheet) -> str:
    """The sheet core prepared as an HTML table, with its title, date and row count."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in sheet.headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in sheet.rows
    )
    note = "" if sheet.masked else " Không che số điện thoại, số CCCD."
    return (
        "<style>table{border-collapse:collapse} th,td{border:1px solid #444;padding:2px 4px;"
        "font-size:8pt;vertical-align:top} th{background:#eee}</style>"
        f"<h3>{html.escape(sheet.title)}</h3>"
        f"<p>In ngày {format_date(sheet.printed_on)}, {len(sheet.rows)} dòng.{note}</p>"
        f"<table width='100%'><tr>{head}</tr>{body}</table>"
    )


def make_document(content: str) -> QTextDocument:
    """A text document ready to print."""
    doc = QTextDocument()
    doc.setHtml(content)
    return doc


def a4_printer(orientation: QPageLayout.Orientation) -> QPrinter:
    """A high-resolution printer on A4 in this orientation."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(orientation)
    return printer


def landscape_printer() -> QPrinter:
    """A printer on landscape A4, as lists of many columns need."""
    return a4_printer(QPageLayout.Orientation.Landscape)


def print_sheet(
    session: Session, sheet: PrintSheet, printer: QPrinter, content: str | None = None
) -> None:
    """Record the print in core, then send the pages to `printer` (a PDF file, or paper).

    `content` is the HTML printed; by default the sheet's table (`sheet_html`).
    """
    to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName()
    printouts.record(
        session, sheet, printer="" if to_file else printer.printerName(),
        file=Path(printer.outputFileName()) if to_file else None,
    )  # fmt: skip
    make_document(sheet_html(sheet) if content is None else content).print_(printer)


def choose_printer(parent: QWidget, printer: QPrinter) -> bool:
    """The system's print dialog (printer, copies, pages); True to print. Tests patch this."""
    return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted


class PrintPreviewDialog(QDialog):
    """Xem trước khi in: the pages as they will print, then In… (the printer choice) or Đóng."""

    def __init__(self, session: Session, sheet: PrintSheet, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.sheet = session, sheet
        self.printed = False
        self.setWindowTitle(f"Xem trước khi in — {sheet.title}")
        self.resize(1000, 700)
        self.printer = landscape_printer()
        self.document = make_document(sheet_html(sheet))
        self.view = QPrintPreviewWidget(self.printer, self)
        self.view.paintRequested.connect(self.document.print_)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.print_button = QPushButton("&In…")
        self.print_button.setDefault(True)
        close = QPushButton("Đó&ng")
        self.print_button.clicked.connect(self.print_now)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        masked = "đã che số điện thoại, số CCCD" if sheet.masked else "không che số"
        buttons.addWidget(QLabel(f"{len(sheet.rows)} dòng, {masked}; lần in được ghi nhật ký."))
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def print_now(self) -> bool:
        """In…: choose the printer, record the print, send it; a refusal stays on screen."""
        if not choose_printer(self, self.printer):
            return False
        try:
            print_sheet(self.session, self.sheet, self.printer)
        except KienNghiError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.printed = True
        self.accept()
        return True


def run_preview(dialog: PrintPreviewDialog) -> None:
    """Show the preview modally. Tests replace this."""
    dialog.exec()


def print_rows(
    session: Session,
    parent: QWidget,
    model: QAbstractItemModel,
    title: str,
    *,
    screen: str,
    hidden: set[int] | None = None,
    search: str = "",
) -> bool:
    """Ctrl+P: the rows on screen through core (right, masking) to the preview; True if printed."""
    headers, rows = screen_rows(model, hidden)
    petition_filter: Any = getattr(model, "filter", None)
    try:
        sheet = printouts.prepare(
            session, title=title, headers=headers, rows=rows, screen=screen,
            petition_filter=petition_filter, search=search,
        )  # fmt: skip
    except KienNghiError as exc:
        ask.error(parent, "In danh sách", str(exc))
        return False
    dialog = PrintPreviewDialog(session, sheet, parent)
    run_preview(dialog)
    return dialog.printed


def load_pdf(data: bytes, parent: QObject) -> QPdfDocument:
    """A QPdfDocument over PDF bytes (the buffer lives as the document's child)."""
    doc = QPdfDocument(parent)
    buffer = QBuffer(doc)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buffer)
    return doc


def paint_pdf(doc: QPdfDocument, printer: QPrinter) -> None:
    """Paint every page of `doc` onto `printer`, one sheet per page, scaled to the paper."""
    painter = QPainter(printer)
    try:
        for page in range(doc.pageCount()):
            if page:
                printer.newPage()
            target = painter.viewport()
            size = (
                doc.pagePointSize(page)
                .toSize()
                .scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            )
            image = doc.render(page, size)  # at the printer's own resolution: crisp, not oversized
            painter.drawImage(QRect(target.topLeft(), size), image)
    finally:
        painter.end()
