"""Printing: the register rows on screen (Ctrl+P) through a print preview, and PDF pages."""

from __future__ import annotations

import datetime as dt
import html

from desktop.ui.qt import (
    QAbstractItemModel,
    QBuffer,
    QByteArray,
    QIODevice,
    QModelIndex,
    QObject,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfDocument,
    QPrinter,
    QPrintPreviewDialog,
    QRect,
    Qt,
    QTextDocument,
    QWidget,
)


def table_html(model: QAbstractItemModel, title: str, hidden: set[int] | None = None) -> str:
    """The loaded rows of a table model as an HTML table (hidden columns left out)."""
    hidden = hidden or set()
    cols = [c for c in range(model.columnCount()) if c not in hidden]
    head = "".join(
        f"<th>{html.escape(str(model.headerData(c, Qt.Orientation.Horizontal)))}</th>" for c in cols
    )
    body = []
    for r in range(model.rowCount()):
        cells = "".join(
            f"<td>{html.escape(str(model.data(model.index(r, c, QModelIndex())) or ''))}</td>"
            for c in cols
        )
        body.append(f"<tr>{cells}</tr>")
    today = f"{dt.date.today():%d/%m/%Y}"
    return (
        "<style>table{border-collapse:collapse} th,td{border:1px solid #444;padding:2px 4px;"
        "font-size:8pt;vertical-align:top} th{background:#eee}</style>"
        f"<h3>{html.escape(title)}</h3><p>In ngày {today}, {model.rowCount()} dòng.</p>"
        f"<table width='100%'><tr>{head}</tr>{''.join(body)}</table>"
    )


def make_document(content: str) -> QTextDocument:
    """A text document ready to print."""
    doc = QTextDocument()
    doc.setHtml(content)
    return doc


def preview(parent: QWidget, content: str) -> None:
    """Print preview (landscape A4) with the printer choice; tests patch this."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    dialog = QPrintPreviewDialog(printer, parent)
    doc = make_document(content)
    dialog.paintRequested.connect(doc.print_)
    dialog.exec()


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
