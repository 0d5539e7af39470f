"""Tasks in a real register, on either engine; today is the day the notice was received."""

from __future__ import annotations

import pytest

from desktop.core.session import Session
from tests.conftest import Clock
from tests.core.tasks.common import RECEIVED


@pytest.fixture
def tasks_session(session: Session, clock: Clock) -> Session:
    """A session whose today is 5 March 2020, the day the test notices are received."""
    clock.today = RECEIVED
    return session
