"""Attribution recall: constructions added for PolNeAR, one a test, on our own short sentences."""

from __future__ import annotations

from claimgraph.attribute.quotes import find_quotes


def cues(records) -> list[str]:
    return [r.cue.text for r in records if r.cue]


def test_stray_straight_quote_does_not_flip_later_quotes():
    text = (
        'The mayor called the plan 12" too short. Later she spoke again.\n'
        '"We will rebuild the bridge," Mayor Lena Ortiz said.'
    )
    spans = [text[s:e] for s, e in find_quotes(text)]
    assert '"We will rebuild the bridge,"' in spans


def test_double_apostrophe_quotes_pair_by_direction():
    text = "''The port will reopen,'' the harbour master said. She smiled.  ''Soon,'' she added."
    spans = [text[s:e] for s, e in find_quotes(text)]
    assert spans == ["''The port will reopen,''", "''Soon,''"]


def test_nearest_cue_keeps_a_shared_quotation(attributions):
    text = (
        "The farmer spoke of the drought, recalling the dry summer of 1976.\n"
        "“The wells are empty,” Jonas Berg said."
    )
    recs = [r for r in attributions(text) if r.evidence.text.startswith("“The wells")]
    assert [r.cue.text for r in recs] == ["said"]
