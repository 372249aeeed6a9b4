"""Repairs of parser attachments the event roles depend on, each a narrow, checkable pattern.

Kept apart from ``roles`` (which reads who acts off the tree as given): these say where the tree
is likely wrong and what the reading should be instead.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import word_set


def misattached_conjunct(verb: Token) -> Token | None:
    """The verb a conjunct really coordinates with, where the parser hung it on a relative clause.

    "Biden commended the role Jordan plays in the region and welcomed the summit": the parser makes
    "welcomed" a conjunct of "plays", so Jordan would welcome. A conjunct whose tense differs from
    the relative clause's verb but matches the verb the relative clause's noun hangs on (as its
    object, or through a preposition) coordinates with that verb; returns it, else None.
    """
    head = verb.head
    if verb.dep_ != "conj" or head.dep_ != "relcl" or verb.pos_ != "VERB":
        return None
    outer = head.head.head
    if outer.dep_ == "prep":
        outer = outer.head
    if outer.pos_ not in ("VERB", "AUX") or outer.i >= head.i:
        return None
    if verb.tag_ != head.tag_ and verb.tag_ == outer.tag_:
        return outer
    return None


def displaced_subject(verb: Token) -> Token | None:
    """The subject the parser lost to a "with support from ..." phrase set off by commas.

    "The forces of A and B, with support from C, conducted strikes": the parser often takes
    "support" for the subject of "conducted" and hangs "with" and the forces elsewhere. Where the
    verb's subject is a backing noun (``backing_nouns.tsv``) right after a "with" that is not its
    head, and a comma comes before that "with", the subject is the noun phrase that ends at the
    comma (climbing from its last word through conjuncts and "of" phrases); else None.
    """
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lemma_.lower() not in word_set("events/backing_nouns.tsv"):
        return None
    doc = verb.doc
    start = verb.sent.start
    if subj.i - 3 < start:
        return None
    w, comma = doc[subj.i - 1], doc[subj.i - 2]
    if w.lower_ != "with" or subj.head.i == w.i or comma.text != ",":
        return None
    t = doc[comma.i - 1]
    for _ in range(8):
        if t.dep_ not in ("conj", "pobj", "prep", "cc") or not (start <= t.head.i < t.i):
            break
        t = t.head
    return t if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("conj", "pobj") else None
