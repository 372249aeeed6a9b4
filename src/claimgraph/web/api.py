"""The JSON API: every page's data at ``/api/...``, downloads of any filtered list, and the one write.

Each route returns what ``views`` computes for the page of the same path, so the API and the pages
cannot drift apart. Downloads reuse the exports (``write_csv``, ``write_claims``) and stream page by
page, so a large list never sits in memory whole.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, StreamingResponse

from ..export import write_claims, write_csv, write_transfers
from ..model import Article
from ..store import Store, StoredClaim, article_id_for
from ..transfers import write_jsonl
from . import views
from .deps import StoreDep, moved
from .params import (
    COUNTRY,
    TRANSFER_KEY,
    ArticleFilters,
    ClaimFilters,
    ClusterDownload,
    ClusterFilters,
    DownloadFilters,
    NetworkFilters,
    NewArticle,
    RowId,
    SourceFilters,
    TransferDownload,
    TransferFilters,
)

router = APIRouter(prefix="/api", tags=["api"])
CHUNK = 1000


def _not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} in this database")


@router.get("/overview", summary="Counts, most active dyads, newest and most contested clusters")
def api_overview(store: StoreDep) -> Any:
    return views.jsonable(views.overview(store))


@router.get("/stats", summary="Counts of articles, claims, clusters and ingest errors")
def api_stats(store: StoreDep) -> dict[str, int]:
    return store.stats()


@router.get("/claims", summary="One page of claims matching the filters, with the total")
def api_claims(store: StoreDep, f: Annotated[ClaimFilters, Query()]) -> Any:
    return views.jsonable(views.claims(store, f))


def _claim_pages(store: Store, f: ClaimFilters) -> Iterator[list[StoredClaim]]:
    """The whole filtered list, a page at a time (each page its own short read)."""
    offset = 0
    while True:
        rows = store.claims(f.query(paged=False, limit=CHUNK, offset=offset))
        if rows:
            yield rows
        if len(rows) < CHUNK:
            return
        offset += CHUNK


def _claims_stream(store: Store, f: DownloadFilters) -> Iterator[str]:
    first = True
    for rows in _claim_pages(store, f):
        buf = io.StringIO()
        if f.format == "csv":
            write_csv(rows, buf)
            text = buf.getvalue()
            # write_csv starts every chunk with the header line (plain column names): keep the first
            yield text if first else text.split("\n", 1)[1]
        elif f.format == "jsonl":
            write_claims(rows, buf)
            yield buf.getvalue()
        else:
            yield ("[\n" if first else ",\n") + ",\n".join(
                json.dumps(sc.to_dict(), ensure_ascii=False) for sc in rows
            )
        first = False
    if f.format == "csv" and first:
        buf = io.StringIO()
        write_csv([], buf)
        yield buf.getvalue()
    elif f.format == "json":
        yield "[]\n" if first else "\n]\n"


_MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson", "json": "application/json"}


@router.get("/claims/download", summary="The whole filtered claim list as CSV, claims JSONL or a JSON list")
def api_claims_download(store: StoreDep, f: Annotated[DownloadFilters, Query()]) -> StreamingResponse:
    return StreamingResponse(
        _claims_stream(store, f),
        media_type=_MEDIA[f.format],
        headers={"Content-Disposition": f'attachment; filename="claims.{f.format}"'},
    )


@router.get(
    "/claims/{claim_id}",
    summary="One claim: the record, its evidence in context, its article and cluster (the permalink's data)",
)
def api_claim(store: StoreDep, claim_id: RowId) -> Any:
    data = views.claim(store, claim_id)
    if data is None:
        raise _not_found(f"claim {claim_id}")
    return views.jsonable({k: data[k] for k in ("claim", "context", "article", "cluster", "links")})


@router.get("/clusters", summary="One page of claim clusters matching the filters")
def api_clusters(store: StoreDep, f: Annotated[ClusterFilters, Query()]) -> Any:
    return views.jsonable(views.clusters(store, f))


CLUSTER_COLUMNS = (
    "id", "label", "words", "actor1", "actor2", "root", "cameo", "object", "first_seen", "last_seen",
    "n_claims", "n_articles", "n_outlets", "outlets", "asserting", "denying", "questioning",
)  # fmt: skip


def _cluster_cell(value: Any) -> str:
    if isinstance(value, list):
        value = "; ".join(
            v["name"] or v["actor"] or v["kind"] if isinstance(v, dict) else str(v) for v in value
        )
    text = "" if value is None else str(value)
    # the exports' rule: a cell a spreadsheet would run as a formula gets a leading quote
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r", "'")) else text


@router.get("/clusters/download", summary="The whole filtered cluster list as JSON or CSV")
def api_clusters_download(store: StoreDep, f: Annotated[ClusterDownload, Query()]) -> StreamingResponse:
    items = [views.jsonable(c) for c in store.clusters(f.query(paged=False))]
    if f.format == "json":
        body = json.dumps(items, ensure_ascii=False, indent=1) + "\n"
    else:
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(CLUSTER_COLUMNS)
        w.writerows([_cluster_cell(c[k]) for k in CLUSTER_COLUMNS] for c in items)
        body = buf.getvalue()
    return StreamingResponse(
        iter([body]),
        media_type=_MEDIA[f.format],
        headers={"Content-Disposition": f'attachment; filename="clusters.{f.format}"'},
    )


@router.get("/clusters/{cluster_id}", summary="One cluster: sources by stance, reports in order, timeline")
def api_cluster(store: StoreDep, cluster_id: RowId) -> Any:
    data = views.cluster(store, cluster_id)
    if data is None:
        moved = store.cluster_redirect(cluster_id)
        if moved is not None:  # merged or split: its reports are there now
            return RedirectResponse(f"/api/clusters/{moved}", status_code=308)
        raise _not_found(f"cluster {cluster_id}")
    return views.jsonable(data)


@router.get("/dyads", summary="The most frequent actor pairs among the claims matching the filters")
def api_dyads(
    store: StoreDep,
    f: Annotated[ClaimFilters, Query()],
    limit: Annotated[int, Query(ge=1, le=500, description="How many pairs.")] = 20,
) -> Any:
    return views.jsonable(store.dyads(f.query(paged=False), limit=limit))


@router.get("/dyads/{a}/{b}", summary="Claims between two countries over time by quad class, both directions")
def api_dyad(
    store: StoreDep,
    a: Annotated[str, Path(pattern=COUNTRY, description="A country code (3 letters).")],
    b: Annotated[str, Path(pattern=COUNTRY, description="Another country code.")],
    f: Annotated[ClaimFilters, Query()],
) -> Any:
    data = views.dyad(store, a, b, f)
    if data is None:
        raise _not_found(f"claim between {a.upper()} and {b.upper()}")
    return views.jsonable(data)


@router.get("/network", summary="Countries as nodes, claims between them as edges by quad class and stance")
def api_network(store: StoreDep, f: Annotated[NetworkFilters, Query()]) -> Any:
    return views.network(store, f)


@router.get("/transfers", summary="The transfers ledger: who supplies what to whom, who says so, its status")
def api_transfers(store: StoreDep, f: Annotated[TransferFilters, Query()]) -> Any:
    return views.jsonable(views.transfers(store, f))


@router.get(
    "/transfers/download", summary="The filtered transfers ledger as CSV (the export's columns) or JSONL"
)
def api_transfers_download(store: StoreDep, f: Annotated[TransferDownload, Query()]) -> StreamingResponse:
    entries = views.transfers(store, f)["entries"]
    buf = io.StringIO()
    if f.format == "csv":
        write_transfers(entries, buf)
    else:
        write_jsonl(entries, buf)
    return StreamingResponse(
        iter([buf.getvalue()]),
        media_type=_MEDIA[f.format],
        headers={"Content-Disposition": f'attachment; filename="transfers.{f.format}"'},
    )


@router.get(
    "/transfers/{key:path}", summary="One ledger entry (IRN>RUS/uav) with all its mentions and evidence"
)
def api_transfer(
    store: StoreDep,
    key: Annotated[str, Path(max_length=TRANSFER_KEY, description="The entry's key: IRN>RUS/uav.")],
) -> Any:
    data = views.transfer(store, key)
    if data is None:
        raise _not_found(f"transfers ledger entry {key!r}")
    return views.jsonable({"entry": data["entry"], "titles": data["titles"]})


@router.get("/articles", summary="One page of articles, newest first, without their text")
def api_articles(store: StoreDep, f: Annotated[ArticleFilters, Query()]) -> Any:
    return views.jsonable(views.articles(store, f))


@router.get("/articles/{article_id:path}", summary="One article with its text and its claims")
def api_article(store: StoreDep, article_id: str) -> Any:
    data = views.article(store, article_id)
    if data is None:
        raise _not_found(f"article {article_id!r}")
    return views.jsonable({"article": data["article"], "claims": data["claims"]})


@router.get("/sources", summary="One page of sources, one per speaker, most claims first, with the total")
def api_sources(store: StoreDep, f: Annotated[SourceFilters, Query()]) -> Any:
    return views.jsonable(views.sources(store, f))


@router.get("/sources/{source_id}", summary="A source: stance counts, dyads, one page of its claims")
def api_source(
    request: Request, store: StoreDep, source_id: RowId, f: Annotated[ClaimFilters, Query()]
) -> Any:
    data = views.source(store, source_id, f)
    if data is None:
        went = store.source_redirect(source_id)
        if went is not None:  # merged into another row of the same speaker: its claims are there now
            return moved(request, f"/api/sources/{went}")
        raise _not_found(f"source {source_id}")
    return views.jsonable(data)


def _ingest_one(store: Store, article: Article) -> dict[str, Any]:
    """Extract and store one article, then rebuild the clusters (the ingest pipeline, for one text)."""
    from ..ingest import default_extractor

    ext = default_extractor(batch_size=1)
    stored = False
    n = 0
    for art, claims in ext.extract([article]):
        stored = store.add_article(art, claims, extractor_version=ext.version)
        n = len(claims)
    clusters = store.recluster() if stored else None
    return {"article_id": article.id, "stored": stored, "claims": n if stored else 0, "clusters": clusters}


def require_token(
    request: Request,
    authorization: Annotated[str | None, Header(description="Bearer <token>")] = None,
) -> None:
    """403 unless the server has a token and the request carries it (checked before the body is read)."""
    token: str | None = request.app.state.token
    if token is None:
        raise HTTPException(403, "this server is read-only: start it with --token to accept articles")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(403, "missing or wrong bearer token (send Authorization: Bearer <token>)")


@router.post(
    "/articles",
    status_code=201,
    summary="Ingest one article (needs the server's --token as a bearer token)",
    responses={
        403: {"description": "No token configured, or a wrong one."},
        409: {"description": "Stored already."},
    },
    dependencies=[Depends(require_token)],
)
async def api_post_article(store: StoreDep, body: NewArticle) -> Any:
    aid = body.id or article_id_for(body.text)
    article = Article(
        id=aid,
        text=body.text,
        title=body.title,
        url=body.url,
        outlet=body.outlet,
        published=body.published.isoformat() if body.published else None,
    )
    result = await run_in_threadpool(_ingest_one, store, article)
    if not result["stored"]:
        raise HTTPException(409, f"article {aid!r} (or the same text) is stored already")
    return result
