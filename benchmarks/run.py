"""``make bench``: every benchmark in one run, a human summary, then one JSON object as the last line.

usage: python benchmarks/run.py [--articles 2000] [--n-process 2] [--claims 1000000] [--dask-articles 400]

Each part runs in its own Python process (so one part's memory does not count in another's
peaks): throughput against the bare spaCy parse (``throughput.py``), store query latency on
synthetic claims (``queries.py``), reclustering after a 1,000-article ingest into that store, full
vs only the blocks touched (``recluster.py``), and Dask scaling from 1 to 2 workers
(``dask_scaling.py``).
``memory.py`` (peak RSS at 2,000 and 8,000 articles) takes longer and runs on its own
(``make bench-memory``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def part(script: str, *args: str) -> dict[str, Any]:
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(HERE / script), *args, "--json"], check=True, capture_output=True, text=True
    ).stdout
    res: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    print(f"  ({script}: {time.perf_counter() - t:.0f} s)", file=sys.stderr)
    return res


def main() -> int:
    import dask_scaling
    import queries
    import recluster
    import throughput

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--dask-articles", type=int, default=400)
    ap.add_argument("--ingest-articles", type=int, default=1000)
    a = ap.parse_args()

    tp = part("throughput.py", "--articles", str(a.articles), "--n-process", str(a.n_process))
    print(throughput.summary(tp), flush=True)
    q = part("queries.py", "--claims", str(a.claims))
    print(queries.summary(q), flush=True)
    rc = part("recluster.py", "--claims", str(a.claims), "--articles", str(a.ingest_articles))
    print(recluster.summary(rc), flush=True)
    dk = part("dask_scaling.py", "--articles", str(a.dask_articles))
    print(dask_scaling.summary(dk), flush=True)

    result = {
        "articles": tp["articles"],
        "articles_per_s": tp["articles_per_s"],
        "spacy_articles_per_s": tp["spacy_articles_per_s"],
        "ratio_vs_spacy": tp["ratio_vs_spacy"],
        "peak_rss_mb": tp["peak_rss_mb"],
        "peak_rss_main_mb": tp["peak_rss_main_mb"],
        "peak_rss_worker_mb": tp["peak_rss_worker_mb"],
        "n_process": tp["n_process"],
        "claims": tp["claims"],
        "dyad_query_p50_ms": q["dyad_query"]["p50_ms"],
        "dyad_query_p95_ms": q["dyad_query"]["p95_ms"],
        "text_search_p50_ms": q["text_search"]["p50_ms"],
        "text_search_p95_ms": q["text_search"]["p95_ms"],
        "cluster_page_p50_ms": q["cluster_page"]["p50_ms"],
        "cluster_page_p95_ms": q["cluster_page"]["p95_ms"],
        "synthetic_claims": q["claims"],
        "recluster_full_s": rc["full"]["seconds"],
        "recluster_full_peak_rss_mb": rc["full"]["peak_rss_mb"],
        "recluster_incremental_s": rc["incremental"]["seconds"],
        "recluster_incremental_peak_rss_mb": rc["incremental"]["peak_rss_mb"],
        "recluster_ingest_articles": rc["new_articles"],
        "dask_articles_per_s_1_worker": dk["runs"][0]["articles_per_s"],
        "dask_articles_per_s_2_workers": dk["runs"][1]["articles_per_s"],
        "dask_speedup_2_vs_1": dk["speedup_2_vs_1"],
        "machine": tp["machine"],
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
