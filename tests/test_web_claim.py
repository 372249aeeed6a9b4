"""The claim page (``/claims/{id}``) and its JSON (``/api/claims/{id}``): a permalink to cite one
record with its evidence in context; and cluster links that survive a recluster."""

from __future__ import annotations

import html as htmlmod
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.model import Article, Claim, Evidence, Source
from claimgraph.store import Store
from claimgraph.web import create_app
from claimgraph.web.highlight import context_window, segments
from test_web import TEXT_A, TEXT_B, Client, fill, make_claim


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('claim') / 'web.db'}"
    with Store(url) as store:
        fill(store)
        # a record loaded from elsewhere whose article text does not hold its evidence
        store.add_article(
            Article(id="stub", text="(text not kept)", outlet="Elsewhere", published="2024-02-01"),
            [
                Claim(
                    article_id=None,
                    evidence=Evidence(start=100, end=120, text="Iran sent drones east"),
                    source=Source(text="A minister", name="A minister", kind="person"),
                    rule="loaded",
                )
            ],
            extractor_version="load",
        )
    return url


@pytest.fixture(scope="module")
def client(db: str) -> Client:
    return Client(create_app(db))


@pytest.fixture(scope="module")
def by_source(db: str) -> dict[str, int]:
    with Store(db) as store:
        return {sc.claim.source.name or "": sc.id for sc in store.claims()}


def _context(html: str) -> str:
    m = re.search(r'<blockquote class="context"[^>]*>(.*?)</blockquote>', html, re.S)
    assert m is not None
    return m.group(1)


def test_the_claim_page_shows_the_record_with_its_evidence_in_context(
    client: Client, by_source: dict[str, int]
) -> None:
    cid = by_source["Officials in Kyiv"]
    r = client.get(f"/claims/{cid}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    ctx = _context(html)
    # highlighted as the article page does: the evidence by stance, the source and the cue marked
    assert '<span class="hl st-asserts depth-1">Russia shelled Kharkiv on Monday</span>' in ctx
    assert (
        '<span class="mk-source">Officials in Kyiv</span>' in ctx
        and '<span class="mk-cue">said</span>' in ctx
    )
    assert htmlmod.unescape(re.sub(r"<[^>]+>", "", ctx)) == TEXT_A  # the sentences around it, verbatim
    for needed in (
        f'href="/articles/a1?claim={cid}#claim-{cid}"',  # the anchor of the claim on the article page
        'href="/sources/',
        'href="/clusters/',
        "<strong>190</strong>",  # CAMEO
        "use conventional military force",
        "-10.0",  # Goldstein
        "material conflict",  # quad class
        "category: ASSAULT",  # PLOVER
        "originator",
        "framing",
        "not hedged",
        "(organization)",
    ):
        assert needed in html, needed
    pre = re.search(r'<pre class="json">(.*?)</pre>', html, re.S)
    assert pre is not None
    assert json.loads(htmlmod.unescape(pre.group(1))) == client.get(f"/api/claims/{cid}").json()["claim"]


def test_the_claim_api_has_the_page_data(client: Client, by_source: dict[str, int]) -> None:
    cid = by_source["Ukraine's army"]
    r = client.get(f"/api/claims/{cid}")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    data = r.json()
    assert set(data) == {"claim", "context", "article", "cluster", "links"}
    assert data["claim"]["id"] == cid and data["claim"]["label"]["quad_name"] == "material conflict"
    ctx = data["context"]
    assert TEXT_B[ctx["start"] : ctx["end"]] == ctx["text"] and "Russia shelled Kharkiv again" in ctx["text"]
    assert data["article"] == {
        "id": "b/1",
        "title": "Kharkiv again",
        "outlet": "Other Daily",
        "published": "2024-03-05",
        "url": "https://example.org/b1",
    }
    cl = data["cluster"]
    assert cl["role"] == "echo" and cl["echo_via"] == "Test Wire"
    assert cl["echo_of"] == by_source["Officials in Kyiv"] and cl["n_denying"] == 1
    assert data["links"] == {
        "page": f"/claims/{cid}",
        "json": f"/api/claims/{cid}",
        "article": f"/articles/b%2F1?claim={cid}#claim-{cid}",  # the article id is one path segment
        "cluster": f"/clusters/{cl['id']}",
    }
    html = client.get(f"/claims/{cid}").text
    assert f'href="/claims/{cl["echo_of"]}"' in html  # an echo links to what it echoes
    assert 'href="https://example.org/b1"' in html


def test_a_claim_whose_text_is_not_stored_shows_its_evidence_alone(
    client: Client, by_source: dict[str, int]
) -> None:
    cid = by_source["A minister"]
    data = client.get(f"/api/claims/{cid}").json()
    assert data["context"] is None and data["cluster"] is None and data["links"]["cluster"] is None
    html = client.get(f"/claims/{cid}").text
    assert "Iran sent drones east" in _context(html) and "Not in a cluster" in html
    assert "uncoded" in html and "no coded event" not in html


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/claims/999999", 404),
        ("/api/claims/999999", 404),
        ("/claims/0", 422),
        ("/claims/abc", 422),
        ("/api/claims/-3", 422),
        (f"/api/claims/{2**63}", 422),
    ],
)
def test_unknown_and_bad_claim_ids(client: Client, path: str, status: int) -> None:
    r = client.get(path)
    assert r.status_code == status
    if path.startswith("/api/"):
        assert r.json()["status"] == status
    else:
        assert r.headers["content-type"].startswith("text/html") and f"HTTP {status}" in r.text
    if status == 404:
        assert "no claim 999999" in r.text.lower() or "There is no claim 999999" in r.text


