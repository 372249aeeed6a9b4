"""Whether a claim is hedged, decided in one place for attributions, events and records.

A claim is hedged when the claim itself is uncertain (docs/claims-format.md, field ``hedged``):
a modal of possibility on a verb ("may be providing"), a hedging adverb ("reportedly"), a verb of
deliberation governing it ("considering standing up", "plans to"), or a condition ("if Iran
supplies ..."). The attribution finder asks about a content span; the event coder asks about an
event's evidence span and its chain (the predicate and the verbs above it), so a hedge on any
link scopes over the event. Records take that one answer. The words are
``data/attribution/hedges.tsv``; the cue does not enter: it decides stance and framing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from .lexicons import read_table

PLACES = ("modal", "adverb", "verb", "condition")


@dataclass(frozen=True, slots=True)
class HedgeLexicon:
    """The hedge words by where they count (see the data file's header)."""

    modals: frozenset[str]
    adverbs: frozenset[str]
    verbs: frozenset[str]
    conditions: frozenset[str]


@lru_cache(maxsize=1)
def hedge_lexicon() -> HedgeLexicon:
    """The built-in hedges plus the user's rows (``$CLAIMGRAPH_LEXICONS``), read once."""
    by_place: dict[str, set[str]] = {p: set() for p in PLACES}
    for row in read_table("attribution/hedges.tsv", min_cols=2, max_cols=2):
        word, place = row.cells
        if place not in by_place:
            raise row.error(f"unknown hedge place {place!r} (expected one of {list(PLACES)})")
        by_place[place].add(word.lower())
    return HedgeLexicon(
        modals=frozenset(by_place["modal"]),
        adverbs=frozenset(by_place["adverb"]),
        verbs=frozenset(by_place["verb"]),
        conditions=frozenset(by_place["condition"]),
    )


def is_hedged(doc: Doc, span: tuple[int, int], *, chain: Sequence[Token] = ()) -> bool:
    """The one decision: a hedge anywhere in ``span`` (content or evidence, character offsets),
    or on a link of the event's ``chain`` (its own modals, adverbs and conditions)."""
    lex = hedge_lexicon()
    return _span_hedged(doc, span, lex) or _chain_hedged(chain, lex)


def _span_hedged(doc: Doc, span: tuple[int, int], lex: HedgeLexicon) -> bool:
    c = doc.char_span(span[0], span[1], alignment_mode="expand")
    if c is None:
        return False
    for t in c:
        low = t.lower_
        if t.dep_ == "aux" and low in lex.modals:
            return True
        if low in lex.adverbs:
            return True
        if t.dep_ == "advcl" and _conditional(t, lex):
            return True  # a condition inside the content: "Iran will respond if it is attacked"
        if (
            t.pos_ == "VERB"
            and t.lemma_.lower() in lex.verbs
            and any(g.dep_ in ("xcomp", "ccomp") for g in t.children)
        ):
            return True
    return False


def _chain_hedged(chain: Sequence[Token], lex: HedgeLexicon) -> bool:
    for t in chain:
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in lex.modals:
                return True
            if c.dep_ == "advmod" and c.lower_ in lex.adverbs:
                return True
        # the event is the consequent or antecedent of a condition: "if Iran supplies ..."
        if t.dep_ == "advcl" and _conditional(t, lex):
            return True
        if any(c.dep_ == "advcl" and _conditional(c, lex) for c in t.children):
            return True
    return False


def _conditional(clause: Token, lex: HedgeLexicon) -> bool:
    return any(m.dep_ == "mark" and m.lower_ in lex.conditions for m in clause.children)
