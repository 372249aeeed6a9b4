"""Claim ⇄ flat row: the one place that knows how a record maps onto the ``claims`` columns.

The CSV and Parquet exports, the ``load`` command and the store all go through ``claim_to_row`` /
``row_to_claim``, so a record survives every one of those trips unchanged. Empty parts are
normalised on the way in: an actor with neither text, code nor offsets is stored as no actor, and an
action's missing ``root`` is filled from its code (the root index needs it).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from ..model import Action, Actor, Claim, Cue, Event, Evidence, Source, Via

# The record's columns in table order (the article-level columns `outlet`, `published` come first
# in exports; see FLAT_COLUMNS).
CLAIM_COLUMNS: tuple[str, ...] = (
    "evidence_start", "evidence_end", "evidence_text",
    "source_text", "source_name", "source_kind", "source_role", "source_actor", "source_start", "source_end",
    "via", "via_name",
    "cue_text", "cue_lemma", "cue_start", "cue_end",
    "stance", "hedged", "framing",
    "has_event",
    "actor1_text", "actor1_code", "actor1_country", "actor1_start", "actor1_end",
    "action_text", "cameo", "root", "quad_class", "goldstein", "action_name",
    "plover", "plover_category", "plover_mode", "plover_context",
    "actor2_text", "actor2_code", "actor2_country", "actor2_start", "actor2_end",
    "object", "event_date", "place", "rule",
)  # fmt: skip

# What the CSV and Parquet exports hold: the stored claim's identity and article facts, then the record.
FLAT_COLUMNS: tuple[str, ...] = (
    "id", "article_id", "outlet", "published", "url", *CLAIM_COLUMNS, "cluster_id", "cluster_role",
)  # fmt: skip

INT_COLUMNS = frozenset(
    {"id", "cluster_id", "evidence_start", "evidence_end", "source_start", "source_end", "cue_start",
     "cue_end", "actor1_start", "actor1_end", "actor2_start", "actor2_end", "quad_class"}
)  # fmt: skip
BOOL_COLUMNS = frozenset({"hedged", "has_event"})
FLOAT_COLUMNS = frozenset({"goldstein"})

# Cells that spreadsheet programs read as formulas (OWASP's list); the quote is our escape character
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def country(code: str | None) -> str | None:
    """The part of an actor code that actors compare by: its first three letters (IRNGOV → IRN)."""
    return code[:3].upper() if code else None


def content_hash(text: str) -> str:
    """sha256 hex of the text: the same text under another path or id is the same article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id_for(text: str) -> str:
    """The id of an article whose input gives none: a 16-hex-digit prefix of its content hash."""
    return content_hash(text)[:16]