def test_the_claim_lists_and_the_article_page_link_to_claim_pages(
    client: Client, by_source: dict[str, int]
) -> None:
    kyiv = by_source["Officials in Kyiv"]
    for path in ("/claims", "/articles/a1", "/clusters"):
        html = client.get(path).text
        if path != "/clusters":
            assert f'href="/claims/{kyiv}"' in html, path
    cluster = client.get(f"/api/claims/{kyiv}").json()["cluster"]["id"]
    assert f'href="/claims/{kyiv}"' in client.get(f"/clusters/{cluster}").text
    js = client.get("/static/article.js").text
    assert 'path("claims", r.id)' in js  # the side panel's link


def test_cluster_links_survive_a_recluster(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with Store(url) as store:
        fill(store)
    client = Client(create_app(url))
    kyiv = next(
        i for i in client.get("/api/claims").json()["items"] if i["source"]["name"] == "Officials in Kyiv"
    )
    before = client.get(f"/clusters/{kyiv['cluster_id']}").text
    text = "Iran said Russia shelled Kharkiv last year. Iran will send drones to Russia, Tehran said."
    with Store(url) as store:  # an older report of another event, a new event: both new clusters
        store.add_article(
            Article(id="c1", text=text, outlet="Third", published="2023-06-01"),
            [
                make_claim(text, evidence="Iran will send drones to Russia", source="Tehran", cue="said",
                           event=("IRN", "070", "RUS"), obj="drones"),
            ],
            extractor_version="test",
        )  # fmt: skip
        store.recluster()
    after = client.get(f"/clusters/{kyiv['cluster_id']}")
    assert after.status_code == 200 and after.text == before
    assert client.get(f"/api/claims/{kyiv['id']}").json()["cluster"]["id"] == kyiv["cluster_id"]


def test_context_takes_whole_sentences_around_the_evidence() -> None:
    text = "One. Two two. Three is here. Four four. Five. Six six."
    s = text.index("Three")
    e = s + len("Three is here")

    def shown(**kw: int) -> str:
        a, b = context_window(text, s, e, **kw)
        return text[a:b]

    assert shown() == "One. Two two. Three is here. Four four. Five."
    assert shown(sentences=0) == "Three is here."
    assert shown(sentences=1) == "Two two. Three is here. Four four."
    long = "x " * 1000 + "The claim." + " y" * 1000
    a, b = context_window(long, 2000, 2010, limit=100)
    assert 1900 <= a <= 2000 and 2010 <= b <= 2110 and long[a] == "x" and long[b - 1] == "y"
    assert context_window("", 0, 0) == (0, 0) and context_window("abc", 7, 9) == (0, 3)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from('ab .!?\n"”\u202e'), max_size=200),
    start=st.integers(-10, 220),
    length=st.integers(0, 60),
    sentences=st.integers(0, 3),
    limit=st.integers(0, 80),
)
def test_any_context_is_inside_the_text_and_covers_the_evidence(
    text: str, start: int, length: int, sentences: int, limit: int
) -> None:
    a, b = context_window(text, start, start + length, sentences=sentences, limit=limit)
    s = max(0, min(start, len(text)))
    e = max(s, min(start + length, len(text)))
    assert 0 <= a <= s <= e <= b <= len(text)
    assert s - a <= limit and b - e <= limit


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=80), lo=st.integers(-5, 90), hi=st.integers(-5, 90))
def test_a_window_of_segments_rebuilds_that_stretch(text: str, lo: int, hi: int) -> None:
    segs = segments(text, [], (lo, hi))
    lo_, hi_ = max(0, min(lo, len(text))), max(0, min(hi, len(text)))
    assert "".join(s.text for s in segs) == text[lo_ : max(lo_, hi_)]
