"""The addressee of a response the clause names no one for. "Police relented", "the spokeswoman
declined to comment", "the opposition calls for change": an appeal, promise, concession or refusal
(``addressed_codes.tsv``) is aimed at someone even where the clause names no one.

- A refusal to comment (011) is given to the press outlet named just before, which asked.

- When the whole document speaks of one country only (its coded actor mentions, the press aside,
  are nearly all that country's) and actor1 is that country's, the one it answers or addresses is
  that country's own (its people, its press, its government).
- When the document speaks of two countries only (a war, a dispute), a concession or refusal
  (``answer_codes.tsv``: yielding, a ceasefire, refusing) by one answers the pressure of the other:
  "our men refused to leave", "the army declared a ceasefire". Appeals and promises are not guessed
  there: in a two-country readout they are as often made to third parties or to no one.

A story of three or more countries names no single other side, so nothing is guessed there."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from ..lexicons import word_set
from .roles import Act, Ctx

_SHARE = 0.85
"""The share of a document's country-coded actor mentions its one (or two) countries must hold."""
_MIN = 4
"""Fewer country mentions than this say too little about what the story is of."""
_INTERNATIONAL = ("IGO", "NGO", "IMG", "MNC")

_last: tuple[dict[int, Act], tuple[str, ...], list[Act]] | None = None


def story_parties(acts: dict[int, Act]) -> tuple[tuple[str, ...], list[Act]]:
    """The one country, else the two countries, a document's actor mentions are nearly all of
    (else none), and the document's mentions in text order (computed once per document: ``acts``
    is the coder's table of it)."""
    global _last
    if _last is not None and _last[0] is acts:
        return _last[1], _last[2]
    mentions = sorted({(a.start, a.end): a for a in acts.values()}.values(), key=lambda a: a.start)
    # the press that reports a story is none of its parties ("VOA Khmer", an outlet abroad)
    counts = Counter(
        a.code[:3] for a in mentions if a.code[:3] not in _INTERNATIONAL and a.code[3:6] != "MED"
    )
    parties: tuple[str, ...] = ()
    total = sum(counts.values())
    if total >= _MIN:
        top = counts.most_common(2)
        if top[0][1] >= _SHARE * total:
            parties = (top[0][0],)
        elif len(top) == 2 and top[0][1] + top[1][1] >= _SHARE * total:
            parties = (top[0][0], top[1][0])
    _last = (acts, parties, mentions)
    return parties, mentions


def listed(code: str, name: str) -> bool:
    """Whether a CAMEO code is in a code list (longest listed prefix; "-" rules a code out)."""
    words = word_set(name)
    for n in range(len(code), 1, -1):
        if f"-{code[:n]}" in words:
            return False
        if code[:n] in words:
            return True
    return False


def _outlet(tok: Token, mentions: list[Act]) -> Act | None:
    """The press outlet last named before ``tok`` in its sentence or the one before ("Reuters
    asked the ministry ...; a spokesman declined to comment", "told CBC News ... but refused to
    give any details"): the one a refusal to comment is given to."""
    sent = tok.sent
    start = tok.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    lo, hi = tok.doc[start].idx, tok.idx
    press = [a for a in mentions if a.code[3:6] == "MED" and lo <= a.start and a.end <= hi]
    return press[-1] if press else None


def addressed(code: str) -> bool:
    """Whether a CAMEO code is an act aimed at someone by its nature."""
    return listed(code, "events/addressed_codes.tsv")


def answers(code: str) -> bool:
    """Whether a CAMEO code is an act that answers an opponent's pressure (yielding, refusing)."""
    return listed(code, "events/answer_codes.tsv")


def home_target(code: str, tok: Token, a1: list[Act], ctx: Ctx) -> list[Act]:
    """The target of an addressed act with no named target: the press outlet that asked, for a
    refusal to comment; else the story's own country in a one-country story, the other side in a
    two-country story (only for an answer to pressure), as the country with no mention of its
    own (as ``named.occupier`` gives an unnamed occupier)."""
    if len(a1) != 1 or not addressed(code):
        return []
    parties, mentions = story_parties(ctx.acts)
    me = a1[0]
    if code.startswith("011"):
        asked = _outlet(tok, mentions)
        if asked is not None:
            return [Act(asked.text, asked.code, asked.start, asked.end, -1)]
    own = me.code[:3]
    if own not in parties:
        return []
    if len(parties) == 1:
        other = own
    elif answers(code):
        other = next(p for p in parties if p != own)
    else:
        return []
    # the country itself, not one of its mentions ("police relented": to no one the text names)
    return [Act("", other, -1, -1, -1)]
