"""Writing rebuilt clusters and reading them back with their sources and reports."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, Select, delete, func, insert, select

from ..aggregate import Cluster, Report
from ..contest import confident
from ..model import Evidence
from ..sameevent import meetings_by_article, rules_fingerprint
from .queries import ClusterQuery, ClusterReport, ClusterSource, StoredCluster, clusters_select
from .redirects import follow, point
from .schema import (
    articles,
    claims,
    cluster_claims,
    cluster_dirty,
    cluster_ids,
    cluster_redirects,
    clusters,
    sources,
)


def _report_select() -> Select[Any]:
    c = claims.c
    return (
        select(
            c.id,
            c.article_id,
            c.outlet,
            articles.c.published,
            c.source_name,
            c.source_kind,
            c.source_actor,
            c.source_role,
            c.cue_text,
            c.cue_lemma,
            c.stance,
            c.via,
            c.actor1_code,
            c.actor2_code,
            c.cameo,
            c.root,
            c.object,
            c.actor1_text,
            c.actor2_text,
            c.action_name,
            c.action_text,
            c.evidence_text,
            c.event_date,
            sources.c.key.label("source_key"),
            c.rule,
        )
        .join(articles, articles.c.id == c.article_id)
        .outerjoin(sources, sources.c.id == c.source_id)
        .where(c.has_event.is_(True), c.cameo.is_not(None), c.actor1_code.is_not(None))
    )


def _to_report(row: Any) -> Report:
    return Report(
        claim_id=row.id,
        article_id=row.article_id,
        outlet=row.outlet,
        published=row.published,
        source_name=row.source_name,
        source_kind=row.source_kind,
        source_actor=row.source_actor,
        stance=row.stance,
        via=tuple(v["name"] for v in json.loads(row.via)) if row.via else (),
        actor1=row.actor1_code,
        actor2=row.actor2_code,
        cameo=row.cameo,
        root=row.root,
        object=row.object,
        actor1_text=row.actor1_text,
        actor2_text=row.actor2_text,
        action_name=row.action_name,
        action_text=row.action_text,
        evidence_text=row.evidence_text,
        event_date=row.event_date,
        source_key=row.source_key,
        confident=row.stance == "asserts"
        or confident(
            stance=row.stance,
            source_kind=row.source_kind,
            source_name=row.source_name,
            source_actor=row.source_actor,
            source_role=row.source_role,
            cue_text=row.cue_text,
            cue_lemma=row.cue_lemma,
            evidence=row.evidence_text or "",
            rule=row.rule,
        ),
    )


def _with_meetings(conn: Connection, found: list[Report]) -> list[Report]:
    """The reports with the meetings and calls their articles report (``Report.meetings``), read
    from the whole article: a recluster that loads one block's records dates a verbal act as a
    full build does."""
    ids = sorted({r.article_id for r in found})
    rows: list[tuple[str, str | None, str | None, str | None]] = []
    c = claims.c
    for i in range(0, len(ids), 500):  # bounded IN lists
        stmt = select(c.article_id, c.actor1_code, c.actor2_code, c.cameo).where(
            c.article_id.in_(ids[i : i + 500]), c.has_event.is_(True), c.cameo.like("04%")
        )
        rows.extend((r.article_id, r.actor1_code, r.actor2_code, r.cameo) for r in conn.execute(stmt))
    return _attach(found, rows)


def _attach(
    found: list[Report], rows: Iterable[tuple[str, str | None, str | None, str | None]]
) -> list[Report]:
    met = meetings_by_article(rows)
    return [replace(r, meetings=met[r.article_id]) if r.article_id in met else r for r in found]


def reports(conn: Connection) -> list[Report]:
    """Every stored record with a coded event, as the clustering input (uncoded claims never cluster);
    every article's records are all here, so their meetings come from them, not from a second read."""
    found = [_to_report(row) for row in conn.execute(_report_select().order_by(claims.c.id))]
    return _attach(found, ((r.article_id, r.actor1, r.actor2, r.cameo) for r in found))


def unclustered(conn: Connection) -> list[Report]:
    """Records with a coded event that are in no cluster: new since the last recluster, or reprocessed."""
    stmt = (
        _report_select()
        .outerjoin(cluster_claims, cluster_claims.c.claim_id == claims.c.id)
        .where(cluster_claims.c.claim_id.is_(None))
        .order_by(claims.c.id)
    )
    return _with_meetings(conn, [_to_report(row) for row in conn.execute(stmt)])


