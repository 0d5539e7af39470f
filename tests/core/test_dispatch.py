import datetime as dt

import pytest

from db import routing
from desktop.core import dispatch, workflow
from desktop.core.dispatch import RoutingPlan
from desktop.core.errors import DomainError
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session
from tests.helpers import content_digest

D = dt.date


def _petitions(session: Session, n: int = 2) -> list[int]:
    r = register_document(
        session,
        DocumentInput(received_on=D(2026, 11, 2), sender="Văn phòng Chính phủ"),
        [PetitionInput(f"Tỉnh {i}", f"Nội dung {i}") for i in range(n)],
    )
    return r.petition_ids


def _roles(session: Session, pid: int) -> list[tuple[str, str]]:
    return [(a.unit_code, a.role) for a in routing.assignments_of(session.store, pid)]


def test_lead_and_supports_for_many_with_progress(session: Session) -> None:
    ids = _petitions(session, 3)
    seen: list[tuple[int, int]] = []
    plan = RoutingPlan(lead="cuc tin hoc hoa", supports=("CATTT", "CVT"), instructions="Gấp")
    changes = dispatch.apply_routing(session, ids, plan, lambda d, t: seen.append((d, t)))
    assert changes == 9 and seen == [(1, 3), (2, 3), (3, 3)]
    for pid in ids:
        assert _roles(session, pid) == [("THH", "lead"), ("CATTT", "support"), ("CVT", "support")]


def test_supports_already_there_are_skipped_and_lead_kept(session: Session) -> None:
    ids = _petitions(session)
    workflow.assign(session, ids[0], "THH")
    workflow.assign(session, ids[0], "CATTT", role="support")
    dispatch.apply_routing(session, ids, RoutingPlan(lead="THH", supports=("CATTT",)))
    assert _roles(session, ids[0]) == [("THH", "lead"), ("CATTT", "support")]
    assert _roles(session, ids[1]) == [("THH", "lead"), ("CATTT", "support")]


def test_support_promoted_to_lead_and_withdrawn(session: Session) -> None:
    [pid] = _petitions(session, 1)
    workflow.assign(session, pid, "THH")
    workflow.assign(session, pid, "CATTT", role="support")
    workflow.assign(session, pid, "CVT", role="support")
    dispatch.apply_routing(session, [pid], RoutingPlan(lead="CATTT", withdraw=("CVT",)))
    assert _roles(session, pid) == [("CATTT", "lead")]


def test_refusals_change_nothing(session: Session) -> None:
    ids = _petitions(session)
    workflow.reply(session, [ids[1]], "answered", "Xong")
    before = content_digest(session.store.target)
    with pytest.raises(DomainError, match="không giao được"):
        dispatch.apply_routing(session, ids, RoutingPlan(lead="THH"))
    with pytest.raises(DomainError, match="chưa có đơn vị chủ trì"):
        dispatch.apply_routing(session, ids[:1], RoutingPlan(supports=("CVT",)))
    with pytest.raises(DomainError, match="Không có đơn vị «Cục Không Có»"):
        dispatch.apply_routing(session, ids[:1], RoutingPlan(lead="Cục Không Có"))
    with pytest.raises(DomainError, match="không chọn thêm làm phối hợp"):
        dispatch.apply_routing(session, ids[:1], RoutingPlan(lead="THH", supports=("THH",)))
    assert content_digest(session.store.target) == before
    workflow.assign(session, ids[0], "THH")
    with pytest.raises(DomainError, match="Không có gì thay đổi"):
        dispatch.apply_routing(session, ids[:1], RoutingPlan(lead="THH"))


def test_mark_part_done_checks_the_day(session: Session) -> None:
    [pid] = _petitions(session, 1)
    workflow.assign(session, pid, "THH")
    with pytest.raises(DomainError, match="ở tương lai"):
        dispatch.mark_part_done(session, pid, "THH", D(2026, 11, 24))
    with pytest.raises(DomainError, match="trước ngày giao"):
        dispatch.mark_part_done(session, pid, "THH", D(2026, 11, 20))
    with pytest.raises(DomainError, match="không được giao"):
        dispatch.mark_part_done(session, pid, "CVT", D(2026, 11, 23))
    dispatch.mark_part_done(session, pid, "THH", D(2026, 11, 23))
    assert routing.assignments_of(session.store, pid)[0].completed_on == D(2026, 11, 23)
    with pytest.raises(DomainError, match="đã hoàn thành ngày 23/11/2026"):
        dispatch.mark_part_done(session, pid, "THH", D(2026, 11, 23))
