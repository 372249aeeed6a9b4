"""The unnamed doer of a harm in a two-sided story, on stories of our own: the side the speaker
accuses when its own people or places are harmed and the text names no doer."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from claimgraph.events import default_event_coder
from claimgraph.model import Actor
from test_events import nlp, triples

__all__ = ["nlp"]  # the spaCy fixture, shared with test_events

_CLASH = "Azerbaijani troops shelled Armenian villages. Armenia accused Azerbaijan of breaking the truce. "
_WAR = "Russian artillery shelled Ukrainian towns on Monday. Ukraine accused Russia of breaking the truce. "
_ARM = Actor(text="Pashinyan", code="ARMGOV", start=0, end=0)
_AZE = Actor(text="Aliyev", code="AZEGOV", start=0, end=0)
_UKR = Actor(text="Kuleba", code="UKRGOV", start=0, end=0)


def _said(nlp, story: str, sentence: str, speaker: Actor | None) -> set[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    text = story + sentence
    return triples(default_event_coder().code_span(nlp(text), len(story), len(text), speaker=speaker))


def test_harm_to_the_speakers_own_people_was_done_by_the_other_side(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _said(nlp, _CLASH, "Hundreds of civilians were abducted.", _ARM) == {("AZE", "181", "ARM")}
    assert _said(nlp, _CLASH, "More than 300 children were deported.", _ARM) == {("AZE", "174", "ARM")}


def test_harm_to_a_place_of_the_speakers_own_was_done_by_the_other_side(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _said(nlp, _WAR, "The blockade of Odesa continues.", _UKR) == {("RUS", "191", "UKR")}


def test_no_doer_is_guessed_without_a_side_speaking_of_its_own(nlp) -> None:  # type: ignore[no-untyped-def]
    # the author's report, and one side telling of the other's people or places: no guess
    assert _said(nlp, _CLASH, "Hundreds of civilians were abducted.", None) == set()
    assert _said(nlp, _WAR, "The blockade of Odesa continues.", None) == set()
    # a named doer is the doer
    got = _said(nlp, _CLASH, "Dozens of students were arrested by the Armenian police.", _ARM)
    assert got == {("ARM", "173", "ARM")}


def test_no_doer_is_guessed_in_a_story_of_three_countries(nlp) -> None:  # type: ignore[no-untyped-def]
    three = (
        "Chile, Peru and Bolivia held talks in Lima. Peru praised Chile and Bolivia. "
        "Bolivia thanked Peru and Chile. "
    )
    chl = Actor(text="Boric", code="CHLGOV", start=0, end=0)
    assert _said(nlp, three, "Hundreds of civilians were abducted.", chl) == set()