def to_rebuild(conn: Connection, whole: Collection[str], since: Mapping[str, str]) -> list[int]:
    """Ids of the clusters a recluster rebuilds: every cluster of the ``whole`` blocks, and in each
    block of ``since`` the clusters last reported on or after that day (or undated). Older clusters
    are out of reach of the new reports (``sameevent.reach``) and stay as they are."""
    c = clusters.c
    out: list[int] = []
    names = sorted(whole)
    for i in range(0, len(names), 500):
        out.extend(conn.execute(select(c.id).where(c.block.in_(names[i : i + 500]))).scalars())
    sliced = sorted(since)
    for i in range(0, len(sliced), 500):  # one query per 500 blocks; the day filter in Python
        stmt = select(c.id, c.block, c.last_seen).where(c.block.in_(sliced[i : i + 500]))
        out.extend(r.id for r in conn.execute(stmt) if r.last_seen is None or r.last_seen >= since[r.block])
    return sorted(set(out))


def member_reports(conn: Connection, cluster_ids: Sequence[int]) -> list[Report]:
    """The records of these clusters, as the clustering input."""
    out: list[Report] = []
    for i in range(0, len(cluster_ids), 500):  # bounded IN lists
        stmt = (
            _report_select()
            .join(cluster_claims, cluster_claims.c.claim_id == claims.c.id)
            .where(cluster_claims.c.cluster_id.in_(cluster_ids[i : i + 500]))
        )
        out.extend(_to_report(row) for row in conn.execute(stmt))
    return _with_meetings(conn, out)


_RULES = "#rules:"
"""A ``cluster_dirty`` row that is no block: the fingerprint of the rules the clusters were built by."""


def stale_blocks(conn: Connection) -> set[str] | None:
    """Blocks whose clusters lost members since they were built (``mark_stale``); None when
    everything must be rebuilt once: some cluster predates blocks (revision 0005), or the clusters
    were built by other rules (``sameevent.rules_fingerprint``: a family or its window changed, so
    a report's block may have changed)."""
    if conn.execute(select(clusters.c.id).where(clusters.c.block.is_(None)).limit(1)).first() is not None:
        return None
    rows = set(conn.execute(select(cluster_dirty.c.block)).scalars())
    if _RULES + rules_fingerprint() not in rows:
        return None
    return {b for b in rows if not b.startswith(_RULES)}


def mark_stale(conn: Connection, claim_ids: Select[Any]) -> None:
    """Record the blocks of the clusters these claims leave (reprocessing), for the next recluster."""
    blocks = conn.execute(
        select(cluster_claims.c.block).where(cluster_claims.c.claim_id.in_(claim_ids)).distinct()
    ).scalars()
    for b in {b for b in blocks if b}:
        if conn.execute(select(cluster_dirty.c.block).where(cluster_dirty.c.block == b)).first() is None:
            conn.execute(insert(cluster_dirty).values(block=b))


def lock(conn: Connection) -> None:
    """Make concurrent reclusters take turns (SQLite writers already do, from BEGIN IMMEDIATE).

    Two PostgreSQL transactions that both gave a new cluster the next free id would collide; the
    lock still lets every reader through.
    """
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("LOCK TABLE cluster_ids IN EXCLUSIVE MODE")


def _origins(conn: Connection, claim_ids: Sequence[int]) -> dict[int, tuple[str, int]]:
    """(article id, seq) per claim id: a claim's identity that survives ``replace_claims``."""
    c = claims.c
    out: dict[int, tuple[str, int]] = {}
    ids = sorted(set(claim_ids))
    for i in range(0, len(ids), 500):  # bounded IN lists: SQLite caps bound parameters
        stmt = select(c.id, c.article_id, c.seq).where(c.id.in_(ids[i : i + 500]))
        out.update((r.id, (r.article_id, r.seq)) for r in conn.execute(stmt))
    return out


def assign_ids(conn: Connection, built: Sequence[Cluster]) -> list[int]:
    """The id of each built cluster: the one its identity (key, opener's article and seq) was given
    before, else the next never-used id, handed out in ``built``'s deterministic order.

    Ids are only ever added to ``cluster_ids``, so one that belonged to a vanished cluster is never
    given to another, and the same store reclustered (or the same corpus ingested again) gets the
    same ids.
    """
    origins = _origins(conn, [cl.origin for cl in built])
    ci = cluster_ids.c
    known: dict[tuple[str, str, int], int] = {}
    openers = sorted({a for a, _ in origins.values()})
    for i in range(0, len(openers), 500):  # only the identities these clusters could have
        stmt = select(ci.id, ci.key, ci.origin_article, ci.origin_seq).where(
            ci.origin_article.in_(openers[i : i + 500])
        )
        known.update(((r.key, r.origin_article, r.origin_seq), r.id) for r in conn.execute(stmt))
    top = conn.execute(select(func.max(cluster_ids.c.id))).scalar() or 0
    top = max(top, conn.execute(select(func.max(clusters.c.id))).scalar() or 0)  # ids from before 0003
    ids: list[int] = []
    new: list[dict[str, Any]] = []
    for cl in built:
        article_id, seq = origins[cl.origin]
        identity = (cl.key, article_id, seq)
        if identity not in known:
            top += 1
            known[identity] = top
            new.append({"id": top, "key": cl.key, "origin_article": article_id, "origin_seq": seq})
        ids.append(known[identity])
    if new:
        conn.execute(insert(cluster_ids), new)
    return ids


