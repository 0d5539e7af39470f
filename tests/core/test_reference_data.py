"""Reference data (resources/reference): units, localities (63 → 34 provinces), fields, settings."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from db.text import new_style_tones

REFERENCE = Path(__file__).resolve().parents[2] / "resources" / "reference"
FILES = ("units.json", "localities.json", "fields.json", "settings.json")

# Resolution 202/2025/QH15: the 34 provincial-level units from 1 July 2025.
UNCHANGED = {
    "Hà Nội",
    "Huế",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
}
MERGED = {
    "Tuyên Quang": {"Hà Giang"},
    "Lào Cai": {"Yên Bái"},
    "Thái Nguyên": {"Bắc Kạn"},
    "Phú Thọ": {"Vĩnh Phúc", "Hòa Bình"},
    "Bắc Ninh": {"Bắc Giang"},
    "Hưng Yên": {"Thái Bình"},
    "Hải Phòng": {"Hải Dương"},
    "Ninh Bình": {"Hà Nam", "Nam Định"},
    "Quảng Trị": {"Quảng Bình"},
    "Đà Nẵng": {"Quảng Nam"},
    "Quảng Ngãi": {"Kon Tum"},
    "Gia Lai": {"Bình Định"},
    "Khánh Hòa": {"Ninh Thuận"},
    "Lâm Đồng": {"Đắk Nông", "Bình Thuận"},
    "Đắk Lắk": {"Phú Yên"},
    "Hồ Chí Minh": {"Bình Dương", "Bà Rịa - Vũng Tàu"},
    "Đồng Nai": {"Bình Phước"},
    "Tây Ninh": {"Long An"},
    "Cần Thơ": {"Sóc Trăng", "Hậu Giang"},
    "Vĩnh Long": {"Bến Tre", "Trà Vinh"},
    "Đồng Tháp": {"Tiền Giang"},
    "Cà Mau": {"Bạc Liêu"},
    "An Giang": {"Kiên Giang"},
}


def load(name: str) -> Any:
    return json.loads((REFERENCE / name).read_text(encoding="utf-8"))


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def valid_on(rows: list[dict[str, Any]], when: date) -> list[dict[str, Any]]:
    return [
        row
        for row in rows
        if (day(row["valid_from"]) or when) <= when <= (day(row["valid_to"]) or when)
    ]


@pytest.mark.parametrize("name", FILES)
def test_files_are_nfc_and_pretty_printed(name: str) -> None:
    text = (REFERENCE / name).read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    for value in strings(data):
        assert unicodedata.normalize("NFC", value) == value, value
        assert value == value.strip()


def test_locality_counts_before_and_after_the_2025_merger() -> None:
    rows = load("localities.json")
    assert len(valid_on(rows, date(2025, 6, 30))) == 63
    assert len(valid_on(rows, date(2025, 7, 1))) == 34
    assert len(valid_on(rows, date(2019, 1, 1))) == 63
    assert len(valid_on(rows, date(2024, 12, 31))) == 63
    assert len(valid_on(rows, date(2026, 11, 20))) == 34


def test_the_34_are_those_of_resolution_202() -> None:
    rows = load("localities.json")
    after = {row["name"] for row in valid_on(rows, date(2025, 7, 1))}
    assert after == UNCHANGED | set(MERGED)
    cities = {row["name"] for row in valid_on(rows, date(2025, 7, 1)) if row["kind"] == "thành phố"}
    assert cities == {"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}
    absorbed = {row["name"]: row for row in rows if row["valid_to"] == "2025-06-30"}
    assert set(absorbed) == set().union(*MERGED.values())
    for survivor, parts in MERGED.items():
        for part in parts:
            assert absorbed[part]["merged_into"] == survivor


def test_hue_became_a_city_on_1_january_2025() -> None:
    rows = {row["name"]: row for row in load("localities.json")}
    assert rows["Thừa Thiên Huế"]["valid_to"] == "2024-12-31"
    assert rows["Thừa Thiên Huế"]["merged_into"] == "Huế"
    assert rows["Huế"]["valid_from"] == "2025-01-01"
    assert rows["Huế"]["kind"] == "thành phố"


def test_localities_are_well_formed() -> None:
    rows = load("localities.json")
    names = {row["name"] for row in rows}
    assert len(names) == len(rows)
    for row in rows:
        assert set(row) == {"code", "name", "kind", "valid_from", "valid_to", "merged_into"}
        assert row["kind"] in ("tỉnh", "thành phố")
        assert new_style_tones(row["name"]) == row["name"]  # Thanh Hóa, not Thanh Hoá
        assert (day(row["valid_from"]) or date.min) <= (day(row["valid_to"]) or date.max)
        assert row["merged_into"] is None or row["merged_into"] in names
        assert (row["merged_into"] is None) == (row["valid_to"] is None)


@pytest.mark.parametrize("name", ["units.json", "localities.json", "fields.json"])
def test_codes_are_unique(name: str) -> None:
    codes = [row["code"] for row in load(name)]
    assert len(codes) == len(set(codes))
    assert all(code and " " not in code for code in codes)


def test_units() -> None:
    units = load("units.json")
    codes = {unit["code"] for unit in units}
    expected = {
        "VP",
        "BC",
        "CVT",
        "THH",
        "CATTT",
        "CNTT",
        "QLDN",
        "CBC",
        "PTTH&TTĐT",
        "TTĐN",
        "NEAC",
        "HTQT",
        "TĐKT",
        "TCCB",
        "PC",
        "KHTC",
        "KHCN",
        "TTr",
        "XBIPH",
        "CTS",
        "TTCS",
        "CĐSQG",
    }
    assert expected <= codes
    for unit in units:
        assert set(unit) == {"code", "name", "kind", "valid_from", "valid_to"}
        assert unit["name"] and unit["kind"]
        assert (day(unit["valid_from"]) or date.min) <= (day(unit["valid_to"]) or date.max)


def test_every_field_has_an_existing_default_unit() -> None:
    units = {unit["code"] for unit in load("units.json")}
    fields = load("fields.json")
    assert {"Bưu chính", "Viễn thông", "Báo chí", "Chuyển đổi số"} <= {f["name"] for f in fields}
    for field in fields:
        assert set(field) == {"code", "name", "default_unit"}
        assert field["default_unit"] in units, field


def test_settings() -> None:
    settings = load("settings.json")
    assert settings == {
        "agency_name": "BỘ THÔNG TIN VÀ TRUYỀN THÔNG",
        "agency_code": "BTTTT",
        "place": "Hà Nội",
    }  # the rest read as their keys' defaults (desktop/core/vocabulary.py)
