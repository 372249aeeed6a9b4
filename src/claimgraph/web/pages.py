"""The HTML pages: each route validates its parameters, calls one ``views`` function and renders it.

Unknown ids give a 404 page; the data the static scripts draw from (charts, the network, the
article's records) goes into ``<script type="application/json">`` blocks, escaped by ``tojson``,
never into inline script.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from . import views
from .deps import StoreDep, moved, render
from .params import (
    COUNTRY,
    MAX_ID,
    TRANSFER_KEY,
    ArticleFilters,
    ClaimFilters,
    ClusterFilters,
    NetworkFilters,
    RowId,
    SourceFilters,
    TransferFilters,
)

router = APIRouter(include_in_schema=False)


def _missing(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"There is no {what} in this database.")


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "overview.html", {"nav": "overview", **views.overview(store)})


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, store: StoreDep, f: Annotated[ClaimFilters, Query()]) -> HTMLResponse:
    return render(request, "claims.html", {"nav": "claims", "f": f, **views.claims(store, f)})


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim_page(request: Request, store: StoreDep, claim_id: RowId) -> HTMLResponse:
    data = views.claim(store, claim_id)
    if data is None:
        raise _missing(f"claim {claim_id}")
    return render(request, "claim.html", {"nav": "claims", "record": views.jsonable(data["claim"]), **data})


@router.get("/clusters", response_class=HTMLResponse)
def clusters_page(request: Request, store: StoreDep, f: Annotated[ClusterFilters, Query()]) -> HTMLResponse:
    return render(request, "clusters.html", {"nav": "clusters", "f": f, **views.clusters(store, f)})


@router.get("/clusters/{cluster_id}", response_class=HTMLResponse)
def cluster_page(request: Request, store: StoreDep, cluster_id: RowId) -> Response:
    data = views.cluster(store, cluster_id)
    if data is None:
        moved = store.cluster_redirect(cluster_id)
        if moved is not None:  # merged or split: its reports are there now
            return RedirectResponse(f"/clusters/{moved}", status_code=308)
        raise _missing(f"claim cluster {cluster_id}")
    return render(request, "cluster.html", {"nav": "clusters", **data})


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad_page(
    request: Request,
    store: StoreDep,
    a: Annotated[str, Path(pattern=COUNTRY)],
    b: Annotated[str, Path(pattern=COUNTRY)],
    f: Annotated[ClaimFilters, Query()],
) -> HTMLResponse:
    data = views.dyad(store, a, b, f)
    if data is None:
        raise _missing(f"claim between {a.upper()} and {b.upper()}")
    return render(request, "dyad.html", {"nav": "network", "f": f, **data})


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, store: StoreDep, f: Annotated[NetworkFilters, Query()]) -> HTMLResponse:
    return render(request, "network.html", {"nav": "network", "f": f, "net": views.network(store, f)})


@router.get("/transfers", response_class=HTMLResponse)
def transfers_page(request: Request, store: StoreDep, f: Annotated[TransferFilters, Query()]) -> HTMLResponse:
    data = views.transfers(store, f, paged=True)
    return render(request, "transfers.html", {"nav": "transfers", "f": f, **data})


@router.get("/transfers/{key:path}", response_class=HTMLResponse)
def transfer_page(
    request: Request, store: StoreDep, key: Annotated[str, Path(max_length=TRANSFER_KEY)]
) -> HTMLResponse:
    data = views.transfer(store, key)
    if data is None:
        raise _missing(f"transfers ledger entry {key!r}")
    return render(request, "transfer.html", {"nav": "transfers", **data})


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, store: StoreDep, f: Annotated[ArticleFilters, Query()]) -> HTMLResponse:
    return render(request, "articles.html", {"nav": "articles", "f": f, **views.articles(store, f)})


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(
    request: Request,
    store: StoreDep,
    article_id: str,
    page: Annotated[int, Query(ge=1, le=100_000, description="Page of the claims table.")] = 1,
    claim: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="Show the page holding this claim.")
    ] = None,
) -> HTMLResponse:
    data = views.article(store, article_id, page=page, claim_id=claim)
    if data is None:
        raise _missing(f"article {article_id!r}")
    return render(request, "article.html", {"nav": "articles", **data})


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, store: StoreDep, f: Annotated[SourceFilters, Query()]) -> HTMLResponse:
    return render(request, "sources.html", {"nav": "sources", "f": f, **views.sources(store, f)})


@router.get("/sources/{source_id}", response_class=HTMLResponse)
def source_page(
    request: Request, store: StoreDep, source_id: RowId, f: Annotated[ClaimFilters, Query()]
) -> Response:
    data = views.source(store, source_id, f)
    if data is None:
        went = store.source_redirect(source_id)
        if went is not None:  # merged into another row of the same speaker: its claims are there now
            return moved(request, f"/sources/{went}")
        raise _missing(f"source {source_id}")
    return render(request, "source.html", {"nav": "sources", "f": f, **data})


def openapi_operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The API's operations from its OpenAPI document: method, path, summary, parameters."""
    out = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "in": p["in"],
                    "required": p.get("required", False),
                    "description": p.get("description") or p.get("schema", {}).get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            out.append(
                {"method": method.upper(), "path": path, "summary": op.get("summary", ""), "params": params}
            )
    return out


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """The API reference from FastAPI's OpenAPI document, rendered here (no CDN-loaded Swagger)."""
    ops = openapi_operations(request.app.openapi())
    return render(request, "docs.html", {"nav": "docs", "operations": ops})
