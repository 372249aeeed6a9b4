"""Whether an event is negated, decided in one place for the event coder and the attribution
finder (as ``claimgraph.hedging`` decides hedging): read off the predicate and the words that
scope over it.

The *chain* of an event is its predicate plus the wrapper verbs above it that lie in the coded range
("Russia *may* *begin* *supplying*": modal on "begin", event on "supplying"), so a modal or "not" on
any link scopes over the event. Negation elsewhere in the sentence does not: "Iran, which did not
comment, supplied drones" asserts. Beyond "not" on a link, an event is negated by a negative
argument ("nobody has talked", "no suspects were arrested") and by a negating head above it that is
not an event of its own ("saw no need for proceedings", "failed to yield an accord", "has yet to
supply"); the words are data (``events/negators.tsv``, ``negative_words.tsv``,
``negating_heads.tsv``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from .lexicons import read_pairs, word_set

if TYPE_CHECKING:
    from spacy.tokens import Token

# links walked up from the event's top towards a negating head: prepositional phrases, "to"-clauses
# and the object of a light or attaining verb ("failed to reach an agreement"); any other link leaves
# the event's scope
_UP = frozenset({"pobj", "pcomp", "prep", "relcl", "acl", "xcomp", "dobj", "attr"})
_ARGS = frozenset({"nsubj", "nsubjpass", "dobj"})
HEAD_KINDS = ("noun", "verb", "yet", "attain", "perceive")


@cache
def _heads(kind: str) -> frozenset[str]:
    rows = read_pairs("events/negating_heads.tsv", HEAD_KINDS, "kind of negating head")
    return frozenset(w for w, k in rows if k == kind)


def negative_argument(arg: Token) -> bool:
    """ "nobody", "nothing", or a noun determined by "no": an argument that denies its verb's event."""
    if arg.lower_ in word_set("events/negative_words.tsv"):
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in arg.children)


@cache
def _blockers(kind: str) -> frozenset[str]:
    rows = read_pairs("events/negation_blockers.tsv", ("focus", "deontic", "persist"), "kind of blocker")
    return frozenset(w for w, k in rows if k == kind)


def _negated_here(tok: Token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in _blockers("deontic") for c in tok.children):
        return False  # "should not be made": what ought not happen, not what did not
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children):
        return False  # "asked him not to give his name", "agreed not to attack": asked or meant, not denied
    for c in tok.children:
        if c.dep_ == "neg" or (
            c.dep_ in ("advmod", "det", "preconj") and c.lower_ in word_set("events/negators.tsv")
        ):
            nxt = tok.doc[c.i + 1] if c.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ in _blockers("focus"):
                continue  # "not only", "not just": a part is negated, not the event
            return True
        if tok.pos_ in ("VERB", "AUX") and c.dep_ in _ARGS and negative_argument(c):
            return True  # "no suspects were arrested", "Russia supplied no drones"
    # "without supplying": the preposition governing a gerund negates it
    return tok.dep_ == "pcomp" and tok.head.lower_ == "without"


def negated_above(top: Token) -> bool:
    """A negating head over the event's top link, up to the first verb that is an event of its own:
    "no need for [proceedings]", "no reason to talk about [a withdrawal]", "failed to [yield]",
    "has yet to [supply]". A "not" on a verb above does not count: "did not condemn [the attack]"
    negates the condemning, not the attack."""
    nouns, verbs, yets = _heads("noun"), _heads("verb"), _heads("yet")
    light = word_set("events/light_verbs.tsv") | _heads("attain")
    t = top
    for _ in range(8):
        if t.dep_ in ("ccomp", "xcomp") and t.head.lemma_.lower() in _heads("perceive"):
            # "has not seen the Russians withdraw": what the speaker has not seen, they deny
            return _negated_here(t.head)
        if t.dep_ not in _UP or t.head is t:
            return False
        h = t.head
        if h.pos_ in ("NOUN", "PROPN") and h.lemma_.lower() in nouns and negative_argument(h):
            return True
        if t.dep_ == "xcomp" and (
            h.lemma_.lower() in verbs or any(c.dep_ == "advmod" and c.lower_ in yets for c in h.children)
        ):
            return True
        if h.pos_ in ("VERB", "AUX") and t.dep_ in ("dobj", "attr") and h.lemma_.lower() not in light:
            return False  # the object of a verb of its own
        t = h
    return False


def _copula_negated(tok: Token) -> bool:
    """ "are not willing to negotiate", "was not ready to withdraw": the "not" sits on the copula
    of an adjective link."""
    return tok.dep_ == "acomp" and tok.head.lemma_ == "be" and any(c.dep_ == "neg" for c in tok.head.children)


def _persists(tok: Token, predicate: bool) -> bool:
    """A link of stopping or yielding, whose "not" says something goes on (``persist`` in
    ``events/negation_blockers.tsv``): with its particle anywhere ("have not given up the demand"),
    alone only above the event ("has not stopped shelling"; "did not stop the convoy" denies)."""
    words = _blockers("persist")
    lemma = tok.lemma_.lower()
    if any(c.dep_ in ("prt", "prep") and f"{lemma} {c.lower_}" in words for c in tok.children):
        return True
    return not predicate and lemma in words


def is_negated(chain: Sequence[Token]) -> bool:
    """Whether the event is denied: an odd number of negated links ("did not refuse to" = asserts),
    or a negating head above the chain. A negated link of stopping or yielding denies nothing."""
    if not chain:
        return False
    ids = {t.i for t in chain}
    links = sum(
        (_negated_here(t) or (_copula_negated(t) and t.head.i not in ids)) and not _persists(t, k == 0)
        for k, t in enumerate(chain)
    )
    return (links + negated_above(chain[-1])) % 2 == 1


def nominal_negated(noun: Token) -> bool:
    """ "no cooperation", "without support": a determiner or preposition negating a noun predicate."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ == "without"


def refusal(chain: Sequence[Token]) -> bool:
    """ "we will not give up our land", "Ukraine will never recognise ...": a negated link with a
    future auxiliary states a refusal, an event of its own (CAMEO 12x) that is asserted, not a
    denial that something happened (``events/future_aux.tsv``; "won't" is "wo" + "n't")."""
    future = word_set("events/future_aux.tsv") | {"wo"}
    return any(
        _negated_here(t) and any(c.dep_ == "aux" and c.lower_ in future for c in t.children) for t in chain
    )
