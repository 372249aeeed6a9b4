"""Any text in → no exception, and every record's offsets slice the input to its evidence text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.pipeline import ExtractOptions, extract

PIECES = [
    "Iran",
    "Russia",
    "the Kremlin",
    "said",
    "told reporters",
    "denied",
    "accused",
    "of supplying drones to",
    "according to",
    "a CBS News report",
    "“",
    "”",
    '"',
    "he",
    "She added",
    ".",
    ",",
    "\n\n",
    "that",
    "NATO",
    "may",
    "not",
    "Officials",
    "Kirby",
    "John Kirby",
    "claimed",
    "a claim",
    "rejects",
    "citing",
    "weapons",
    "to Ukraine",
    "—",
    "(",
    ")",
    "׳",
    "العربية",
    "\u200f",
    "\x00",
]

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_offsets_slice_the_input(text: str) -> None:
    for opts in (ExtractOptions(), ExtractOptions(events_only=False)):
        for r in extract(text, article_id="h", options=opts):
            assert text[r.evidence.start : r.evidence.end] == r.evidence.text
            if r.cue is not None and r.cue.start is not None:
                assert r.cue.end is not None and 0 <= r.cue.start < r.cue.end <= len(text)
            if r.source.start is not None:
                assert r.source.end is not None and text[r.source.start : r.source.end] == r.source.text
