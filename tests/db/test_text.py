import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from db.text import clean, fold, new_style_tones


def test_fold_tones_and_d() -> None:
    assert fold("Thái Bình") == "thai binh"
    assert fold("định danh") == "dinh danh"
    assert fold("ĐÀ NẴNG") == "da nang"
    # Letters with two marks, which unicode61 remove_diacritics 1 would not fold.
    assert fold("ế ờ ự ẵ Ậ") == "e o u a a"


def test_fold_accepts_nfd_input() -> None:
    nfd = unicodedata.normalize("NFD", "Quảng Ngãi")
    assert fold(nfd) == "quang ngai"


def test_clean_is_nfc_without_control_characters() -> None:
    nfd = unicodedata.normalize("NFD", "Hải Phòng")
    out = clean(f"  {nfd}\x0b\x01 kiến   nghị \r\n+ ý hai ")
    assert out == "Hải Phòng kiến nghị\n+ ý hai"
    assert unicodedata.is_normalized("NFC", out)


def test_new_style_tones() -> None:
    assert new_style_tones("Hoà Bình, thuỷ lợi, khoẻ") == "Hòa Bình, thủy lợi, khỏe"
    # Already one spelling: untouched.
    assert new_style_tones("hoàn thành, quý, Quỳnh, quýt") == "hoàn thành, quý, Quỳnh, quýt"


@given(st.text())
def test_clean_is_idempotent_and_xml_safe(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    assert not any(ord(c) < 32 and c not in "\n\t" for c in once)


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_fold_has_no_combining_marks(text: str) -> None:
    assert not any(unicodedata.combining(c) for c in fold(text))
