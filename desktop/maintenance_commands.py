"""The `kiennghi` maintenance subcommands: backup (to a file, or the list), restore, check."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.core import backups
from desktop.core.errors import DomainError
from desktop.core.stores import (
    describe_server,
    history_head,
    is_server_target,
    open_store,
    restore_file,
)
from desktop.sign_in import authorize

EXIT_ERROR = 1


def _size(n: int) -> str:
    return f"{n / 1_048_576:,.1f} MB" if n >= 1_048_576 else f"{n / 1024:,.0f} KB"


def cmd_backup(args: argparse.Namespace) -> int:
    """`backup DEST` writes a verified copy; `backup [--list] [--json]` lists the rotation."""
    if args.dest is None and is_server_target(args.db):
        raise DomainError(
            "Máy chủ không có thư mục sao lưu tự động: ghi một bản sao ngoại tuyến bằng"
            " «backup TỆP.db» (hoặc dùng pg_dump của máy chủ)."
        )
    if args.dest is None:
        listed = backups.list_backups(Path(args.db))
        if args.json:
            data = [
                {
                    "path": str(b.path),
                    "made_at": b.made_at.isoformat(),
                    "reason": b.reason,
                    "size": b.size,
                    "schema_version": b.user_version,
                }
                for b in listed
            ]
            print(json.dumps(data, ensure_ascii=False, indent=2))
            return 0
        if not listed:
            print(f"Chưa có bản sao lưu tự động nào trong «{backups.rotation_dir(Path(args.db))}».")
            return 0
        print(f"{'Ngày giờ':<17} {'Cỡ':>10}  {'Lược đồ':<7} {'Lý do':<22} Tệp")
        for b in listed:
            print(
                f"{b.made_at:%d/%m/%Y %H:%M} {_size(b.size):>10}  v{b.user_version:<6} "
                f"{backups.reason_label(b.reason):<22} {b.path}"
            )
        return 0
    if args.list:
        raise DomainError("--list không đi cùng tệp đích; dùng «backup --list» hoặc «backup TỆP».")
    authorize(args, "backup")  # admin only on a store with users
    store = open_store(args.db)
    try:
        store.backup_to(Path(args.dest))
    finally:
        store.close()
    print(f"Đã sao lưu vào «{args.dest}» (đã kiểm tra đọc lại).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the database with a backup, after checking it completely."""
    if is_server_target(args.db):  # a server is never overwritten in place
        raise DomainError(
            f"Không khôi phục đè lên máy chủ {describe_server(args.db)}."
            f" Để khôi phục từ «{args.src}»:"
            " tạo một cơ sở dữ liệu trống trên máy chủ, rồi chạy kiennghi --db"
            f" \"{args.src}\" migrate-to postgresql://…/tên_cơ_sở_dữ_liệu_mới và cho các máy"
            " dùng địa chỉ mới."
        )
    authorize(args, "restore")
    aside = restore_file(args.src, args.db)
    print(f"Đã khôi phục «{args.db}» từ «{args.src}».")
    if aside is not None:
        print(f"Bản cũ được giữ lại ở «{aside}».")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Integrity, foreign keys and the search index; `--repair` rebuilds the index."""
    if not is_server_target(args.db) and not Path(args.db).is_file():
        raise DomainError(f"Không có cơ sở dữ liệu «{args.db}».")
    # Checking changes nothing; repairing brings the file to the current version first.
    authorize(args, "check")
    store = open_store(args.db, migrate=args.repair)
    try:
        if store.damage is not None:
            print(store.read_only, file=sys.stderr)
        if args.repair:
            store.repair_search()
            print("Đã dựng lại chỉ mục tìm kiếm và từ vựng.")
        problems = store.check()
        head = history_head(store)  # seals: the chain's length and last hash
    finally:
        store.close()
    if head is not None:  # worth writing down (or printing in a register) to compare later
        count = f"{head[0]:,}".replace(",", ".")
        print(f"Lịch sử: {count} sự kiện trong chuỗi băm, mã cuối chuỗi {head[1]}.")
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        return EXIT_ERROR
    print(
        "Cơ sở dữ liệu toàn vẹn: kiểm tra cấu trúc, khóa ngoại, chỉ mục tìm kiếm và dấu niêm"
        " phong đều tốt."
    )
    return 0
