"""Extraction throughput against the bare spaCy parse, side by side, in one run.

usage: python benchmarks/throughput.py [CORPUS.jsonl] [--n-process 2] [--limit N]
Reads a corpus JSONL (fields id, text) from ../shared/corpora by default; prints a human summary and,
as its last line, one JSON object.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import spacy

from claimgraph.model import Article
from claimgraph.nlp import MODEL
from claimgraph.pipeline import extract_articles

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "voa_m2e2.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--limit", type=int, default=None)
    a = ap.parse_args()
    path = Path(a.corpus)
    if not path.is_file():
        print(f"throughput: {path} is absent (it lives in ../shared/corpora)", file=sys.stderr)
        return 2
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [d for d in docs if (d.get("text") or "").strip()][: a.limit]
    words = sum(len(d["text"].split()) for d in docs)
    arts = [Article(id=str(d.get("id")), text=d["text"]) for d in docs]

    nlp = spacy.load(MODEL)
    t = time.perf_counter()
    for _ in nlp.pipe((d["text"] for d in docs), batch_size=32, n_process=a.n_process):
        pass
    bare = time.perf_counter() - t

    t = time.perf_counter()
    n_claims = 0
    for _, claims in extract_articles(arts, batch_size=32, n_process=a.n_process):
        n_claims += len(claims)
    ours = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    res = {
        "corpus": path.name,
        "articles": len(docs),
        "words": words,
        "claims": n_claims,
        "n_process": a.n_process,
        "articles_per_s": round(len(docs) / ours, 2),
        "words_per_s": round(words / ours),
        "spacy_articles_per_s": round(len(docs) / bare, 2),
        "spacy_words_per_s": round(words / bare),
        "ratio_vs_spacy": round(bare / ours, 3),
        "peak_rss_mb_main": round(rss, 1),
    }
    print(
        f"{res['articles']} articles, {words} words: claimgraph {res['articles_per_s']} articles/s "
        f"({res['words_per_s']} words/s), bare spaCy parse {res['spacy_articles_per_s']} articles/s "
        f"({res['spacy_words_per_s']} words/s); ratio {res['ratio_vs_spacy']}; {n_claims} claims"
    )
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
