"""Actor roles from the parse: which actor a noun phrase stands for, pronouns, control.

Split from the coder so that each piece stays readable: this module knows the document's actor
mentions (from ``claimgraph.actors``) and the dependency tree, nothing of the predicate lexicon.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..lexicons import read_table, word_set
from ..model import Actor
from ..nlp import doc_text
from .repairs import displaced_subject, misattached_conjunct

if TYPE_CHECKING:
    from .predicates import Predicate

Resolve = Callable[[Token], "tuple[str, str | None] | None"]
"""The lead's hook: a token (pronoun or unknown name) → (text, actor code), or None."""

# The word lists are data/events/*.tsv (each file says what it is for).


def _words(name: str) -> frozenset[str]:
    return word_set(f"events/{name}.tsv")


def _labelled(name: str, labels: tuple[str, str]) -> dict[str, str]:
    """A word list of two columns, word and one of two labels (data/events/<name>.tsv)."""
    out: dict[str, str] = {}
    for row in read_table(f"events/{name}.tsv", min_cols=2, max_cols=2):
        word, label = row.cells
        if label not in labels:
            raise row.error(f"unknown label {label!r} (expected {labels[0]} or {labels[1]})")
        out[word.lower()] = label
    return out


@lru_cache(maxsize=1)
def _pronouns() -> dict[str, str]:
    """Actor pronouns and their number (data/events/pronouns.tsv)."""
    return _labelled("pronouns", ("singular", "plural"))


@dataclass(slots=True)
class Act:
    """An actor candidate: mention text, code, char offsets and the head token index."""

    text: str
    code: str
    start: int
    end: int
    i: int
    group: tuple[int, ...] = ()  # token indices of the coordination it belongs to (for "their")

    def actor(self) -> Actor:
        # a party no mention names (an occupier, a story's country: offsets -1) has no offsets
        if self.start < 0:
            return Actor(text=self.text, code=self.code, start=None, end=None)
        return Actor(text=self.text, code=self.code, start=self.start, end=self.end)


@dataclass(frozen=True, slots=True)
class Ctx:
    """Per-call state: the document's actors, the resolve hook, context antecedents, the date."""

    acts: dict[int, Act]
    resolve: Resolve | None
    context: tuple[Actor, ...]
    published: str | None
    speaker: Actor | None = None
    """Who reports the coded span (a claim's source), when the source has an actor code."""
    participants: tuple[Act, ...] = ()
    """The two parties of the article's opening event ("Putin had a telephone conversation with
    Raisi"), for "the presidents", "both sides" and impersonal passives later on."""
    places: dict[int, Act] | None = None
    """Places inside a country ("Ferguson", "Mariupol") by token: never actors themselves, but they
    say whose a group in them is ("police in Ferguson", "the defenders of Mariupol")."""


def np_extent(tok: Token) -> tuple[int, int]:
    """Char extent of a noun phrase without its post-modifiers (prepositions, clauses)."""
    left = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ not in ("punct", "cc")])
    return tok.doc[left].idx, tok.idx + len(tok)


