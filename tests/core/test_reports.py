import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db import petitions as pet
from desktop.core import reports, workflow
from desktop.core.errors import DomainError
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session

D = dt.date


def test_export_register_xlsx(session: Session, tmp_path: Path) -> None:
    r = register_document(
        session,
        DocumentInput(received_on=D(2026, 11, 2), sender="Văn phòng Chính phủ"),
        [
            PetitionInput("Thái Bình", "Trục tích hợp", field="CDS"),
            PetitionInput("Phú Yên", "Chuyển giao dịch vụ hành chính công cho bưu chính"),
        ],
    )
    workflow.assign(session, r.petition_ids[0], "THH")
    dest = tmp_path / "so-theo-doi.xlsx"
    assert reports.export_register(session, dest) == 2
    ws = load_workbook(dest).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == reports.REGISTER_HEADERS
    column = {title: i for i, title in enumerate(reports.REGISTER_HEADERS)}
    by_origin = {row[column["Nơi kiến nghị"]]: row for row in rows[1:]}
    thai_binh = by_origin["Thái Bình"]
    assert thai_binh[column["Số đến"]] == "1/2026"
    assert thai_binh[column["Lĩnh vực"]] == "Chuyển đổi số"
    assert thai_binh[column["Đơn vị chủ trì"]] == "Cục Tin học hóa"
    assert thai_binh[column["Trạng thái"]] == "Đang xử lý"
    assert thai_binh[column["Ngày đến"]].date() == D(2026, 11, 2)
    assert thai_binh[column["Quá hạn"]] == "Có"  # due 16/11, today 23/11
    assert ws["C2"].number_format == "dd/mm/yyyy"


def test_export_refuses_other_suffix(session: Session, tmp_path: Path) -> None:
    with pytest.raises(DomainError, match=".xlsx"):
        reports.export_register(session, tmp_path / "x.csv")


def test_cancelled_export_writes_nothing(session: Session, tmp_path: Path) -> None:
    register_document(
        session,
        DocumentInput(received_on=D(2026, 11, 2), sender="X"),
        [PetitionInput("Huế", "a")],
    )
    with pytest.raises(DomainError, match="hủy"):
        reports.export_register(session, tmp_path / "x.xlsx", progress=lambda done, total: False)
    assert not (tmp_path / "x.xlsx").exists()
    assert not (tmp_path / "x.xlsx.part").exists()
    assert pet.count(session.store) == 1
