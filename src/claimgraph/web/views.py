"""What each page shows, computed from the Store: one function per page, shared with the JSON API.

Each function takes the Store and validated parameters and returns plain data (dicts holding the
Store's own records), so ``/clusters/7`` and ``/api/clusters/7`` can never disagree. Nothing here
knows about HTTP; ``None`` means "no such thing" and the routes turn it into a 404.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from ..contest import confident_dissent, disputes, source_key
from ..model import Claim
from ..sameevent import object_head
from ..store import ClaimQuery, ClusterQuery, ClusterReport, Store, StoredClaim, StoredCluster
from ..store.queries import DyadPoint
from ..store.rows import paragraph_of
from ..transfers import CATEGORIES, STATUSES, TransferEntry, ledger, ledger_entry
from .highlight import context_window, segments
from .params import (
    ArticleFilters,
    ClaimFilters,
    ClusterFilters,
    NetworkFilters,
    SourceFilters,
    TransferFilters,
)
from .present import actor_kind, actor_name, claim_record, cluster_words, country, path_part, quad_of

OVERVIEW_ROWS = 8
FLOW_NODES = 40  # suppliers and recipients drawn on each side of the flow picture, at most


def _pages(total: int, f: ClaimFilters | ArticleFilters | ClusterFilters | SourceFilters) -> dict[str, int]:
    return {"page": f.page, "per_page": f.per_page, "pages": max(1, math.ceil(total / f.per_page))}


def _dyad_rows(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {**r, "actor1_name": actor_name(r["actor1"]), "actor2_name": actor_name(r["actor2"])} for r in rows
    ]


def overview(store: Store) -> dict[str, Any]:
    """Counts, the most active dyads, the newest and the most contested clusters (each with the
    sentence that contests it), recent articles."""
    contested = store.clusters(ClusterQuery(contested=True, order="contested", limit=OVERVIEW_ROWS))
    return {
        "stats": store.stats(),
        "dyads": _dyad_rows(store.dyads(limit=12)),
        "newest": store.clusters(ClusterQuery(order="newest", limit=OVERVIEW_ROWS)),
        "contested": contested,
        "why": {c.id: why_contested(store, c) for c in contested},
        "articles": store.articles(limit=OVERVIEW_ROWS),
    }


def why_contested(store: Store, cluster: StoredCluster) -> StoredClaim | None:
    """The first denial or doubt that contests a cluster (claimgraph.contest: confident, by a source
    not asserting it, of the cluster's event): why it is contested."""
    asserting = {source_key(s.name, s.actor) for s in cluster.asserting}
    members = store.claims(ClaimQuery(cluster_id=cluster.id))
    codes = {code for sc in members if sc.claim.stance == "asserts" and (code := _cameo(sc.claim))}
    for sc in members:
        c = sc.claim
        if c.event is None or not confident_dissent(c):
            continue
        name = c.source.name or (sc.outlet if c.source.kind == "author" else None)
        head = object_head(c.event.object)
        if disputes(source_key(name, c.source.actor), head, _cameo(c), asserting, cluster.object, codes):
            return sc
    return None


def _cameo(c: Claim) -> str | None:
    return c.event.action.cameo if c.event is not None and c.event.action is not None else None


def claims(store: Store, f: ClaimFilters) -> dict[str, Any]:
    """One page of the claims matching the filters, with the total."""
    total = store.count_claims(f.query(paged=False))
    return {"total": total, **_pages(total, f), "items": store.claims(f.query())}


def clusters(store: Store, f: ClusterFilters) -> dict[str, Any]:
    """One page of clusters, with the total."""
    total = store.count_clusters(f.query(paged=False))
    rows = store.clusters(f.query())
    return {
        "total": total,
        **_pages(total, f),
        "has_next": len(rows) > f.per_page,
        "items": rows[: f.per_page],
    }


def timeline(reports: Iterable[ClusterReport]) -> dict[str, Any]:
    """Reports on a time axis: first and last day, and per dated report a fraction and a stack level."""
    days = sorted({r.published[:10] for r in reports if r.published})
    if not days:
        return {"first": None, "last": None, "points": [], "levels": 0}
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    span = max((last - first).days, 1)
    stacks: Counter[str] = Counter()
    points = []
    for r in reports:
        if not r.published:
            continue
        d = r.published[:10]
        x = (date.fromisoformat(d) - first).days / span if last > first else 0.5
        who = r.source_name or r.source_actor or r.source_kind
        points.append(
            {"x": round(x, 4), "day": d, "stance": r.stance, "level": stacks[d], "claim_id": r.claim_id,
             "title": f"{d} · {r.outlet or 'unknown outlet'} · {who} {r.stance} ({r.role})"}
        )  # fmt: skip
        stacks[d] += 1
    return {"first": days[0], "last": days[-1], "points": points, "levels": max(stacks.values())}


def cluster(store: Store, cluster_id: int) -> dict[str, Any] | None:
    """A cluster with its sources by stance, its reports in order and their timeline."""
    cl = store.cluster(cluster_id)
    if cl is None:
        return None
    return {
        "cluster": cl,
        "words": cluster_words(cl.actor1, cl.cameo, cl.actor2, cl.object),
        "quad": quad_of(cl.root),
        "timeline": timeline(cl.reports),
        "undated": sum(1 for r in cl.reports if not r.published),
    }


def _buckets(months: list[str]) -> tuple[list[str], int]:
    """Every month (or year, for long spans) from the first to the last: gaps show as gaps."""
    if not months:
        return [], 7
    y0, m0 = map(int, months[0].split("-"))
    y1, m1 = map(int, months[-1].split("-"))
    if (y1 - y0) * 12 + m1 - m0 > 72:
        return [str(y) for y in range(y0, y1 + 1)], 4
    out = []
    y, m = y0, m0
    while (y, m) <= (y1, m1):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out, 7


def dyad_series(points: Iterable[DyadPoint], a: str, b: str) -> dict[str, Any]:
    """Claims between two countries counted per month (or year) and quad class, in each direction."""
    per: dict[str, dict[str, list[int]]] = {
        "ab": defaultdict(lambda: [0, 0, 0, 0]),
        "ba": defaultdict(lambda: [0, 0, 0, 0]),
    }
    gold: dict[str, dict[str, list[float]]] = {"ab": defaultdict(list), "ba": defaultdict(list)}
    undated = uncoded = 0
    for p in points:
        if not p.coded:
            uncoded += 1
            continue
        if not p.published:
            undated += 1
            continue
        direction = "ab" if country(p.actor1_code) == a else "ba"
        q = quad_of(p.root or p.cameo)
        month = p.published[:7]
        if q:
            per[direction][month][q - 1] += 1
        if p.goldstein is not None:
            gold[direction][month].append(p.goldstein)
    months = sorted(set(per["ab"]) | set(per["ba"]))
    buckets, width = _buckets(months)

    def series(direction: str) -> list[dict[str, Any]]:
        out = []
        for bucket in buckets:
            counts = [0, 0, 0, 0]
            gs: list[float] = []
            for m in months:
                if m[:width] == bucket:
                    counts = [x + y for x, y in zip(counts, per[direction][m], strict=True)]
                    gs += gold[direction][m]
            out.append(
                {"bucket": bucket, "quads": counts, "goldstein": round(sum(gs) / len(gs), 2) if gs else None}
            )
        return out

    return {
        "a": a,
        "b": b,
        "a_name": actor_name(a),
        "b_name": actor_name(b),
        "unit": "year" if width == 4 else "month",
        "ab": series("ab"),
        "ba": series("ba"),
        "undated": undated,
        "uncoded": uncoded,
    }


def dyad(store: Store, a: str, b: str, f: ClaimFilters) -> dict[str, Any] | None:
    """The chart over time between two countries, their clusters, and one page of their claims."""
    a, b = a.upper(), b.upper()
    f = f.model_copy(update={"dyad": f"{a},{b}"})
    total = store.count_claims(ClaimQuery(dyad=(a, b)))
    if total == 0:
        return None
    matching = store.count_claims(f.query(paged=False))
    return {
        "series": dyad_series(store.dyad_points(a, b), a, b),
        "total": total,
        "matching": matching,
        **_pages(matching, f),
        "items": store.claims(f.query()),
        "clusters": store.clusters(ClusterQuery(dyad=(a, b), order="articles", limit=12)),
    }


def network(store: Store, f: NetworkFilters) -> dict[str, Any]:
    """Countries as nodes, claims between them as edges (by quad class and stance), for the force layout."""
    quads = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
    edges: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for r in store.network_edges(f.query()):  # counted in the database: one GROUP BY, not every claim
        ca, cb = r["actor1_country"], r["actor2_country"]
        if ca and cb and ca != cb:  # a country acting on itself has no edge to draw
            e = edges[(ca, cb)]
            for k in ("asserts", "denies", "questions", "hedged"):
                e[k] += r[k] or 0
            e["weight"] += r["n"]
            if r["quad"] in (1, 2, 3, 4):
                e[quads[r["quad"] - 1]] += r["n"]
    degree: Counter[str] = Counter()
    for (a, b), counts in edges.items():
        degree[a] += counts["weight"]
        degree[b] += counts["weight"]
    if f.states_only:
        degree = Counter({c: n for c, n in degree.items() if actor_kind(c) == "country"})
    kept = {c for c, _ in degree.most_common(f.max_nodes)}
    out_edges: list[dict[str, Any]] = []
    for (a, b), counts in sorted(edges.items(), key=lambda kv: (-kv[1]["weight"], kv[0])):
        if len(out_edges) >= f.max_edges:
            break
        if a in kept and b in kept and counts["weight"] >= f.min_weight:
            by_quad = [counts[q] for q in quads]
            out_edges.append(
                {
                    "source": a,
                    "target": b,
                    "weight": counts["weight"],
                    "quads": by_quad,
                    "quad": by_quad.index(max(by_quad)) + 1 if any(by_quad) else None,
                    "asserts": counts["asserts"],
                    "denies": counts["denies"],
                    "questions": counts["questions"],
                    "hedged": counts["hedged"],
                }
            )
    used: set[str] = {e["source"] for e in out_edges} | {e["target"] for e in out_edges}
    nodes = [
        {"id": c, "name": actor_name(c), "weight": degree[c], "kind": actor_kind(c)}
        for c in sorted(used, key=lambda c: (-degree[c], c))
    ]
    return {"nodes": nodes, "edges": out_edges, "claims": sum(e["weight"] for e in out_edges)}


def articles(store: Store, f: ArticleFilters) -> dict[str, Any]:
    """One page of articles, newest first (one row more, to know whether a next page exists)."""
    rows = store.articles(
        outlet=f.outlet, since=f.since, until=f.until, limit=f.per_page + 1, offset=f.offset
    )
    return {
        "page": f.page,
        "per_page": f.per_page,
        "has_next": len(rows) > f.per_page,
        "items": rows[: f.per_page],
    }


ARTICLE_CLAIMS_PER_PAGE = 100
"""Claims per page of an article: its table, its highlights and the records its script reads. A long
report can carry thousands (one of 2,857 claims made a 7 MB page when every one was embedded)."""


def article(
    store: Store, article_id: str, *, page: int = 1, claim_id: int | None = None
) -> dict[str, Any] | None:
    """An article's text with one page of its claims highlighted, their records as the page's script
    reads them, and that page of the claims table. ``claim_id`` picks the page holding that claim
    (links to a claim carry it, so its highlight is there whatever its place in the article)."""
    art = store.article(article_id)
    if art is None:
        return None
    rows = store.claims(ClaimQuery(article_id=article_id))
    per = ARTICLE_CLAIMS_PER_PAGE
    pages = max(1, math.ceil(len(rows) / per))
    if claim_id is not None:
        at = next((i for i, sc in enumerate(rows) if sc.id == claim_id), None)
        page = page if at is None else at // per + 1
    page = min(page, pages)
    shown = rows[(page - 1) * per : page * per]
    return {
        "article": art,
        "claims": rows,
        "table": shown,
        "page": page,
        "pages": pages,
        "first": (page - 1) * per + 1,
        "segments": segments(art.text or "", shown),
        "records": {str(sc.id): claim_record(sc) for sc in shown},
        "stances": Counter(sc.claim.stance for sc in rows),
    }


def claim(store: Store, claim_id: int) -> dict[str, Any] | None:
    """One claim as a citable page: the record, its evidence in a few sentences of context, its
    article and its cluster (with its place there: originator, or echo of which report)."""
    sc = store.claim(claim_id)
    if sc is None:
        return None
    art = store.article(sc.article_id)
    text = (art.text if art is not None else None) or ""
    ev = sc.claim.evidence
    context = None
    segs: list[Any] = []
    if 0 <= ev.start < ev.end <= len(text) and text[ev.start : ev.end] == ev.text:
        a, b = context_window(text, ev.start, ev.end)
        segs = segments(text, [sc], (a, b))
        context = {"start": a, "end": b, "text": text[a:b], "more_before": a > 0, "more_after": b < len(text)}
    member = store.cluster_member(sc.id)
    cl = store.cluster(member["cluster_id"], reports=False) if member else None
    article_link = f"/articles/{path_part(sc.article_id)}?claim={sc.id}#claim-{sc.id}"
    return {
        "claim": sc,
        # from the text as stored now, not as counted at ingest (older stores counted blank lines only)
        "paragraph": paragraph_of(text, ev.start) if context is not None else sc.paragraph,
        "context": context,  # None when the stored text does not hold the evidence (a loaded stub)
        "segments": segs,
        "article": {
            "id": sc.article_id,
            "title": sc.title,
            "outlet": sc.outlet,
            "published": art.published if art is not None else sc.published,
            "url": sc.url,
        },
        "cluster": None
        if cl is None or member is None
        else {
            "id": cl.id,
            "label": cl.label,
            "words": cluster_words(cl.actor1, cl.cameo, cl.actor2, cl.object),
            "root": cl.root,
            "first_seen": cl.first_seen,
            "last_seen": cl.last_seen,
            "n_claims": cl.n_claims,
            "n_articles": cl.n_articles,
            "n_outlets": cl.n_outlets,
            "n_asserting": len(cl.asserting),
            "n_denying": len(cl.denying),
            "n_questioning": len(cl.questioning),
            "role": member["role"],
            "echo_of": member["echo_of"],
            "echo_via": member["echo_via"],
        },
        "links": {
            "page": f"/claims/{sc.id}",
            "json": f"/api/claims/{sc.id}",
            "article": article_link,
            "cluster": f"/clusters/{cl.id}" if cl is not None else None,
        },
    }


def sources(store: Store, f: SourceFilters) -> dict[str, Any]:
    """One page of the sources list (every speaker once, most claims first), with the total."""
    total = store.count_sources(f.query(paged=False))
    return {"total": total, **_pages(total, f), "items": store.sources(f.query())}


def source(store: Store, source_id: int, f: ClaimFilters) -> dict[str, Any] | None:
    """A source: the names it was seen under, how often it asserts, denies and questions, the
    dyads it speaks of, its claims."""
    row = store.source(source_id)
    if row is None:
        return None
    f = f.model_copy(update={"source_id": source_id})
    total = store.count_claims(f.query(paged=False))
    return {
        "source": row,
        "seen_as": store.source_names(source_id),
        "stances": {
            s: store.count_claims(ClaimQuery(source_id=source_id, stance=s))
            for s in ("asserts", "denies", "questions")
        },
        "dyads": _dyad_rows(store.dyads(ClaimQuery(source_id=source_id), limit=10)),
        "total": total,
        **_pages(total, f),
        "items": store.claims(f.query()),
    }


def _party_name(code: str | None) -> str:
    return actor_name(code) if code else "unknown"


def transfer_flow(entries: Iterable[TransferEntry]) -> dict[str, Any]:
    """Suppliers (left) and recipients (right) as nodes, one link per entry, for the flow picture."""
    entries = list(entries)
    left: Counter[str] = Counter(e.supplier or "?" for e in entries)
    right: Counter[str] = Counter(e.recipient or "?" for e in entries)
    if len(left) > FLOW_NODES or len(right) > FLOW_NODES:  # the busiest ends; the table has the rest
        keep_l = {c for c, _ in left.most_common(FLOW_NODES)}
        keep_r = {c for c, _ in right.most_common(FLOW_NODES)}
        drawn = [e for e in entries if (e.supplier or "?") in keep_l and (e.recipient or "?") in keep_r]
        left = Counter(e.supplier or "?" for e in drawn)
        right = Counter(e.recipient or "?" for e in drawn)
    else:
        drawn = entries

    def nodes(counts: Counter[str]) -> list[dict[str, Any]]:
        order = sorted(counts, key=lambda c: (c == "?", -counts[c], _party_name(None if c == "?" else c)))
        return [{"id": c, "name": _party_name(None if c == "?" else c), "entries": counts[c]} for c in order]

    links = [
        {
            "source": e.supplier or "?",
            "target": e.recipient or "?",
            "key": e.key,
            "category": e.category,
            "status": e.status,
            "mentions": len(e.mentions),
            "title": f"{_party_name(e.supplier)} → {_party_name(e.recipient)}: {e.category_label}"
            + (f" ({e.designation})" if e.designation else "")
            + f" · {e.status} · {len(e.mentions)} mention{'' if len(e.mentions) == 1 else 's'}",
        }
        for e in drawn
    ]
    present = {e.category for e in drawn}
    return {
        "suppliers": nodes(left),
        "recipients": nodes(right),
        "links": links,
        "categories": [[c, label] for c, label in CATEGORIES.items() if c in present],
        "omitted": len(entries) - len(drawn),
    }


def transfers(store: Store, f: TransferFilters, *, paged: bool = False) -> dict[str, Any]:
    """The transfers ledger with the filters applied, its status counts, the flow picture's data,
    and the suppliers and recipients of the whole period (the filter's choices).

    ``paged``: only the page ``f.page`` of the entries (the flow picture still draws them all)."""
    period = ledger(store, f.query(dates_only=True))
    q = f.query()
    entries = [e for e in period if q.keeps(e)]
    counts = Counter(e.status for e in entries)

    def choices(codes: Iterable[str | None], chosen: str | None) -> list[tuple[str, str]]:
        found = {c for c in codes if c} | ({chosen.upper()[:3]} if chosen else set())
        return sorted(((c, actor_name(c)) for c in found), key=lambda cn: cn[1].casefold())

    shown = entries[f.offset : f.offset + f.per_page] if paged else entries
    return {
        "total": len(entries),
        "total_in_period": len(period),
        "statuses": {s: counts[s] for s in STATUSES},
        "entries": shown,
        **({"page": f.page, "pages": max(1, math.ceil(len(entries) / f.per_page))} if paged else {}),
        "flow": transfer_flow(entries),
        "suppliers": choices((e.supplier for e in period), f.supplier),
        "recipients": choices((e.recipient for e in period), f.recipient),
    }


def transfer(store: Store, key: str) -> dict[str, Any] | None:
    """One ledger entry with its mentions in publication order and the titles of their articles."""
    entry = ledger_entry(store, key)
    if entry is None:
        return None
    titles: dict[str, str | None] = {}
    for aid in entry.articles[:100]:
        art = store.article(aid)
        titles[aid] = art.title if art is not None else None
    ordered = sorted(entry.mentions, key=lambda m: (m.published is None, m.published or "", m.claim_id or 0))
    return {"entry": entry, "mentions": ordered, "titles": titles}


def jsonable(obj: Any) -> Any:
    """The page data as JSON values: claims as records with labels, other records as dicts."""
    if isinstance(obj, StoredClaim):
        return claim_record(obj)
    if isinstance(obj, TransferEntry):
        return jsonable(obj.to_dict())
    if isinstance(obj, StoredCluster):
        d = {f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        return {**d, "words": cluster_words(obj.actor1, obj.cameo, obj.actor2, obj.object)}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [jsonable(v) for v in obj]
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    return obj
