"""Who acts in an event noun's phrase when the noun's own slots name no one.

A nominal event ("talks", "an attack", "a visit") often has its actors outside its modifiers: the
subject of the light verb that holds it ("Iran *held* talks", "the attacks *carried out by* Hamas"),
the traveller of a stay ("Niinistö, who is in Russia on a working visit"), or a hyphened pair before
it ("Russia-Finland trade"). The coder asks these after its frame's slots.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ..lexicons import word_set
from .repairs import displaced_subject
from .roles import Act, Ctx, actor_at, actors, controller


def hyphen_pair(noun: Token, ctx: Ctx) -> tuple[list[Act], list[Act]] | None:
    """ "Russia-Finland trade", "the Israeli-Palestinian negotiations", "US-China talks": two actors
    of different countries joined by a bare hyphen before an event noun are its dyad, in the order
    written (the first is actor1, the second actor2), whatever the frame's slots would take."""
    for c in noun.lefts:
        if c.dep_ not in ("amod", "compound", "nmod"):
            continue
        for t in c.subtree:
            if t.text not in ("-", "–") or t.i == 0 or t.i + 1 >= len(t.doc):
                continue
            left, right = t.doc[t.i - 1], t.doc[t.i + 1]
            if left.whitespace_ or t.whitespace_:
                continue  # "Russia - and Finland": a dash, not a hyphened pair
            a, b = ctx.acts.get(left.i), ctx.acts.get(right.i)
            if a is not None and b is not None and a.code[:3] != b.code[:3]:
                first = Act(a.text, a.code, a.start, a.end, left.i)
                return [first], [Act(b.text, b.code, b.start, b.end, right.i)]
    return None


def stay_verb(noun: Token) -> Token | None:
    """The verb of being or arriving whose "on" phrase holds ``noun`` ("is in Russia on a visit")."""
    head = noun.head
    if (
        noun.dep_ != "pobj"
        or head.lower_ != "on"
        or head.head.lemma_.lower() not in word_set("events/stay_verbs.tsv")
    ):
        return None
    return head.head


def stay_actors(noun: Token, ctx: Ctx) -> tuple[list[Act], list[Act]]:
    """ "Niinistö, who is in Russia on a working visit", "the minister arrived in Beijing on an
    official visit": a nominal event in the "on" phrase of a verb of being or arriving
    (``stay_verbs.tsv``) is done by the verb's subject and aimed at the place the verb names (a
    country, or the country of a city). Both empty where the noun is not so placed."""
    verb = stay_verb(noun)
    if verb is None:
        return [], []
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT")), None)
    a1 = actors(subj or controller(verb), ctx)  # "Niinistö, who is in Russia": Niinistö
    own = {a.code[:3] for a in a1}
    a2: list[Act] = []
    for p in verb.children:
        if p.dep_ == "prep" and p.lower_ in ("in", "to"):
            for g in p.children:
                place = (ctx.places or {}).get(g.i)
                got = actor_at(g, ctx) if g.dep_ == "pobj" else []
                if not got and place is not None:
                    got = [Act(place.text, place.code[:3], place.start, place.end, place.i)]
                a2.extend(a for a in got if a.code[:3] not in own)
    return a1, a2[:1]


def light_participle(noun: Token) -> Token | None:
    """The light verb of "the operation carried out by Russia" (a participle modifying its noun)."""
    return next(
        (
            c
            for c in noun.children
            if c.dep_ == "acl" and c.lemma_.lower() in word_set("events/light_verbs.tsv")
        ),
        None,
    )


def light_verb_subject(noun: Token, ctx: Ctx) -> list[Act]:
    """ "X held talks / launched an attack / deepened cooperation": the subject of a light verb
    is the actor of its nominal object. Not so for "receive", "condemn", "welcome" (excluded); "the
    attacks carried out by Hamas": the participle's agent."""
    if (lv := light_participle(noun)) is not None:
        return actors(next((g for a in lv.children if a.dep_ == "agent" for g in a.children), None), ctx)
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "of":
        head = head.head.head if head.head.dep_ in ("dobj", "pobj") else head.head
    if (
        noun.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.head.pos_ == "ADJ"
        and head.head.lemma_.lower() in word_set("events/intent_adjectives.tsv")
    ):
        # "Ukraine is ready for talks": the copula's subject is the one who would talk
        adj = head.head
        subj = next((c for c in (*adj.children, *adj.head.children) if c.dep_ == "nsubj"), None)
        return actors(subj, ctx)
    if head.lemma_.lower() not in word_set("events/light_verbs.tsv"):
        return []
    if noun.dep_ == "nsubjpass" and head.pos_ in ("VERB", "AUX"):
        # "the request was filed by the city": the passive's agent, if it names one
        agent = next(
            (g for a in head.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None
        )
        return actors(agent, ctx)
    if noun.dep_ in ("dobj", "pobj") and head.pos_ in ("VERB", "AUX"):
        subj = displaced_subject(head) or next((c for c in head.children if c.dep_ == "nsubj"), None)
        return actors(subj or controller(head), ctx)
    return []


def participle_target(noun: Token, preps: Iterable[str | None], ctx: Ctx) -> list[Act]:
    """ "the operation carried out by Turkey in Syria": the target phrase hung on the light
    participle, for the noun's own target prepositions ``preps``."""
    lv = light_participle(noun)
    if lv is None:
        return []
    for p in lv.children:
        if p.dep_ == "prep" and p.lower_ in preps:
            got = actors(next((g for g in p.children if g.dep_ == "pobj"), None), ctx)
            if got:
                return got
    return []