def day(value: str | date | None) -> str | None:
    """A publication date as ``YYYY-MM-DD`` (ISO dates and datetimes, RFC 2822 dates), or None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    s = value.strip()
    if re.match(r"\d{4}-\d{2}-\d{2}", s):
        return s[:10]
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def paragraph_of(text: str, offset: int) -> int:
    """The paragraph (from 0) an offset falls in: 0 is the lead.

    Paragraphs are separated by blank lines; a text with none (many corpora keep one paragraph a
    line) is separated by single line breaks instead, or every sentence would be in the lead.
    """
    before = text[: max(offset, 0)]
    if _BLANK_LINE.search(text):
        return len(_BLANK_LINE.findall(before))
    return before.count("\n")


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


def _plover_field(plover: Mapping[str, str | None] | None, *keys: str) -> str | None:
    if not plover:
        return None
    for k in keys:
        if plover.get(k):
            return plover[k]
    return None


def _actor_cols(prefix: str, actor: Actor | None) -> dict[str, Any]:
    a = actor if actor and (actor.text, actor.code, actor.start, actor.end) != (None,) * 4 else None
    return {
        f"{prefix}_text": a.text if a else None,
        f"{prefix}_code": a.code if a else None,
        f"{prefix}_country": country(a.code) if a else None,
        f"{prefix}_start": a.start if a else None,
        f"{prefix}_end": a.end if a else None,
    }


def claim_to_row(claim: Claim) -> dict[str, Any]:
    """The ``CLAIM_COLUMNS`` of one record (no article-level or identity columns)."""
    ev, src, cue = claim.event, claim.source, claim.cue
    action = ev.action if ev else None
    plover = action.plover if action else None
    via = [{k: getattr(v, k) for k in Via.__slots__} for v in claim.via]  # type: ignore[attr-defined]
    row: dict[str, Any] = {
        "evidence_start": claim.evidence.start,
        "evidence_end": claim.evidence.end,
        "evidence_text": claim.evidence.text,
        "source_text": src.text,
        "source_name": src.name,
        "source_kind": src.kind,
        "source_role": src.role,
        "source_actor": src.actor,
        "source_start": src.start,
        "source_end": src.end,
        "via": json.dumps(via, ensure_ascii=False) if via else None,
        "via_name": claim.via[0].name if claim.via else None,
        "cue_text": cue.text if cue else None,
        "cue_lemma": cue.lemma if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "stance": claim.stance,
        "hedged": claim.hedged,
        "framing": claim.framing,
        "has_event": ev is not None,
        **_actor_cols("actor1", ev.actor1 if ev else None),
        "action_text": action.text if action else None,
        "cameo": action.cameo if action else None,
        "root": (action.root or action.cameo[:2]) if action else None,
        "quad_class": action.quad_class if action else None,
        "goldstein": action.goldstein if action else None,
        "action_name": action.name if action else None,
        "plover": json.dumps(plover, ensure_ascii=False, sort_keys=True) if plover is not None else None,
        "plover_category": _plover_field(plover, "category", "event_type", "event"),
        "plover_mode": _plover_field(plover, "mode"),
        "plover_context": _plover_field(plover, "context"),
        **_actor_cols("actor2", ev.actor2 if ev else None),
        "object": ev.object if ev else None,
        "event_date": ev.date if ev else None,
        "place": ev.place if ev else None,
        "rule": claim.rule,
    }
    return row


def _actor(row: Mapping[str, Any], prefix: str) -> Actor | None:
    vals = [row.get(f"{prefix}_{k}") for k in ("text", "code", "start", "end")]
    if all(v is None for v in vals):
        return None
    return Actor(text=vals[0], code=vals[1], start=vals[2], end=vals[3])


def row_to_claim(row: Mapping[str, Any]) -> Claim:
    """Rebuild the record from a row (a database row mapping, or a typed CSV/Parquet row)."""
    event = None
    if row.get("has_event"):
        action = None
        if row.get("cameo") is not None:
            plover = row.get("plover")
            action = Action(
                text=row.get("action_text"),
                cameo=row["cameo"],
                root=row.get("root"),
                quad_class=row.get("quad_class"),
                goldstein=row.get("goldstein"),
                name=row.get("action_name"),
                plover=json.loads(plover) if plover is not None else None,
            )
        event = Event(
            actor1=_actor(row, "actor1"),
            action=action,
            actor2=_actor(row, "actor2"),
            object=row.get("object"),
            date=row.get("event_date"),
            place=row.get("place"),
        )
    cue = None
    if row.get("cue_text") is not None:
        cue = Cue(text=row["cue_text"], lemma=row.get("cue_lemma") or "", start=row.get("cue_start"),
                  end=row.get("cue_end"))  # fmt: skip
    via = tuple(Via(**v) for v in json.loads(row["via"])) if row.get("via") else ()
    return Claim(
        article_id=row.get("article_id"),
        evidence=Evidence(start=row["evidence_start"], end=row["evidence_end"], text=row["evidence_text"]),
        source=Source(
            text=row.get("source_text"),
            name=row.get("source_name"),
            kind=row["source_kind"],
            role=row.get("source_role"),
            actor=row.get("source_actor"),
            start=row.get("source_start"),
            end=row.get("source_end"),
        ),
        via=via,
        cue=cue,
        stance=row["stance"],
        hedged=bool(row["hedged"]),
        framing=row["framing"],
        event=event,
        rule=row.get("rule"),
    )


def neutralise(cell: str) -> str:
    """Defuse a CSV cell that a spreadsheet would run as a formula, reversibly: prefix a quote."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def unneutralise(cell: str) -> str:
    """Undo ``neutralise``."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_START) else cell


def from_text_cells(cells: Mapping[str, str]) -> dict[str, Any]:
    """Type the string cells of a CSV row back into row values (empty cell → None)."""
    out: dict[str, Any] = {}
    for k, v in cells.items():
        if v == "":
            out[k] = None
        elif k in INT_COLUMNS:
            out[k] = int(v)
        elif k in FLOAT_COLUMNS:
            out[k] = float(v)
        elif k in BOOL_COLUMNS:
            out[k] = v.lower() in ("1", "true")
        else:
            out[k] = unneutralise(v)
    return out
