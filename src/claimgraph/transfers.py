"""The transfers ledger: who supplies what to whom, and who says so.

Arms and aid transfers are rarely seen directly; the news reports them as claims, hedges and
denials. This module reads the stored claim records whose event is a transfer, an offer or a
request of one, and keeps a SIPRI-like ledger — supplier, recipient, item category, designation,
number, status — where every entry links back to the claims (and their evidence) behind it.

Direction, by CAMEO family (``_CODES``):

* 07x provide aid, 033x intent to provide, 06x/031x cooperation: actor1 gives, actor2 receives.
  The predicate lexicon codes "Iran received jets from Russia" as RUS 07x IRN, so this holds for
  receiving verbs too.
* 023x appeal for aid: actor1 *asks*, so actor1 is the recipient and actor2 the supplier
  ("Russia seeks missiles from Iran" is RUS 0232 IRN: Iran → Russia).

Cooperation (06x, 031x) only counts when it names an item ("trained pilots on the Su-35"), and it
is indirect evidence — the source asserts the cooperation, not the delivery — so it weighs like a
hedged claim and its time is ``planned``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import IO, Any

from .aggregate import actor_label
from .labels import junk_object, label_object
from .model import Claim, Evidence
from .store import ClaimQuery, QueryError, Store, StoredClaim
from .transfer_items import CATEGORIES, GENERIC, Item, clear_cache, items_of, names_no_item

STATUSES: tuple[str, ...] = ("reported", "hedged", "acknowledged", "denied", "contested")
TIMES: tuple[str, ...] = ("past", "ongoing", "planned", "unknown")
# Sectors that speak about a country, not for it: not a party to its transfers. Media are here
# too: an outlet reporting its own country's deliveries reports them; when it quotes an official,
# the official is the source and is a party.
_NON_PARTY_SECTORS = frozenset({"MED", "OPP", "REB", "CVL", "HRI", "EDU", "REF", "IGO", "NGO"})

# CAMEO code → (kind, needs a named item, category when no item is named). Looked up by the
# code, then its first three digits. The unspecified codes (070, 033, 023) need a named item: on
# news they are mostly "help", "give in", "provide information", not transfers. 074/0334/0234 are
# protection or peacekeeping (troops, not goods): only a named item makes them a transfer; 075
# (asylum) never is.
_CODES: dict[str, tuple[str, bool, str | None]] = {
    "07": ("delivery", True, None), "070": ("delivery", True, None),
    "071": ("delivery", False, "economic"), "072": ("delivery", False, "military-general"),
    "073": ("delivery", False, "humanitarian"), "074": ("delivery", True, None),
    "033": ("offer", True, None), "0331": ("offer", False, "economic"),
    "0332": ("offer", False, "military-general"), "0333": ("offer", False, "humanitarian"),
    "0334": ("offer", True, None),
    "023": ("request", True, None), "0231": ("request", False, "economic"),
    "0232": ("request", False, "military-general"), "0233": ("request", False, "humanitarian"),
    "0234": ("request", True, None),
    "06": ("cooperation", True, None), "060": ("cooperation", True, None), "061": ("cooperation", True, None),
    "062": ("cooperation", True, None), "031": ("cooperation", True, None),
    "0311": ("cooperation", True, None), "0312": ("cooperation", True, None),
}  # fmt: skip
_QUERY_PREFIXES = ("07", "033", "023", "06", "031")  # what ledger() asks the store for


# --- time -------------------------------------------------------------------------------------

_PLANNED_BEFORE = re.compile(
    r"\b(?:will|'ll|shall|would|going to|plans?|planned|planning|intends?|intended|intending|expected|"
    r"set to|about to|agreed to|ready to|considering|moving to|attempting to|trying to|seeking to|seeks to|"
    r"wants? to|begin|begins|beginning to|could|to)\s*[\"“”']?\s*$",
    re.IGNORECASE,
)
_PLANNED_AFTER = re.compile(
    r"^[^.;]{0,80}?\b(?:next (?:year|month|week|spring|summer|autumn|winter)|within the (?:next )?"
    r"(?:year|months?|weeks?)|in the coming|soon|by (?:the end of )?(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_PAST_AUX = re.compile(r"\b(?:has|have|had|already|previously)\s+(?:\w+ly\s+)?[\"“”']?\s*$", re.I)
_IRREGULAR_PAST = frozenset({"sent", "gave", "given", "sold", "got", "gotten", "brought", "built", "bought"})


def time_of(kind: str, action: str | None, evidence: str) -> str:
    """past / ongoing / planned / unknown, from the code family, then the verb's tense and modality.

    Offers, requests and cooperation around an item all point to a transfer still to come. For a
    delivery, a modal or plan word before the verb ("could receive", "moving to provide"), or a
    time ahead after it ("within the next year"), makes it planned; a progressive or present verb
    ongoing ("is supplying", "may be providing"); a past or perfect one past ("supplied").
    """
    if kind != "delivery":
        return "planned"
    if not action:
        return "unknown"
    pos = evidence.lower().find(action.lower())
    before = evidence[max(0, pos - 40) : pos] if pos >= 0 else ""
    after = evidence[pos + len(action) :] if pos >= 0 else ""
    words = action.lower().split()
    verb = words[-1] if words else ""
    if (
        _PLANNED_BEFORE.search(before)
        or _PLANNED_BEFORE.search(" ".join(words[:-1]))
        or _PLANNED_AFTER.search(after)
    ):
        return "planned"
    if _PAST_AUX.search(before) or any(w in ("has", "have", "had") for w in words[:-1]):
        return "past"
    if verb.endswith("ing") or verb.endswith("s") or re.search(r"\bnow\b", before, re.I):
        return "ongoing"
    if verb.endswith("ed") or verb in _IRREGULAR_PAST:
        return "past"
    return "unknown"


# --- mentions ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class TransferMention:
    """One claim's statement about one item moving from a supplier to a recipient."""

    supplier: str | None  # country (first three letters of the actor code); None when unknown
    recipient: str | None
    item: Item
    kind: str  # delivery | offer | request | cooperation
    time: str  # past | ongoing | planned | unknown
    stance: str  # asserts | denies | questions (of the source)
    hedged: bool  # the claim itself is uncertain
    indirect: bool  # cooperation around the item, not its transfer
    party: bool  # the source belongs to the supplier's or the recipient's country
    source_name: str
    source_actor: str | None
    source_kind: str
    via: tuple[str, ...]
    cameo: str
    evidence: Evidence
    claim_id: int | None = None
    article_id: str | None = None
    outlet: str | None = None
    published: str | None = None
    cluster_id: int | None = None
    note: str | None = None  # how a missing party was filled in, if it was

    @property
    def uncertain(self) -> bool:
        """Counts as hedged support: an uncertain claim, or cooperation standing in for a transfer."""
        return self.hedged or self.indirect


