"""The `user` subcommands: add, list, disable, enable, passwd, role (người dùng, admins only)."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands import emit, open_session
from desktop.core import permissions, users
from desktop.core.users import User
from desktop.core.vocabulary import ROLE_LABELS
from desktop.sign_in import read_new_password


def _json(u: User) -> dict[str, Any]:
    return {
        "name": u.name,
        "full_name": u.full_name,
        "role": u.role,
        "role_label": u.role_label,
        "unit": u.unit_code,
        "unit_name": u.unit_name,
        "created_at": u.created_at,
        "created_by": u.created_by,
        "disabled_at": u.disabled_at,
    }


def _line(u: User) -> str:
    state = "đã vô hiệu hóa" if u.disabled_at else "hoạt động"
    unit = f", {u.unit_code}" if u.unit_code else ""
    return f"{u.name:<20} {u.role_label + unit:<24} {state:<15} {u.full_name}"


def cmd_user_add(args: argparse.Namespace) -> int:
    session = open_session(args)
    # Refused before the new password is asked for, not after.
    permissions.require(session, "manage_users")
    password = read_new_password(args.name)
    u = users.add_user(
        session, args.name, args.role, password, unit=args.unit, full_name=args.full_name
    )
    unit = f" của {u.unit_name}" if u.unit_name else ""
    print(f"Đã thêm người dùng «{u.name}» ({u.role_label}{unit}).")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    session = open_session(args)
    found = users.list_users(session)

    def human() -> None:
        if not found:
            print("Chưa có người dùng nào.")
        for u in found:
            print(_line(u))

    emit(args, [_json(u) for u in found], human)
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    session = open_session(args)
    u = users.disable_user(session, args.name)
    print(f"Đã vô hiệu hóa tài khoản «{u.name}»: không đăng nhập được nữa.")
    return 0


def cmd_user_enable(args: argparse.Namespace) -> int:
    session = open_session(args)
    u = users.enable_user(session, args.name)
    print(f"Tài khoản «{u.name}» hoạt động trở lại.")
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    session = open_session(args)
    own = session.user is not None and session.user.name.casefold() == args.name.casefold()
    if not own:
        permissions.require(session, "manage_users")
    users.change_password(session, args.name, read_new_password(args.name))
    print(f"Đã đổi mật khẩu của «{args.name}».")
    return 0


def cmd_user_role(args: argparse.Namespace) -> int:
    session = open_session(args)
    u = users.change_role(session, args.name, args.role, unit=args.unit)
    unit = f" của {u.unit_name}" if u.unit_name else ""
    print(f"Đã đổi vai trò của «{u.name}» thành {u.role_label}{unit}.")
    return 0


def add_parsers(command: Any) -> None:
    """`kiennghi user …`, added to the `kiennghi` parser by desktop/cli.py."""
    c = command("user", None, "quản lý người dùng (quản trị viên)")
    sub = c.add_subparsers(title="việc", metavar="VIỆC", parser_class=type(c), required=True)
    roles = ", ".join(f"{r} ({label})" for r, label in ROLE_LABELS.items())

    def action(name: str, func: Any, text: str) -> Any:
        a = sub.add_parser(name, help=text, description=text)
        a.set_defaults(func=func)
        return a

    a = action("add", cmd_user_add, "thêm người dùng (mật khẩu: KIENNGHI_NEW_PASSWORD hoặc hỏi)")
    a.add_argument("name", help="tên đăng nhập")
    a.add_argument("--role", required=True, choices=list(ROLE_LABELS), help=f"vai trò: {roles}")
    a.add_argument("--unit", help="mã đơn vị (bắt buộc với chuyên viên)")
    a.add_argument("--full-name", default="", help="họ và tên")
    a = action("list", cmd_user_list, "liệt kê người dùng")
    a.add_argument("--json", action="store_true")
    a = action("disable", cmd_user_disable, "vô hiệu hóa tài khoản (không xóa)")
    a.add_argument("name", help="tên đăng nhập")
    a = action("enable", cmd_user_enable, "cho tài khoản đã vô hiệu hóa hoạt động lại")
    a.add_argument("name", help="tên đăng nhập")
    a = action("passwd", cmd_user_passwd, "đổi mật khẩu (của mình, hoặc của người khác: quản trị)")
    a.add_argument("name", help="tên đăng nhập")
    a = action("role", cmd_user_role, "đổi vai trò (và đơn vị của chuyên viên)")
    a.add_argument("name", help="tên đăng nhập")
    a.add_argument("--role", required=True, choices=list(ROLE_LABELS), help=f"vai trò: {roles}")
    a.add_argument("--unit", help="mã đơn vị (bắt buộc với chuyên viên, bỏ với vai trò khác)")
