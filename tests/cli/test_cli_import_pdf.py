"""`kiennghi import FILE.pdf`: a text PDF of a petition table, end to end in a subprocess."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Run
from tests.cli.seed_import import check_seed_registered
from tests.core.importers import fixtures as fx
from tests.helpers import content_digest
from tests.pdf_samples import render_seed_pdf


def _pdf(path: Path) -> Path:
    return render_seed_pdf(path, fx.merged_seed_rows())


def test_import_a_text_pdf_registers_its_petitions(run: Run, db_path: Path, tmp_path: Path) -> None:
    path = _pdf(tmp_path / "5606.pdf")
    check_seed_registered(run, run("import", str(path), "--received-on", "13/07/2020", "--json"))


def test_a_broken_pdf_is_refused_in_vietnamese_and_changes_nothing(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    path = fx.truncate_half(_pdf(tmp_path / "dang-tai.pdf"))
    before = content_digest(db_path)
    r = run("import", str(path))
    assert r.code == 1 and r.out == ""
    assert r.err.startswith("Lỗi: Tệp «dang-tai.pdf»: tệp PDF không đầy đủ"), r.err
    assert "Traceback" not in r.err
    assert content_digest(db_path) == before
