"""edit-document, edit-petition, withdraw, reinstate and import's duplicate marks, run for real."""

from pathlib import Path

from tests.cli.conftest import Run
from tests.core.importers.fixtures import write_petitions_xlsx, write_vpcp_docx
from tests.helpers import content_digest


def _import(run: Run, path: Path) -> dict[str, object]:
    r = run("import", str(path), "--received-on", "13/07/2020", "--json")
    assert r.code == 0, r.err
    data: dict[str, object] = r.json()
    return data


def test_edit_petition_then_search_and_history(run: Run, tmp_path: Path) -> None:
    data = _import(run, write_vpcp_docx(tmp_path / "5606.docx"))
    pid = data["petition_ids"][-1]  # type: ignore[index]
    r = run("edit-petition", str(pid), "--content", "Cấp chữ ký số miễn phí cho người dân",
            "--origin", "Tỉnh Vĩnh Phúc")  # fmt: skip
    assert r.code == 0, r.err
    assert f"Đã sửa kiến nghị mã {pid}:" in r.out
    assert "nơi kiến nghị: Vĩnh Phúc → Tỉnh Vĩnh Phúc" in r.out
    found = run("search", "chu ky so mien phi", "--json").json()
    assert [h["id"] for h in found] == [pid]
    j = run("edit-petition", str(pid), "--field", "", "--summary", "Chữ ký số", "--json").json()
    assert j["changes"] == [{"field": "summary", "old": None, "new": "Chữ ký số"}]


def test_bad_corrections_say_why_and_change_nothing(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    data = _import(run, write_vpcp_docx(tmp_path / "5606.docx"))
    pid, doc = data["petition_ids"][0], data["document_id"]  # type: ignore[index]
    before = content_digest(db_path)
    cases = [
        (("edit-petition", str(pid)), "Không có gì thay đổi"),
        (("edit-petition", str(pid), "--content", " "), "không được để trống"),
        (("edit-petition", "999", "--content", "x"), "Không có kiến nghị mã 999"),
        (("edit-petition", str(pid), "--field", "Thiên văn"), "Không có lĩnh vực"),
        (("edit-document", str(doc), "--received-on", "02/01/2021"), "không đổi được"),
        (("edit-document", str(doc), "--sender-date", "31/02/2020"), "không hợp lệ"),
        (("edit-document", str(doc), "--sender-ref", "5606/VPCP-QHĐP"), "Không có gì thay đổi"),
        (("withdraw", str(pid), "--reason", " "), "Chưa nhập lý do"),
        (("reinstate", str(pid)), "không cần khôi phục"),
    ]
    for args, expected in cases:
        r = run(*args)
        assert r.code != 0, args
        assert expected in r.err, (args, r.err)
        assert "Traceback" not in r.err and r.out == ""
    assert content_digest(db_path) == before


def test_edit_document_number_then_withdraw_and_reinstate(run: Run, tmp_path: Path) -> None:
    data = _import(run, write_vpcp_docx(tmp_path / "5606.docx"))
    doc, ids = data["document_id"], data["petition_ids"]
    r = run("edit-document", str(doc), "--sender-ref", "5607/VPCP-QHĐP", "--json")
    assert r.code == 0, r.err
    assert r.json()["changes"] == [
        {"field": "sender_ref", "old": "5606/VPCP-QHĐP", "new": "5607/VPCP-QHĐP"}
    ]
    assert len(run("search", "5607/VPCP", "--json").json()) == 6
    assert run("search", "5606/VPCP", "--json").json() == []
    one = ids[0]  # type: ignore[index]
    w = run("withdraw", str(one), "--reason", "Trùng với kiến nghị khác")
    assert w.code == 0 and f"kiennghi reinstate {one}" in w.out
    assert run("stats", "--json").json()["received"] == 5
    assert run("reinstate", str(one)).code == 0
    assert run("stats", "--json").json()["received"] == 6
    wd = run("withdraw", str(doc), "--document", "--reason", "Vào sổ nhầm", "--json")
    assert wd.code == 0 and len(wd.json()["petition_ids"]) == 6
    assert run("list", "--json").json() == []
    assert run("reinstate", str(doc), "--document").code == 0
    assert len(run("list", "--json").json()) == 6


def test_import_dry_run_marks_near_duplicates(run: Run, tmp_path: Path) -> None:
    text = "Đề nghị hỗ trợ kinh phí phủ sóng di động cho các thôn vùng sâu vùng xa của tỉnh"
    first = write_petitions_xlsx(tmp_path / "a.xlsx", [[1, "Hà Giang", text]])
    assert run("import", str(first), "--sender", "UBND tỉnh Hà Giang").code == 0
    second = write_petitions_xlsx(
        tmp_path / "b.xlsx", [[1, "Hà Giang", text + "."], [2, "Hà Giang", "Tên miền miễn phí"]]
    )
    dry = run("import", str(second), "--sender", "Văn phòng Chính phủ", "--dry-run")
    assert dry.code == 0, dry.err
    assert "⚠ Có thể trùng với kiến nghị mã 1 (ngày 23/11/2026)" in dry.out
    assert dry.out.count("Có thể trùng") == 1
    j = run("import", str(second), "--sender", "Văn phòng Chính phủ", "--dry-run", "--json")
    marks = [p["near_duplicate"] for p in j.json()["petitions"]]
    assert marks[1] is None and marks[0]["id"] == 1 and marks[0]["score"] >= 0.8


def test_edit_parties_then_letter_and_refusals_of_parties_and_reply_by(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    data = _import(run, write_vpcp_docx(tmp_path / "5606.docx"))
    pid = data["petition_ids"][0]  # type: ignore[index]
    r = run("edit-petition", str(pid), "--raised-by", "person", "--origin", "Ông Trần Văn Bình",
            "--address", "số 5 Hàng Bông, Hà Nội", "--forwarded-by", "Ban Dân nguyện")  # fmt: skip
    assert r.code == 0, r.err
    assert "người kiến nghị: cơ quan, địa phương → cá nhân (công dân)" in r.out
    assert "địa chỉ người kiến nghị: (trống) → số 5 Hàng Bông, Hà Nội" in r.out
    assert "cơ quan chuyển đến: (trống) → Ban Dân nguyện" in r.out
    out = tmp_path / "cv.docx"
    assert run("letter", str(pid), "--format", "docx", "--out", str(out)).code == 0
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Kính gửi: Ông Trần Văn Bình" in text and "Địa chỉ: số 5 Hàng Bông, Hà Nội." in text
    before = content_digest(db_path)
    edit, doc = ("edit-petition", str(pid)), ("edit-document", str(data["document_id"]))
    for args, expected in [
        ((*edit, "--raised-by", "body", "--address", "số 7"), "Chỉ ghi địa chỉ khi người"),
        ((*edit, "--raised-by", "robot"), "không hợp lệ"),
        ((*edit, "--forwarded-by", "Ban Dân nguyện"), "Không có gì thay đổi"),
        ((*doc, "--reply-by", "01/07/2020"), "Hạn trả lời 01/07/2020 trước ngày đến 13/07/2020."),
    ]:
        r = run(*args)
        assert r.code != 0 and expected in r.err, (args, r.err)
        assert "Traceback" not in r.err
    assert content_digest(db_path) == before
