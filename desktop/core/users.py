"""Người dùng (accounts): create, list, disable, change password or role, sign-in with lock-out.

Passwords are stored as argon2id hashes (desktop/core/passwords.py). Five wrong passwords
in a row lock an account for 15 minutes; the counter is committed even though the sign-in
fails, so a second window or process sees it. The first account of a store must be an
admin, and the last enabled admin can be neither disabled nor given another role: a store
with users always keeps someone who can manage them. Every change of an account, and a
lock-out, is an event of the audit log written in the same transaction as the change (who,
which account, what changed; never a password or its hash). No Qt here: the CLI and the
desktop's sign-in dialog both call these functions.
"""

from __future__ import annotations

import datetime as dt
import getpass
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from db import audit as db_audit
from db import reference as ref
from db import users as db_users
from db.store import Store
from db.text import clean
from db.util import now_iso
from desktop.core import permissions
from desktop.core.dates import format_date
from desktop.core.errors import DomainError
from desktop.core.passwords import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    check_password,
    hash_password,
    needs_rehash,
    verify,
    verify_unknown,
)
from desktop.core.permissions import ADMIN, OFFICER
from desktop.core.vocabulary import ROLE_LABELS, ROLES

if TYPE_CHECKING:
    from desktop.core.session import Session

__all__ = [
    "AccountLocked",
    "SignInFailed",
    "User",
    "add_user",
    "authenticate",
    "change_password",
    "change_role",
    "check_password",
    "create_first_admin",
    "disable_user",
    "enable_user",
    "find_user",
    "has_users",
    "list_users",
    "MAX_PASSWORD_LENGTH",
    "MIN_PASSWORD_LENGTH",
]

# The schema version from which a store has a users table.
USERS_VERSION = db_users.USERS_VERSION
MAX_FAILED_SIGN_INS = 5
LOCK_MINUTES = 15
# Login names are typed on every start: ASCII letters, digits and . _ -, 2 to 32 of them.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{1,31}")
_GENERIC = "Sai tên đăng nhập hoặc mật khẩu. Sau {n} lần sai liên tiếp, tài khoản bị khóa {m} phút."

Clock = Callable[[], dt.datetime]

# The audit log's actions for accounts (labelled in desktop/core/audit.py).
FIRST_ADMIN = "user_first_admin"
USER_ADD = "user_add"
USER_DISABLE = "user_disable"
USER_ENABLE = "user_enable"
USER_PASSWORD = "user_password"
USER_ROLE = "user_role"
USER_LOCKED = "user_locked"
USER_ACTIONS = (FIRST_ADMIN, USER_ADD, USER_DISABLE, USER_ENABLE, USER_PASSWORD, USER_ROLE,
                USER_LOCKED)  # fmt: skip


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


@dataclass(frozen=True)
class User:
    """Người dùng: who signs in, their role and, for a chuyên viên, their unit."""

    id: int
    name: str
    full_name: str
    role: str
    unit_id: int | None
    unit_code: str | None
    unit_name: str | None
    created_at: str
    created_by: str
    disabled_at: str | None

    @property
    def role_label(self) -> str:
        """The role in Vietnamese (văn thư, lãnh đạo, …)."""
        return ROLE_LABELS[self.role]

    def describe(self) -> str:
        """`«cv_vt» (chuyên viên, Cục Viễn thông)`, as messages name a user."""
        unit = f", {self.unit_name}" if self.unit_name else ""
        return f"«{self.name}» ({self.role_label}{unit})"


def _user(row: db_users.UserRow) -> User:
    return User(
        id=row.id,
        name=row.name,
        full_name=row.full_name,
        role=row.role,
        unit_id=row.unit_id,
        unit_code=row.unit_code,
        unit_name=row.unit_name,
        created_at=row.created_at,
        created_by=row.created_by,
        disabled_at=row.disabled_at,
    )


class SignInFailed(DomainError):
    """A wrong name or password, a disabled or a locked account."""


class AccountLocked(SignInFailed):
    """Too many wrong passwords in a row: the account waits until `until`."""

    def __init__(self, name: str, until: dt.datetime) -> None:
        self.until = until
        super().__init__(
            f"Tài khoản «{name}» bị khóa đến {until:%d/%m/%Y %H:%M} vì nhập sai mật khẩu"
            f" {MAX_FAILED_SIGN_INS} lần liên tiếp; hãy thử lại sau thời điểm đó"
            " hoặc nhờ quản trị viên đặt lại mật khẩu."
        )


def has_users(store: Store) -> bool:
    """True once the store has any account (then `init --admin` is refused)."""
    return db_users.has_users(store)


def check_name(name: str) -> str:
    """A login name as it will be stored; a Vietnamese refusal when it cannot be one."""
    name = clean(name)
    if _NAME.fullmatch(name) is None:
        raise DomainError(
            f"Tên đăng nhập «{name}» không hợp lệ: 2 đến 32 ký tự gồm chữ không dấu, chữ số,"
            " dấu chấm, gạch dưới hoặc gạch ngang, bắt đầu bằng chữ hoặc số (ví dụ vanthu1)."
        )
    return name


