"""Vai trò (roles) and what each may do, enforced here for every front end.

The four roles of an office: `admin` (quản trị: users, catalogs, settings, the file itself),
`clerk` (văn thư: registers, routes, replies, numbers), `leader` (lãnh đạo: reads all,
approves and signs letters, reports) and `officer` (chuyên viên of one unit: reads all,
changes only what is assigned to that unit). `ACTIONS` is the one table of who may do what;
the core calls `require` at the top of each entry point that changes data, and a screen asks
`allowed` only to disable what would be refused anyway.

A session without a signed-in user is the single local user of a SQLite file without users:
all rights, as before users existed. As soon as the file has users, or always on a server,
such a session is refused (`SignInRequired`), unless it is the program's own
(`Session(..., system=True)`: tests, benchmarks, copying between engines).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from db import reference as ref
from db import users as db_users
from desktop.core.errors import DomainError
from desktop.core.vocabulary import ROLE_LABELS, ROLES

if TYPE_CHECKING:
    from db.store import Store
    from desktop.core.session import Session


@dataclass(frozen=True)
class Action:
    """One thing a user may be allowed to do: its name, its words, the roles that may."""

    name: str
    label: str  # what is refused, after "không được": "giao kiến nghị cho đơn vị"
    roles: tuple[str, ...]
    # The officer may, but only on petitions their unit has an active assignment for.
    own_unit: bool = False


ADMIN, CLERK, LEADER, OFFICER = ROLES
ALL_ROLES = (ADMIN, CLERK, LEADER, OFFICER)

ACTIONS: tuple[Action, ...] = (
    Action("view", "xem sổ kiến nghị", ALL_ROLES),
    Action("manage_users", "quản lý người dùng", (ADMIN,)),
    Action("edit_catalogs", "sửa danh mục", (ADMIN,)),
    Action("edit_settings", "sửa cài đặt", (ADMIN,)),
    Action("backup", "sao lưu cơ sở dữ liệu", (ADMIN,)),
    Action("restore", "khôi phục cơ sở dữ liệu từ bản sao lưu", (ADMIN,)),
    Action("check", "kiểm tra, sửa chữa cơ sở dữ liệu", (ADMIN,)),
    Action("transfer", "chép cơ sở dữ liệu lên máy chủ hoặc ra tệp", (ADMIN,)),
    Action("demo", "tạo dữ liệu mẫu", (ADMIN,)),
    Action("register", "vào sổ văn bản đến và kiến nghị", (CLERK,)),
    Action("import", "nhập kiến nghị từ tệp", (CLERK,)),
    Action("correct", "sửa, rút hoặc khôi phục kiến nghị và văn bản đến", (CLERK,)),
    Action("assign", "giao kiến nghị cho đơn vị", (CLERK,)),
    Action("complete_part", "ghi phần việc của đơn vị đã hoàn thành", (CLERK, OFFICER), True),
    Action("reply", "ghi trả lời kiến nghị", (CLERK, LEADER)),
    Action("report_progress", "ghi báo cáo tiến độ nhiệm vụ của đơn vị", (CLERK, OFFICER), True),
    Action("close", "kết thúc kiến nghị", (CLERK, LEADER)),
    Action("draft_letter", "soạn dự thảo công văn", (CLERK, LEADER, OFFICER), True),
    Action("issue_letter", "cấp số và ban hành công văn", (CLERK, LEADER)),
    Action("record_number", "vào sổ số văn bản làm ngoài phần mềm", (CLERK,)),
    # The admin exports too: only an admin or a leader may export phone and ID numbers whole.
    Action("print_registers", "in sổ văn bản đến, văn bản đi, sổ theo dõi", (ADMIN, CLERK, LEADER)),
    Action("reports", "xem thống kê và xuất sổ theo dõi kiến nghị", (ADMIN, CLERK, LEADER)),
    Action("audit", "xem nhật ký xuất, in dữ liệu và thay đổi tài khoản", (ADMIN, LEADER)),
    Action("export_unmasked", "xuất dữ liệu không che thông tin cá nhân", (ADMIN, LEADER)),
)
BY_NAME = {a.name: a for a in ACTIONS}


class PermissionDenied(DomainError):
    """The signed-in user's role may not do this; the message names the role(s) needed."""


