"""Web security: headers on every response, formula-safe CSV, a constant-time token, no file outside
``static/`` by any path, and every query parameter validated (422 with a reason, never a 500)."""

from __future__ import annotations

import asyncio
import csv
import inspect
import io
import re
from datetime import date
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

import httpx
import pytest
from pydantic import BaseModel

from claimgraph.cameo import action_for
from claimgraph.export import write_csv
from claimgraph.model import Actor, Article, Claim, Cue, Event, Evidence, Source
from claimgraph.store import Store
from claimgraph.web import api, create_app
from claimgraph.web.app import SECURITY_HEADERS
from claimgraph.web.params import (
    ArticleFilters,
    ClaimFilters,
    ClusterDownload,
    ClusterFilters,
    DownloadFilters,
    NetworkFilters,
)

FORMULAS = ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
TEXT = " ".join(f"Officials said {f} happened." for f in FORMULAS) + " Iran said Russia attacked Ukraine."


def _claims() -> list[Claim]:
    out = []
    for f in FORMULAS:
        start = TEXT.index(f)
        out.append(
            Claim(
                article_id=None,
                evidence=Evidence(start=start, end=start + len(f), text=f),
                source=Source(text="Officials", name=f, kind="person", role=f, start=0, end=9),
                cue=Cue(text="said", lemma="say"),
                event=Event(
                    actor1=Actor(text="Iran", code="IRN"),
                    action=action_for("190"),
                    actor2=Actor(text="Russia", code="RUS"),
                    object=f,
                ),
                rule=f,
            )
        )
    return out


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Any:
    url = f"sqlite:///{tmp_path_factory.mktemp('sec') / 's.db'}"
    with Store(url) as store:
        art = Article(id="a1", text=TEXT, title="=cmd()", outlet="@outlet", published="2024-01-02")
        store.add_article(art, _claims(), extractor_version="test")
        store.recluster()
    return create_app(url, token="s3cret-token")


def _get(app: Any, path: str, **kw: Any) -> httpx.Response:
    async def go() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            return await c.request(kw.pop("method", "GET"), path, **kw)

    return asyncio.run(go())


def _raw(app: Any, path: str) -> tuple[int, dict[str, str], bytes]:
    """A request with the path exactly as given (httpx would normalise ``..`` away)."""
    raw = path.encode("utf-8", "surrogateescape")
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": raw, "root_path": "", "query_string": b"",
        "headers": [(b"host", b"t")], "client": ("127.0.0.1", 1), "server": ("t", 80),
    }  # fmt: skip
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], headers, body


# --- headers -------------------------------------------------------------------------------------

EVERY_KIND = [
    ("/", 200),
    ("/claims", 200),
    ("/api/claims", 200),
    ("/api/claims/download?format=csv", 200),
    ("/static/style.css", 200),
    ("/static/no-such-file.js", 404),
    ("/no/such/page", 404),
    ("/api/no-such", 404),
    ("/articles/no-such-article", 404),
    ("/claims?since=not-a-date", 422),
    ("/api/claims?page=0", 422),
    ("/clusters/not-a-number", 422),
    ("/claims/1", 200),
    ("/api/claims/1", 200),
    ("/claims/999999", 404),
    ("/api/claims/999999", 404),
    ("/claims/not-a-number", 422),
    ("/api/claims/0", 422),
]


@pytest.mark.parametrize(("path", "status"), EVERY_KIND)
def test_security_headers_on_every_response(app: Any, path: str, status: int) -> None:
    r = _get(app, path)
    assert r.status_code == status
    for k, v in SECURITY_HEADERS.items():
        assert r.headers.get(k) == v, (path, k)
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert "unsafe-inline" not in r.headers["content-security-policy"]


@pytest.mark.parametrize(
    ("method", "path"), [("POST", "/claims"), ("DELETE", "/api/claims"), ("POST", "/api/articles")]
)
def test_security_headers_on_refused_methods(app: Any, method: str, path: str) -> None:
    r = _get(app, path, method=method)
    assert r.status_code in (403, 405)
    assert all(r.headers.get(k) == v for k, v in SECURITY_HEADERS.items())


# --- spreadsheet formulas ------------------------------------------------------------------------


def _cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def _no_formula(cells: list[str]) -> None:
    # a plain negative number (a Goldstein score) is data, not a formula
    bad = [
        c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"-\d+(\.\d+)?", c)
    ]
    assert not bad, bad


def test_claims_csv_download_neutralises_formulas(app: Any) -> None:
    r = _get(app, "/api/claims/download?format=csv")
    cells = _cells(r.text)
    _no_formula(cells)
    assert '\'=HYPERLINK("http://x")' in cells and "'@SUM(A1)" in cells


def test_clusters_csv_download_neutralises_formulas(app: Any) -> None:
    r = _get(app, "/api/clusters/download?format=csv")
    assert r.status_code == 200
    _no_formula(_cells(r.text))


def test_csv_export_neutralises_formulas(app: Any) -> None:
    store: Store = app.state.store
    buf = io.StringIO()
    write_csv(store.claims(), buf)
    cells = _cells(buf.getvalue())
    _no_formula(cells)
    assert "'-2+3" in cells


# --- the write token ------------------------------------------------------------------------------


