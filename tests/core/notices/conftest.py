"""The register's real unit catalogue; notices as DOCX files come from tests/notice_files.py."""

from __future__ import annotations

import pytest

from desktop.core import reference
from desktop.core.notices import UnitCatalogue
from desktop.core.session import Session


@pytest.fixture
def catalogue(session: Session) -> UnitCatalogue:
    """The unit catalogue of a fresh register (the shipped units), as the import will pass it."""
    return UnitCatalogue.from_units(reference.units(session.store))
