"""`kiennghi import FILE`: a scanned PDF (no text layer) read by OCR, end to end in a subprocess."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.cli.seed_import import check_seed_registered
from tests.core.importers import fixtures as fx
from tests.helpers import content_digest
from tests.pdf_samples import render_seed_pdf
from tests.scan_samples import scanned_pdf


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seed 000 with Phú Yên's locality written once for three rows, scanned at 200 dpi."""
    folder = tmp_path_factory.mktemp("scan-cli")
    text = render_seed_pdf(folder / "5606.pdf", fx.merged_seed_rows())
    return scanned_pdf(text, folder / "5606-quet.pdf")


def test_import_a_scanned_pdf_registers_its_petitions(run: Run, scan: Path) -> None:
    # The merged cell read once, its locality given to each row it spans, as in the DOCX.
    check_seed_registered(run, run("import", str(scan), "--received-on", "13/07/2020", "--json"))


def test_without_the_vietnamese_model_the_package_is_named_and_nothing_changes(
    run: Run, db_path: Path, scan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # a Tesseract data folder without vie
    before = content_digest(db_path)
    r = run("import", str(scan))
    assert r.code == 1 and r.out == ""
    assert r.err == (
        "Lỗi: Tệp «5606-quet.pdf»: Tesseract chưa có dữ liệu nhận dạng tiếng Việt; hãy cài gói"
        " tesseract-ocr-vie, rồi thử lại.\n"
    ), r.err
    assert content_digest(db_path) == before
