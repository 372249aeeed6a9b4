"""The unnamed doer of a harm in a two-sided story. "More than 2,000 children were deported", "the
blockade of Mariupol continues", said in a war between two countries: a coercive or violent act
(``harm_codes.tsv``) whose doer the text leaves out (an agentless passive, an event noun with no
actor) but whose victim is the speaker's own side (a place of its country, or its own people:
"children", "civilians", ``domestic_objects.tsv``) was done, the speaker implies, by the other
side: the one it accuses. Only where the whole document speaks of two countries
(``home_story.story_parties``): with three or more, or one, no side is guessed."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import word_set
from .home_story import listed, story_parties
from .named import occupier
from .roles import Act, Ctx, actors
from .slots import is_passive

_PATIENT_PREPS = ("of", "on", "against")


def unnamed_doer(code: str | None, tok: Token, a2: list[Act], ctx: Ctx) -> tuple[list[Act], list[Act]]:
    """actor1 and actor2 for a frame that found no actor1: the occupier of a territory
    (``named.occupier``), else the other side of a two-country story for a harm done to one side;
    ``([], a2)`` when neither applies."""
    a1, a2 = occupier(code, tok, a2, ctx)
    if a1 or not code or not listed(code, "events/harm_codes.tsv"):
        return a1, a2
    passive = tok.pos_ == "VERB" and is_passive(tok)
    if not passive and tok.pos_ != "NOUN":
        return [], a2  # an active clause's subject the coder could not code is no one to guess
    if passive and any(c.dep_ == "agent" for c in tok.children):
        return [], a2
    parties, _ = story_parties(ctx.acts)
    if len(parties) != 2:
        return [], a2
    victim = _victim(tok, a2, parties, ctx)
    if victim is None:
        return [], a2
    side, target = victim
    other = next(p for p in parties if p != side)
    return [Act("", other, -1, -1, -1)], target


def _victim(tok: Token, a2: list[Act], parties: tuple[str, ...], ctx: Ctx) -> tuple[str, list[Act]] | None:
    """The side a harm was done to, and the target it names, when that side is the speaker's own:
    its own people ("children were deported", said by one side's leader; the target as coded, or
    the speaker's when uncoded) or a place of its own ("the blockade of Mariupol"). Not a state
    ("pressure on Russia": third parties press a state as often as its enemy does), and not the
    author's report nor a harm one side tells of the other's people (whom it may blame on anyone)."""
    speaker = ctx.speaker.code[:3] if ctx.speaker is not None and ctx.speaker.code else None
    if speaker is None or speaker not in parties:
        return None
    people = word_set("events/domestic_objects.tsv")
    if a2:
        own = all(a.code[:3] == speaker and a.i >= 0 and tok.doc[a.i].lemma_.lower() in people for a in a2)
        return (speaker, a2) if own else None
    patients = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in _PATIENT_PREPS:
            patients += [g for g in c.children if g.dep_ == "pobj"]
    # "hundreds of civilians": the group the quantity counts
    patients += [g for p in list(patients) for c in p.children if c.lower_ == "of" for g in c.children]
    for p in patients:
        place = (ctx.places or {}).get(p.i)
        if place is not None and place.code[:3] == speaker:
            return speaker, [Act(place.text, speaker, place.start, place.end, place.i)]
        if not actors(p, ctx) and p.lemma_.lower() in people:
            return speaker, [Act(p.text, speaker, p.idx, p.idx + len(p), p.i)]
    return None