def _old_members(conn: Connection, ids: Sequence[int] | None) -> dict[int, set[int]]:
    """Claim ids per cluster id of the clusters about to be rebuilt (all when ``ids`` is None)."""
    cc = cluster_claims.c
    out: dict[int, set[int]] = defaultdict(set)
    if ids is None:
        for cid in conn.execute(select(clusters.c.id)).scalars():
            out[cid] = set()
        for r in conn.execute(select(cc.cluster_id, cc.claim_id)):
            out[r.cluster_id].add(r.claim_id)
        return out
    for cid in ids:
        out[cid] = set()  # a cluster that lost every member still counts as rebuilt
    for i in range(0, len(ids), 500):
        for r in conn.execute(select(cc.cluster_id, cc.claim_id).where(cc.cluster_id.in_(ids[i : i + 500]))):
            out[r.cluster_id].add(r.claim_id)
    return out


def _redirect(
    conn: Connection, old: dict[int, set[int]], built: Sequence[Cluster], ids: Sequence[int]
) -> None:
    """Send each rebuilt id that is gone to the new cluster holding most of its former reports."""
    live = set(ids)
    where: dict[int, int] = {m.claim_id: n for n, cl in zip(ids, built, strict=True) for m in cl.members}
    rd = cluster_redirects.c
    back = sorted(live & set(old))
    for i in range(0, len(back), 500):  # an id alive again (its opener returned) redirects no more
        conn.execute(delete(cluster_redirects).where(rd.old_id.in_(back[i : i + 500])))
    for gone in sorted(set(old) - live):
        counts = Counter(where[c] for c in old[gone] if c in where)
        if not counts:
            continue  # its reports were deleted: nothing to send the reader to
        target = min(counts, key=lambda n: (-counts[n], n))
        point(conn, cluster_redirects, gone, target)


def replace_clusters(conn: Connection, built: Sequence[Cluster], old_ids: Sequence[int] | None) -> None:
    """Swap the stored clusters ``old_ids`` (all of them when None) for ``built``, each under its
    stable id (``assign_ids``); ids that vanish redirect to where their reports went."""
    old = _old_members(conn, old_ids)
    ids = assign_ids(conn, built) if built else []  # before the delete: it sees the ids in use
    if old_ids is None:
        conn.execute(delete(cluster_claims))
        conn.execute(delete(clusters))
    else:
        for i in range(0, len(old_ids), 500):
            part = old_ids[i : i + 500]
            conn.execute(delete(cluster_claims).where(cluster_claims.c.cluster_id.in_(part)))
            conn.execute(delete(clusters).where(clusters.c.id.in_(part)))
    if built:
        _insert(conn, built, ids)
    _redirect(conn, old, built, ids)
    conn.execute(delete(cluster_dirty))  # every stale block was rebuilt with the rest
    conn.execute(insert(cluster_dirty).values(block=_RULES + rules_fingerprint()))


def _insert(conn: Connection, built: Sequence[Cluster], ids: Sequence[int]) -> None:
    rows: list[dict[str, Any]] = []
    members: list[dict[str, Any]] = []
    for n, cl in zip(ids, built, strict=True):
        rows.append(
            {
                "id": n,
                "key": cl.key,
                "label": cl.label,
                "actor1_country": cl.actor1,
                "actor2_country": cl.actor2,
                "root": cl.root,
                "cameo": cl.cameo,
                "object": cl.object,
                "first_seen": cl.first_seen,
                "last_seen": cl.last_seen,
                "n_claims": cl.n_claims,
                "n_articles": cl.n_articles,
                "n_outlets": cl.n_outlets,
                "n_asserting": cl.n_asserting,
                "n_denying": cl.n_denying,
                "n_questioning": cl.n_questioning,
                "block": cl.block,
            }
        )
        members.extend(
            {
                "claim_id": m.claim_id,
                "cluster_id": n,
                "role": m.role,
                "echo_of": m.echo_of,
                "echo_via": m.echo_via,
                "block": cl.block,
            }
            for m in cl.members
        )
    for i in range(0, len(rows), 5000):
        conn.execute(insert(clusters), rows[i : i + 5000])
    for i in range(0, len(members), 5000):
        conn.execute(insert(cluster_claims), members[i : i + 5000])


def resolve(conn: Connection, cluster_id: int) -> int | None:
    """Where an id that is no longer a cluster went (``cluster_redirects``), or None."""
    return follow(conn, cluster_redirects, clusters, cluster_id)


