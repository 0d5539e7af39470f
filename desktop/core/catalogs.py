"""Danh mục: checking and saving the clerk's edits to units, localities and fields.

Each check returns the problems by input name (`code`, `name`, `valid_to`, …) so a form can
show every message next to its field; `save_*` refuses with `CatalogInvalid` carrying them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from db import catalogs as cat
from db.store import Store
from db.text import clean
from desktop.core import permissions
from desktop.core.errors import DomainError
from desktop.core.session import Session

Problems = dict[str, str]
MAX_CODE = 20
_BAD_CODE = re.compile(r"[\s/]")


class CatalogInvalid(DomainError):
    """The edit breaks a rule; `problems` says which input and why."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(" ".join(problems.values()))
        self.problems = problems


@dataclass(frozen=True)
class UnitInput:
    """Đơn vị as typed: symbol code (THH, VP), name, kind (Cục, Vụ…), validity dates."""

    code: str
    name: str
    kind: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


@dataclass(frozen=True)
class LocalityInput:
    """Tỉnh, thành phố as typed; `merged_into` names the locality it was merged into."""

    code: str
    name: str
    kind: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    merged_into: str = ""


@dataclass(frozen=True)
class FieldInput:
    """Lĩnh vực as typed, with the unit that usually leads on it."""

    code: str
    name: str
    default_unit_id: int | None = None


def _check_code(
    store: Store, table: cat.CatalogTable, code: str, row_id: int | None, problems: Problems
) -> None:
    code = clean(code)
    if not code:
        problems["code"] = "Cần nhập mã."
    elif len(code) > MAX_CODE:
        problems["code"] = f"Mã dài quá {MAX_CODE} ký tự."
    elif _BAD_CODE.search(code):
        problems["code"] = "Mã không được chứa khoảng trắng hoặc dấu «/»."
    elif cat.code_in_use(store, table, code, row_id):
        problems["code"] = f"Mã «{code}» đã có trong danh mục; chọn mã khác."


def _check_dates(valid_from: dt.date | None, valid_to: dt.date | None, problems: Problems) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        problems["valid_to"] = (
            f"Ngày hết hiệu lực ({valid_to:%d/%m/%Y}) phải từ ngày bắt đầu"
            f" ({valid_from:%d/%m/%Y}) trở đi."
        )


def check_unit(store: Store, unit_id: int | None, data: UnitInput) -> Problems:
    """Problems of a unit edit (empty when it can be saved)."""
    problems: Problems = {}
    _check_code(store, "units", data.code, unit_id, problems)
    if not clean(data.name):
        problems["name"] = "Cần nhập tên đơn vị."
    _check_dates(data.valid_from, data.valid_to, problems)
    return problems


def save_unit(session: Session, unit_id: int | None, data: UnitInput) -> int:
    """Add (`unit_id` None) or update a unit after checking it; returns its id."""
    permissions.require(session, "edit_catalogs")
    store = session.store
    problems = check_unit(store, unit_id, data)
    if problems:
        raise CatalogInvalid(problems)
    return cat.save_unit(
        store,
        unit_id,
        code=data.code,
        name=data.name,
        kind=data.kind,
        valid_from=data.valid_from,
        valid_to=data.valid_to,
    )


def check_locality(store: Store, locality_id: int | None, data: LocalityInput) -> Problems:
    """Problems of a locality edit (empty when it can be saved)."""
    problems: Problems = {}
    _check_code(store, "localities", data.code, locality_id, problems)
    name, merged = clean(data.name), clean(data.merged_into)
    if not name:
        problems["name"] = "Cần nhập tên địa phương."
    _check_dates(data.valid_from, data.valid_to, problems)
    if merged:
        if merged == name:
            problems["merged_into"] = "Địa phương không thể sáp nhập vào chính nó."
        elif not cat.locality_name_exists(store, merged):
            problems["merged_into"] = f"Không có địa phương «{merged}» trong danh mục."
        elif data.valid_to is None:
            problems["valid_to"] = "Địa phương đã sáp nhập cần có ngày hết hiệu lực."
    return problems


def save_locality(session: Session, locality_id: int | None, data: LocalityInput) -> int:
    """Add (`locality_id` None) or update a locality after checking it; returns its id."""
    permissions.require(session, "edit_catalogs")
    store = session.store
    problems = check_locality(store, locality_id, data)
    if problems:
        raise CatalogInvalid(problems)
    return cat.save_locality(
        store,
        locality_id,
        code=data.code,
        name=data.name,
        kind=data.kind,
        valid_from=data.valid_from,
        valid_to=data.valid_to,
        merged_into=data.merged_into,
    )


def check_field(store: Store, field_id: int | None, data: FieldInput) -> Problems:
    """Problems of a field edit (empty when it can be saved)."""
    problems: Problems = {}
    _check_code(store, "fields", data.code, field_id, problems)
    name = clean(data.name)
    if not name:
        problems["name"] = "Cần nhập tên lĩnh vực."
    elif cat.field_name_in_use(store, name, field_id):
        problems["name"] = f"Lĩnh vực «{name}» đã có; chọn tên khác."
    if data.default_unit_id is not None and not cat.unit_exists(store, data.default_unit_id):
        problems["default_unit"] = "Đơn vị chủ trì không có trong danh mục."
    return problems


def save_field(session: Session, field_id: int | None, data: FieldInput) -> int:
    """Add (`field_id` None) or update a field after checking it; returns its id."""
    permissions.require(session, "edit_catalogs")
    store = session.store
    problems = check_field(store, field_id, data)
    if problems:
        raise CatalogInvalid(problems)
    return cat.save_field(
        store, field_id, code=data.code, name=data.name, default_unit_id=data.default_unit_id
    )
