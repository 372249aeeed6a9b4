"""Whether a claim is hedged, decided in one place for attributions, events and records.

A claim is hedged when the claim itself is uncertain (docs/claims-format.md, field ``hedged``):
a modal of possibility on a verb ("may be providing"), a hedging adverb or adjective ("reportedly",
"potential"), a verb of deliberation governing it ("considering standing up", "plans to"), a
condition ("if Iran supplies ..."), or a cue uncertain in itself ("suggested", "speculated") or
one of hope and belief over a future ("hopes we will be able to ..."). The attribution finder asks
about a content span and its cue; the event coder asks about an event's evidence span and its chain
(the predicate and the verbs above it), so a hedge on any link scopes over the event, and so does a
hedge word governing the chain from above ("it seems likely that the deal will be rejected", the
cue "predicted"). Records take that one answer. The words are ``data/attribution/hedges.tsv``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from .lexicons import read_pairs, word_set
from .nlp import in_relcl

PLACES = ("modal", "adverb", "verb", "condition", "adjective", "cue", "future", "certain")
# links from a clause up to the word that governs it, followed while looking for a hedge above
_CONTROL = frozenset({"xcomp", "acomp", "oprd", "conj"})
_GOVERNED = frozenset({"ccomp", "acl", "relcl", "pcomp", "pobj", "prep", "csubj"}) | _CONTROL


@dataclass(frozen=True, slots=True)
class HedgeLexicon:
    """The hedge words by where they count (see the data file's header)."""

    modals: frozenset[str]
    adverbs: frozenset[str]
    verbs: frozenset[str]
    conditions: frozenset[str]
    adjectives: frozenset[str] = frozenset()
    cues: frozenset[str] = frozenset()
    future_cues: frozenset[str] = frozenset()
    certain: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def hedge_lexicon() -> HedgeLexicon:
    """The built-in hedges plus the user's rows (``$CLAIMGRAPH_LEXICONS``), read once."""
    by_place: dict[str, set[str]] = {p: set() for p in PLACES}
    for word, place in read_pairs("attribution/hedges.tsv", PLACES, "hedge place"):
        by_place[place].add(word)
    return HedgeLexicon(
        modals=frozenset(by_place["modal"]),
        adverbs=frozenset(by_place["adverb"]),
        verbs=frozenset(by_place["verb"]),
        conditions=frozenset(by_place["condition"]),
        adjectives=frozenset(by_place["adjective"]),
        cues=frozenset(by_place["cue"]),
        future_cues=frozenset(by_place["future"]),
        certain=frozenset(by_place["certain"]),
    )


def is_hedged(
    doc: Doc, span: tuple[int, int], *, chain: Sequence[Token] = (), cue: str | None = None
) -> bool:
    """The one decision: a hedge anywhere in ``span`` (content or evidence, character offsets),
    on a link of the event's ``chain`` (its own modals, adverbs and conditions) or above it, or in
    the ``cue`` (its lemma) that reports the span."""
    lex = hedge_lexicon()
    if _span_hedged(doc, span, lex) or _chain_hedged(chain, lex):
        return True
    if chain and _governed_by_hedge(chain, lex):
        return True
    return cue is not None and hedged_by_cue(doc, span, cue)


def _span_hedged(doc: Doc, span: tuple[int, int], lex: HedgeLexicon) -> bool:
    c = doc.char_span(span[0], span[1], alignment_mode="expand")
    if c is None or not len(c):
        return False
    if c[-1].sent.start != c[0].sent.start:
        # a quotation of several sentences: a record of it stands for its opening claim, and "if" or
        # "it seems" in a later sentence scopes over that sentence only
        c = doc[c.start : min(c.end, c[0].sent.end)]
    root = c.root
    # "refuses to honour ..., which impedes the potential summit": a word inside a relative clause
    # is another claim's (checked only for a hedging word: the walk up is the costly part)
    return any(_hedges(t, lex) and not in_relcl(t, root) for t in c)


def _hedges(t: Token, lex: HedgeLexicon) -> bool:
    """Whether one word of a content hedges it: a modal, a hedging adverb or adjective, a
    condition, a future after a cue of concern, a negated word of certainty, a hedging verb."""
    low = t.lower_
    if t.dep_ == "aux" and low in lex.modals and not _inability(t):
        return True
    if low in lex.adverbs and not _on_a_count(t):
        return True
    if t.pos_ == "ADJ" and t.lemma_.lower() in lex.adjectives and t.dep_ in ("amod", "acomp", "oprd"):
        return True  # "potential locations", "it is likely that ..."
    if t.dep_ == "advcl" and _conditional(t, lex):
        return True  # a condition inside the content: "Iran will respond if it is attacked"
    lemma = _lemma(t)
    if lemma in lex.future_cues and any(g.dep_ in ("ccomp", "xcomp") and _future([g]) for g in t.children):
        return True  # "France said it was concerned that the deal would not curb ..."
    if lemma in lex.certain and t.pos_ == "ADJ" and _negated_word(t):
        return True  # "it cannot be sure that ..."
    return t.pos_ == "VERB" and lemma in lex.verbs and any(g.dep_ in ("xcomp", "ccomp") for g in t.children)


def _chain_hedged(chain: Sequence[Token], lex: HedgeLexicon) -> bool:
    for t in chain:
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in lex.modals and not _inability(c):
                return True
            if c.dep_ == "advmod" and c.lower_ in lex.adverbs and not _on_a_count(c):
                return True
        # the event is the consequent or antecedent of a condition: "if Iran supplies ..."
        if t.dep_ == "advcl" and _conditional(t, lex):
            return True
        if any(c.dep_ == "advcl" and _conditional(c, lex) for c in t.children):
            return True
    return False


def _governed_by_hedge(chain: Sequence[Token], lex: HedgeLexicon) -> bool:
    """A hedge word governing the event's chain from above: a verb or adjective of possibility
    ("seems likely that ..."), an uncertain cue ("predicted that ..."), a cue of hope or belief over
    a future ("hope that we will ..."). The walk stops at the first governor that is none of these
    unless the link is a control one ("able to", "likely to")."""
    future = _future(chain)
    t = chain[-1]
    for _ in range(8):
        if t.dep_ not in _GOVERNED or t.head is t:
            return False
        h = t.head
        lemma = _lemma(h)
        verb = lemma in lex.verbs and h.pos_ in ("VERB", "AUX")
        if verb or (lemma in lex.adjectives and h.pos_ == "ADJ"):
            return True
        if lemma in lex.cues or (lemma in lex.future_cues and future):
            return True
        future = future or _future([h])
        if t.dep_ not in _CONTROL and t.dep_ not in ("prep", "pobj", "pcomp") and h.pos_ != "ADJ":
            return False
        t = h
    return False


def _future(toks: Sequence[Token]) -> bool:
    aux = word_set("events/future_aux.tsv")
    return any(c.dep_ == "aux" and c.lower_ in aux for t in toks for c in t.children)


def hedged_by_cue(
    doc: Doc, span: tuple[int, int], cue: str, *, source: tuple[int, int] | None = None
) -> bool:
    """The cue's own uncertainty over what it reports in ``span``: always for "suggested",
    "predicted"; for a future only for "hopes", "believes"; and for "according to" a hedged source
    ("according to one of the probable scenarios"). An event record asks this with its evidence,
    as its attribution does with its content, so the two agree."""
    lex = hedge_lexicon()
    cue = cue.lower()
    if cue in lex.cues:
        return True
    if cue in lex.certain:
        return _uncertain_cue(doc, span, cue)  # "the FBI said it cannot be sure that ..."
    if cue == "according to" and source is not None:
        return _span_hedged(doc, source, lex)
    c = doc.char_span(span[0], span[1], alignment_mode="expand")
    if c is None or not len(c):
        return False
    root = c.root
    if root.pos_ == "NOUN" and _lemma(root) in lex.future_cues:
        # "expressed hope that the talks would be constructive", "voiced the fear that it will
        # escalate": the noun of hope or fear is the cue's, and it hedges a future it holds
        return _future([t for t in root.children if t.dep_ in ("acl", "ccomp")])
    if cue not in lex.future_cues:
        return False
    return _future([root, *(t for t in root.children if t.dep_ in _CONTROL)])


def _on_a_count(adverb: Token) -> bool:
    """ "hundreds, perhaps thousands of people marched": the adverb hedges the count, not the event."""
    doc = adverb.doc
    if adverb.i + 1 >= len(doc):
        return False
    nxt = doc[adverb.i + 1]
    return nxt.like_num or doc.vocab[nxt.lemma_.lower()].like_num


def _uncertain_cue(doc: Doc, span: tuple[int, int], cue: str) -> bool:
    """A word of certainty as the cue, negated over the span: "cannot be sure (that) ...", "is not
    certain whether ..." hedge what they report."""
    c = doc.char_span(span[0], span[1], alignment_mode="expand")
    if c is None or not len(c):
        return False
    return any(a.lemma_.lower() == cue and _negated_word(a) for a in c.root.ancestors)


def _lemma(t: Token) -> str:
    """The lemma, mended where the tagger cuts a silent "e" off a hedge word ("hoped" → "hop")."""
    lemma = t.lemma_.lower()
    lex = hedge_lexicon()
    mended = f"{lemma}e"
    if lemma not in lex.verbs and (mended in lex.verbs or mended in lex.future_cues):
        return mended
    return lemma


def _inability(modal: Token) -> bool:
    """ "could not remember": a negated "could" or "can" states inability, not possibility."""
    return modal.lower_ in ("could", "can") and any(c.dep_ == "neg" for c in modal.head.children)


def _negated_word(t: Token) -> bool:
    """ "not sure", "cannot be sure": a "not" on the word or on its copula."""
    return any(c.dep_ == "neg" for c in t.children) or (
        t.dep_ in ("acomp", "attr") and any(c.dep_ == "neg" for c in t.head.children)
    )


def _conditional(clause: Token, lex: HedgeLexicon) -> bool:
    return any(m.dep_ == "mark" and m.lower_ in lex.conditions for m in clause.children)
