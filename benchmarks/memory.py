"""Memory stays bounded on a long corpus: peak RSS of ``ingest --workers N`` at several lengths.

usage: python benchmarks/memory.py [--articles 2000 8000] [--n-process 2] [--json]

Each length is ingested from a JSONL file (../shared/corpora repeated) into a fresh SQLite file;
the input is streamed, so the parent's and the workers' peaks should not grow with the length.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from common import PeakRSS, Timer, machine, write_corpus


def one(n: int, n_process: int, tmp: Path) -> dict[str, Any]:
    from claimgraph.ingest import ingest
    from claimgraph.store import Store

    corpus = tmp / f"corpus-{n}.jsonl"
    write_corpus(corpus, n)
    with Store(f"sqlite:///{tmp / f'mem-{n}.db'}") as store, PeakRSS() as rss, Timer() as t:
        report = ingest([str(corpus)], store=store, workers=n_process)
    corpus.unlink()
    return {
        "articles": report.stored,
        "seconds": round(t.seconds, 1),
        "peak_rss_main_mb": rss.main_mb,
        "peak_rss_worker_mb": rss.worker_mb,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[2000, 8000])
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        runs = [one(n, a.n_process, Path(tmp)) for n in a.articles]
    res = {"n_process": a.n_process, "runs": runs, "machine": machine()}
    if not a.json:
        for r in runs:
            print(
                f"{r['articles']} articles in {r['seconds']} s: peak RSS main {r['peak_rss_main_mb']} MB, "
                f"worker {r['peak_rss_worker_mb']} MB"
            )
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
