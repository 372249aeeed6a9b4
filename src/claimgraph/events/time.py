"""When and where an event happened: time expressions resolved against the publication date, and place.

Dates are resolved only when the article's publication date is known: "on Monday" means nothing
without it, and a guessed date is worse than none. Seasons, which dateparser does not read, are
mapped to their first month ("in the spring" → March of the relevant year).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

from spacy.tokens import Span, Token

_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_STRIP = re.compile(r"^(?:in|on|at|during|since|within|by|over|for|the)\s+", re.I)
# Expressions that are durations or vague, not dates: resolving them would invent precision.
_VAGUE = re.compile(r"\b(?:years?|months?|weeks?|days?)\s+ago\b|^(?:recently|now|today's)$", re.I)


def _parse_published(published: str | None) -> datetime | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def resolve_date(expr: str, published: str | None) -> str | None:
    """An ISO date (``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when that is all the text says) or None."""
    base = _parse_published(published)
    if base is None:
        return None
    text = expr.strip().strip(",.")
    if _VAGUE.search(text):
        return None
    low = text.lower()
    for season, month in _SEASONS.items():
        if re.search(rf"\b{season}\b", low):
            year = base.year
            m = re.search(r"\b(1[89]\d\d|20\d\d)\b", low)
            if m:
                year = int(m.group(1))
            elif "next" in low:
                year += 1
            elif "last" in low or month > base.month:
                year -= 1  # "in the spring", said in February, is last year's spring
            return f"{year:04d}-{month:02d}"
    text = _STRIP.sub("", text)
    text = re.sub(r"^(?:the\s+)?next\s+", "next ", text, flags=re.I)
    import dateparser  # deferred: slow to import and only needed when a date is to be resolved

    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        dt: datetime | None = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; a date is optional
        return None
    if dt is None:
        return None
    if re.fullmatch(r"(?:next|last|this)\s+year|\d{4}", text, re.I):
        return f"{dt.year:04d}"
    if (
        re.fullmatch(r"(?:next|last|this)\s+month|[A-Za-z]+\s+\d{4}|[A-Za-z]+", text)
        and not re.search(r"day\b|night\b", text, re.I)
        and text.lower().split()[-1] not in ("today", "yesterday", "tomorrow")
    ):
        return f"{dt.year:04d}-{dt.month:02d}"
    return dt.strftime("%Y-%m-%d")


def _clause_of(tok: Token, heads: set[int]) -> bool:
    """Whether ``tok`` depends on one of ``heads`` without crossing another verb."""
    cur = tok
    while cur.head.i != cur.i:
        cur = cur.head
        if cur.i in heads:
            return True
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass"):
            return False
    return False


def _reference_time(tok: Token, heads: set[int]) -> bool:
    """Whether a date is the time a state is described at or lasts until, not the event's own:
    "the return to the situation as of February 23", "a ceasefire until Monday"."""
    cur = tok
    while cur.head.i != cur.i and cur.i not in heads:
        cur = cur.head
        if cur.dep_ == "prep" and (
            cur.lower_ in ("until", "till") or (cur.lower_ == "of" and cur.head.lower_ == "as")
        ):
            return True
    return False


def event_date(chain: Iterable[Token], sent: Span, published: str | None) -> str | None:
    """The date of the first DATE entity attached to the event's clause, resolved, or None."""
    if not published:
        return None
    heads = {t.i for t in chain}
    for ent in sent.ents:
        if (
            ent.label_ in ("DATE", "TIME")
            and _clause_of(ent.root, heads)
            and not _reference_time(ent.root, heads)
        ):
            d = resolve_date(ent.text, published)
            if d:
                return d
    return None


def event_place(chain: Iterable[Token], used: set[int]) -> str | None:
    """The place given for the event: a GPE/LOC/FAC in an "in"/"near"/"at" phrase on the predicate."""
    for t in chain:
        for prep in t.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "near", "at", "inside", "across"):
                continue
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.i not in used and pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                    ent = next((e for e in pobj.doc.ents if e.start <= pobj.i < e.end), None)
                    return ent.text if ent is not None else pobj.text
    return None
