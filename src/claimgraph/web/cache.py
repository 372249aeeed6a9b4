"""A response cache for the read-only web UI: each GET computed once per version of the store.

A claimgraph store changes only when an ingest commits, while analysts browsing it ask for the same
overview, network and first pages again and again; the whole-store aggregates behind them take
hundreds of milliseconds at 100,000 claims. So successful GET responses are kept, whole, keyed by
path and query string, until ``Store.version()`` says somebody committed (any process, any
connection), when the cache is emptied. Concurrent requests for a page being computed wait for
that one computation instead of repeating it ("single flight"), which is what keeps a burst of
users arriving at once from queueing behind dozens of copies of the same aggregate.

Only complete ``200`` responses up to ``max_entry`` bytes are kept, within ``max_bytes`` in all
(least recently used out first). Responses depend on nothing but the path and query: no cookies,
no content negotiation for successes, absolute URLs nowhere (errors, which do depend on
``Accept``, are never kept). When the store cannot tell its version (an in-memory database, or a
server without the means) nothing is cached.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("claimgraph.web")
CACHE_HEADER = b"x-claimgraph-cache"
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_ENTRY = 4 * 1024 * 1024


@dataclass(frozen=True)
class _Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ResponseCache:
    """ASGI middleware keeping whole GET responses until the store's version changes."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        version: Callable[[], str | None],
        version_blocks: bool = False,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_entry: int = DEFAULT_MAX_ENTRY,
    ) -> None:
        """``version`` is asked once per GET; ``version_blocks`` runs it in a thread (a round trip)."""
        self.app = app
        self._version = version
        self._version_blocks = version_blocks
        self.max_bytes = max_bytes
        self.max_entry = min(max_entry, max_bytes)
        self._entries: OrderedDict[tuple[str, bytes], _Entry] = OrderedDict()
        self._bytes = 0
        self._token: str | None = None
        self._inflight: dict[tuple[str, bytes], asyncio.Event] = {}
        self.hits = 0
        self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or self.max_bytes <= 0:
            await self.app(scope, receive, send)
            return
        token = await run_in_threadpool(self._version) if self._version_blocks else self._version()
        if token is None:
            await self.app(scope, receive, send)
            return
        if token != self._token:
            self.clear()
            self._token = token
        key = (scope.get("root_path", "") + scope["path"], scope.get("query_string", b""))
        while (event := self._inflight.get(key)) is not None:
            await event.wait()  # the same page is being computed: wait for it instead of repeating it
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
            self.hits += 1
            await _replay(entry, send)
            return
        self.misses += 1
        event = self._inflight[key] = asyncio.Event()
        try:
            await self._compute(key, token, scope, receive, send)
        finally:
            del self._inflight[key]
            event.set()

    async def _compute(
        self, key: tuple[str, bytes], token: str, scope: Scope, receive: Receive, send: Send
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                start = message
                keep = message["status"] == 200
                message = {**message, "headers": [*message.get("headers", []), (CACHE_HEADER, b"miss")]}
            elif message["type"] == "http.response.body" and keep:
                body = message.get("body", b"")
                size += len(body)
                if size > self.max_entry:
                    keep = False
                    chunks.clear()
                else:
                    chunks.append(body)
                    if not message.get("more_body", False) and start is not None and token == self._token:
                        self._store(
                            key, _Entry(start["status"], list(start.get("headers", [])), b"".join(chunks))
                        )
            await send(message)

        await self.app(scope, receive, capture)

    def _store(self, key: tuple[str, bytes], entry: _Entry) -> None:
        self._entries[key] = entry
        self._bytes += len(entry.body)
        while self._bytes > self.max_bytes and self._entries:
            _, old = self._entries.popitem(last=False)
            self._bytes -= len(old.body)

    def clear(self) -> None:
        """Forget every kept response (the store changed)."""
        self._entries.clear()
        self._bytes = 0

    def stats(self) -> dict[str, int]:
        """Entries, bytes, hits and misses since the server started."""
        return {"entries": len(self._entries), "bytes": self._bytes, "hits": self.hits, "misses": self.misses}


async def _replay(entry: _Entry, send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": entry.status,
            "headers": [*entry.headers, (CACHE_HEADER, b"hit")],
        }
    )
    await send({"type": "http.response.body", "body": entry.body, "more_body": False})


class SecurityHeaders:
    """ASGI middleware setting the given headers on every response that does not set them itself.

    A plain ASGI wrapper rather than ``@app.middleware("http")``: that one runs each response
    through an extra task and stream, a measurable cost on a server answering mostly from cache.
    """

    def __init__(self, app: ASGIApp, headers: Iterable[tuple[str, str]]) -> None:
        self.app = app
        self._headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self._headers if k not in have]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


class HeadAsGet:
    """ASGI middleware answering HEAD on every GET route: the GET's status and headers, no body.

    FastAPI routes declared with ``@router.get`` answer HEAD with 405, which breaks ``curl -I``,
    uptime monitors and link checkers. Content-Length stays the GET's, as HTTP asks.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


async def warm_up(app: ASGIApp, paths: Iterable[str]) -> None:
    """GET each path through ``app`` (and so through its cache), one after another, discarding the answers."""

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def discard(_message: Message) -> None:
        return None

    for path in paths:
        scope: Scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": [(b"host", b"localhost"), (b"user-agent", b"claimgraph-warm-up")],
            "client": ("127.0.0.1", 0),
            "server": ("127.0.0.1", 0),
        }
        try:
            await app(scope, receive, discard)
        except Exception as exc:  # warming is a courtesy: a page that fails will fail for its visitor too
            log.warning("warming %s failed: %s", path, exc)