class SignInRequired(PermissionDenied):
    """Nobody is signed in on a store that has users (or is a server)."""


def is_server(store: Store) -> bool:
    """True on the office server (PostgreSQL); a store without `dialect` is a SQLite file."""
    return getattr(store, "dialect", "sqlite") == "postgresql"


def sign_in_required(store: Store) -> bool:
    """A server always needs sign-in; a file once it has users."""
    return is_server(store) or db_users.has_users(store)


def no_user_message(store: Store) -> str:
    """Why a session without a user is refused here, and what to do."""
    if not db_users.has_users(store):
        return (
            "Máy chủ cơ sở dữ liệu chưa có người dùng nào: hãy tạo quản trị viên đầu tiên"
            " bằng lệnh «kiennghi --db <địa chỉ máy chủ> init --admin TÊN»."
        )
    return "Cơ sở dữ liệu này có người dùng: cần đăng nhập (tên đăng nhập và mật khẩu)."


def roles_text(action: Action) -> str:
    """The role(s) an action needs, in words: "văn thư hoặc lãnh đạo"."""
    names = [
        "chuyên viên của đơn vị được giao" if r == OFFICER else ROLE_LABELS[r] for r in action.roles
    ]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " hoặc " + names[-1]


def _action(name: str) -> Action:
    try:
        return BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown action {name!r}") from None  # a programming error


def _refusal(session: Session, action: Action) -> PermissionDenied | None:
    """Why the session's user may not take `action` at all (before any petition), or None."""
    user = session.user
    if user is None:
        if not session.system and sign_in_required(session.store):
            return SignInRequired(f"Chưa đăng nhập, không {action.label} được. "
                                  + no_user_message(session.store))  # fmt: skip
        return None
    # Read again: an account disabled, or a role changed, since sign-in counts at once.
    row = db_users.get(session.store, user.id)
    if row is None or row.disabled_at is not None:
        return PermissionDenied(
            f"Tài khoản «{user.name}» đã bị vô hiệu hóa: không {action.label} được nữa."
        )
    if row.role not in action.roles:
        return PermissionDenied(
            f"Người dùng {user.describe()} không được {action.label}:"
            f" việc này cần vai trò {roles_text(action)}."
        )
    return None


def allowed(
    session: Session,
    action: str,
    *,
    petition_id: int | None = None,
    petition_ids: Sequence[int] = (),
    unit: str | None = None,
) -> bool:
    """True when `require` with the same arguments would pass (a screen enables on this)."""
    try:
        require(session, action, petition_id=petition_id, petition_ids=petition_ids, unit=unit)
    except PermissionDenied:
        return False
    return True


def require(
    session: Session,
    action: str,
    *,
    petition_id: int | None = None,
    petition_ids: Sequence[int] = (),
    unit: str | None = None,
) -> None:
    """Raise PermissionDenied unless the session's user may take `action`.

    For an officer's own-unit actions, the petitions (`petition_id` and/or `petition_ids`)
    must each have an active assignment to the officer's unit, and `unit` (the unit whose
    part is reported, a code or name) must be that unit; without petitions the action is
    refused to an officer."""
    act = _action(action)
    problem = _refusal(session, act)
    if problem is not None:
        raise problem
    user = session.user
    if user is None or user.role != OFFICER or not act.own_unit:
        return
    ids = [*([] if petition_id is None else [petition_id]), *petition_ids]
    assert user.unit_id is not None  # the schema requires an officer's unit
    own = user.unit_name or user.unit_code or ""
    if not ids:
        raise PermissionDenied(
            f"Người dùng {user.describe()} chỉ được {act.label} cho kiến nghị giao {own}."
        )
    others = db_users.not_assigned_to(session.store, user.unit_id, ids)
    if others:
        which = ", ".join(str(i) for i in others)
        raise PermissionDenied(
            f"Người dùng {user.describe()} không được {act.label} cho kiến nghị {which}:"
            f" kiến nghị này không được giao cho {own}."
        )
    if unit is not None:
        found = ref.find_unit(session.store, unit)
        if found is not None and found.id != user.unit_id:
            raise PermissionDenied(
                f"Người dùng {user.describe()} không được {act.label} thay cho «{found.name}»:"
                f" chuyên viên chỉ làm phần việc của đơn vị mình ({own})."
            )
