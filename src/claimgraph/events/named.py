"""Operations named so that the name tells who wages them on whom (``data/events/named_operations.tsv``).

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
from .roles import Act


@dataclass(frozen=True, slots=True)
class NamedOperation:
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
        if not ws or len(since) != 10 or since[4] != "-" or since[7] != "-":
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
