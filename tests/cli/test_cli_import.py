from pathlib import Path

from tests.cli.conftest import Run
from tests.core.importers.fixtures import seed_xlsx_rows, write_petitions_xlsx, write_vpcp_docx
from tests.helpers import content_digest


def test_import_docx_json_shape(run: Run, db_path: Path, tmp_path: Path) -> None:
    path = write_vpcp_docx(tmp_path / "5606.docx")
    r = run("import", str(path), "--received-on", "13/07/2020", "--json")
    assert r.code == 0, r.err
    data = r.json()
    assert {"document_id", "incoming_no", "imported", "petition_ids"} <= set(data)
    assert (data["incoming_no"], data["imported"], len(data["petition_ids"])) == (1, 6, 6)
    assert data["sender_ref"] == "5606/VPCP-QHĐP" and data["reply_by"] == "2020-09-15"
    listed = run("list", "--json").json()
    assert sorted(x["id"] for x in listed) == sorted(data["petition_ids"])
    # The same file again is refused, naming its số đến; --allow-duplicate takes the next one.
    refused = run("import", str(path), "--received-on", "14/07/2020", "--json")
    assert refused.code == 1 and "đã vào sổ: số đến 1/2020" in refused.err
    again = run("import", str(path), "--received-on", "14/07/2020", "--allow-duplicate", "--json")
    assert again.json()["incoming_no"] == 2


def test_import_xlsx_with_options_and_dry_run(run: Run, db_path: Path, tmp_path: Path) -> None:
    path = write_petitions_xlsx(tmp_path / "bang.xlsx", seed_xlsx_rows(), header_row=4,
                                preamble=["BẢNG TỔNG HỢP KIẾN NGHỊ"])  # fmt: skip
    before = content_digest(db_path)
    dry = run("import", str(path), "--sender", "UBND tỉnh Bến Tre", "--dry-run", "--json")
    assert dry.code == 0, dry.err
    assert dry.json()["dry_run"] is True and dry.json()["imported"] == 6
    assert content_digest(db_path) == before
    human = run("import", str(path), "--sender", "UBND tỉnh Bến Tre", "--reply-by", "31/12/2026")
    assert human.code == 0 and "6 kiến nghị" in human.out
    assert {x["due_on"] for x in run("list", "--json").json()} == {"2026-12-31"}


def test_import_failures_exit_nonzero_and_change_nothing(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    write_vpcp_docx(tmp_path / "ok.docx")
    assert run("import", str(tmp_path / "ok.docx"), "--incoming-no", "3").code == 0
    fake = tmp_path / "anh.xlsx"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    before = content_digest(db_path)
    cases = [
        (("import", str(fake)), "anh.xlsx"),
        (("import", str(tmp_path / "missing.docx")), "missing.docx"),
        (("import", str(tmp_path / "ok.docx"), "--incoming-no", "3"), "đã được dùng"),
        (("import", str(tmp_path / "ok.docx"), "--reply-by", "32/01/2020"), "không hợp lệ"),
    ]
    for args, expected in cases:
        r = run(*args, "--json")
        assert r.code != 0, args
        assert expected in r.err, (args, r.err)
        assert "Traceback" not in r.err and r.out == ""
    assert content_digest(db_path) == before
