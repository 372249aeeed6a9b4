"""End-to-end ingest (read → extract → store) against the bare spaCy parse, side by side, in one run.

usage: python benchmarks/throughput.py [--articles 2000] [--n-process 2] [--batch-size 32] [--json]

Both sides get the same texts (../shared/corpora repeated to ``--articles``), the same model and
the same number of processes: bare ``nlp.pipe(texts, n_process=N)`` against ``claimgraph.ingest``
with ``workers=N`` into a fresh SQLite file. Peak RSS is sampled for every process. Prints a human
summary and, as its last line, one JSON object.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from common import PeakRSS, Timer, emit, machine, read_texts, write_corpus


def bare_spacy(corpus: Path, n_process: int, batch_size: int) -> dict[str, Any]:
    """The stock pipeline of the same model, every component on, consuming the Docs."""
    import spacy

    from claimgraph.nlp import MODEL

    nlp = spacy.load(MODEL)
    n = 0
    with PeakRSS() as rss, Timer() as t:
        for _ in nlp.pipe(read_texts(corpus), batch_size=batch_size, n_process=n_process):
            n += 1
    return {"articles": n, "seconds": t.seconds, "rss_main_mb": rss.main_mb, "rss_worker_mb": rss.worker_mb}


def claimgraph_ingest(corpus: Path, db: Path, n_process: int, batch_size: int) -> dict[str, Any]:
    """``claimgraph ingest --workers N``: read, extract, store each article, recluster."""
    from claimgraph.ingest import ingest
    from claimgraph.store import Store

    with Store(f"sqlite:///{db}") as store, PeakRSS() as rss, Timer() as t:
        report = ingest([str(corpus)], store=store, workers=n_process, batch_size=batch_size)
        claims = store.stats()["claims"]
    return {
        "articles": report.stored,
        "claims": claims,
        "errors": len(report.errors),
        "seconds": t.seconds,
        "rss_main_mb": rss.main_mb,
        "rss_worker_mb": rss.worker_mb,
    }


def measure(articles: int, n_process: int, batch_size: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n, words = write_corpus(corpus, articles)
        bare = bare_spacy(corpus, n_process, batch_size)
        ours = claimgraph_ingest(corpus, Path(tmp) / "bench.db", n_process, batch_size)
    return {
        "articles": n,
        "words": words,
        "n_process": n_process,
        "batch_size": batch_size,
        "claims": ours["claims"],
        "articles_per_s": round(n / ours["seconds"], 2),
        "words_per_s": round(words / ours["seconds"]),
        "spacy_articles_per_s": round(n / bare["seconds"], 2),
        "spacy_words_per_s": round(words / bare["seconds"]),
        "ratio_vs_spacy": round(bare["seconds"] / ours["seconds"], 3),
        "peak_rss_mb": max(ours["rss_main_mb"], ours["rss_worker_mb"]),
        "peak_rss_main_mb": ours["rss_main_mb"],
        "peak_rss_worker_mb": ours["rss_worker_mb"],
        "spacy_peak_rss_main_mb": bare["rss_main_mb"],
        "spacy_peak_rss_worker_mb": bare["rss_worker_mb"],
        "machine": machine(),
    }


def summary(r: dict[str, Any]) -> str:
    return (
        f"{r['articles']} articles, {r['words']} words, {r['n_process']} processes: "
        f"claimgraph ingest {r['articles_per_s']} articles/s ({r['words_per_s']} words/s), "
        f"bare spaCy parse {r['spacy_articles_per_s']} articles/s ({r['spacy_words_per_s']} words/s); "
        f"ratio {r['ratio_vs_spacy']}; {r['claims']} claims; peak RSS main {r['peak_rss_main_mb']} MB, "
        f"worker {r['peak_rss_worker_mb']} MB (bare spaCy: {r['spacy_peak_rss_main_mb']} / "
        f"{r['spacy_peak_rss_worker_mb']} MB)"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--json", action="store_true", help="print only the JSON line")
    a = ap.parse_args()
    res = measure(a.articles, a.n_process, a.batch_size)
    return emit(res, summary, json_only=a.json)


if __name__ == "__main__":
    sys.exit(main())
