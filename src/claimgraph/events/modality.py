"""Negation of an event, read off the predicate and the verbs that govern it (hedging is
``claimgraph.hedging``, shared with the attribution finder).

The *chain* of an event is its predicate plus the wrapper verbs above it that lie in the coded range
("Russia *may* *begin* *supplying*": modal on "begin", event on "supplying"), so a modal or "not" on
any link scopes over the event.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ..lexicons import word_set


def _negated_here(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (
            c.dep_ in ("advmod", "det", "preconj") and c.lower_ in word_set("events/negators.tsv")
        ):
            return True
    # "without supplying": the preposition governing a gerund negates it
    return tok.dep_ == "pcomp" and tok.head.lower_ == "without"


def is_negated(chain: Sequence[Token]) -> bool:
    """Whether the event is denied: an odd number of negated links ("did not refuse to" = asserts)."""
    return sum(_negated_here(t) for t in chain) % 2 == 1


def nominal_negated(noun: Token) -> bool:
    """ "no cooperation", "without support": a determiner or preposition negating a noun predicate."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ == "without"
