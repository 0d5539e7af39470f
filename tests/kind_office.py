"""One unit's petitions and tasks on Monday 23/11/2026, for the tests of counts by kind.

Cục Tin học hóa (THH) leads five petitions and six tasks, all registered on 01/10/2026: overdue
(due 10/11), due soon (26/11), in time (31/12), done on time (due 20/11, done 15/11) and done
late (due 10/11, done 20/11); the tasks have a second overdue one (due 16/11). A petition is
done by a reply, a task by its lead's progress report marked done.
"""

from __future__ import annotations

import datetime as dt

from desktop.core import tasks, workflow
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.conftest import Clock

D = dt.date
RECEIVED = D(2026, 10, 1)
TODAY = D(2026, 11, 23)
DUES = {
    "overdue": D(2026, 11, 10),
    "soon": D(2026, 11, 26),
    "in_time": D(2026, 12, 31),
    "on_time": D(2026, 11, 20),
    "late": D(2026, 11, 10),
}
WRITTEN = "trước ngày 10/11/2026"  # how the notice wrote the overdue task's deadline


def petitions(session: Session, dues: dict[str, D], unit: str = "THH") -> dict[str, int]:
    """Petitions `p_<name>` registered on RECEIVED, each led by `unit` with its due date."""
    r = register_document(
        session,
        DocumentInput(received_on=RECEIVED, sender="Văn phòng Chính phủ"),
        [PetitionInput(f"Tỉnh {name}", f"Kiến nghị {name}") for name in dues],
    )
    for pid, due in zip(r.petition_ids, dues.values(), strict=True):
        workflow.assign(session, pid, unit, due_on=due)
    return dict(zip((f"p_{n}" for n in dues), r.petition_ids, strict=True))


def add_tasks(session: Session, dues: dict[str, D], unit: str = "THH") -> dict[str, int]:
    """Tasks `t_<name>` registered by hand on RECEIVED, each led by `unit`, due as given."""
    ids = tasks.add_tasks(
        session,
        [
            tasks.TaskInput(f"Nhiệm vụ {name}", unit=unit, due_on=due,
                            due_text=WRITTEN if name == "overdue" else "")
            for name, due in dues.items()
        ],
        origin="Văn phòng Chính phủ",
        received_on=RECEIVED,
    )  # fmt: skip
    return dict(zip((f"t_{n}" for n in dues), ids, strict=True))


def build(session: Session, clock: Clock) -> dict[str, int]:
    """Register the unit's work (see the module), moving `clock` along; leaves it on TODAY."""
    clock.today = RECEIVED
    ids = petitions(session, DUES)
    ids |= add_tasks(session, {**DUES, "overdue2": D(2026, 11, 16)})
    clock.today = D(2026, 11, 15)
    workflow.reply(session, [ids["p_on_time"]], "answered", "Đã trả lời")
    tasks.report_progress(session, ids["t_on_time"], "Đã hoàn thành.", done=True)
    clock.today = D(2026, 11, 20)
    workflow.reply(session, [ids["p_late"]], "answered", "Đã trả lời")
    tasks.report_progress(session, ids["t_late"], "Đã xong, chậm.", done=True)
    clock.today = TODAY
    return ids