def _country(code: str | None) -> str | None:
    return code[:3].upper() if code else None


def _is_party(actor: str | None, supplier: str | None, recipient: str | None) -> bool:
    country = _country(actor)
    if country is None or country not in (supplier, recipient):
        return False
    return (actor or "")[3:6].upper() not in _NON_PARTY_SECTORS


def _pair_subject(claim: Claim) -> bool:
    """ "Russia and Iran were considering ...": a pair acts together, so the direction is not known."""
    ev = claim.event
    if ev is None or not (ev.actor1 and ev.actor1.text and ev.actor2 and ev.actor2.text):
        return False
    a, b = re.escape(ev.actor1.text), re.escape(ev.actor2.text)
    return re.search(rf"\b(?:{a}\s+and\s+{b}|{b}\s+and\s+{a})\b", claim.evidence.text) is not None


def mentions_from_claim(
    claim: Claim,
    *,
    claim_id: int | None = None,
    outlet: str | None = None,
    published: str | None = None,
    cluster_id: int | None = None,
) -> list[TransferMention]:
    """The transfer mentions of one claim record (none when its event is not a transfer)."""
    ev = claim.event
    if ev is None or ev.action is None:
        return []
    code = ev.action.cameo
    spec = _CODES.get(code) or _CODES.get(code[:3])
    if spec is None:
        return []
    kind, needs_item, fallback = spec
    if kind == "cooperation" and _pair_subject(claim):
        return []
    a1, a2 = _country(ev.actor1.code if ev.actor1 else None), _country(ev.actor2.code if ev.actor2 else None)
    supplier, recipient = (a2, a1) if kind == "request" else (a1, a2)
    if supplier is not None and supplier == recipient:
        return []
    items = items_of(ev.object, claim.evidence.text, ev.action.text)
    # "vastly different opinions", "Monday": no item, whatever category a word of it suggests
    items = [it for it in items if it.designation or not junk_object(it.text)]
    if kind == "cooperation":
        items = [it for it in items if it.category not in GENERIC]
    if not items:
        # an object that names something else is no transfer of the code's category (a misread
        # event: "offered vastly different opinions"); a missing or stand-in object ("sent them") is
        if needs_item or fallback is None or names_no_item(ev.object):
            return []
        items = [Item(text=label_object(ev.object) or "", category=fallback)]
    src = claim.source
    name = src.name or src.text or (outlet if src.kind == "author" else None) or "unknown"
    return [
        TransferMention(
            supplier=supplier,
            recipient=recipient,
            item=it,
            kind=kind,
            time=time_of(kind, ev.action.text, claim.evidence.text),
            stance=claim.stance,
            hedged=claim.hedged,
            indirect=kind == "cooperation",
            party=_is_party(src.actor, supplier, recipient),
            source_name=name,
            source_actor=src.actor,
            source_kind=src.kind,
            via=tuple(v.name for v in claim.via),
            cameo=code,
            evidence=claim.evidence,
            claim_id=claim_id,
            article_id=claim.article_id,
            outlet=outlet,
            published=published,
            cluster_id=cluster_id,
        )
        for it in items
    ]


