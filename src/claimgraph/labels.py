"""What an event object may contribute to a label (a cluster's name, a ledger entry's item).

The parser sometimes takes a date ("Monday"), a unit ("not an inch of land"), a number or a
generic noun ("the situation", "vastly different opinions") for an event's object. The claim keeps
what the text says; labels leave such objects out, so lists read as events, not as noise. The
stop-lists are the commented data files ``data/labels/{date_words,units,generic_nouns}.txt``.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicons import read_words

__all__ = ["MAX_WORDS", "junk_object", "label_object"]

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|%")
_DETERMINERS = frozenset((
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her", "my",
    "your", "some", "any", "all", "each", "every", "other", "what", "which", "whose", "more", "most",
    "much", "many", "few", "several", "such", "no", "next", "last",
))  # fmt: skip
_NUMBER = re.compile(r"^(?:\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|first|second|third)$")
MAX_WORDS = 8
"""An object longer than this is cut with an ellipsis in a label (the claim keeps it whole)."""


@cache
def _words(name: str) -> frozenset[str]:
    return frozenset(read_words(f"labels/{name}.txt"))


def _stop_words() -> frozenset[str]:
    return _words("date_words") | _words("units") | _words("generic_nouns")


def _scrap(token: str, stop: frozenset[str]) -> bool:
    """A word that names nothing alone: a number, a stop word, a lower-case scrap ("e", "de")."""
    w = token.casefold()
    return bool(_NUMBER.match(w)) or w in stop or (len(token) <= 2 and token.islower())


def junk_object(obj: str | None, *, actors: tuple[str | None, ...] = ()) -> bool:
    """True for an object that names no thing: empty, a number, a date, a unit or a generic noun
    (by its head), or just the name of one of ``actors`` ("→ Ukraine: Ukraine")."""
    if not obj or not obj.strip():
        return True
    tokens = [w for w in _WORD.findall(obj) if w.casefold() not in _DETERMINERS]
    content = [w.casefold() for w in tokens]
    if not content:
        return True
    stop = _stop_words()
    if all(_scrap(t, stop) for t in tokens):
        return True
    # the head noun: the word before "of" ("the need of ..."), unless that is a quantity
    # ("hundreds of missiles", "tons of flour"), else the last word
    head = content[-1]
    if "of" in content[1:]:
        before = content[content.index("of") - 1]
        if not (_NUMBER.match(before) or before in _words("units")):
            head = before
    if head in stop and len(content) <= 3:
        return True
    folded = " ".join(content)
    return any(a and folded == " ".join(_WORD.findall(a.casefold())) for a in actors)


def label_object(obj: str | None, *, actors: tuple[str | None, ...] = ()) -> str | None:
    """The object as a label shows it: None when it is junk, cut to ``MAX_WORDS`` words when long."""
    if obj is None or junk_object(obj, actors=actors):
        return None
    words = obj.split()
    return obj.strip() if len(words) <= MAX_WORDS else " ".join(words[:MAX_WORDS]) + " …"