def actor_at(tok: Token, ctx: Ctx, poss: bool = False) -> list[Act]:
    """The actor(s) a noun phrase headed by ``tok`` stands for (one token, no coordination)."""
    acts = ctx.acts
    low = tok.lower_
    if low in _pronouns() or tok.tag_ in ("PRP", "PRP$"):
        return pronoun(tok, ctx)
    if tok.lemma_.lower() in _words("pair_nouns") and any(
        c.lower_ in ("two", "both") and c.dep_ != "preconj" for c in tok.children
    ):
        # "the two nations", "both countries"; not "both the government and the opposition"
        return pair_before(tok, ctx)
    if (
        tok.lower_ == "two"
        and tok.dep_ in ("nsubj", "nsubjpass")
        and any(c.lower_ == "the" for c in tok.children)
    ):
        return participants(tok, ctx) or pair_before(tok, ctx)  # "The two discussed ..."
    if (
        tok.tag_ == "NNS"
        and tok.lemma_.lower() in _words("participant_nouns")
        and any(c.lower_ in ("the", "both", "two") for c in tok.children)
        and not any(
            c.dep_ in ("amod", "compound", "poss", "prep") and c.lower_ not in ("two", "both")
            for c in tok.children
        )
    ):
        # "the presidents", "both sides", "the two leaders": the article's parties, not whichever
        # pair the previous sentence named ("welcomed the summit between Iraq and Egypt. The two
        # leaders discussed ...")
        return participants(tok, ctx) or pair_before(tok, ctx)
    order = _order_words().get(low)
    if order is not None and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj"):
        return _by_order(tok, ctx, order)
    hit = acts.get(tok.i)
    if hit is not None:
        s, e = np_extent(tok)
        return [Act(doc_text(tok.doc)[s:e], hit.code, s, e, tok.i)]
    if tok.lemma_.lower() in _words("collective_nouns") or tok.lower_ in _words("collective_nouns"):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return actor_at(g, ctx, poss)
    agentive = poss or tok.lemma_.lower() in _words("agent_nouns")
    deps = ("amod", "compound", "nmod", "poss") if agentive else ("amod", "compound", "nmod")
    for c in tok.children:
        # "Iranian pilots", "Russia's military", "the government of Iran" (agent heads only)
        # "security forces in Guinea", "rebels in the Ivory Coast": where a group acts is whose
        # it is, when nothing before the head names an owner (the loop meets left children first)
        if c.dep_ in deps or (
            agentive and c.dep_ == "prep" and c.lower_ in ("of", "in", "throughout", "across")
        ):
            where = ctx.places if c.dep_ == "prep" and ctx.places else {}
            for t in c.subtree:
                m = acts.get(t.i) or where.get(t.i)
                if m is not None:
                    s, e = np_extent(tok)
                    text = doc_text(tok.doc)[s:e]
                    # "US and British forces": coordinated modifiers name one group each
                    # "the forces of the United States and Britain": an owner's conjuncts too
                    ht = tok.doc[m.i] if m.i >= 0 else t
                    owner = ht.dep_ == "pobj" and ht.head.i == c.i
                    conj = t.conjuncts if t.dep_ in ("amod", "compound", "nmod") else ()
                    codes = [m.code] + [
                        k.code
                        for j in (ht.conjuncts if owner else conj)
                        if (k := acts.get(j.i)) is not None and k.code != m.code
                    ]
                    return [Act(text, code, s, e, tok.i) for code in dict.fromkeys(codes)]
            if c.dep_ == "poss" and c.tag_ == "PRP$":
                got = pronoun(c, ctx)
                if got:
                    return got
    for c in tok.children:
        # "Kenzo Oshima, the United Nations relief coordinator, demanded": the apposition names him
        if c.dep_ == "appos":
            got = actor_at(c, ctx, poss)
            if got:
                return got
    resolve = ctx.resolve
    if resolve is not None and tok.pos_ in ("PROPN", "NOUN"):
        r = resolve(tok)
        if r is not None and r[1]:
            s, e = np_extent(tok)
            return [Act(doc_text(tok.doc)[s:e], r[1], s, e, tok.i)]
    return []


def actors(tok: Token | None, ctx: Ctx, poss: bool = False) -> list[Act]:
    """Actors of a noun phrase and its conjuncts ("Iran and Russia" → two), deduplicated by code."""
    if tok is None:
        return []
    out: list[Act] = []
    heads = [tok, *tok.conjuncts] if tok.dep_ != "conj" else [tok]
    group = tuple(sorted(h.i for h in heads))
    for h in heads:
        for a in actor_at(h, ctx, poss):
            if all(a.code != b.code for b in out):
                a.group = group if len(heads) > 1 else a.group
                out.append(a)
    return out


