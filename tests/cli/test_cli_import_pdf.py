"""`kiennghi import FILE.pdf`: a text PDF of a petition table, end to end in a subprocess."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Run
from tests.core.importers import fixtures as fx
from tests.helpers import content_digest
from tests.pdf_samples import render_seed_pdf


def _pdf(path: Path) -> Path:
    rows = fx.seed_rows()
    rows[3][1] = rows[4][1] = fx.MERGED  # Phú Yên's locality merged down two rows
    return render_seed_pdf(path, rows)


def test_import_a_text_pdf_registers_its_petitions(run: Run, db_path: Path, tmp_path: Path) -> None:
    path = _pdf(tmp_path / "5606.pdf")
    r = run("import", str(path), "--received-on", "13/07/2020", "--json")
    assert r.code == 0, r.err
    data = r.json()
    assert (data["imported"], data["sender_ref"], data["reply_by"]) == (
        6,
        "5606/VPCP-QHĐP",
        "2020-09-15",
    )
    listed = {x["id"]: x for x in run("list", "--json").json()}
    assert sorted(listed) == sorted(data["petition_ids"])
    origins = [listed[i]["origin"] for i in data["petition_ids"]]
    assert origins == ["Hải Phòng", "Bến Tre", "Phú Yên", "Phú Yên", "Phú Yên", "Vĩnh Phúc"]
    found = run("search", "phat thanh", "--json").json()  # in a + sub-point of Hải Phòng's
    assert [x["id"] for x in found] == [data["petition_ids"][0]]


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
