"""Reported claims (issue 12): constructions whose content or source the finder used to miss, one a
test, on our own short sentences."""

from __future__ import annotations

import pytest

from claimgraph import extract


def with_cue(attributions, text: str, lemma: str) -> list:
    """The attributions of ``text`` whose cue has this lemma."""
    return [r for r in attributions(text) if r.cue and r.cue.lemma == lemma]


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
    text = (
        "Olaf Scholz and Emmanuel Macron pointed out that Turkish troops had attacked Kurdish "
        "militias in northern Syria."
    )
    recs = [r for r in extract(text, article_id="t") if r.cue and r.cue.text == "pointed out"]
    assert {r.source.name for r in recs} == {"Olaf Scholz", "Emmanuel Macron"}
    assert all(r.source.text == r.source.name for r in recs)


def test_coordinated_common_nouns_stay_one_voice():
    text = "Officials and experts said that Turkish troops had attacked Kurdish militias in northern Syria."
    recs = [r for r in extract(text, article_id="t") if r.cue and r.cue.text == "said"]
    assert len({r.source.text for r in recs}) == 1


def test_proud_to_announce_is_a_saying_by_the_adjectives_subject(attributions):
    text = "The minister was proud to announce the delivery of 300 tractors to Moldova."
    recs = with_cue(attributions, text, "announce")
    assert recs and recs[0].source.text == "The minister"
    assert recs[0].evidence.text == "the delivery of 300 tractors to Moldova"


def test_worth_noting_names_no_source(attributions):
    text = "It is worth noting that the bridge was closed for repairs in May."
    recs = with_cue(attributions, text, "note")
    assert all(r.source.text != "It" for r in recs)


def test_planning_to_announce_is_no_saying_yet(attributions):
    text = "The minister plans to announce the delivery of 300 tractors to Moldova."
    assert not with_cue(attributions, text, "announce")


def test_reaffirmed_and_decried_are_cues(attributions):
    text = (
        "The mayor reaffirmed that the city would rebuild the harbour by spring. "
        "The union decried the closure of the shipyard."
    )
    lemmas = {r.cue.lemma: r.evidence.text for r in attributions(text) if r.cue}
    assert lemmas["reaffirm"] == "that the city would rebuild the harbour by spring"
    assert "decry" in lemmas


@pytest.mark.parametrize(
    ("text", "lemma", "speaker"),
    [
        # a cue with no subject inside a speaker turn is the turn speaker's
        (
            "President of Estonia Alar Karis: Good afternoon. Thank you for sending your "
            "delegation to the talks in Tallinn.",
            "thank",
            "Alar Karis",
        ),
        # "she" opening a sentence continues the previous sentence's subject, not the last name
        (
            "Foreign Minister Anna Lindqvist spoke today with Defence Minister Pavel Novak. "
            "She said that the two countries would hold joint exercises in May.",
            "say",
            "Anna Lindqvist",
        ),
    ],
)
def test_who_speaks(attributions, text, lemma, speaker):
    recs = with_cue(attributions, text, lemma)
    assert recs and recs[0].source.name == speaker


def test_a_relative_clause_cue_inside_a_quotation_stays_the_speakers():
    text = (
        "“These files, which Minister Petrov urged Moldova to release, show why the inquiry "
        "stopped,” said senator Ana Rusu of Romania."
    )
    urged = [r for r in extract(text, article_id="t") if "urged" in r.evidence.text]
    assert urged and all(r.source.name == "Ana Rusu" for r in urged)


def test_a_gerund_after_by_speaks_for_the_governing_subject(attributions):
    text = "The mayor answered the critics by saying that the harbour would reopen in June."
    recs = with_cue(attributions, text, "say")
    assert recs and recs[0].source.text == "The mayor"


def test_a_gerund_after_for_is_not_the_governing_subjects(attributions):
    text = "The council criticised the mayor for saying that the harbour would reopen in June."
    recs = with_cue(attributions, text, "say")
    assert all(r.source.text != "The council" for r in recs)


def test_page_labels_before_a_colon_are_no_sources(attributions):
    text = "The harbour reopened on Monday.\n\nCategories: Politics and conflicts Moldova Published\n"
    assert not [r for r in attributions(text) if r.source.text == "Categories"]


def test_a_possessive_read_as_is_still_gives_the_object():
    # the parser sometimes reads a curly "’s" as "is" heading a clause under the cue
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from claimgraph.attribute.spans import _clausal_child

    words = ["Holm", "noted", "Lind", "’s", "full", "support", "."]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 1, 3, 1, 5, 3, 1],
        deps=["nsubj", "ROOT", "nsubj", "ccomp", "amod", "dobj", "punct"],
        pos=["PROPN", "VERB", "PROPN", "PART", "ADJ", "NOUN", "PUNCT"],
    )
    comp = _clausal_child(doc[1])
    assert comp is not None and comp.text == "’s"


@pytest.mark.parametrize(
    ("text", "is_cue"),
    [
        ("The Estonian side has not yet seen the Russian army withdraw from the border.", False),
        ("The Estonian side sees that the Russian troops have withdrawn from the border.", True),
    ],
)
def test_seeing_someone_act_is_a_perception_not_a_belief(attributions, text, is_cue):
    recs = with_cue(attributions, text, "see")
    assert bool(recs) == is_cue


def test_a_statement_printed_after_said_colon_is_the_speakers(attributions):
    text = (
        "The Foreign Office condemned the attack in Aleppo.\n\nForeign Secretary Anna Berg said:\n\n"
        "I am appalled by this latest attack by the regime on civilians in Aleppo.\n\n"
        "The ministry will meet on Monday.\n"
    )
    recs = with_cue(attributions, text, "say")
    assert [r.evidence.text for r in recs] == [
        "I am appalled by this latest attack by the regime on civilians in Aleppo."
    ]
    assert recs[0].source.name == "Anna Berg"


@pytest.mark.parametrize(
    "text",
    [
        "Governor Thomas A. Weller, Jr. met today with Premier Anne Dubois of Quebec to reaffirm the "
        "enduring strength of the partnership between Canada and France.",
        "Senator Robert T. Kline, Sr. told reporters that Canada had delivered tanks to Poland.",
    ],
)
def test_a_name_suffix_stays_with_the_name(attributions, text: str) -> None:
    """ "Jr." set off by a comma parses as a second subject of the verb, and "Sr." splits into a
    word and a full stop that parses as one: the source is the name, never the suffix or the stop."""
    srcs = [r.source.text for r in attributions(text) if r.cue]
    assert srcs and all(
        s and s.startswith(("Governor Thomas A. Weller", "Senator Robert T. Kline")) for s in srcs
    ), srcs


def test_a_blog_quotation_flattened_after_writes_colon_is_the_writers(attributions):
    """A page flattened to one line marks a quoted block's breaks with stray full stops ("X,
    former minister, writes: . <the block>. . <the story goes on>"): the block is what X writes,
    and X is the name, not the title after its comma."""
    text = (
        "Bloggers are divided. Anna Berg , former defence minister writes: . The troops left the "
        "border town last week. The ministry ordered them back. . Other bloggers disagree with her."
    )
    recs = [r for r in attributions(text) if r.cue and r.cue.lemma == "write"]
    assert recs, attributions(text)
    assert all(r.source.text and r.source.text.startswith("Anna Berg") for r in recs), recs
    assert recs[0].evidence.text.startswith("The troops left the border town")
    assert "Other bloggers" not in recs[0].evidence.text, recs[0].evidence.text