def pronoun(tok: Token, ctx: Ctx) -> list[Act]:
    """Antecedent of a pronoun: the resolve hook, else the nearest actor mention before it."""
    resolve = ctx.resolve
    if resolve is not None:
        r = resolve(tok)
        if r is not None and r[1]:
            return [Act(r[0], r[1], tok.idx, tok.idx + len(tok), tok.i)]
    sp = ctx.speaker
    if sp is not None and sp.code and tok.lower_ in _words("speaker_pronouns"):
        # "we will not leave", "our troops" in a claim: the speaker's side
        return [Act(tok.text, sp.code, tok.idx, tok.idx + len(tok), tok.i)]
    number = _pronouns().get(tok.lower_)
    plural = number == "plural"
    if number is None:
        return []  # he/she/we: people, left to the source resolver
    if plural and tok.dep_ in ("nsubj", "nsubjpass") and _uncoded_people_before(tok, ctx):
        return []  # "The leaders expressed concern about Russia ... They discussed": the leaders
    cands = before(tok, ctx)
    if not cands:
        return []
    near = cands[0]
    if plural:
        grp = [a for a in cands if near.group and a.i in near.group]
        if len(grp) > 1:
            return grp  # "Iran and Russia ... their cooperation" → the pair
        owners = _demonym_pair(tok, near, cands) if tok.tag_ == "PRP$" else []
        if owners:
            return owners
    return [Act(near.text, near.code, near.start, near.end, near.i, near.group)]


def _demonym_pair(tok: Token, near: Act, cands: list[Act]) -> list[Act]:
    """ "engagement between Jordan and the new Israeli Government, as shown by *their* agreement":
    a demonym ("Israeli") names its noun, and that noun's conjuncts are the owners of "their"."""
    t = tok.doc[near.i] if near.i >= 0 else None
    if t is None or t.dep_ not in ("amod", "compound", "nmod") or t.conjuncts:
        return []
    h = t.head
    if not h.conjuncts:
        return []
    words = {i for x in (h, *h.conjuncts) for i in range(x.left_edge.i, x.i + 1)}
    out = sorted((a for a in cands if a.i in words), key=lambda a: a.i)  # as the text names them
    return out if len({a.code[:3] for a in out}) > 1 else []


