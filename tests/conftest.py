"""Shared fixtures: the parsed pipeline once per session, and ../shared when it is there."""

from __future__ import annotations

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
