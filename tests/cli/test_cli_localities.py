"""The CLI's import warns of a locality merged since (and still registers); a reply-by date
before the received date is refused with nothing written."""

from pathlib import Path

from tests.cli.conftest import Run
from tests.core.importers.fixtures import write_petitions_xlsx
from tests.helpers import content_digest


def _table(tmp_path: Path) -> Path:
    rows = [[1, "Thái Bình", "Hỗ trợ chuyển đổi số cấp xã."],
            [2, "Nam Định", "Phủ sóng vùng ven biển."], [3, "Hưng Yên", "Khác."]]  # fmt: skip
    return write_petitions_xlsx(tmp_path / "bang.xlsx", rows)


def test_import_warns_of_a_merged_locality_and_registers_as_written(
    run: Run, tmp_path: Path
) -> None:
    path = _table(tmp_path)
    r = run("import", str(path), "--sender", "Ban Dân nguyện", "--received-on", "09/03/2026")
    assert r.code == 0, r.err
    warnings = [line for line in r.err.splitlines() if line.startswith("Cảnh báo: ")]
    assert len(warnings) == 2
    assert warnings[0].startswith(
        "Cảnh báo: Tỉnh Thái Bình đã hợp nhất vào tỉnh Hưng Yên từ 01/07/2025"
    )
    assert "Tỉnh Nam Định đã hợp nhất vào tỉnh Ninh Bình" in warnings[1]
    assert "3 kiến nghị" in r.out
    assert {x["origin"] for x in run("list", "--json").json()} == {"Thái Bình", "Nam Định",
                                                                   "Hưng Yên"}  # fmt: skip
    dry = run("import", str(path), "--sender", "Ban Dân nguyện", "--received-on", "09/03/2026",
              "--dry-run", "--allow-duplicate", "--json")  # fmt: skip
    assert dry.code == 0 and len(dry.json()["warnings"]) == 2
    before = run("import", str(path), "--sender", "Ban Dân nguyện 2", "--received-on",
                 "30/06/2025")  # fmt: skip
    assert before.code == 0 and "Cảnh báo" not in before.err


def test_a_reply_by_before_the_received_date_is_refused(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    path = _table(tmp_path)
    digest = content_digest(db_path)
    r = run("import", str(path), "--sender", "Ban Dân nguyện", "--received-on", "10/11/2026",
            "--reply-by", "05/11/2026")  # fmt: skip
    assert r.code == 1
    assert "Lỗi: " in r.err and "Hạn trả lời 05/11/2026 trước ngày đến 10/11/2026." in r.err
    assert "Traceback" not in r.err
    assert content_digest(db_path) == digest
