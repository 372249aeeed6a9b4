"""Exports: the stored claims in the formats other tools read, each streamed from a ClaimQuery.

``gdelt``       GDELT 2.0 Events table: 61 TAB-separated columns in GDELT's order, no header (as
                GDELT ships it), one row per event mention; NumMentions / NumSources / NumArticles
                are the claim cluster's records / outlets / articles (1 / 1 / 1 when unclustered).
``plover``      PLOVER JSONL: event_type, mode, context, actor, recipient, date, source, plus our
                attribution (who says it, how, with what stance, where in the text).
``claims``      claim-format JSONL (``Claim.from_dict`` reads each line back) with the stored facts.
``csv``         the flat columns of the ``claims`` table; text cells that a spreadsheet would run as
                a formula (= + - @ TAB CR) get a leading quote, which ``load`` removes again.
``parquet``     the same columns, typed (pyarrow).
``graphml``     the actor network for Gephi: nodes are actor codes; one edge per actor1 → actor2
                with its record count and counts per stance and quad class.
``schema-org``  a JSON-LD list of schema.org ``Claim`` objects, one per (event cluster, source,
                stance), with ``appearance`` (the articles) and ``firstAppearance``.
``transfers``   the transfers ledger (``claimgraph.transfers``) as CSV: SIPRI-like columns (supplier,
                recipient, designation, description, number, order/delivery years, status,
                comments) plus the sources by stance and evidence links ``article_id@start-end``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

import pycountry

from .aggregate import CAMEO_ROOTS, actor_label
from .store import ClaimQuery, Store, StoredClaim
from .store.rows import (
    BOOL_COLUMNS,
    FLAT_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    claim_to_row,
    neutralise,
)
from .transfers import TransferEntry, TransferSource, ledger_from_claims

FORMATS: tuple[str, ...] = (
    "gdelt", "plover", "claims", "csv", "parquet", "graphml", "schema-org", "transfers",
)  # fmt: skip

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED",
    "SOURCEURL",
)

# international / regional prefixes that are not countries (claims-format.md)
_GROUP_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC"})


def quad_class(root: str | None) -> int | None:
    """CAMEO root → quad class: 01–05 verbal cooperation (1), 06–08 material cooperation (2),
    09–13 verbal conflict (3), 14–20 material conflict (4)."""
    if not root or not root.isdigit():
        return None
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4 if r <= 20 else None


def flat_row(sc: StoredClaim) -> dict[str, Any]:
    """A stored claim as the flat columns of the CSV and Parquet exports (``FLAT_COLUMNS``)."""
    return {
        "id": sc.id,
        "article_id": sc.article_id,
        "outlet": sc.outlet,
        "published": sc.published,
        "url": sc.url,
        **claim_to_row(sc.claim),
        "cluster_id": sc.cluster_id,
        "cluster_role": sc.cluster_role,
    }


# --- GDELT ------------------------------------------------------------------------------------


def _cell(v: object) -> str:
    return "" if v is None else re.sub(r"[\t\r\n]+", " ", str(v))


def _gdelt_actor(code: str | None, text: str | None) -> list[str]:
    cells = [""] * 10
    if not code and not text:
        return cells
    code = (code or "").upper()
    prefix, rest = code[:3], code[3:]
    is_country = (
        bool(prefix) and prefix not in _GROUP_PREFIXES and pycountry.countries.get(alpha_3=prefix) is not None
    )
    cells[0] = code
    cells[1] = (text or "").upper()
    if is_country:
        cells[2] = prefix
        types = [rest[i : i + 3] for i in range(0, min(len(rest), 9), 3)]
    else:
        if prefix in _GROUP_PREFIXES and rest:
            cells[3] = rest[:3]
        types = [prefix] if prefix else []
    for i, t in enumerate(types[:3]):
        cells[7 + i] = t
    return cells


def gdelt_row(sc: StoredClaim, sizes: dict[int, tuple[int, int, int]]) -> list[str] | None:
    """One GDELT events row for a stored claim with a CAMEO-coded event, else None."""
    ev = sc.claim.event
    if ev is None or ev.action is None:
        return None
    day = sc.published or (ev.date[:10] if ev.date and re.match(r"\d{4}-\d{2}-\d{2}", ev.date) else None)
    d = date.fromisoformat(day) if day else None
    cameo = ev.action.cameo
    root = ev.action.root or cameo[:2]
    quad = ev.action.quad_class or quad_class(root)
    mentions, outlets, arts = sizes.get(sc.cluster_id, (1, 1, 1)) if sc.cluster_id is not None else (1, 1, 1)
    geo_empty = [""] * 8
    action_geo = ["", ev.place or "", "", "", "", "", "", ""] if ev.place else geo_empty
    row: list[object] = [
        sc.id,
        d.strftime("%Y%m%d") if d else "",
        d.strftime("%Y%m") if d else "",
        d.year if d else "",
        f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}" if d else "",
        *_gdelt_actor(ev.actor1.code if ev.actor1 else None, ev.actor1.text if ev.actor1 else None),
        *_gdelt_actor(ev.actor2.code if ev.actor2 else None, ev.actor2.text if ev.actor2 else None),
        1 if sc.paragraph == 0 else 0,
        cameo,
        cameo[:3],
        root,
        quad if quad is not None else "",
        ev.action.goldstein if ev.action.goldstein is not None else "",
        mentions,
        outlets,
        arts,
        "",  # AvgTone: we do not score tone
        *geo_empty,
        *geo_empty,
        *action_geo,
        d.strftime("%Y%m%d000000") if d else "",  # DATEADDED: the publication day
        sc.url or sc.article_id,
    ]
    return [_cell(v) for v in row]


def write_gdelt(rows: Iterable[StoredClaim], out: IO[str], sizes: dict[int, tuple[int, int, int]]) -> int:
    """Write GDELT 2.0 event rows; returns how many."""
    n = 0
    for sc in rows:
        cells = gdelt_row(sc, sizes)
        if cells is not None:
            out.write("\t".join(cells) + "\n")
            n += 1
    return n


# --- JSON lines -------------------------------------------------------------------------------


def plover_record(sc: StoredClaim) -> dict[str, Any] | None:
    """One PLOVER event record with our attribution fields, for a claim with an event, else None."""
    c = sc.claim
    ev = c.event
    if ev is None or ev.action is None:
        return None
    p = ev.action.plover or {}
    return {
        "id": f"claimgraph-{sc.id}",
        "date": sc.published or ev.date,
        "event_type": p.get("category") or p.get("event_type") or p.get("event"),
        "mode": p.get("mode"),
        "context": p.get("context"),
        "actor": ev.actor1.text if ev.actor1 else None,
        "actor_code": ev.actor1.code if ev.actor1 else None,
        "recipient": ev.actor2.text if ev.actor2 else None,
        "recipient_code": ev.actor2.code if ev.actor2 else None,
        "object": ev.object,
        "location": ev.place,
        "event_date": ev.date,
        "cameo": ev.action.cameo,
        "goldstein": ev.action.goldstein,
        "source": sc.outlet,
        "url": sc.url,
        "article_id": sc.article_id,
        "claim_source": {
            "name": c.source.name,
            "text": c.source.text,
            "kind": c.source.kind,
            "role": c.source.role,
            "actor": c.source.actor,
        },
        "via": [v.name for v in c.via],
        "cue": c.cue.text if c.cue else None,
        "stance": c.stance,
        "hedged": c.hedged,
        "framing": c.framing,
        "evidence": {"start": c.evidence.start, "end": c.evidence.end, "text": c.evidence.text},
        "cluster_id": sc.cluster_id,
        "cluster_role": sc.cluster_role,
    }


def _write_jsonl(records: Iterable[dict[str, Any] | None], out: IO[str]) -> int:
    n = 0
    for r in records:
        if r is not None:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_plover(rows: Iterable[StoredClaim], out: IO[str]) -> int:
    """Write PLOVER JSONL (records without a coded event are left out); returns how many."""
    return _write_jsonl((plover_record(sc) for sc in rows), out)


def write_claims(rows: Iterable[StoredClaim], out: IO[str]) -> int:
    """Write claim-format JSONL, one stored claim a line; returns how many."""
    return _write_jsonl((sc.to_dict() for sc in rows), out)


# --- tables -----------------------------------------------------------------------------------


def write_csv(rows: Iterable[StoredClaim], out: IO[str]) -> int:
    """Write the flat columns as CSV with a header, formula-like text cells neutralised."""
    w = csv.writer(out)
    w.writerow(FLAT_COLUMNS)
    n = 0
    for sc in rows:
        r = flat_row(sc)
        w.writerow(
            [
                ""
                if r[k] is None
                else ("true" if r[k] else "false")
                if k in BOOL_COLUMNS
                else neutralise(r[k])
                if isinstance(r[k], str)
                else repr(r[k])
                if isinstance(r[k], float)
                else r[k]
                for k in FLAT_COLUMNS
            ]
        )
        n += 1
    return n


def parquet_schema() -> Any:
    """The Parquet schema of the flat columns (typed: ints, floats, booleans, strings)."""
    import pyarrow as pa  # type: ignore[import-untyped]

    def typ(k: str) -> Any:
        if k in INT_COLUMNS:
            return pa.int64()
        if k in FLOAT_COLUMNS:
            return pa.float64()
        if k in BOOL_COLUMNS:
            return pa.bool_()
        return pa.string()

    return pa.schema([(k, typ(k)) for k in FLAT_COLUMNS])


def write_parquet(
    rows: Iterable[StoredClaim], dest: str | os.PathLike[str] | IO[bytes], *, batch: int = 5000
) -> int:
    """Write the flat columns as Parquet, in row groups of ``batch``; returns how many rows."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(dest, schema) as w:
        buf: list[dict[str, Any]] = []
        for sc in rows:
            buf.append(flat_row(sc))
            if len(buf) >= batch:
                w.write_table(pa.Table.from_pylist(buf, schema=schema))
                n += len(buf)
                buf = []
        if buf or n == 0:
            w.write_table(pa.Table.from_pylist(buf, schema=schema))
            n += len(buf)
    return n


