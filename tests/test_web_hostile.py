"""Hostile articles: markup, attribute injection, ``javascript:`` URLs, huge lines and right-to-left text
must come out of every page as inert text, and the embedded records must survive intact.

The store holds one article written to attack the pages (in its title, outlet, URL, id, text and
source names) with claims whose spans cover the attacks; every page that shows it is checked.
"""

from __future__ import annotations

import asyncio
import html as htmlmod
import json
import re
from html.parser import HTMLParser
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.cameo import action_for
from claimgraph.model import Actor, Article, Claim, Cue, Event, Evidence, Source
from claimgraph.store import ClaimQuery, Store, StoredClaim
from claimgraph.web import create_app
from claimgraph.web.highlight import segments

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
QUOTE = '" onmouseover="alert(2)" x="'
RTL = "\u202eإيران تنفي ذلك\u202c"  # a right-to-left override and Arabic text
LONG = "A" * 60_000  # one line with no break
TEXT = (
    f"Iran said {SCRIPT} Russia attacked Ukraine {IMG}.\n\n"
    f"The ministry {QUOTE} denied that Russia attacked Ukraine. {RTL}\n\n{LONG}\n"
)
HOSTILE_ID = "evil</script><b>id"


class Client:
    """httpx's ASGI transport behind a synchronous face, so the tests read like plain requests."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def get(self, url: str, **kw: Any) -> httpx.Response:
        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
                return await c.get(url, **kw)

        return asyncio.run(go())


def _claim(evidence: str, source: str, stance: str, nth: int = 0) -> Claim:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(evidence, start + 1)
    s = TEXT.index(source)
    return Claim(
        article_id=None,
        evidence=Evidence(start=start, end=start + len(evidence), text=evidence),
        source=Source(
            text=source,
            name=source + SCRIPT,
            kind="person",
            role=IMG,
            actor="IRNGOV",
            start=s,
            end=s + len(source),
        ),
        cue=Cue(text="said", lemma="say", start=TEXT.index("said"), end=TEXT.index("said") + 4),
        stance=stance,
        event=Event(
            actor1=Actor(text="Russia", code="RUS"),
            action=action_for("190"),
            actor2=Actor(text="Ukraine", code="UKR"),
            object=QUOTE + RTL,
        ),
        rule=SCRIPT,
    )


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Client:
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'h.db'}"
    with Store(url) as store:
        article = Article(
            id=HOSTILE_ID,
            text=TEXT,
            title=SCRIPT + RTL,
            outlet=IMG,
            url="javascript:alert(3)",
            published="2024-01-02",
        )
        claims = [
            _claim(f"{SCRIPT} Russia attacked Ukraine {IMG}", "Iran", "asserts"),
            _claim("Russia attacked Ukraine", "The ministry", "denies", nth=1),
            _claim(LONG[:500], "The ministry", "questions"),
        ]
        store.add_article(article, claims, extractor_version="test")
        store.recluster()
    return Client(create_app(url))


def _ids(client: Client) -> tuple[int, int, list[int]]:
    items = client.get("/api/claims").json()["items"]
    return items[0]["cluster_id"], items[0]["source_id"], [i["id"] for i in items]


def _pages(client: Client) -> list[str]:
    cluster_id, source_id, claim_ids = _ids(client)
    return [
        *(f"/claims/{i}" for i in claim_ids),
        "/",
        "/claims",
        "/claims?source=" + httpx.QueryParams({"x": SCRIPT})["x"],
        "/clusters",
        f"/clusters/{cluster_id}",
        f"/sources/{source_id}",
        "/dyads/RUS/UKR",
        "/network",
        "/articles",
        "/articles/" + httpx.URL("/" + HOSTILE_ID).raw_path.decode()[1:].replace("/", "%2F"),
    ]


class _Tags(HTMLParser):
    """Every element and attribute a browser would build from the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


OUR_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "link",
    "body",
    "header",
    "nav",
    "a",
    "main",
    "footer",
    "script",
    "h1",
    "h2",
    "h3",
    "p",
    "span",
    "ul",
    "ol",
    "li",
    "div",
    "section",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "bdi",
    "q",
    "abbr",
    "strong",
    "code",
    "form",
    "label",
    "input",
    "select",
    "option",
    "button",
    "svg",
    "rect",
    "line",
    "circle",
    "text",
    "figure",
    "figcaption",
    "details",
    "summary",
    "article",
    "aside",
    "noscript",
    "dl",
    "dt",
    "dd",
    "pre",
    "blockquote",
}


def _inert(html: str) -> None:
    """Only our own elements, no event-handler attribute, no script but ours, no javascript: link."""
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag in OUR_TAGS, tag
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/") or attrs.get("type") == "application/json"
        for k in ("href", "src", "action"):
            assert not (attrs.get(k) or "").strip().lower().startswith("javascript:"), (tag, attrs)


def test_every_page_renders_the_attacks_as_text(client: Client) -> None:
    for path in _pages(client):
        r = client.get(path)
        assert r.status_code == 200, (path, r.text[:500])
        _inert(r.text)


