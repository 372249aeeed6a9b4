"""``ingest --engine dask``: throughput on a LocalCluster of 1 and then 2 workers, same shards.

usage: python benchmarks/dask_scaling.py [--articles 400] [--shards 4] [--json]

The corpus (../shared/corpora, repeated) is written as ``--shards`` JSONL shards to a temporary
directory; each run stores into a fresh SQLite file through the client, the single writer. The
times include starting the cluster and loading the model in each worker, as a real run would.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from common import PeakRSS, Timer, emit, machine, repeated


def write_shards(directory: Path, articles: int, shards: int) -> list[str]:
    files = [directory / f"shard-{i:03d}.jsonl" for i in range(shards)]
    handles = [f.open("w", encoding="utf-8") for f in files]
    try:
        for i, d in enumerate(repeated(articles)):
            handles[i % shards].write(json.dumps(d) + "\n")
    finally:
        for h in handles:
            h.close()
    return [str(f) for f in files]


def one_run(files: list[str], db: Path, workers: int, batch_size: int) -> dict[str, Any]:
    from claimgraph.scale import ScaleOptions, run
    from claimgraph.store import Store

    with Store(f"sqlite:///{db}") as store, PeakRSS() as rss, Timer() as t:
        report = run(files, store=store, options=ScaleOptions(workers=workers, batch_size=batch_size))
    return {
        "workers": workers,
        "articles": report.stored,
        "errors": len(report.errors),
        "seconds": round(t.seconds, 1),
        "articles_per_s": round(report.stored / t.seconds, 2),
        "peak_rss_client_mb": rss.main_mb,
        "peak_rss_worker_mb": rss.worker_mb,
    }


def measure(articles: int, shards: int, batch_size: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        files = write_shards(Path(tmp), articles, shards)
        runs = [one_run(files, Path(tmp) / f"dask-{w}.db", w, batch_size) for w in (1, 2)]
    return {
        "articles": articles,
        "shards": shards,
        "runs": runs,
        "speedup_2_vs_1": round(runs[1]["articles_per_s"] / runs[0]["articles_per_s"], 2),
        "machine": machine(),
    }


def summary(r: dict[str, Any]) -> str:
    runs = ", ".join(
        f"{x['workers']} worker{'s' if x['workers'] > 1 else ''} {x['articles_per_s']} articles/s"
        for x in r["runs"]
    )
    head = f"dask LocalCluster, {r['articles']} articles in {r['shards']} shards"
    return f"{head}: {runs}; speed-up {r['speedup_2_vs_1']}x"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    res = measure(a.articles, a.shards, a.batch_size)
    return emit(res, summary, json_only=a.json)


if __name__ == "__main__":
    sys.exit(main())
