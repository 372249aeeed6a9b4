"""Reported claims (issue 12): constructions whose content or source the finder used to miss, one a
test, on our own short sentences."""

from __future__ import annotations


def test_but_clause_after_a_that_clause_is_reported(attributions):
    text = (
        "The governor said that the two sides had tried to agree on a truce, "
        "but the rebels were not allowed to leave the valley."
    )
    recs = [r for r in attributions(text) if r.cue and r.cue.text == "said"]
    assert recs[0].evidence.text.endswith("not allowed to leave the valley")


def test_but_clause_with_a_cue_of_its_own_is_a_new_attribution(attributions):
    text = (
        "The governor said that the two sides had tried to agree on a truce, "
        "but the rebels said they were never asked."
    )
    recs = {r.source.text: r.evidence.text for r in attributions(text) if r.cue}
    assert recs["The governor"].endswith("agree on a truce")
    assert recs["the rebels"] == "they were never asked"


def test_coordinated_speakers_each_make_the_claim():
    from claimgraph import extract

    text = (
        "Olaf Scholz and Emmanuel Macron pointed out that Turkish troops had attacked Kurdish "
        "militias in northern Syria."
    )
    recs = [r for r in extract(text, article_id="t") if r.cue and r.cue.text == "pointed out"]
    assert {r.source.name for r in recs} == {"Olaf Scholz", "Emmanuel Macron"}
    assert all(r.source.text == r.source.name for r in recs)


def test_coordinated_common_nouns_stay_one_voice():
    from claimgraph import extract

    text = "Officials and experts said that Turkish troops had attacked Kurdish militias in northern Syria."
    recs = [r for r in extract(text, article_id="t") if r.cue and r.cue.text == "said"]
    assert len({r.source.text for r in recs}) == 1
