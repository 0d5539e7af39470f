"""The reliability tests drive the real command too: the `run` fixture of tests/cli."""

from tests.cli.conftest import run  # noqa: F401