def test_the_article_page_shows_the_hostile_text_verbatim(client: Client) -> None:
    r = client.get(_pages(client)[-1])
    page = r.text
    _inert(page)
    body = re.search(r'<article[^>]*id="article-text">(.*?)</article>', page, re.S)
    assert body is not None
    assert htmlmod.unescape(re.sub(r"<[^>]+>", "", body.group(1))) == TEXT  # every character, escaped
    assert "javascript:alert(3)" in htmlmod.unescape(page)  # shown as text, not as a link


def test_embedded_records_are_escaped_and_exact(client: Client) -> None:
    page = client.get(_pages(client)[-1]).text
    block = re.search(r'<script type="application/json" id="claim-records">(.*?)</script>', page, re.S)
    assert block is not None
    raw = block.group(1)
    assert "<" not in raw and ">" not in raw  # tojson escapes them, so no </script> can end the block
    records = json.loads(raw)
    names = {r["source"]["name"] for r in records.values()}
    assert names == {"Iran" + SCRIPT, "The ministry" + SCRIPT}
    assert all(r["rule"] == SCRIPT for r in records.values())


def test_charts_and_network_data_are_escaped(client: Client) -> None:
    for path, block_id in (("/dyads/RUS/UKR", "dyad-data"), ("/network", "network-data")):
        page = client.get(path).text
        block = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>', page, re.S)
        assert block is not None and "<" not in block.group(1)
        json.loads(block.group(1))


def test_hostile_query_values_are_echoed_escaped(client: Client) -> None:
    r = client.get("/claims", params={"source": SCRIPT, "outlet": QUOTE})
    assert r.status_code == 200
    _inert(r.text)
    assert "&lt;script&gt;" in r.text
    bad = client.get("/claims", params={"since": SCRIPT})
    assert bad.status_code == 422
    _inert(bad.text)
    missing = client.get("/articles/" + "%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert missing.status_code == 404
    _inert(missing.text)


def test_csv_download_defuses_formulas(tmp_path_factory: pytest.TempPathFactory) -> None:
    url = f"sqlite:///{tmp_path_factory.mktemp('csv') / 'c.db'}"
    text = "=HYPERLINK(1) said Russia attacked Ukraine."
    with Store(url) as store:
        c = Claim(
            article_id=None,
            evidence=Evidence(start=0, end=15, text=text[:15]),
            source=Source(text=None, name="=cmd|' /C calc'!A0", kind="person"),
            event=Event(actor1=Actor(text="Russia", code="RUS"), action=action_for("190")),
        )
        store.add_article(Article(id="f", text=text), [c], extractor_version="test")
    body = Client(create_app(url)).get("/api/claims/download", params={"format": "csv"}).text
    assert ",'=HYPERLINK(1)" in body and ",'=cmd|" in body


def _stored(spans: list[tuple[int, int, str]], text: str) -> list[StoredClaim]:
    out = []
    for i, (a, b, stance) in enumerate(spans):
        claim = Claim(
            article_id="t",
            evidence=Evidence(start=a, end=b, text=text[a:b]),
            source=Source(text=None, name=None, kind="author", start=b, end=b + 2),
            stance=stance,
        )
        out.append(
            StoredClaim(
                id=i + 1,
                article_id="t",
                outlet=None,
                published=None,
                url=None,
                title=None,
                source_id=None,
                cluster_id=None,
                cluster_role=None,
                claim=claim,
            )
        )
    return out


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(max_size=200),
    raw=st.lists(
        st.tuples(
            st.integers(-5, 210), st.integers(-5, 210), st.sampled_from(["asserts", "denies", "questions"])
        ),
        max_size=8,
    ),
)
def test_any_spans_on_any_text_give_segments_that_rebuild_the_text(
    text: str, raw: list[tuple[int, int, str]]
) -> None:
    claims = _stored(raw, text)
    segs = segments(text, claims)
    assert "".join(s.text for s in segs) == text
    for seg in segs:
        end = seg.start + len(seg.text)
        covering = {
            sc.id
            for sc in claims
            if max(0, sc.claim.evidence.start) <= seg.start and end <= min(len(text), sc.claim.evidence.end)
        }
        assert {s.claim_id for s in seg.evidence} == covering
        lengths = [s.end - s.start for s in seg.evidence]
        assert lengths == sorted(lengths)  # innermost first


def test_claims_query_for_the_hostile_article(client: Client) -> None:
    data = client.get("/api/claims", params={"article_id": HOSTILE_ID}).json()
    assert data["total"] == 3
    assert ClaimQuery(article_id=HOSTILE_ID).article_id == HOSTILE_ID


def test_the_claim_pages_show_the_hostile_evidence_as_text(client: Client) -> None:
    for cid in _ids(client)[2]:
        page = client.get(f"/claims/{cid}").text
        _inert(page)
        data = client.get(f"/api/claims/{cid}").json()
        quote = re.search(r'<blockquote class="context"[^>]*>(.*?)</blockquote>', page, re.S)
        assert quote is not None
        shown = htmlmod.unescape(re.sub(r"<[^>]+>", "", quote.group(1)))
        assert data["context"]["text"] in shown and data["claim"]["evidence"]["text"] in shown
        pre = re.search(r'<pre class="json">(.*?)</pre>', page, re.S)
        assert pre is not None and "<" not in pre.group(1)  # the record cannot close the element
        assert json.loads(htmlmod.unescape(pre.group(1))) == data["claim"]
