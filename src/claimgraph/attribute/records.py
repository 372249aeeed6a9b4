"""Records as sources of a clause they qualify: "according to X, ..." and "in a poll, ...".

"In the latest Reuters/Ipsos poll, Clinton leads Trump by five points" reports what the poll
found as plainly as "the poll shows that ...": the preposition is the cue, the record (a noun of
data/attribution/record_nouns.tsv) the source and the clause it qualifies the content. A clause
whose verb is itself a cue ("In its report, the UN said ...") has a source of its own; the phrase
only says where it was said. Split from :mod:`.finder` (near its size limit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..lexicons import word_set
from .lexicon import AttributionLexicon, CueEntry
from .spans import _np_span, _trim_chars

if TYPE_CHECKING:
    from .finder import Attribution


def governing_clause(tok: Token, pobj: Token) -> tuple[int, int] | None:
    """The clause a source phrase (``tok`` ... its object ``pobj``) qualifies, as characters,
    without the phrase: on the side of the phrase that holds words, or around it."""
    doc = tok.doc
    head = tok.head
    while head.dep_ in ("prep", "advmod", "agent") and head.head is not head:
        head = head.head
    lo, hi = tok.left_edge.i, pobj.right_edge.i
    idxs = [t.i for t in head.subtree if not (lo <= t.i <= hi)]
    left = [i for i in idxs if i < lo and not doc[i].is_punct]
    right = [i for i in idxs if i > hi and not doc[i].is_punct]
    if not any(doc[i].is_alpha or doc[i].like_num for i in right):
        right = []  # "..., according to FEC filings. ___": no words after the phrase
    if not left and not right:
        return None
    if left and right:
        first, last = min(left), max(right)
    elif left:
        first, last = min(left), max(left)
    else:
        first, last = min(right), max(right)
    return _trim_chars(doc, first, last + 1)


def in_a_record(tok: Token, lex: AttributionLexicon) -> Attribution | None:
    """ "In this poll, Trump rose one point": an "in" phrase on a clause, naming a record."""
    from .finder import Attribution

    if tok.lower_ != "in" or tok.dep_ != "prep" or tok.head.pos_ not in ("VERB", "AUX"):
        return None
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in word_set("attribution/record_nouns.tsv"):
        return None
    if tok.head.lemma_.lower() in lex.cues or any(c.dep_ == "ccomp" for c in tok.head.children):
        return None  # "In its report, the UN said ...": the report is where it was said
    content = governing_clause(tok, pobj)
    if content is None:
        return None
    return Attribution(
        cue_tokens=[tok.i],
        cue=lex.cues.get("in") or CueEntry("in", "say", "neutral", None),
        content=content,
        source_span=_np_span(pobj),
        rule="in-record",
    )
