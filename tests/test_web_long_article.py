"""A long article (thousands of claims) makes a page of bounded size: the text highlights one page of
its claims and embeds only their records; a link to any claim opens the page that holds it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from claimgraph.store import ClaimQuery, Store
from claimgraph.web import create_app
from test_store import make_article, make_claim
from test_web import Client

N = 3_000
SENTENCE = "Iran is supplying drones to the Russians, Burns said. "
EVIDENCE = "Iran is supplying drones to the Russians"


@pytest.fixture(scope="module")
def long_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[int]]:
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('long')) / 'long.db'}"
    claims = [make_claim("long", start=i * len(SENTENCE), evidence=EVIDENCE) for i in range(N)]
    with Store(url) as store:
        store.add_article(make_article("long", text=SENTENCE * N), claims, extractor_version="v")
        ids = [sc.id for sc in store.claims(ClaimQuery(article_id="long"))]
    return url, ids


def _records(page: str) -> dict[str, object]:
    m = re.search(r'<script type="application/json" id="claim-records">(.*?)</script>', page, re.S)
    assert m is not None
    data = json.loads(m.group(1))
    assert isinstance(data, dict)
    return data


def test_a_long_article_page_stays_small_and_says_what_it_highlights(
    long_store: tuple[str, list[int]],
) -> None:
    url, ids = long_store
    client = Client(create_app(url, token="x"))
    first = client.get("/articles/long")
    assert first.status_code == 200
    assert len(first.content) < 1_500_000  # every record embedded made 4 MB of it (3,000 claims)
    page = first.text
    assert set(_records(page)) == {str(i) for i in ids[:100]}
    assert page.count("data-claims=") == 100  # one highlight per claim of this page, none of the rest
    assert "the text highlights claims 1–100 (page 1 of 30)" in page
    assert 'href="?page=2" rel="next">Highlight the next 100' in page
    second = client.get("/articles/long", params={"page": 2}).text
    assert set(_records(second)) == {str(i) for i in ids[100:200]}


def test_a_link_to_a_claim_opens_the_page_holding_it(long_store: tuple[str, list[int]]) -> None:
    url, ids = long_store
    client = Client(create_app(url, token="x"))
    target = ids[2_500]
    page = client.get("/articles/long", params={"claim": target}).text
    assert f'id="claim-{target}"' in page and str(target) in _records(page)
    assert "page 26 of 30" in page
    # a claim of another article, or none: the page asked for (clamped to the last)
    assert "page 30 of 30" in client.get("/articles/long", params={"page": 99}).text
    assert client.get("/articles/long", params={"claim": "x"}).status_code == 422