# --- actor network ----------------------------------------------------------------------------

_QUADS = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}
_EDGE_INTS = ("weight", "asserts", "denies", "questions", "hedged", *_QUADS.values())


@dataclass(slots=True)
class Network:
    """Actors and the directed, counted edges between them."""

    nodes: dict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )  # code → mention counts
    edges: dict[tuple[str, str], Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    goldstein: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))

    def node_label(self, code: str) -> str:
        return actor_label(code, self.nodes[code].elements())


def actor_network(rows: Iterable[StoredClaim]) -> Network:
    """Count actor1 → actor2 edges by stance and quad class (records with both actors coded)."""
    net = Network()
    for sc in rows:
        ev = sc.claim.event
        if (
            ev is None
            or ev.action is None
            or not (ev.actor1 and ev.actor1.code and ev.actor2 and ev.actor2.code)
        ):
            continue
        a, b = ev.actor1.code, ev.actor2.code
        net.nodes[a][ev.actor1.text or ""] += 1
        net.nodes[b][ev.actor2.text or ""] += 1
        e = net.edges[(a, b)]
        e["weight"] += 1
        e[sc.claim.stance] += 1
        e["hedged"] += int(sc.claim.hedged)
        q = ev.action.quad_class or quad_class(ev.action.root or ev.action.cameo[:2])
        if q in _QUADS:
            e[_QUADS[q]] += 1
        if ev.action.goldstein is not None:
            net.goldstein[(a, b)].append(ev.action.goldstein)
    return net