def _stored(moment: str | None) -> dt.datetime | None:
    return None if moment is None else dt.datetime.fromisoformat(moment)


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.astimezone()


def _locked_until(row: db_users.UserRow, moment: dt.datetime) -> dt.datetime | None:
    until = _stored(row.locked_until)
    return until if until is not None and _aware(until) > moment else None


def authenticate(store: Store, name: str, password: str, *, now: Clock | None = None) -> User:
    """The user `name` signed in with `password`, or SignInFailed / AccountLocked.

    The password is checked outside the write lock (it takes ~0.2 s); the counter is then
    read and updated inside the write and committed before the refusal is raised."""
    moment = _aware((now or _now)())
    row = db_users.find(store, clean(name))
    if row is None:
        verify_unknown(password)
        raise SignInFailed(_GENERIC.format(n=MAX_FAILED_SIGN_INS, m=LOCK_MINUTES))
    until = _locked_until(row, moment)
    if until is not None:
        raise AccountLocked(row.name, until)
    good = verify(row.password_hash, password)
    if getattr(store, "read_only", None) is not None:
        pass  # a damaged or read-only file keeps no counter: reading it still works
    else:
        with store.write() as conn:
            fresh = db_users.get(store, row.id)
            until = None if fresh is None else _locked_until(fresh, moment)
            if until is None and not good:
                stamp = moment + dt.timedelta(minutes=LOCK_MINUTES)
                locked = db_users.record_failure(
                    conn, row.id, limit=MAX_FAILED_SIGN_INS,
                    lock_until=db_users.lock_stamp(stamp),
                )  # fmt: skip
                until = None if locked is None else stamp
                if locked is not None:
                    # The account itself is the actor: nobody else did it, and who typed is unknown.
                    db_audit.record(store, row.name, USER_LOCKED, {
                        "user": row.name, "attempts": MAX_FAILED_SIGN_INS, "until": locked,
                    })  # fmt: skip
            elif until is None and good:
                rehash = needs_rehash(row.password_hash)
                db_users.record_success(conn, row.id, hash_password(password) if rehash else None)
        # Raised after the commit: the failure counted must stay counted.
        if until is not None:
            raise AccountLocked(row.name, until)
    if not good:
        raise SignInFailed(_GENERIC.format(n=MAX_FAILED_SIGN_INS, m=LOCK_MINUTES))
    if row.disabled_at is not None:
        raise SignInFailed(
            f"Tài khoản «{row.name}» đã bị vô hiệu hóa ngày {format_date(row.disabled_at)};"
            " hãy liên hệ quản trị viên."
        )
    return _user(row)


def _os_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


def _role_unit(store: Store, role: str, unit: str | None) -> tuple[int | None, str | None]:
    """The unit (id, code) a role takes: an officer's own, none for the others; else refused."""
    if role not in ROLES:
        labels = ", ".join(f"{r} ({ROLE_LABELS[r]})" for r in ROLES)
        raise DomainError(f"Vai trò «{role}» không có; chọn một trong: {labels}.")
    if role == OFFICER:
        if not unit:
            raise DomainError("Chuyên viên phải thuộc một đơn vị: cho mã đơn vị (--unit VT).")
        found = ref.find_unit(store, unit)
        if found is None:
            raise DomainError(f"Không có đơn vị «{unit}» trong danh mục.")
        return found.id, found.code
    if unit:
        raise DomainError(
            f"Chỉ chuyên viên mới gắn với một đơn vị; vai trò {ROLE_LABELS[role]} thì bỏ --unit."
        )
    return None, None


def _insert(
    store: Store, name: str, role: str, password: str, *, unit: str | None, full_name: str,
    created_by: str, action: str,
) -> User:  # fmt: skip
    name = check_name(name)
    unit_id, unit_code = _role_unit(store, role, unit)
    check_password(password)
    password_hash = hash_password(password)  # before the lock: it takes ~0.2 s
    with store.write() as conn:
        if db_users.find(store, name) is not None:
            raise DomainError(
                f"Đã có người dùng «{name}» (tên đăng nhập không phân biệt chữ hoa, chữ thường)."
            )
        if role != ADMIN and not db_users.has_users(store):
            raise DomainError(
                "Người dùng đầu tiên phải là quản trị viên (tạo bằng «init --admin TÊN»)."
            )
        user_id = db_users.insert(
            conn, name=name, full_name=clean(full_name), role=role, unit_id=unit_id,
            password_hash=password_hash, created_at=now_iso(), created_by=created_by,
        )  # fmt: skip
        # Nobody signed in makes the first admin: then the system login is who did it.
        db_audit.record(store, created_by or _os_login(), action, {
            "user": name, "role": role, "unit": unit_code, "full_name": clean(full_name),
        })  # fmt: skip
    row = db_users.get(store, user_id)
    assert row is not None
    return _user(row)


