"""Claim clusters: one event as reported across articles, with who asserts, denies or questions it.

Event datasets count an event once per article that mentions it. A claim cluster instead gathers
every claim record, across articles and outlets, that is about the *same* event, and keeps the
attribution: who asserts it, who denies it, who casts doubt on it, and which reports are first-hand
(originators) and which repeat an earlier report (echoes).

How clusters are formed
=======================

1. **Event key.** A record takes part when its event has an actor1 code and a CAMEO code. Its key
   is (actor1 country, actor2 country, CAMEO root), where a country is the first three letters of
   the actor code (``IRNGOV`` → ``IRN``; ``IGOUNO`` → ``IGO``) and actor2 may be absent. Records
   with the same full code have the same root, so they always share a key.
2. **Object.** The object is reduced to a head noun: lower-cased, cut at the first preposition,
   singular ("Su-35 fighter jets" → ``jet``; light nouns look past *of*: "shipments of drones" →
   ``drone``). Objects are compatible when their heads are equal or either side has none; a cluster
   takes the head of the first record that has one.
3. **Time window.** Asserting records are taken in order of publication (then article id, then
   record id, so the result never depends on insertion order). A record joins the most recent
   compatible cluster with its key whose *first report* is at most ``window_days`` (default 30)
   days earlier; otherwise it opens a new cluster. Records without a publication date come last
   and join the first compatible cluster with their key, whatever its date.
4. **Denials and doubts.** A record with stance ``denies`` or ``questions`` carries the event it
   denies, so it has that event's key. It joins the compatible cluster with the latest first report
   on or before its own date, however old (a denial answers the claim, not the news cycle); failing
   that the earliest one starting at most ``window_days`` after it; failing that it opens a cluster
   of its own, which later denials can join.

Per cluster
===========

``first_seen`` / ``last_seen`` (publication days), the articles and distinct outlets, and the
asserting, denying and questioning **sources** — counted by source name + actor code, where an
article's author is the outlet itself.

Each report (record) is an **originator** or an **echo**:

- an *echo* when its ``via`` names an outlet that carried the cluster earlier (``echo_of`` is that
  outlet's first report), or names an outlet we do not hold: citing another outlet is second-hand
  by definition (``echo_of`` is then empty, ``echo_via`` names the outlet);
- an *originator* when the source speaks in its own voice: the author, or the outlet itself;
- otherwise, among the reports of the same source taking the same stance, the first one published
  is the originator (all of them, when several share the first date) and every later one — in
  another outlet, or a later article of the same outlet — is an echo of it. Undated reports are
  originators only when no report of that source's claim is dated.

Identity
========

A cluster is identified by its key and its **origin**: the report that opened it (the first
asserting report in the order above, or the first denial for a cluster of denials only). Later
reports, denials and echoes joining it do not change that, so ``Store.recluster`` — which rebuilds
every cluster from the stored records — gives a cluster the id it had before whenever its key and
origin are the same (``store/clusters.py``).

``build_clusters`` is a pure function of its input, so re-running it gives the same clusters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

import pycountry

DEFAULT_WINDOW_DAYS = 30


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """One claim record as clustering sees it (the store builds these from its rows)."""

    claim_id: int
    article_id: str
    outlet: str | None
    published: str | None  # as the article gives it: an ISO date or datetime, or RFC 2822
    source_name: str | None
    source_kind: str
    source_actor: str | None
    stance: str
    via: tuple[str, ...]
    actor1: str | None
    actor2: str | None
    cameo: str | None
    root: str | None = None
    object: str | None = None
    actor1_text: str | None = None
    actor2_text: str | None = None
    action_name: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Member:
    """A report's place in its cluster."""

    claim_id: int
    role: str  # originator | echo
    echo_of: int | None = None
    echo_via: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Cluster:
    """One cluster as built: the event, its counts, and its members with their roles."""

    key: str
    label: str
    actor1: str
    actor2: str | None
    root: str
    cameo: str
    object: str | None
    first_seen: str | None
    last_seen: str | None
    n_claims: int
    n_articles: int
    n_outlets: int
    n_asserting: int
    n_denying: int
    n_questioning: int
    members: tuple[Member, ...]
    origin: int  # claim id of the report that opened the cluster: with ``key``, its identity


# --- normalisation -------------------------------------------------------------------------------

