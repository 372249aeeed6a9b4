"""The event coder: predicates from the lexicon, actors from the parse, codes refined by the object.

For every lexicon predicate in the coded range it picks the frame that fills most slots, reads actor1,
actor2 and the object off the dependency parse (passives, control, coordination, possessors,
demonyms, pronouns), lets wrapper verbs above it ("offered to", "urged ... to", "refused to") change
the code, and emits one ``EventMention`` per actor pair. Where a frame finds no actor1, nothing is
emitted: no record beats a wrong record.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from .. import cameo
from ..model import Actor, Event
from . import modality
from .predicates import Lexicon, Predicate, Slot, lexicon
from .time import event_date, event_place

Resolve = Callable[[Token], "tuple[str, str | None] | None"]
"""The lead's hook: a token (pronoun or unknown name) → (text, actor code), or None."""

PRONOUNS_PLURAL = frozenset({"they", "their", "them", "theirs", "themselves"})
PRONOUNS_SINGULAR = frozenset({"it", "its", "itself"})
# Nouns that stand for the state or group named by their modifier: "Iranian pilots", "Russia's
# military", "the government of Iran". Other heads ("Iran's neighborhood") do not take the actor.
AGENT_NOUNS = frozenset(
    "government regime administration military army navy force forces troop troops soldier soldiers pilot "
    "pilots official officials minister ministry president leader leadership authority authorities police "
    "diplomat diplomats ambassador envoy delegation embassy mission state side officer officers commander "
    "commanders militant militants fighter fighters rebel rebels agent agents spy spies intelligence "
    "parliament court judge prosecutor prosecutors company firm operator operators crew unit units".split()
)
PAIR_NOUNS = frozenset({"nation", "country", "side", "state", "government", "power", "neighbor", "neighbour", "ally"})
# Heads that only measure their "of" phrase: the object of "a level of military support" is the support.
QUANTITY_NOUNS = frozenset("level amount number lot range kind type batch series set degree volume quantity".split())
_SUBJ_DEPS = ("nsubj", "csubj")
_CLAUSE_STOP = ("conj", "cc", "advcl", "relcl", "parataxis", "punct", "mark", "ccomp")


@dataclass(frozen=True, slots=True)
class EventMention:
    """One coded event: the evidence span (the clause with actor1, predicate and actor2) and the event."""

    start: int
    end: int
    event: Event
    negated: bool
    hedged: bool
    rule: str


@dataclass(slots=True)
class _Act:
    """An actor candidate: mention text, code, char offsets and the head token index."""

    text: str
    code: str
    start: int
    end: int
    i: int
    group: tuple[int, ...] = ()  # token indices of the coordination it belongs to (for "their")

    def actor(self) -> Actor:
        return Actor(text=self.text, code=self.code, start=self.start, end=self.end)


@dataclass(slots=True)
class _Cand:
    """A candidate event before pairing: the frame and its filled slots."""

    pred: Predicate
    tok: Token
    a1: list[_Act]
    a2: list[_Act]
    obj: Token | None
    classes: list[str]
    chain: list[Token] = field(default_factory=list)
    code: str | None = None
    pair: bool = False  # actor1 list is a reciprocal pair from one slot
    rule: str = ""
    extra_neg: bool = False
    extra_hedge: bool = False


