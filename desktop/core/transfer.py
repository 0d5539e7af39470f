"""Moving the register between engines: a SQLite file onto the office server (migrate-to),
the server into an offline SQLite file (copy-to, and a server's backup).

An admin's work once users exist (action `transfer`). The users table is copied with the
rest, so the same accounts and passwords sign in on the target; so are the seals and the
hash chain, which stay valid because ids are kept (db/transfer.py verifies every table).
"""

from __future__ import annotations

from pathlib import Path

from db import open_store
from db.engine import is_postgres_url
from db.transfer import Progress, Report, copy_to_file, copy_to_server
from db.transfer_schema import label
from desktop.core import permissions
from desktop.core.errors import DomainError
from desktop.core.session import Session

__all__ = ["Progress", "Report", "copy_to", "migrate_to", "table_label"]


def table_label(table: str) -> str:
    """A table in the clerk's words (its name when it has none), for the progress lines."""
    return label(table)


def migrate_to(session: Session, target: str, progress: Progress | None = None) -> Report:
    """Copy the session's SQLite database into the empty server database at `target`."""
    permissions.require(session, "transfer")
    if permissions.is_server(session.store):
        raise DomainError(
            "«migrate-to» chép một tệp SQLite lên máy chủ; cơ sở dữ liệu đang mở đã ở trên máy"
            " chủ. Để lấy một bản ra tệp, dùng «copy-to TỆP.db»."
        )
    if not is_postgres_url(target):
        raise DomainError(
            f"«{target}» không phải địa chỉ máy chủ PostgreSQL: cần dạng"
            " postgresql://người_dùng@máy_chủ:cổng/tên_cơ_sở_dữ_liệu."
        )
    if session.store.damage is not None:  # its copy would carry the damage to the server
        raise DomainError(
            f"{session.store.read_only} Hãy khôi phục tệp trước khi chép lên máy chủ."
        )
    server = open_store(target)  # the empty server database, brought to the same version
    try:
        return copy_to_server(session.store, server, progress)
    finally:
        server.close()


def copy_to(session: Session, dest: Path | str, progress: Progress | None = None) -> Report:
    """Copy the session's server database into the new SQLite file `dest` (must not exist)."""
    permissions.require(session, "transfer")
    if not permissions.is_server(session.store):
        raise DomainError(
            "«copy-to» chép cơ sở dữ liệu trên máy chủ ra tệp; đây đã là một tệp SQLite."
            " Để có bản sao của tệp, dùng «backup TỆP.db»."
        )
    if is_postgres_url(dest):
        raise DomainError(
            "«copy-to» ghi ra một tệp SQLite mới (TỆP.db), không ghi sang máy chủ khác."
        )
    return copy_to_file(session.store, Path(dest), progress)