def _xml(s: str) -> str:
    # XML 1.0 forbids most control characters: drop them rather than write a file Gephi rejects
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", s)


def write_graphml(net: Network, out: IO[str]) -> int:
    """Write the network as GraphML (directed); returns the number of edges."""
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    out.write('  <key id="label" for="node" attr.name="label" attr.type="string"/>\n')
    out.write('  <key id="country" for="node" attr.name="country" attr.type="string"/>\n')
    out.write('  <key id="mentions" for="node" attr.name="mentions" attr.type="int"/>\n')
    for k in _EDGE_INTS:
        out.write(f'  <key id="{k}" for="edge" attr.name="{k}" attr.type="int"/>\n')
    out.write('  <key id="goldstein" for="edge" attr.name="goldstein" attr.type="double"/>\n')
    out.write('  <graph id="actors" edgedefault="directed">\n')
    for code in sorted(net.nodes):
        out.write(f"    <node id={quoteattr(_xml(code))}>")
        out.write(f'<data key="label">{escape(_xml(net.node_label(code)))}</data>')
        out.write(f'<data key="country">{escape(_xml(code[:3]))}</data>')
        out.write(f'<data key="mentions">{sum(net.nodes[code].values())}</data></node>\n')
    for n, ((a, b), counts) in enumerate(sorted(net.edges.items())):
        out.write(f'    <edge id="e{n}" source={quoteattr(_xml(a))} target={quoteattr(_xml(b))}>')
        out.write("".join(f'<data key="{k}">{counts[k]}</data>' for k in _EDGE_INTS))
        gs = net.goldstein.get((a, b))
        if gs:
            out.write(f'<data key="goldstein">{sum(gs) / len(gs):.3f}</data>')
        out.write("</edge>\n")
    out.write("  </graph>\n</graphml>\n")
    return len(net.edges)


