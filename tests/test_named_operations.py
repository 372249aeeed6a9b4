"""Military operations and occupations as events: an operation is force only when called military;
one named so that the name tells its parties ("the special military operation") is coded when the
text names neither, as is an occupation of a territory whose occupier is known; a participle light
verb ("carried out by") gives the noun its actor and is no second event."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from claimgraph.events import default_event_coder
from claimgraph.events.named import named_operation
from test_events import nlp, triples

__all__ = ["nlp"]  # the spaCy fixture, shared with test_events


def codes(nlp, text: str, published: str | None = None) -> set[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    ms = default_event_coder().code_span(nlp(text), 0, len(text), published=published)
    return triples(ms)


def test_a_military_operation_is_force_and_a_rescue_operation_is_none(nlp) -> None:  # type: ignore[no-untyped-def]
    assert codes(nlp, "Turkey launched a military operation against Syria on Sunday.") == {
        ("TUR", "190", "SYR")
    }
    assert codes(nlp, "Japan began a rescue operation in the flooded city.") == set()


def test_the_name_of_an_operation_tells_its_parties(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The minister explained the decision to carry out a special military operation to protect civilians."
    )
    assert codes(nlp, text, published="2022-03-05") == {("RUS", "190", "UKR")}
    # an article written before the operation began means some other operation
    assert codes(nlp, text, published="2019-06-01") == set()


def test_named_operations_match_the_whole_name(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("They discussed the special military operation and a military operation.")
    ops = [t for t in doc if t.lower_ == "operation"]
    got = named_operation(ops[0], "2022-03-01")
    assert got is not None and [a.code for a in got[0]] == ["RUSMIL"] and [a.code for a in got[1]] == ["UKR"]
    assert named_operation(ops[1], "2022-03-01") is None


def test_an_operation_carried_out_by_someone_is_theirs_and_one_event(nlp) -> None:  # type: ignore[no-untyped-def]
    got = codes(nlp, "The ministers discussed the military operation carried out by Turkey in Syria.")
    assert ("TUR", "190", "SYR") in got
    assert sum(1 for a1, c, _ in got if c.startswith("19")) == 1


def test_an_occupation_with_no_agent_named_is_by_who_holds_the_territory(nlp) -> None:  # type: ignore[no-untyped-def]
    """occupied_territories.tsv: "the annexation of Crimea", "Crimea was annexed", "the temporarily
    occupied territories of Donbas" are Russia's, aimed at Ukraine; a named agent stays, and an
    article written before the occupation began means another."""
    for text in (
        "Thorny issues like the annexation of Crimea remain.",
        "Crimea was annexed in 2014.",
        "The future of the temporarily occupied Crimea must be decided.",
        "The issues with the temporarily occupied territories of Donbass also need to be resolved.",
    ):
        assert codes(nlp, text, published="2021-05-01") == {("RUS", "192", "UKR")}, text
    assert codes(nlp, "Crimea was annexed in 2014.", published="2013-05-01") == set()
    assert codes(nlp, "The annexation of Bavaria was debated.", published="2021-05-01") == set()


def test_the_evidence_of_an_occupied_place_is_its_noun_phrase(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The issues with the temporarily occupied territories of Donbas and Crimea need to be resolved."
    (m,) = default_event_coder().code_span(nlp(text), 0, len(text), published="2021-05-01")
    assert text[m.start : m.end] == "the temporarily occupied territories of Donbas and Crimea"
