"""Cutting an article's text into segments so that every evidence, source and cue span shows.

Spans overlap and nest (two claims about one sentence, a source inside another claim's evidence),
and HTML elements cannot overlap. So the text is cut at every span boundary into flat segments,
each knowing which spans cover it: the page styles a segment by its covering evidence (stance,
depth) and marks it as a source or cue, and a click on it can list every claim it belongs to.
Offsets outside the text or empty spans are ignored rather than trusted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from ..store import StoredClaim


@dataclass(frozen=True, slots=True)
class Span:
    """One marked range of the text: ``kind`` is evidence, source or cue."""

    claim_id: int
    kind: str
    start: int
    end: int
    stance: str
    coded: bool = True  # False: a claim whose event could not be coded (``event`` None)


@dataclass(slots=True)
class Segment:
    """A stretch of text between two span boundaries, with the spans that cover it."""

    text: str
    start: int
    evidence: list[Span] = field(default_factory=list)
    source: bool = False
    cue: bool = False
    claim_ids: list[int] = field(default_factory=list)  # innermost evidence first, then marks
    anchors: list[int] = field(default_factory=list)  # claims whose evidence starts here

    @property
    def marked(self) -> bool:
        return bool(self.claim_ids)

    @property
    def css(self) -> str:
        """The segment's classes: stance of its evidence (``mixed`` when they differ), depth,
        ``uncoded`` when no claim over it has a coded event, marks."""
        classes = []
        stances = {s.stance for s in self.evidence}
        if stances:
            classes.append("hl")
            classes.append(f"st-{stances.pop()}" if len(stances) == 1 else "st-mixed")
            classes.append(f"depth-{min(len(self.evidence), 3)}")
            if not any(s.coded for s in self.evidence):
                classes.append("uncoded")
        if self.source:
            classes.append("mk-source")
        if self.cue:
            classes.append("mk-cue")
        return " ".join(classes)

    @property
    def ids(self) -> str:
        return " ".join(str(i) for i in self.claim_ids)


def spans_of(claims: Sequence[StoredClaim], length: int, start: int = 0) -> list[Span]:
    """The evidence, source and cue spans of the claims, clipped to ``[start, length)``; empty ones out."""
    out: list[Span] = []
    for sc in claims:
        c = sc.claim
        parts = [("evidence", c.evidence.start, c.evidence.end)]
        if c.source.start is not None and c.source.end is not None:
            parts.append(("source", c.source.start, c.source.end))
        if c.cue is not None and c.cue.start is not None and c.cue.end is not None:
            parts.append(("cue", c.cue.start, c.cue.end))
        for kind, a, b in parts:
            s, e = max(start, a), min(length, b)
            if s < e:
                coded = c.event is not None and c.event.action is not None
                out.append(Span(sc.id, kind, s, e, c.stance, coded))
    return out


def segments(
    text: str, claims: Sequence[StoredClaim], window: tuple[int, int] | None = None
) -> list[Segment]:
    """The text cut at every span boundary; concatenated, the segments' texts give ``text`` back.

    With a ``window`` (start, end), only that stretch of the text: the claim page's context.
    """
    lo, hi = window if window is not None else (0, len(text))
    lo, hi = max(0, min(lo, len(text))), max(0, min(hi, len(text)))
    spans = spans_of(claims, hi, lo)
    cuts = sorted({lo, max(lo, hi), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[Segment] = []
    for a, b in pairwise(cuts):
        seg = Segment(text=text[a:b], start=a)
        covering = [s for s in spans if s.start <= a and b <= s.end]
        seg.evidence = sorted(
            (s for s in covering if s.kind == "evidence"), key=lambda s: (s.end - s.start, s.claim_id)
        )
        seg.source = any(s.kind == "source" for s in covering)
        seg.cue = any(s.kind == "cue" for s in covering)
        ids = [s.claim_id for s in seg.evidence]
        ids += sorted({s.claim_id for s in covering if s.kind != "evidence"} - set(ids))
        seg.claim_ids = ids
        seg.anchors = sorted(s.claim_id for s in spans if s.kind == "evidence" and s.start == a)
        out.append(seg)
    return out


# where a sentence ends: its final punctuation (and closing quotes or brackets) then space, or a
# blank line; the next sentence starts after it
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*\s+|\n\s*\n")


def context_window(
    text: str, start: int, end: int, *, sentences: int = 2, limit: int = 600
) -> tuple[int, int]:
    """The stretch of ``text`` a claim is shown in: the sentences of ``[start, end)`` and ``sentences``
    more on each side, at most ``limit`` characters either side (cut at a space), so the reader sees
    what comes before and after the evidence without the whole article."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    lo, hi = max(0, start - limit), min(len(text), end + limit)
    ends = [lo + m.end() for m in _SENTENCE_END.finditer(text[lo:hi])]
    before = [0] * (lo == 0) + [b for b in ends if b <= start]
    after = [b for b in ends if b >= end] + [len(text)] * (hi == len(text))
    a = before[-1 - sentences] if len(before) > sentences else lo
    b = after[sentences] if len(after) > sentences else hi
    if a == lo and lo > 0:  # cut mid-sentence: start after a space
        space = text.find(" ", lo, start)
        a = space + 1 if space >= 0 else lo
    if b == hi and hi < len(text):
        space = text.rfind(" ", end, hi)
        b = space if space >= 0 else hi
    while b > end and text[b - 1].isspace():
        b -= 1
    return a, b
