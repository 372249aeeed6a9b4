"""Reported clauses the parser breaks up: a that-clause split over two complements of the cue, and
a cue embedded without commas in the clause it reports ("a suspect police say opened fire").

Split from :mod:`.finder` (near its size limit); the rules there call these when the plain
complement is missing or cut short.
"""

from __future__ import annotations

import re
from collections.abc import Container

from spacy.tokens import Token

from .spans import SUBJ, _clause_chars, _trim_chars


def split_complement_end(cue: Token, comp: Token, cues: Container[str]) -> int | None:
    """The end of the rest of a reported clause the parser hung on the cue as a second complement:
    "Belmar said [detectives had been tracking a man they feared] [was armed and he was then
    involved in an exchange of shots]" (the relative clause's verb took the first one's place).
    Only a complement right after the first one's last word, in its sentence, that is no saying of
    its own. None when there is none."""
    doc = cue.doc
    end = comp.right_edge.i
    for c in cue.rights:
        if c.i <= comp.i or c.dep_ != "ccomp" or c.pos_ not in ("VERB", "AUX"):
            continue
        gap = doc[end + 1 : c.left_edge.i]
        if any(not t.is_punct for t in gap) or any(t.is_sent_start for t in doc[comp.i + 1 : c.i + 1]):
            return None
        if c.lemma_.lower() in cues:
            return None
        return _clause_chars(c)[1]
    return None


def embedded_report(tok: Token) -> tuple[int, int] | None:
    """ "an 18-year-old suspect they say opened fire on them", "a man police believe was armed": a
    saying verb with a subject and no complement, set in the clause it reports with no commas (the
    parser hangs it under that clause's verb, which follows it). The content is that clause, as a
    hull over the cue, from the noun phrase the cue follows."""
    head = tok.head
    if tok.dep_ != "parataxis" or head is tok or head.i < tok.i or head.pos_ not in ("VERB", "AUX"):
        return None
    if not any(c.dep_ in SUBJ for c in tok.children):
        return None
    if any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in tok.children):
        return None
    doc = tok.doc
    first = tok.left_edge.i
    if first == 0 or doc[first - 1].is_punct or doc[first].is_punct:
        return None  # set off by a comma or a dash: a parenthesis (``_parenthetical_content``)
    # the reported clause's subject: the noun phrase right before the cue's own subject (which
    # the parser may give to the verb before it: "wounded [a suspect] they say opened fire")
    subj = doc[first - 1]
    if subj.pos_ not in ("NOUN", "PROPN") or subj.right_edge.i != first - 1:
        return None
    end = head.i
    for c in head.rights:
        if c.dep_ in ("conj", "cc", "advcl", "parataxis", "punct"):
            break
        end = c.right_edge.i
    return _trim_chars(doc, subj.left_edge.i, end + 1)


def misparsed_objects(tok: Token) -> list[Token]:
    """A verb's direct object the parser hung under an adjective it read as a participle:
    "confirmed [unwavering] support for Jordan", "expressed [growing] concern" (the participle an
    xcomp with the noun as its object). What a multiword cue ("confirm support") looks for."""
    return [
        g
        for c in tok.children
        if c.dep_ == "xcomp"
        and c.tag_ in ("VBG", "VBN")
        and c.i == tok.i + 1
        and not any(k.dep_ in ("aux", "auxpass", "nsubj") for k in c.children)
        for g in c.children
        if g.dep_ == "dobj"
    ]


# an elision mark closing the text before a point: "... Iran talks. [...] “You have ..."
_ELISION = re.compile(r"(?:\[(?:\.\.\.|…)\]|\.\.\.|…)\s*$")


def opens_sentence(text: str, at: int) -> bool:
    """Whether a sentence starts at ``at``: after the start of the text, a full stop, a colon, or an
    elision mark ("[...]") that leaves out what came between (excerpted articles join their
    paragraphs with one)."""
    before = text[max(0, at - 12) : at].rstrip()
    m = _ELISION.search(before)
    if m:
        return True
    return before[-1:] in ("", ".", ":")
