"""The claim record and its parts, as frozen dataclasses with JSON round-trips.

The shape is the one of ``docs/claims-format.md`` (the project's spec): a claim says who says
(source, via), how (cue, stance, hedged, framing), what (event) and where (evidence offsets).
This module knows nothing of spaCy or SQL, so every layer can share it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Stance = Literal["asserts", "denies", "questions"]
Framing = Literal["neutral", "distancing", "endorsing"]
SourceKind = Literal["person", "organization", "country", "group", "outlet", "anonymous", "author"]

STANCES: tuple[str, ...] = ("asserts", "denies", "questions")
FRAMINGS: tuple[str, ...] = ("neutral", "distancing", "endorsing")
SOURCE_KINDS: tuple[str, ...] = (
    "person",
    "organization",
    "country",
    "group",
    "outlet",
    "anonymous",
    "author",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """The content span: ``text == article_text[start:end]`` always holds."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """Who says it. ``text``/``start``/``end`` are the mention; ``name`` the fullest form in the article."""

    text: str | None
    name: str | None
    kind: str
    role: str | None = None
    actor: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Via:
    """An intermediary between the source and the reader (an outlet citing officials)."""

    name: str
    kind: str = "outlet"
    actor: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Cue:
    """The words that introduce the claim ("said", "according to", "accused ... of")."""

    text: str
    lemma: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """An event participant: the mention as written and its CAMEO-style actor code."""

    text: str | None
    code: str | None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Action:
    """The CAMEO-coded action, with the facts that follow from the code."""

    text: str | None
    cameo: str
    root: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    name: str | None = None
    plover: dict[str, str | None] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Who (actor1) did what (action) to whom (actor2), with what (object), when and where."""

    actor1: Actor | None
    action: Action | None
    actor2: Actor | None = None
    object: str | None = None
    date: str | None = None
    place: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One claim record: one (source, event) pair with its evidence in the article."""

    article_id: str | None
    evidence: Evidence
    source: Source
    via: tuple[Via, ...] = ()
    cue: Cue | None = None
    stance: str = "asserts"
    hedged: bool = False
    framing: str = "neutral"
    event: Event | None = None
    rule: str | None = field(default=None, compare=False)
    """Which rule produced the record, so an analyst who doubts it can see why it exists."""

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data, in the field order of the format."""
        d = asdict(self)
        d["via"] = list(d["via"])
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        """Build a record from JSON data (gold files may omit optional fields)."""
        ev = d.get("event") or None
        event = None
        if ev:
            event = Event(
                actor1=_actor(ev.get("actor1")),
                action=_action(ev.get("action")),
                actor2=_actor(ev.get("actor2")),
                object=ev.get("object"),
                date=ev.get("date"),
                place=ev.get("place"),
            )
        cue = d.get("cue")
        src = d.get("source") or {}
        return cls(
            article_id=d.get("article_id"),
            evidence=Evidence(**d["evidence"]),
            source=Source(
                text=src.get("text"),
                name=src.get("name"),
                kind=src.get("kind") or "person",
                role=src.get("role"),
                actor=src.get("actor"),
                start=src.get("start"),
                end=src.get("end"),
            ),
            via=tuple(Via(**{k: v for k, v in x.items() if k in Via.__slots__}) for x in d.get("via") or ()),
            cue=Cue(
                text=cue["text"],
                lemma=cue.get("lemma") or cue["text"].lower(),
                start=cue.get("start"),
                end=cue.get("end"),
            )
            if cue
            else None,
            stance=d.get("stance") or "asserts",
            hedged=bool(d.get("hedged")),
            framing=d.get("framing") or "neutral",
            event=event,
            rule=d.get("rule"),
        )


def _actor(x: dict[str, Any] | None) -> Actor | None:
    if not x:
        return None
    return Actor(text=x.get("text"), code=x.get("code"), start=x.get("start"), end=x.get("end"))


def _action(x: dict[str, Any] | None) -> Action | None:
    if not x or not x.get("cameo"):
        return None
    return Action(
        text=x.get("text"),
        cameo=str(x["cameo"]),
        root=x.get("root"),
        quad_class=x.get("quad_class"),
        goldstein=x.get("goldstein"),
        name=x.get("name"),
        plover=x.get("plover"),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """An input document: its text and what we know about where it came from."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