# --- schema.org -------------------------------------------------------------------------------

_PERSONS = frozenset({"person", "anonymous"})


def _event_words(sc: StoredClaim) -> str:
    ev = sc.claim.event
    if ev is None or ev.action is None:
        return sc.claim.evidence.text
    a1 = actor_label(ev.actor1.code, [ev.actor1.text]) if ev.actor1 else "someone"
    root = ev.action.root or ev.action.cameo[:2]
    words = f"{a1} → {ev.action.name or CAMEO_ROOTS.get(root, 'CAMEO')} ({ev.action.cameo})"
    if ev.actor2:
        words += f" → {actor_label(ev.actor2.code, [ev.actor2.text])}"
    return words + (f": {ev.object}" if ev.object else "")


def schema_org_claims(rows: Iterable[StoredClaim]) -> list[dict[str, Any]]:
    """schema.org ``Claim`` objects: one per (cluster, source, stance); unclustered records stand alone."""
    groups: dict[tuple[object, ...], list[StoredClaim]] = {}
    for sc in rows:
        src = sc.claim.source
        name = src.name or (sc.outlet if src.kind == "author" else None) or src.text or ""
        cluster: object = sc.cluster_id if sc.cluster_id is not None else ("claim", sc.id)
        groups.setdefault((cluster, name.casefold(), src.actor or "", sc.claim.stance), []).append(sc)
    out = []
    for scs in groups.values():
        first = scs[0]  # rows come in publication order
        src = first.claim.source
        who = src.name or (first.outlet if src.kind == "author" else None) or src.text
        author: dict[str, Any] = {"@type": "Person" if src.kind in _PERSONS else "Organization", "name": who}
        if src.role:
            author["jobTitle" if src.kind in _PERSONS else "description"] = src.role
        seen: dict[str, dict[str, Any]] = {}
        for sc in scs:
            seen.setdefault(
                sc.article_id,
                {
                    "@type": "NewsArticle",
                    "@id": sc.url or f"urn:claimgraph:article:{sc.article_id}",
                    "url": sc.url,
                    "headline": sc.title,
                    "datePublished": sc.published,
                    "publisher": {"@type": "Organization", "name": sc.outlet} if sc.outlet else None,
                },
            )
        appearances = [{k: v for k, v in a.items() if v is not None} for a in seen.values()]
        stance = {"asserts": "asserts", "denies": "denies", "questions": "questions"}.get(
            first.claim.stance, "says"
        )
        out.append(
            {
                "@context": "https://schema.org",
                "@type": "Claim",
                "@id": f"urn:claimgraph:claim:{first.id}",
                "text": first.claim.evidence.text,
                "description": f"{who} {stance}: {_event_words(first)}",
                "author": author,
                "claimInterpreter": author,
                "appearance": appearances,
                "firstAppearance": appearances[0],
                "datePublished": first.published,
            }
        )
    return out