def _uncoded_people_before(tok: Token, ctx: Ctx) -> bool:
    """A sentence-opening "They" whose sentence has no actor before it, after a sentence whose
    subject is an uncoded plural noun ("The leaders ...", "Participants ..."): that is who "they"
    are, not the countries the earlier sentence talked about."""
    sent = tok.sent
    if sent.start == 0 or any(i in ctx.acts for i in range(sent.start, tok.i)):
        return False
    prev = tok.doc[sent.start - 1].sent
    subj = next((c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (
        subj is not None
        and subj.tag_ == "NNS"
        and subj.lemma_.lower() not in _words("collective_nouns")
        and not any(t.i in ctx.acts for t in subj.subtree)
        and not (subj.lemma_.lower() in _words("participant_nouns") and ctx.participants)
    )


@lru_cache(maxsize=1)
def _order_words() -> dict[str, str]:
    """ "the former", "the latter" and which of two they pick (data/events/order_pronouns.tsv)."""
    return _labelled("order_pronouns", ("first", "last"))


def _by_order(tok: Token, ctx: Ctx, which: str) -> list[Act]:
    """ "Iran criticized Israel and the United States. The latter ...": the last (or first) of the
    two actors named just before, of different countries, in the order the text names them (not
    the article's parties: "the latter" points back in the text)."""
    pair = sorted(_nearest_pair([a for a in before(tok, ctx) if a.i >= 0]), key=lambda a: a.start)
    if len(pair) != 2:
        return []
    a = pair[-1] if which == "last" else pair[0]
    return [Act(a.text, a.code, a.start, a.end, a.i)]


def _nearest_pair(cands: list[Act]) -> list[Act]:
    """The coordination the nearest candidate belongs to, else the two nearest candidates of
    different countries; [] where there are not two."""
    if cands and cands[0].group:
        grp = [a for a in cands if a.i in cands[0].group]
        if len(grp) > 1:
            return grp
    out: list[Act] = []
    for a in cands:
        if all(a.code[:3] != b.code[:3] for b in out):
            out.append(a)
        if len(out) == 2:
            return out
    return []


def pair_before(tok: Token, ctx: Ctx) -> list[Act]:
    """The last two distinct actors before ``tok`` ("between the two nations"), else the
    article's two parties."""
    return _nearest_pair(before(tok, ctx)) or participants(tok, ctx)


def participants(tok: Token, ctx: Ctx) -> list[Act]:
    """The article's two parties (``Ctx.participants``), as mentions made elsewhere: negative
    token indices, ordered as the article named them, keep them out of this clause's evidence."""
    n = len(ctx.participants)
    return [Act(a.text, a.code, a.start, a.end, k - n) for k, a in enumerate(ctx.participants)]


def before(tok: Token, ctx: Ctx) -> list[Act]:
    """Candidate antecedents for ``tok``: its sentence (nearest first), then the previous
    sentence with its core arguments (subjects, objects) before oblique mentions ("in Ukraine")."""
    sent = tok.sent
    spans = [(sent.start, tok.i)]
    if sent.start > 0:
        prev = tok.doc[sent.start - 1].sent
        spans.append((prev.start, prev.end))
    out: list[Act] = []
    seen: set[int] = set()
    for n, (lo, hi) in enumerate(spans):
        found: list[tuple[int, int, Act]] = []
        for i in range(hi - 1, lo - 1, -1):
            a = ctx.acts.get(i)
            if a is None or id(a) in seen:
                continue
            seen.add(id(a))
            t = tok.doc[a.i]
            if _addressed_outlet(t, a.code):
                continue  # "X told Reuters: 'they don't ...'": the outlet hears the claim, acts in none
            core = t.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "poss", "appos", "conj", "ROOT")
            grp = tuple(sorted(h.i for h in [t, *t.conjuncts])) if t.conjuncts else ()
            rank = 0 if (n == 0 or core) else 1
            found.append((rank, len(found), Act(a.text, a.code, a.start, a.end, a.i, grp)))
        out.extend(a for _, _, a in sorted(found, key=lambda f: (f[0], f[1])))
    for c in ctx.context:
        if c.code:
            out.append(Act(c.text or c.code, c.code, c.start or 0, c.end or 0, -1))
    return out


def _addressed_outlet(t: Token, code: str) -> bool:
    """A news outlet a speaker talks to ("told Reuters", "said to AFP"): never the antecedent of a
    pronoun in what was said."""
    if not code.endswith("MED"):
        return False
    head = t.head
    if t.dep_ == "pobj" and head.lower_ == "to":
        head = head.head
    elif t.dep_ not in ("dobj", "dative"):
        return False
    return head.lemma_.lower() in _words("say_verbs") or head.lemma_.lower() in ("speak", "talk", "inform")


# ------------------------------------------------------------------ slots
def controller(tok: Token) -> Token | None:
    """The understood subject of a subjectless verb (control, conjunction, relative clause)."""
    cur = tok
    if (displaced := displaced_subject(tok)) is not None:
        return displaced  # "A, with support from C, struck": A, where the parser took "support"
    for _ in range(6):
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and cur is not tok:
            if subj.tag_ in ("WDT", "WP") and cur.dep_ == "relcl":
                return _predicated(cur.head)
            return subj
        if subj is not None and subj.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
            return _predicated(tok.head)
        head = cur.head
        if cur.dep_ == "xcomp" or (cur.dep_ == "pcomp" and head.dep_ == "prep"):
            verb = head if cur.dep_ == "xcomp" else head.head
            # object control: "urged Iran to", "accused Russia of moving to"
            obj = next((c for c in verb.children if c.dep_ in ("dobj",)), None)
            means = cur.dep_ == "pcomp" and head.lower_ in _words("means_preps")  # "by doing": the subject
            if obj is not None and obj.i < cur.i and not means:
                return obj
            cur = verb
            continue
        if cur.dep_ in ("conj", "advcl", "acl") and head.pos_ in ("VERB", "AUX"):
            cur = misattached_conjunct(cur) or head
            continue
        if cur.dep_ == "dep" and cur.pos_ == "VERB" and head.pos_ == "VERB" and head.i < cur.i:
            # "the government has made arrests, repeatedly threatened the media and ...": a verb
            # the parser could not attach in a list of predicates shares the first one's subject
            cur = head
            continue
        if cur.dep_ == "acomp" and cur.lemma_.lower() in _words("control_adjectives"):
            # "Syria is willing to withdraw": the copula's subject (not "unable to", "happy to")
            cur = head
            continue
        if cur.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            return head
        return None
    return None


def _predicated(noun: Token) -> Token:
    """The subject a predicate noun describes ("Kem Ley was an activist *who criticized* ...": Kem
    Ley), else the noun itself: the relative clause on such a noun tells what the subject did."""
    if noun.dep_ == "attr" and noun.head.lemma_.lower() in ("be", "become", "remain"):
        subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.tag_ not in ("EX", "DT", "WDT"):
            return subj
    return noun


# ------------------------------------------------------------------ classes and objects


# ------------------------------------------------------------------ fallback targets
# the target prepositions are data/events/target_preps.tsv
_DESCEND = ("dobj", "xcomp", "ccomp", "attr", "pcomp", "nsubjpass")


def fallback_target(
    tok: Token, a1: list[Act], ctx: Ctx, speech: bool = False, meeting: bool = False
) -> list[Act]:
    """A target for a frame whose actor2 slots found nobody, from the rest of its clause.

    Frames list the usual slots; real sentences put the target elsewhere: in the clause a speech
    act governs ("demanded that *the US* cancel", ``speech``), in a PP on the verb, on its object
    or in its complement, or as the owner of the object ("rejected *an Indian* proposal"). The
    nearest such actor of another country than actor1's is taken; actor1's own country is skipped
    (a domestic act has no separate target, and a self-pair would drop the event). For a
    ``meeting`` (a consultation, 04) a place is where it is held, not who is met ("the NATO summit
    in Madrid").
    """
    own = {a.code[:3] for a in a1}

    def other(acts: list[Act]) -> list[Act]:
        return [a for a in acts if a.code[:3] not in own][:1]

    if speech:
        for c in tok.children:
            if c.dep_ == "ccomp":
                subj = next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")), None)
                got = other(actors(subj, ctx))
                if got:
                    return got
    # breadth-first over the verb, its object and its complements (two levels): PPs first
    level, seen = [tok], {tok.i}
    for _ in range(3):
        nxt: list[Token] = []
        for h in level:
            # a place gives way to the parties of the same head ("the summit in Baghdad between
            # Iraq, Jordan and Egypt": the three, each a target)
            for p in sorted(h.children, key=lambda p: p.lower_ in ("in", "at")):
                if meeting and p.lower_ in ("in", "at"):
                    continue
                if p.dep_ in ("prep", "dative") and p.lower_ in _words("target_preps"):
                    for g in p.children:
                        if g.dep_ == "pobj":
                            got = [a for a in actors(g, ctx) if a.code[:3] not in own]
                            got = got if p.lower_ in ("between", "among") else got[:1]
                            if got:
                                return got
            nxt.extend(c for c in h.children if c.dep_ in _DESCEND and c.i not in seen)
        seen.update(c.i for c in nxt)
        level = nxt
    for c in tok.children:
        if c.dep_ == "dobj":
            got = other(actor_at(c, ctx, poss=True))
            if got:
                return got
    return []


def domestic_target(obj: Token | None, tok: Token, a1: list[Act], ctx: Ctx) -> list[Act]:
    """ "Police arrested protesters in Ferguson": an object that is a country's own people or
    institutions (``domestic_objects.tsv``) is that country: the place the clause names, else
    actor1's own. The verb's direct object counts too where the frame's object is another slot
    ("asked religious schools *to pay taxes*")."""
    if len(a1) != 1:
        return []
    dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    home = next((o for o in (obj, dobj) if o is not None and _domestic(o, a1[0].code[:3], ctx)), None)
    if home is None:
        return []
    for t in (*home.subtree, *tok.subtree):
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "of", "across", "throughout"):
            place = (ctx.places or {}).get(t.i)
            got = actor_at(t, ctx) or ([place] if place is not None else [])
            if got:
                a = got[0]
                return [Act(a.text, a.code[:3], a.start, a.end, a.i)]
    return [Act(home.text, a1[0].code[:3], home.idx, home.idx + len(home), home.i)]


