"""Cutting an article's text into segments so that every evidence, source and cue span shows.

Spans overlap and nest (two claims about one sentence, a source inside another claim's evidence),
and HTML elements cannot overlap. So the text is cut at every span boundary into flat segments,
each knowing which spans cover it: the page styles a segment by its covering evidence (stance,
depth) and marks it as a source or cue, and a click on it can list every claim it belongs to.
Offsets outside the text or empty spans are ignored rather than trusted.
"""

from __future__ import annotations

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
        """The segment's classes: stance of its evidence (``mixed`` when they differ), depth, marks."""
        classes = []
        stances = {s.stance for s in self.evidence}
        if stances:
            classes.append("hl")
            classes.append(f"st-{stances.pop()}" if len(stances) == 1 else "st-mixed")
            classes.append(f"depth-{min(len(self.evidence), 3)}")
        if self.source:
            classes.append("mk-source")
        if self.cue:
            classes.append("mk-cue")
        return " ".join(classes)

    @property
    def ids(self) -> str:
        return " ".join(str(i) for i in self.claim_ids)


def spans_of(claims: Sequence[StoredClaim], length: int) -> list[Span]:
    """The evidence, source and cue spans of the claims, clipped to the text; empty ones dropped."""
    out: list[Span] = []
    for sc in claims:
        c = sc.claim
        parts = [("evidence", c.evidence.start, c.evidence.end)]
        if c.source.start is not None and c.source.end is not None:
            parts.append(("source", c.source.start, c.source.end))
        if c.cue is not None and c.cue.start is not None and c.cue.end is not None:
            parts.append(("cue", c.cue.start, c.cue.end))
        for kind, start, end in parts:
            s, e = max(0, start), min(length, end)
            if s < e:
                out.append(Span(sc.id, kind, s, e, c.stance))
    return out


def segments(text: str, claims: Sequence[StoredClaim]) -> list[Segment]:
    """The text cut at every span boundary; concatenated, the segments' texts give ``text`` back."""
    spans = spans_of(claims, len(text))
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
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
