"""Helpers named in a "with support from ..." phrase of a clause that uses force.

"The forces of A and B, with support from C and D, conducted strikes against targets in Yemen": C
and D are not among the strikers (the strike's dyads stay A and B against Yemen), but each of them
cooperates materially with A and with B (062). The phrase hangs on the verb or on its subject.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import word_set
from .repairs import displaced_subject
from .roles import Act, Ctx, actors

_FORCE_ROOTS = ("15", "17", "18", "19", "20")


def backers(verb: Token, subj: Token | None, code: str, ctx: Ctx) -> list[tuple[Token, list[Act]]]:
    """The backing nouns ("support") in a "with" phrase on ``verb`` or ``subj`` and the actors their
    "from"/"of"/"by" phrase names, for a clause whose code ``code`` is a use or show of force."""
    if code[:2] not in _FORCE_ROOTS:
        return []
    nouns = [
        noun
        for host in (verb, subj)
        if host is not None
        for p in host.children
        if p.dep_ == "prep" and p.lower_ == "with"
        for noun in p.children
        if noun.dep_ == "pobj" and noun.lemma_.lower() in word_set("events/backing_nouns.tsv")
    ]
    if subj is not None and displaced_subject(verb) is not None:
        nouns.append(subj)  # the parser took "with support from C" for the subject (repairs.py)
    out: list[tuple[Token, list[Act]]] = []
    for noun in nouns:
        who = [
            a
            for q in noun.children
            if q.dep_ == "prep" and q.lower_ in ("from", "of", "by")
            for g in q.children
            if g.dep_ == "pobj"
            for a in actors(g, ctx)
        ]
        if who:
            out.append((noun, who))
    return out