_PREPOSITIONS = frozenset(
    ["of", "for", "to", "from", "with", "in", "on", "at", "by", "against", "into", "over", "under", "about"]
)
_LIGHT_NOUNS = frozenset(
    [
        "supply",
        "supplie",
        "supplies",
        "shipment",
        "delivery",
        "deliverie",
        "transfer",
        "sale",
        "batch",
        "batche",
        "number",
        "kind",
        "type",
        "use",
        "consignment",
        "lot",
        "set",
        "package",
        "range",
        "provision",
    ]
)
_CLAUSE_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "that",
        "which",
        "who",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
    ]
)
# CAMEO root names (CAMEO 1.1b3 manual), for labels when records carry no action name
CAMEO_ROOTS = {
    "01": "make public statement", "02": "appeal", "03": "express intent to cooperate", "04": "consult",
    "05": "engage in diplomatic cooperation", "06": "engage in material cooperation", "07": "provide aid",
    "08": "yield", "09": "investigate", "10": "demand", "11": "disapprove", "12": "reject", "13": "threaten",
    "14": "protest", "15": "exhibit force posture", "16": "reduce relations", "17": "coerce", "18": "assault",
    "19": "fight", "20": "use unconventional mass violence",
}  # fmt: skip
# pycountry names that read badly in a sentence
_COUNTRY_NAMES = {
    "RUS": "Russia",
    "USA": "the United States",
    "GBR": "the United Kingdom",
    "NLD": "the Netherlands",
}


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def object_head(obj: str | None) -> str | None:
    """The head noun objects compare by: "Su-35 fighter jets" → ``jet``; "shipments of drones" → ``drone``."""
    if not obj:
        return None
    chunks: list[list[str]] = [[]]
    # a comma, or a determiner / auxiliary after the first word, starts a clause we do not want:
    # "weapons the Kremlin is deploying" → "weapons"
    for w in re.findall(r"[\w-]+", re.split(r"[,;:(]", obj.casefold())[0]):
        if w in _PREPOSITIONS:
            chunks.append([])
        elif w in _CLAUSE_WORDS and chunks[-1]:
            chunks.append([])
            break
        elif w not in _CLAUSE_WORDS:
            chunks[-1].append(w)
    chunks = [c for c in chunks if c]
    if not chunks:
        return None
    head = _singular(chunks[0][-1])
    if head in _LIGHT_NOUNS and len(chunks) > 1:
        head = _singular(chunks[1][-1])
    return head


def _country(code: str | None) -> str | None:
    return code[:3].upper() if code else None


