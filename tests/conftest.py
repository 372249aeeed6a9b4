"""Shared fixtures: the parsed pipeline once per session, and ../shared when it is there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test (with the reason) when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is absent: this test reads the shared evaluation data beside the checkout")
    return p


@pytest.fixture(scope="session")
def attributions():
    """extract() keeping every attribution, coded event or not."""
    from claimgraph.pipeline import ExtractOptions, extract

    opts = ExtractOptions(events_only=False)

    def run(text: str):
        return extract(text, article_id="t", options=opts)

    return run


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say plainly when the store suite ran on SQLite only (``-q`` hides skip reasons)."""
    if not os.environ.get("CLAIMGRAPH_TEST_PG"):
        terminalreporter.write_line(
            "PostgreSQL: SKIPPED - the store tests ran on SQLite only. Set CLAIMGRAPH_TEST_PG to a scratch "
            "database URL (postgresql://user:pw@host/db; it is wiped) to run them on PostgreSQL too, "
            "as .ci/run does."
        )
