"""Which reported claims are kept when their content holds another cue, which clauses of a content
only frame a report, and which sources speak politically (sentences are our own)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from spacy.tokens import Doc

from claimgraph.attribute.finder import _own_complement
from claimgraph.events.uncoded import _relays, _reporting_frame, acting_clause, political_source
from claimgraph.model import Source
from claimgraph.pipeline import load_nlp


def _doc(text: str) -> Doc:
    return load_nlp()(text)


def _word(doc: Doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


def test_a_cue_inside_a_relative_clause_does_not_relay_the_claim() -> None:
    doc = _doc("The Spanish minister said that a suspect was arrested who told police he had acted alone.")
    a = next(a for a in doc._.attributions if doc[a.cue_tokens[0]].text == "said")
    inner = replace(a, cue_tokens=[_word(doc, "told")])
    assert not _relays(doc, a, inner)


def test_a_cue_heading_the_content_relays_it() -> None:
    doc = _doc("The Spanish minister said that officials believe the border was closed.")
    a = next(a for a in doc._.attributions if doc[a.cue_tokens[0]].text == "said")
    inner = replace(a, cue_tokens=[_word(doc, "believe")])
    assert _relays(doc, a, inner)


def test_a_clause_that_frames_a_report_is_no_claim_of_its_own() -> None:
    text = "Spain has always insisted that all members must respect the treaty."
    doc = _doc(text)
    cut = text.index(" that")
    assert _reporting_frame(doc, 0, cut)
    assert not _reporting_frame(doc, cut + 1, len(text) - 1)


@pytest.mark.parametrize(
    ("text", "cue", "own"),
    [
        ("Spain and Italy agree on the need for caution.", "agree", True),
        ("Spain and Italy agree.", "agree", False),
    ],
)
def test_a_cue_with_its_own_complement(text: str, cue: str, own: bool) -> None:
    doc = _doc(text)
    assert _own_complement(doc[_word(doc, cue)]) is own


@pytest.mark.parametrize(
    ("source", "political"),
    [
        (Source(text="most polls", name="most polls", kind="organization", actor="USA"), False),
        (Source(text="the notes", name="notes", kind="organization", actor="USA"), False),
        (Source(text="the police", name="police", kind="organization", actor="USACOP"), True),
        (Source(text="Interior Ministry", name="Interior Ministry", kind="organization", actor="ESP"), True),
    ],
)
def test_a_common_noun_placed_only_in_a_country_is_no_political_source(
    source: Source, political: bool
) -> None:
    assert political_source(source) is political


@pytest.mark.parametrize(
    ("text", "acting"),
    [
        ("Spain will pursue quiet avenues with its partners.", True),
        ("The refugees were being moved by the Italian side.", True),
        ("Finland is a reliable partner and a close neighbour.", False),
        ("Madrid is reviving after the storm.", False),
    ],
)
def test_a_named_actor_acting_in_a_clause_makes_it_an_event_claim(text: str, acting: bool) -> None:
    doc = _doc(text)
    assert acting_clause(doc, doc[:]) is acting
