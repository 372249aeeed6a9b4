"""Negation and hedging of an event, read off the predicate and the verbs that govern it.

The *chain* of an event is its predicate plus the wrapper verbs above it that lie in the coded range
("Russia *may* *begin* *supplying*": modal on "begin", event on "supplying"), so a modal or "not" on
any link scopes over the event.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ..lexicons import word_set

# "would" is left out on purpose: in reported speech it is the future of the past ("Russia said it
# would deliver the jets"), not doubt. "can" states ability, which the house style does not hedge.
HEDGE_MODALS = frozenset({"may", "might", "could"})
HEDGE_ADVERBS = frozenset(
    {
        "reportedly",
        "allegedly",
        "possibly",
        "perhaps",
        "probably",
        "likely",
        "apparently",
        "potentially",
        "maybe",
        "purportedly",
        "seemingly",
        "supposedly",
    }
)
CONDITIONAL_MARKS = frozenset({"if", "unless", "should"})


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


def is_hedged(chain: Sequence[Token]) -> bool:
    """Modals of possibility, hedging adverbs, or a conditional clause on any link of the chain."""
    for t in chain:
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in HEDGE_MODALS:
                return True
            if c.dep_ == "advmod" and c.lower_ in HEDGE_ADVERBS:
                return True
        # the event is the consequent or antecedent of a condition: "if Iran supplies ..."
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in t.children):
            return True
        if any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
            for c in t.children
        ):
            return True
    return False


def nominal_negated(noun: Token) -> bool:
    """ "no cooperation", "without support": a determiner or preposition negating a noun predicate."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ == "without"
