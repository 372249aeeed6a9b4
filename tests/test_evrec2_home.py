"""Event target rules of the second recall round, on stories of our own: the addressee of a
one-country story's appeals, promises, concessions and refusals."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from claimgraph.events.home_story import addressed, answers
from test_evcode_frames import codes
from test_events import code, nlp

__all__ = ["nlp"]  # the spaCy fixture, shared with test_events

_CHILE = (
    "Chilean police arrested dozens of students in Santiago on Monday. "
    "The Chilean government defended the arrests, and Chile's interior minister told the Chilean press "
    "that the protests had turned violent. "
)


def test_an_addressed_act_in_a_one_country_story_is_aimed_at_that_country(nlp) -> None:  # type: ignore[no-untyped-def]
    got = codes(nlp, _CHILE + "Eventually the Chilean police relented.")
    assert ("CHL", "080", "CHL") in got
    got = codes(nlp, _CHILE + "The Chilean police spokeswoman declined to comment.")
    assert ("CHL", "011", "CHL") in got


def test_no_addressee_is_guessed_in_a_story_of_three_countries(nlp) -> None:  # type: ignore[no-untyped-def]
    three = (
        "Chile, Peru and Bolivia held talks in Lima on Monday. "
        "Peru's foreign minister praised Chile and Bolivia. Bolivia thanked Peru and Chile. "
    )
    got = codes(nlp, three + "Eventually the Chilean police relented.")
    assert ("CHL", "080", None) in got


def test_a_resignation_or_a_protest_has_no_addressee(nlp) -> None:  # type: ignore[no-untyped-def]
    got = codes(nlp, _CHILE + "The Chilean interior minister resigned on Tuesday.")
    assert not any(c.startswith("0831") and b for _, c, b in got)
    assert addressed("0231") and addressed("120") and addressed("080")
    assert not addressed("0831") and not addressed("141") and not addressed("190")


_CLASH = (
    "Azerbaijani troops shelled Armenian villages on Monday. "
    "Armenia accused Azerbaijan of breaking the truce. "
)


def test_an_answer_to_pressure_in_a_two_country_story_answers_the_other(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("ARM", "120", "AZE") in codes(nlp, _CLASH + "The Armenian soldiers refused to leave the hills.")
    got = codes(nlp, _CLASH + "Eventually the Azerbaijani army declared a ceasefire.")
    assert ("AZE", "0871", "ARM") in got


def test_an_appeal_in_a_two_country_story_is_not_aimed_at_the_other(nlp) -> None:  # type: ignore[no-untyped-def]
    got = codes(nlp, _CLASH + "The Armenian government called for calm.")
    assert ("ARM", "0256", None) in got
    # in a one-country story it is the country's own
    assert ("CHL", "0256", "CHL") in codes(nlp, _CHILE + "The Chilean opposition called for calm.")
    assert answers("0871") and answers("120") and not answers("0256") and not answers("0831")


def test_a_refusal_to_comment_is_given_to_the_outlet_that_asked(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Reuters asked the Brazilian foreign ministry about the talks with Argentina. "
        "A Brazilian ministry spokesman declined to comment."
    )
    assert ("BRA", "011", "GBR") in codes(nlp, text)
    # no outlet named before: no addressee guessed in a story of two countries
    got = codes(nlp, "Brazil and Argentina held talks. A Brazilian ministry spokesman declined to comment.")
    assert ("BRA", "011", None) in got


def test_a_guessed_country_has_no_offsets(nlp) -> None:  # type: ignore[no-untyped-def]
    ms = code(nlp, _CHILE + "Eventually the Chilean police relented.")
    guessed = [m.event.actor2 for m in ms if m.event.action and m.event.action.cameo == "080"]
    assert guessed and all(a is not None and a.start is None and a.end is None for a in guessed)
