"""Crash safety of ingest: kill -9 at random moments, re-run to completion, compare with a clean run.

A corpus is ingested once cleanly (the reference). Then, ``CRASH_N`` times: a fresh database, an
ingest killed with SIGKILL at a random point (a random number of stored articles, or during the
final clustering), the partial database checked (no duplicate, no half-written article: every
stored article has exactly the claims the clean run gave it; SQLite's integrity check passes),
the same ingest re-run to completion, and the final database compared with the reference:
articles, claims (every column but the row ids) and clusters (with their members and roles).

The extractor is a fast deterministic stand-in by default (``--real`` uses the spaCy pipeline),
since what is tested is the store's transactions, not extraction. SQLite always; PostgreSQL too
when ``CLAIMGRAPH_TEST_PG`` names a scratch database (it is wiped).

Usage: ``python hardening/crashloop.py [--kills 20] [--articles 400] [--seed 0] [--real]``.
Last line on stdout: JSON with ``kills``, ``killed_mid_ingest``, ``killed_in_clustering``,
``mismatches``, ``half_written``, ``duplicates`` per backend. Exit status 1 on any failure.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

COUNTRIES = ("IRN", "RUS", "UKR", "USA", "CHN", "ISR", "SYR", "TUR", "DEU", "FRA", "GBR", "IND")
CODES = ("010", "036", "042", "057", "072", "111", "112", "130", "173", "190")
WORDS = (
    "minister", "talks", "border", "drones", "sanctions", "troops", "grain", "ceasefire", "envoy",
    "summit", "embassy", "missiles", "aid", "refugees", "pipeline", "election",
)  # fmt: skip


def corpus(path: Path, n: int, *, seed: int = 0) -> Path:
    """A JSONL corpus of ``n`` distinct synthetic articles of 3–8 sentences."""
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            sents = [
                f"Officials in {rnd.choice(COUNTRIES)} said the {rnd.choice(WORDS)} and the "
                f"{rnd.choice(WORDS)} were discussed on day {rnd.randint(1, 999)} of report {i}."
                for _ in range(rnd.randint(3, 8))
            ]
            date = f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            rec = {"id": f"art-{i:05d}", "date": date, "source": f"Wire {i % 7}", "text": " ".join(sents)}
            f.write(json.dumps(rec) + "\n")
    return path


# --- the child: one ingest run --------------------------------------------------------------------


def fake_extract(articles: Sequence[Any]) -> Iterator[tuple[Any, list[Any]]]:
    """Deterministic records, one per sentence, with events (so clusters form); ~3 ms an article."""
    from claimgraph.cameo import action_for
    from claimgraph.model import Actor, Claim, Cue, Event, Evidence, Source

    for art in articles:
        out = []
        start = 0
        for k, sent in enumerate(art.text.split(". ")):
            h = int(hashlib.sha256(sent.encode()).hexdigest()[:8], 16)
            end = start + len(sent)
            a1, a2 = COUNTRIES[h % len(COUNTRIES)], COUNTRIES[(h // 7) % len(COUNTRIES)]
            out.append(
                Claim(
                    article_id=art.id,
                    evidence=Evidence(start=start, end=end, text=art.text[start:end]),
                    source=Source(text=None, name=None, kind="author"),
                    cue=Cue(text="said", lemma="say"),
                    stance=("asserts", "asserts", "denies")[h % 3],
                    event=Event(
                        actor1=Actor(text=a1, code=a1),
                        action=action_for(CODES[(h // 13) % len(CODES)]),
                        actor2=Actor(text=a2, code=a2) if a1 != a2 else None,
                        object=WORDS[(h // 17) % len(WORDS)],
                    ),
                    rule=f"crashloop:{k}",
                )
            )
            start = end + 2
        time.sleep(0.003)
        yield art, out


def child(url: str, corpus_path: str, *, real: bool, batch_size: int) -> int:
    from claimgraph.ingest import Extractor, default_extractor, ingest
    from claimgraph.store import Store

    ext = default_extractor(batch_size=batch_size) if real else Extractor(fake_extract, "crashloop-fake")
    with Store(url) as store:
        report = ingest([corpus_path], store=store, extractor=ext, batch_size=batch_size)
    print(json.dumps({"stored": report.stored, "skipped": report.skipped_existing}))
    return report.exit_status


# --- the parent ------------------------------------------------------------------------------------


def _env() -> dict[str, str]:
    src = str(ROOT / "src")
    return {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _start(url: str, corpus_path: Path, *, real: bool, batch_size: int) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        url,
        str(corpus_path),
        "--batch-size",
        str(batch_size),
    ]
    if real:
        cmd.append("--real")
    return subprocess.Popen(cmd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def run_to_completion(
    url: str, corpus_path: Path, *, real: bool, batch_size: int, timeout: float = 1800
) -> None:
    p = _start(url, corpus_path, real=real, batch_size=batch_size)
    _, err = p.communicate(timeout=timeout)
    if p.returncode != 0:
        raise RuntimeError(f"ingest failed ({p.returncode}): {err.decode()[-2000:]}")


def reset(url: str) -> None:
    """An empty database at ``url`` (SQLite: the file and its WAL removed; PostgreSQL: schema dropped)."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1]
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(path + suffix).unlink(missing_ok=True)
        return
    from sqlalchemy import text

    from claimgraph.store.engine import create

    engine = create(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def snapshot(url: str) -> dict[str, Any]:
    """Articles, claims and clusters by natural keys (row ids and ingest times differ between runs)."""
    from sqlalchemy import select

    from claimgraph.store.engine import create
    from claimgraph.store.schema import articles, claims, cluster_claims, clusters, sources

    engine = create(url)
    try:
        with engine.connect() as conn:
            arts = {
                r.id: (r.url, r.outlet, r.title, r.published, r.text, r.content_hash, r.extractor_version)
                for r in conn.execute(select(articles))
            }
            skeys = {r.id: r.key for r in conn.execute(select(sources.c.id, sources.c.key))}
            skip = {"id", "source_id"}
            by_id: dict[int, tuple[str, int]] = {}
            cls: dict[str, list[tuple[Any, ...]]] = {}
            for r in conn.execute(select(claims)):
                m = r._mapping
                by_id[m["id"]] = (m["article_id"], m["seq"])
                row = tuple(sorted((k, v) for k, v in m.items() if k not in skip))
                cls.setdefault(m["article_id"], []).append((skeys.get(m["source_id"]), *row))
            members: dict[int, list[tuple[Any, ...]]] = {}
            for r in conn.execute(select(cluster_claims)):
                echo = by_id.get(r.echo_of) if r.echo_of is not None else None
                members.setdefault(r.cluster_id, []).append((by_id[r.claim_id], r.role, echo, r.echo_via))
            clus_rows = [
                (
                    tuple(sorted((k, v) for k, v in r._mapping.items() if k != "id")),
                    tuple(sorted(members.get(r.id, []), key=repr)),
                )
                for r in conn.execute(select(clusters))
            ]
            clus = sorted(clus_rows, key=repr)
            integrity = "ok"
            if url.startswith("sqlite"):
                integrity = str(conn.exec_driver_sql("PRAGMA integrity_check").scalar())
    finally:
        engine.dispose()
    return {
        "articles": arts,
        "claims": {k: sorted(v, key=repr) for k, v in cls.items()},
        "clusters": clus,
        "integrity": integrity,
    }


def _count(url: str) -> int:
    from sqlalchemy import func, select

    from claimgraph.store.engine import create
    from claimgraph.store.schema import articles

    engine = create(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())
    except Exception:  # the schema may not exist yet while the child migrates
        return 0
    finally:
        engine.dispose()


def kill_at_random(
    url: str, corpus_path: Path, n_articles: int, rnd: random.Random, *, real: bool, batch_size: int
) -> str:
    """Start an ingest and SIGKILL it at a random point; returns where it was killed."""
    in_clustering = rnd.random() < 0.15
    target = n_articles if in_clustering else rnd.randint(1, n_articles - 1)
    p = _start(url, corpus_path, real=real, batch_size=batch_size)
    deadline = time.monotonic() + 1800
    try:
        while time.monotonic() < deadline and p.poll() is None:
            if _count(url) >= target:
                break
            time.sleep(0.005)
        time.sleep(rnd.uniform(0, 0.15 if in_clustering else 0.03))
        if p.poll() is not None:
            return "after the end"
        os.kill(p.pid, signal.SIGKILL)
        p.wait(30)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    return "during clustering" if in_clustering else "mid-ingest"


def check_partial(part: dict[str, Any], clean: dict[str, Any]) -> tuple[int, int]:
    """(half-written articles, duplicates) in a database left by a kill."""
    half = sum(1 for aid in part["articles"] if part["claims"].get(aid, []) != clean["claims"].get(aid, []))
    extra = sum(1 for aid in part["articles"] if aid not in clean["articles"])
    hashes = [a[5] for a in part["articles"].values()]
    dupes = len(hashes) - len(set(hashes)) + extra
    return half, dupes


def loop(
    url: str, *, kills: int, n_articles: int, seed: int, real: bool, batch_size: int, log: Any
) -> dict[str, Any]:
    """The crash loop on one database; the figures for the summary."""
    rnd = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        corpus_path = corpus(Path(tmp) / "corpus.jsonl", n_articles, seed=seed)
        reset(url)
        t0 = time.monotonic()
        run_to_completion(url, corpus_path, real=real, batch_size=batch_size)
        clean_seconds = time.monotonic() - t0
        clean = snapshot(url)
        result: dict[str, Any] = {
            "kills": 0,
            "killed_mid_ingest": 0,
            "killed_in_clustering": 0,
            "missed": 0,
            "half_written": 0,
            "duplicates": 0,
            "mismatches": 0,
            "integrity_failures": 0,
            "clean_run_seconds": round(clean_seconds, 1),
            "articles": len(clean["articles"]),
            "claims": sum(len(v) for v in clean["claims"].values()),
            "clusters": len(clean["clusters"]),
            "stored_at_kill": [],
        }
        for i in range(kills):
            reset(url)
            where = kill_at_random(url, corpus_path, n_articles, rnd, real=real, batch_size=batch_size)
            part = snapshot(url)
            if where != "after the end":  # what the database shows is where the kill really landed
                where = "mid-ingest" if len(part["articles"]) < n_articles else "during clustering"
            result["kills"] += 1
            key = {"mid-ingest": "killed_mid_ingest", "during clustering": "killed_in_clustering"}
            result[key.get(where, "missed")] += 1
            result["stored_at_kill"].append(len(part["articles"]))
            half, dupes = check_partial(part, clean)
            result["half_written"] += half
            result["duplicates"] += dupes
            result["integrity_failures"] += part["integrity"] != "ok"
            run_to_completion(url, corpus_path, real=real, batch_size=batch_size)
            final = snapshot(url)
            same = all(final[k] == clean[k] for k in ("articles", "claims", "clusters"))
            result["mismatches"] += not same
            result["integrity_failures"] += final["integrity"] != "ok"
            print(
                f"crashloop: kill {i + 1}/{kills} {where} at {len(part['articles'])}/{n_articles} articles; "
                f"half-written {half}, duplicates {dupes}; re-run {'equals' if same else 'DIFFERS FROM'} "
                "the clean run",
                file=log,
                flush=True,
            )
        reset(url)
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--kills", type=int, default=int(os.environ.get("CRASH_N", "20")))
    p.add_argument("--articles", type=int, default=int(os.environ.get("CRASH_ARTICLES", "400")))
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--real", action="store_true", help="extract with the spaCy pipeline (slow)")
    p.add_argument("--db", help="SQLite file to use (default: a temporary one)")
    p.add_argument("--child", nargs=2, metavar=("URL", "CORPUS"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        return child(args.child[0], args.child[1], real=args.real, batch_size=args.batch_size)
    summary: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        urls = {"sqlite": f"sqlite:///{args.db or Path(tmp) / 'crash.db'}"}
        if os.environ.get("CLAIMGRAPH_TEST_PG"):
            urls["postgresql"] = os.environ["CLAIMGRAPH_TEST_PG"]
        for name, url in urls.items():
            t0 = time.monotonic()
            res = loop(
                url,
                kills=args.kills,
                n_articles=args.articles,
                seed=args.seed,
                real=args.real,
                batch_size=args.batch_size,
                log=sys.stderr,
            )
            res["seconds"] = round(time.monotonic() - t0, 1)
            summary[name] = res
    print(json.dumps(summary))
    bad = sum(
        r["half_written"] + r["duplicates"] + r["mismatches"] + r["integrity_failures"]
        for r in summary.values()
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