def create_first_admin(
    store: Store, name: str, password: str, *, full_name: str = "", created_by: str = ""
) -> User:
    """Quản trị viên đầu tiên: refused once the store has any user."""
    if db_users.has_users(store):
        raise DomainError(
            "Cơ sở dữ liệu đã có người dùng: quản trị viên thêm người dùng bằng lệnh «user add»."
        )
    return _insert(
        store, name, ADMIN, password, unit=None, full_name=full_name, created_by=created_by,
        action=FIRST_ADMIN,
    )  # fmt: skip


def add_user(
    session: Session,
    name: str,
    role: str,
    password: str,
    *,
    unit: str | None = None,
    full_name: str = "",
) -> User:
    """Add an account (admin only; `unit` is required for an officer and refused otherwise)."""
    permissions.require(session, "manage_users")
    return _insert(
        session.store, name, role, password, unit=unit, full_name=full_name,
        created_by=session.actor, action=USER_ADD,
    )  # fmt: skip


def list_users(session: Session) -> list[User]:
    """Every account, by login name (admin only)."""
    permissions.require(session, "manage_users")
    return [_user(r) for r in db_users.all_users(session.store)]


def find_user(store: Store, name: str) -> User | None:
    """The account `name` (any case) without signing in, or None: what a screen shows."""
    row = db_users.find(store, clean(name))
    return None if row is None else _user(row)


def _account(store: Store, name: str) -> db_users.UserRow:
    row = db_users.find(store, clean(name))
    if row is None:
        raise DomainError(f"Không có người dùng «{clean(name)}».")
    return row


def disable_user(session: Session, name: str) -> User:
    """Vô hiệu hóa: the account can no longer sign in (kept, and can be enabled again)."""
    permissions.require(session, "manage_users")
    with session.store.write() as conn:
        row = _account(session.store, name)
        if row.disabled_at is not None:
            raise DomainError(f"Tài khoản «{row.name}» đã bị vô hiệu hóa từ trước.")
        if row.role == ADMIN and db_users.enabled_admins(session.store) <= 1:
            raise DomainError(
                f"«{row.name}» là quản trị viên cuối cùng còn hoạt động: không vô hiệu hóa được"
                " (thêm một quản trị viên khác trước)."
            )
        db_users.set_disabled(conn, row.id, now_iso())
        db_audit.record(session.store, session.actor, USER_DISABLE, {"user": row.name})
    return _user(_account(session.store, name))


def enable_user(session: Session, name: str) -> User:
    """Cho hoạt động lại an account that was disabled."""
    permissions.require(session, "manage_users")
    with session.store.write() as conn:
        row = _account(session.store, name)
        if row.disabled_at is None:
            raise DomainError(f"Tài khoản «{row.name}» đang hoạt động.")
        db_users.set_disabled(conn, row.id, None)
        db_audit.record(session.store, session.actor, USER_ENABLE, {"user": row.name})
    return _user(_account(session.store, name))


def change_password(session: Session, name: str, new_password: str) -> None:
    """Đổi mật khẩu: an admin for anyone, any user for themself; it also lifts a lock-out."""
    row = _account(session.store, name)
    own = session.user is not None and session.user.id == row.id
    # One's own password while the account is still enabled; anyone's as an admin.
    permissions.require(session, "view" if own else "manage_users")
    check_password(new_password)
    password_hash = hash_password(new_password)
    with session.store.write() as conn:
        db_users.set_password(conn, row.id, password_hash)
        # Whether it lifted a lock-out is worth knowing; the password itself never is.
        unlocked = _locked_until(row, _now()) is not None
        db_audit.record(session.store, session.actor, USER_PASSWORD,
                        {"user": row.name, "own": own, "unlocked": unlocked})  # fmt: skip


def change_role(session: Session, name: str, role: str, *, unit: str | None = None) -> User:
    """Đổi vai trò (admin only): another role, and unit for an officer; the last admin stays."""
    permissions.require(session, "manage_users")
    store = session.store
    unit_id, unit_code = _role_unit(store, role, unit)
    with store.write() as conn:
        row = _account(store, name)  # read inside the write: two admins at once see each other
        if row.role == role and row.unit_id == unit_id:
            where = f" của {row.unit_name}" if row.unit_name else ""
            raise DomainError(
                f"«{row.name}» đã có vai trò {ROLE_LABELS[role]}{where}: không có gì để đổi."
            )
        if (row.role == ADMIN and role != ADMIN and row.disabled_at is None
                and db_users.enabled_admins(store) <= 1):  # fmt: skip
            raise DomainError(
                f"«{row.name}» là quản trị viên cuối cùng còn hoạt động: không đổi sang vai trò"
                f" {ROLE_LABELS[role]} được (thêm hoặc cho hoạt động một quản trị viên khác trước)."
            )
        db_users.set_role(conn, row.id, role, unit_id)
        db_audit.record(store, session.actor, USER_ROLE, {
            "user": row.name, "old_role": row.role, "old_unit": row.unit_code,
            "role": role, "unit": unit_code,
        })  # fmt: skip
    return _user(_account(store, name))