def _domestic(obj: Token, own: str, ctx: Ctx) -> bool:
    """Whether a noun is a country's own people or institutions; "dozens of protesters", "hundreds
    of civilians": the group the quantity counts. A plural demonym of actor1's own country in the
    phrase counts too ("asked for the involvement of Ukrainians abroad", said of Ukraine's
    president: the other-country search skips them, yet they are the ones asked)."""
    heads = [obj, *(g for p in obj.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj")]
    heads += [c for h in heads for c in h.children if c.dep_ == "compound"]  # "opposition members"
    if any(h.lemma_.lower() in _words("domestic_objects") for h in heads):
        return True
    # one plural word ("Ukrainians"), not a name that ends in one ("the United States")
    return any(
        (a := ctx.acts.get(t.i)) is not None
        and t.tag_ in ("NNS", "NNPS")
        and a.code[:3] == own
        and (a.start, a.end) == (t.idx, t.idx + len(t))
        for t in obj.subtree
    )


def guests(verb: Token, a1: list[Act], passive: bool, ctx: Ctx) -> list[Act]:
    """The visitors a host receives: the object (the passive's subject) where the phrase itself
    names a person or body ("received Sauli Niinistö", "received him", "the Iranian foreign
    minister was received"; not "received Russian drones", whose actor only owns the goods); where
    the verb has no object, a visitor the parser hung inside the place phrase ("received in the
    Kremlin President of Finland Sauli Niinistö"): the most specific actor of another country than
    the host's after the place's head."""
    objs = [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
    if objs:
        return [
            a
            for o in objs
            for h in (o, *o.conjuncts)
            if h.i in ctx.acts or h.tag_ == "PRP" or h.lemma_.lower() in _words("agent_nouns")
            for a in actor_at(h, ctx)
        ]
    own = {a.code[:3] for a in a1}
    for p in verb.children:
        if p.dep_ != "prep" or p.lower_ not in ("in", "at"):
            continue
        for g in p.children:
            if g.dep_ != "pobj":
                continue
            found: list[Act] = []
            for t in g.doc[g.i : g.right_edge.i + 1]:
                if t.is_punct:
                    break  # ", who is in Russia on a visit": a clause about the visitor
                a = ctx.acts.get(t.i)
                if a is not None and a.code[:3] not in own and a not in found:
                    found.append(a)
            if found:
                best = max(found, key=lambda a: len(a.code))
                return [Act(best.text, best.code, best.start, best.end, best.i)]
    return []


# ------------------------------------------------------------------ actors of nominal events
def phrase_target(held: Token, own: set[str], ctx: Ctx) -> list[Act]:
    """The first actor inside an object phrase of another country than ``own`` ("the importance of
    assistance to Ukraine from Canada", said by Ukraine: Canada), with the actors coordinated with
    it ("stressed the importance of talks with the United States and NATO": both)."""
    for t in held.subtree:
        if t.i == held.i:
            continue
        first = next((a for a in actor_at(t, ctx) if a.code[:3] not in own), None)
        if first is None:
            continue
        mention = ctx.acts.get(t.i)
        head = held.doc[mention.i] if mention is not None and mention.i >= 0 else t
        coordinated = [a for a in actors(head, ctx) if a.code[:3] not in own] if head.conjuncts else []
        return coordinated if len(coordinated) > 1 else [first]
    return []


def exchange_partner(tok: Token, ctx: Ctx) -> list[Act]:
    """ "Russia provides X to Iran in exchange for Tehran supplying weapons": an exchange's
    counterpart is the actor of the clause it is traded against."""
    if tok.dep_ != "pcomp" or tok.head.lower_ != "for":
        return []
    noun = tok.head.head
    if noun.lemma_.lower() not in ("exchange", "return") or noun.dep_ != "pobj":
        return []
    verb = noun.head.head
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return actors(subj, ctx)


def joint_they(tok: Token, code: str | None, a1: list[Act], ctx: Ctx) -> list[Act]:
    """ "They discussed the role of Iraq" in a readout of Sullivan's call with Hussein: a bare "they"
    subject of a consultation or cooperation predicate (``partner_roots.tsv``) is the article's two
    parties where the pronoun alone found a single actor or none (one country is no antecedent of
    "they" that consults; "the Afghan civilians" of the sentence before is not who discussed; "The
    leaders met ... They signed a package of documents": the leaders are the parties)."""
    if len(a1) > 1 or len(ctx.participants) != 2 or (code or "")[:2] not in _words("partner_roots"):
        return a1
    if not a1 and ctx.speaker is not None:
        return a1  # "they are not willing to talk," said one party: the other one, unresolved
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None) or controller(tok)
    if subj is None or subj.lower_ != "they":  # also "They noted X and discussed Y"
        return a1
    return participants(tok, ctx)


def home_side(pred: Predicate) -> bool | None:
    """Who did an impersonal passive in a readout: both parties (consultation, cooperation:
    ``partner_roots.tsv``) → False; the publishing side alone (a lexicon speech act of a root in
    ``home_side_roots.tsv``, "The need for Kiev to act was stressed") → True; else None."""
    root = (pred.code or "")[:2]
    if root in _words("partner_roots"):
        return False
    if root in _words("home_side_roots") and "speech" in pred.options:
        return True
    return None


# ------------------------------------------------------------------ targets of a chosen frame
def add_target(
    code: str, tok: Token, obj: Token | None, a1: list[Act], pred: Predicate, ctx: Ctx
) -> tuple[list[Act], str]:
    """An actor2 for a chosen frame whose slots found none, from the rest of the clause, and the
    rule suffix that says how (after the frame is chosen, so the fallback never makes a worse
    frame win). Not for a joint cooperative act of coordinated actors ("Chile and Peru agreed to
    build a base in Bolivia")."""
    if not code[:2].isdigit():
        return [], ""
    if len(a1) >= 2 and 3 <= int(code[:2]) <= 8:
        return [], ""
    if any(s.prep == "between" for s in pred.actor1) and len(a1) >= 2:
        return [], ""
    got = fallback_target(tok, a1, ctx, speech="speech" in pred.options, meeting=_meeting(code))
    if got:
        return got, " +target"
    home = domestic_target(obj, tok, a1, ctx)
    if home:
        return home, " +domestic"
    if code[:2] in _words("place_target_roots"):
        where = place_target(tok, a1, ctx)
        if where:
            return where, " +place"
    parties = {a.code[:3]: a for a in ctx.participants}
    own = {a.code[:3] for a in a1}
    partnered = code[:2] in _words("partner_roots") or "partner" in pred.options
    if len(parties) == 2 and len(own) == 1 and own <= parties.keys() and partnered:
        # "Putin discussed the situation" in a readout of his call with Raisi: with Raisi
        other = next(a for k, a in parties.items() if k not in own)
        return [Act(other.text, other.code, other.start, other.end, -1)], " +partner"
    sp = ctx.speaker
    if (
        sp is not None
        and sp.code
        and code[:2] in _words("speaker_target_roots")
        and all(a.code[:3] != sp.code[:3] for a in a1)
        and not sp.code.upper().startswith(("IGO", "NGO", "MNC"))
    ):
        # "Russian troops are shelling convoys," said Ukraine's president: done to the speaker's side;
        # a monitor (the OPCW, Amnesty) reports what it found
        return [Act(sp.text or sp.code, sp.code[:3], sp.start or 0, sp.end or 0, -1)], " +speaker-side"
    return [], ""


_PLACE_PREPS = ("of", "on", "in", "against", "at", "near", "into", "along", "around")
_PREMODIFIERS = ("compound", "amod", "poss", "nmod", "det", "nummod", "case")


def place_target(tok: Token, a1: list[Act], ctx: Ctx) -> list[Act]:
    """The country of the place a force is used on or shown at ("shelled Kharkiv", "the annexation
    of Ukraine's Crimea", "strikes on the Donbas region"): the direct object or passive subject, or
    the object of a place preposition on the predicate, where that phrase (head and premodifiers,
    not its own PPs) names a place or owner of another country than actor1's."""
    own = {a.code[:3] for a in a1}
    heads = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    heads += [
        g
        for p in tok.children
        if p.dep_ == "prep" and p.lower_ in _PLACE_PREPS
        for g in p.children
        if g.dep_ == "pobj"
    ]
    # "conducted strikes against targets": the place phrase on the verb's object noun
    heads += [
        g
        for o in tok.children
        if o.dep_ in ("dobj", "nsubjpass")
        for p in o.children
        if p.dep_ == "prep" and p.lower_ in _PLACE_PREPS
        for g in p.children
        if g.dep_ == "pobj"
    ]
    places = ctx.places or {}
    for h in heads:
        for t in _premodified(h):
            # a place anywhere in the phrase; an actor only as the owner ("Ukraine's Crimea"): the
            # head itself would have filled the frame's own slot
            a = places.get(t.i) or (ctx.acts.get(t.i) if t.dep_ == "poss" else None)
            if a is not None and a.code[:3].isalpha() and a.code[:3] not in own:
                return [Act(a.text, a.code[:3], a.start, a.end, a.i)]
    for h in heads:
        # "targets in Houthi-held areas of Yemen": a bare country at the end of a chain of
        # locative phrases on the target names where it lies
        for t in _located_in(h, 3):  # "a number of targets in areas of Yemen"
            a = places.get(t.i) or ctx.acts.get(t.i)
            if a is not None and len(a.code) == 3 and a.code.isalpha() and a.code not in own:
                return [Act(a.text, a.code, a.start, a.end, a.i)]
    return []


def _located_in(head: Token, depth: int = 2) -> list[Token]:
    """The objects of "in"/"of" phrases nested under ``head`` ("targets in areas of Yemen": areas,
    Yemen), nearest first, ``depth`` levels down."""
    out: list[Token] = []
    level = [head]
    for _ in range(depth):
        level = [
            g
            for h in level
            for p in h.children
            if p.dep_ == "prep" and p.lower_ in ("in", "of", "across", "throughout")
            for g in p.children
            if g.dep_ == "pobj"
        ]
        out.extend(level)
    return out


def _premodified(head: Token) -> list[Token]:
    """A noun phrase's head and its premodifiers, head first ("Ukraine's Donbas region")."""
    out = [head]
    stack = [c for c in head.children if c.dep_ in _PREMODIFIERS]
    while stack:
        t = stack.pop(0)
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ in _PREMODIFIERS)
    return out


def _meeting(code: str) -> bool:
    """A consultation held somewhere (040, 041, 044-046), not a visit to a place or hosting one."""
    return code[:2] == "04" and code[:3] not in ("042", "043")
