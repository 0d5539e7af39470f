"""Commands of issue #11 (being written)."""

from __future__ import annotations

from typing import Any


def add_parsers(command: Any, parse_date: Any) -> None:
    """Add this module's subcommands to `command` (argparse subparsers)."""
