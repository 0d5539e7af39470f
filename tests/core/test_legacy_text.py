"""TCVN3 and VNI tables against every Vietnamese letter; detection; fonts; the preview's line."""

from __future__ import annotations

import unicodedata

import pytest

from desktop.core import legacy_text as lt

pytestmark = pytest.mark.engine_free

# Every Vietnamese letter outside ASCII, written out (not derived as the module derives them):
# 12 vowels x 6 forms, less the 6 plain ASCII vowels, is 66 per case; with đ/Đ 134 in all.
_LOWER = "àáảãạ ăằắẳẵặ âầấẩẫậ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ đ"
_UPPER = "ÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ ÈÉẺẼẸ ÊỀẾỂỄỆ ÌÍỈĨỊ ÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ ÙÚỦŨỤ ƯỪỨỬỮỰ ỲÝỶỸỴ Đ"
LOWER, UPPER = _LOWER.replace(" ", ""), _UPPER.replace(" ", "")
TCVN3_CAPITALS = "ĂÂÊÔƠƯĐ"  # the capitals the ordinary .VnTime fonts have


def test_the_letter_lists_are_the_134_forms() -> None:
    assert len(LOWER) == len(UPPER) == 67 and len(set(LOWER + UPPER)) == 134
    assert LOWER.upper() == UPPER and all(unicodedata.is_normalized("NFC", c) for c in LOWER)


def test_tcvn3_has_one_distinct_byte_per_letter_and_round_trips_all_134() -> None:
    codes = [lt.encode(c, "tcvn3") for c in LOWER + TCVN3_CAPITALS]
    assert all(len(code) == 1 and 0xA1 <= ord(code) <= 0xFE for code in codes)
    assert len(set(codes)) == len(codes) == 74  # injective: no two letters share a code
    for letter in LOWER + TCVN3_CAPITALS:
        assert lt.convert(lt.encode(letter, "tcvn3"), "tcvn3") == letter
    # Toned capitals are the H fonts' business: same codes, drawn (and converted) upper case.
    for letter in UPPER:
        code = lt.encode_upper(letter)
        assert code == lt.encode(letter.lower(), "tcvn3")
        assert lt.convert(code, "tcvn3", upper=True) == letter


def test_tcvn3_bytes_are_the_standard_ones() -> None:
    # TCVN 5712:1993 VN3 spot checks from the standard's table (and the "H¶i Phßng").
    assert {c: f"{ord(lt.TCVN3[c]):02X}" for c in "ảòđềịưĐ"} == {
        "ả": "B6", "ò": "DF", "đ": "AE", "ề": "D2", "ị": "DE", "ư": "AD", "Đ": "A7",
    }  # fmt: skip
    assert lt.encode("Hải Phòng: Đề nghị", "tcvn3") == "H¶i Phßng: §Ò nghÞ"


def test_vni_round_trips_all_134_letters_with_base_plus_mark() -> None:
    codes = {c: lt.encode(c, "vni") for c in LOWER + UPPER}
    assert len(set(codes.values())) == 134
    for letter, code in codes.items():
        assert lt.convert(code, "vni") == letter, (letter, code)
        assert 1 <= len(code) <= 2 and all(ord(ch) < 0x100 for ch in code)
    # Two characters (base, then the mark) for most letters, as VNI-Windows has them.
    assert (codes["ả"], codes["ờ"], codes["ậ"], codes["ẳ"], codes["ị"], codes["đ"]) == (
        "aû", "ôø", "aä", "aú", "ò", "ñ",
    )  # fmt: skip
    assert lt.encode("Hải Phòng: Đề nghị người", "vni") == "Haûi Phoøng: Ñeà nghò ngöôøi"


