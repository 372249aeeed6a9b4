"""Nominal events whose actor the frame's own slots miss.

The lexicon's noun frames read actor1 off the noun's own dependents ("Russia's talks with the
United States", "bombardment by government forces"). Two common ways news names the actor
elsewhere:

- a possessive "his"/"her" on an event noun, whose owner is the subject of the clause it sits in:
  "Putin told Niinisto about the results of *his* talks with Biden" (the source resolver links
  "he" and "she" to the latest person, not a possessive to the subject of its own clause);
- an aspect noun over the event, which takes the event's agent: "the resumption of heavy
  bombardment *by government forces*", "Russia's escalation of attacks on the city" (the
  ``of`` phrase is the event, the agent is the aspect noun's; ``data/events/aspect_nouns.tsv``).

``possessive_resolver`` wraps the resolve hook once per document; ``code_span`` runs the coder and
the aspect rule over one span.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from ..lexicons import word_set
from ..model import Actor
from .coder import EventCoder, EventMention
from .learned import model_frame
from .predicates import Predicate
from .roles import Act, Ctx, Resolve, actor_at, actors

_POSSESSIVES = ("his", "her")


def possessive_resolver(resolve: Resolve, coder: EventCoder, doc: Doc) -> Resolve:
    """``resolve``, and for a possessive "his"/"her" it cannot place, the actor that is the subject
    of the nearest clause above it ("Putin told X about his talks": Putin; "the minister said her
    visit ...": the minister)."""

    def wrapped(tok: Token) -> tuple[str, str | None] | None:
        got = resolve(tok)
        if got is not None and got[1]:
            return _placed_group(tok, got[0], got[1], coder, doc)
        if tok.lower_ not in _POSSESSIVES or tok.dep_ != "poss":
            return got
        subj = clause_subject(tok)
        if subj is None or (tok.head.dep_ == "dobj" and tok.head.head.i == subj.head.i):
            # "Biden reiterated his commitment to ...": the verb with its object is the act, which
            # the verb's own frame codes ("reiterate commitment"); the object is not a second one
            return got
        act = coder._doc_actors(doc).get(subj.i)
        if act is not None:
            return act.text, act.code
        if subj.lower_ in ("he", "she"):
            return resolve(subj) or got
        return got

    return wrapped


def _placed_group(tok: Token, text: str, code: str, coder: EventCoder, doc: Doc) -> tuple[str, str]:
    """A group noun the resolver placed in the story's country by default ("civilians" → the home
    country's civilians) belongs to the place its own "in" phrase names, else the act's: "civilians
    in Aleppo" in a story set in Iraq are Syria's; "police in Ferguson" are the United States'."""
    if tok.pos_ != "NOUN" or len(code) <= 3:
        return text, code
    acts = coder._doc_actors(doc)
    places = coder._places
    # its own phrase, else the act done to it ("targeting civilians in Aleppo": the parser hangs
    # the place on the verb)
    preps = [p for p in tok.children if p.dep_ == "prep"]
    if tok.dep_ in ("dobj", "nsubjpass") and not any(p.lower_ in _GROUP_PLACE_PREPS for p in preps):
        preps = [p for p in tok.head.children if p.dep_ == "prep"]
    for p in preps:
        if p.lower_ not in _GROUP_PLACE_PREPS:
            continue
        for t in p.subtree:
            a = places.get(t.i) or acts.get(t.i)
            if a is not None and len(a.code) >= 3 and a.code[:3].isalpha():
                return text, a.code[:3] + code[3:]
    return text, code


_GROUP_PLACE_PREPS = ("in", "across", "throughout")


def clause_subject(tok: Token) -> Token | None:
    """The owner of a possessive in a clause: the subject of the nearest verb above ``tok`` that
    has one (not one inside ``tok``'s own phrase). None where there is none, or where the phrase is
    the reason given for an act on an object ("thanked Erdogan for his support": Erdogan's, whom
    the source resolver links or not; the subject would be wrong)."""
    cur, below = tok.head, tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX"):
            subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
            obj = next((c for c in cur.children if c.dep_ == "dobj"), None)
            if obj is not None and below.dep_ == "prep" and below.lower_ == "for":
                return None
            if subj is not None:
                return subj if not subj.left_edge.i <= tok.i <= subj.right_edge.i else None
        if cur.head.i == cur.i:
            return None
        cur, below = cur.head, cur
    return None


def code_span(
    coder: EventCoder, doc: Doc, lo: int, hi: int, resolve: Resolve | None, speaker: Actor | None = None
) -> list[EventMention]:
    """The coder's events in [lo, hi) and, for event nouns it left without a record, the aspect
    rule's."""
    found = coder.code_span(doc, lo, hi, resolve=resolve, speaker=speaker)
    return found + aspect_events(coder, doc, lo, hi, {m.pred for m in found}, resolve, speaker)


def aspect_events(
    coder: EventCoder,
    doc: Doc,
    lo: int,
    hi: int,
    done: set[int],
    resolve: Resolve | None,
    speaker: Actor | None = None,
) -> list[EventMention]:
    """Events of the nouns in [lo, hi) the coder left without a record (``done``: those it coded)
    whose actors stand outside the noun's own slots: an aspect noun's agent (``_aspect_agents``),
    the owners of a "between" phrase's head (``_between_owners``)."""
    span = doc.char_span(lo, hi, alignment_mode="expand")
    if span is None:
        return []
    out: list[EventMention] = []
    ctx: Ctx | None = None
    for tok in span:
        if tok.i in done or not lo <= tok.idx < hi or tok.pos_ != "NOUN":
            continue
        aspect = _aspect_head(tok)
        owners = _between_owners(tok) if aspect is None else []
        if aspect is None and len(owners) < 2:
            continue
        pred = _frame(coder, tok)
        code = _code(coder, pred, tok) if pred is not None else None
        if pred is None or code is None:
            continue
        if ctx is None:
            from .implicit import context  # deferred: implicit imports this module

            ctx = replace(context(coder, doc, resolve), speaker=speaker)
        if aspect is not None:
            a1 = next((got for g in _agents(aspect) if (got := actors(g, ctx))), [])
            a2, _ = coder._fill_actors(pred, tok, pred.actor2, False, ctx)
            out.extend(_emit(a1, a2, code, tok, aspect, ctx, "aspect-agent"))
        elif "sym" in pred.options:
            # "talks between Russia and Ukraine's representatives": both owners, each with the other
            pair = [a for o in owners for a in actor_at(o, ctx)]
            if len({a.code for a in pair}) >= 2:
                out.extend(_emit(pair, pair, code, tok, tok, ctx, "between-owners"))
    return out


def _aspect_head(tok: Token) -> Token | None:
    """The aspect noun whose ``of`` phrase ``tok`` heads ("the resumption of [bombardment]"), when
    it names an agent (a "by" phrase or a possessor), else None."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return None
    head = tok.head.head
    if head.lemma_.lower() not in word_set("events/aspect_nouns.tsv"):
        return None
    return head if _agents(head) else None


def _agents(head: Token) -> list[Token]:
    """The "by" objects and the possessor of a noun."""
    by = [
        g
        for c in head.children
        if c.dep_ == "prep" and c.lower_ == "by"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return by + [c for c in head.children if c.dep_ == "poss"]


def _between_owners(tok: Token) -> list[Token]:
    """ "talks between Russia and Ukraine's representatives": the parser makes the pair the
    possessor of one head ("representatives"), and the frame's "between" slot finds that head
    alone; the coordinated possessors are the two sides."""
    for p in tok.children:
        if p.dep_ != "prep" or p.lower_ != "between":
            continue
        for g in p.children:
            if g.dep_ != "pobj" or g.conjuncts:
                continue
            owner = next((c for c in g.children if c.dep_ == "poss"), None)
            if owner is not None and owner.conjuncts:
                return [owner, *owner.conjuncts]
    return []


def _frame(coder: EventCoder, tok: Token) -> Predicate | None:
    """The event noun's first nominal frame (not a wrapper), else the trained model's."""
    frames = [p for p in coder._frames(tok) if p.nominal and p.mode is None]
    if frames:
        return frames[0]
    proposals = tok.doc._.get("event_proposals") or {}
    if tok.i in proposals and not coder._frames(tok):
        return model_frame(tok, proposals[tok.i])
    return None


def _code(coder: EventCoder, pred: Predicate, tok: Token) -> str | None:
    """The frame's code, refined by the classes of the noun and its modifiers ("heavy shelling")."""
    if pred.code is None and not pred.scheme:
        return None
    mods = [t for c in tok.children if c.dep_ in ("amod", "compound") for t in c.subtree]
    return coder.lex.refine(pred.code or "", pred.scheme, coder._classes([tok, *mods])) or None


def _emit(
    a1: list[Act], a2: list[Act], code: str, tok: Token, head: Token, ctx: Ctx, rule: str
) -> list[EventMention]:
    from .implicit import _mentions  # deferred: implicit imports this module

    return _mentions(a1, a2 or [None], code, tok, head, ctx, rule)
