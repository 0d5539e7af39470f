"""What `kiennghi import` of seed 000 (its locality merged down three rows) must have done,
whatever the file it came in: a text PDF, a scan, a DOCX."""

from __future__ import annotations

from tests.cli.conftest import Result, Run

SEED_ORIGINS = ["Hải Phòng", "Bến Tre", "Phú Yên", "Phú Yên", "Phú Yên", "Vĩnh Phúc"]


def check_seed_registered(run: Run, imported: Result) -> None:
    """Its six petitions registered with the letter's details, the merged locality given to
    each row it spans, and a "+" sub-point found by search."""
    assert imported.code == 0, imported.err
    data = imported.json()
    assert (data["imported"], data["sender_ref"], data["reply_by"]) == (
        6,
        "5606/VPCP-QHĐP",
        "2020-09-15",
    )
    listed = {x["id"]: x for x in run("list", "--json").json()}
    assert sorted(listed) == sorted(data["petition_ids"])
    assert [listed[i]["origin"] for i in data["petition_ids"]] == SEED_ORIGINS
    found = run("search", "phat thanh", "--json").json()  # in a + sub-point of Hải Phòng's
    assert [x["id"] for x in found] == [data["petition_ids"][0]]
