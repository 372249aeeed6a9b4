"""Possessive nominal cues: "his claim that taxes will fall", "Iran's denial of the report".

A claim noun (``data/attribution/nominal_cues.tsv``) with a possessor and a that-clause (or an
of/about-phrase) is an attribution of its own: the possessor is the source, the noun the cue. The
verb rules in :mod:`.finder` never see these, as no verb reports anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.symbols import NOUN
from spacy.tokens import Doc, Token

from .lexicon import AttributionLexicon, CueEntry

if TYPE_CHECKING:
    from .finder import Attribution

# what a claim noun's content hangs on: "the claim that ...", "his warning about ..."
_PREPS = ("about", "of", "on", "over")


def possessive_claims(doc: Doc, lex: AttributionLexicon, found: list[Attribution]) -> None:
    """Append the attributions of possessed claim nouns not already a cue of ``found``."""
    from .finder import Attribution
    from .spans import _clause_chars, _np_span

    taken = {i for a in found for i in a.cue_tokens}
    for tok in doc:
        # the integer part-of-speech first: `pos_` and `lemma_` build a string on every access
        if tok.pos != NOUN or tok.i in taken or tok.lemma_.lower() not in lex.nominal_cues:
            continue
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is None:
            continue
        comp = _content_of(tok)
        if comp is None:
            continue
        content = _clause_chars(comp)
        if content[1] <= content[0]:
            continue
        lemma = tok.lemma_.lower()
        entry = lex.cues.get(lemma) or CueEntry(lemma, "say", "neutral", None)
        found.append(
            Attribution(
                cue_tokens=[tok.i],
                cue=entry,
                content=content,
                source_span=_without_case(doc, _np_span(_named_owner(poss))),
                rule=f"possessive:{lemma}",
            )
        )


def _named_owner(poss: Token) -> Token:
    """A possessive pronoun's owner when its clause names one: the subject of the verb above it
    ("Putin told Bennett about *his* assessments of the talks": Putin's), a name rather than
    "his"; else the pronoun, left to the source resolver."""
    if poss.tag_ != "PRP$":
        return poss
    head = poss.head
    while head.pos_ not in ("VERB", "AUX") and head.head is not head:
        head = head.head
    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return subj if subj is not None and subj.pos_ == "PROPN" else poss


def _without_case(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    """ "the mayor's" → "the mayor": the possessive ending is no part of the source's name."""
    start, end = span
    while end - 1 > start and doc[end - 1].dep_ == "case":
        end -= 1
    return (start, end)


def _content_of(noun: Token) -> Token | None:
    """The that-clause on a claim noun, or the object of its about/of-phrase."""
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            return c
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in _PREPS:
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return pobj
    return None