def parse_when(value: str | None) -> datetime | None:
    """A publication time as naive UTC (ISO dates and datetimes, RFC 2822), or None."""
    if not value:
        return None
    s = value.strip()
    dt: datetime | None = None
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        try:
            dt = parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
            if m:
                try:
                    dt = datetime(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    return None
    if dt is not None and dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt


def actor_label(code: str | None, texts: Iterable[str | None] = ()) -> str:
    """An actor in plain words: the country's name, else the commonest mention, else the code."""
    c = _country(code)
    if c and c in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[c]
    country = pycountry.countries.get(alpha_3=c) if c else None
    if country is not None:
        return str(getattr(country, "common_name", None) or country.name.split(",")[0])
    common = Counter(t.strip() for t in texts if t and t.strip()).most_common(1)
    return common[0][0] if common else (code or "someone")


# --- clustering ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    report: Report
    when: datetime | None
    key: tuple[str, str | None, str]
    head: str | None

    def order(self) -> tuple[bool, datetime, str, int]:
        return (self.when is None, self.when or datetime.min, self.report.article_id, self.report.claim_id)


@dataclass(slots=True)
class _Building:
    key: tuple[str, str | None, str]
    anchor: datetime | None  # the first report that opened it: windows count from here
    head: str | None
    items: list[_Item] = field(default_factory=list)

    def accepts(self, head: str | None) -> bool:
        return head is None or self.head is None or self.head == head

    def add(self, item: _Item) -> None:
        self.items.append(item)
        if self.head is None:
            self.head = item.head


def _days(a: datetime, b: datetime) -> int:
    return (a.date() - b.date()).days


def _place_assertion(cands: Sequence[_Building], item: _Item, window: int) -> _Building | None:
    if item.when is None:
        return cands[0] if cands else None
    when = item.when
    fits = [b for b in cands if b.anchor is not None and 0 <= _days(when, b.anchor) <= window]
    return max(fits, key=lambda b: b.anchor or datetime.min) if fits else None


def _place_denial(cands: Sequence[_Building], item: _Item, window: int) -> _Building | None:
    if item.when is None:
        return cands[0] if cands else None
    when = item.when
    before = [b for b in cands if b.anchor is not None and b.anchor <= when]
    if before:
        return max(before, key=lambda b: b.anchor or datetime.min)
    after = [b for b in cands if b.anchor is not None and 0 < _days(b.anchor, when) <= window]
    if after:
        return min(after, key=lambda b: b.anchor or datetime.max)
    undated = [b for b in cands if b.anchor is None]
    return undated[0] if undated else None


def build_clusters(reports: Iterable[Report], *, window_days: int = DEFAULT_WINDOW_DAYS) -> list[Cluster]:
    """Group reports into claim clusters (see the module docstring); deterministic in its input."""
    items = []
    for r in reports:
        if not r.actor1 or not r.cameo:
            continue
        root = r.root or r.cameo[:2]
        key = (_country(r.actor1) or "", _country(r.actor2), root)
        items.append(_Item(r, parse_when(r.published), key, object_head(r.object)))
    items.sort(key=_Item.order)
    by_key: dict[tuple[str, str | None, str], list[_Building]] = {}
    built: list[_Building] = []
    for denial_pass in (False, True):
        for item in items:
            if (item.report.stance != "asserts") != denial_pass:
                continue
            cands = [b for b in by_key.get(item.key, []) if b.accepts(item.head)]
            place = _place_denial if denial_pass else _place_assertion
            target = place(cands, item, window_days)
            if target is None:
                target = _Building(item.key, item.when, item.head)
                by_key.setdefault(item.key, []).append(target)
                built.append(target)
            target.add(item)
    result = [_finish(b) for b in built]
    result.sort(key=lambda c: (c.first_seen is None, c.first_seen or "", c.key, c.members[0].claim_id))
    return result


def _source_id(r: Report) -> str:
    name = r.source_name or (r.outlet if r.source_kind == "author" else None) or ""
    return f"{name.strip().casefold()}|{(r.source_actor or '').upper()}"


def _same_outlet(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    x, y = a.strip().casefold(), b.strip().casefold()
    return x == y or (min(len(x), len(y)) >= 3 and (x in y or y in x))


def _earlier(a: _Item, b: _Item) -> bool:
    """Was ``a`` published strictly before ``b``? (A dated report precedes an undated one.)"""
    if a.when is None:
        return False
    return b.when is None or a.when < b.when


def _roles(items: Sequence[_Item]) -> list[Member]:
    members = []
    for it in items:
        r = it.report
        via = [v for v in r.via if not _same_outlet(v, r.outlet)]
        if via:
            for name in via:
                carried = [o for o in items if _same_outlet(o.report.outlet, name) and _earlier(o, it)]
                if carried:
                    first = min(carried, key=lambda o: (_source_id(o.report) != _source_id(r), o.order()))
                    members.append(
                        Member(claim_id=r.claim_id, role="echo", echo_of=first.report.claim_id, echo_via=name)
                    )
                    break
            else:
                members.append(Member(claim_id=r.claim_id, role="echo", echo_via=via[0]))
            continue
        if r.source_kind == "author" or _same_outlet(r.source_name, r.outlet):
            members.append(Member(claim_id=r.claim_id, role="originator"))
            continue
        same = [o for o in items if _source_id(o.report) == _source_id(r) and o.report.stance == r.stance]
        dated = [o for o in same if o.when is not None]
        first_when = min(o.when for o in dated if o.when is not None) if dated else None
        if first_when is None or it.when == first_when:
            members.append(Member(claim_id=r.claim_id, role="originator"))
        else:
            first = min((o for o in dated if o.when == first_when), key=_Item.order)
            members.append(Member(claim_id=r.claim_id, role="echo", echo_of=first.report.claim_id))
    return members


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _finish(b: _Building) -> Cluster:
    items = sorted(b.items, key=_Item.order)
    reports = [i.report for i in items]
    a1, a2, root = b.key
    dates = [i.when for i in items if i.when is not None]
    first: date | None = min(dates).date() if dates else None
    last: date | None = max(dates).date() if dates else None
    sources: dict[str, set[str]] = {"asserts": set(), "denies": set(), "questions": set()}
    for r in reports:
        sources.setdefault(r.stance, set()).add(_source_id(r))
    cameo = _most_common(r.cameo for r in reports) or root
    action = _most_common(r.action_name for r in reports) or f"{CAMEO_ROOTS.get(root, 'CAMEO')} ({cameo})"
    label = f"{actor_label(a1, (r.actor1_text for r in reports))} → {action}"
    if a2:
        label += f" → {actor_label(a2, (r.actor2_text for r in reports))}"
    obj = _most_common(r.object for r in reports if object_head(r.object) == b.head)
    if obj:
        label += f": {obj}"
    return Cluster(
        key=f"{a1}|{a2 or '-'}|{root}|{b.head or '-'}",
        label=label,
        actor1=a1,
        actor2=a2,
        root=root,
        cameo=cameo,
        object=b.head,
        first_seen=first.isoformat() if first else None,
        last_seen=last.isoformat() if last else None,
        n_claims=len(reports),
        n_articles=len({r.article_id for r in reports}),
        n_outlets=len({r.outlet.strip().casefold() for r in reports if r.outlet}),
        n_asserting=len(sources["asserts"]),
        n_denying=len(sources["denies"]),
        n_questioning=len(sources["questions"]),
        members=tuple(_roles(items)),
        origin=b.items[0].report.claim_id,
    )
