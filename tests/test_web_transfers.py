"""The transfers ledger in the web UI and the JSON API, in process through an httpx ASGI client.

The store holds records built here (no extraction), about sentences written for these tests:

* Iran → Russia, drones: the State Department asserts it, Iran's foreign ministry denies it
  (``contested``), in one article, and Reuters asserts it again in another;
* Russia → Iran, 24 Su-35 jets: the Kremlin says it delivered them (``acknowledged``);
* Syria → Lebanon, drones: a source whose name and item are markup (``<script>``, ``onerror=``),
  a third party (``reported``).
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
from html.parser import HTMLParser
from typing import Any, get_args
from urllib.parse import quote

import httpx
import pytest

from claimgraph.cameo import action_for
from claimgraph.export import TRANSFER_COLUMNS
from claimgraph.model import Actor, Article, Claim, Cue, Event, Evidence, Source
from claimgraph.store import Store
from claimgraph.transfers import STATUSES
from claimgraph.web import create_app
from claimgraph.web.params import TransferStatus

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
TEXT_1 = (
    "The State Department said Iran supplied drones to Russia. "
    "Iran's foreign ministry denied that Iran supplied drones to Russia."
)
TEXT_2 = (
    "The Kremlin said Russia delivered 24 Su-35 jets to Iran. Reuters said Iran supplied drones to Russia."
)
TEXT_3 = f"The analyst {IMG} said Syria supplied {SCRIPT} drones to Lebanon."
UAV = "IRN>RUS/uav"
SU35 = "RUS>IRN/aircraft/Su-35"
HOSTILE = "SYR>LBN/uav"


def _span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def transfer_claim(
    text: str,
    *,
    evidence: str,
    source: str,
    actor: str | None,
    kind: str = "organization",
    event: tuple[str, str, str],
    obj: str,
    action: str,
    stance: str = "asserts",
    nth: int = 0,
) -> Claim:
    """A record about ``text``: the ``nth`` occurrence of ``evidence``, said by ``source``."""
    es, ee = _span(text, evidence, nth)
    ss, se = _span(text, source)
    a1, code, a2 = event
    return Claim(
        article_id=None,
        evidence=Evidence(start=es, end=ee, text=evidence),
        source=Source(text=source, name=source, kind=kind, actor=actor, start=ss, end=se),
        cue=Cue(text="said", lemma="say"),
        stance=stance,
        event=Event(
            actor1=Actor(text=a1, code=a1),
            action=action_for(code, action),
            actor2=Actor(text=a2, code=a2),
            object=obj,
        ),
        rule="test",
    )


def fill(store: Store) -> None:
    """The three articles and their records, then the clusters."""
    store.add_article(
        Article(id="t1", text=TEXT_1, title="Drones for Russia", outlet="Test Wire", published="2024-05-01"),
        [
            transfer_claim(
                TEXT_1,
                evidence="Iran supplied drones to Russia",
                source="The State Department",
                actor="USAGOV",
                event=("IRN", "072", "RUS"),
                obj="drones",
                action="supplied",
            ),
            transfer_claim(
                TEXT_1,
                evidence="Iran supplied drones to Russia",
                source="Iran's foreign ministry",
                actor="IRNGOV",
                event=("IRN", "072", "RUS"),
                obj="drones",
                action="supplied",
                stance="denies",
                nth=1,
            ),
        ],
        extractor_version="test",
    )
    store.add_article(
        Article(id="t/2", text=TEXT_2, title="Jets for Iran", outlet="Other Daily", published="2024-06-03"),
        [
            transfer_claim(
                TEXT_2,
                evidence="Russia delivered 24 Su-35 jets to Iran",
                source="The Kremlin",
                actor="RUSGOV",
                event=("RUS", "072", "IRN"),
                obj="24 Su-35 jets",
                action="delivered",
            ),
            transfer_claim(
                TEXT_2,
                evidence="Iran supplied drones to Russia",
                source="Reuters",
                actor="GBRMED",
                kind="outlet",
                event=("IRN", "072", "RUS"),
                obj="drones",
                action="supplied",
            ),
        ],
        extractor_version="test",
    )
    store.add_article(
        Article(id="t3", text=TEXT_3, title="Hostile " + SCRIPT, outlet=IMG, published="2024-07-01"),
        [
            transfer_claim(
                TEXT_3,
                evidence=f"Syria supplied {SCRIPT} drones to Lebanon",
                source=IMG,
                actor=None,
                kind="person",
                event=("SYR", "072", "LBN"),
                obj=f"{SCRIPT} drones",
                action="supplied",
            )
        ],
        extractor_version="test",
    )
    store.recluster()


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


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('web-transfers') / 'web.db'}"
    with Store(url) as store:
        fill(store)
    return url


@pytest.fixture(scope="module")
def client(db: str) -> Client:
    return Client(create_app(db))


def entry_path(key: str) -> str:
    return "/transfers/" + quote(key, safe="")


def json_block(html: str, block_id: str) -> Any:
    block = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>', html, re.S)
    assert block is not None
    assert "<" not in block.group(1) and ">" not in block.group(1)  # tojson escapes them
    return json.loads(block.group(1))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def inert(html: str) -> None:
    """No element from the data: no img, no event handler, no script but ours, no inline style."""
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag != "img", attrs
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/") or attrs.get("type") == "application/json"


# --- the ledger page --------------------------------------------------------------------------


def test_the_ledger_page_shows_every_entry_with_status_sources_and_links(client: Client) -> None:
    r = client.get("/transfers")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    inert(page)
    assert "<strong>3</strong> entries" in page
    for key in (UAV, SU35, HOSTILE):
        assert f'href="{entry_path(key)}"' in page
    assert quote(UAV, safe="") == "IRN%3ERUS%2Fuav"
    assert '<span class="status s-contested">contested</span>' in page
    assert '<span class="status s-acknowledged">acknowledged</span>' in page
    assert '<span class="status s-reported">reported</span>' in page
    assert "uncrewed aerial vehicles" in page and "<strong><bdi>Su-35</bdi></strong>" in page
    assert '<td class="num"><bdi>24</bdi></td>' in page
    # who says so, party or not
    row = page[page.index(f'href="{entry_path(UAV)}"') : page.index(f'href="{entry_path(SU35)}"')]
    assert "asserted by" in row and "denied by" in row
    assert re.search(r"Iran&#39;s foreign ministry</bdi>&nbsp;<span class=\"tag party\"", row)
    assert re.search(r"The State Department</bdi>&nbsp;<span class=\"tag\"[^>]*>third party", row)
    assert "2024-05-01" in row and "– 2024-06-03" in row  # first and last reported
    assert 'class="active" aria-current="page">Transfers</a>' in page


def test_entries_link_to_their_clusters_and_evidence_anchors_that_exist(client: Client) -> None:
    page = client.get("/transfers").text
    api = client.get("/api/transfers").json()
    uav = next(e for e in api["entries"] if e["key"] == UAV)
    assert uav["clusters"]
    for cid in uav["clusters"]:
        assert f'href="/clusters/{cid}"' in page
        assert client.get(f"/clusters/{cid}").status_code == 200
    for m in uav["mentions"]:
        href = f"/articles/{quote(m['article_id'], safe='')}?claim={m['claim_id']}#claim-{m['claim_id']}"
        assert f'href="{href}"' in page
        article = client.get(href.split("#")[0]).text
        assert f'id="claim-{m["claim_id"]}"' in article  # the article page's anchor for that claim


def test_the_flow_picture_data_has_suppliers_left_recipients_right_one_link_per_entry(client: Client) -> None:
    page = client.get("/transfers").text
    flow = json_block(page, "transfer-flow-data")
    assert {n["id"] for n in flow["suppliers"]} == {"IRN", "RUS", "SYR"}
    assert {n["id"] for n in flow["recipients"]} == {"RUS", "IRN", "LBN"}
    links = {link["key"]: link for link in flow["links"]}
    assert set(links) == {UAV, SU35, HOSTILE}
    assert links[UAV]["status"] == "contested" and links[UAV]["category"] == "uav"
    assert links[UAV]["source"] == "IRN" and links[UAV]["target"] == "RUS"
    assert [c for c, _ in flow["categories"]] == ["aircraft", "uav"]
    assert flow["omitted"] == 0
    assert '<script src="/static/transfers.js" defer></script>' in page
    # the legend: every category drawn and every status
    assert 'class="swatch cat-uav"' in page and 'class="swatch cat-aircraft"' in page
    for s in STATUSES:
        assert f'class="flow-link cat-none s-{s}"' in page
    js = client.get("/static/transfers.js")
    assert js.status_code == 200 and "textContent" not in js.text and "innerHTML" not in js.text


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("supplier=IRN", {UAV}),
        ("supplier=irngov", {UAV}),
        ("recipient=IRN", {SU35}),
        ("category=aircraft", {SU35}),
        ("category=uav", {UAV, HOSTILE}),
        ("status=contested", {UAV}),
        ("status=acknowledged", {SU35}),
        ("status=denied", set()),
        ("designation=su-3", {SU35}),
        ("supplier=&recipient=&category=&status=", {UAV, SU35, HOSTILE}),  # blank form fields
        ("since=2024-06-01", {UAV, SU35, HOSTILE}),  # Reuters still reports the drones in June
        ("until=2024-05-31", {UAV}),
    ],
)
def test_filters(client: Client, query: str, keys: set[str]) -> None:
    api = client.get(f"/api/transfers?{query}")
    assert api.status_code == 200
    assert {e["key"] for e in api.json()["entries"]} == keys
    assert api.json()["total"] == len(keys)
    page = client.get(f"/transfers?{query}").text
    for key in {UAV, SU35, HOSTILE}:
        assert (f'href="{entry_path(key)}"' in page) == (key in keys), key
    if not keys:
        assert "No ledger entry matches these filters." in page


def test_a_filter_keeps_the_choices_of_the_whole_period(client: Client) -> None:
    page = client.get("/transfers?supplier=IRN").text
    assert '<option value="IRN" selected>Iran (IRN)</option>' in page
    assert '<option value="RUS">Russia (RUS)</option>' in page  # still there to choose
    assert "<strong>1</strong> entry match (of 3)" in page


def test_a_contested_entry_turns_reported_when_the_denial_is_outside_the_dates(client: Client) -> None:
    api = client.get("/api/transfers?since=2024-06-01&supplier=IRN").json()
    [uav] = api["entries"]
    assert uav["status"] == "reported" and [s["name"] for s in uav["asserting"]] == ["Reuters"]


@pytest.mark.parametrize(
    ("path", "words"),
    [
        (
            "/transfers?status=maybe",
            "status: Input should be 'reported', 'hedged', 'acknowledged', 'denied' or",
        ),
        ("/transfers?category=tanks", "category: should be one of aircraft, helicopters"),
        ("/transfers?supplier=1RN", "supplier: should be an actor code"),
        ("/transfers?since=soon", "since: Input should be a valid date"),
        ("/transfers?since=2024-02-01&until=2024-01-01", "since (2024-02-01) is after until (2024-01-01)"),
        ("/transfers/download?format=xml", "format: Input should be 'csv' or 'jsonl'"),
    ],
)
def test_bad_parameters_get_a_422_that_says_why(client: Client, path: str, words: str) -> None:
    api = client.get("/api" + path)
    assert api.status_code == 422
    assert any(words in d for d in api.json()["detail"]), api.json()
    if not path.startswith("/transfers/download"):
        r = client.get(path)
        assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
        assert words in r.text.replace("&#39;", "'")


def test_the_status_parameter_takes_the_ledger_statuses() -> None:
    assert get_args(TransferStatus) == STATUSES


# --- one entry --------------------------------------------------------------------------------


def test_the_entry_page_shows_all_mentions_with_their_evidence(client: Client) -> None:
    r = client.get(entry_path(UAV))
    assert r.status_code == 200
    page = r.text
    inert(page)
    assert "contested" in page and "asserted, and denied by a party" in page
    api = client.get("/api" + entry_path(UAV)).json()
    entry = api["entry"]
    assert entry["key"] == UAV and entry["status"] == "contested"
    assert len(entry["mentions"]) == 3
    texts = {"t1": TEXT_1, "t/2": TEXT_2}
    for m in entry["mentions"]:
        ev = m["evidence"]
        assert texts[m["article_id"]][ev["start"] : ev["end"]] == ev["text"]
        href = f"/articles/{quote(m['article_id'], safe='')}?claim={m['claim_id']}#claim-{m['claim_id']}"
        assert f'href="{href}"' in page and f'id="mention-{m["claim_id"]}"' in page
        assert f"characters {ev['start']}–{ev['end']}" in page
        assert f'href="/clusters/{m["cluster_id"]}"' in page
    assert [s["name"] for s in entry["asserting"]] == ["The State Department", "Reuters"]
    assert [(s["name"], s["party"]) for s in entry["denying"]] == [("Iran's foreign ministry", True)]
    assert api["titles"] == {"t1": "Drones for Russia", "t/2": "Jets for Iran"}
    assert "Drones for Russia" in page and "Jets for Iran" in page
    assert 'href="/dyads/IRN/RUS"' in page


def test_the_entry_page_of_a_designation(client: Client) -> None:
    page = client.get(entry_path(SU35)).text
    assert "Su-35" in page and "number <strong><bdi>24</bdi></strong>" in page
    assert "a party to the transfer asserts it" in page
    entry = client.get("/api" + entry_path(SU35)).json()["entry"]
    assert entry["designation"] == "Su-35" and entry["number"] == "24"
    assert [(s["name"], s["party"]) for s in entry["asserting"]] == [("The Kremlin", True)]


@pytest.mark.parametrize("key", ["XXX>YYY/uav", "IRN>RUS/tanks", "IRN>RUS/uav/Shahed-136", "nope"])
def test_an_unknown_key_is_a_404(client: Client, key: str) -> None:
    r = client.get(entry_path(key))
    assert r.status_code == 404 and "Not found" in r.text and "Traceback" not in r.text
    api = client.get("/api" + entry_path(key))
    assert api.status_code == 404 and "no transfers ledger entry" in api.json()["detail"][0]


def test_a_key_too_long_is_a_422(client: Client) -> None:
    assert client.get(entry_path("IRN>RUS/uav/" + "x" * 400)).status_code == 422


# --- downloads --------------------------------------------------------------------------------


def test_csv_download_reuses_the_export_columns_and_the_filters(client: Client) -> None:
    r = client.get("/api/transfers/download?format=csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="transfers.csv"' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert tuple(rows[0]) == TRANSFER_COLUMNS
    by = {(row["supplier"], row["recipient"], row["category"]): row for row in rows}
    assert set(by) == {("IRN", "RUS", "uav"), ("RUS", "IRN", "aircraft"), ("SYR", "LBN", "uav")}
    assert by[("IRN", "RUS", "uav")]["status"] == "contested"
    assert "t1@" in by[("IRN", "RUS", "uav")]["evidence"]
    only = client.get("/api/transfers/download?status=acknowledged").text
    assert [row["designation"] for row in csv.DictReader(io.StringIO(only))] == ["Su-35"]
    assert 'href="/api/transfers/download?format=csv"' in client.get("/transfers").text


def test_jsonl_download_has_one_entry_a_line(client: Client) -> None:
    r = client.get("/api/transfers/download?format=jsonl&supplier=RUS")
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert [e["key"] for e in lines] == [SU35]


# --- hostile text -----------------------------------------------------------------------------


def test_hostile_item_and_source_text_is_inert(client: Client) -> None:
    for path in ("/transfers", entry_path(HOSTILE), "/transfers?category=uav"):
        page = client.get(path).text
        inert(page)
        assert SCRIPT not in page and IMG not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "&lt;img src=x onerror=" in page
    flow = json_block(client.get("/transfers").text, "transfer-flow-data")
    assert any(link["key"] == HOSTILE for link in flow["links"])
    entry = client.get("/api" + entry_path(HOSTILE)).json()["entry"]
    assert entry["asserting"][0]["name"] == IMG and entry["asserting"][0]["party"] is False
    assert entry["items"] == [f"{SCRIPT} drones"]  # kept as written, shown as text
    assert entry["mentions"][0]["evidence"]["text"] == f"Syria supplied {SCRIPT} drones to Lebanon"


def test_hostile_query_values_are_echoed_escaped_or_refused(client: Client) -> None:
    page = client.get("/transfers", params={"designation": SCRIPT})
    assert page.status_code == 200
    inert(page.text)
    assert "&lt;script&gt;" in page.text
    bad = client.get("/transfers", params={"status": SCRIPT})
    assert bad.status_code == 422
    inert(bad.text)
    missing = client.get(entry_path(SCRIPT))
    assert missing.status_code == 404
    inert(missing.text)


# --- around the ledger ------------------------------------------------------------------------


def test_the_nav_and_the_overview_link_to_the_ledger(client: Client) -> None:
    page = client.get("/").text
    assert '<a href="/transfers">Transfers</a>' in page
    assert "the transfers ledger →" in page


def test_the_api_reference_lists_the_transfer_routes(client: Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/transfers", "/api/transfers/download", "/api/transfers/{key}"} <= set(paths)
    assert "/api/transfers/{key}" in client.get("/docs").text


def test_an_empty_store_says_there_is_nothing_yet(tmp_path_factory: pytest.TempPathFactory) -> None:
    url = f"sqlite:///{tmp_path_factory.mktemp('empty') / 'e.db'}"
    Store(url).close()
    c = Client(create_app(url))
    page = c.get("/transfers").text
    assert "No transfer is reported in this database yet" in page
    assert (
        "transfer-flow-data" in page
        and json.loads(
            re.search(r'id="transfer-flow-data">(.*?)</script>', page, re.S).group(1)  # type: ignore[union-attr]
        )["links"]
        == []
    )
    assert c.get("/api/transfers").json()["entries"] == []
