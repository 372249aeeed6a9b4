"""The web app's response cache: kept until the store changes, one computation per page at a time.

The middleware is tested twice: alone, around a counting ASGI app (single flight, size bounds,
invalidation), and inside the real app on a file store, where a commit by another connection
must show on the next request.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from starlette.types import Message, Receive, Scope, Send

from claimgraph.store import Store
from claimgraph.web import create_app
from claimgraph.web.cache import CACHE_HEADER, ResponseCache, SecurityHeaders
from test_web import Client, fill

# --- the middleware alone ----------------------------------------------------------------------


class Counting:
    """An ASGI app that answers ``/<n>`` with n bytes (after a pause), and counts its calls."""

    def __init__(self, status: int = 200, pause: float = 0.0) -> None:
        self.calls = 0
        self.status = status
        self.pause = pause

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls += 1
        await asyncio.sleep(self.pause)
        n = int(scope["path"].strip("/") or 1)
        await send({"type": "http.response.start", "status": self.status, "headers": [(b"x-n", b"%d" % n)]})
        half = n // 2
        await send({"type": "http.response.body", "body": b"a" * half, "more_body": True})
        await send({"type": "http.response.body", "body": b"b" * (n - half), "more_body": False})


async def _get(app: Any, path: str, method: str = "GET") -> tuple[int, dict[bytes, bytes], bytes]:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "query_string": b"", "headers": []}
    await app(scope, receive, send)
    start = sent[0]
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], dict(start["headers"]), body


def test_a_page_is_computed_once_until_the_version_changes() -> None:
    inner, version = Counting(), ["v1"]
    cache = ResponseCache(inner, version=lambda: version[0])

    async def go() -> None:
        first = await _get(cache, "/10")
        again = await _get(cache, "/10")
        assert first[2] == again[2] == b"aaaaabbbbb"
        assert (first[1][CACHE_HEADER], again[1][CACHE_HEADER]) == (b"miss", b"hit")
        assert again[1][b"x-n"] == b"10"
        assert inner.calls == 1
        version[0] = "v2"  # somebody committed
        assert (await _get(cache, "/10"))[1][CACHE_HEADER] == b"miss"
        assert inner.calls == 2

    asyncio.run(go())


def test_concurrent_requests_for_one_page_wait_for_one_computation() -> None:
    inner = Counting(pause=0.05)
    cache = ResponseCache(inner, version=lambda: "v")

    async def go() -> list[tuple[int, dict[bytes, bytes], bytes]]:
        return await asyncio.gather(*(_get(cache, "/7") for _ in range(20)))

    answers = asyncio.run(go())
    assert inner.calls == 1
    assert {a[2] for a in answers} == {b"aaabbbb"}
    assert sorted(a[1][CACHE_HEADER] for a in answers) == [b"hit"] * 19 + [b"miss"]


def test_errors_other_methods_and_unknown_versions_are_never_kept() -> None:
    async def go() -> None:
        failing = Counting(status=500)
        cache = ResponseCache(failing, version=lambda: "v")
        await _get(cache, "/3")
        await _get(cache, "/3")
        assert failing.calls == 2

        inner = Counting()
        cache = ResponseCache(inner, version=lambda: "v")
        await _get(cache, "/3", method="POST")
        await _get(cache, "/3", method="HEAD")
        assert inner.calls == 2 and cache.stats()["entries"] == 0

        blind = Counting()
        cache = ResponseCache(blind, version=lambda: None)  # an in-memory store cannot tell
        await _get(cache, "/3")
        status, headers, _ = await _get(cache, "/3")
        assert blind.calls == 2 and CACHE_HEADER not in headers and status == 200

    asyncio.run(go())


def test_the_cache_stays_within_its_bounds() -> None:
    inner = Counting()
    cache = ResponseCache(inner, version=lambda: "v", max_bytes=100, max_entry=40)

    async def go() -> None:
        big = await _get(cache, "/50")  # over max_entry: served whole, not kept
        assert len(big[2]) == 50 and cache.stats()["entries"] == 0
        for n in (30, 31, 32, 33):  # 126 bytes: the oldest goes
            await _get(cache, f"/{n}")
        assert cache.stats()["bytes"] <= 100
        assert (await _get(cache, "/33"))[1][CACHE_HEADER] == b"hit"
        assert (await _get(cache, "/30"))[1][CACHE_HEADER] == b"miss"

    asyncio.run(go())


def test_security_headers_do_not_override_a_response_s_own() -> None:
    app = SecurityHeaders(Counting(), headers=[("X-N", "0"), ("X-Frame-Options", "DENY")])
    _, headers, _ = asyncio.run(_get(app, "/2"))
    assert headers[b"x-n"] == b"2" and headers[b"x-frame-options"] == b"DENY"


# --- inside the app, on a file store -----------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cache.db'}"
    with Store(url) as store:
        fill(store)
    return url


def test_the_app_serves_repeat_pages_from_cache_with_security_headers(db: str) -> None:
    client = Client(create_app(db, warm=False))
    first, second = client.get("/claims"), client.get("/claims")
    assert first.status_code == second.status_code == 200
    assert first.text == second.text
    assert first.headers["x-claimgraph-cache"] == "miss"
    assert second.headers["x-claimgraph-cache"] == "hit"
    for name in ("content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options"):
        assert name in second.headers
    assert client.get("/claims?stance=denies").headers["x-claimgraph-cache"] == "miss"  # the query is the key


def test_a_commit_by_another_process_shows_on_the_next_request(db: str) -> None:
    client = Client(create_app(db, warm=False))
    before = client.get("/api/stats").json()
    assert client.get("/api/stats").headers["x-claimgraph-cache"] == "hit"
    with Store(db) as other:  # as an ingest running beside the server would
        other.add_error(input="late.txt", reason="written while the server runs")
    after = client.get("/api/stats")
    assert after.headers["x-claimgraph-cache"] == "miss"
    assert after.json()["errors"] == before["errors"] + 1


def test_a_post_through_the_app_shows_on_the_next_request(tmp_path: Path) -> None:
    client = Client(create_app(f"sqlite:///{tmp_path / 'post.db'}", token="t", warm=False))
    assert client.get("/api/stats").json()["articles"] == 0
    auth = {"Authorization": "Bearer t"}
    text = "Russian forces shelled Kharkiv on Monday, Ukrainian officials said."
    assert client.post("/api/articles", json={"id": "p1", "text": text}, headers=auth).status_code == 201
    assert client.get("/api/stats").json()["articles"] == 1


def test_invalid_parameters_are_answered_afresh_every_time(db: str) -> None:
    client = Client(create_app(db, warm=False))
    for _ in range(2):
        r = client.get("/claims?since=yesterday")
        assert r.status_code == 422 and r.headers["x-claimgraph-cache"] == "miss"


def test_no_cache_means_no_cache(db: str) -> None:
    client = Client(create_app(db, cache_mb=0, warm=False))
    client.get("/claims")
    assert "x-claimgraph-cache" not in client.get("/claims").headers


def test_warm_up_fills_the_whole_store_pages_at_start(db: str) -> None:
    from claimgraph.web.app import WARM_PATHS
    from claimgraph.web.cache import warm_up

    app = create_app(db, warm=False)
    client = Client(app)
    client.get("/api/stats")  # builds the middleware stack

    asyncio.run(warm_up(app, WARM_PATHS))
    for path in WARM_PATHS:
        assert client.get(path).headers["x-claimgraph-cache"] == "hit", path


def test_serve_with_workers_starts_uvicorn_from_the_factory(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from click.testing import CliRunner

    from claimgraph.cli import main
    from claimgraph.web.env import APP_FACTORY, SERVE_CACHE_MB, SERVE_DB, SERVE_TOKEN, app_from_env

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    for name in (SERVE_DB, SERVE_CACHE_MB, SERVE_TOKEN):  # the command sets them: restore them after
        monkeypatch.setenv(name, "")
    result = CliRunner().invoke(main, ["serve", "--db", db, "--workers", "2", "--cache-mb", "8"])
    assert result.exit_code == 0, result.output
    assert seen["app"] == APP_FACTORY and seen["factory"] is True and seen["workers"] == 2
    assert "2 processes" in result.output
    client = Client(app_from_env())  # what each worker process runs
    assert client.get("/api/stats").json()["claims"] > 0
