"""The demo text generator: deterministic, exact counts, valid origins, realistic vocabulary."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import date

import pytest

from db.text import fold
from desktop.core.demo_text import (
    REFERENCE_DIR,
    DemoDocument,
    generate_documents,
    load_reference,
)

START, END = date(2019, 1, 1), date(2026, 11, 20)
MERGER = date(2025, 7, 1)


@pytest.fixture(scope="module")
def docs() -> list[DemoDocument]:
    return list(generate_documents(20_000, seed=7))


def texts(doc: DemoDocument) -> Iterator[str]:
    yield from (doc.sender, doc.sender_ref, doc.summary)
    for petition in doc.petitions:
        yield from (petition.origin, petition.field_code, petition.content, petition.summary)


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def localities() -> list[tuple[str, date | None, date | None]]:
    rows = json.loads((REFERENCE_DIR / "localities.json").read_text(encoding="utf-8"))
    return [(row["name"], day(row["valid_from"]), day(row["valid_to"])) for row in rows]


def covered(text: str, start: int, end: int, names: list[str]) -> bool:
    """Whether text[start:end] lies inside an occurrence of one of the longer ``names``."""
    return any(
        text[at : at + len(name)] == name
        for name in names
        if len(name) > end - start
        for at in range(max(0, end - len(name)), start + 1)
    )


def test_deterministic_for_a_seed() -> None:
    assert list(generate_documents(300, seed=3)) == list(generate_documents(300, seed=3))
    assert list(generate_documents(300, seed=3)) != list(generate_documents(300, seed=4))


@pytest.mark.parametrize("count", [0, 1, 2, 11, 12, 13, 1000])
def test_exact_number_of_petitions(count: int) -> None:
    documents = list(generate_documents(count, seed=count))
    assert sum(len(doc.petitions) for doc in documents) == count
    assert all(1 <= len(doc.petitions) <= 12 for doc in documents)


def test_petitions_per_document_skewed_small(docs: list[DemoDocument]) -> None:
    sizes = Counter(len(doc.petitions) for doc in docs)
    assert sizes[1] > sizes[2] > sizes[4] > sizes[8] > 0
    assert sizes[12] > 0


def test_dates_within_range_and_sorted(docs: list[DemoDocument]) -> None:
    received = [doc.received_on for doc in docs]
    assert received == sorted(received)
    assert received[0] >= START and received[-1] <= END
    assert received[0].year == 2019 and received[-1].year == 2026  # spread over the whole range
    for doc in docs:
        assert 1 <= (doc.received_on - doc.sender_date).days <= 10
        assert doc.received_on.weekday() < 5
        assert doc.reply_by is None or doc.reply_by > doc.received_on
    assert 0.2 < sum(doc.reply_by is None for doc in docs) / len(docs) < 0.8


def test_custom_range() -> None:
    start, end = date(2025, 6, 28), date(2025, 7, 3)
    documents = list(generate_documents(200, seed=1, start=start, end=end))
    assert all(start <= doc.received_on <= end for doc in documents)
    with pytest.raises(ValueError):
        list(generate_documents(5, start=end, end=start))


def test_origins_exist_on_the_received_date(docs: list[DemoDocument]) -> None:
    places = localities()
    patterns: dict[tuple[str, ...], re.Pattern[str]] = {}
    seen_before = seen_after = 0
    for doc in docs:
        when = doc.received_on
        valid = [name for name, start, end in places if (start or when) <= when <= (end or when)]
        gone = tuple(name for name, _, _ in places if name not in valid)
        if gone not in patterns:
            patterns[gone] = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, gone)) + r")(?!\w)")
        for text in texts(doc):
            for hit in patterns[gone].finditer(text):
                # "Huế" inside "Thừa Thiên Huế" (valid before 2025) is not a hit.
                assert covered(text, hit.start(), hit.end(), valid), (when, hit.group(), text)
        for petition in doc.petitions:
            if petition.origin == "Thái Bình" or petition.origin.endswith("tỉnh Thái Bình"):
                assert when < MERGER
                seen_before += 1
            if petition.origin in ("Huế", "Cử tri thành phố Huế"):
                assert when >= date(2025, 1, 1)
                seen_after += 1
    assert seen_before and seen_after  # the check above really ran on both sides


def test_origin_and_sender_kinds(docs: list[DemoDocument]) -> None:
    origins = [petition.origin for doc in docs for petition in doc.petitions]
    names = {name for name, _, _ in localities()}
    assert sum(origin in names for origin in origins) > len(origins) * 0.2
    for prefix in ("Cử tri tỉnh ", "Cử tri thành phố ", "Ông ", "Bà ", "Tập đoàn "):
        assert any(origin.startswith(prefix) for origin in origins), prefix
    assert any(" - Bộ " in origin for origin in origins)  # a ministry's IT centre
    assert any("Viettel" in origin for origin in origins)
    senders = {doc.sender for doc in docs}
    for sender in ("Văn phòng Chính phủ", "Ban Dân nguyện - Ủy ban Thường vụ Quốc hội"):
        assert sender in senders
    for prefix in (
        "UBND tỉnh ",
        "Sở Thông tin và Truyền thông ",
        "Đoàn đại biểu Quốc hội ",
        "Hiệp hội ",
    ):
        assert any(sender.startswith(prefix) for sender in senders), prefix
    refs = [doc.sender_ref for doc in docs]
    assert all(re.fullmatch(r"\d+/[\w.&-]+", ref) for ref in refs)
    assert any(ref.endswith("/VPCP-QHĐP") for ref in refs)
    assert any(re.search(r"/UBND-", ref) for ref in refs)


def test_fields_and_summaries(docs: list[DemoDocument]) -> None:
    codes = {field["code"] for field in load_reference()["fields"]}
    used = Counter(petition.field_code for doc in docs for petition in doc.petitions)
    assert set(used) <= codes
    assert len(used) >= 15
    for doc in docs:
        assert doc.summary.startswith("V/v ")
        for petition in doc.petitions:
            assert 0 < len(petition.summary) <= 120
            assert "{" not in petition.content and "}" not in petition.content


def test_content_shape(docs: list[DemoDocument]) -> None:
    contents = [petition.content for doc in docs for petition in doc.petitions]
    with_points = [content for content in contents if "\n+ " in content]
    assert 0.05 < len(with_points) / len(contents) < 0.4
    for content in contents:
        lines = content.split("\n")
        assert all(line.startswith("+ ") for line in lines[1:])
        sentences = len(re.findall(r"\.(?:\s|$)", content))
        assert 1 <= sentences <= 6, content
    assert any(content.startswith("Đề nghị Bộ TTTT") for content in contents)
    assert any("Kiến nghị Chính phủ chỉ đạo Bộ Thông tin và Truyền thông" in c for c in contents)


def test_document_symbols_are_varied(docs: list[DemoDocument]) -> None:
    text = "\n".join(petition.content for doc in docs for petition in doc.petitions)
    assert "Nghị định số 61/2018/NĐ-CP" in text
    for pattern in (r"\d+/\d{4}/NĐ-CP", r"\d+/QĐ-TTg", r"\d+/\d{4}/TT-BTTTT", r"\d+/BTTTT-\S+"):
        assert len(set(re.findall(pattern, text))) > 100, pattern


def test_all_text_is_nfc_without_control_characters(docs: list[DemoDocument]) -> None:
    for doc in docs:
        for text in texts(doc):
            assert text and unicodedata.normalize("NFC", text) == text
            assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f]", text)
            assert text == text.strip() and "  " not in text
            assert "{" not in text and "}" not in text  # every template slot was filled


def test_vocabulary_is_rich_and_zipf_like(docs: list[DemoDocument]) -> None:
    words = Counter(
        word
        for doc in docs
        for petition in doc.petitions
        for word in re.findall(r"\w+", fold(petition.content))
    )
    total = sum(words.values())
    counts = [count for _, count in words.most_common()]
    assert len(words) > 2000
    assert sum(not word.isdigit() for word in words) > 450
    # Zipf: the commonest word is a few per cent of the text, frequency ~ 1/rank in the head…
    assert 0.01 < counts[0] / total < 0.12
    xs = [math.log(rank) for rank in range(1, 301)]
    ys = [math.log(count) for count in counts[:300]]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    assert -1.6 < slope < -0.7
    # …and a long tail: many words are seen once or twice.
    assert sum(count <= 2 for count in counts) > len(counts) * 0.3


def test_phrases_are_varied(docs: list[DemoDocument]) -> None:
    summaries = {petition.summary for doc in docs for petition in doc.petitions}
    assert len(summaries) > 2000
    contents = {petition.content for doc in docs for petition in doc.petitions}
    assert len(contents) > 0.9 * sum(len(doc.petitions) for doc in docs)
