"""In phiếu giải quyết: the routing slip of the selected petition, printed or saved as PDF.

The words come from desktop.core.letters.kinds.routing_slip_text; what goes on paper passes
through desktop.core.printouts like every print (the right checked, phone and ID numbers
masked, the print recorded just before the pages are sent).
"""

from __future__ import annotations

import html

from desktop.core import printouts
from desktop.core.errors import KienNghiError
from desktop.core.letters.kinds import routing_slip_text
from desktop.core.printouts import PrintSheet
from desktop.core.session import Session
from desktop.ui import ask, printing, rights
from desktop.ui.actions import ask_save_path
from desktop.ui.context import UiContext
from desktop.ui.dialogs.routing_common import error_label, set_error
from desktop.ui.qt import (
    QDialog,
    QHBoxLayout,
    QMenu,
    QPageLayout,
    QPrinter,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

MENU_TEXT = "In phiếu giải quyết…"
TITLE = "Phiếu giải quyết văn bản đến"


def slip_sheet(session: Session, petition_id: int) -> PrintSheet:
    """The slip as a print sheet: one line a row, masked as every print is."""
    lines = routing_slip_text(session, petition_id).split("\n")
    return printouts.prepare(
        session, title=f"{TITLE} (kiến nghị {petition_id})", headers=(TITLE,),
        rows=[(line,) for line in lines], screen="routing_slip",
    )  # fmt: skip


def slip_html(sheet: PrintSheet) -> str:
    """The agency and the title centred in bold, the date on the right, the rest as written."""
    lines = [row[0] for row in sheet.rows]
    parts = []
    for i, line in enumerate(lines):
        text = html.escape(line) or "&nbsp;"
        if i < 2:
            parts.append(f"<p align='center'><b>{text}</b></p>")
        elif i == len(lines) - 1 and line:
            parts.append(f"<p align='right'><i>{text}</i></p>")
        else:
            parts.append(f"<p>{text}</p>")
    style = (
        "p{margin:0 0 4pt 0;font-size:13pt;white-space:pre-wrap;"
        "font-family:'Times New Roman','Liberation Serif'}"
    )
    return f"<style>{style}</style>" + "".join(parts)


def portrait_printer() -> QPrinter:
    """A4 portrait, as the slip is filed with its document."""
    return printing.a4_printer(QPageLayout.Orientation.Portrait)


class RoutingSlipDialog(QDialog):
    """The slip on screen, then In… (the printer) or Lưu PDF…."""

    def __init__(self, session: Session, sheet: PrintSheet, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.sheet = session, sheet
        self.done_to = ""
        self.setWindowTitle(TITLE)
        self.view = QTextBrowser()
        self.view.setHtml(slip_html(sheet))
        self.error = error_label()
        self.print_button = QPushButton("&In…")
        self.print_button.setDefault(True)
        self.pdf_button = QPushButton("Lưu &PDF…")
        close = QPushButton("Đó&ng")
        self.print_button.clicked.connect(self.print_now)
        self.pdf_button.clicked.connect(self.save_pdf)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.print_button, self.pdf_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(620, 720)

    def _send(self, printer: QPrinter, done_to: str) -> bool:
        try:
            printing.print_sheet(self.session, self.sheet, printer, slip_html(self.sheet))
        except KienNghiError as exc:
            set_error(self.error, str(exc))
            return False
        self.done_to = done_to
        self.accept()
        return True

    def print_now(self) -> bool:
        """In…: the system's print dialog, then the slip to the printer chosen."""
        printer = portrait_printer()
        if not printing.choose_printer(self, printer):
            return False
        return self._send(printer, printer.outputFileName() or printer.printerName())

    def save_pdf(self) -> bool:
        """Lưu PDF…: the slip as a PDF file."""
        dest = ask_save_path(self, "Lưu phiếu giải quyết", "phieu-giai-quyet.pdf", "PDF (*.pdf)")
        if dest is None:
            return False
        if dest.suffix.lower() != ".pdf":
            dest = dest.with_name(dest.name + ".pdf")
        printer = portrait_printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(dest))
        return self._send(printer, str(dest))


def run_dialog(dialog: RoutingSlipDialog) -> None:
    """Show the slip modally. Tests replace this."""
    dialog.exec()


def open_routing_slip(ctx: UiContext, parent: QWidget | None, petition_id: int) -> bool:
    """The slip of one petition; True when it was printed or saved."""
    try:
        sheet = slip_sheet(ctx.session, petition_id)
    except KienNghiError as exc:
        ask.error(parent, TITLE, str(exc))
        return False
    dialog = RoutingSlipDialog(ctx.session, sheet, parent)
    run_dialog(dialog)
    return bool(dialog.done_to)


def add_to_menu(ctx: UiContext, menu: QMenu, ids: list[int]) -> None:
    """The register's context menu gets "In phiếu giải quyết…" for the first selected petition."""
    menu.addSeparator()
    action = menu.addAction(MENU_TEXT)
    action.setEnabled(len(ids) == 1)
    action.triggered.connect(lambda: open_routing_slip(ctx, menu.parentWidget(), ids[0]))
    if not rights.restrict([action], ctx.session, printouts.PRINT_RIGHT):
        menu.setToolTipsVisible(True)
