"""Nominal events whose actor the noun's own frame misses (events/nominal.py): a possessive
"his"/"her" owned by its clause's subject, an aspect noun's agent, and a group placed by the place
named with it. Sentences of our own, one construction per test."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from claimgraph.pipeline import extract


def triples(text: str) -> set[tuple[str, str, str]]:
    """(actor1 code, CAMEO code, actor2 code) of every coded record."""
    out: set[tuple[str, str, str]] = set()
    for c in extract(text):
        ev = c.event
        if ev is None or ev.action is None:
            continue
        a1 = (ev.actor1.code or "") if ev.actor1 else ""
        a2 = (ev.actor2.code or "") if ev.actor2 else ""
        out.add((a1, ev.action.cameo, a2))
    return out


def test_possessive_owned_by_the_clause_subject() -> None:
    text = "Chancellor Olaf Scholz told reporters about the outcome of his talks with Emmanuel Macron."
    assert any(a1[:3] == "DEU" and code[:2] == "04" and a2[:3] == "FRA" for a1, code, a2 in triples(text))


def test_possessive_object_of_its_own_verb_is_not_a_second_event() -> None:
    text = "President Joe Biden reaffirmed his commitment to Israel's security, the White House said."
    got = [t for t in triples(text) if t[1] == "030"]
    assert len({t[:2] for t in got}) <= 1


def test_aspect_noun_gives_its_agent_to_the_event() -> None:
    text = (
        "The UN envoy said the resumption of heavy bombardment by Russian forces and their allies "
        "was deplorable."
    )
    assert any(a1[:3] == "RUS" and code[:2] == "19" for a1, code, _ in triples(text))


def test_an_ending_is_no_aspect_of_the_event() -> None:
    text = "The UN envoy welcomed the suspension of the bombardment by Russian forces."
    assert not any(a1[:3] == "RUS" and code[:2] == "19" for a1, code, _ in triples(text))


def test_group_belongs_to_the_place_of_the_act() -> None:
    text = (
        "Iraqi troops entered Mosul on Monday. Iraqi officials said Baghdad was calm. "
        "Damascus has denied shelling civilians in Aleppo."
    )
    a2s = {a2 for _, code, a2 in triples(text) if code[:2] in ("18", "19")}
    assert "SYRCVL" in a2s and "IRQCVL" not in a2s


def test_between_a_pair_of_possessors() -> None:
    # the parser makes "Russia and Georgia" the possessor of "representatives"
    text = (
        "Erdogan expressed some ideas regarding the ongoing talks between Russia and Georgia's "
        "representatives."
    )
    got = {(a1[:3], code, a2[:3]) for a1, code, a2 in triples(text)}
    assert ("RUS", "046", "GEO") in got or ("GEO", "046", "RUS") in got


def test_possessive_in_a_reason_is_not_the_subjects() -> None:
    from claimgraph.events.nominal import clause_subject
    from claimgraph.pipeline import load_nlp

    doc = load_nlp()("The chancellor thanked Emmanuel Macron for his support for Ukraine.")
    his = next(t for t in doc if t.lower_ == "his")
    assert clause_subject(his) is None
