"""The `kiennghi` subcommand `verify` (chữ ký số of a PDF) and the signing flags of `letter`
(--sign-p12, --sign-pkcs11 with --key-label, --agency-copy)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.commands import emit, open_session
from desktop.core.errors import DomainError
from desktop.core.signatures.sign import P12Key, Pkcs11Key, SigningKey

P12_PASSWORD_ENV = "KIENNGHI_P12_PASSWORD"
PKCS11_PIN_ENV = "KIENNGHI_PKCS11_PIN"


def cmd_verify(args: argparse.Namespace) -> int:
    """`verify FILE.pdf [--json]`: signer, signing time, intact, trusted (Cài đặt's roots)."""
    from desktop.core.signatures import trust, verify

    path = Path(args.file)
    data = verify.read_pdf(path)  # a missing file is said before the database is opened
    session = open_session(args)
    result = verify.verify_pdf(data, trust.root_certificates(session.store))

    def human() -> None:
        for line in verify.describe(result):
            print(f"«{path.name}»: {line}")
        if any(s.later_updates for s in result.signatures):
            print("Tệp có phần ghi thêm sau chữ ký (một chữ ký khác hoặc dữ liệu kiểm tra).")

    emit(args, result.as_json(), human)
    return 0


def _root_json(root: Any) -> dict[str, Any]:
    return {
        "name": root.name,
        "organization": root.organization,
        "not_after": root.not_after.isoformat(),
        "fingerprint": root.fingerprint,
    }


def cmd_trust_add(args: argparse.Namespace) -> int:
    """`trust-root add FILE…`: install root CA certificates (as Cài đặt → Chữ ký số does)."""
    from desktop.core.signatures import trust

    session = open_session(args)
    new = trust.add_roots(session, [Path(f) for f in args.files])
    emit(
        args,
        {"added": [_root_json(r) for r in new]},
        lambda: print(
            "\n".join(f"Đã thêm chứng thư gốc tin cậy: {r.label}." for r in new)
            or "Các chứng thư này đã có trong danh sách tin cậy."
        ),
    )
    return 0


def cmd_trust_list(args: argparse.Namespace) -> int:
    """`trust-root list`: the trusted roots with their SHA-256 fingerprints."""
    from desktop.core.signatures import trust

    roots = trust.trusted_roots(open_session(args).store)

    def human() -> None:
        if not roots:
            print("Chưa cài chứng thư gốc tin cậy nào.")
        for r in roots:
            print(f"{r.fingerprint}  {r.label}")

    emit(args, [_root_json(r) for r in roots], human)
    return 0


def cmd_trust_remove(args: argparse.Namespace) -> int:
    """`trust-root remove FINGERPRINT`: no longer trust one root."""
    from desktop.core.signatures import trust

    trust.remove_root(open_session(args), args.fingerprint.lower())
    print("Đã bỏ chứng thư gốc khỏi danh sách tin cậy.")
    return 0


def add_parsers(command: Callable[..., Any], path: Callable[[str], Callable[[str], str]]) -> None:
    """`verify`, and `trust-root add|list|remove` (the roots signatures are trusted to)."""
    c = command("verify", cmd_verify, "kiểm tra chữ ký số của tệp PDF")
    c.add_argument("file", type=path("tệp PDF cần kiểm tra"))
    c.add_argument("--json", action="store_true")
    c = command("trust-root", None, "chứng thư gốc tin cậy để kiểm tra chữ ký số (quản trị viên)")
    sub = c.add_subparsers(title="việc", metavar="VIỆC", parser_class=type(c), required=True)
    a = sub.add_parser("add", help="cài chứng thư gốc (.cer, .crt, .pem)")
    a.set_defaults(func=cmd_trust_add)
    a.add_argument("files", nargs="+", type=path("tệp chứng thư gốc"))
    a.add_argument("--json", action="store_true")
    a = sub.add_parser("list", help="liệt kê chứng thư gốc tin cậy")
    a.set_defaults(func=cmd_trust_list)
    a.add_argument("--json", action="store_true")
    a = sub.add_parser("remove", help="bỏ một chứng thư gốc (theo dấu SHA-256)")
    a.set_defaults(func=cmd_trust_remove)
    a.add_argument("fingerprint", help="dấu SHA-256 (như trust-root list in ra)")


def add_signing_arguments(c: argparse.ArgumentParser, path: Callable[[str], Any]) -> None:
    """`letter`'s --sign-p12 FILE | --sign-pkcs11 LIB --key-label L, and --agency-copy."""
    how = c.add_mutually_exclusive_group()
    how.add_argument(
        "--sign-p12", type=path("--sign-p12"), metavar="TỆP.p12",
        help=f"ký số bằng tệp chứng thư PKCS#12 (mật khẩu: biến {P12_PASSWORD_ENV} hoặc nhập)",
    )  # fmt: skip
    how.add_argument(
        "--sign-pkcs11", type=path("--sign-pkcs11"), metavar="THƯ_VIỆN",
        help=f"ký số bằng token PKCS#11 (mã PIN: biến {PKCS11_PIN_ENV} hoặc nhập)",
    )  # fmt: skip
    c.add_argument("--key-label", help="nhãn khóa trên token (với --sign-pkcs11)")
    c.add_argument(
        "--agency-copy", action="store_true",
        help="chữ ký số của cơ quan trên bản sao (góc trên bên phải trang đầu)",
    )  # fmt: skip


def _secret(env: str, prompt: str, what: str) -> str:
    given = os.environ.get(env)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise DomainError(f"Cần {what}: đặt biến {env} hoặc chạy lệnh trong cửa sổ dòng lệnh.")
    return getpass.getpass(prompt)


def signing_key(args: argparse.Namespace) -> SigningKey | None:
    """The key the flags name (None: no signing), its password or PIN read; flags checked."""
    p12, library = getattr(args, "sign_p12", None), getattr(args, "sign_pkcs11", None)
    if p12 is None and library is None:
        if args.key_label or args.agency_copy:
            raise DomainError("--key-label và --agency-copy đi cùng --sign-p12 hoặc --sign-pkcs11.")
        return None
    fmt = args.format or Path(args.out).suffix.lower().lstrip(".")
    if fmt != "pdf":
        raise DomainError("Chỉ ký số được công văn PDF: dùng --format pdf (tệp .pdf).")
    if p12 is not None:
        if args.key_label:
            raise DomainError("--key-label chỉ dùng với --sign-pkcs11.")
        if not Path(p12).is_file():
            raise DomainError(f"Không tìm thấy tệp chứng thư số «{p12}».")
        password = _secret(P12_PASSWORD_ENV, "Mật khẩu tệp chứng thư số: ", "mật khẩu chứng thư")
        return P12Key(Path(p12), password)
    if not args.key_label:
        raise DomainError("--sign-pkcs11 cần --key-label (nhãn khóa trên token).")
    pin = _secret(PKCS11_PIN_ENV, "Mã PIN của token: ", "mã PIN của token")
    return Pkcs11Key(Path(library), args.key_label, pin)