def test_token_is_compared_in_constant_time() -> None:
    src = inspect.getsource(api.require_token)
    assert "hmac.compare_digest(" in src
    # no plain comparison of the token anywhere in the web package
    for mod in (api,):
        assert not re.search(r"(token|given)\s*[!=]=\s*\w", inspect.getsource(mod))


@pytest.mark.parametrize(
    "auth",
    [None, "", "Bearer", "Bearer wrong", "Basic s3cret-token", "Bearer s3cret-token-longer", "s3cret-token"],
)
def test_wrong_or_missing_token_is_refused_before_the_body(app: Any, auth: str | None) -> None:
    headers = {"Authorization": auth} if auth is not None else {}
    r = _get(app, "/api/articles", method="POST", headers=headers, content=b"{not json")
    assert r.status_code == 403


def test_read_only_server_refuses_writes(tmp_path: Any) -> None:
    ro = create_app(f"sqlite:///{tmp_path / 'ro.db'}")
    r = _get(ro, "/api/articles", method="POST", headers={"Authorization": "Bearer x"}, json={"text": "x"})
    assert r.status_code == 403 and "read-only" in r.text


# --- static files ---------------------------------------------------------------------------------

TRAVERSALS = [
    "/static/../../etc/passwd",
    "/static/../../../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/etc/passwd",
    "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/static/%252e%252e/%252e%252e/etc/passwd",
    "/static/..\\..\\..\\etc\\passwd",
    "/static//etc/passwd",
    "/static/....//....//etc/passwd",
    "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/static/style.css/../../../app.py",
    "/static/../app.py",
    "/static/../templates/base.html",
    "/static/etc/passwd%00.css",
    "/static/\x00",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_path_reads_outside_static(app: Any, path: str) -> None:
    # both as sent by a client (percent-encoded) and as a server decodes it
    from urllib.parse import unquote

    for p in {path, unquote(path)}:
        status, headers, body = _raw(app, p)
        assert status in (400, 404, 405), (p, status)
        assert b"root:" not in body and b"import " not in body and b"{%" not in body
        assert headers.get("x-content-type-options") == "nosniff"


# --- query parameters -------------------------------------------------------------------------------

ROUTES: list[tuple[str, type[BaseModel]]] = [
    ("/claims", ClaimFilters),
    ("/api/claims", ClaimFilters),
    ("/api/claims/download", DownloadFilters),
    ("/clusters", ClusterFilters),
    ("/api/clusters", ClusterFilters),
    ("/api/clusters/download", ClusterDownload),
    ("/network", NetworkFilters),
    ("/api/network", NetworkFilters),
    ("/articles", ArticleFilters),
    ("/api/articles", ArticleFilters),
]


def _bad_values(field: Any) -> list[str]:
    """Values the field's declared type or constraints refuse."""
    ann = field.annotation
    kind = ann
    if get_origin(ann) in (Union, UnionType):  # X | None
        kind = next(a for a in get_args(ann) if a is not type(None))
    if kind is int:
        out = ["x", "1.5", "1e3", "99999999999999999999999"]
        for m in field.metadata:
            if getattr(m, "ge", None) is not None:
                out.append(str(m.ge - 1))
            if getattr(m, "le", None) is not None:
                out.append(str(m.le + 1))
        return out
    if kind is bool:
        return ["maybe", "2"]
    if kind is date:
        return ["2024-13-45", "yesterday", "2024-02-30", "'; DROP TABLE claims; --"]
    if get_origin(kind) is Literal:
        return ["bogus", "<script>"]
    if kind is str:
        out = []
        if any(getattr(m, "pattern", None) for m in field.metadata):
            out += ["<script>", "IRN;DROP", "I", "1234567890123456789"]
        if any(getattr(m, "max_length", None) for m in field.metadata):
            out.append("a" * 10_001)
        return out
    return []


CASES = [
    (route, name, value)
    for route, model in ROUTES
    for name, field in model.model_fields.items()
    for value in _bad_values(field)
]


def test_every_parameter_has_bad_values() -> None:
    """Each declared parameter gets at least one refused value (or is a free, capped text)."""
    covered = {(r, n) for r, n, _ in CASES}
    for route, model in ROUTES:
        for name in model.model_fields:
            assert (route, name) in covered, f"{route} {name} is not validated"


@pytest.mark.parametrize(("route", "name", "value"), CASES, ids=[f"{r}-{n}-{v[:12]!r}" for r, n, v in CASES])
def test_every_query_parameter_is_validated(app: Any, route: str, name: str, value: str) -> None:
    r = _get(app, route, params={name: value})
    assert r.status_code == 422, (route, name, value, r.status_code, r.text[:300])
    assert name in r.text  # the message names the parameter
    assert "Traceback" not in r.text


def test_since_after_until_is_refused(app: Any) -> None:
    assert _get(app, "/api/claims?since=2024-05-01&until=2024-01-01").status_code == 422


@pytest.mark.parametrize(
    "path",
    [
        "/clusters/0x10",
        "/clusters/-1",
        "/sources/abc",
        "/dyads/IRNX/RUS",
        "/api/dyads/1/2",
        "/api/sources/1e9",
        "/claims/0x10",
        "/claims/-1",
        "/claims/1.5",
        "/api/claims/1e9",
        "/api/claims/9223372036854775808",
    ],
)
def test_path_parameters_are_validated(app: Any, path: str) -> None:
    assert _get(app, path).status_code in (404, 422)
