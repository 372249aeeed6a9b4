"""Scoring claim clusters against a stand-off cross-article dev set (``benchmarks/clusters-dev``).

Why this module exists: a claim cluster is only worth its name if every report of one event lands
in it and nothing else does. The dev set marks claim evidence spans in articles of
``../shared/corpora`` with the event (gold cluster) they report and lists pairs of clusters that
must never merge. This module reads the article texts at run time (the repository holds offsets
only), runs the extractor and the store's clustering, and scores:

- **alignment**: each gold mention is aligned to the system record whose evidence overlaps it most
  (records with a coded event first); mentions with no such record are counted, not scored;
- **pairwise** precision, recall and F1 over pairs of aligned mentions: a pair is predicted when
  both records share a system cluster, gold when both mentions share a gold cluster;
- **violations**: must-not-merge pairs (A, B) where some aligned mention of A and some of B share
  a system cluster.

The extractor is injected (as in :mod:`claimgraph.evaluate`), so scoring itself needs no spaCy.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from .errors import InputError
from .evaluate import prf
from .model import Article, Claim

PathLike = str | Path
ExtractMany = Callable[[Sequence[Article]], Iterable[tuple[Article, Sequence[Claim]]]]


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One evidence span of the dev set and the gold cluster (event) it reports."""

    story: str
    cluster: str
    corpus: str
    article_id: str
    start: int
    end: int
    stance: str
    sha1: str


@dataclass(frozen=True, slots=True)
class SystemRecord:
    """A stored record as the scorer sees it: where its evidence is and which cluster holds it."""

    article_id: str
    start: int
    end: int
    cluster: int | None  # None: the record has no cluster (no coded event)


@dataclass(frozen=True, slots=True)
class ClusterDevSet:
    """The dev set: gold mentions, must-not-merge cluster pairs, and the articles they come from."""

    mentions: tuple[GoldMention, ...]
    must_not_merge: tuple[tuple[str, str], ...]
    articles: tuple[Article, ...]


