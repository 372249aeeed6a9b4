"""Event recall rules on sentences of our own: one party's readiness to talk, talking verbs with a
partner, accord on a shared view, a named object the parser read as an object predicate, and a
light verb's event noun as the clause's own act."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from spacy.tokens import Doc

from claimgraph.events import default_event_coder, load_lexicon
from claimgraph.events.implicit import author_span
from claimgraph.events.predicates import Slot
from claimgraph.events.slots import slot_tokens
from test_evcode_frames import codes
from test_events import nlp

__all__ = ["nlp"]  # the spaCy fixture, shared with test_events


def test_one_party_ready_to_talk_is_intent_to_negotiate(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Chile is ready to talk about the border.") == {("CHL", "036", None)}
    assert codes(nlp, "Peru said it was willing to talk.") == {("PER", "036", None)}
    # with no wrapper, one party talking about something is a statement, no consultation
    assert codes(nlp, "Chile talked about the border.") == set()


def test_communicating_with_a_partner_is_consultation(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Norway communicated with Sweden about the fisheries.") == {("NOR", "040", "SWE")}
    assert codes(nlp, "Norway is not willing to communicate with Sweden.") == {("NOR", "036", "SWE")}


def test_agreeing_on_a_view_is_accord(nlp) -> None:  # type: ignore[no-untyped-def]
    got = codes(nlp, "Japan and Brazil agree on the importance of free trade.")
    assert got == {("JPN", "019", "BRA"), ("BRA", "019", "JPN")}
    # a needed joint act is intent to cooperate, not a view
    got = codes(nlp, "Japan and Brazil agreed on the need to expand military cooperation.")
    assert got and all(c.startswith("03") for _, c, _ in got)
    assert {c for _, c, _ in codes(nlp, "Japan and Brazil agreed on military cooperation.")} == {"0312"}


def _oprd_parse(nlp, obj: str, pos: str):  # type: ignore[no-untyped-def]
    """ "Ruto has called <obj> to congratulate him", parsed as the tagger often does: the object as
    an object predicate (oprd) of "called"."""
    rows = [
        ("Ruto", 2, "nsubj", "PROPN", "NNP", "Ruto"),
        ("has", 2, "aux", "AUX", "VBZ", "have"),
        ("called", 2, "ROOT", "VERB", "VBN", "call"),
        (obj, 2, "oprd", pos, "NNP" if pos == "PROPN" else "JJ", obj),
        ("to", 5, "aux", "PART", "TO", "to"),
        ("congratulate", 2, "advcl", "VERB", "VB", "congratulate"),
        ("him", 5, "dobj", "PRON", "PRP", "he"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ]
    words = [r[0] for r in rows]
    return Doc(
        nlp.vocab,
        words=words,
        spaces=[i + 1 < len(words) and words[i + 1] != "." for i in range(len(words))],
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=[r[4] for r in rows],
        lemmas=[r[5] for r in rows],
    )


def test_named_object_read_as_object_predicate(nlp) -> None:  # type: ignore[no-untyped-def]
    pred = load_lexicon().verbs["meet"][0]
    doc = _oprd_parse(nlp, "Museveni", "PROPN")
    assert [t.text for t in slot_tokens(pred, doc[2], Slot("dobj"), False)] == ["Museveni"]
    # an adjective there is what the object is called ("called the move illegal"), never an object
    doc = _oprd_parse(nlp, "illegal", "ADJ")
    assert slot_tokens(pred, doc[2], Slot("dobj"), False) == []


def test_light_verb_event_noun_is_the_clause_act(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ukraine continues negotiations with many foreign leaders."
    doc = nlp(text)
    ms = author_span(default_event_coder(), doc, 0, len(text), None)
    assert [(m.event.actor1.code if m.event.actor1 else None, m.event.action.cameo) for m in ms] == [
        ("UKR", "046")
    ]
    assert not ms[0].nominal
    # a noun that is no light verb's object keeps describing its context
    text = "The negotiations between Ukraine and many foreign leaders were long."
    doc = nlp(text)
    assert all(m.nominal for m in author_span(default_event_coder(), doc, 0, len(text), None))


def test_transfer_goods_name_the_giver(nlp) -> None:  # type: ignore[no-untyped-def]
    got = codes(nlp, "The shipments of Iranian drones to Russia continued.")
    assert got == {("IRN", "072", "RUS")}
    # a giver named on the noun itself comes first
    got = codes(nlp, "The Turkish delivery of Iranian drones to Russia was delayed.")
    assert {a1 for a1, _, _ in got} == {"TUR"}


def _author(nlp, text: str) -> list[tuple[str | None, str, str | None, bool]]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return [
        (
            m.event.actor1.code[:3] if m.event.actor1 and m.event.actor1.code else None,
            m.event.action.cameo if m.event.action else "",
            m.event.actor2.code[:3] if m.event.actor2 and m.event.actor2.code else None,
            m.nominal,
        )
        for m in author_span(default_event_coder(), doc, 0, len(text), None)
    ]


def test_nouns_of_disapproval(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Turkey's criticism of Israel grew sharper.") == {("TUR", "111", "ISR")}
    assert codes(nlp, "The Swedish objection to the Turkish plan was noted.") == {("SWE", "110", "TUR")}


def test_light_participle_names_the_clause_act(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _author(nlp, "The envoy tried to address objections voiced by the Danish foreign minister.")
    assert got == [("DNK", "110", None, False)]


def test_concession_keeps_its_target(nlp) -> None:  # type: ignore[no-untyped-def]
    # the noun's own frame finds the objector but no target; the concession aims it at the clause
    got = _author(nlp, "Despite objections from Germany, France went ahead with the sale.")
    assert got == [("DEU", "110", "FRA", False)]


def test_entering_on_an_act_is_doing_it(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Iran entered into negotiations with the European Union.") == {("IRN", "046", "IGO")}
    assert codes(nlp, "Chile embarked on talks with Peru.") == {("CHL", "046", "PER")}


def test_a_means_gerund_is_the_subjects_act(nlp) -> None:  # type: ignore[no-untyped-def]
    # "by firing": the police fire, not the march they stopped
    got = codes(nlp, "The Kenyan police stopped the march by firing on protesters in Nairobi.")
    assert {a1 for a1, _, _ in got} == {"KEN"}
    assert got == {("KEN", "180", "KEN")}
    # object control stays: "accused Syria of attacking" is Syria's attack
    got = codes(nlp, "Israel accused Syria of attacking Lebanese villages.")
    assert ("SYR", "190", "LBN") in got


def test_own_slot_names_domestic_victims(nlp) -> None:  # type: ignore[no-untyped-def]
    # the frame's own target slot holds a country's own people: actor1's country, not a guess
    assert codes(nlp, "Chile prevented this by launching attacks on civilians.") == {("CHL", "180", "CHL")}


def test_refusing_to_say_is_declining_comment(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Canadian officials refused to give any more details about the papers.") == {
        ("CAN", "011", None)
    }
    assert codes(nlp, "The Kenyan ministry declined to say whether troops had left.") == {
        ("KEN", "011", None)
    }
    # refusing an act stays a rejection of it
    assert codes(nlp, "Israel refused to negotiate with Hamas.") == {("ISR", "125", "PSE")}


def test_declining_comment_is_an_act_the_author_reports() -> None:
    from claimgraph.events.component import _plain_statement

    assert not _plain_statement("011")
    assert _plain_statement("010") and _plain_statement("012")


def test_stating_support_aloud_is_endorsement(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Japan tweeted support for the Burmese opposition leader Aung San Suu Kyi.") == {
        ("JPN", "051", "MMR")
    }
    assert codes(nlp, "Chile showed solidarity with Peru.") == {("CHL", "051", "PER")}


def test_at_the_request_of_is_an_appeal_to_whoever_acts(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _author(nlp, "Turkey released the pastor at the behest of the United States.")
    assert ("USA", "020", "TUR", False) in got
    got = _author(nlp, "Russia agreed to the talks at the request of Germany.")
    assert ("DEU", "020", "RUS", False) in got
    # a request that is the act's own object is no instigation
    assert all(c != "020" for _, c, _, _ in _author(nlp, "Germany sent a request to Russia on Monday."))
