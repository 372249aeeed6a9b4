"""A noun of hope or fear as the content of a cue ("expressed hope that ...") hedges the future it
holds, as the verb does ("hopes that ...")."""

from __future__ import annotations

from claimgraph.pipeline import extract


def _hedged(text: str) -> list[bool]:
    return [c.hedged for c in extract(text) if c.source.kind != "author"]


def test_expressed_hope_over_a_future_is_hedged() -> None:
    assert _hedged(
        "The Kenyan foreign minister expressed hope that the talks with Uganda would be constructive."
    ) == [True]


def test_hope_over_a_past_is_not_hedged() -> None:
    assert _hedged(
        "The Kenyan foreign minister expressed the hope that the talks with Uganda had been constructive."
    ) == [False]
