"""Words for codes: how actors, CAMEO codes, quad classes and sources read on a page.

Pure functions, shared by the templates (as Jinja globals) and the JSON the static scripts read,
so a label is the same in a table, a tooltip and a chart.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any
from urllib.parse import quote, urlencode

from .. import cameo
from ..aggregate import CAMEO_ROOTS, actor_label
from ..labels import label_object
from ..lexicons import read_words
from ..model import Claim
from ..store import StoredClaim

QUADS: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
# how each transfers-ledger status is decided (claimgraph.transfers.status_of), in words
STATUS_WHY: dict[str, str] = {
    "acknowledged": "a party to the transfer asserts it",
    "reported": "only third parties assert it",
    "hedged": "only uncertain support (hedged claims, cooperation around the item) or doubts",
    "denied": "denied, and asserted by nobody",
    "contested": "asserted, and denied by a party",
}
# codes that are not countries (claims-format.md), in words for labels
GROUPS = {
    "IGO": "intergovernmental orgs",
    "NGO": "NGOs",
    "IMG": "international armed groups",
    "MNC": "multinational companies",
    "EUR": "Europe",
    "WST": "the West",
    "ASA": "Asia",
    "AFR": "Africa",
    "MEA": "Middle East",
}


@lru_cache(maxsize=4096)
def actor_name(code: str | None) -> str:
    """A country or group code in words (``IRNGOV`` → ``Iran``), the code itself when unknown."""
    if not code:
        return "unknown"
    group = GROUPS.get(code[:3].upper())
    if group:
        return group if len(code) == 3 else f"{group} ({code})"
    return actor_label(code)


_NON_STATES = frozenset({"IGO", "NGO", "IMG", "MNC"})


def actor_kind(code: str) -> str:
    """``country``, ``region`` (a bloc or region: data/actors/regions.txt) or ``igo`` (an
    intergovernmental, non-governmental or international armed group): the network draws each
    differently, so a region is never read as a state."""
    c = code[:3].upper()
    if c in _NON_STATES:
        return "igo"
    return "region" if c in _regions() else "country"


@cache
def _regions() -> frozenset[str]:
    return frozenset(w.upper() for w in read_words("actors/regions.txt"))


def country(code: str | None) -> str | None:
    """The comparable part of an actor code: its first three letters."""
    return code[:3].upper() if code else None


@lru_cache(maxsize=512)
def cameo_name(code: str | None) -> str:
    """A CAMEO code's name in lower-case plain words, without the manual's "not specified below"."""
    if not code:
        return "event"
    entry = cameo.lookup(code)
    if entry is None:
        return CAMEO_ROOTS.get(code[:2], f"CAMEO {code}")
    name = re.sub(r"[,\s-]*not specified below\s*$", "", entry.name, flags=re.IGNORECASE).strip()
    return name[:1].lower() + name[1:] if name else CAMEO_ROOTS.get(entry.root, entry.code)


def quad_of(root: str | None) -> int | None:
    """The quad class (1–4) of a CAMEO root or code."""
    return cameo.quad_class(root[:2]) if root else None


def quad_name(q: int | None) -> str:
    """A quad class in words."""
    return QUADS.get(q or 0, "uncoded")


def source_label(sc: StoredClaim) -> str:
    """Who speaks: the source's name, its mention, or the outlet for the author's own voice."""
    src = sc.claim.source
    if src.kind == "author":
        return src.name or sc.outlet or "the author"
    return src.name or src.text or "unnamed source"


def event_words(claim: Claim) -> str:
    """The event in plain words: "Iran → supply → Russia: drones"."""
    ev = claim.event
    if ev is None or ev.action is None:
        return "uncoded"
    a1 = (
        actor_name(ev.actor1.code)
        if ev.actor1 and ev.actor1.code
        else (ev.actor1.text if ev.actor1 else None)
    )
    words = f"{a1 or 'someone'} → {cameo_name(ev.action.cameo)}"
    a2 = None
    if ev.actor2 is not None:
        a2 = actor_name(ev.actor2.code) if ev.actor2.code else ev.actor2.text
        words += f" → {a2 or 'someone'}"
    # the claim keeps whatever object the text gives, but not a repeat of the target's name
    repeat = (
        ev.object and a2 and ev.object.casefold().removeprefix("the ") == a2.casefold().removeprefix("the ")
    )
    return words + (f": {ev.object}" if ev.object and not repeat else "")


def cluster_words(actor1: str | None, cameo_code: str | None, actor2: str | None, obj: str | None) -> str:
    """A cluster's event in plain words, as ``event_words`` says a claim's.

    Objects that name nothing (dates, units, generic nouns, the target's own name) are left out,
    and so is a target that is the actor's own country ("Iran → provide aid → Iran").
    """
    words = f"{actor_name(actor1)} → {cameo_name(cameo_code)}"
    if actor2 and not (actor1 and actor1[:3].upper() == actor2[:3].upper()):
        words += f" → {actor_name(actor2)}"
    shown = label_object(
        obj, actors=(actor_name(actor1), actor_name(actor2)) if actor2 else (actor_name(actor1),)
    )
    return words + (f": {shown}" if shown else "")


def claim_record(sc: StoredClaim) -> dict[str, Any]:
    """A stored claim as the pages' scripts read it: the record plus the words they display."""
    c = sc.claim
    ev = c.event
    root = ev.action.root or ev.action.cameo[:2] if ev and ev.action else None
    return {
        **sc.to_dict(),
        "label": {
            "source": source_label(sc),
            "event": event_words(c),
            "quad": quad_of(root),
            "quad_name": quad_name(quad_of(root)),
            "cameo_name": cameo_name(ev.action.cameo) if ev and ev.action else None,
        },
    }


def url_for_query(path: str, args: dict[str, str] | None = None) -> str:
    """A same-site link with a query string; ``path`` parts come already quoted by ``path_part``."""
    return f"{path}?{urlencode(args)}" if args else path


def path_part(value: object) -> str:
    """One path segment, percent-encoded (article ids may hold any character, ``/`` included)."""
    return quote(str(value), safe="")


def safe_href(url: str | None) -> str | None:
    """An article's own URL, only when it is http(s): a ``javascript:`` URL must never be a link."""
    if url and re.match(r"^https?://[^\s<>\"']+$", url.strip(), flags=re.IGNORECASE):
        return url.strip()
    return None
