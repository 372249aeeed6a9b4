"""Targets the frame's own slots miss because the parser hangs them elsewhere: the object a verb
shares with the verb coordinated after it ("officers shot and wounded a suspect"), and the domestic
object of the act an appeal calls for ("called for boycotting the election"). Tried around
``roles.add_target``: the shared object first (it is the verb's own object), the nested one last."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import word_set
from .home_story import home_target
from .predicates import Predicate
from .roles import Act, Ctx, actors, add_target, domestic_target
from .slots import is_passive, slot_tokens


def target(
    code: str, tok: Token, obj: Token | None, a1: list[Act], pred: Predicate, ctx: Ctx
) -> tuple[list[Act], str]:
    """An actor2 for a chosen frame whose slots found none, and the rule suffix that says how."""
    if _open_group(tok, pred):
        return [], ""  # "negotiations with many foreign leaders": not the readout's other party
    shared = shared_object(tok, a1, pred, ctx)
    if shared:
        return shared, " +shared-object"
    named = own_slot_domestic(tok, a1, pred, ctx)
    if named:
        return named, " +domestic"
    got, how = add_target(code, tok, obj, a1, pred, ctx)
    if got or not code[:2].isdigit():
        return got, how
    nested = nested_domestic(obj, a1, ctx) or home_target(code, tok, a1, ctx)
    return (nested, " +domestic") if nested else ([], "")


def shared_object(tok: Token, a1: list[Act], pred: Predicate, ctx: Ctx) -> list[Act]:
    """ "Officers shot and wounded a suspect": a transitive frame with no object of its own takes
    the direct object of the verb coordinated after it, where that verb has no subject of its own
    (the same actor acts twice on the same target)."""
    if not any(s.dep == "dobj" for s in pred.actor2) or tok.pos_ != "VERB":
        return []
    kids = {c.dep_ for c in tok.children}
    # an active clause with a subject of its own ("the jet shot down by Turkey, and should have
    # informed Turkey": a participle, whose conjunct is another clause)
    if "nsubj" not in kids or kids & {"dobj", "ccomp", "xcomp", "nsubjpass", "attr", "agent", "auxpass"}:
        return []
    for v in tok.children:
        if v.dep_ != "conj" or v.pos_ != "VERB" or v.i < tok.i:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
            return []
        d = next((c for c in v.children if c.dep_ == "dobj"), None)
        if d is None:
            return []
        return actors(d, ctx) or domestic_target(d, v, a1, ctx)
    return []


def own_slot_domestic(tok: Token, a1: list[Act], pred: Predicate, ctx: Ctx) -> list[Act]:
    """ "resorted to violence against civilians": the frame's own target slot names a country's own
    people (``domestic_objects.tsv``), uncoded: they are that country's (the place the phrase
    names, else actor1's own), before any guess from the clause or from who reports it. Not for a
    symmetric act ("police clashed with protesters": two sides of one fight, no one acted upon)."""
    if "sym" in pred.options:
        return []
    passive = is_passive(tok)
    for s in pred.actor2:
        if s.dep in ("obj*", "dobj", "dative"):
            continue  # the direct object is domestic_target's own first try
        for t in slot_tokens(pred, tok, s, passive):
            got = domestic_target(t, tok, a1, ctx)
            if got:
                return got
    return []


def nested_domestic(obj: Token | None, a1: list[Act], ctx: Ctx) -> list[Act]:
    """ "The opposition called for boycotting the election": where the frame's object is itself an
    act (a gerund or infinitive) done to a country's own people or institutions, the appeal is made
    to that country (``roles.domestic_target``: the place the clause names, else actor1's own)."""
    if obj is None or obj.pos_ != "VERB":
        return []
    return domestic_target(None, obj, a1, ctx)


def _open_group(tok: Token, pred: Predicate) -> bool:
    """Whether the frame's own target slot holds an open group of others ("with many foreign
    leaders", "several countries"; ``group_determiners.tsv``): the target is named, only uncoded."""
    passive = is_passive(tok)
    words = word_set("events/group_determiners.tsv")
    return any(
        c.dep_ in ("amod", "det") and c.lower_ in words
        for s in pred.actor2
        if s.dep != "obj*"
        for t in slot_tokens(pred, tok, s, passive)
        for c in t.children
    )
