"""Author-voice events whose actor sits outside the predicate's frame (events/implicit.py), and
the lexicon rows added with them: sentences of our own, one construction per test."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from claimgraph.pipeline import extract


def author_triples(text: str) -> set[tuple[str, str, str]]:
    """(actor1 country, CAMEO code, actor2 country) of the author's own event records."""
    out: set[tuple[str, str, str]] = set()
    for c in extract(text):
        ev = c.event
        if c.source.kind != "author" or ev is None or ev.action is None:
            continue
        a1 = (ev.actor1.code or "")[:3] if ev.actor1 else ""
        a2 = (ev.actor2.code or "")[:3] if ev.actor2 else ""
        out.add((a1, ev.action.cameo, a2))
    return out


def test_stance_noun_after_a_copula() -> None:
    assert ("ITA", "051", "UKR") in author_triples(
        "The Italian foreign minister is a staunch supporter of Ukraine."
    )


def test_stance_noun_in_an_apposition() -> None:
    text = "The Polish president, a fierce critic of Russia, opened the new bridge on Monday."
    assert ("POL", "111", "RUS") in author_triples(text)


def test_a_stance_noun_needs_its_object_actor() -> None:
    assert not any(
        t[1] == "051" for t in author_triples("The Italian foreign minister is a supporter of reform.")
    )


def test_concession_names_who_objects_to_the_clause_actor() -> None:
    text = "The German government approved the pipeline despite strong opposition from Poland."
    assert ("POL", "110", "DEU") in author_triples(text)
    text = "Turkey went ahead with the purchase in the face of criticism from the United States."
    assert ("USA", "111", "TUR") in author_triples(text)


def test_concession_without_an_acting_subject_is_no_event() -> None:
    assert not any(t[1] == "110" for t in author_triples("The law passed despite opposition from Poland."))


def test_agentless_arrest_is_the_state_of_the_place() -> None:
    assert ("IRN", "173", "FRA") in author_triples("A French journalist was arrested in Iran on Tuesday.")


def test_agentless_arrest_abroad_without_a_place_is_left_out() -> None:
    text = (
        "Iran's foreign minister met his Iraqi counterpart in Tehran. Iran and Iraq signed a trade deal. "
        "Separately, a French journalist was detained."
    )
    assert not any(t[1] == "173" for t in author_triples(text))


def test_participle_of_a_legal_act_on_a_named_person() -> None:
    text = (
        "The Egyptian government is facing new protests this week. Thousands of people rallied in the "
        "capital for the jailed Egyptian opposition leader Ayman Nour."
    )
    assert ("EGY", "173", "EGY") in author_triples(text)


def test_charges_against_a_person() -> None:
    text = (
        "Police in Brazil are investigating. Leading Brazilian senator Marcos Rocha faces charges of fraud."
    )
    assert ("BRA", "173", "BRA") in author_triples(text)
    # charges someone else drops are no charge brought
    text = "Brazilian prosecutors dropped the charges against the German engineer."
    assert not any(t[1] == "173" for t in author_triples(text))


def test_traded_barbs_is_mutual_criticism() -> None:
    got = author_triples("The Indian and Pakistani governments traded barbs over the border dispute.")
    assert ("IND", "111", "PAK") in got
    assert not any(t[1] == "061" for t in got)


def test_a_second_act_of_the_cue_code_is_kept() -> None:
    text = "The French president thanked Germany for its help and honored the memory of the Italian soldiers."
    got = author_triples(text)
    assert ("FRA", "051", "DEU") in got and ("FRA", "051", "ITA") in got


def test_missile_launches_against_a_country() -> None:
    text = "The region was alarmed by North Korea's launch of ballistic missiles against Japan on Friday."
    assert ("PRK", "195", "JPN") in author_triples(text)
    # a launch of no weapon is no attack
    assert not author_triples("The launch of a new website by the Japanese government was welcomed.")


def test_a_pronoun_for_a_whole_country_is_no_one_charged() -> None:
    text = "Brazil passed the internet law on Monday. Now they are being charged with crimes."
    assert not any(t[1] == "173" for t in author_triples(text))


def test_a_crowd_event_with_no_one_named_is_the_place_civilians() -> None:
    assert ("RUS", "141", "") in author_triples("Protests in Moscow continued for a third day on Sunday.")
    text = "Large protests against the Thai government spread across Bangkok on Sunday."
    assert ("THA", "141", "THA") in author_triples(text)


def test_a_crowd_event_told_before_or_as_a_modifier_adds_none() -> None:
    text = "Protest leaders in Moscow met the Russian mayor. These protests have drawn thousands."
    assert not any(t[1] == "141" for t in author_triples(text))


def test_giving_way_and_resigning() -> None:
    assert ("FRA", "0831", "") in author_triples(
        "The French foreign minister was forced to resign on Monday."
    )
    assert ("THA", "080", "") in author_triples(
        "The Thai government backed down on the new tax after a week."
    )


def test_taking_part_in_an_event_noun_makes_the_subject_its_actor() -> None:
    assert ("IRN", "046", "USA") in author_triples(
        "Iran took part in talks with the United States in Vienna."
    )
    assert ("TUR", "046", "GRC") in author_triples("Turkey engaged in talks with Greece on Monday.")
    text = "Japan participated in joint military exercises with the United States."
    assert ("JPN", "062", "USA") in author_triples(text)


def test_an_institution_the_tables_cannot_place_is_the_state_of_the_story() -> None:
    text = (
        "Brazilian lawmakers debated the budget on Monday. "
        "Prosecutors charged the former Brazilian president with corruption."
    )
    assert ("BRA", "173", "BRA") in author_triples(text)
    # a subject that is no institution is left to the frame
    text = "Brazilian lawmakers debated the budget. Neighbours charged the former Brazilian president."
    assert not any(t[1] == "173" for t in author_triples(text))
