"""What a screen shows about who works and what they may do (no Qt; the rules are permissions').

The desktop disables an action the role may not take and gives, as its tooltip, the very
sentence the core would refuse it with; it names the signed-in user and the database in the
status bar. These few pure helpers keep those words in one place.
"""

from __future__ import annotations

from collections.abc import Sequence

from db.store import Store
from desktop.core import permissions
from desktop.core.permissions import OFFICER, PermissionDenied
from desktop.core.session import Session

LOCAL_USER = "Người dùng máy này"


def refusal(
    session: Session,
    action: str,
    *,
    petition_id: int | None = None,
    petition_ids: Sequence[int] = (),
) -> str | None:
    """The core's refusal of `action` for this session (its exact words), or None if allowed.

    Without petitions, an officer's own-unit action counts as allowed: the role may, and the
    petitions are asked about when they are chosen (`petition_id`, `petition_ids`)."""
    ids = [*([] if petition_id is None else [petition_id]), *petition_ids]
    user = session.user
    own_unit = permissions.BY_NAME[action].own_unit
    if user is not None and user.role == OFFICER and own_unit and not ids:
        # The role and the account are still checked: a disabled account is refused here too.
        try:
            permissions.require(session, "view")
        except PermissionDenied as exc:
            return str(exc)
        return None
    try:
        permissions.require(session, action, petition_ids=ids)
    except PermissionDenied as exc:
        return str(exc)
    return None


def who(session: Session) -> str:
    """The status bar's user: "vanthu1 — văn thư", "cv_vt — chuyên viên, Cục Viễn thông"."""
    user = session.user
    if user is None:
        return LOCAL_USER
    unit = f", {user.unit_name}" if user.role == OFFICER and user.unit_name else ""
    return f"{user.name} — {user.role_label}{unit}"


def database_line(store: Store) -> str:
    """Which database: "Máy chủ postgresql://kiennghi@host:5432/kiennghi" or the file's path."""
    if permissions.is_server(store):
        return f"Máy chủ {store.location}"
    return f"Tệp {store.location}"


def opens_on_unit_work(session: Session) -> bool:
    """An officer (chuyên viên) starts on their unit's work; everyone else on the register."""
    return session.user is not None and session.user.role == OFFICER
