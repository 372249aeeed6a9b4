"""Load test of the web UI and API: many concurrent clients over loopback on a store of ≥100,000 claims.

The script builds the database itself (synthetic but well-formed articles and claims, inserted in
bulk through SQLAlchemy Core with the store's own row mapping, then clustered by the Store), starts
``claimgraph serve`` on 127.0.0.1 on a free port, and drives it with ``CONCURRENCY`` httpx async
clients, each a browsing user: request a page or API call from a fixed mix, wait a think time,
repeat. The run is bounded by ``--requests`` and ``--seconds``; only 127.0.0.1 is ever contacted.

Usage: ``python hardening/loadtest.py [--claims 100000] [--concurrency 100] [--requests 6000]
[--seconds 120] [--think-ms 1000] [--workers CORES] [--db PATH]``. The last line on stdout is JSON with
``concurrency``, ``requests``, ``errors``, ``p50_ms``, ``p99_ms`` (and per-path figures).
Exit status 1 when any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, insert, select

from claimgraph.cameo import action_for
from claimgraph.model import Actor, Claim, Cue, Event, Evidence, Source
from claimgraph.store import Store
from claimgraph.store.engine import create, writing
from claimgraph.store.rows import claim_to_row, country, day, paragraph_of
from claimgraph.store.schema import actors, articles, claims, clusters, sources
from claimgraph.store.speakers import speaker

ROOT = Path(__file__).resolve().parents[1]
CLAIMS_PER_ARTICLE = 5

COUNTRIES = {
    "IRN": "Iran", "RUS": "Russia", "UKR": "Ukraine", "USA": "the United States", "CHN": "China",
    "ISR": "Israel", "PSE": "Palestine", "SYR": "Syria", "TUR": "Turkey", "DEU": "Germany",
    "FRA": "France", "GBR": "Britain", "IND": "India", "PAK": "Pakistan", "PRK": "North Korea",
    "KOR": "South Korea", "JPN": "Japan", "SAU": "Saudi Arabia", "YEM": "Yemen", "IRQ": "Iraq",
    "AFG": "Afghanistan", "EGY": "Egypt", "ETH": "Ethiopia", "SDN": "Sudan", "VEN": "Venezuela",
    "BLR": "Belarus", "POL": "Poland", "ARM": "Armenia", "AZE": "Azerbaijan", "LBN": "Lebanon",
}  # fmt: skip
_CODES = sorted(COUNTRIES)
_WEIGHTS = [1 / (i + 1) for i in range(len(_CODES))]
SECTORS = ("", "GOV", "MIL", "COP", "REB", "BUS")
ACTIONS = {
    "010": "said", "036": "offered to meet", "042": "visited", "057": "signed an agreement with",
    "061": "cooperated with", "072": "supplied weapons to", "111": "criticised", "112": "accused",
    "130": "threatened", "138": "threatened to attack", "163": "imposed an embargo on",
    "173": "arrested citizens of", "190": "attacked", "193": "fought", "195": "struck",
}  # fmt: skip
OBJECTS = ("drones", "missiles", "grain", "troops", "sanctions", "talks", "gas", None)
OUTLETS = [f"Outlet {i}" for i in range(60)]
SOURCES = [f"Official {i}" for i in range(600)]
STANCES = ("asserts", "asserts", "asserts", "asserts", "denies", "questions")
FRAMINGS = ("neutral", "neutral", "distancing", "endorsing")


def _claim(rnd: random.Random, text_parts: list[str], offset: int) -> tuple[Claim, int]:
    """One synthetic claim whose offsets slice the sentence it appends to ``text_parts``."""
    # a few countries make most of the news (Zipf-like), as in real corpora
    a1, a2 = rnd.choices(_CODES, _WEIGHTS, k=1)[0], rnd.choices(_CODES, _WEIGHTS, k=1)[0]
    while a2 == a1:
        a2 = rnd.choices(_CODES, _WEIGHTS, k=1)[0]
    code1, code2 = a1 + rnd.choice(SECTORS), a2 + rnd.choice(SECTORS)
    cameo = rnd.choice(sorted(ACTIONS))
    obj = rnd.choice(OBJECTS)
    who = rnd.choice(SOURCES)
    cue = rnd.choice(("said", "claimed", "told reporters", "alleged"))
    content = f"{COUNTRIES[a1]} {ACTIONS[cameo]} {COUNTRIES[a2]}" + (f" over {obj}" if obj else "")
    sentence = f"{who} {cue} that {content}."
    s_src, s_cue = offset, offset + len(who) + 1
    s_ev = s_cue + len(cue) + len(" that ")
    text_parts.append(sentence)
    stance = rnd.choice(STANCES)
    claim = Claim(
        article_id=None,
        evidence=Evidence(start=s_ev, end=s_ev + len(content), text=content),
        source=Source(
            text=who,
            name=who,
            kind="person",
            role="spokesperson",
            actor=rnd.choice(sorted(COUNTRIES)) + "GOV",
            start=s_src,
            end=s_src + len(who),
        ),
        cue=Cue(text=cue, lemma=cue.split()[0], start=s_cue, end=s_cue + len(cue)),
        stance=stance,
        hedged=rnd.random() < 0.1,
        framing=rnd.choice(FRAMINGS),
        event=Event(
            actor1=Actor(text=COUNTRIES[a1], code=code1, start=s_ev, end=s_ev + len(COUNTRIES[a1])),
            action=action_for(cameo, ACTIONS[cameo]),
            actor2=Actor(text=COUNTRIES[a2], code=code2),
            object=obj,
        ),
        rule="loadtest:synthetic",
    )
    return claim, offset + len(sentence) + 2


def build_db(url: str, *, n_claims: int, seed: int = 0, batch: int = 2000) -> dict[str, int]:
    """A store with ``n_claims`` claims in ``n_claims / 5`` articles over two years, clustered.

    Rows go in through SQLAlchemy Core, thousands per statement, in one transaction per batch
    (the Store's ``add_article`` commits per article, right for ingest, slow for 100,000 claims).
    """
    rnd = random.Random(seed)
    with Store(url):  # creates and migrates the schema
        pass
    engine = create(url)
    keyed = {
        n: speaker(Source(text=n, name=n, kind="person"), None) for n in SOURCES
    }  # as the Store keys them
    source_ids = {keyed[n][0]: i + 1 for i, n in enumerate(SOURCES)}
    start = date(2023, 1, 1)
    now = datetime.now(UTC)
    n_articles = (n_claims + CLAIMS_PER_ARTICLE - 1) // CLAIMS_PER_ARTICLE
    try:
        with writing(engine) as conn:
            conn.execute(
                insert(sources),
                [
                    {"id": i + 1, "key": keyed[n][0], "name": keyed[n][1], "kind": "person", "actor": None}
                    for i, n in enumerate(SOURCES)
                ],
            )
            conn.execute(
                insert(actors),
                [
                    {"code": c + s, "country": c, "label": name}
                    for c, name in COUNTRIES.items()
                    for s in SECTORS
                ],
            )
        made = 0
        for first in range(0, n_articles, batch):
            art_rows: list[dict[str, Any]] = []
            claim_rows: list[dict[str, Any]] = []
            for k in range(first, min(n_articles, first + batch)):
                published = (start + timedelta(days=rnd.randrange(730))).isoformat()
                outlet = rnd.choice(OUTLETS)
                parts: list[str] = []
                offset = 0
                made_here: list[Claim] = []
                for _ in range(min(CLAIMS_PER_ARTICLE, n_claims - made)):
                    c, offset = _claim(rnd, parts, offset)
                    made_here.append(c)
                text = "\n\n".join(parts)
                aid = f"load-{k:06d}"
                art_rows.append(
                    {
                        "id": aid, "url": f"https://example.org/{aid}", "outlet": outlet,
                        "title": f"Report {k}", "published": published, "text": text, "language": "en",
                        "content_hash": f"{k:064x}", "extractor_version": "loadtest", "ingested_at": now,
                    }
                )  # fmt: skip
                for seq, c in enumerate(made_here):
                    row = claim_to_row(c)
                    row.update(
                        article_id=aid,
                        seq=seq,
                        outlet=outlet,
                        published=day(published),
                        paragraph=paragraph_of(text, c.evidence.start),
                        source_id=source_ids[keyed[c.source.name or ""][0]],
                    )
                    row["actor1_country"] = country(row["actor1_code"])
                    claim_rows.append(row)
                made += len(made_here)
            with writing(engine) as conn:
                conn.execute(insert(articles), art_rows)
                conn.execute(insert(claims), claim_rows)
    finally:
        engine.dispose()
    with Store(url) as store:
        store.recluster()
        return store.stats()


# --- the load ---------------------------------------------------------------------------------


def _paths(
    rnd: random.Random,
    n_articles: int,
    n_claims: int,
    cluster_ids: list[int],
    n_sources: int,
    dyads: list[tuple[str, str]],
) -> Iterator[str]:
    """An endless mix of what browsing users ask for: pages, filters, detail pages and the API.

    Dyad pages are drawn from the pairs the store holds (a user follows links to them); the other
    filters take any two countries, and an empty result is a valid answer.
    """
    codes = sorted(COUNTRIES)
    while True:
        a, b = rnd.sample(codes, 2)
        da, db = rnd.choice(dyads) if dyads else (a, b)
        yield rnd.choice(
            [
                "/",
                "/claims",
                f"/claims?actor1={a}",
                f"/claims?actor1={a}&actor2={b}&stance=denies",
                f"/claims?code={rnd.choice(sorted(ACTIONS))[:2]}&page={rnd.randint(1, 20)}",
                f"/claims?text={rnd.choice(OBJECTS) or 'talks'}",
                f"/claims?since=2024-0{rnd.randint(1, 9)}-01&until=2024-12-31",
                f"/claims/{rnd.randint(1, n_claims)}",
                "/clusters",
                f"/clusters?dyad={a},{b}",
                f"/clusters/{rnd.choice(cluster_ids) if cluster_ids else 1}",
                f"/dyads/{da}/{db}",
                "/network",
                "/articles",
                f"/articles/load-{rnd.randrange(n_articles):06d}",
                f"/sources/{rnd.randint(1, n_sources)}",
                "/static/style.css",
                "/api/stats",
                "/api/overview",
                f"/api/claims?actor1={a}&page_size=50",
                f"/api/claims?actor2={b}&stance=asserts&page={rnd.randint(1, 10)}",
                "/api/clusters",
                f"/api/dyads?actor1={a}",
                f"/api/articles/load-{rnd.randrange(n_articles):06d}",
                "/api/network",
            ]
        )


async def _drive(
    base: str,
    *,
    concurrency: int,
    requests: int,
    seconds: float,
    think_ms: float,
    seed: int,
    shape: dict[str, Any],
) -> dict[str, Any]:
    rnd = random.Random(seed)
    paths = _paths(
        rnd, shape["articles"], shape["claims"], shape["cluster_ids"], len(SOURCES), shape["dyads"]
    )
    latencies: list[float] = []
    by_path: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    issued = 0
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    timeout = httpx.Timeout(30.0)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout, trust_env=False) as client:

        async def user(i: int) -> None:
            nonlocal issued
            urnd = random.Random(seed * 1000 + i)
            await asyncio.sleep(urnd.uniform(0, think_ms / 1000))  # users arrive spread out
            while issued < requests and time.monotonic() < deadline:
                issued += 1
                path = next(paths)
                t0 = time.perf_counter()
                try:
                    r = await client.get(path)
                    ok = r.status_code < 400
                    why = f"HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    ok, why = False, f"{type(exc).__name__}: {exc}"
                ms = (time.perf_counter() - t0) * 1000
                latencies.append(ms)
                by_path[_route(path)].append(ms)
                if not ok:
                    errors.append(f"{path}: {why}")
                if think_ms:
                    await asyncio.sleep(urnd.uniform(0.5, 1.5) * think_ms / 1000)

        t0 = time.monotonic()
        await asyncio.gather(*(user(i) for i in range(concurrency)))
        wall = time.monotonic() - t0
    return {"latencies": latencies, "by_path": by_path, "errors": errors, "wall": wall}


_ROUTES = (
    (re.compile(r"^(/api)?/dyads/[A-Z]{3}/[A-Z]{3}$"), r"\1/dyads/{a}/{b}"),
    (re.compile(r"^(/api)?/(clusters|sources|claims)/\d+$"), r"\1/\2/{id}"),
    (re.compile(r"^(/api)?/articles/.+$"), r"\1/articles/{id}"),
)


def _route(path: str) -> str:
    """The route a request went to, with its filters (``/claims?actor1``) but not their values."""
    base, _, query = path.partition("?")
    for rx, repl in _ROUTES:
        base = rx.sub(repl, base)
    names = sorted({kv.split("=")[0] for kv in query.split("&") if kv})
    return base + ("?" + "&".join(names) if names else "")


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return 0.0
    s = sorted(xs)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    main = "from claimgraph.cli import main; main()"
    cmd = [sys.executable, "-c", main, "serve", "--db", url, "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise RuntimeError(f"claimgraph serve exited: {err[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2, trust_env=False).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("claimgraph serve did not answer within 60 s")


def run(
    db: Path,
    *,
    n_claims: int,
    concurrency: int,
    requests: int,
    seconds: float,
    think_ms: float,
    workers: int = 1,
    seed: int = 0,
) -> dict[str, Any]:
    """Build (or reuse) the database, serve it, load it; the summary the script prints last."""
    url = f"sqlite:///{db}"
    t0 = time.monotonic()
    if db.exists():
        with Store(url) as store:
            stats = store.stats()
    else:
        stats = {}
    if stats.get("claims", 0) < n_claims:
        db.unlink(missing_ok=True)
        stats = build_db(url, n_claims=n_claims, seed=seed)
    built = time.monotonic() - t0
    engine = create(url)
    with engine.connect() as conn:
        n_articles = int(conn.execute(select(func.count()).select_from(articles)).scalar_one())
        n_claims_stored = int(conn.execute(select(func.max(claims.c.id))).scalar_one() or 1)
        pairs = select(claims.c.actor1_country, claims.c.actor2_country).distinct()
        dyads = sorted((a, b) for a, b in conn.execute(pairs) if a and b and a != b)
        cluster_ids = list(conn.execute(select(clusters.c.id).order_by(clusters.c.id)).scalars())
    engine.dispose()
    port = _free_port()
    proc = _serve(url, port, workers)
    try:
        out = asyncio.run(
            _drive(
                f"http://127.0.0.1:{port}",
                concurrency=concurrency,
                requests=requests,
                seconds=seconds,
                think_ms=think_ms,
                seed=seed,
                shape={
                    "articles": n_articles,
                    "claims": n_claims_stored,
                    "cluster_ids": cluster_ids,
                    "dyads": dyads,
                },
            )
        )
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    lat = out["latencies"]
    per_path = {
        p: {"n": len(v), "p50_ms": round(_pct(v, 50), 1), "p99_ms": round(_pct(v, 99), 1)}
        for p, v in sorted(out["by_path"].items())
    }
    return {
        "concurrency": concurrency,
        "requests": len(lat),
        "errors": len(out["errors"]),
        "p50_ms": round(_pct(lat, 50), 1),
        "p99_ms": round(_pct(lat, 99), 1),
        "mean_ms": round(statistics.fmean(lat), 1) if lat else 0.0,
        "max_ms": round(max(lat), 1) if lat else 0.0,
        "throughput_rps": round(len(lat) / out["wall"], 1) if out["wall"] else 0.0,
        "think_ms": think_ms,
        "workers": workers,
        "seconds": round(out["wall"], 1),
        "claims": stats.get("claims"),
        "clusters": stats.get("clusters"),
        "build_seconds": round(built, 1),
        "first_errors": out["errors"][:10],
        "per_path": per_path,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--claims", type=int, default=int(os.environ.get("LOAD_CLAIMS", "100000")))
    p.add_argument("--concurrency", type=int, default=int(os.environ.get("LOAD_CONCURRENCY", "100")))
    p.add_argument("--requests", type=int, default=int(os.environ.get("LOAD_REQUESTS", "6000")))
    p.add_argument("--seconds", type=float, default=float(os.environ.get("LOAD_SECONDS", "120")))
    p.add_argument("--think-ms", type=float, default=float(os.environ.get("LOAD_THINK_MS", "1000")))
    p.add_argument("--db", type=Path, default=Path(os.environ.get("LOAD_DB", "/tmp/claimgraph-loadtest.db")))
    p.add_argument(
        "--workers", type=int, default=int(os.environ.get("LOAD_WORKERS", str(os.cpu_count() or 1)))
    )
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    summary = run(
        args.db,
        n_claims=args.claims,
        concurrency=args.concurrency,
        requests=args.requests,
        seconds=args.seconds,
        think_ms=args.think_ms,
        workers=args.workers,
        seed=args.seed,
    )
    print(json.dumps(summary))
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
