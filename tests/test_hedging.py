"""Hedging is decided once (claimgraph.hedging): an attribution and its event record agree."""

from __future__ import annotations

import pytest

from claimgraph.pipeline import ExtractOptions, extract

CASES = [
    # (text, hedged): "would" in reported speech is the future of the past, not doubt
    ("Germany said it would deliver the tanks to Poland.", False),
    ("Germany said it may deliver the tanks to Poland.", True),
    ("Germany said it will potentially deliver the tanks to Poland.", True),
    ("Germany said it will deliver the tanks to Poland if the talks succeed.", True),
    ("Germany said it delivered the tanks to Poland.", False),
]


@pytest.mark.parametrize(("text", "hedged"), CASES)
def test_record_and_attribution_take_one_decision(text: str, hedged: bool) -> None:
    records = [c for c in extract(text) if c.cue is not None]
    bare = extract(text, options=ExtractOptions(events_only=False))
    assert records and bare, (records, bare)
    assert {c.hedged for c in records} == {hedged}, records
    assert {c.hedged for c in bare} == {hedged}, bare


def test_each_clause_of_a_split_content_takes_its_own_hedging() -> None:
    """A quotation split into clauses with no coded event: a condition or modal in one clause does
    not hedge the next ("If the talks fail, ... might ... Ukraine will defend the city")."""
    text = (
        "“If the talks fail, Russia might attack the port. Ukraine will defend the city,” "
        "the Ukrainian defence minister said."
    )
    hedged = {c.evidence.text: c.hedged for c in extract(text)}
    assert hedged["Ukraine will defend the city"] is False, hedged
    assert hedged["Russia might attack the port"] is True, hedged
