"""Reclustering cost after a small ingest into a large store: the full rebuild vs the blocks touched.

usage: python benchmarks/recluster.py [--claims 1000000] [--articles 1000] [--json]

Builds a seeded synthetic store of ``--claims`` claims (the generator of ``queries.py``, five
claims an article over four years), clusters it once, then adds ``--articles`` new articles (five
claims each, dated in the last 30 days of those years, as a day's news would be; bulk-inserted:
extraction is not what is measured). Two
copies of that file are then reclustered, each in a fresh process so each peak RSS is its own:

- **full** — ``Store.recluster(full=True)``: every cluster rebuilt, what every ingest did before
  clusters were built per block;
- **incremental** — ``Store.recluster()``: only the clusters of the blocks (event family and
  country) the new claims fall in that are within their reach in time (``aggregate.rebuild_from``).

Both give every cluster id that vanished a redirect. Reported: seconds, peak RSS (MB) of the
process, and how many stored claims each one reclustered.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from common import PeakRSS, Timer, emit, machine
from queries import START, _bulk, generate

from claimgraph.store import Store
from claimgraph.store.schema import actors, articles, sources
from claimgraph.store.schema import claims as claims_t

HERE = Path(__file__).resolve().parent
RECENT_DAYS = 30
"""The new articles are the news of the last month of the store's four years."""


def fill(
    store: Store, n_claims: int, *, seed: int, id_offset: int = 0, prefix: str = "s", recent: int = 0
) -> None:
    """Bulk-insert ``n_claims`` synthetic claims (no clusters); ids and article ids shifted so a
    second batch (the "ingest") can follow the first; ``recent`` dates it all in the last that many
    days of the synthetic range, as an ingest of the news brings."""
    rng = random.Random(seed)
    last = START + timedelta(days=1499)
    engine = store._engine  # bulk load below the Store API, as queries.py does
    with engine.begin() as conn:
        for kind, rows, claim_rows in generate(n_claims, seed=seed):
            if kind == "actors":
                if not id_offset:
                    _bulk(conn, actors, rows)
            elif kind == "sources":
                if not id_offset:
                    _bulk(conn, sources, rows)
            else:
                day_of: dict[str, str] = {}
                for r in rows:
                    r["id"] = prefix + r["id"][1:]
                    if recent:
                        r["published"] = (last - timedelta(days=rng.randrange(recent))).isoformat()
                    day_of[r["id"]] = r["published"]
                for c in claim_rows:
                    c["id"] += id_offset
                    c["article_id"] = prefix + c["article_id"][1:]
                    c["published"] = day_of[c["article_id"]]
                _bulk(conn, articles, rows)
                _bulk(conn, claims_t, claim_rows)
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


def step(db: str, mode: str) -> dict[str, Any]:
    """One recluster of ``db`` in this process: seconds, peak RSS, claims reclustered."""
    from claimgraph.store import store as store_module

    seen: list[int] = []
    real = store_module.build_clusters

    def counting(reports: Any, **kw: Any) -> Any:
        rs = list(reports)
        seen.append(len(rs))
        return real(rs, **kw)

    store_module.build_clusters = counting  # type: ignore[assignment]
    with Store(f"sqlite:///{db}") as store, PeakRSS() as mem, Timer() as t:
        n = store.recluster(full=mode == "full")
    return {
        "seconds": round(t.seconds, 2),
        "peak_rss_mb": mem.main_mb,
        "claims_reclustered": sum(seen),
        "clusters": n,
    }


def _child(db: Path, mode: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--step", mode, "--db", str(db)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    res: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return res


def measure(n_claims: int, n_articles: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="claimgraph-recluster-") as tmp:
        base = Path(tmp) / "base.db"
        with Store(f"sqlite:///{base}") as store:
            with Timer() as t_fill:
                fill(store, n_claims, seed=7)
            with Timer() as t_first:
                first = store.recluster(full=True)
            new_claims = 5 * n_articles
            fill(store, new_claims, seed=99, id_offset=n_claims, prefix="n", recent=RECENT_DAYS)
        runs = {}
        for mode in ("full", "incremental"):
            copy = Path(tmp) / f"{mode}.db"
            shutil.copyfile(base, copy)
            runs[mode] = _child(copy, mode)
    return {
        "claims": n_claims,
        "new_articles": n_articles,
        "new_claims": new_claims,
        "fill_seconds": round(t_fill.seconds, 1),
        "first_recluster_seconds": round(t_first.seconds, 1),
        "clusters_before_ingest": first,
        "full": runs["full"],
        "incremental": runs["incremental"],
        "speedup": round(runs["full"]["seconds"] / max(runs["incremental"]["seconds"], 1e-3), 1),
        "machine": machine(),
    }


def summary(r: dict[str, Any]) -> str:
    f, i = r["full"], r["incremental"]
    return (
        f"recluster after {r['new_articles']:,} new articles ({r['new_claims']:,} claims) into "
        f"{r['claims']:,} claims: full {f['seconds']} s / {f['peak_rss_mb']} MB "
        f"({f['claims_reclustered']:,} claims), incremental {i['seconds']} s / {i['peak_rss_mb']} MB "
        f"({i['claims_reclustered']:,} claims): {r['speedup']}x"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--step", choices=("full", "incremental"), help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if a.step:
        print(json.dumps(step(a.db, a.step)))
        return 0
    return emit(measure(a.claims, a.articles), summary, json_only=a.json)


if __name__ == "__main__":
    sys.exit(main())
