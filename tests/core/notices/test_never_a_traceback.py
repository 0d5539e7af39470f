"""Whatever text a notice holds, reading it gives tasks or a Vietnamese refusal, never a crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import DomainError
from desktop.core.notices import CatalogueUnit, UnitCatalogue, parse_notice, read_deadline

CATALOGUE = UnitCatalogue(
    [
        CatalogueUnit("CVT", "Cục Viễn thông", ("Cục VT",)),
        ("THH", "Cục Tin học hóa", ["Cục THH"]),
        ("VP", "Văn phòng Bộ", []),
    ]
)
# Pieces notices are made of, so the search reaches the parser's branches, not only noise.
PIECES = st.sampled_from(
    [
        "I. ",
        "1. ",
        "- ",
        "+ ",
        "a) ",
        "Cục Viễn thông",
        "Cục THH",
        "Bộ TTTT (Cục VT)",
        "Sở TTTT",
        ":",
        ", ",
        " và ",
        "phối hợp với ",
        "các đơn vị liên quan",
        "Thời hạn: ",
        "tháng 13/2020",
        "31/2/2020",
        "quý I và đầu quý II năm 2024",
        "tuần 54/2020",
        "trước ",
        "(",
        ")",
        ".",
        "./.",
        "Nơi nhận:",
        "[bookmark: x]",
        "**",
        "Hà Nội, ngày 31 tháng 2 năm 2020",
        "Số: 1/TB-BTTTT",
        "THÔNG BÁO",
    ]
)
PARAGRAPH = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=8).map("".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PARAGRAPH, max_size=12))
def test_parse_notice_gives_tasks_or_a_domain_error(paragraphs: list[str]) -> None:
    try:
        notice = parse_notice(paragraphs, CATALOGUE)
    except DomainError as exc:
        assert str(exc).startswith("Không tìm thấy nhiệm vụ nào")
        return
    assert notice.tasks
    for task in notice.tasks:
        assert task.due_on is None or task.due_problem is None


@settings(max_examples=300)
@given(st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=6).map("".join))
def test_read_deadline_never_raises(text: str) -> None:
    deadline = read_deadline(text)
    assert deadline.due_on is None or deadline.problem is None