def write_schema_org(rows: Iterable[StoredClaim], out: IO[str]) -> int:
    """Write the JSON-LD list; returns how many Claim objects."""
    items = schema_org_claims(rows)
    json.dump(items, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(items)


# --- transfers ledger -------------------------------------------------------------------------

TRANSFER_COLUMNS: tuple[str, ...] = (
    "supplier", "supplier_name", "recipient", "recipient_name", "designation", "description", "category",
    "number", "order_years", "delivery_years", "status", "comments", "time", "kind", "asserting", "hedging",
    "denying", "questioning", "first_reported", "last_reported", "articles", "claims", "evidence", "clusters",
)  # fmt: skip


def _voices(sources: Sequence[TransferSource]) -> str:
    return "; ".join(
        f"{s.name} ({s.actor or s.kind}{', party' if s.party else ''})"
        + (f" via {', '.join(s.via)}" if s.via else "")
        for s in sources
    )


def transfer_row(e: TransferEntry) -> dict[str, str]:
    """A ledger entry as SIPRI-like columns plus status, sources and evidence links.

    ``evidence`` links are ``article_id@start-end`` (the claim's evidence offsets). Order years
    stay empty: a news claim rarely dates a contract, and a guess would mislead.
    """
    cells: dict[str, object] = {
        "supplier": e.supplier,
        "supplier_name": e.supplier_name,
        "recipient": e.recipient,
        "recipient_name": e.recipient_name,
        "designation": e.designation,
        "description": e.category_label + (f": {'; '.join(e.items)}" if e.items else ""),
        "category": e.category,
        "number": e.number,
        "order_years": "",
        "delivery_years": " ".join(map(str, e.delivery_years)),
        "status": e.status,
        "comments": e.comments,
        "time": " ".join(e.times),
        "kind": " ".join(e.kinds),
        "asserting": _voices(e.asserting),
        "hedging": _voices(e.hedging),
        "denying": _voices(e.denying),
        "questioning": _voices(e.questioning),
        "first_reported": e.first_reported,
        "last_reported": e.last_reported,
        "articles": " ".join(e.articles),
        "claims": " ".join(str(m.claim_id) for m in e.mentions if m.claim_id is not None),
        "evidence": " ".join(f"{m.article_id}@{m.evidence.start}-{m.evidence.end}" for m in e.mentions),
        "clusters": " ".join(map(str, e.clusters)),
    }
    return {k: "" if v is None else neutralise(str(v)) for k, v in cells.items()}


def write_transfers(entries: Iterable[TransferEntry], out: IO[str]) -> int:
    """Write the transfers ledger as CSV with a header; returns how many entries."""
    w = csv.DictWriter(out, fieldnames=TRANSFER_COLUMNS)
    w.writeheader()
    n = 0
    for e in entries:
        w.writerow(transfer_row(e))
        n += 1
    return n


# --- entry point ------------------------------------------------------------------------------

_EVERY = 200
"""Claims between two progress calls: often enough for a display, rare enough to cost nothing."""


def _counted(
    rows: Iterator[StoredClaim], total: int, progress: Callable[[int, int | None], None]
) -> Iterator[StoredClaim]:
    n = 0
    progress(0, total)
    for n, row in enumerate(rows, 1):
        if n % _EVERY == 0:
            progress(n, total)
        yield row
    progress(n, total)


def export(
    store: Store,
    fmt: str,
    dest: str | os.PathLike[str] | IO[bytes],
    q: ClaimQuery | None = None,
    *,
    progress: Callable[[int, int | None], None] | None = None,
) -> int:
    """Export the claims matching ``q`` from ``store`` to ``dest`` (a path or binary file) as ``fmt``.

    Returns the number of rows (records, edges, Claim objects or ledger entries) written.
    ``progress(claims_read, total)`` is called as the claims are read, every ``_EVERY`` claims.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    rows: Iterator[StoredClaim] = store.iter_claims(q)
    if progress is not None:
        rows = _counted(rows, store.count_claims(q), progress)
    if fmt == "parquet":
        return write_parquet(rows, dest)
    writers: dict[str, Callable[[IO[str]], int]] = {
        "gdelt": lambda out: write_gdelt(rows, out, store.cluster_sizes()),
        "plover": lambda out: write_plover(rows, out),
        "claims": lambda out: write_claims(rows, out),
        "csv": lambda out: write_csv(rows, out),
        "graphml": lambda out: write_graphml(actor_network(rows), out),
        "schema-org": lambda out: write_schema_org(rows, out),
        "transfers": lambda out: write_transfers(ledger_from_claims(rows), out),
    }
    if isinstance(dest, str | os.PathLike):
        with open(dest, "w", encoding="utf-8", newline="") as f:
            return writers[fmt](f)
    text = io.TextIOWrapper(dest, encoding="utf-8", newline="", write_through=True)
    try:
        return writers[fmt](text)
    finally:
        text.detach()  # leave the caller's stream open
