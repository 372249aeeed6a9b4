"""Author-voice events whose actors sit outside the predicate's own slots.

The lexicon frames read actors off the predicate's dependents. Four common ways news states an
event put an actor elsewhere, or leave it unnamed, and the frame finds nobody:

- a stance noun predicated of its holder: "Brown is a supporter of Aung San Suu Kyi", "Ley, a
  critic of the government," (copula or apposition: the subject holds the stance);
- a concession naming who objects to the clause's actor: "Obama made closing the prison a
  priority, despite opposition from Congress" (Congress disapproves of Obama);
- a crowd event with no one named: "protests in Ferguson", "the demonstrations that followed"
  (the civilians of the place named, else of the country the story is set in);
- a legal act with no agent, or one the actor tables cannot place: "the activist was arrested in
  Phnom Penh", "police detained the activist", "imprisoned leader Aung San Suu Kyi", "charges
  against the minister": the state where it happens (the place named, else the person's own
  country where the story is set there) arrests, charges or jails; CAMEO codes such acts with that
  country's police or courts as actor1.

The tables are ``data/events/stance_nouns.tsv``, ``concession_nouns.tsv``, ``crowd_events.tsv``,
``legal_acts.tsv`` and ``generic_agents.tsv``. ``author_span`` runs the coder and these rules over
one span of the author's own voice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Token

from .. import cameo
from ..hedging import is_hedged
from ..lexicons import read_table, word_set
from ..model import Actor, Event
from . import modality
from .coder import EventCoder, EventMention
from .nominal import aspect_events
from .roles import Act, Ctx, Resolve, actors, participants
from .slots import is_passive
from .time import event_date

_STOP = ("conj", "cc", "advcl", "relcl", "parataxis", "punct", "mark", "ccomp")
_COPULAS = ("be", "become", "remain")
_DEMONSTRATIVES = ("this", "that", "these", "those")


@cache
def _coded(name: str, cols: int) -> dict[str, tuple[str, ...]]:
    """A table of lower-cased words whose second column is a CAMEO code (checked on load)."""
    out: dict[str, tuple[str, ...]] = {}
    for row in read_table(f"events/{name}", min_cols=cols, max_cols=cols):
        if not cameo.is_valid(row.cells[1]):
            raise row.error(f"{row.cells[1]!r} is not a CAMEO code")
        out[row.cells[0].lower()] = tuple(row.cells[1:])
    return out


@cache
def _countries(coder: EventCoder) -> frozenset[str]:
    return frozenset(iso for iso, _ in coder.actor_coder.countries())


def context(coder: EventCoder, doc: Doc, resolve: Resolve | None) -> Ctx:
    """The coder's per-document state for rules run beside it (actors, places, the parties)."""
    acts = coder._doc_actors(doc)
    return Ctx(
        acts=acts,
        resolve=resolve or coder.resolve,
        context=(),
        published=doc.user_data.get("published"),
        participants=coder._doc_participants(doc, acts),
        places=coder._places,
    )


def author_span(coder: EventCoder, doc: Doc, lo: int, hi: int, resolve: Resolve | None) -> list[EventMention]:
    """The coder's events in [lo, hi) and, for predicates it left without a record, these rules'."""
    found = [_clause_act(doc, m) for m in coder.code_span(doc, lo, hi, resolve=resolve)]
    span = doc.char_span(lo, hi, alignment_mode="expand")
    if span is None:
        return found
    done = {m.pred for m in found}
    found.extend(aspect_events(coder, doc, lo, hi, done, resolve))
    done |= {m.pred for m in found}
    ctx = context(coder, doc, resolve)
    crowds: set[int] = set()
    # "despite objections from Germany, France went ahead": a concession the coder found no
    # target for is aimed at the clause's subject (the rule below), not at no one
    aimless = {m.pred for m in found if m.nominal and m.event.actor2 is None}
    for tok in span:
        if (tok.i in done and tok.i not in aimless) or not lo <= tok.idx < hi:
            continue
        low = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and low in _coded("concession_nouns.tsv", 2) and (got := _concession(tok, ctx)):
            found = [m for m in found if m.pred != tok.i] + got
        if (
            tok.pos_ == "NOUN"
            and low in _coded("instigation_nouns.tsv", 2)
            and (got := _instigation(tok, ctx))
        ):
            found = [m for m in found if m.pred != tok.i] + got
        if tok.i in done:
            continue
        if tok.pos_ == "NOUN" and low in _coded("stance_nouns.tsv", 2):
            found.extend(_stance(tok, ctx))
        if low in _coded("legal_acts.tsv", 3):
            found.extend(_legal(tok, ctx, coder))
        if tok.pos_ == "NOUN" and low in _coded("crowd_events.tsv", 2) and tok.sent.start not in crowds:
            got = _crowd(tok, ctx, coder)
            crowds.update(tok.sent.start for _ in got[:1])  # one crowd event a sentence
            found.extend(got)
    return found