def test_whole_sentences_round_trip_in_nfc() -> None:
    text = "Quốc hội; Bộ Thông tin và Truyền thông: nghĩa vụ, chỉ thị, khuya, thuở, Mỵ Châu"
    for encoding in ("tcvn3", "vni"):
        legacy = lt.encode(text, encoding)  # type: ignore[arg-type]
        assert legacy != text
        back = lt.convert(legacy, encoding)  # type: ignore[arg-type]
        assert back == text and unicodedata.is_normalized("NFC", back)
    decomposed = unicodedata.normalize("NFD", "Hải Phòng")
    assert lt.convert(lt.encode(decomposed, "vni"), "vni") == "Hải Phòng"


def test_a_vni_letter_split_between_two_runs_goes_to_the_first() -> None:
    assert lt.convert_pieces(["Ha", "ûi Pho", "øng"], "vni") == ["Hả", "i Phò", "ng"]
    assert lt.convert_pieces(["H¶", "i"], "tcvn3", upper=True) == ["HẢ", "I"]


def test_symbol_charset_codes_are_read_too() -> None:
    # A legacy font declared as a symbol font: Word keeps its codes at U+F0xx.
    assert lt.convert("H\uf0b6i", "tcvn3") == "Hải"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("H¶i Phßng: §Ò nghÞ hç trî ng­êi d©n", "tcvn3"),
        ("Haûi Phoøng: Ñeà nghò hoã trôï ngöôøi daân", "vni"),
        ("Kieán nghò Boä Thoâng tin", "vni"),
        ("Hải Phòng: Đề nghị hỗ trợ người dân", None),  # ordinary Vietnamese
        ("Cà Mau, Tây Ninh, Sóc, Bà, Ông, ÔNG, Ánh, Ý", None),  # only Latin-1 letters
        ("The café serves crème brûlée; naïve façade © 2020, ½ cup, 5 µm, ± 2 °C", None),
        ("Zürich, Malmö, Ærø, Øresund, Åland, Straße, Señor, déjà vu, São Paulo", None),
        ("Số 5606/VPCP-QHĐP ngày 10/7/2020", None),
        ("", None),
    ],
)
def test_detection_by_character_statistics(text: str, expected: str | None) -> None:
    assert lt.detect([text]) == expected


def test_detection_needs_most_words_and_a_unicode_letter_settles_it() -> None:
    assert lt.detect(["H¶i"]) is None  # one word is not enough to tell
    assert lt.detect(["Hải Phòng", "Cà Mau", "Tây Ninh"]) is None
    assert lt.detect(["Hải Phòng", "H¶i Phßng"]) == "tcvn3"  # a mixed file: its legacy part
    assert lt.looks_legacy("BÕn Tre", "tcvn3")  # a capital inside a word: TCVN3's ế
    assert not lt.looks_legacy("Tây Ninh", "tcvn3") and not lt.looks_legacy("Hải", "tcvn3")


@pytest.mark.parametrize(
    ("font", "expected", "unicode"),
    [
        (".VnTime", ("tcvn3", False), "Times New Roman"),
        (".VnTimeH", ("tcvn3", True), "Times New Roman"),
        (".VnArial NarrowH", ("tcvn3", True), "Arial"),
        (".VnArial", ("tcvn3", False), "Arial"),
        ("VNI-Times", ("vni", False), "Times New Roman"),
        ("VNI-Helve", ("vni", False), "Arial"),
        ("Times New Roman", None, None),
        ("Arial", None, None),
        (None, None, None),
    ],
)
def test_font_names(font: str | None, expected: object, unicode: str | None) -> None:
    assert lt.font_encoding(font) == expected
    if unicode is not None:
        assert lt.unicode_font(font or "") == unicode


def test_the_notice_counts_cells_and_paragraphs() -> None:
    assert lt.LegacyConversion(("tcvn3",), 12).notice == (
        "Đã chuyển từ mã TCVN3 sang Unicode: 12 ô."
    )
    both = lt.LegacyConversion(("tcvn3", "vni"), 3, 2).notice
    assert both == "Đã chuyển từ mã TCVN3 và VNI sang Unicode: 3 ô, 2 đoạn văn."
