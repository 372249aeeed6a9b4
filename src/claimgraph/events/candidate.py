"""A candidate event between reading a frame off the parse and emitting it: the frame, the token
it fits, its filled slots and the code so far. Shared by the coder and the rules that recode or
add candidates (``must``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .predicates import Predicate
from .roles import Act


@dataclass(slots=True)
class Candidate:
    """A candidate event before pairing: the frame and its filled slots."""

    pred: Predicate
    tok: Token
    a1: list[Act]
    a2: list[Act]
    obj: Token | None
    classes: list[str]
    chain: list[Token] = field(default_factory=list)
    code: str | None = None
    pair: bool = False  # actor1 list is a reciprocal pair from one slot
    rule: str = ""
    extra_neg: bool = False
    extra_hedge: bool = False

    def own_actors(self) -> bool:
        """Whether a nominal event's actor1 is named in its own phrase ("U.S. support", "support
        from Canada"), not found in the context (the article's parties, an earlier mention)."""
        lo, hi = self.tok.left_edge.i, self.tok.right_edge.i
        return bool(self.a1) and all(lo <= a.i <= hi for a in self.a1)
