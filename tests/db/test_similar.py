"""Similar petitions: quality on a hand-labelled set, answers carried along, near duplicates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from db import open_store
from db import petitions as pet
from db import similar as sim
from db.store import Store
from desktop.core import workflow
from desktop.core.demo_text import generate_documents
from desktop.core.session import Session

LABELLED = Path(__file__).resolve().parents[1] / "data" / "similar_labelled.json"


def _add(store: Store, origin: str, content: str, day: dt.date = dt.date(2026, 3, 2)) -> int:
    return pet.insert_petitions(
        store, [pet.NewPetition(origin=origin, content=content, received_on=day)], actor="t"
    )[0]


def _precision_at_5(store: Store, labels: dict[int, int]) -> float:
    total = 0.0
    for pid, group in labels.items():
        text = str(store.scalar("SELECT content FROM petitions WHERE id = ?", [pid]))
        found = sim.similar(store, text, exclude_id=pid, limit=5)
        total += sum(1 for s in found if labels.get(s.id) == group) / 5
    return total / len(labels)


def _load_labelled(store: Store) -> dict[int, int]:
    data = json.loads(LABELLED.read_text(encoding="utf-8"))
    labels: dict[int, int] = {}
    for group, g in enumerate(data["groups"]):
        for p in g["petitions"]:
            labels[_add(store, p["origin"], p["text"], dt.date(2025, 1, 1))] = group
    return labels


def test_precision_at_5_on_the_labelled_set(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """24 requests × 6 wordings by different senders, close topics on purpose (hard negatives)."""
    store = open_store(db_path)
    labels = _load_labelled(store)
    alone = _precision_at_5(store, labels)
    # The same set among 300 generated petitions on the same subjects (distractors).
    pet.insert_petitions(
        store,
        [
            pet.NewPetition(
                origin=p.origin, content=p.content, summary=p.summary, received_on=doc.received_on
            )
            for doc in generate_documents(300, seed=7, end=dt.date(2024, 12, 31))
            for p in doc.petitions
        ],  # fmt: skip
        actor="t",
    )
    mixed = _precision_at_5(store, labels)
    with capsys.disabled():
        print(f"\nprecision@5: {alone:.3f} labelled set alone, {mixed:.3f} with distractors")
    # Measured 0.69 / 0.53 (tf-idf cosine of words alone: 0.68 on the set alone).
    assert alone >= 0.65
    assert mixed >= 0.48


def test_similar_carries_status_and_answer(session: Session) -> None:
    store = session.store
    asked = _add(
        store,
        "Lâm Đồng",
        "Đề nghị giảm giá dịch vụ chứng thực chữ ký số cá nhân",
        dt.date(2025, 5, 1),
    )
    workflow.reply(session, [asked], "answered", "Bộ đã ban hành khung giá mới tại Thông tư 12.")
    _add(store, "Lâm Đồng", "Đề nghị cấp phép xây dựng trạm BTS trong đô thị")
    new = "Kiến nghị Bộ TTTT giảm giá chứng thực chữ ký số cá nhân cho người dân"
    (best, *_) = sim.similar(store, new)
    assert best.id == asked
    assert best.status == "answered"
    assert best.reply is not None and "khung giá mới" in best.reply.text
    assert 0 < best.score <= 1


def test_similar_to_a_petition_looks_only_at_earlier_ones(store_session: Session) -> None:
    store = store_session.store
    text = "Đề nghị hỗ trợ kinh phí phủ sóng di động vùng lõm"
    earlier = _add(store, "Hà Giang", text, dt.date(2025, 1, 1))
    me = _add(store, "Cao Bằng", text, dt.date(2025, 6, 1))
    _add(store, "Bắc Kạn", text, dt.date(2025, 9, 1))
    assert [s.id for s in sim.similar_to_petition(store, me)] == [earlier]


@pytest.fixture
def store_session(session: Session) -> Session:
    return session


def test_near_duplicate_same_origin_last_12_months(session: Session) -> None:
    store = session.store
    text = "Đề nghị Bộ TTTT hướng dẫn định mức chi phí thuê dịch vụ công nghệ thông tin"
    recent = _add(store, "Hà Tĩnh", text, dt.date(2026, 2, 1))
    _add(store, "Hà Tĩnh", text, dt.date(2025, 9, 1))  # more than 12 months before
    _add(store, "Quảng Bình", text, dt.date(2026, 6, 1))  # another origin
    _add(store, "Hà Tĩnh", "Đề nghị hỗ trợ phủ sóng vùng lõm", dt.date(2026, 6, 1))
    today = dt.date(2026, 11, 23)
    retyped = text.replace("Bộ TTTT", "Bộ Thông tin và Truyền thông") + "."
    found = sim.near_duplicates(store, retyped, "Hà Tĩnh", today)
    assert [s.id for s in found] == [recent]
    assert found[0].score >= sim.NEAR_DUPLICATE
    assert sim.near_duplicates(store, "Đề nghị cấp tên miền .vn miễn phí", "Hà Tĩnh", today) == []


def test_nothing_to_compare(store: Store) -> None:
    assert sim.similar(store, "") == []
    assert sim.similar(store, "zzzz qqqq") == []


@pytest.fixture
def store(session: Session) -> Store:
    return session.store