def _member_rows(conn: Connection, cluster_ids: Sequence[int]) -> list[Any]:
    c = claims.c
    stmt = (
        select(
            cluster_claims.c.cluster_id,
            cluster_claims.c.role,
            cluster_claims.c.echo_of,
            cluster_claims.c.echo_via,
            c.id,
            c.article_id,
            c.outlet,
            c.published,
            articles.c.url,
            articles.c.title,
            c.source_id,
            c.source_name,
            c.source_kind,
            c.source_actor,
            c.stance,
            c.via,
            c.evidence_start,
            c.evidence_end,
            c.evidence_text,
            sources.c.name.label("canonical_name"),
        )
        .join(claims, claims.c.id == cluster_claims.c.claim_id)
        .join(articles, articles.c.id == c.article_id)
        .outerjoin(sources, sources.c.id == c.source_id)
        .where(cluster_claims.c.cluster_id.in_(list(cluster_ids)))
        .order_by(c.published.is_(None), c.published, c.article_id, c.seq)
    )
    return list(conn.execute(stmt))


def _source_name(row: Any) -> str | None:
    # the author speaks as its outlet (claims-format.md)
    name: str | None = row.source_name or (row.outlet if row.source_kind == "author" else None)
    return name or row.canonical_name


def _sources(rows: Sequence[Any], stance: str) -> tuple[ClusterSource, ...]:
    """The cluster's sources taking one stance: one per source row (one speaker, however each
    article named them), under the row's name."""
    seen: dict[tuple[str, ...], list[Any]] = {}
    for row in rows:
        if row.stance == stance:
            key = (
                (str(row.source_id),)
                if row.source_id is not None
                else ((_source_name(row) or "").casefold(), (row.source_actor or "").upper())
            )
            seen.setdefault(key, []).append(row)
    return tuple(
        ClusterSource(
            source_id=rs[0].source_id,
            name=rs[0].canonical_name or _source_name(rs[0]),
            kind=rs[0].source_kind,
            actor=rs[0].source_actor,
            stance=stance,
            reports=len(rs),
            first_seen=rs[0].published,
        )
        for rs in seen.values()
    )


def _report(row: Any) -> ClusterReport:
    return ClusterReport(
        claim_id=row.id,
        article_id=row.article_id,
        outlet=row.outlet,
        published=row.published,
        url=row.url,
        title=row.title,
        source_id=row.source_id,
        source_name=_source_name(row),
        source_kind=row.source_kind,
        source_actor=row.source_actor,
        stance=row.stance,
        role=row.role,
        echo_of=row.echo_of,
        echo_via=row.echo_via,
        via=tuple(v["name"] for v in json.loads(row.via)) if row.via else (),
        evidence=Evidence(start=row.evidence_start, end=row.evidence_end, text=row.evidence_text),
    )


def _cluster(row: Any, members: Sequence[Any], *, with_reports: bool) -> StoredCluster:
    outlets: dict[str, str] = {}
    for m in members:
        if m.outlet:
            outlets.setdefault(m.outlet.strip().casefold(), m.outlet)
    return StoredCluster(
        id=row.id,
        key=row.key,
        label=row.label,
        actor1=row.actor1_country,
        actor2=row.actor2_country,
        root=row.root,
        cameo=row.cameo,
        object=row.object,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        n_claims=row.n_claims,
        n_articles=row.n_articles,
        n_outlets=row.n_outlets,
        outlets=tuple(outlets.values()),
        asserting=_sources(members, "asserts"),
        denying=_sources(members, "denies"),
        questioning=_sources(members, "questions"),
        reports=tuple(_report(m) for m in members) if with_reports else (),
    )


def read(conn: Connection, q: ClusterQuery) -> list[StoredCluster]:
    """The clusters matching ``q`` with their outlets and sources (not their reports)."""
    rows = list(conn.execute(clusters_select(q, conn.dialect)))
    by_cluster: dict[int, list[Any]] = defaultdict(list)
    ids = [r.id for r in rows]
    for i in range(0, len(ids), 500):  # bounded IN lists: SQLite caps bound parameters
        for m in _member_rows(conn, ids[i : i + 500]):
            by_cluster[m.cluster_id].append(m)
    return [_cluster(r, by_cluster[r.id], with_reports=False) for r in rows]


def read_one(conn: Connection, cluster_id: int, *, with_reports: bool = True) -> StoredCluster | None:
    """One cluster with its sources and outlets, and its reports in publication order if asked."""
    row = conn.execute(select(clusters).where(clusters.c.id == cluster_id)).first()
    if row is None:
        return None
    return _cluster(row, _member_rows(conn, [cluster_id]), with_reports=with_reports)
