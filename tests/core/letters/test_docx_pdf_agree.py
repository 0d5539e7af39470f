"""The two renderers of one letter carry the same words (issue #4: "the two outputs carry the
same words"); only their reading order differs (a DOCX header table reads row by row)."""

from __future__ import annotations

import datetime as dt
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.letters.docx_render import render_docx
from desktop.core.letters.pdf_render import render_pdf
from tests.core.letters.test_pdf_render import make_letter

TODAY = dt.date(2026, 11, 23)


def _docx_words(path: Path) -> Counter[str]:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    # The PAGE field lives in the header, not the body: the PDF's page numbers are left out too.
    return Counter(" ".join(texts).split())


def _pdf_words(path: Path) -> Counter[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert unicodedata.is_normalized("NFC", text)
    return Counter(text.split())


def _agree(tmp_path: Path, **changes: object) -> None:
    letter = make_letter(**changes)
    d = _docx_words(render_docx(letter, tmp_path / "a.docx", today=TODAY))
    p = _pdf_words(render_pdf(letter, tmp_path / "a.pdf", today=TODAY))
    # A word split by the PDF's hyphen-free wrapping never happens (justified, whole words), so
    # the two bags of words are equal.
    assert d == p, (d - p, p - d)


def test_sample_letter_same_words(tmp_path: Path) -> None:
    _agree(tmp_path)


def test_draft_and_many_recipients_same_words(tmp_path: Path) -> None:
    _agree(
        tmp_path,
        number=None,
        issued_on=None,
        recipients=("Ủy ban nhân dân thành phố Hải Phòng", "Văn phòng Chính phủ", "Bộ Tài chính"),
    )


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạềếểễệờớởỡợừứửữự ,.", min_size=5),
        min_size=1,
        max_size=4,
    )
)
def test_random_bodies_same_words(tmp_path: Path, body: list[str]) -> None:
    paragraphs = tuple(p for p in (" ".join(b.split()) for b in body) if p.strip(" ,."))
    if paragraphs:
        _agree(tmp_path, body=paragraphs)
