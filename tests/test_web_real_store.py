"""Every page type in a real browser on a store of 500+ real articles: height, load time, labels.

The store is made once per module from ``../shared/corpora`` (skipped, saying why, when that is
absent), each article cut to its first paragraphs so that extracting 500 of them stays within a
CI budget on two cores; Debian's chromium loads each page type and the test checks what a new
user met on real data: pages thousands of pixels tall, slow pages, and cluster or ledger labels
whose object is a date, a unit or a number. Word lists here are the test's own, not the app's.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from urllib.parse import quote

import pytest

from claimgraph.ingest import ingest
from claimgraph.model import Article
from claimgraph.read import read_inputs
from claimgraph.store import ClaimQuery, ClusterQuery, Store
from conftest import CHROMIUM, CHROMIUM_ARGS, need_browser, serving, shared_path

N_ARTICLES = 520
LEAD_CHARS = 500
"""Each article is cut to its paragraphs within this many characters (at least its first one)."""
MAX_HEIGHT = 9000
"""Tallest page allowed at 1280 px wide (the transfers page was 16,000 px, a claims page 9,000)."""
MAX_LOAD_S = 8.0
"""Slowest page allowed, from navigation to the load event, on a busy two-core CI machine."""

DATE_OR_UNIT = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "today", "yesterday", "tomorrow", "day", "days", "week", "weeks", "month", "months",
    "year", "years", "time", "inch", "inches", "mile", "miles", "km", "kilometres", "kilometers",
    "percent", "dollars", "dollar", "tons", "tonnes",
}  # fmt: skip


def _lead(text: str) -> str:
    paras = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    out = paras[0] if paras else ""
    for p in paras[1:]:
        if len(out) + len(p) + 2 > LEAD_CHARS:
            break
        out += "\n\n" + p
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    corpora = shared_path("corpora")
    need_browser()
    d = tmp_path_factory.mktemp("real")
    leads = d / "leads.jsonl"
    n = 0
    with leads.open("w", encoding="utf-8") as f:
        for a in read_inputs(sorted(str(p) for p in corpora.glob("*.jsonl"))):
            if isinstance(a, Article) and a.text.strip() and n < N_ARTICLES:
                rec = {"id": a.id, "title": a.title, "outlet": a.outlet, "date": a.published, "url": a.url}
                f.write(json.dumps({**rec, "text": _lead(a.text)}) + "\n")
                n += 1
    if n < 500:
        pytest.skip(f"{corpora} holds {n} articles; this test needs 500")
    url = f"sqlite:///{d / 'real.db'}"
    with Store(url) as store:
        report = ingest([str(leads)], store=store, workers=2)
        assert report.stored >= 500, report.summary()
        top = store.clusters(ClusterQuery(order="articles", limit=1))[0]
        dyad = next(x for x in store.dyads(limit=30) if x["actor1"][:3] != x["actor2"][:3])
        per_article: dict[str, int] = {}
        for sc in store.iter_claims(ClaimQuery()):
            per_article[sc.article_id] = per_article.get(sc.article_id, 0) + 1
        longest = max(per_article, key=lambda k: per_article[k])
        claim = store.claims(ClaimQuery(article_id=longest))[0]
    pages = {
        "overview": "/",
        "claims": "/claims",
        "clusters": "/clusters",
        "cluster": f"/clusters/{top.id}",
        "dyad": f"/dyads/{dyad['actor1'][:3]}/{dyad['actor2'][:3]}",
        "network": "/network",
        "transfers": "/transfers",
        "articles": "/articles",
        "article": f"/articles/{quote(longest, safe='')}",
        "claim": f"/claims/{claim.id}",
        "source": f"/sources/{claim.source_id}",
    }
    with serving(url) as base:
        yield base, pages


def _junk_label(label: str) -> str | None:
    """The object of a label ("A → verb → B: object") when it is a date, a unit or a number."""
    if ": " not in label:
        return None
    obj = label.rsplit(": ", 1)[1].strip().casefold()
    words = re.findall(r"[^\W_]+", obj)
    if not words or all(w.isdigit() for w in words) or words[-1] in DATE_OR_UNIT:
        return obj
    return None


def test_every_page_type_is_short_fast_and_labelled_with_things(site: tuple[str, dict[str, str]]) -> None:
    from playwright.sync_api import sync_playwright

    base, pages = site
    errors: list[str] = []
    measured: dict[str, tuple[int, float]] = {}
    junk: list[tuple[str, str]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("pageerror", lambda e: errors.append(str(e)))
            for name, path in pages.items():
                t0 = time.monotonic()
                resp = page.goto(base + path, wait_until="load")
                took = time.monotonic() - t0
                assert resp is not None and resp.status == 200, f"{name}: {path}"
                height = page.evaluate("document.documentElement.scrollHeight")
                measured[name] = (height, took)
                labels = page.locator("a[href^='/clusters/'], table.transfers td.item").all_inner_texts()
                junk += [(name, j) for j in map(_junk_label, labels) if j]
            phone = browser.new_page(viewport={"width": 390, "height": 844})
            phone.goto(base + "/claims", wait_until="load")
            assert phone.evaluate("document.documentElement.scrollWidth") <= 400, "claims scroll sideways"
        finally:
            browser.close()
    print({k: f"{h} px, {t:.2f} s" for k, (h, t) in measured.items()})
    assert not errors, errors
    tall = {k: h for k, (h, _) in measured.items() if h > MAX_HEIGHT}
    slow = {k: round(t, 2) for k, (_, t) in measured.items() if t > MAX_LOAD_S}
    assert not tall, f"pages taller than {MAX_HEIGHT} px: {tall}"
    assert not slow, f"pages slower than {MAX_LOAD_S} s: {slow}"
    assert not junk, f"labels whose object is a date, a unit or a number: {junk[:10]}"