def _fill_parties(ms: list[TransferMention]) -> list[TransferMention]:
    """Fill a missing supplier or recipient from the same source's other mention in the same article.

    "Russia is trying to obtain more weapons from Iran ... 'Russia is attempting to obtain hundreds
    of ballistic missiles'": the second sentence drops "from Iran", the speaker does not change it.
    """
    out = []
    for m in ms:
        if (m.supplier is None) == (m.recipient is None):  # both known, or nothing to go by
            out.append(m)
            continue
        for o in ms:
            if (
                o is not m
                and o.supplier is not None
                and o.recipient is not None
                and o.article_id == m.article_id
                and o.source_name == m.source_name
                and o.kind == m.kind
                and (o.supplier == m.supplier or o.recipient == m.recipient)
            ):
                side = "supplier" if m.supplier is None else "recipient"
                note = f"{side} taken from claim {o.claim_id} by the same source"
                m = replace(m, supplier=o.supplier, recipient=o.recipient, note=note)
                m = replace(m, party=_is_party(m.source_actor, m.supplier, m.recipient))
                break
        out.append(m)
    return out


def mentions(rows: Iterable[StoredClaim]) -> list[TransferMention]:
    """The transfer mentions of stored claims, with missing parties filled in per article."""
    out: list[TransferMention] = []
    for sc in rows:
        out.extend(
            mentions_from_claim(
                sc.claim, claim_id=sc.id, outlet=sc.outlet, published=sc.published, cluster_id=sc.cluster_id
            )
        )
    return _fill_parties(out)


