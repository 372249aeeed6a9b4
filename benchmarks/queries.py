"""Store query latency on a large database: p50/p95 of a dyad query, a text search and a cluster page.

usage: python benchmarks/queries.py [--claims 1000000] [--repeat 200] [--db URL] [--json]

Generates synthetic claims (seeded, so every run builds the same database), bulk-inserted in large
executemany chunks (the FTS index is kept by its triggers, as in real
use), with claim clusters and their members, into a fresh SQLite file (or ``--db``, which is
wiped). Then times the queries the CLI and the web UI run, through the public ``Store`` API.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from common import Timer, emit, machine
from sqlalchemy import Connection, Table

from claimgraph.store import ClaimQuery, ClusterQuery, Store
from claimgraph.store.schema import actors, articles, cluster_claims, clusters, sources
from claimgraph.store.schema import claims as claims_t

COUNTRIES = [
    "USA",
    "RUS",
    "CHN",
    "IRN",
    "UKR",
    "ISR",
    "PSE",
    "SYR",
    "TUR",
    "GBR",
    "FRA",
    "DEU",
    "IND",
    "PAK",
    "AFG",
    "IRQ",
    "SAU",
    "YEM",
    "EGY",
    "LBY",
    "SDN",
    "ETH",
    "SOM",
    "KEN",
    "NGA",
    "MLI",
    "VEN",
    "COL",
    "BRA",
    "MEX",
    "CUB",
    "PRK",
    "KOR",
    "JPN",
    "TWN",
    "PHL",
    "IDN",
    "MMR",
    "BGD",
    "LKA",
    "NPL",
    "KAZ",
    "UZB",
    "AZE",
    "ARM",
    "GEO",
    "BLR",
    "POL",
    "HUN",
    "SRB",
    "GRC",
    "ITA",
    "ESP",
    "CAN",
    "AUS",
    "ZAF",
    "DZA",
    "MAR",
    "TUN",
    "LBN",
]
SECTORS = ("", "GOV", "MIL", "COP", "REB", "BUS", "MED")
ROOTS = [f"{r:02d}" for r in range(1, 21)]
VERBS = ("accused", "warned", "supplied", "attacked", "met", "criticised", "threatened", "aided", "rejected")
NOUNS = [
    "drones",
    "missiles",
    "sanctions",
    "talks",
    "troops",
    "aid",
    "oil",
    "gas",
    "ceasefire",
    "border",
    "refugees",
    "elections",
    "grain",
    "weapons",
    "nuclear",
    "tanks",
    "jets",
    "ships",
    "prisoners",
    "hostages",
    "loans",
    "trade",
    "visas",
    "embassy",
    "protests",
]
SOURCES = 5000
PER_ARTICLE = 5
START = date(2020, 1, 1)


def _zipf(rng: random.Random, n: int) -> int:
    """An index in [0, n) with a Zipf-like skew: a few dyads dominate, as in real event data."""
    return min(n - 1, int(n * rng.random() ** 3))


def generate(
    n_claims: int, seed: int = 7
) -> Iterator[tuple[str, list[dict[str, Any]], list[dict[str, Any]]]]:
    """Chunks of (kind, rows) in insertion order: actors, sources, then articles with their claims."""
    rng = random.Random(seed)
    codes = [c + s for c in COUNTRIES for s in SECTORS]
    yield "actors", [{"code": c, "country": c[:3], "label": c} for c in codes], []
    yield (
        "sources",
        [
            {
                "id": i + 1,
                "key": f"person|source {i}|",
                "name": f"Source {i}",
                "kind": "person",
                "actor": None,
            }
            for i in range(SOURCES)
        ],
        [],
    )
    now = datetime.now(UTC)
    n_articles = -(-n_claims // PER_ARTICLE)
    claim_id = 0
    chunk_a: list[dict[str, Any]] = []
    chunk_c: list[dict[str, Any]] = []
    for a in range(n_articles):
        day = (START + timedelta(days=rng.randrange(1500))).isoformat()
        outlet = f"Outlet {rng.randrange(300)}"
        aid = f"s{a}"
        chunk_a.append(
            {
                "id": aid,
                "url": None,
                "outlet": outlet,
                "title": f"Synthetic article {a}",
                "published": day,
                "text": "",
                "language": "en",
                "content_hash": None,
                "extractor_version": "bench",
                "ingested_at": now.isoformat(sep=" "),
            }
        )
        for seq in range(min(PER_ARTICLE, n_claims - claim_id)):
            claim_id += 1
            c1 = COUNTRIES[_zipf(rng, len(COUNTRIES))]
            c2 = COUNTRIES[_zipf(rng, len(COUNTRIES))]
            a1, a2 = c1 + rng.choice(SECTORS), c2 + rng.choice(SECTORS)
            root = ROOTS[_zipf(rng, len(ROOTS))]
            verb, noun = rng.choice(VERBS), rng.choice(NOUNS)
            text = f"{c1} {verb} {c2} over {noun} and {rng.choice(NOUNS)}"
            sid = rng.randrange(SOURCES) + 1
            chunk_c.append(
                {
                    "id": claim_id,
                    "article_id": aid,
                    "seq": seq,
                    "outlet": outlet,
                    "published": day,
                    "paragraph": seq,
                    "evidence_start": 0,
                    "evidence_end": len(text),
                    "evidence_text": text,
                    "source_id": sid,
                    "source_name": f"Source {sid - 1}",
                    "source_kind": "person",
                    "cue_lemma": "say",
                    "stance": rng.choice(("asserts",) * 8 + ("denies", "questions")),
                    "hedged": rng.random() < 0.1,
                    "framing": "neutral",
                    "has_event": True,
                    "actor1_text": c1,
                    "actor1_code": a1,
                    "actor1_country": c1,
                    "action_text": verb,
                    "cameo": root + "0",
                    "root": root,
                    "quad_class": 1 + (int(root) - 1) // 5,
                    "goldstein": 0.0,
                    "actor2_text": c2,
                    "actor2_code": a2,
                    "actor2_country": c2,
                    "object": noun,
                    "rule": "synthetic",
                }
            )
        if len(chunk_c) >= 50_000:
            yield "claims", chunk_a, chunk_c
            chunk_a, chunk_c = [], []
    if chunk_a:
        yield "claims", chunk_a, chunk_c


def _bulk(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """executemany with plain tuples straight to the driver: several times faster than letting
    SQLAlchemy process a million dicts, and the same rows."""
    if not rows:
        return
    cols = list(rows[0])
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join([mark] * len(cols))})"
    conn.exec_driver_sql(sql, [tuple(r.get(c) for c in cols) for r in rows])


def build(store: Store, n_claims: int) -> dict[str, Any]:
    """Fill ``store`` with ``n_claims`` synthetic claims and a cluster per (dyad, root, month)."""
    engine = store._engine  # the benchmark bulk-loads below the Store API, as a migration would
    key_of: dict[tuple[str, str, str, str], int] = {}
    members: list[tuple[int, int, bool]] = []
    cl_rows: dict[int, dict[str, Any]] = {}
    with Timer() as t, engine.begin() as conn:
        for kind, rows, claim_rows in generate(n_claims):
            if kind == "actors":
                _bulk(conn, actors, rows)
            elif kind == "sources":
                _bulk(conn, sources, rows)
            else:
                _bulk(conn, articles, rows)
                _bulk(conn, claims_t, claim_rows)
                for c in claim_rows:
                    key = (c["actor1_country"], c["actor2_country"], c["root"], c["published"][:7])
                    cid = key_of.setdefault(key, len(key_of) + 1)
                    row = cl_rows.get(cid)
                    if row is None:
                        row = cl_rows[cid] = {
                            "id": cid,
                            "key": "|".join(key),
                            "label": f"{key[0]} → {key[1]}, CAMEO {key[2]}",
                            "actor1_country": key[0],
                            "actor2_country": key[1],
                            "root": key[2],
                            "cameo": key[2] + "0",
                            "object": None,
                            "first_seen": c["published"],
                            "last_seen": c["published"],
                            "n_claims": 0,
                            "n_articles": 0,
                            "n_outlets": 0,
                            "n_asserting": 0,
                            "n_denying": 0,
                            "n_questioning": 0,
                        }
                    row["n_claims"] += 1
                    row["n_articles"] += 1
                    row["n_outlets"] = min(row["n_outlets"] + 1, 300)
                    row["first_seen"] = min(row["first_seen"], c["published"])
                    row["last_seen"] = max(row["last_seen"], c["published"])
                    stance = {"asserts": "n_asserting", "denies": "n_denying", "questions": "n_questioning"}
                    row[stance[c["stance"]]] += 1
                    members.append((c["id"], cid, row["n_claims"] == 1))
        _bulk(conn, clusters, list(cl_rows.values()))
        for i in range(0, len(members), 50_000):  # after their clusters: the foreign key wants them
            rows = [
                {"claim_id": m, "cluster_id": k, "role": "originator" if first else "echo"}
                for m, k, first in members[i : i + 50_000]
            ]
            _bulk(conn, cluster_claims, rows)
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")  # fresh statistics, as after any bulk load
    return {"build_seconds": round(t.seconds, 1), "clusters": len(cl_rows)}


def _percentiles(samples: list[float]) -> dict[str, float]:
    qs = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50_ms": round(qs[49] * 1000, 2), "p95_ms": round(qs[94] * 1000, 2)}


def latency(fn: Callable[[int], object], repeat: int) -> dict[str, float]:
    fn(0)  # warm the caches once, as a running service would be
    times = []
    for i in range(repeat):
        with Timer() as t:
            fn(i)
        times.append(t.seconds)
    return _percentiles(times)


def measure(n_claims: int, repeat: int, url: str | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        target = url or f"sqlite:///{Path(tmp) / 'queries.db'}"
        if url and url.startswith("postgres"):
            from sqlalchemy import create_engine, text

            from claimgraph.store.engine import _normalise

            eng = create_engine(_normalise(url))
            with eng.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
            eng.dispose()
        with Store(target) as store:
            built = build(store, n_claims)
            rng = random.Random(11)
            top = COUNTRIES[:12]
            dyads = [(rng.choice(top), rng.choice(top)) for _ in range(repeat + 1)]
            words = [rng.choice(NOUNS) for _ in range(repeat + 1)]
            pages = built["clusters"] // 50
            res = {
                "claims": n_claims,
                "database": store.dialect.name,
                **built,
                "dyad_query": latency(
                    lambda i: store.claims(ClaimQuery(actor1=dyads[i][0], actor2=dyads[i][1], limit=50)),
                    repeat,
                ),
                "text_search": latency(lambda i: store.claims(ClaimQuery(text=words[i], limit=50)), repeat),
                # a page of the clusters list in its default order (newest first), at any depth
                "cluster_page": latency(
                    lambda i: store.clusters(
                        ClusterQuery(order="newest", limit=50, offset=50 * rng.randrange(pages))
                    ),
                    max(20, repeat // 4),
                ),
                "machine": machine(),
            }
    return res


def summary(r: dict[str, Any]) -> str:
    parts = [
        f"{name.replace('_', ' ')} p50 {r[name]['p50_ms']} ms / p95 {r[name]['p95_ms']} ms"
        for name in ("dyad_query", "text_search", "cluster_page")
    ]
    return (
        f"{r['claims']:,} synthetic claims in {r['database']} ({r['clusters']:,} clusters, "
        f"built in {r['build_seconds']} s): " + "; ".join(parts)
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=120)
    ap.add_argument(
        "--db", default=None, help="a database URL to use instead of a temporary SQLite file (wiped)"
    )
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    res = measure(a.claims, a.repeat, a.db)
    return emit(res, summary, json_only=a.json)


if __name__ == "__main__":
    sys.exit(main())
