"""The correction subcommands: edit-document, edit-petition, withdraw, reinstate."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli_types import document_id, petition_id
from desktop.commands import emit, open_session
from desktop.core import corrections
from desktop.core.corrections import DOCUMENT_LABELS, PETITION_LABELS, Correction

_SHOWN = 70  # characters of an old or new value printed on one line


def _short(value: str | None) -> str:
    if value is None:
        return "(trống)"
    value = value.replace("\n", " ")
    return value if len(value) <= _SHOWN else value[: _SHOWN - 1] + "…"


def _report(args: argparse.Namespace, what: str, done: Correction, labels: dict[str, str]) -> None:
    data: dict[str, Any] = {
        "id": args.id,
        "changes": [{"field": f, "old": old, "new": new} for f, old, new in done.changes],
        "petition_ids": done.petition_ids,
    }

    def human() -> None:
        print(f"{what}." if done.fields == ["deleted_at"] else f"{what}:")
        for name, old, new in done.changes:
            if name != "deleted_at":  # a withdrawal's stamp says nothing the line above does not
                print(f"  {labels.get(name, name)}: {_short(old)} → {_short(new)}")

    emit(args, data, human)


def cmd_edit_document(args: argparse.Namespace) -> int:
    session = open_session(args)
    edit = corrections.DocumentEdit(
        sender=args.sender,
        sender_ref=args.sender_ref,
        sender_date=args.sender_date,
        summary=args.summary,
        reply_by=args.reply_by,
        received_on=args.received_on,
    )
    done = corrections.edit_document(session, args.id, edit, allow_duplicate=args.allow_duplicate)
    _report(args, f"Đã sửa văn bản đến mã {args.id}", done, DOCUMENT_LABELS)
    return 0


def cmd_edit_petition(args: argparse.Namespace) -> int:
    session = open_session(args)
    edit = corrections.PetitionEdit(
        origin=args.origin,
        content=args.content,
        summary=args.summary,
        field=args.field,
        ordinal=args.ordinal,
        raised_by=args.raised_by,
        address=args.address,
        forwarded_by=args.forwarded_by,
    )
    done = corrections.edit_petition(session, args.id, edit)
    _report(args, f"Đã sửa kiến nghị mã {args.id}", done, PETITION_LABELS)
    return 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    session = open_session(args)
    if args.document:
        done = corrections.withdraw_document(session, args.id, args.reason)
        what = f"Đã rút văn bản đến mã {args.id} cùng {len(done.petition_ids)} kiến nghị"
    else:
        done = corrections.withdraw(session, args.id, args.reason)
        what = f"Đã rút kiến nghị mã {args.id} khỏi sổ (khôi phục: kiennghi reinstate {args.id})"
    _report(args, what, done, PETITION_LABELS)
    return 0


def cmd_reinstate(args: argparse.Namespace) -> int:
    session = open_session(args)
    if args.document:
        done = corrections.reinstate_document(session, args.id)
        what = f"Đã khôi phục văn bản đến mã {args.id} cùng {len(done.petition_ids)} kiến nghị"
    else:
        done = corrections.reinstate(session, args.id)
        what = f"Đã khôi phục kiến nghị mã {args.id} vào sổ"
    _report(args, what, done, PETITION_LABELS)
    return 0


def add_parsers(command: Any, parse_date: Any) -> None:
    """The correction subcommands, added to the `kiennghi` parser by desktop/cli.py."""
    c = command("edit-document", cmd_edit_document, "sửa văn bản đến (không sửa số đến)")
    c.add_argument("id", type=document_id, help="mã văn bản đến")
    c.add_argument("--sender", help="cơ quan gửi")
    c.add_argument("--sender-ref", help="số, ký hiệu")
    c.add_argument("--sender-date", type=parse_date, help="ngày văn bản")
    c.add_argument("--summary", help="trích yếu")
    c.add_argument("--reply-by", type=parse_date, help="hạn trả lời")
    c.add_argument("--received-on", type=parse_date, help="ngày đến (trong cùng năm)")
    c.add_argument(
        "--allow-duplicate", action="store_true", help="vẫn sửa khi trùng một văn bản đã vào sổ"
    )
    c.add_argument("--json", action="store_true")
    c = command("edit-petition", cmd_edit_petition, "sửa kiến nghị")
    c.add_argument("id", type=petition_id, help="mã kiến nghị")
    c.add_argument("--origin", help="nơi kiến nghị")
    c.add_argument("--content", help="nội dung")
    c.add_argument("--summary", help="tóm tắt")
    c.add_argument("--field", help='lĩnh vực (mã hoặc tên; "" để bỏ)')
    c.add_argument("--ordinal", help="số thứ tự trong văn bản")
    c.add_argument(
        "--raised-by", choices=("body", "person"),
        help="người kiến nghị: body (cơ quan, địa phương) hoặc person (cá nhân, công dân)",
    )  # fmt: skip
    c.add_argument("--address", help="địa chỉ của người kiến nghị là cá nhân")
    c.add_argument(
        "--forwarded-by", help='cơ quan chuyển đến ("" khi cơ quan gửi văn bản tự gửi đến)'
    )
    c.add_argument("--json", action="store_true")
    c = command("withdraw", cmd_withdraw, "rút kiến nghị (hoặc văn bản đến) khỏi sổ")
    c.add_argument("id", type=petition_id, help="mã kiến nghị (mã văn bản đến với --document)")
    c.add_argument("--reason", required=True, help="lý do rút")
    c.add_argument("--document", action="store_true", help="rút cả văn bản đến và kiến nghị")
    c.add_argument("--json", action="store_true")
    c = command("reinstate", cmd_reinstate, "khôi phục kiến nghị (hoặc văn bản đến) đã rút")
    c.add_argument("id", type=petition_id, help="mã kiến nghị (mã văn bản đến với --document)")
    c.add_argument("--document", action="store_true", help="khôi phục văn bản đến đã rút")
    c.add_argument("--json", action="store_true")
