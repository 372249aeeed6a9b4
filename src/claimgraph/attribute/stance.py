"""A source's stance to what it reports: from the cue and from the claim's own predicate.

The cue sets a stance for everything it reports ("denied", "questioned", "has not confirmed"); an
event's own negation (claimgraph.negation: a "not" on its predicate chain, "no suspects were
arrested", "failed to yield", "no need for") makes an asserted event denied; a "whether" over it
("it is yet to be determined whether ...") makes it questioned. Negation elsewhere in the sentence
does not flip anything. The words are ``data/attribution/stance.tsv``; the deny and doubt cues are
in ``cues.tsv``.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .. import negation
from ..lexicons import read_pairs, read_words, word_set
from ..stancewords import stance_words

if TYPE_CHECKING:
    from .finder import Attribution
    from .lexicon import AttributionLexicon

# links from a clause up to the clause that governs it, within one sentence
_CLAUSAL = frozenset({"ccomp", "xcomp", "csubj", "csubjpass", "pcomp", "pobj", "prep", "acomp", "oprd"})


def cue_stance(doc: Doc, a: Attribution, lexicon: AttributionLexicon) -> str:
    """The stance the cue gives to everything it reports."""
    typ = a.cue.type
    if a.rule == "continuation":
        return "asserts"  # the quotation after "X denied ..." keeps X as its source, says its own
    if typ == "deny":
        if not _denies_something(doc, a, lexicon):
            return "asserts"  # "rejected efforts to sell ...", "deny Iran resources": no denial
        return "questions" if a.negated_cue else "denies"
    if typ == "doubt":
        return "asserts" if a.negated_cue else "questions"
    if not a.negated_cue:
        return "asserts"
    if a.cue.cue in stance_words("factive") or _opens_with_wh(doc, a.content):
        return "asserts"  # "did not know that ...", "do not know how many were killed"
    if a.cue.cue in stance_words("perceive"):
        return "denies"  # "has not seen the Russians withdraw"
    return "questions"  # "have not confirmed", "did not say whether"


def content_stance(doc: Doc, a: Attribution, cue: str, lexicon: AttributionLexicon) -> str:
    """The stance of the attribution as a whole (a record with no coded event): the cue's, else
    the content's main predicate's own negation or doubt."""
    if cue != "asserts":
        return cue
    span = doc.char_span(a.content[0], a.content[1], alignment_mode="expand")
    if span is None or not len(span) or span[0].sent != span[-1].sent:
        return cue  # a quotation of several sentences has no one main predicate
    root = span.root
    if root.pos_ not in ("VERB", "AUX"):
        return cue
    if questioned(root):
        return "questions"
    lemma = root.lemma_.lower()
    if lemma in stance_words("state") or lemma in lexicon.cues or a.cue.cue in stance_words("directive"):
        return cue  # "they were not protesters", "no one agrees", "demanded X not ...": no denial
    if negation.is_negated([root]) and not negation.refusal([root]):
        return "denies"
    return cue


def event_stance(cue: str, negated: bool, doubted: bool) -> str:
    """A record's stance to one event: the cue's denial or doubt scopes over all it reports; an
    asserted event is questioned under "whether", denied when its own predicate is negated."""
    if cue != "asserts":
        return cue
    if doubted:
        return "questions"
    return "denies" if negated else "asserts"


def questioned_span(doc: Doc, span: tuple[int, int]) -> bool:
    """Whether the clause of an event's evidence stands under "whether" (see :func:`questioned`)."""
    c = doc.char_span(span[0], span[1], alignment_mode="expand")
    return c is not None and len(c) > 0 and questioned(c.root)


def questioned(tok: Token) -> bool:
    """The clause of ``tok``, or one that governs it in the same sentence, is a "whether" (or a
    complement "if") clause: "unclear whether Iran will attack", "yet to be determined whether"."""
    marks = stance_words("whether")
    t = tok
    for _ in range(6):
        for c in t.children:
            if c.dep_ == "mark" and c.lower_ in marks and (c.lower_ != "if" or t.dep_ == "ccomp"):
                return True
        if t.dep_ not in _CLAUSAL or t.head is t:
            return False
        t = t.head
    return False


def _denies_something(doc: Doc, a: Attribution, lexicon: AttributionLexicon) -> bool:
    """A deny cue denies a clause ("denied that ...", "denied supplying"), a claim ("rejected the
    accusations"), an event ("denied the attack") or a part in one ("denied responsibility for
    it", ``attribution/culpability.tsv``). With any other object it is a rejection, an event of its
    own ("rejected efforts to sell ...", "dismissed the proposal"), or a withholding ("measures that
    deny Iran resources"), and reports no content it denies."""
    if "+dobj" not in a.rule:
        return True
    span = doc.char_span(a.content[0], a.content[1], alignment_mode="expand")
    if span is None or not len(span):
        return False
    head = span.root.lemma_.lower()
    # "denied responsibility for the bombing", "denies any wrongdoing": the deed is denied
    culpable = head in word_set("attribution/culpability.tsv")
    return head in lexicon.nominal_cues or is_event_noun(head) or culpable


@cache
def _event_nouns() -> tuple[frozenset[str], tuple[str, ...]]:
    words = read_words("events/event_nouns.tsv")
    return frozenset(w for w in words if not w.startswith("-")), tuple(
        w[1:] for w in words if w.startswith("-")
    )


def is_event_noun(lemma: str) -> bool:
    """A noun naming an event ("attack", "talks", "-tion" nouns of more than five letters), as the
    event model's candidate list has them (``events/event_nouns.tsv``)."""
    nouns, suffixes = _event_nouns()
    return lemma in nouns or (len(lemma) > 5 and lemma.endswith(suffixes))


def _opens_with_wh(doc: Doc, content: tuple[int, int]) -> bool:
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not t.is_punct][:2]
    return any(t.lower_ in stance_words("wh") for t in words)


@cache
def _author_words() -> dict[str, str]:
    return dict(read_pairs("attribution/author_framing.tsv", ("distancing", "endorsing"), "framing"))


def author_framing(doc: Doc, span: tuple[int, int]) -> str:
    """The framing of an event told in the author's voice: the reporter's own side-taking word in
    its evidence ("the purported annexation", "the so-called referendum"), else neutral."""
    c = doc.char_span(span[0], span[1], alignment_mode="expand")
    if c is None:
        return "neutral"
    words = _author_words()
    text = c.text.lower()
    for t in c:
        hit = words.get(t.lower_)
        if hit is None and t.i + 2 < len(doc) and doc[t.i + 1].text == "-":
            hit = words.get(f"{t.lower_}-{doc[t.i + 2].lower_}")  # "so - called" split by the tokenizer
        if hit is not None:
            return hit
    return next((f for w, f in words.items() if "-" in w and w in text), "neutral")
