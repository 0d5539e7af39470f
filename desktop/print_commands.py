"""The `kiennghi` subcommands that print documents: letters, registers, the Excel register."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.audit_commands import masking_note
from desktop.commands import dmy, emit, iso_or_none, open_session
from desktop.core import reports
from desktop.core import vocabulary as vocab
from desktop.core.errors import DomainError
from desktop.core.files import check_writable
from desktop.core.letters import register as letters
from desktop.core.letters.model import Letter
from desktop.verify_commands import signing_key

LetterRenderer = Callable[[Letter, dt.date], bytes]


def _letter_renderer(args: argparse.Namespace) -> tuple[str, LetterRenderer]:
    fmt = args.format or Path(args.out).suffix.lower().lstrip(".")
    # Imported here: python-docx and reportlab cost startup time every other command saves.
    if fmt == "docx":
        from desktop.core.letters.docx_render import docx_bytes

        return fmt, docx_bytes
    if fmt == "pdf":
        from desktop.core.letters.pdf_render import pdf_bytes

        return fmt, pdf_bytes
    raise DomainError("Chưa rõ định dạng công văn: dùng --format docx hoặc --format pdf.")


def cmd_letter(args: argparse.Namespace) -> int:
    key = signing_key(args)  # the flags checked, the password read, before anything opens
    session = open_session(args)
    fmt, render = _letter_renderer(args)
    out = Path(args.out)
    with contextlib.ExitStack() as stack:
        if key is not None:
            from desktop.core.signatures.letters import signing_renderer
            from desktop.core.signatures.sign import open_signer

            # Opened (password, PIN checked) before issuing; signed inside its transaction.
            signer = stack.enter_context(open_signer(key))
            render = signing_renderer(signer, agency_copy=args.agency_copy)
        done = letters.print_reply(
            session,
            args.id,
            lambda letter: render(letter, session.today()),
            out,
            issue=args.issue,
            answer=args.answer,
            drafting_unit=args.unit,
            signer_name=args.signer,
        )
    letter = done.letter
    number = letter.number_text.removeprefix("Số: ")
    if done.state == "reprint":
        message = f"Đã in lại công văn số {number} ra «{out}»."
    elif done.state == "issued":
        ids = ", ".join(str(i) for i in letter.petition_ids)
        message = (
            f"Đã cấp số {number} ngày {dmy(letter.issued_on)} và ghi công văn ra «{out}»;"
            f" kiến nghị {ids}: {vocab.STATUS_LABELS['answered']}."
        )
    else:
        message = f"Đã ghi dự thảo công văn (chưa cấp số) ra «{out}»."
        if done.missing_answer:
            message += " Còn thiếu nội dung trả lời (--answer hoặc ghi trả lời trước)."
    if key is not None:
        message += " Đã ký số" + (
            " (chữ ký số của cơ quan trên bản sao)." if args.agency_copy else "."
        )
    if not letter.signer_name:
        print('Chú ý: công văn chưa có họ tên người ký (thêm --signer "Họ Tên").', file=sys.stderr)
    data = {
        "letter_id": done.letter_id,
        "state": done.state,
        "number": letter.number,
        "symbol": letter.symbol,
        "issued_on": iso_or_none(letter.issued_on),
        "petition_ids": list(letter.petition_ids),
        "format": fmt,
        "signed": key is not None,
        "out": str(out.resolve()),
    }
    emit(args, data, lambda: print(message))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    dest = Path(args.file)
    if dest.suffix.lower() == ".xlsx":
        check_writable(dest)  # before the work: openpyxl hides a missing folder behind lxml
    session = open_session(args)
    f = reports.register_filter(
        session, status=args.status or (), unit=args.unit, year=args.year, overdue=args.overdue
    )
    n = reports.export_register(session, dest, f, search=args.search or "", unmasked=args.unmasked)
    print(f"Đã xuất {n} kiến nghị ra «{args.file}» ({masking_note(args.unmasked)}).")
    return 0


def cmd_register(args: argparse.Namespace) -> int:
    from desktop.core import registers

    out = Path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "xlsx"):
        raise DomainError("Chưa rõ định dạng sổ: tệp --out phải có đuôi .pdf hoặc .xlsx.")
    check_writable(out)
    session = open_session(args)
    render = registers.render_register_pdf if fmt == "pdf" else registers.render_register_xlsx
    rows = registers.register_rows(session, args.kind, args.date_from, args.date_to)
    render(session, args.kind, args.date_from, args.date_to, out, unmasked=args.unmasked)
    title = registers.TITLES[args.kind].capitalize()
    period = registers.period_text(args.date_from, args.date_to).lower()
    note = masking_note(args.unmasked)
    print(f"Đã in {title.lower()} ({len(rows)} dòng, {period}; {note}) ra «{out}».")
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    from desktop.core.letters.numbering import record_outside_letter

    session = open_session(args)
    printed = record_outside_letter(session, args.reference, args.date, args.subject)
    print(
        f"Đã vào sổ văn bản đi số {printed} ngày {dmy(args.date)} (văn bản làm ngoài phần mềm);"
        " số này sẽ không được cấp lại."
    )
    return 0