def _clause_act(doc: Doc, m: EventMention) -> EventMention:
    """ "Ukraine continues negotiations with many foreign leaders", "objections voiced by Netanyahu":
    an event noun that is the object of a light verb whose subject is its actor1, or that a light
    participle's by-phrase names the actor1 of, is a clause's own act, as a verb would be, even with
    no coded target (``EventMention.nominal`` off: not a noun describing a context)."""
    if not m.nominal or m.pred < 0 or m.event.actor1 is None or m.event.actor1.start is None:
        return m
    noun = doc[m.pred]
    light = word_set("events/light_verbs.tsv")
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and noun.head.lemma_.lower() in light:
        doer = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    else:
        part = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
        by = [c for c in part.children if c.dep_ == "agent"] if part is not None else []
        light_part = part is not None and part.lemma_.lower() in light
        doer = next((g for c in by for g in c.children if g.dep_ == "pobj"), None) if light_part else None
    if doer is None or not doer.left_edge.idx <= m.event.actor1.start < doer.idx + len(doer):
        return m
    return replace(m, nominal=False)


# ------------------------------------------------------------------ stance holders
def _stance(noun: Token, ctx: Ctx) -> list[EventMention]:
    """ "X is a supporter of Y", "X, a critic of Y,": X -> Y with the noun's code."""
    if noun.dep_ == "attr" and noun.head.lemma_.lower() in _COPULAS:
        holder = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        clause = noun.head
    elif noun.dep_ == "appos":
        holder, clause = noun.head, noun
    else:
        return []
    of = [
        g
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for g in p.children
        if g.dep_ == "pobj"
    ]
    a1 = actors(holder, ctx)
    a2 = actors(of[0], ctx) if of else []
    code = _coded("stance_nouns.tsv", 2)[noun.lemma_.lower()][0]
    return _mentions(a1, a2, code, noun, clause, ctx, "stance-holder")