def load_dev_set(folder: PathLike, corpora: PathLike) -> ClusterDevSet:
    """Read ``mentions.jsonl`` and ``must_not_merge.json`` from ``folder`` and the texts from ``corpora``.

    Each span's SHA-1 prefix is checked against the text, so a changed corpus is reported by name
    instead of being scored silently against the wrong words.
    """
    folder, corpora = Path(folder), Path(corpora)
    mpath, npath = folder / "mentions.jsonl", folder / "must_not_merge.json"
    for p in (mpath, npath):
        if not p.is_file():
            raise InputError(f"{p}: missing (a cluster dev set needs mentions.jsonl and must_not_merge.json)")
    mentions = tuple(
        GoldMention(**json.loads(line))
        for line in mpath.read_text(encoding="utf-8").splitlines()
        if line.strip()
    )
    pairs = tuple((a, b) for a, b in json.loads(npath.read_text(encoding="utf-8"))["must_not_merge"])
    wanted: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        wanted[m.corpus].add(m.article_id)
    docs: dict[str, Mapping[str, Any]] = {}
    for corpus, ids in sorted(wanted.items()):
        path = corpora / f"{corpus}.jsonl"
        if not path.is_file():
            raise InputError(
                f"{path}: corpus file not found (the dev set reads texts from ../shared/corpora)"
            )
        with path.open(encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d["id"] in ids and d["id"] not in docs:
                    docs[d["id"]] = d
    for m in mentions:
        d = docs.get(m.article_id)
        if d is None:
            raise InputError(f"{m.corpus}.jsonl: no article {m.article_id!r}")
        got = hashlib.sha1(d["text"][m.start : m.end].encode("utf-8")).hexdigest()[: len(m.sha1)]
        if got != m.sha1:
            raise InputError(f"{m.article_id} [{m.start}:{m.end}]: the text changed since annotation")
    articles = tuple(
        Article(
            id=d["id"],
            text=d["text"],
            title=d.get("title"),
            url=d.get("url"),
            outlet=d.get("source"),
            published=d.get("date"),
        )
        for d in sorted(docs.values(), key=lambda d: d["id"])
    )
    return ClusterDevSet(mentions=mentions, must_not_merge=pairs, articles=articles)


def align(mentions: Sequence[GoldMention], records: Sequence[SystemRecord]) -> dict[int, SystemRecord]:
    """Gold mention index → the overlapping record (clustered first, then greatest overlap, then first)."""
    by_article: dict[str, list[SystemRecord]] = defaultdict(list)
    for r in records:
        by_article[r.article_id].append(r)
    out: dict[int, SystemRecord] = {}
    for i, m in enumerate(mentions):
        best: tuple[bool, int, int] | None = None
        for n, r in enumerate(by_article.get(m.article_id, ())):
            overlap = min(m.end, r.end) - max(m.start, r.start)
            if overlap <= 0:
                continue
            key = (r.cluster is not None, overlap, -n)
            if best is None or key > best:
                best, out[i] = key, r
    return out


def score_clusters(
    mentions: Sequence[GoldMention],
    must_not_merge: Sequence[tuple[str, str]],
    records: Sequence[SystemRecord],
) -> dict[str, Any]:
    """Pairwise P/R/F1 over aligned mentions that have a clustered record, and must-not-merge violations."""
    aligned = align(mentions, records)
    scored = [(mentions[i], r.cluster) for i, r in sorted(aligned.items()) if r.cluster is not None]
    tp = n_pred = n_gold = 0
    for (ma, ca), (mb, cb) in combinations(scored, 2):
        same_gold, same_sys = ma.cluster == mb.cluster, ca == cb
        n_gold += same_gold
        n_pred += same_sys
        tp += same_gold and same_sys
    clusters_of: dict[str, set[int]] = defaultdict(set)
    for m, c in scored:
        if c is not None:
            clusters_of[m.cluster].add(c)
    violations = [[a, b] for a, b in must_not_merge if clusters_of[a] & clusters_of[b]]
    gold_pairs_all = no_record = uncoded = 0
    for (i, a), (j, b) in combinations(enumerate(mentions), 2):
        if a.cluster != b.cluster:
            continue
        gold_pairs_all += 1
        ra, rb = aligned.get(i), aligned.get(j)
        if ra is None or rb is None:
            no_record += 1
        elif ra.cluster is None or rb.cluster is None:
            uncoded += 1
    return {
        "benchmark": "clusters",
        "mentions": len(mentions),
        "gold_clusters": len({m.cluster for m in mentions}),
        "stories": len({m.story for m in mentions}),
        "with_record": len(aligned),
        "with_clustered_record": len(scored),
        "gold_pairs_all": gold_pairs_all,
        # gold pairs out of reach of the clustering: a mention with no record, or one whose record
        # has no coded event (extraction's share of the misses)
        "gold_pairs_no_record": no_record,
        "gold_pairs_uncoded": uncoded,
        "pairwise": prf(tp, n_pred, n_gold),
        "must_not_merge": len(must_not_merge),
        "violations": violations,
    }


def key_grouping(records: Iterable[Mapping[str, Any]]) -> dict[tuple[str, int], int]:
    """The GDELT-style baseline: one cluster per (actor1 country, CAMEO root, actor2 country)."""
    keys: dict[tuple[str | None, str | None, str | None], int] = {}
    out: dict[tuple[str, int], int] = {}
    for n, r in enumerate(records):
        ev = r.get("event") or {}
        a1, a2, act = ev.get("actor1") or {}, ev.get("actor2") or {}, ev.get("action") or {}
        if not act.get("cameo") or not a1.get("code"):
            continue
        key = (a1["code"][:3], str(act["cameo"])[:2], (a2.get("code") or "")[:3] or None)
        out[(r["article_id"], n)] = keys.setdefault(key, len(keys) + 1)
    return out


def evaluate_clusters(
    folder: PathLike,
    corpora: PathLike,
    extract_many: ExtractMany,
    *,
    records_out: PathLike | None = None,
) -> dict[str, Any]:
    """Extract the dev set's articles, store and cluster them in a scratch store, and score the clusters.

    Also scores the (actor1, root, actor2) key grouping on the same records, as the baseline.
    ``records_out`` keeps the extracted records (JSONL) for a later run.
    """
    from .store import Store

    dev = load_dev_set(folder, corpora)
    extracted = [(a, list(cs)) for a, cs in extract_many(dev.articles)]
    return _score_extracted(dev, extracted, records_out=records_out, store_cls=Store)


def _score_extracted(
    dev: ClusterDevSet,
    extracted: Sequence[tuple[Article, Sequence[Claim]]],
    *,
    records_out: PathLike | None,
    store_cls: Any,
) -> dict[str, Any]:
    flat: list[dict[str, Any]] = []
    for a, cs in extracted:
        for c in cs:
            d = c.to_dict()
            d["article_id"] = a.id
            flat.append(d)
    if records_out is not None:
        with Path(records_out).open("w", encoding="utf-8") as f:
            for d in flat:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with tempfile.TemporaryDirectory() as tmp, store_cls(f"sqlite:///{tmp}/clusters-dev.db") as store:
        for a, cs in extracted:
            store.add_article(a, cs, extractor_version="clusters-dev")
        store.recluster()
        records = [
            SystemRecord(c.article_id, c.claim.evidence.start, c.claim.evidence.end, c.cluster_id)
            for c in store.claims()
        ]
    result = score_clusters(dev.mentions, dev.must_not_merge, records)
    keyed = key_grouping(flat)
    base = [
        SystemRecord(
            d["article_id"], d["evidence"]["start"], d["evidence"]["end"], keyed.get((d["article_id"], n))
        )
        for n, d in enumerate(flat)
    ]
    b = score_clusters(dev.mentions, dev.must_not_merge, base)
    result["baseline_key"] = {"pairwise": b["pairwise"], "violations": b["violations"]}
    return result


def evaluate_clusters_from_records(folder: PathLike, corpora: PathLike, records: PathLike) -> dict[str, Any]:
    """Score clusters built from records extracted earlier (``records_out``): no extraction, no model."""
    from .store import Store

    dev = load_dev_set(folder, corpora)
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for line in Path(records).read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            by_article[d["article_id"]].append(Claim.from_dict(d))
    extracted = [(a, by_article.get(a.id, [])) for a in dev.articles]
    return _score_extracted(dev, extracted, records_out=None, store_cls=Store)


def format_cluster_report(s: Mapping[str, Any]) -> str:
    """The cluster scores in a few lines: alignment, pairwise P/R/F1, violations, the key baseline."""
    p, b = s["pairwise"], s["baseline_key"]["pairwise"]
    lines = [
        f"claim clusters: {s['stories']} stories, {s['gold_clusters']} gold clusters,"
        f" {s['mentions']} mentions",
        f"  mentions with a record {s['with_record']}/{s['mentions']},"
        f" with a clustered record {s['with_clustered_record']}/{s['mentions']}",
        f"  pairwise     P {p['precision']:.3f}  R {p['recall']:.3f}  F1 {p['f1']:.3f}"
        f"  (tp {p['tp']}, pred {p['pred']}, gold {p['gold']} of {s['gold_pairs_all']} gold pairs)",
        f"  gold pairs   {s['gold_pairs_all']}: {p['gold']} scored,"
        f" {s['gold_pairs_no_record']} with a mention that has no record,"
        f" {s['gold_pairs_uncoded']} with a record that has no coded event",
        f"  violations   {len(s['violations'])} of {s['must_not_merge']} must-not-merge pairs"
        + (f": {', '.join(' + '.join(v) for v in s['violations'])}" if s["violations"] else ""),
        f"  baseline (actor1, root, actor2) key: F1 {b['f1']:.3f},"
        f" violations {len(s['baseline_key']['violations'])}",
    ]
    return "\n".join(lines)


__all__ = [
    "ClusterDevSet",
    "GoldMention",
    "SystemRecord",
    "align",
    "evaluate_clusters",
    "evaluate_clusters_from_records",
    "format_cluster_report",
    "key_grouping",
    "load_dev_set",
    "score_clusters",
]
