"""Disable what the signed-in user's role may not do, with the core's refusal as the tooltip.

A screen only hides what the core would refuse anyway (desktop.core.permissions); the words
come from desktop.core.access.refusal, so the tooltip and the refusal never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core import access
from desktop.core.session import Session
from desktop.ui.qt import QAction, QWidget


def gate(
    target: QAction | QWidget,
    session: Session,
    action: str,
    *,
    petition_ids: Sequence[int] = (),
    hint: str = "",
) -> bool:
    """Enable `target` when the core allows `action`, else disable it and say why; the result.

    `hint` is the tooltip kept when allowed (a button's own explanation)."""
    return show(target, access.refusal(session, action, petition_ids=petition_ids), hint)


def show(target: QAction | QWidget, why: str | None, hint: str = "") -> bool:
    """Enable `target`, or disable it with the refusal `why` (read off the UI thread, say)."""
    target.setEnabled(why is None)
    target.setToolTip(hint if why is None else why)
    if isinstance(target, QAction):
        target.setStatusTip("" if why is None else why)  # menus show it in the status bar
    return why is None


def restrict(
    targets: Sequence[QAction | QWidget], session: Session, action: str
) -> bool:
    """Disable `targets` with the reason when the core refuses `action`; else leave them be.

    For entries whose enabling also follows other state (a selection, a letter's status)."""
    why = access.refusal(session, action)
    if why is None:
        return True
    for target in targets:
        target.setEnabled(False)
        target.setToolTip(why)
    return False
