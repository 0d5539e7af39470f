"""Roles enforced in desktop/core: the table, each role on representative actions, the officer's
own unit, the local user of a file without users, and sign-in required once users exist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from db import open_store, routing
from db import petitions as pet
from desktop.core import dispatch, permissions, users, vocabulary, workflow
from desktop.core.letters import register as letters
from desktop.core.permissions import ACTIONS, PermissionDenied, SignInRequired
from desktop.core.registry import DocumentInput, PetitionInput, register_document
from desktop.core.session import Session, local_session, needs_sign_in
from tests import accounts
from tests.conftest import TODAY, Clock

accounts_template = accounts.accounts_template  # fixtures shared with the other account tests
accounts_db = accounts.accounts_db

DAY = dt.date(2026, 11, 2)  # received
DONE = TODAY  # a part reported done


class Office:
    """One session per account on one database, and two petitions routed by the clerk:
    `ours` to Cục Viễn thông (cv_vt's unit), `theirs` to Cục Tin học hóa (cv_thh's)."""

    def __init__(self, target: Any, clock: Clock) -> None:
        self.store = open_store(target)
        self.clock = clock
        self.sessions = {
            name: Session(self.store, user=users.find_user(self.store, name), today=clock)
            for name in ("qt", "vanthu", "lanhdao", "cv_vt", "cv_thh")
        }
        clerk = self.sessions["vanthu"]
        done = register_document(
            clerk,
            DocumentInput(received_on=DAY, sender="UBND tỉnh Thái Bình", sender_ref="12/UBND"),
            [
                PetitionInput(origin="Thái Bình", content="Phủ sóng di động vùng biển"),
                PetitionInput(origin="Thái Bình", content="Chữ ký số cho hộ kinh doanh"),
            ],
        )
        self.ours, self.theirs = done.petition_ids
        workflow.assign(clerk, self.ours, "CVT")
        workflow.assign(clerk, self.theirs, "THH")

    def __getitem__(self, name: str) -> Session:
        return self.sessions[name]


@pytest.fixture
def office(accounts_db: Any, clock: Clock) -> Iterator[Office]:
    o = Office(accounts_db, clock)
    yield o
    o.store.close()


def test_the_table_names_every_role_and_its_words() -> None:
    names = [a.name for a in ACTIONS]
    assert len(names) == len(set(names))
    for a in ACTIONS:
        assert a.roles and set(a.roles) <= set(permissions.ROLES) and a.label
    assert permissions.BY_NAME["export_unmasked"].roles == ("admin", "leader")
    assert vocabulary.ROLE_LABELS == {
        "admin": "quản trị", "clerk": "văn thư", "leader": "lãnh đạo", "officer": "chuyên viên"
    }  # fmt: skip


# Representative actions, without a petition: True where the role may.
MATRIX = {
    "manage_users": {"qt": True, "vanthu": False, "lanhdao": False, "cv_vt": False},
    "edit_catalogs": {"qt": True, "vanthu": False, "lanhdao": False, "cv_vt": False},
    "backup": {"qt": True, "vanthu": False, "lanhdao": False, "cv_vt": False},
    "demo": {"qt": True, "vanthu": False, "lanhdao": False, "cv_vt": False},
    "register": {"qt": False, "vanthu": True, "lanhdao": False, "cv_vt": False},
    "import": {"qt": False, "vanthu": True, "lanhdao": False, "cv_vt": False},
    "assign": {"qt": False, "vanthu": True, "lanhdao": False, "cv_vt": False},
    "reply": {"qt": False, "vanthu": True, "lanhdao": True, "cv_vt": False},
    "issue_letter": {"qt": False, "vanthu": True, "lanhdao": True, "cv_vt": False},
    "record_number": {"qt": False, "vanthu": True, "lanhdao": False, "cv_vt": False},
    "print_registers": {"qt": True, "vanthu": True, "lanhdao": True, "cv_vt": False},
    "reports": {"qt": True, "vanthu": True, "lanhdao": True, "cv_vt": False},
    "audit": {"qt": True, "vanthu": False, "lanhdao": True, "cv_vt": False},
    "export_unmasked": {"qt": True, "vanthu": False, "lanhdao": True, "cv_vt": False},
    "view": {"qt": True, "vanthu": True, "lanhdao": True, "cv_vt": True},
}


def test_role_matrix(office: Office) -> None:
    got = {
        action: {name: permissions.allowed(office[name], action) for name in row}
        for action, row in MATRIX.items()
    }
    assert got == MATRIX


def test_refusal_names_the_user_the_action_and_the_role_needed(office: Office) -> None:
    before = workflow.version(office["vanthu"], office.theirs)
    with pytest.raises(PermissionDenied) as refused:
        workflow.assign(office["cv_vt"], office.theirs, "CVT", role="support")
    assert str(refused.value) == (
        "Người dùng «cv_vt» (chuyên viên, Cục Viễn thông) không được giao kiến nghị cho đơn vị:"
        " việc này cần vai trò văn thư."
    )
    with pytest.raises(PermissionDenied, match="cần vai trò văn thư hoặc lãnh đạo"):
        workflow.reply(office["cv_vt"], [office.ours], "answered", "Đã phủ sóng")
    with pytest.raises(PermissionDenied, match=r"«qt» \(quản trị\) không được vào sổ"):
        register_document(office["qt"], DocumentInput(received_on=DAY, sender="Sở TT&TT"))
    assert workflow.version(office["vanthu"], office.theirs) == before  # nothing written


def test_clerk_and_leader_do_their_part(office: Office) -> None:
    workflow.reply(office["lanhdao"], [office.ours], "answered", "Đã phủ sóng 4G")
    assert pet.get_petition(office.store, office.ours).status == "answered"  # type: ignore[union-attr]
    workflow.close(office["vanthu"], office.ours)
    events = pet.events_of(office.store, office.ours)
    assert [e.actor for e in events[-2:]] == ["lanhdao", "vanthu"]


def test_officer_reports_only_their_own_units_part(office: Office) -> None:
    cv = office["cv_vt"]
    dispatch.mark_part_done(cv, office.ours, "CVT", DONE)
    done = routing.assignments_of(office.store, office.ours)[0]
    assert done.completed_on == DONE
    assert pet.events_of(office.store, office.ours)[-1].actor == "cv_vt"
    with pytest.raises(PermissionDenied) as other:
        workflow.complete_part(cv, office.theirs, "THH", DONE)
    assert str(other.value) == (
        "Người dùng «cv_vt» (chuyên viên, Cục Viễn thông) không được ghi phần việc của đơn vị"
        f" đã hoàn thành cho kiến nghị {office.theirs}: kiến nghị này không được giao cho"
        " Cục Viễn thông."
    )
    assert routing.assignments_of(office.store, office.theirs)[0].completed_on is None


def test_officer_cannot_report_for_another_unit_on_a_shared_petition(office: Office) -> None:
    workflow.assign(office["vanthu"], office.ours, "THH", role="support")
    with pytest.raises(PermissionDenied, match="thay cho «Cục Tin học hóa»"):
        workflow.complete_part(office["cv_vt"], office.ours, "THH", DONE)
    workflow.complete_part(office["cv_thh"], office.ours, "THH", DONE)


def test_officer_drafts_replies_for_their_units_petitions_only(office: Office) -> None:
    cv = office["cv_vt"]
    letter_id = letters.draft_reply(cv, [office.ours], answer="Đã phủ sóng 4G vùng biển.")
    assert letters.load_letter(cv, letter_id).petition_ids == (office.ours,)
    with pytest.raises(PermissionDenied, match=f"cho kiến nghị {office.theirs}"):
        letters.draft_reply(cv, [office.ours, office.theirs], answer="Trả lời chung.")
    with pytest.raises(PermissionDenied, match="cần vai trò văn thư hoặc lãnh đạo"):
        letters.issue_reply(cv, letter_id)
    # A unit no longer assigned loses the petition.
    workflow.unassign(office["vanthu"], office.ours, "CVT")
    assert not permissions.allowed(cv, "draft_letter", petition_id=office.ours)


def test_an_account_disabled_after_sign_in_is_refused_at_once(office: Office) -> None:
    users.disable_user(office["qt"], "cv_vt")
    with pytest.raises(PermissionDenied, match="«cv_vt» đã bị vô hiệu hóa"):
        workflow.complete_part(office["cv_vt"], office.ours, "CVT", DONE)


@pytest.mark.sqlite_file  # a server has no local user: test_a_server_always_needs_sign_in
def test_local_user_of_a_file_without_users_keeps_every_right(session: Session) -> None:
    assert session.user is None and not needs_sign_in(session.store)
    assert all(permissions.allowed(session, a.name) for a in ACTIONS)
    assert local_session(session.store).user is None


def test_a_file_with_users_needs_sign_in(accounts_db: Any) -> None:
    store = open_store(accounts_db)
    try:
        assert needs_sign_in(store)
        nobody = Session(store, actor="tester")
        with pytest.raises(SignInRequired, match="cần đăng nhập"):
            workflow.close(nobody, 1)
        with pytest.raises(SignInRequired):
            local_session(store)
        # The program's own session (tests, benchmarks, copying between engines) may.
        assert permissions.allowed(Session(store, system=True), "register")
    finally:
        store.close()


def test_a_server_always_needs_sign_in(pg_cluster: Any) -> None:
    name = pg_cluster.create_database()
    store = open_store(pg_cluster.url(name))
    try:
        assert store.dialect == "postgresql" and not users.has_users(store)
        assert needs_sign_in(store)
        with pytest.raises(SignInRequired, match="init --admin TÊN"):
            local_session(store)
    finally:
        store.close()
        pg_cluster.drop_database(name)


def test_catalogs_and_settings_are_the_admins(office: Office) -> None:
    from desktop.core import agency_settings, catalogs

    unit = catalogs.UnitInput(code="TTDL", name="Trung tâm Dữ liệu", kind="Trung tâm")
    with pytest.raises(PermissionDenied, match="«vanthu» \\(văn thư\\) không được sửa danh mục"):
        catalogs.save_unit(office["vanthu"], None, unit)
    assert catalogs.save_unit(office["qt"], None, unit) > 0
    current = agency_settings.load_settings(office.store)
    with pytest.raises(PermissionDenied, match="không được sửa cài đặt: việc này cần vai trò quản"):
        agency_settings.save_settings(office["lanhdao"], current)
    agency_settings.save_settings(office["qt"], current)
