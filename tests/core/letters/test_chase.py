"""Chase letters (công văn đôn đốc) for overdue petitions and tasks, one unit or all of them."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import docx
import pytest

from db import letters as reg
from desktop.core import chasing, tasks
from desktop.core.errors import DomainError
from desktop.core.letters import kinds
from desktop.core.session import Session
from tests.chase_setup import (
    BEN_TRE,
    DONE_TASK,
    HAI_PHONG,
    LATE_TASK,
    LATER_TASK,
    VINH_PHUC,
    notice_tasks,
    overdue_work,
    petitions,
)
from tests.helpers import content_digest

D = dt.date


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the letters: a refusal must leave it empty."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def docx_text(path: Path) -> str:
    """Every paragraph and table cell of a DOCX, line breaks as spaces."""
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return " ".join(" ".join([p.text for p in document.paragraphs] + cells).split())


def pdf_text(path: Path) -> str:
    """The text of a PDF as pdftotext reads it, lines joined."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def test_the_letter_lists_exactly_the_units_overdue_petitions_then_tasks(
    session: Session,
) -> None:
    work = overdue_work(session)
    letter = kinds.chase_letter(session, "THH")
    assert letter.subject == "V/v đôn đốc giải quyết kiến nghị và thực hiện nhiệm vụ quá hạn"
    assert letter.recipients == ("Cục Tin học hóa",)
    assert set(letter.petition_ids) == {work.hai_phong, work.ben_tre, work.late_task}
    assert letter.body[0] == (
        "Theo Sổ theo dõi giải quyết kiến nghị và thực hiện nhiệm vụ, đến ngày 23/11/2026,"
        " Cục Tin học hóa còn 02 kiến nghị và 01 nhiệm vụ được giao chưa có kết quả và đã quá"
        " thời hạn, cụ thể:"
    )
    heading, hai_phong, ben_tre, task_heading, task, closing = letter.body[1:]
    assert (heading, task_heading) == ("1. Về giải quyết kiến nghị:", "2. Về thực hiện nhiệm vụ:")
    assert hai_phong.startswith("- Kiến nghị của UBND thành phố Hải Phòng (Công văn số")
    assert HAI_PHONG.rstrip(".") in hai_phong and hai_phong.endswith(";")
    # Each group ends its list with a full stop.
    assert BEN_TRE.rstrip(".") in ben_tre and ben_tre.endswith("ngày làm việc).")
    assert task == (
        "- Nhiệm vụ tại Thông báo số 75/TB-BTTTT ngày 28/08/2026: "
        + LATE_TASK.rstrip(".")
        + " (giao chủ trì, hạn tháng 10/2026 (30/10/2026), quá hạn 16 ngày làm việc)."
    )
    everything = "\n".join(letter.body)
    for absent in (VINH_PHUC, LATER_TASK, DONE_TASK):
        assert absent.rstrip(".") not in everything
    assert "khẩn trương giải quyết các kiến nghị và hoàn thành nhiệm vụ nêu trên" in closing


def test_only_petitions_reads_as_petitions(session: Session) -> None:
    petitions(session)
    letter = kinds.chase_letter(session, "CATTT")
    assert letter.subject == "V/v đôn đốc giải quyết kiến nghị quá hạn"
    assert letter.body[0] == (
        "Theo Sổ theo dõi giải quyết kiến nghị, đến ngày 23/11/2026, Cục An toàn thông tin còn"
        " 01 kiến nghị được giao chưa có kết quả và đã quá thời hạn, cụ thể:"
    )
    assert letter.body[1].startswith("- Kiến nghị của ") and letter.body[1].endswith(").")
    assert "nhiệm vụ" not in " ".join(letter.body)
    assert "khẩn trương giải quyết kiến nghị nêu trên" in letter.body[2]
    assert len(letter.body) == 3  # no sub-heading for one kind


def test_only_tasks_reads_as_tasks(session: Session) -> None:
    first, second = notice_tasks(session, LATE_TASK, DONE_TASK)
    letter = kinds.chase_letter(session, "THH")
    assert letter.subject == "V/v đôn đốc thực hiện nhiệm vụ quá hạn"
    assert letter.body[0] == (
        "Theo Sổ theo dõi thực hiện nhiệm vụ, đến ngày 23/11/2026, Cục Tin học hóa còn 02"
        " nhiệm vụ được giao chưa có kết quả và đã quá thời hạn, cụ thể:"
    )
    done_first, late = letter.body[1:3]  # the earlier due date first
    assert done_first.startswith("- Nhiệm vụ tại Thông báo số 75/TB-BTTTT ngày 28/08/2026: ")
    assert "hạn trong tuần 40/2026 (02/10/2026)" in done_first and done_first.endswith(";")
    assert late.endswith(
        "(giao chủ trì, hạn tháng 10/2026 (30/10/2026), quá hạn 16 ngày làm việc)."
    )
    assert "kiến nghị" not in " ".join(letter.body)
    assert "khẩn trương hoàn thành các nhiệm vụ nêu trên" in letter.body[3]
    assert set(letter.petition_ids) == {first, second}


