"""Parse repairs the event frames need, made once per document before events are coded.

An opening participle clause ending in a noun ("Comparing this situation to the battle for
Aleppo, government forces attacked civilians") often swallows the main clause's subject: the parser
makes "forces" a conjunct of "Aleppo" and the clause itself the verb's subject (csubj), so the
frame finds no actor. The subject is the noun phrase right after the clause's comma, right before
the verb; ``repair_dangling_subjects`` hangs it back on the verb as its nsubj.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

_SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubjpass")
# what may stand between the subject and its verb ("forces *directly* attacked", "have attacked")
_BETWEEN = ("advmod", "aux", "auxpass", "neg")


def repair_dangling_subjects(doc: Doc) -> None:
    """Give each verb that has no subject, but an opening participle clause (csubj or advcl, a
    gerund or participle with no subject of its own), the noun phrase that clause swallowed from
    it: a conjunct inside the clause after a comma, ending right before the verb."""
    for verb in doc:
        if verb.pos_ != "VERB" or any(c.dep_ in _SUBJECTS for c in verb.children):
            continue
        clause = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("csubj", "advcl")
                and c.i < verb.i
                and c.tag_ in ("VBG", "VBN")
                and not any(g.dep_ in _SUBJECTS or g.dep_ == "mark" for g in c.children)
            ),
            None,
        )
        if clause is None:
            continue
        subj = _swallowed(clause, verb)
        if subj is None:
            continue
        subj.head = verb
        subj.dep_ = "nsubj"
        clause.dep_ = "advcl"


def _swallowed(clause: Token, verb: Token) -> Token | None:
    """The conjunct noun in ``clause`` that opens after a comma and ends just before ``verb``
    (but for adverbs and auxiliaries of the verb), or None."""
    doc = verb.doc
    for t in clause.subtree:
        if t.dep_ != "conj" or t.pos_ not in ("NOUN", "PROPN") or t.i >= verb.i:
            continue
        start, end = t.left_edge.i, t.right_edge.i
        if start == 0 or doc[start - 1].text != ",":
            continue
        if end >= verb.i or all(
            doc[k].head.i == verb.i and doc[k].dep_ in _BETWEEN for k in range(end + 1, verb.i)
        ):
            return t if end < verb.i else None
    return None
