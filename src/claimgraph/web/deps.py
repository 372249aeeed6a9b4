"""What every route needs: the Store, the templates, and rendering a page with its status."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import __version__
from ..store import Store
from ..transfers import CATEGORIES, STATUSES
from . import present

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def moved(request: Request, path: str) -> RedirectResponse:
    """A permanent redirect to ``path`` (an id that merged into another), keeping the request's
    filters and page, so a cited link lands on the same view of the row that took its place."""
    query = request.url.query
    return RedirectResponse(f"{path}?{query}" if query else path, status_code=308)


def make_templates() -> Jinja2Templates:
    """Jinja2 with autoescape on for every template: all text from articles is untrusted."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        actor_name=present.actor_name,
        cameo_name=present.cameo_name,
        quad_name=present.quad_name,
        quad_of=present.quad_of,
        source_label=present.source_label,
        event_words=present.event_words,
        cluster_words=present.cluster_words,
        link=present.url_for_query,
        part=present.path_part,
        safe_href=present.safe_href,
        QUADS=present.QUADS,
        CATEGORIES=CATEGORIES,
        STATUSES=STATUSES,
        STATUS_WHY=present.STATUS_WHY,
        version=__version__,
    )
    return Jinja2Templates(env=env)


def get_store(request: Request) -> Store:
    """The app's one Store (opened by ``create_app``)."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


def render(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    """A page from its template; ``request`` goes in the context for the navigation's active tab."""
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, template, {"request": request, **context}, status_code=status_code
    )