def test_a_task_without_a_notice_number_cites_the_notice_title(session: Session) -> None:
    notice = tasks.NoticeInput(
        received_on=D(2026, 9, 1),
        sender="Bộ Thông tin và Truyền thông",
        title="Kết luận của Bộ trưởng tại Hội nghị giao ban Quý III năm 2026",
        kind="THÔNG BÁO",
    )
    work = [
        tasks.TaskInput(LATE_TASK, "THH", due_on=D(2026, 10, 15), due_text="15/10/2026"),
        tasks.TaskInput(DONE_TASK, "THH", due_on=D(2026, 10, 30), due_text="tháng 10/2026"),
    ]
    tasks.import_notice(session, notice, work)
    first, second = [p for p in kinds.chase_letter(session, "THH").body if p.startswith("- ")]
    assert first.startswith(
        "- Nhiệm vụ tại Thông báo kết luận của Bộ trưởng tại Hội nghị giao ban Quý III năm 2026: "
    )
    assert "(giao chủ trì, hạn 15/10/2026, quá hạn" in first  # the date as written, once
    # The long title once: the next task of the same notice cites it as "nêu trên".
    assert second.startswith("- Nhiệm vụ tại Thông báo nêu trên: " + DONE_TASK.rstrip("."))


def test_nothing_overdue_is_refused_and_writes_nothing(
    session: Session, db_path: Path, out: Path
) -> None:
    overdue_work(session)
    before = content_digest(db_path)
    with pytest.raises(DomainError, match="Cục Báo chí không có kiến nghị nào quá hạn, cũng"):
        chasing.write_chase(session, "CBC", out / "cbc.docx")
    with pytest.raises(DomainError, match="phải có đuôi .docx hoặc .pdf"):
        chasing.write_chase(session, "THH", out / "thh.odt")
    with pytest.raises(DomainError, match="Không có đơn vị «XYZ»"):
        chasing.write_chase(session, "XYZ", out / "x.docx")
    assert content_digest(db_path) == before
    assert list(out.iterdir()) == []


def test_no_unit_with_overdue_work_refuses_the_batch(session: Session, tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="không đơn vị nào có kiến nghị hoặc nhiệm vụ quá hạn"):
        chasing.write_chases(session, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert chasing.units_with_overdue(session) == []


def test_one_unit_as_docx_and_pdf(session: Session, tmp_path: Path) -> None:
    overdue_work(session)
    draft = chasing.write_chase(session, "Cục Tin học hóa", tmp_path / "thh.docx")
    assert (draft.unit_name, draft.reference) == ("Cục Tin học hóa", None)
    text = docx_text(draft.path)
    assert "V/v đôn đốc giải quyết kiến nghị và thực hiện nhiệm vụ quá hạn" in text
    assert "Số: /BTTTT-VP" in text  # a draft: the number left blank
    assert "- Nhiệm vụ tại Thông báo số 75/TB-BTTTT" in text and "2. Về thực hiện nhiệm vụ:" in text
    record = reg.get_letter(session.store, draft.letter_id)
    assert record is not None and record.number is None and record.kind == "chase"
    issued = chasing.write_chase(session, "THH", tmp_path / "thh.pdf", issue=True)
    assert issued.reference == "01/BTTTT-VP" and issued.letter_id != draft.letter_id
    text = pdf_text(issued.path)
    assert "Số: 01/BTTTT-VP" in text and "02 kiến nghị và 01 nhiệm vụ" in text


def test_all_units_one_file_each_numbered_in_a_row(session: Session, tmp_path: Path) -> None:
    overdue_work(session)
    assert [u.code for u in chasing.units_with_overdue(session)] == ["CATTT", "THH"]
    counts = {u.unit.code: (u.petitions, u.tasks) for u in chasing.overdue_by_unit(session)}
    assert counts == {"CATTT": (1, 0), "THH": (2, 1)}
    out = tmp_path / "new" / "don-doc"
    first = chasing.write_chases(session, out, issue=True, fmt="pdf")
    assert [(r.unit_name, r.reference) for r in first] == [
        ("Cục An toàn thông tin", "01/BTTTT-VP"),
        ("Cục Tin học hóa", "02/BTTTT-VP"),
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        "don-doc-CATTT-2026-11-23.pdf",
        "don-doc-THH-2026-11-23.pdf",
    ]
    assert VINH_PHUC.rstrip(".") in pdf_text(out / "don-doc-CATTT-2026-11-23.pdf")
    # A second run: new letters with the next numbers, the first run's files kept.
    again = chasing.write_chases(session, out, issue=True, fmt="pdf")
    assert [r.reference for r in again] == ["03/BTTTT-VP", "04/BTTTT-VP"]
    assert again[1].path.name == "don-doc-THH-2026-11-23-2.pdf"
    assert len(list(out.iterdir())) == 4
    numbers = [r.number for r in reg.list_letters(session.store)]
    assert sorted(n for n in numbers if n is not None) == [1, 2, 3, 4]


def test_drafts_of_a_batch_have_no_number(session: Session, tmp_path: Path) -> None:
    overdue_work(session)
    results = chasing.write_chases(session, tmp_path / "out", fmt="docx")
    assert [r.reference for r in results] == [None, None]
    assert all(r.path.suffix == ".docx" and r.path.exists() for r in results)
    assert [r.number for r in reg.list_letters(session.store)] == [None, None]
    assert len(list((tmp_path / "out").iterdir())) == 2  # no staging folder left


def test_a_failed_batch_leaves_no_letter_and_no_file(
    session: Session, db_path: Path, out: Path
) -> None:
    overdue_work(session)
    before = content_digest(db_path)
    calls: list[int] = []

    def cancel_on_second(done: int, total: int) -> None:
        calls.append(done)
        if done == 1:
            raise RuntimeError("Hủy")

    with pytest.raises(RuntimeError):
        chasing.write_chases(session, out, issue=True, progress=cancel_on_second)
    assert calls == [0, 1]
    assert content_digest(db_path) == before
    assert list(out.iterdir()) == []
    with pytest.raises(DomainError, match="Định dạng «odt» không có"):
        chasing.write_chases(session, out, fmt="odt")