class EventCoder:
    """Codes events in spans of a parsed document; see the module docstring."""

    def __init__(
        self,
        *,
        actor_coder: Any = None,
        extra_dirs: Sequence[str | os.PathLike[str]] = (),
        resolve: Resolve | None = None,
    ) -> None:
        self.lex: Lexicon = lexicon(extra_dirs)
        self._actor_coder = actor_coder
        self.resolve = resolve
        self._last: tuple[Doc, dict[int, _Act]] | None = None

    # ------------------------------------------------------------------ actors
    @property
    def actor_coder(self) -> Any:
        if self._actor_coder is None:
            from ..actors import default_coder  # deferred: written in parallel, heavy tables

            self._actor_coder = default_coder()
        return self._actor_coder

    def _doc_actors(self, doc: Doc) -> dict[int, _Act]:
        """Actor mentions of the whole document, by the index of every token they cover."""
        if self._last is not None and self._last[0] is doc:
            return self._last[1]
        by_tok: dict[int, _Act] = {}
        for m in self.actor_coder.find(doc.text):
            if not m.code:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            act = _Act(m.text, m.code, m.start, m.end, span.root.i)
            for t in span:
                by_tok.setdefault(t.i, act)
        self._last = (doc, by_tok)
        return by_tok

    def _np(self, tok: Token) -> tuple[int, int]:
        """Char extent of a noun phrase without its post-modifiers (prepositions, clauses)."""
        left = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ not in ("punct", "cc")])
        return tok.doc[left].idx, tok.idx + len(tok)

    def _actor_at(self, tok: Token, ctx: _Ctx, poss: bool = False) -> list[_Act]:
        """The actor(s) a noun phrase headed by ``tok`` stands for (one token, no coordination)."""
        acts = ctx.acts
        low = tok.lower_
        if low in PRONOUNS_PLURAL or low in PRONOUNS_SINGULAR or tok.tag_ in ("PRP", "PRP$"):
            return self._pronoun(tok, ctx)
        if tok.lemma_.lower() in PAIR_NOUNS and any(c.lower_ in ("two", "both") for c in tok.children):
            return self._pair_before(tok, ctx)  # "the two nations", "both countries"
        hit = acts.get(tok.i)
        if hit is not None:
            s, e = self._np(tok)
            return [_Act(tok.doc.text[s:e], hit.code, s, e, tok.i)]
        agentive = poss or tok.lemma_.lower() in AGENT_NOUNS
        deps = ("amod", "compound", "nmod", "poss") if agentive else ("amod", "compound", "nmod")
        for c in tok.children:
            # "Iranian pilots", "Russia's military", "the government of Iran" (agent heads only)
            if c.dep_ in deps or (agentive and c.dep_ == "prep" and c.lower_ == "of"):
                for t in c.subtree:
                    m = acts.get(t.i)
                    if m is not None:
                        s, e = self._np(tok)
                        return [_Act(tok.doc.text[s:e], m.code, s, e, tok.i)]
                if c.dep_ == "poss" and c.tag_ == "PRP$":
                    got = self._pronoun(c, ctx)
                    if got:
                        return got
        resolve = ctx.resolve or self.resolve
        if resolve is not None and tok.pos_ in ("PROPN", "NOUN"):
            r = resolve(tok)
            if r is not None and r[1]:
                s, e = self._np(tok)
                return [_Act(tok.doc.text[s:e], r[1], s, e, tok.i)]
        return []

    def _actors(self, tok: Token | None, ctx: _Ctx, poss: bool = False) -> list[_Act]:
        """Actors of a noun phrase and its conjuncts ("Iran and Russia" → two), deduplicated by code."""
        if tok is None:
            return []
        out: list[_Act] = []
        heads = [tok, *tok.conjuncts] if tok.dep_ != "conj" else [tok]
        group = tuple(sorted(h.i for h in heads))
        for h in heads:
            for a in self._actor_at(h, ctx, poss):
                if all(a.code != b.code for b in out):
                    a.group = group if len(heads) > 1 else a.group
                    out.append(a)
        return out

    def _pronoun(self, tok: Token, ctx: _Ctx) -> list[_Act]:
        """Antecedent of a pronoun: the resolve hook, else the nearest actor mention before it."""
        resolve = ctx.resolve or self.resolve
        if resolve is not None:
            r = resolve(tok)
            if r is not None and r[1]:
                return [_Act(r[0], r[1], tok.idx, tok.idx + len(tok), tok.i)]
        plural = tok.lower_ in PRONOUNS_PLURAL
        if not plural and tok.lower_ not in PRONOUNS_SINGULAR:
            return []  # he/she/we: people, left to the source resolver
        cands = self._before(tok, ctx)
        if not cands:
            return []
        near = cands[0]
        if plural:
            grp = [a for a in cands if near.group and a.i in near.group]
            if len(grp) > 1:
                return grp  # "Iran and Russia ... their cooperation" → the pair
        return [_Act(near.text, near.code, near.start, near.end, near.i, near.group)]

    def _pair_before(self, tok: Token, ctx: _Ctx) -> list[_Act]:
        """The last two distinct actors before ``tok`` ("between the two nations")."""
        cands = self._before(tok, ctx)
        if cands and cands[0].group:
            grp = [a for a in cands if a.i in cands[0].group]
            if len(grp) > 1:
                return grp
        out: list[_Act] = []
        for a in cands:
            if all(a.code[:3] != b.code[:3] for b in out):
                out.append(a)
            if len(out) == 2:
                return out
        return []

    def _before(self, tok: Token, ctx: _Ctx) -> list[_Act]:
        """Actor mentions before ``tok`` in its sentence and the previous one, nearest first."""
        sent = tok.sent
        lo = sent.start
        if sent.start > 0:
            lo = tok.doc[sent.start - 1].sent.start
        seen: set[int] = set()
        out: list[_Act] = []
        for i in range(tok.i - 1, lo - 1, -1):
            a = ctx.acts.get(i)
            if a is None or id(a) in seen:
                continue
            seen.add(id(a))
            t = tok.doc[a.i]
            grp = tuple(sorted(h.i for h in [t, *t.conjuncts])) if t.conjuncts else ()
            out.append(_Act(a.text, a.code, a.start, a.end, a.i, grp))
        for c in ctx.context:
            if c.code:
                out.append(_Act(c.text or c.code, c.code, c.start or 0, c.end or 0, -1))
        return out

    # ------------------------------------------------------------------ slots
    def _slot_tokens(self, pred: Predicate, tok: Token, slot: Slot, passive: bool) -> list[Token]:
        """Tokens filling one slot alternative of a frame on ``tok``."""
        kids = list(tok.children)
        dep = slot.dep
        if passive and not pred.nominal:
            if dep == "nsubj":
                return [g for a in kids if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
            if dep in ("dobj", "dative"):
                got = [c for c in kids if c.dep_ in ("nsubjpass", "csubjpass")]
                if got:
                    return got
        if dep == "prep":
            hosts = [tok]
            # PP-attachment: "providing support to Iran" often hangs "to Iran" on the object noun
            for c in kids:
                if c.dep_ in ("dobj", "attr", "dative"):
                    hosts.append(c)
                    hosts.extend(p for q in c.children if q.dep_ == "prep" and q.lower_ == "of" for p in q.children)
            for h in hosts:
                for p in h.children:
                    if p.dep_ in ("prep", "agent", "dative") and p.lower_ == slot.prep:
                        objs = [g for g in p.children if g.dep_ in ("pobj", "pcomp")]
                        if objs:
                            return objs
            return []
        if dep == "nsubj":
            return [c for c in kids if c.dep_ in _SUBJ_DEPS]
        if dep == "dative":
            return [c for c in kids if c.dep_ == "dative"]
        if dep == "obj*":
            return []
        return [c for c in kids if c.dep_ == dep]

    def _fill(self, pred: Predicate, tok: Token, slots: tuple[Slot, ...], passive: bool) -> tuple[Token, Slot] | None:
        for s in slots:
            got = self._slot_tokens(pred, tok, s, passive)
            if got:
                return got[0], s
        return None

    def _controller(self, tok: Token) -> Token | None:
        """The understood subject of a subjectless verb (control, conjunction, relative clause)."""
        cur = tok
        for _ in range(6):
            subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and cur is not tok:
                if subj.tag_ in ("WDT", "WP") and cur.dep_ == "relcl":
                    return cur.head
                return subj
            if subj is not None and subj.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
                return tok.head
            head = cur.head
            if cur.dep_ == "xcomp" or (cur.dep_ == "pcomp" and head.dep_ == "prep"):
                verb = head if cur.dep_ == "xcomp" else head.head
                # object control: "urged Iran to", "accused Russia of moving to"
                obj = next((c for c in verb.children if c.dep_ in ("dobj",)), None)
                if obj is not None and obj.i < cur.i:
                    return obj
                cur = verb
                continue
            if cur.dep_ in ("conj", "advcl", "acl") and head.pos_ in ("VERB", "AUX"):
                cur = head
                continue
            if cur.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
                return head
            return None
        return None

    # ------------------------------------------------------------------ classes and objects
    def _classes(self, toks: Sequence[Token]) -> list[str]:
        """Object classes of the words in ``toks`` (text order), e.g. ["military", "aerial"]."""
        out: list[str] = []
        for t in sorted(toks, key=lambda t: t.i):
            for key in (t.lemma_.lower(), t.lower_):
                for c in self.lex.classes.get(key, ()):
                    if c not in out:
                        out.append(c)
        return out

    @staticmethod
    def _object_text(tok: Token) -> str:
        """The object as the house style writes it: the listed items, or the measured noun."""
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "including":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return tok.doc[objs[0].left_edge.i : objs[0].right_edge.i + 1].text
        if tok.lemma_.lower() in QUANTITY_NOUNS:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    objs = [g for g in c.children if g.dep_ == "pobj"]
                    if objs:
                        return EventCoder._object_text(objs[0])
        toks = [tok] + [t for c in tok.lefts for t in c.subtree]
        toks += [t for c in tok.rights if c.dep_ in ("compound", "prep") and c.lower_ in ("of",) for t in c.subtree]
        toks = sorted(t for t in toks if not (t.dep_ == "det" and t.lower_ in ("a", "an", "more", "some", "any")))
        toks = [t for t in toks if not t.is_punct]
        if not toks:
            return tok.text
        return tok.doc[toks[0].i : toks[-1].i + 1].text

    # ------------------------------------------------------------------ predicates
    def _matches(self, pred: Predicate, tok: Token) -> bool:
        """Whether the later words of a multiword predicate are children of ``tok``."""
        for w in pred.words:
            if not any(
                c.lemma_.lower() == w or c.lower_ == w
                for c in tok.children
                if c.dep_ in ("prt", "dobj", "nsubjpass", "prep", "attr", "advmod", "acomp", "xcomp", "npadvmod")
            ):
                return False
        return True

    def _frames(self, tok: Token) -> list[Predicate]:
        lem = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX", "ADJ") or tok.tag_.startswith("VB"):
            cands = self.lex.verbs.get(lem, []) or self.lex.verbs.get(tok.lower_, [])
        elif tok.pos_ in ("NOUN", "PROPN"):
            cands = self.lex.nouns.get(lem, []) or self.lex.nouns.get(tok.lower_, [])
        else:
            return []
        return [p for p in cands if self._matches(p, tok)]

    def _candidate(self, pred: Predicate, tok: Token, ctx: _Ctx) -> _Cand | None:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        f1 = self._fill(pred, tok, pred.actor1, passive)
        f2 = self._fill(pred, tok, pred.actor2, passive)
        fo = self._fill(pred, tok, pred.obj, passive)
        consumed = {c.i for c in tok.children if any(c.lemma_.lower() == w for w in pred.words)}
        obj = fo[0] if fo and fo[0].i not in consumed else None
        a1: list[_Act] = []
        if f1 is not None:
            a1 = self._actors(f1[0], ctx, f1[1].poss)
            if a1 and f1[1].prep == "between" and len(a1) == 1:
                a1 = []
        elif not pred.nominal and any(s.dep == "nsubj" for s in pred.actor1) and not passive:
            ctl = self._controller(tok)
            a1 = self._actors(ctl, ctx) if ctl is not None else []
        elif pred.nominal:
            a1 = self._light_verb_subject(tok, ctx)
        a2 = self._actors(f2[0], ctx, f2[1].poss) if f2 is not None else []
        if not a2 and any(s.dep == "obj*" for s in pred.actor2) and obj is not None:
            a2 = [a for t in obj.subtree if t.i != obj.i for a in self._actor_at(t, ctx)][:1]
        pair = False
        if f1 is not None and f1[1].prep == "between" and len(a1) >= 2:
            pair, a2 = True, []  # "between Iran and Russia": both actors in one slot
        elif len(a1) >= 2 and not a2 and "sym" in pred.options:
            pair = True
        if not a1:
            return None
        ctoks: list[Token] = []
        if obj is not None:
            ctoks.extend(obj.subtree)
        ctoks.extend(c for c in tok.children if c.dep_ in ("advmod", "amod", "compound", "npadvmod"))
        if pred.nominal:
            ctoks.extend(t for c in tok.children if c.dep_ in ("amod", "compound") for t in c.subtree)
        code = pred.code
        if pred.code is not None or pred.scheme:
            code = self.lex.refine(pred.code or "", pred.scheme, self._classes(ctoks)) or None
        return _Cand(pred, tok, a1, a2, obj, self._classes(ctoks), [tok], code, pair, pred.rule)

    def _light_verb_subject(self, noun: Token, ctx: _Ctx) -> list[_Act]:
        """"Russia deepened its cooperation" was handled by poss; "X held talks" gives X to the noun."""
        head = noun.head
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "of":
            head = head.head.head if head.head.dep_ in ("dobj", "pobj") else head.head
        if noun.dep_ in ("dobj", "pobj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
            subj = next((c for c in head.children if c.dep_ == "nsubj"), None) or self._controller(head)
            return self._actors(subj, ctx)
        return []

    def _best(self, frames: list[Predicate], tok: Token, ctx: _Ctx) -> _Cand | None:
        best: tuple[float, int, _Cand] | None = None
        for n, p in enumerate(frames):
            if p.mode is not None:
                continue
            c = self._candidate(p, tok, ctx)
            if c is None or c.code is None:
                continue
            score = 3 * len(p.words) + 2 * bool(c.a1) + bool(c.a2 or c.pair) + 0.5 * (c.obj is not None)
            if best is None or score > best[0]:
                best = (score, -n, c)
        return best[2] if best else None

    # ------------------------------------------------------------------ wrappers
    def _wrapper(self, tok: Token) -> tuple[Token, Predicate] | None:
        """The wrapper verb whose complement ``tok`` is ("offered to *provide*"), with its frame."""
        head, via = tok.head, tok.dep_
        if tok.dep_ == "pcomp" and head.dep_ == "prep":
            via, head = f"prep:{head.lower_}", head.head
        if head.i == tok.i:
            return None
        for p in self._frames(head):
            if p.mode is None:
                continue
            if any(str(Slot(s.dep, s.prep)) == via or s.dep == via for s in p.obj):
                return head, p
        return None

    def _wrap(self, c: _Cand, lo: int, hi: int, ctx: _Ctx) -> _Cand | None:
        """Apply the wrapper verbs above the predicate that lie in [lo, hi)."""
        cur = c.tok
        while True:
            w = self._wrapper(cur)
            if w is None or not (lo <= w[0].idx < hi):
                return c
            wt, wp = w
            c.chain.append(wt)
            c.rule += f" +{wp.where} @{wp.mode}({wt.lemma_.lower()})"
            inner = c.code or ""
            mode = wp.mode or "pass"
            if mode in ("hedge",) or "hedge" in wp.options:
                c.extra_hedge = True
            if mode == "deny":
                c.extra_neg = not c.extra_neg
            elif mode in ("intent", "threaten", "reject"):
                c.code = self.lex.wrap(mode, inner) or (inner if mode == "intent" else None)
            elif mode in ("appeal", "demand"):
                c.code = self.lex.wrap(mode, inner)
                src = self._fill(wp, wt, wp.actor1, False)
                subj = src[0] if src else self._controller(wt)
                speaker = self._actors(subj, ctx) if subj is not None else []
                if not speaker:
                    return None
                addressee = self._fill(wp, wt, wp.actor2, False)
                target = self._actors(addressee[0], ctx) if addressee else []
                if not target:
                    target = c.a1 if all(a.code != s.code for a in c.a1 for s in speaker) else c.a2
                c.a1, c.a2, c.pair = speaker, target, False
            if c.code is None:
                return None
            cur = wt

    def _joint_intent(self, tok: Token, ctx: _Ctx) -> _Cand | None:
        """"Russia and Iran were considering standing up a drone line": a pair planning something
        no lexicon predicate names is intent to cooperate, refined by what they plan (031x)."""
        frames = [p for p in self._frames(tok) if p.mode == "intent"]
        if not frames:
            return None
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        a1 = self._actors(subj, ctx)
        if len(a1) < 2:
            return None
        comp = next((c for c in tok.children if c.dep_ in ("xcomp", "dobj", "ccomp")), None)
        if comp is None:
            return None
        cls = self._classes(list(comp.subtree))
        code = self.lex.refine("030", "intent_coop", cls)
        obj = next((c for c in comp.children if c.dep_ == "dobj"), comp)
        p = frames[0]
        return _Cand(p, tok, a1, [], obj, cls, [tok], code, True, p.rule + " (joint intent)")

    # ------------------------------------------------------------------ output
    def _evidence(self, c: _Cand, lo: int, hi: int) -> tuple[int, int]:
        """The clause of the outermost link in range, without conjoined or subordinate clauses."""
        top = c.chain[-1]
        toks = [top]
        for ch in top.children:
            if ch.dep_ in _CLAUSE_STOP and not (ch.dep_ == "ccomp" and ch in c.chain):
                continue
            sub = list(ch.subtree)
            # a PP or clause that holds another verb ("in exchange for Tehran supplying") is not ours
            if ch not in c.chain and c.tok not in sub and any(t.pos_ == "VERB" and t.dep_ != "amod" for t in sub):
                continue
            toks.extend(sub)
        for a in (*c.a1, *c.a2):
            if top.left_edge.i <= a.i <= top.right_edge.i:
                toks.append(top.doc[a.i])
        s = min(t.idx for t in toks)
        e = max(t.idx + len(t) for t in toks)
        s, e = max(s, lo), min(e, hi)
        text = top.doc.text
        while e > s and text[e - 1] in " ,;:.-–—":
            e -= 1
        return s, e

    def _emit(self, c: _Cand, lo: int, hi: int, published: str | None) -> list[EventMention]:
        if c.code is None or not cameo.is_valid(c.code):
            return []
        pairs: list[tuple[_Act, _Act | None]] = []
        if c.pair:
            pairs = [(x, y) for x in c.a1 for y in c.a1 if x.code != y.code]
            if "sym" not in c.pred.options and c.pred.mode is None:
                pairs = [(x, y) for x, y in pairs if x.i < y.i]
        elif c.a2:
            pairs = [(x, y) for x in c.a1 for y in c.a2 if x.code != y.code]
        else:
            pairs = [(x, None) for x in c.a1]
        if not pairs:
            return []
        s, e = self._evidence(c, lo, hi)
        neg = (modality.nominal_negated(c.tok) if c.pred.nominal else False) or modality.is_negated(c.chain)
        neg = neg != c.extra_neg
        hedged = c.extra_hedge or modality.is_hedged(c.chain)
        used = {a.i for a in (*c.a1, *c.a2)}
        date = event_date(c.chain, c.tok.sent, published)
        place = event_place(c.chain, used)
        obj = self._object_text(c.obj) if c.obj is not None and c.obj.pos_ in ("NOUN", "PROPN", "NUM") else None
        action = cameo.action_for(c.code, c.tok.text)
        out = []
        for x, y in pairs:
            ev = Event(
                actor1=x.actor(), action=action, actor2=y.actor() if y else None, object=obj, date=date, place=place
            )
            out.append(EventMention(s, e, ev, neg, hedged, c.rule))
        return out

    def _code(self, doc: Doc, lo: int, hi: int, ctx: _Ctx) -> list[EventMention]:
        span = doc.char_span(lo, hi, alignment_mode="expand")
        if span is None:
            return []
        cands: list[_Cand] = []
        wrappers_used: set[int] = set()
        for tok in span:
            if tok.idx < lo or tok.idx + len(tok) > hi:
                continue
            frames = self._frames(tok)
            if not frames:
                continue
            c = self._best(frames, tok, ctx)
            if c is None and any(p.mode for p in frames):
                c = None if self._has_inner(tok) else self._joint_intent(tok, ctx)
            if c is not None:
                cands.append(c)
        inner_objs: set[int] = set()
        for c in cands:
            if not c.pred.nominal and c.obj is not None:
                inner_objs.update(t.i for t in c.obj.subtree)
            if not c.pred.nominal:
                consumed = [t for t in c.tok.children if t.lemma_.lower() in c.pred.words]
                inner_objs.update(t.i for k in consumed for t in k.subtree)
        wrapped: list[_Cand] = []
        for c in cands:
            if c.pred.nominal and c.tok.i in inner_objs:
                continue  # "providing support to Iran": the verb already coded the noun's event
            w = self._wrap(c, lo, hi, ctx)
            if w is not None:
                wrapped.append(w)
                wrappers_used.update(t.i for t in w.chain[1:])
        out: list[EventMention] = []
        for w in wrapped:
            # a wrapper that composed an inner event ("urged X to withdraw") is not an event of its own
            if w.tok.i in wrappers_used:
                continue
            out.extend(self._emit(w, lo, hi, ctx.published))
        return self._dedupe(out)

    def _has_inner(self, tok: Token) -> bool:
        return any(
            self._frames(t) and any(p.mode is None for p in self._frames(t))
            for c in tok.children
            if c.dep_ in ("xcomp", "ccomp", "pcomp", "prep")
            for t in c.subtree
        )

    @staticmethod
    def _dedupe(ms: list[EventMention]) -> list[EventMention]:
        """One mention per (dyad, code, evidence start): frames of one predicate may agree."""
        seen: set[tuple[str | None, str | None, str | None, int]] = set()
        out = []
        for m in ms:
            ev = m.event
            key = (
                ev.actor1.code if ev.actor1 else None,
                ev.action.cameo if ev.action else None,
                ev.actor2.code if ev.actor2 else None,
                m.start,
            )
            if key in seen:
                continue
            seen.add(key)
            out.append(m)
        return out

    # ------------------------------------------------------------------ API
    def code_span(
        self,
        doc: Doc,
        start_char: int,
        end_char: int,
        *,
        context_actors: Sequence[Actor] | None = None,
        resolve: Resolve | None = None,
        published: str | None = None,
    ) -> list[EventMention]:
        """All events whose predicate lies in [start_char, end_char) (a claim's content or a sentence).

        ``context_actors`` are fall-back antecedents for pronouns (after the sentence and the one
        before it); ``published`` (ISO date; else ``doc.user_data["published"]``) resolves dates.
        """
        ctx = _Ctx(
            acts=self._doc_actors(doc),
            resolve=resolve,
            context=tuple(context_actors or ()),
            published=published or doc.user_data.get("published"),
        )
        return self._code(doc, start_char, end_char, ctx)

    def code_sentence(
        self, sent: Span, *, resolve: Resolve | None = None, published: str | None = None
    ) -> list[EventMention]:
        """Events the author states as fact in a sentence (the author's own voice)."""
        return self.code_span(sent.doc, sent.start_char, sent.end_char, resolve=resolve, published=published)


@dataclass(frozen=True, slots=True)
class _Ctx:
    """Per-call state: the document's actors, the resolve hook, context antecedents, the date."""

    acts: dict[int, _Act]
    resolve: Resolve | None
    context: tuple[Actor, ...]
    published: str | None


@lru_cache(maxsize=1)
def default_event_coder() -> EventCoder:
    """The shared coder with the built-in lexicon and the default actor coder (cached)."""
    return EventCoder()
