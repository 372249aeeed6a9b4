"""The event coder: predicates from the lexicon, actors from the parse, codes refined by the object.

For every lexicon predicate in the coded range it picks the frame that fills most slots, reads actor1,
actor2 and the object off the dependency parse (passives, control, coordination, possessors,
demonyms, pronouns), lets wrapper verbs above it ("offered to", "urged ... to", "refused to") change
the code, and emits one ``EventMention`` per actor pair. Where a frame finds no actor1, nothing is
emitted: no record beats a wrong record.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from .. import cameo
from ..hedging import is_hedged
from ..lexicons import word_set
from ..model import Actor, Event
from ..nlp import doc_text, in_relcl
from . import adversary, modality, noun_actors, slots, violence
from .backing import backers
from .candidate import Candidate as _Cand
from .learned import Proposal, model_frame
from .must import must_demand, must_frame
from .named import named_operation
from .predicates import Lexicon, Predicate, Slot, lexicon
from .roles import (
    Act,
    Ctx,
    Resolve,
    actors,
    controller,
    exchange_partner,
    guests,
    home_side,
    joint_they,
    participants,
    phrase_target,
)
from .slots import acting_subject, in_prep, is_passive, lemma_guesses, object_text, slot_tokens
from .targets import target
from .time import event_date, event_place

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
    nominal: bool = False
    """The predicate is a noun ("cooperation between A and B"), not a verb."""
    pred: int = -1
    """The predicate's token index in the document."""


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
        self._last: tuple[Doc, dict[int, Act]] | None = None
        self._participants: tuple[Act, ...] | None = None
        self._places: dict[int, Act] = {}

    # ------------------------------------------------------------------ actors
    @property
    def actor_coder(self) -> Any:
        if self._actor_coder is None:
            from ..actors import default_coder  # deferred: written in parallel, heavy tables

            self._actor_coder = default_coder()
        return self._actor_coder

    def _doc_actors(self, doc: Doc) -> dict[int, Act]:
        """Actor mentions of the whole document, by the index of every token they cover (the
        pipeline codes many spans of one document in a row, so the last document is cached)."""
        if self._last is not None and self._last[0] is doc:
            return self._last[1]
        self._participants = None
        by_tok: dict[int, Act] = {}
        places: dict[int, Act] = {}
        for m in self.actor_coder.find(doc_text(doc)):
            # a place inside a country ("in Ferguson", "in New York") says where, not who: it tells
            # the sources which country a story is about, but is never an event's actor by itself
            # (kept apart: it says whose a group is, "police in Ferguson", "defenders of Mariupol")
            if not m.code:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            act = Act(m.text, m.code, m.start, m.end, span.root.i)
            for t in span:
                (places if m.kind == "place" else by_tok).setdefault(t.i, act)
        self._last = (doc, by_tok)
        self._places = places
        return by_tok

    def _doc_participants(self, doc: Doc, acts: dict[int, Act]) -> tuple[Act, ...]:
        """The two countries of the article's opening event: the first of its first three
        sentences that names actors of two countries, its first two (readouts open "X had a
        telephone conversation with Y", news leads "X and Y agreed ..."). A list of three or more
        ("representatives from Australia, Argentina, Brazil, ...") names no two parties; nor does
        an opening event whose one coded party acts ("X held a call with transatlantic leaders"):
        the countries of a later sentence ("The leaders discussed Russia's build-up around
        Ukraine") are what was talked about."""
        if self._participants is not None:
            return self._participants
        found: tuple[Act, ...] = ()
        for n, sent in enumerate(doc.sents):
            if n >= 3:
                break
            out: list[Act] = []
            for i in range(sent.start, sent.end):
                a = acts.get(i)
                if a is None or sum(j.i in acts for j in doc[a.i].conjuncts) >= 2:
                    continue
                if all(a.code[:3] != b.code[:3] for b in out):
                    out.append(a)
            if len(out) >= 2:
                found = tuple(out[:2])
                break
            if out and acting_subject(sent, acts):
                break  # "Biden held a call with transatlantic leaders": the opening event has one party
        self._participants = found
        return found

    # ------------------------------------------------------------------ slots

    def _fill(
        self, pred: Predicate, tok: Token, slots: tuple[Slot, ...], passive: bool
    ) -> tuple[Token, Slot] | None:
        """The first slot alternative with a filler (for objects)."""
        for s in slots:
            got = slot_tokens(pred, tok, s, passive)
            if got:
                return got[0], s
        return None

    def _fill_actors(
        self, pred: Predicate, tok: Token, slots: tuple[Slot, ...], passive: bool, ctx: Ctx
    ) -> tuple[list[Act], Slot | None]:
        """The actors of the first slot alternative that holds any ("growing" fills amod, but no actor)."""
        for s in slots:
            for t in slot_tokens(pred, tok, s, passive):
                if t.lower_ in word_set("events/reflexives.tsv"):
                    continue  # "defend itself": the subject again, no second party
                event = self._event_pronoun(t, ctx)
                acts = event if event is not None else actors(t, ctx, s.poss)
                if acts:
                    return acts, s
        return [], None

    def _event_pronoun(self, tok: Token, ctx: Ctx) -> list[Act] | None:
        """ "condemned these attacks and demanded that they cease": "they", whose nearest plural noun
        before it in the sentence is an event noun (no actor), stands for that event; its actor1
        (as the noun names it, or an earlier mention) is who must stop, never an actor further back
        ([] where the event names none). None where ``tok`` is no such pronoun."""
        if tok.lower_ not in ("they", "them"):
            return None
        args = (
            "nsubj",
            "nsubjpass",
            "dobj",
            "conj",
            "appos",
            "attr",
        )  # "raids", not "Syria" in "raids on Syria"
        before = [t for t in tok.doc[tok.sent.start : tok.i] if t.dep_ in args]
        prev = next((t for t in reversed(before) if t.tag_ in ("NNS", "NNPS") or t.i in ctx.acts), None)
        frames = [p for p in self._frames(prev) if p.mode is None and p.nominal] if prev is not None else []
        if prev is None or prev.i in ctx.acts or not frames:
            return None
        for p in frames:
            c = self._candidate(p, prev, ctx)
            if c is not None and c.a1 and c.code is not None:
                return [Act(a.text, a.code, a.start, a.end, -1) for a in c.a1]
        return self._mentioned_actors(prev, ctx)  # "these attacks": what an earlier mention named

    def _classes(self, toks: Sequence[Token]) -> list[str]:
        """Object classes of the words in ``toks`` (text order), e.g. ["military", "aerial"]."""
        out: list[str] = []
        for t in sorted(toks, key=lambda t: t.i):
            if t.i in self._places and "territory" not in out:
                out.append("territory")  # a town or region named: "captured Mariupol", "seized Crimea"
            for key in (t.lemma_.lower(), t.lower_):
                for c in self.lex.classes.get(key, ()):
                    # "agreed on the need to work together": a needed act is an intent, not a view
                    if c not in out and not (c == "position" and any(k.dep_ == "acl" for k in t.children)):
                        out.append(c)
        return out

    # ------------------------------------------------------------------ predicates
    def _matches(self, pred: Predicate, tok: Token) -> bool:
        """Whether the later words of a multiword predicate are children of ``tok``."""
        for w in pred.words:
            if not any(
                c.lemma_.lower() == w or c.lower_ == w
                for c in tok.children
                if c.dep_
                in ("prt", "dobj", "nsubjpass", "prep", "attr", "advmod", "acomp", "xcomp", "npadvmod")
            ):
                return False
        return True

    def _frames(self, tok: Token) -> list[Predicate]:
        lem = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX", "ADJ") or tok.tag_.startswith("VB"):
            cands = self.lex.verbs.get(lem, []) or self.lex.verbs.get(tok.lower_, [])
            if not cands and tok.pos_ != "ADJ":
                cands = next((self.lex.verbs[k] for k in lemma_guesses(tok) if k in self.lex.verbs), [])
        elif tok.pos_ in ("NOUN", "PROPN"):
            cands = self.lex.nouns.get(lem, []) or self.lex.nouns.get(tok.lower_, [])
        else:
            return []
        return [p for p in cands if self._matches(p, tok)]

    def participants(self, doc: Doc) -> tuple[Actor, ...]:
        """The two parties of the article's opening event (see ``_doc_participants``), if any."""
        return tuple(a.actor() for a in self._doc_participants(doc, self._doc_actors(doc)))

    def knows(self, tok: Token) -> bool:
        """Whether a frame of the lexicon (not a wrapper) fits ``tok``; a noun whose frame is an event
        only for some fields ("-/coop": "defense ties" yes) names none without such a modifier
        ("the relationship between Tehran and Moscow")."""
        for p in self._frames(tok):
            if p.mode is not None:
                continue
            if p.nominal and p.code is None and p.scheme:
                mods = [t for c in tok.children if c.dep_ in ("amod", "compound") for t in c.subtree]
                if not self.lex.refine("", p.scheme, self._classes([tok, *mods])):
                    continue
            return True
        return False

    def _candidate(self, pred: Predicate, tok: Token, ctx: Ctx, back: bool = True) -> _Cand | None:
        """The frame ``pred`` filled on ``tok``; ``back``: an actorless event noun may take the actors
        of an earlier mention of its event (off when reading that earlier mention)."""
        passive = is_passive(tok)
        fo = self._fill(pred, tok, pred.obj, passive)
        consumed = {c.i for c in tok.children if any(c.lemma_.lower() == w for w in pred.words)}
        obj = fo[0] if fo and fo[0].i not in consumed else None
        # an object gap ("a claim Iran rejects"), not a subject gap ("our men who refused")
        gap = tok.dep_ == "relcl" and not any(
            c.dep_ == "dobj" or (c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT")) for c in tok.children
        )
        if obj is None and gap and any(s.dep == "dobj" for s in pred.obj):
            obj = tok.head  # object gap: "a claim Iran rejects"
        a1, s1 = self._fill_actors(pred, tok, pred.actor1, passive, ctx)
        stay: list[Act] = []
        topic = False
        named = named_operation(tok, ctx.published) if pred.nominal else None
        if s1 is not None and s1.prep == "between" and len(a1) == 1:
            a1 = []
        if not a1 and not pred.nominal and any(s.dep == "nsubj" for s in pred.actor1) and not passive:
            ctl = controller(tok)
            a1 = actors(ctl, ctx) if ctl is not None else []
        elif (
            not a1
            and passive
            and ctx.participants
            and not any(c.dep_ == "agent" for c in tok.children)
            and (home := home_side(pred)) is not None
        ):
            # an impersonal passive in a readout ("It has been agreed to continue contacts",
            # "Bilateral projects were discussed"): the article's two parties did it; an appeal
            # ("The need for Kiev to act was stressed"): the publishing side, named first
            a1 = participants(tok, ctx)[: 1 if home else 2]
        elif not a1 and pred.nominal:
            a1, stay = noun_actors.stay_actors(tok, ctx)
            a1 = a1 or (named[0] if named else []) or noun_actors.light_verb_subject(tok, ctx)
            a1 = a1 or self._wrapper_subject(tok, pred.code, ctx)
            if (
                not a1
                and ctx.participants
                and any(
                    c.dep_ == "amod" and c.lower_ in word_set("events/pair_adjectives.tsv")
                    for c in tok.children
                )
            ):
                a1 = participants(tok, ctx)  # "bilateral cooperation" in a readout: the two parties'
            if not a1 and back:
                a1, stay = self._earlier_actors(tok, ctx)
            if not a1 and (pred.code or "")[:2] in word_set("events/partner_roots.tsv"):
                a1 = self._topic_parties(tok, ctx)
                topic = bool(a1)
        if not pred.nominal:
            a1 = joint_they(tok, pred.code, a1, ctx)  # "They discussed" in a readout: its two parties
        a2, _ = self._fill_actors(pred, tok, pred.actor2, passive, ctx)
        a2 = a2 or stay or noun_actors.participle_target(tok, {s.prep for s in pred.actor2}, ctx)
        if "guest" in pred.options:
            a2 = guests(tok, a1, passive, ctx)
            if not a2:
                return None  # "received the aircraft": goods, not a visitor
        # the object phrase, else the frame's own noun ("stressed the need for Kiev to act")
        held = obj if obj is not None else next((c for c in tok.children if c.i in consumed), None)
        held = held if obj is not None or (pred.code or "")[:2] == "02" else None  # not "commitment to"
        if not a2 and any(s.dep == "obj*" for s in pred.actor2) and held is not None:
            # "the importance of assistance to Ukraine from Canada", said by Ukraine: Canada
            a2 = phrase_target(held, {a.code[:3] for a in a1}, ctx)
        if not a2:
            a2 = named[1] if named else exchange_partner(tok, ctx)
        hp = noun_actors.hyphen_pair(tok, ctx) if pred.nominal else None
        if hp is not None:
            a1, a2 = hp  # "Russia-Finland trade": the pair in the order written
        pair = False
        if s1 is not None and s1.prep == "between" and len(a1) >= 2:
            pair, a2 = True, []  # "between Iran and Russia": both actors in one slot
        elif len(a1) >= 2 and not a2 and "sym" in pred.options:
            pair = True
        elif (
            len(a1) == 2
            and all(a.i < 0 for a in a1)
            and (pred.code or "")[:2] in word_set("events/partner_roots.tsv")
        ):
            # "The two reviewed opportunities for regional integration": the parties with each other,
            # not with whatever the object names
            pair, a2 = True, []
        if not a1:
            a1, a2 = adversary.unnamed_doer(pred.code, tok, a2, ctx)  # "annexation of Crimea": its holder
        if not a1:
            return None
        ctoks: list[Token] = []
        if obj is not None:
            ctoks.extend(obj.subtree)
        ctoks.extend(c for c in tok.children if c.dep_ in ("advmod", "amod", "compound", "npadvmod"))
        # modifiers of a multiword predicate's noun: "launched *drone* strikes", "held *naval* drills"
        ctoks.extend(
            g for c in tok.children if c.i in consumed for g in c.children if g.dep_ in ("amod", "compound")
        )
        if pred.nominal:
            ctoks.extend(t for c in tok.children if c.dep_ in ("amod", "compound") for t in c.subtree)
        code = pred.code
        if pred.code is not None or pred.scheme:
            code = self.lex.refine(pred.code or "", pred.scheme, self._classes(ctoks)) or None
        rule = pred.rule + (" +hyphen-pair" if hp is not None else "") + (" +topic" if topic else "")
        return _Cand(pred, tok, a1, a2, obj, self._classes(ctoks), [tok], code, pair, rule)

    def _best(self, frames: list[Predicate], tok: Token, ctx: Ctx) -> _Cand | None:
        best: tuple[float, int, _Cand] | None = None
        # "Kerry sought to address objections": a transparent wrapper's complement makes the verb
        # that wrapper ("tried to"), not its own event ("seek" an appeal)
        passing = {s.dep for p in frames if p.mode == "pass" for s in p.obj if s.prep is None}
        if any(c.dep_ in passing for c in tok.children):
            return None
        for n, p in enumerate(frames):
            if p.mode is not None or ("done" in p.options and tok.dep_ == "xcomp"):
                continue
            if "intransitive" in p.options and any(
                c.dep_ in ("dobj", "nsubjpass", "auxpass", "agent", "ccomp") for c in tok.children
            ):
                continue  # "demonstrated its commitment", "as demonstrated by": showing, no protest
            c = self._candidate(p, tok, ctx)
            if c is None or c.code is None:
                continue
            if (
                "pair" in p.options
                and len(c.a1) < 2
                and ((w := self._wrapper(tok)) is None or w[1].mode != "intent")
            ):
                continue  # "the two presidents talked", not "Putin spoke about"; "is ready to talk": 036
            if "target" in p.options and not c.a2:
                continue  # "pressed Iran to stop", not "discussed pressing challenges"
            score = 3 * len(p.words) + 2 * bool(c.a1) + bool(c.a2 or c.pair) + 0.5 * (c.obj is not None)
            score += 0.25 * (c.code != p.code)  # ties go to the frame whose object refined the code
            if best is None or score > best[0]:
                best = (score, -n, c)
        if best is None:
            return None
        c = best[2]
        if not (c.a2 or c.pair or c.code is None) and "speech" in c.pred.options:
            c.a2 = self._event_target(c, ctx)
            c.rule += " +event-target" if c.a2 else ""
        if not (c.a2 or c.pair or c.code is None):
            c.a2, how = target(c.code, c.tok, c.obj, c.a1, c.pred, ctx)
            c.rule += how
        return c

    def _event_target(self, c: _Cand, ctx: Ctx) -> list[Act]:
        """ "The Council condemned these attacks": a speech act aimed at an event told before
        ("the", "these" + the event's noun, named in this or the two sentences before) is aimed at
        whoever did it, when that is no party of the speaker's own country."""
        obj = next((t for t in c.tok.children if t.dep_ in ("dobj", "nsubjpass")), c.obj)
        if obj is None or obj.pos_ != "NOUN" or not any(p.mode is None for p in self._frames(obj)):
            return []
        dets = [d.lower_ for d in obj.children if d.dep_ in ("det", "predet")]
        if not dets or not all(d in word_set("events/anaphoric_determiners.tsv") for d in dets):
            return []
        own = {a.code[:3] for a in c.a1}
        return [a for a in self._mentioned_actors(obj, ctx) if a.code[:3] not in own]

    # ------------------------------------------------------------------ wrappers
    def _wrapper(self, tok: Token) -> tuple[Token, Predicate] | None:
        """The wrapper verb whose complement ``tok`` is ("offered to *provide*"), with its frame."""
        head, via = tok.head, tok.dep_
        if tok.dep_ in ("pcomp", "pobj") and head.dep_ == "prep":
            via, head = f"prep:{head.lower_}", head.head
        if head.i == tok.i:
            return None
        intent_noun = head.lemma_.lower() in word_set("events/intent_nouns.tsv")
        if via == "acl" and head.dep_ == "dobj" and intent_noun:
            head = head.head  # "expressed readiness to continue": the frame is the verb's
        for p in self._frames(head):
            if p.mode is None:
                continue
            if any(str(Slot(s.dep, s.prep)) == via or s.dep == via for s in p.obj):
                return head, p
        return None

    def _earlier_actors(self, noun: Token, ctx: Ctx) -> tuple[list[Act], list[Act]]:
        """ "Houthi attacks against vessels ... Despite the warning, attacks have continued", "the US
        conducted strikes on Yemen ... These strikes were intended to ...": an event noun without an
        actor of its own that refers back (bare plural, "the", "these") is the event an earlier
        mention of the same word in this or the two sentences before named; that mention's actor1
        did it, to its actor2 (the fallback where the noun names no target of its own)."""
        if not slots.refers_back(noun):
            return [], []
        return self._mentioned(noun, ctx)

    def _mentioned_actors(self, noun: Token, ctx: Ctx) -> list[Act]:
        """The actor1 an earlier mention of ``noun``'s event named itself (see ``_mentioned``)."""
        return self._mentioned(noun, ctx)[0]

    def _mentioned(self, noun: Token, ctx: Ctx) -> tuple[list[Act], list[Act]]:
        """The actor1 an earlier mention of ``noun``'s event (same word, this or the two sentences
        before) named itself, and its actor2, as mentions made elsewhere (negative token indices)."""
        for n in slots.earlier_mentions(noun, 2):
            # "conducted strikes on X": the light verb's frame holds the noun and its target
            verb = [(n.head, p) for p in self._frames(n.head) if n.dep_ == "dobj" and n.lemma_ in p.words]
            for t, p in [*verb, *((n, p) for p in self._frames(n))]:
                if p.mode is not None:
                    continue
                c = self._candidate(p, t, ctx, back=False)
                # actors the earlier mention named itself (not guessed from the article's parties)
                if c is not None and c.a1 and c.code is not None and all(a.i >= 0 for a in c.a1):
                    a2 = c.a2 or ([] if c.pair else target(c.code, t, c.obj, c.a1, p, ctx)[0])
                    # mentions elsewhere: negative indices keep them out of this clause's evidence
                    return [Act(a.text, a.code, a.start, a.end, -1) for a in c.a1], [
                        Act(a.text, a.code, a.start, a.end, -1) for a in a2
                    ]
        return [], []

    def _topic_parties(self, noun: Token, ctx: Ctx) -> list[Act]:
        """ "They discussed ongoing cooperation on climate", "The two consulted on trade": a
        cooperation that two parties consult about, with no party of its own, is theirs."""
        verb = noun.head
        if noun.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ("on", "about"):
            verb = verb.head
        elif noun.dep_ != "dobj":
            return []
        frames = [p for p in self._frames(verb) if p.mode is None and (p.code or "")[:2] == "04"]
        c = self._best(frames, verb, ctx) if frames else None
        if c is None:
            return []
        parties = c.a1 if c.pair else [*c.a1, *c.a2]
        if len({a.code[:3] for a in parties}) != 2:
            return []
        return [Act(a.text, a.code, a.start, a.end, -1 - k) for k, a in enumerate(parties)]

    def _wrapper_subject(self, noun: Token, code: str | None, ctx: Ctx) -> list[Act]:
        """ "X committed to a security partnership", "Y is considering sanctions": a nominal event in
        a wrapper's complement is done by the wrapper's subject (not for appeals and demands,
        whose subject asks someone else to act: "called for talks")."""
        w = self._wrapper(noun)
        if w is None or w[1].mode in ("appeal", "demand"):
            return []
        verb = w[0]
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) or controller(verb)
        # "They committed to continued close consultation" in a readout: its two parties
        return joint_they(verb, code, actors(subj, ctx), ctx)

    def _future(self, c: _Cand) -> None:
        """CAMEO codes a stated future act as intent ("Finland will give Tanzania a grant" → 0331)
        and a future protest, use of force or sanctions as a threat ("will boycott" → 1312, "will
        impose a curfew" → 132); a future show of force (15) keeps its code."""
        top = c.chain[-1]
        if c.code is None or (c.pred.nominal and top is c.tok) or len(c.chain) > 1 + c.pred.nominal:
            return
        if not any(a.dep_ == "aux" and a.lower_ in word_set("events/future_aux.tsv") for a in top.children):
            return
        if any(a.lower_ in word_set("events/present_adverbs.tsv") for a in top.children):
            return  # "we will discuss our relations today": the meeting itself
        root = int(c.code[:2])
        mode = "intent" if 4 <= root <= 8 else "threaten" if root >= 14 else None
        if mode is not None:
            c.code = self.lex.wrap(mode, c.code) or c.code
            c.rule += f" +future({mode})"

    def _wrap(self, c: _Cand, lo: int, hi: int, ctx: Ctx) -> _Cand | None:
        """Apply the wrapper verbs above the predicate that lie in [lo, hi)."""
        cur = c.tok
        light = cur.head.pos_ == "VERB" and cur.head.lemma_.lower() in word_set("events/light_verbs.tsv")
        if c.pred.nominal and cur.dep_ == "dobj" and light:
            # "threatened to hold a strike", "will launch an attack": the light verb is the clause
            cur = cur.head
            c.chain.append(cur)
        elif c.pred.nominal and (stay := noun_actors.stay_verb(cur)) is not None and lo <= stay.idx < hi:
            cur = stay  # "who is in Russia on a visit": the clause of being there
            c.chain.append(cur)
        self._future(c)
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
                subj = src[0] if src else controller(wt)
                speaker = actors(subj, ctx) if subj is not None else []
                if not speaker:
                    return None
                addressee = self._fill(wp, wt, wp.actor2, False)
                target = actors(addressee[0], ctx) if addressee else []
                if not target:
                    target = c.a1 if all(a.code != s.code for a in c.a1 for s in speaker) else c.a2
                c.a1, c.a2, c.pair = speaker, target, False
            elif mode == "resist" and not c.a2 and not c.pair:
                # "Ukrainians countering Russian aggression": the aggression is aimed at them
                src = self._fill(wp, wt, wp.actor1, False)
                own = {a.code[:3] for a in c.a1}
                c.a2 = [a for a in actors(src[0] if src else controller(wt), ctx) if a.code[:3] not in own]
            if c.code is None:
                return None
            cur = wt

    def _joint_intent(self, tok: Token, ctx: Ctx) -> _Cand | None:
        """ "Russia and Iran were considering standing up a drone line": a pair planning something
        no lexicon predicate names is intent to cooperate, refined by what they plan (031x)."""
        frames = [p for p in self._frames(tok) if p.mode == "intent"]
        if not frames:
            return None
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        # "They reaffirmed a mutual readiness" in a readout, "they" resolved to no one: its parties
        a1 = actors(subj, ctx) or joint_they(tok, "030", [], ctx)
        a1 = sorted(a1, key=lambda a: a.start)  # as the article named them
        if len(a1) < 2 and not (a1 and frames[0].words):
            return None  # one actor: only a stated readiness ("reaffirmed its readiness to ...")
        comp = next((c for c in tok.children if c.dep_ in ("xcomp", "dobj", "ccomp")), None)
        if comp is not None and comp.lemma_.lower() in frames[0].words:
            # "expressed interest in [developing ties]": the noun is the frame's; the act is the
            # one its complement names, and there must be one ("interest in the weather" is none)
            comp = next((t for t in comp.subtree if t.pos_ == "VERB" or self.knows(t)), None)
        if comp is None:
            return None
        cls = self._classes(list(comp.subtree))
        code = self.lex.refine("030", "intent_coop", cls)
        obj = next((c for c in comp.children if c.dep_ == "dobj"), comp)
        p = frames[0]
        if len(a1) == 1:
            # with the partner the clause or the readout names ("supplies of gas to Italy")
            a2, how = target(code or "030", tok, obj, a1, p, ctx)
            if not a2:
                return None
            return _Cand(p, tok, a1, a2, obj, cls, [tok], code, False, p.rule + " (intent)" + how)
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
            if ch.lemma_.lower() in c.pred.words:  # "readiness to ...", "the need for X to ..."
                sub = [t for t in sub if not in_relcl(t, ch)]  # not "talks with Marin, who is ..."
            # a PP or clause that holds another verb ("in exchange for Tehran supplying") is not ours
            elif (
                ch not in c.chain
                and c.tok not in sub
                and any(t.pos_ == "VERB" and t.dep_ != "amod" for t in sub)
            ):
                continue
            toks.extend(sub)
        if top.dep_ == "amod" and top.tag_ == "VBN":  # "the occupied territories of Donbas": its noun's
            toks.extend(top.head.subtree)
        for a in (*c.a1, *c.a2):
            if top.left_edge.i <= a.i <= top.right_edge.i:
                toks.append(top.doc[a.i])
        s = min(t.idx for t in toks)
        e = max(t.idx + len(t) for t in toks)
        s, e = max(s, lo), min(e, hi)
        text = doc_text(top.doc)
        while e > s and text[e - 1] in " ,;:.-–—":
            e -= 1
        return s, e

    def _emit(self, c: _Cand, lo: int, hi: int, published: str | None) -> list[EventMention]:
        if c.code is None or not cameo.is_valid(c.code):
            return []
        pairs: list[tuple[Act, Act | None]] = []
        if not c.pair and not c.a2 and len(c.a1) >= 2 and 3 <= int(c.code[:2]) <= 8:
            c.pair = True  # "Chile and Peru agreed to build a base": a joint cooperative act
        if c.pair:
            pairs = [(x, y) for x in c.a1 for y in c.a1 if x.code != y.code]
            if "sym" not in c.pred.options and c.pred.mode is None:
                pairs = [(x, y) for x, y in pairs if y is not None and x.i < y.i]
        elif c.a2:
            pairs = [(x, y) for x in c.a1 for y in c.a2 if x.code != y.code]
            if not pairs:  # "Turkish authorities imposed a curfew in Turkey": a domestic act
                pairs = [(x, c.a2[0]) for x in c.a1]
        elif c.code[:2] in word_set("events/partnered_roots.tsv"):
            return []  # aid or cooperation with no one in reach: no event of its own
        else:
            pairs = [(x, None) for x in c.a1]
        if not pairs:
            return []
        s, e = self._evidence(c, lo, hi)
        neg = (modality.nominal_negated(c.tok) if c.pred.nominal else False) or modality.is_negated(c.chain)
        neg = neg != c.extra_neg
        if neg and modality.refusal(c.chain) and (refused := self.lex.wrap("reject", c.code)):
            c.code, neg = refused, False  # "we will not give up our land": a refusal (12x), asserted
        hedged = c.extra_hedge or is_hedged(c.tok.doc, (s, e), chain=c.chain)
        used = {a.i for a in (*c.a1, *c.a2)}
        date = event_date(c.chain, c.tok.sent, published)
        place = event_place(c.chain, used)
        obj = object_text(c.obj) if c.obj is not None and c.obj.pos_ in ("NOUN", "PROPN", "NUM") else None
        out = []
        for x, y in pairs:
            code = violence.riot_code(c.pred.lemma, c.code, x.code)
            code = violence.assault_code(code, x.code, y.code if y else None)
            ev = Event(
                actor1=x.actor(),
                action=cameo.action_for(code, c.tok.text),
                actor2=y.actor() if y else None,
                object=obj,
                date=date,
                place=place,
            )
            out.append(EventMention(s, e, ev, neg, hedged, c.rule, c.pred.nominal, c.tok.i))
        return out

    def _code(self, doc: Doc, lo: int, hi: int, ctx: Ctx) -> list[EventMention]:
        span = doc.char_span(lo, hi, alignment_mode="expand")
        if span is None:
            return []
        cands: list[_Cand] = []
        wrappers_used: set[int] = set()
        proposals: dict[int, Proposal] = doc._.get("event_proposals") or {}
        for tok in span:
            if tok.idx < lo or tok.idx + len(tok) > hi:
                continue
            if noun_actors.light_participle(tok.head) == tok and self.knows(tok.head):
                continue  # "the operation carried out by Russia", "support provided by": the noun's event
            frames = self._frames(tok)
            c = self._best(frames, tok, ctx) if frames else None
            if c is None and any(p.mode for p in frames):
                c = None if self._has_inner(tok) else self._joint_intent(tok, ctx)
            elif not frames and tok.i in proposals:
                # a predicate the rules do not know: the trained model's reading, actors by a
                # generic frame of its root (where the lexicon knows the word but no frame fits,
                # the rules' silence stands: "receiving the aircraft" is no giving)
                c = self._best([model_frame(tok, proposals[tok.i])], tok, ctx)
            if c is not None:
                cands.append(c)
        inner_objs: set[int] = set()
        topics: set[int] = set()
        for c in cands:
            # "the suspension of aid": a noun in another event's object is what it acts on
            if c.obj is not None and (not c.pred.nominal or c.code != c.pred.code):
                inner_objs.update(t.i for t in c.obj.subtree if t.i != c.tok.i)
                if (c.code or "")[:2] == "04":
                    topics.update(t.i for t in c.obj.subtree if t.i != c.tok.i)
            if not c.pred.nominal:
                consumed = [t for t in c.tok.children if t.lemma_.lower() in c.pred.words]
                # "carried out [attacks on X]": the verb's words hold its event; a speech act's noun
                # only names the act ("expressed appreciation for [Iraqi condolences]": a second one)
                speech = "speech" in c.pred.options
                inner_objs.update(t.i for k in consumed for t in k.subtree if not (speech and in_prep(t, k)))
        wrapped: list[_Cand] = []
        for c in cands:
            if (
                c.pred.nominal
                and c.tok.i in inner_objs
                and not (c.tok.i in topics and (c.own_actors() or c.rule.endswith(" +topic")))
            ):
                # "providing support to Iran": the verb already coded the noun's event; what a
                # consultation is about is an event of its own where the noun names who does it
                # ("discussed U.S. support for Jordan's fleet"; not "discussed cooperation")
                continue
            w = self._wrap(c, lo, hi, ctx)
            if w is not None:
                wrapped.append(w)
                wrappers_used.update(t.i for t in w.chain[1:])
        done = {t.i for w in wrapped for t in w.chain}
        for tok in span:
            if tok.i not in done and lo <= tok.idx < hi:
                m = must_frame(tok, self.lex, ctx)
                if m is not None:
                    wrapped.append(m)
        for w in [w for w in wrapped if w.tok.i not in wrappers_used and w.a1]:
            # "A, with support from C, struck Yemen": C cooperates with A in it (backing.py)
            subj = next((t for t in w.tok.children if t.dep_ == "nsubj"), None)
            for noun, who in backers(w.tok, subj, w.code or "", ctx):
                rule, chain = w.rule + " +backing", [noun, w.chain[-1]]
                wrapped.append(_Cand(w.pred, noun, who, w.a1, None, [], chain, "062", rule=rule))
        out: list[EventMention] = []
        for w in wrapped:
            # a wrapper that composed an inner event ("urged X to withdraw") is not an event of its own
            if w.tok.i in wrappers_used:
                continue
            must_demand(w, self.lex, ctx)
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
            a1, a2 = (a.code if a else None for a in (ev.actor1, ev.actor2))
            key = (a1, ev.action.cameo if ev.action else None, a2, m.start)
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
        speaker: Actor | None = None,
    ) -> list[EventMention]:
        """All events whose predicate lies in [start_char, end_char) (a claim's content or a sentence).

        ``context_actors`` are fall-back antecedents for pronouns (after the sentence and the one
        before it); ``published`` (ISO date; else ``doc.user_data["published"]``) resolves dates;
        ``speaker``: who reports the span, for "we" and for the side a reported attack was done to.
        """
        acts = self._doc_actors(doc)
        ctx = Ctx(
            acts=acts,
            resolve=resolve or self.resolve,
            context=tuple(context_actors or ()),
            published=published or doc.user_data.get("published"),
            participants=self._doc_participants(doc, acts),
            places=self._places,
            speaker=speaker,
        )
        return self._code(doc, start_char, end_char, ctx)

    def code_sentence(
        self, sent: Span, *, resolve: Resolve | None = None, published: str | None = None
    ) -> list[EventMention]:
        """Events the author states as fact in a sentence (the author's own voice)."""
        return self.code_span(sent.doc, sent.start_char, sent.end_char, resolve=resolve, published=published)


@lru_cache(maxsize=1)
def default_event_coder() -> EventCoder:
    """The shared coder with the built-in lexicon and the default actor coder (cached)."""
    return EventCoder()
