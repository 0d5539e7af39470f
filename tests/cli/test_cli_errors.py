"""No traceback reaches a clerk: hostile arguments and environments against the real command.

Each case ran into a Python traceback before issue #9 (OverflowError on a huge id or limit, a
missing folder, /proc, a folder given as a file, invalid UTF-8, a garbled KIENNGHI_TODAY, a
number that made every later import of the year overflow). Now each ends with exit 1 (refused
by the product) or 2 (refused by the parser), a Vietnamese message, and the database as it was.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.core.importers.fixtures import write_vpcp_docx
from tests.helpers import content_digest

BIG = "99999999999999999999"
SQLITE_MAX_PLUS_ONE = "9223372036854775808"
# Words that appear in every Vietnamese message and in no English one.
VIETNAMESE = re.compile(r"[ạảãàáâậầấẩẫăắằặẳẵđêềếểễệôồốổỗộơờớởỡợưừứửữựìíịỉĩùúụủũỳýỵỷỹ]")

# (name, arguments, exit code, a fragment the message must contain). "{tmp}" is the test's
# temporary folder, "{docx}" a valid petition table, "{missing}" a folder that does not exist.
CASES = [
    ("limit-huge", ["list", "--limit", BIG], 2, "ngoài khoảng"),
    ("limit-zero", ["search", "thuế", "--limit", "0"], 2, "ngoài khoảng"),
    ("limit-word", ["similar", "1", "--limit", "năm"], 2, "không phải là số nguyên"),
    ("similar-id-overflow", ["similar", SQLITE_MAX_PLUS_ONE], 2, "mã kiến nghị"),
    ("assign-id-huge", ["assign", BIG, "--unit", "VP"], 2, "mã kiến nghị"),
    ("reply-id-negative", ["reply", "-5", "--outcome", "answered", "--text", "x"], 2, "mã"),
    ("letter-id-huge", ["letter", BIG, "--out", "{tmp}/l.docx"], 2, "mã kiến nghị"),
    ("edit-id-huge", ["edit-petition", BIG, "--origin", "Hà Nội"], 2, "mã kiến nghị"),
    ("edit-document-id-huge", ["edit-document", BIG, "--sender", "x"], 2, "mã văn bản"),
    ("withdraw-id-huge", ["withdraw", BIG, "--reason", "nhầm"], 2, "mã kiến nghị"),
    ("incoming-no-max", ["import", "{docx}", "--incoming-no", "9223372036854775807"], 2, "số đến"),
    ("incoming-no-huge", ["import", "{docx}", "--incoming-no", BIG], 2, "số đến"),
    ("year-huge", ["list", "--year", BIG], 2, "năm"),
    ("year-tiny", ["search", "x", "--year", "12"], 2, "năm"),
    ("demo-count-huge", ["demo", "--count", BIG], 2, "số kiến nghị mẫu"),
    ("demo-seed-huge", ["demo", "--count", "1", "--seed", BIG], 2, "hạt giống"),
    ("date-year-1", ["stats", "--from", "01/01/0001"], 2, "ngoài khoảng"),
    ("date-year-9999", ["reply", "1", "--outcome", "answered", "--text", "x",
                        "--date", "31/12/9999"], 2, "ngoài khoảng"),  # fmt: skip
    ("date-garbage", ["assign", "1", "--unit", "VP", "--due", "00/00/0000"], 2, "không hợp lệ"),
    ("text-invalid-utf8", ["search", "x", "--origin", "Th\udcff"], 2, "UTF-8"),
    ("text-too-long", ["letter", "1", "--out", "{tmp}/l.pdf", "--signer", "x" * 1000], 2, "dài"),
    ("query-invalid-utf8", ["search", "\udcff"], 2, "UTF-8"),
    ("path-empty", ["import", ""], 2, "để trống"),
    ("db-empty", ["--db=", "list"], 2, "để trống"),
    ("path-name-too-long", ["backup", "{tmp}/" + "a" * 300], 2, "dài quá"),
    ("path-invalid-utf8", ["export", "{tmp}/sổ\udcff.xlsx"], 2, "UTF-8"),
    ("export-missing-folder", ["export", "{missing}/so.xlsx"], 1, "{missing}"),
    ("export-proc", ["export", "/proc/kiennghi/so.xlsx"], 1, "/proc/kiennghi"),
    ("export-into-folder", ["export", "{tmp}/folder.xlsx"], 1, "thư mục"),
    ("register-proc", ["register", "incoming", "--from", "01/01/2026", "--to", "31/12/2026",
                       "--out", "/proc/kiennghi.pdf"], 1, "/proc"),  # fmt: skip
    ("register-missing-folder", ["register", "tracking", "--from", "01/01/2026",
                                 "--to", "31/12/2026", "--out", "{missing}/s.xlsx"],
     1, "{missing}"),  # fmt: skip
    ("letter-out-folder", ["letter", "1", "--out", "{tmp}/folder.docx"], 1, "thư mục"),
    ("letter-missing-folder", ["letter", "1", "--out", "{missing}/l.pdf"], 1, "{missing}"),
    ("backup-proc", ["backup", "/proc/x"], 1, "/proc/x"),
    ("restore-missing", ["restore", "{missing}/b.db"], 1, "b.db"),
    ("restore-folder", ["restore", "{tmp}/folder.docx"], 1, "folder.docx"),
    ("import-folder", ["import", "{tmp}/folder.docx"], 1, "folder.docx"),
    ("import-proc", ["import", "/proc/version"], 1, "version"),
    ("import-pipe", ["import", "{tmp}/ong.docx"], 2, "đường ống"),
    ("restore-pipe", ["restore", "{tmp}/ong.docx"], 2, "đường ống"),
]


@pytest.fixture
def tmp(tmp_path: Path) -> Path:
    """The folder the cases write into, with a petition table and a folder named like a file."""
    (tmp_path / "folder.xlsx").mkdir()
    (tmp_path / "folder.docx").mkdir()
    write_vpcp_docx(tmp_path / "bang.docx")
    os.mkfifo(tmp_path / "ong.docx")  # opened for reading, it waited forever for a writer
    return tmp_path


def _fill(arg: str, tmp: Path) -> str:
    return (
        arg.replace("{tmp}", str(tmp))
        .replace("{docx}", str(tmp / "bang.docx"))
        .replace("{missing}", str(tmp / "khong-co"))
    )


def _refused(code: int, err: str, expected_code: int, fragment: str) -> None:
    assert "Traceback" not in err, err
    assert code == expected_code, err
    assert VIETNAMESE.search(err), err
    assert fragment in err, err


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [pytest.param(a, c, f, id=name) for name, a, c, f in CASES],
)
def test_hostile_arguments_are_refused_in_vietnamese(
    run: Run, db_path: Path, tmp: Path, args: list[str], code: int, fragment: str
) -> None:
    before = content_digest(db_path)
    r = run(*[_fill(a, tmp) for a in args])
    _refused(r.code, r.err, code, _fill(fragment, tmp))
    assert content_digest(db_path) == before
    assert not list((tmp / "khong-co").parent.glob("khong-co*"))  # no folder made on the way


@pytest.mark.parametrize("today", ["garbage", "32/13/2020", "2020-13-01", "31/12/9999"])
@pytest.mark.parametrize("command", [["list"], ["stats"], ["import", "{docx}"]])
def test_garbled_kiennghi_today_is_named(
    run: Run, db_path: Path, tmp: Path, today: str, command: list[str]
) -> None:
    before = content_digest(db_path)
    r = run(*[_fill(a, tmp) for a in command], today=today)
    _refused(r.code, r.err, 1, f"KIENNGHI_TODAY «{today}»")
    assert content_digest(db_path) == before


def test_a_huge_incoming_number_no_longer_breaks_the_year(run: Run, tmp: Path) -> None:
    """Before, 9223372036854775807 was taken, and the next import of the year overflowed."""
    docx = str(tmp / "bang.docx")
    assert run("import", docx, "--incoming-no", "999999").code == 0
    other = write_vpcp_docx(tmp / "khac.docx")
    r = run("import", str(other), "--sender-ref", "1/KHAC", "--json")
    assert r.code == 0, r.err
    assert r.json()["incoming_no"] == 1_000_000


def test_db_in_a_missing_folder_is_refused_except_for_init(run: Run, tmp: Path) -> None:
    db = tmp / "khong-co" / "so.db"
    r = run("list", db=db)
    _refused(r.code, r.err, 1, "khong-co")
    assert not db.parent.exists()
    assert run("init", db=db).code == 0 and db.exists()