# ------------------------------------------------------------------ concessions
def _concession(noun: Token, ctx: Ctx) -> list[EventMention]:
    """ "despite opposition from X", "amid protests by X" on a clause: X -> the clause's subject."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return []
    concessive = prep.lower_ in word_set("events/concession_preps.tsv")
    if prep.lower_ == "of" and prep.head.lower_ in ("spite", "face") and prep.head.dep_ == "pobj":
        prep, concessive = prep.head.head, True  # "in spite of", "in the face of"
    if not concessive:
        return []
    verb = prep.head
    for _ in range(4):  # the parser may hang the phrase on a noun of the clause ("ahead with the purchase")
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ not in ("pobj", "prep"):
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    # "opposition from X", "X's opposition"; "opposition among Democrats in Congress": the first
    # actor named in the phrase
    who = [
        t
        for p in noun.children
        if (p.dep_ == "prep" and p.lower_ in ("from", "by", "of", "among", "within"))
        or p.dep_ in ("poss", "amod", "compound")
        for t in p.subtree
    ]
    a1 = next((got for t in who if (got := actors(t, ctx))), [])
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    a2 = actors(subj, ctx)
    code = _coded("concession_nouns.tsv", 2)[noun.lemma_.lower()][0]
    return _mentions(a1, a2, code, noun, prep, ctx, "concession")


# ------------------------------------------------------------------ instigation
def _instigation(noun: Token, ctx: Ctx) -> list[EventMention]:
    """ "Russia agreed at the request of Germany", "The problem was reviewed at the Chancellor's
    request": X asks whoever does the clause's act (its subject; an agentless passive in a readout:
    the article's other party)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("at", "upon", "on"):
        return []
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    who = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound")]
    who += [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
    a1 = next((got for t in who if (got := actors(t, ctx))), [])
    if not a1:
        return []
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    a2 = actors(subj, ctx) if subj is not None else []
    if not a2 and is_passive(verb) and not any(c.dep_ == "agent" for c in verb.children):
        own = {a.code[:3] for a in a1}
        a2 = [a for a in participants(noun, ctx) if a.code[:3] not in own][:1]
    code = _coded("instigation_nouns.tsv", 2)[noun.lemma_.lower()][0]
    return _mentions(a1, a2, code, noun, verb, ctx, "instigation")


# ------------------------------------------------------------------ legal acts with no agent
def _legal(tok: Token, ctx: Ctx, coder: EventCoder) -> list[EventMention]:
    """ "X was arrested", "police arrested X", "imprisoned leader X", "charges against X": the
    state does it to X."""
    code, sector = _coded("legal_acts.tsv", 3)[tok.lemma_.lower()]
    kids = list(tok.children)
    clause = tok
    if tok.pos_ == "VERB" and is_passive(tok) and not any(c.dep_ == "agent" for c in kids):
        patient = next((c for c in kids if c.dep_ == "nsubjpass"), None)
        if patient is None and tok.dep_ == "acl":
            patient = tok.head  # "the opposition leader detained last week"
    elif tok.pos_ == "VERB" and (subj := next((c for c in kids if c.dep_ == "nsubj"), None)) is not None:
        # "Police arrested X", "prosecutors charged X": an institution the actor tables cannot place
        if subj.lemma_.lower() not in word_set("events/generic_agents.tsv") or actors(subj, ctx):
            return []
        patient = next((c for c in kids if c.dep_ == "dobj"), None)
    elif tok.tag_ == "VBN" and tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN"):
        patient = tok.head  # "jailed activist X", "imprisoned leader X" (a compound of the name)
        while patient.dep_ == "compound" and patient.head.i != patient.i:
            patient = patient.head
        clause = patient
    elif (
        tok.pos_ == "NOUN"
        and tok.lemma_.lower() != "sentence"
        and not any(c.dep_ in ("poss", "amod", "compound") and c.i in ctx.acts for c in kids)
    ):
        # "charges against X"; "the arrest of X" (not "in charge of X", nor a sentence's "of")
        preps = ("against",) if tok.lemma_.lower() in ("charge", "sentence") else ("against", "of")
        patient = next(
            (
                g
                for p in kids
                if p.dep_ == "prep" and p.lower_ in preps
                for g in p.children
                if g.dep_ == "pobj"
            ),
            None,
        )
        if any(p.dep_ == "prep" and p.lower_ == "by" for p in kids):
            return []  # a named doer the frame could not code: not the state's by default
        if tok.dep_ == "dobj":
            # "X faces charges": X is charged; "prosecutors dropped the charges": another act
            if tok.head.lemma_.lower() not in word_set("events/facing_verbs.tsv"):
                return []
            patient = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    else:
        return []
    if patient is None or patient.lower_ in word_set("events/vague_patients.tsv"):
        return []  # "what is charged", "anyone arrested": no one named
    a2 = actors(patient, ctx)
    if len(a2) != 1 or (patient.tag_ == "PRP" and len(a2[0].code) == 3):
        return []  # "they are being charged" resolved to a whole country: a generic "they"
    # the state of the place named; else the person's own, in a story set in that country (an
    # American detained with no place named is more often held abroad)
    home = _place(tok, ctx) or (a2[0].code[:3] if a2[0].code[:3] == _home(ctx) else None)
    if home is None or home not in _countries(coder):
        return []
    state = Act("", home + sector, -1, -1, -1)
    return _mentions([state], a2, code, tok, clause, ctx, "legal-implicit")


# ------------------------------------------------------------------ crowds with no one named
def _crowd(noun: Token, ctx: Ctx, coder: EventCoder) -> list[EventMention]:
    """ "protests in Ferguson", "the demonstrations that followed the killing": a crowd event whose
    protesters no one names is the civilians' of the place named, else of the story's country."""
    kids = list(noun.children)
    if noun.dep_ == "compound" or any(c.lower_ in _DEMONSTRATIVES for c in kids if c.dep_ == "det"):
        return []  # "protest leaders"; "these protests": one told before
    if any(c.dep_ in ("poss", "amod", "compound") and c.i in ctx.acts for c in kids):
        return []  # "Kurdish protests": the frame's to code, not a crowd with no one named
    if any(p.dep_ == "prep" and p.lower_ in ("by", "from", "of") for p in kids):
        return []  # "protests by students": a named crowd the actor tables do not know
    home = _place(noun, ctx) or _home(ctx)
    if home is None or home not in _countries(coder):
        return []
    crowd = Act("", home + "CVL", -1, -1, -1)
    target = [
        a
        for p in kids
        if p.dep_ == "prep" and p.lower_ in ("against", "at")
        for g in p.children
        if g.dep_ == "pobj"
        for a in actors(g, ctx)
    ]
    code = _coded("crowd_events.tsv", 2)[noun.lemma_.lower()][0]
    return _mentions([crowd], target or [None], code, noun, noun, ctx, "crowd")


def _home(ctx: Ctx) -> str | None:
    """The country the story is set in: the one its actors and places name most often."""
    seen: dict[int, str] = {}
    for table in (ctx.acts, ctx.places or {}):
        for a in table.values():
            seen[a.start] = a.code[:3]
    counts = Counter(seen.values())
    return counts.most_common(1)[0][0] if counts else None


def _place(tok: Token, ctx: Ctx) -> str | None:
    """The country of the place an "in" phrase on the act names ("arrested in Moscow")."""
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ in ("in", "at"):
            for g in p.subtree:
                a = (ctx.places or {}).get(g.i) or ctx.acts.get(g.i)
                if a is not None:
                    return a.code[:3]
    return None


# ------------------------------------------------------------------ output
def _mentions(
    a1: list[Act], a2: Sequence[Act | None], code: str, tok: Token, clause: Token, ctx: Ctx, rule: str
) -> list[EventMention]:
    """One mention per (actor1, actor2) pair of different actors, evidence = the clause and the
    actors in it."""
    # different actors; the state may act on its own official, a crowd on no one named
    pairs = [(x, y) for x in a1 for y in a2 if y is None or x.code != y.code or x.i < 0]
    if not pairs:
        return []
    lo, hi = clause.left_edge.i, clause.right_edge.i
    named = [a for a in (*a1, *a2) if a is not None and lo <= a.i <= hi]
    s, e = _extent(clause, [tok, *(tok.doc[a.i] for a in named)])
    neg = modality.is_negated([tok])
    hedged = is_hedged(tok.doc, (s, e), chain=[tok])
    date = event_date([tok, clause], tok.sent, ctx.published)
    out = []
    for x, y in pairs:
        ev = Event(
            actor1=Actor(
                text=x.text or None,
                code=x.code,
                start=x.start if x.i >= 0 else None,
                end=x.end if x.i >= 0 else None,
            ),
            action=cameo.action_for(code, tok.text),
            actor2=y.actor() if y is not None else None,
            date=date,
        )
        out.append(
            EventMention(s, e, ev, neg, hedged, f"implicit:{rule} {tok.lemma_.lower()} {code}", False, tok.i)
        )
    return out


def _extent(clause: Token, must: Iterable[Token]) -> tuple[int, int]:
    """The clause's own words (no conjoined or subordinate clauses) and the tokens it must hold."""
    toks = [clause, *must]
    for ch in clause.children:
        if ch.dep_ not in _STOP or any(ch.left_edge.i <= t.i <= ch.right_edge.i for t in must):
            toks.extend(ch.subtree)
    toks = sorted(set(toks), key=lambda t: t.i)
    while len(toks) > 1 and toks[-1].dep_ in ("cc", "punct"):
        toks.pop()  # "charges against the suspect [and] a state of emergency"
    return toks[0].idx, toks[-1].idx + len(toks[-1])
