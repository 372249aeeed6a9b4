"""Events whose agent a name or a place tells when the text does not: operations named so that the
name tells who wages them on whom (``data/events/named_operations.tsv``), and occupied territory
(``occupied_territories.tsv``).

A frame reads an operation's actors off its modifiers ("Russia's special military operation",
"operation against Ukraine"). A readout that calls the war only by its official name ("the decision
to carry out a special military operation") leaves both slots empty and the event would be lost;
the name is what tells the parties, as a person's name in the actor tables tells their office.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from ..lexicons import read_table
from .roles import Act, Ctx, actors


@dataclass(frozen=True, slots=True)
class NamedOperation:
    """A row of named_operations.tsv: the name's words, who wages it on whom, and since when."""

    words: tuple[str, ...]
    actor1: str
    actor2: str
    since: str


@cache
def _table() -> dict[str, list[NamedOperation]]:
    """Rows by their head noun (the last word)."""
    out: dict[str, list[NamedOperation]] = {}
    for row in read_table("events/named_operations.tsv", min_cols=4, max_cols=4):
        words, a1, a2, since = row.cells
        ws = tuple(words.lower().split())
        if not ws or not _is_day(since):
            raise row.error(f"expected words, two actor codes and a YYYY-MM-DD day, not {row.cells!r}")
        out.setdefault(ws[-1], []).append(NamedOperation(ws, a1.upper(), a2.upper(), since))
    return out


def named_operation(tok: Token, published: str | None) -> tuple[list[Act], list[Act]] | None:
    """The actors the operation noun ``tok`` names by its name, as mentions made elsewhere
    (negative token indices), or None when its words name no operation of the table or the
    article was published before the operation began."""
    rows = _table().get(tok.lemma_.lower()) or _table().get(tok.lower_)
    if not rows:
        return None
    before = [t.lower_ for t in tok.doc[tok.left_edge.i : tok.i + 1]]
    for r in rows:
        n = len(r.words)
        if len(before) >= n and tuple(before[-n:-1]) == r.words[:-1]:
            if published and published[:10] < r.since:
                continue
            return [Act("", r.actor1, -1, -1, -1)], [Act("", r.actor2, -1, -1, -2)]
    return None


@cache
def _occupied() -> dict[str, tuple[str, str]]:
    """Territory name or alias (lower case) -> (occupier code, first day)."""
    out: dict[str, tuple[str, str]] = {}
    for row in read_table("events/occupied_territories.tsv", min_cols=3, max_cols=4):
        place, code, since = row.cells[:3]
        if not _is_day(since):
            raise row.error(f"expected a territory, an actor code and a YYYY-MM-DD day, not {row.cells!r}")
        aliases = row.cells[3].split("|") if len(row.cells) > 3 else []
        for name in (place, *aliases):
            out[name.strip().lower()] = (code.upper(), since)
    return out


def _is_day(value: str) -> bool:
    return len(value) == 10 and value[4] == "-" and value[7] == "-" and value.replace("-", "").isdigit()


def _territories(tok: Token, a2: list[Act]) -> list[Token]:
    """The tokens that may name what ``tok`` occupies: its target, its object or passive subject,
    its of-phrase ("the annexation of Crimea"), or the noun a participle modifies ("the temporarily
    occupied Crimea") with that noun's of-phrase ("occupied territories of Donbas and Crimea")."""
    out = [tok.doc[a.i] for a in a2 if a.i >= 0]
    h = tok.head if tok.dep_ in ("amod", "acl") else tok
    if h is not tok:
        out.append(h)
    for c in h.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ == "of":
            out.extend(t for g in c.children if g.dep_ == "pobj" for t in (g, *g.conjuncts))
    return out


def occupier(code: str | None, tok: Token, a2: list[Act], ctx: Ctx) -> tuple[list[Act], list[Act]]:
    """For an occupation or annexation (CAMEO 192) whose agent the text does not name, the state
    that holds the territory it is of (``occupied_territories.tsv``) and the territory as the
    target; ``([], a2)`` otherwise."""
    if not (code or "").startswith("192"):
        return [], a2
    table = _occupied()
    for t in _territories(tok, a2):
        hit = table.get(t.lower_)
        if hit is None or (ctx.published and ctx.published[:10] < hit[1]):
            continue
        place = (ctx.places or {}).get(t.i)
        target = a2 or actors(t, ctx)
        if not target and place is not None:
            target = [Act(place.text, place.code[:3], place.start, place.end, place.i)]
        return [Act("", hit[0], -1, -1, -1)], target
    return [], a2
