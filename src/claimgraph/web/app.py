"""The web application: pages and a JSON API over one Store, offline, read-only unless given a token.

Modelled on Datasette: the app is a thin shell (each route calls one function of ``views`` or the
Store), every page is escaped by Jinja's autoescape, scripts come from our ``static/`` only and the
Content-Security-Policy forbids any other (no inline script, no CDN), and bad input gets a page
that says what was wrong, never a traceback.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store import QueryError, Store, StoreError
from . import api, pages
from .cache import HeadAsGet, ResponseCache, SecurityHeaders, warm_up
from .deps import STATIC, make_templates, render

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
WARM_PATHS = (
    "/api/stats", "/", "/api/overview", "/network", "/api/network", "/claims", "/clusters", "/articles",
    "/transfers",
)  # fmt: skip
"""The pages over the whole store: the slow ones on a large store, and the ones every visitor opens."""
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or path == "/openapi.json"


# what a pattern-checked parameter should look like, in words (pydantic would print the regex)
PATTERN_HINTS = {
    "actor1": "an actor code: 3 letters, optionally more (IRN, IRNGOV)",
    "actor2": "an actor code: 3 letters, optionally more (RUS, RUSMIL)",
    "code": "a CAMEO code prefix of 2 to 4 digits (07, 072)",
    "dyad": "two 3-letter country codes with a comma between (IRN,RUS)",
    "a": "a 3-letter country code (IRN)",
    "b": "a 3-letter country code (RUS)",
    "supplier": "an actor code: 3 letters, optionally more (IRN, IRNGOV)",
    "recipient": "an actor code: 3 letters, optionally more (RUS, RUSMIL)",
}


def _messages(exc: RequestValidationError) -> list[str]:
    """Validation errors as lines a person can act on: ``since: input should be a valid date``."""
    out = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body")]
        msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
        if err.get("type") == "string_pattern_mismatch" and loc and loc[-1] in PATTERN_HINTS:
            msg = f"should be {PATTERN_HINTS[loc[-1]]}"
        got = err.get("input")
        shown = f" (got {got!r:.80})" if isinstance(got, str | int | float) and loc else ""
        out.append(f"{'.'.join(loc)}: {msg}{shown}" if loc else msg)
    return out


def _error(request: Request, status: int, title: str, messages: list[str]) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": messages, "status": status}, status_code=status)
    return render(
        request, "error.html", {"title": title, "messages": messages, "status": status}, status_code=status
    )


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 422, "Some parameters are not valid", _messages(exc))

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> Response:
        return _error(request, 422, "Some parameters are not valid", [str(exc).lstrip("-")])

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return _error(request, 503, "The database could not answer", [str(exc)])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        titles = {404: "Not found", 403: "Forbidden", 405: "Method not allowed", 401: "Unauthorised"}
        resp = _error(request, exc.status_code, titles.get(exc.status_code, "Error"), [str(exc.detail)])
        for k, v in (exc.headers or {}).items():
            resp.headers[k] = v
        return resp


def create_app(
    store_url: str, *, token: str | None = None, cache_mb: float = 64, warm: bool = True
) -> FastAPI:
    """The web UI and JSON API over the database at ``store_url``.

    Writes (``POST /api/articles``) are accepted only with ``Authorization: Bearer <token>`` and
    only when ``token`` is set; without one the app is read-only. Successful GET responses are
    kept in memory (``cache_mb``, 0 for none) until the store changes (``web/cache.py``); with
    ``warm`` the whole-store pages are computed once at start-up, before the server takes its first
    request, so the first visitors of a large store do not queue behind them.
    """
    store = Store(store_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm and cache_mb > 0:  # before the first connection: the server is ready when it is warm
            env = app.state.templates.env
            for name in env.list_templates(extensions=["html"]):
                env.get_template(name)  # compiled now, not on the first visit of each page
            await warm_up(app, WARM_PATHS)
        yield
        store.close()

    app = FastAPI(
        title="claimgraph",
        version=__version__,
        description="Attributed, CAMEO-coded claims from news: who says who did what to whom, with evidence.",
        docs_url=None,  # FastAPI's Swagger page loads its scripts from a CDN; /docs is ours
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.token = token or None
    app.state.templates = make_templates()

    app.add_middleware(
        ResponseCache,
        version=store.version,
        version_blocks=store.dialect.name != "sqlite",
        max_bytes=int(cache_mb * 1024 * 1024),
    )
    app.add_middleware(SecurityHeaders, headers=SECURITY_HEADERS.items())
    app.add_middleware(HeadAsGet)  # outermost: every layer below sees the GET it answers
    _install_errors(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