# --- the ledger -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class TransferSource:
    """One source's voice on an entry: who, whether a party to the transfer, how often, which claims."""

    name: str
    actor: str | None
    kind: str
    party: bool
    mentions: int
    claim_ids: tuple[int, ...]
    via: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TransferEntry:
    """One ledger line: supplier → recipient → category (→ designation), with its evidence."""

    supplier: str | None
    supplier_name: str
    recipient: str | None
    recipient_name: str
    category: str
    category_label: str
    designation: str | None
    status: str
    items: tuple[str, ...]  # the phrases as written
    number: str | None  # "24", "hundreds of"
    times: tuple[str, ...]
    kinds: tuple[str, ...]
    asserting: tuple[TransferSource, ...]  # unhedged, direct assertions
    hedging: tuple[TransferSource, ...]  # hedged claims and cooperation standing in for a transfer
    denying: tuple[TransferSource, ...]
    questioning: tuple[TransferSource, ...]
    first_reported: str | None
    last_reported: str | None
    articles: tuple[str, ...]
    clusters: tuple[int, ...]
    delivery_years: tuple[int, ...]
    comments: str
    mentions: tuple[TransferMention, ...] = field(default=(), repr=False)

    @property
    def key(self) -> str:
        """A stable id for links: ``IRN>RUS/uav`` or ``RUS>IRN/aircraft/Su-35``."""
        base = f"{self.supplier or '?'}>{self.recipient or '?'}/{self.category}"
        return f"{base}/{self.designation}" if self.designation else base

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, with ``key``."""
        return {"key": self.key, **asdict(self)}


def _sources(ms: Sequence[TransferMention]) -> tuple[TransferSource, ...]:
    groups: dict[tuple[str, str | None], list[TransferMention]] = {}
    for m in ms:
        groups.setdefault((m.source_name.casefold(), m.source_actor), []).append(m)
    return tuple(
        TransferSource(
            name=g[0].source_name,
            actor=g[0].source_actor,
            kind=g[0].source_kind,
            party=any(m.party for m in g),
            mentions=len(g),
            claim_ids=tuple(sorted({m.claim_id for m in g if m.claim_id is not None})),
            via=tuple(dict.fromkeys(v for m in g for v in m.via)),
        )
        for g in groups.values()
    )


def status_of(ms: Sequence[TransferMention]) -> str:
    """The entry's status from who says what (see ``STATUSES``).

    contested: asserted (hedged or not) and denied by a party; denied: denied, asserted by nobody;
    acknowledged: a party asserts it without hedging; reported: a third party asserts it without
    hedging; hedged: only uncertain support (hedged claims, cooperation, refusals to confirm).
    """
    support = [m for m in ms if m.stance == "asserts"]
    denials = [m for m in ms if m.stance == "denies"]
    if support and any(m.party for m in denials):
        return "contested"
    if denials and not support:
        return "denied"
    firm = [m for m in support if not m.uncertain]
    if any(m.party for m in firm):
        return "acknowledged"
    return "reported" if firm else "hedged"


def _comments(ms: Sequence[TransferMention], supplier: str, recipient: str) -> str:
    notes: list[str] = []
    kinds = {m.kind for m in ms if m.stance == "asserts"}
    if "request" in kinds:
        notes.append(f"sought by {recipient}")
    if "offer" in kinds:
        notes.append(f"offered by {supplier}")
    if "cooperation" in kinds:
        notes.append("inferred from cooperation around the item (training, production)")
    unconfirmed = {m.source_name for m in ms if m.stance == "questions"}
    if unconfirmed:
        notes.append("not confirmed by " + ", ".join(sorted(unconfirmed)))
    third_denials = {m.source_name for m in ms if m.stance == "denies" and not m.party}
    if third_denials:
        notes.append("denied by third parties: " + ", ".join(sorted(third_denials)))
    notes.extend(dict.fromkeys(m.note for m in ms if m.note))
    return "; ".join(notes)


def _year(day: str | None) -> int | None:
    return int(day[:4]) if day and day[:4].isdigit() else None


def _number(ms: Sequence[TransferMention]) -> str | None:
    qs = [m.item.quantity for m in ms if m.item.quantity is not None and m.stance == "asserts"]
    exact = sorted({q.value for q in qs if q.exact and q.value is not None})
    if exact:
        return "/".join(map(str, exact))
    return qs[0].text if qs else None


def build_ledger(ms: Iterable[TransferMention]) -> list[TransferEntry]:
    """Group mentions into entries; a denial that names no designation covers the designated entries."""
    groups: dict[tuple[str | None, str | None, str, str | None], list[TransferMention]] = {}
    for m in ms:
        groups.setdefault((m.supplier, m.recipient, m.item.category, m.item.designation), []).append(m)
    for (s, r, c, d), g in groups.items():
        if d is not None:  # "Iran denies supplying drones" also answers "Iran supplies Shahed-136s"
            g.extend(m for m in groups.get((s, r, c, None), ()) if m.stance == "denies")
    entries = []
    for (s, r, c, d), g in groups.items():
        days = sorted(m.published for m in g if m.published)
        sname, rname = actor_label(s) if s else "unknown", actor_label(r) if r else "unknown"
        entries.append(
            TransferEntry(
                supplier=s,
                supplier_name=sname,
                recipient=r,
                recipient_name=rname,
                category=c,
                category_label=CATEGORIES[c],
                designation=d,
                status=status_of(g),
                items=tuple(dict.fromkeys(m.item.text for m in g if m.item.text)),
                number=_number(g),
                times=tuple(t for t in TIMES if any(m.time == t and m.stance == "asserts" for m in g)),
                kinds=tuple(dict.fromkeys(m.kind for m in g)),
                asserting=_sources([m for m in g if m.stance == "asserts" and not m.uncertain]),
                hedging=_sources([m for m in g if m.stance == "asserts" and m.uncertain]),
                denying=_sources([m for m in g if m.stance == "denies"]),
                questioning=_sources([m for m in g if m.stance == "questions"]),
                first_reported=days[0] if days else None,
                last_reported=days[-1] if days else None,
                articles=tuple(dict.fromkeys(m.article_id for m in g if m.article_id)),
                clusters=tuple(sorted({m.cluster_id for m in g if m.cluster_id is not None})),
                delivery_years=tuple(
                    sorted(
                        {
                            y
                            for m in g
                            if m.stance == "asserts" and m.time in ("past", "ongoing")
                            if (y := _year(m.published)) is not None
                        }
                    )
                ),
                comments=_comments(g, sname, rname),
                mentions=tuple(g),
            )
        )
    order = {c: i for i, c in enumerate(CATEGORIES)}
    entries.sort(
        key=lambda e: (e.supplier or "~", e.recipient or "~", order[e.category], e.designation or "")
    )
    return entries


@dataclass(frozen=True, slots=True, kw_only=True)
class TransferQuery:
    """Filters over the ledger; countries compare by their first three letters (``IRNGOV`` → ``IRN``)."""

    supplier: str | None = None
    recipient: str | None = None
    category: str | None = None
    status: str | None = None
    designation: str | None = None  # case-insensitive substring of the canonical name
    since: str | None = None
    until: str | None = None
    article_id: str | None = None

    def __post_init__(self) -> None:
        if self.category is not None and self.category not in CATEGORIES:
            raise QueryError(f"--category: {self.category!r} is not one of {', '.join(CATEGORIES)}")
        if self.status is not None and self.status not in STATUSES:
            raise QueryError(f"--status: {self.status!r} is not one of {', '.join(STATUSES)}")

    def keeps(self, e: TransferEntry) -> bool:
        """Does entry ``e`` pass the filters (all but the dates, which apply to the claims)?"""
        return (
            (not self.supplier or e.supplier == self.supplier.strip().upper()[:3])
            and (not self.recipient or e.recipient == self.recipient.strip().upper()[:3])
            and (not self.category or e.category == self.category)
            and (not self.status or e.status == self.status)
            and (not self.designation or self.designation.casefold() in (e.designation or "").casefold())
        )


def ledger_from_claims(
    rows: Iterable[StoredClaim], query: TransferQuery | None = None
) -> list[TransferEntry]:
    """The ledger of any stored claims (the export feeds its ClaimQuery's rows here)."""
    q = query or TransferQuery()
    return [e for e in build_ledger(mentions(rows)) if q.keeps(e)]


def ledger(store: Store, query: TransferQuery | None = None) -> list[TransferEntry]:
    """The transfers ledger of a store: what the CLI, the export and the web page show."""
    q = query or TransferQuery()
    rows: dict[int, StoredClaim] = {}
    for prefix in _QUERY_PREFIXES:
        cq = ClaimQuery(code=prefix, since=q.since, until=q.until, article_id=q.article_id)
        rows.update((sc.id, sc) for sc in store.iter_claims(cq))
    ordered = sorted(rows.values(), key=lambda sc: (sc.published is None, sc.published or "", sc.id))
    return ledger_from_claims(ordered, q)


def ledger_entry(store: Store, key: str) -> TransferEntry | None:
    """One entry by its ``key`` (``IRN>RUS/uav``), or None."""
    return next((e for e in ledger(store) if e.key == key), None)


def write_jsonl(entries: Iterable[TransferEntry], out: IO[str]) -> int:
    """Write one JSON object per entry, its mentions (with evidence) included; returns how many."""
    n = 0
    for e in entries:
        out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


__all__ = [
    "CATEGORIES", "STATUSES", "TIMES", "Item", "TransferEntry", "TransferMention", "TransferQuery",
    "TransferSource", "build_ledger", "clear_cache", "ledger", "ledger_entry", "ledger_from_claims",
    "mentions", "mentions_from_claim", "status_of", "time_of", "write_jsonl",
]  # fmt: skip
