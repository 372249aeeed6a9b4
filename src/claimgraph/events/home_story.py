"""The addressee of a one-country story's responses. "Police relented", "the spokeswoman refused to
give details", "the opposition calls for change": an appeal, promise, concession or refusal
(``addressed_codes.tsv``) is aimed at someone even where the clause names no one. When the whole
document speaks of one country only (its coded actor mentions, the press aside, are nearly all
that country's) and
actor1 is that country's, the one it answers or addresses is that country's own (its people, its
press, its government): the target is coded that country. A story of two or more countries names
no single other side, so nothing is guessed there."""

from __future__ import annotations

from collections import Counter

from ..lexicons import word_set
from .roles import Act, Ctx

_SHARE = 0.85
"""The share of a document's country-coded actor mentions one country must hold to be its story."""
_MIN = 4
"""Fewer country mentions than this say too little about what the story is of."""
_INTERNATIONAL = ("IGO", "NGO", "IMG", "MNC")

_last: tuple[dict[int, Act], str | None, list[Act]] | None = None


def home_country(acts: dict[int, Act]) -> tuple[str | None, list[Act]]:
    """The one country a document's actor mentions are nearly all of (else None), and its
    mentions in text order (computed once per document: ``acts`` is the coder's table of it)."""
    global _last
    if _last is not None and _last[0] is acts:
        return _last[1], _last[2]
    mentions = sorted({(a.start, a.end): a for a in acts.values()}.values(), key=lambda a: a.start)
    # the press that reports a story is none of its parties ("VOA Khmer", an outlet abroad)
    counts = Counter(
        a.code[:3] for a in mentions if a.code[:3] not in _INTERNATIONAL and a.code[3:6] != "MED"
    )
    home = None
    total = sum(counts.values())
    if total >= _MIN:
        top, n = counts.most_common(1)[0]
        home = top if n >= _SHARE * total else None
    own = [a for a in mentions if a.code[:3] == home]
    _last = (acts, home, own)
    return home, own


def addressed(code: str) -> bool:
    """Whether a CAMEO code is an act aimed at someone by its nature (longest listed prefix)."""
    words = word_set("events/addressed_codes.tsv")
    for n in range(len(code), 1, -1):
        if f"-{code[:n]}" in words:
            return False
        if code[:n] in words:
            return True
    return False


def home_target(code: str, a1: list[Act], ctx: Ctx) -> list[Act]:
    """The target of an addressed act with no named target in a one-country story: that country,
    named by its last other mention before actor1 ("told CBC News ... but refused to give
    details"; index -1: a mention elsewhere, outside this clause's evidence)."""
    if len(a1) != 1 or not addressed(code):
        return []
    home, own = home_country(ctx.acts)
    if home is None or a1[0].code[:3] != home:
        return []
    me = a1[0]
    before = [a for a in own if a.end <= me.start and a.i != me.i]
    if not before:
        return []
    a = before[-1]
    return [Act(a.text, home, a.start, a.end, -1)]
