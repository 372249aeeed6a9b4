"""Query parameters of the pages and the API, validated before anything reaches the Store.

FastAPI turns a bad value into a 422 naming the parameter (``app.py`` renders it as a page or as
JSON), so the Store only ever sees codes, dates and numbers it can use. An empty form field means
"no filter", as a browser submits one for every input left blank.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..model import SourceKind
from ..store import ClaimQuery, ClusterQuery, SourceQuery
from ..transfers import CATEGORIES, TransferQuery

ACTOR = r"^[A-Za-z]{3}[A-Za-z0-9]{0,12}$"
COUNTRY = r"^[A-Za-z]{3}$"
CAMEO = r"^[0-9]{2,4}$"
MAX_ID = 2**63 - 1
"""The largest row id SQLite stores: a larger number in a URL is a 422, not an overflow in the driver."""
RowId = Annotated[int, Path(ge=1, le=MAX_ID, description="A row id.")]
TRANSFER_KEY = 300  # the longest ledger key a path may carry (IRN>RUS/uav/Shahed-136)
Stance = Literal["asserts", "denies", "questions"]


def _blank_to_none(v: Any) -> Any:
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return v


class _Params(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _blank(cls, v: Any) -> Any:
        return _blank_to_none(v)

    @model_validator(mode="after")
    def _dates(self) -> _Params:
        since, until = getattr(self, "since", None), getattr(self, "until", None)
        if since and until and since > until:
            raise ValueError(f"since ({since}) is after until ({until})")
        return self

    def link_args(self, **override: Any) -> dict[str, str]:
        """The non-default parameters as strings, for links to other pages of the same list."""
        data = self.model_dump(exclude_defaults=True)
        data.update(override)
        return {
            k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in data.items() if v is not None
        }


class Page(_Params):
    """Which page of a list; ``per_page`` is capped so no request reads the whole store."""

    page: int = Field(1, ge=1, le=100_000, description="Page number, from 1.")
    per_page: int = Field(50, ge=1, le=500, description="Rows per page (at most 500).")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


class ClaimFilters(Page):
    """The claim filters of the pages and the API; they become one ``ClaimQuery``."""

    actor1: str | None = Field(None, pattern=ACTOR, description="Actor 1 code prefix (IRN matches IRNGOV).")
    actor2: str | None = Field(None, pattern=ACTOR, description="Actor 2 code prefix.")
    dyad: str | None = Field(
        None, pattern=r"^[A-Za-z]{3},[A-Za-z]{3}$", description="Two countries, both directions: IRN,RUS."
    )
    code: str | None = Field(None, pattern=CAMEO, description="CAMEO code prefix: 07 (a root) or 072.")
    stance: Stance | None = Field(None, description="The source's stance.")
    source: str | None = Field(None, max_length=200, description="Source name contains (case-insensitive).")
    source_id: int | None = Field(None, ge=1, le=MAX_ID, description="One stored source.")
    outlet: str | None = Field(None, max_length=200, description="Outlet contains (case-insensitive).")
    since: date | None = Field(None, description="Published on or after (YYYY-MM-DD).")
    until: date | None = Field(None, description="Published on or before (YYYY-MM-DD).")
    text: str | None = Field(None, max_length=200, description="Full-text search in the evidence.")
    article_id: str | None = Field(None, max_length=500, description="One article.")
    cluster_id: int | None = Field(None, ge=1, le=MAX_ID, description="One claim cluster.")
    event: Literal["coded", "uncoded"] | None = Field(
        None, description="coded: records with a CAMEO-coded event; uncoded: those without (event null)."
    )
    order: Literal["newest", "oldest"] = Field("newest", description="Publication order.")

    def query(self, *, paged: bool = True, **override: Any) -> ClaimQuery:
        """The ClaimQuery of these filters (one page of it unless ``paged`` is False)."""
        dyad = tuple(self.dyad.upper().split(",")) if self.dyad else None
        kw: dict[str, Any] = {
            "actor1": self.actor1,
            "actor2": self.actor2,
            "dyad": dyad,
            "code": self.code,
            "stance": self.stance,
            "source": self.source,
            "source_id": self.source_id,
            "outlet": self.outlet,
            "since": self.since,
            "until": self.until,
            "text": self.text,
            "article_id": self.article_id,
            "cluster_id": self.cluster_id,
            "coded": None if self.event is None else self.event == "coded",
            "newest_first": self.order == "newest",
        }
        if paged:
            kw.update(limit=self.per_page, offset=self.offset)
        kw.update(override)
        return ClaimQuery(**kw)

    @property
    def active(self) -> bool:
        """Whether any filter (not just paging or order) is set."""
        return bool(self.model_dump(exclude_defaults=True, exclude={"page", "per_page", "order"}))


class DownloadFilters(ClaimFilters):
    """A filtered claim list to download whole, in one of the export formats."""

    format: Literal["csv", "jsonl", "json"] = Field(
        "csv", description="csv, jsonl (claims) or json (a list)."
    )


class ClusterFilters(Page):
    """The cluster list's filters; they become one ``ClusterQuery``."""

    actor1: str | None = Field(None, pattern=COUNTRY, description="Actor 1 country (3 letters).")
    actor2: str | None = Field(None, pattern=COUNTRY, description="Actor 2 country (3 letters).")
    code: str | None = Field(None, pattern=CAMEO, description="CAMEO code prefix.")
    since: date | None = Field(None, description="Reported on or after (YYYY-MM-DD).")
    until: date | None = Field(None, description="First reported on or before (YYYY-MM-DD).")
    contested: bool = Field(False, description="Only clusters some source denies or questions.")
    min_articles: int = Field(1, ge=1, le=10_000, description="Reported in at least this many articles.")
    order: Literal["articles", "outlets", "contested", "newest", "first_seen"] = Field(
        "articles",
        description="Sort order: most reported first (the default), reported by most outlets, most"
        " contested (most denying and questioning sources), newest, oldest.",
    )

    def query(self, *, paged: bool = True) -> ClusterQuery:
        """The ClusterQuery; a page asks for one row more, to know whether there is a next page."""
        return ClusterQuery(
            actor1=self.actor1,
            actor2=self.actor2,
            code=self.code,
            since=self.since,
            until=self.until,
            contested=self.contested,
            min_articles=self.min_articles,
            order=self.order,
            limit=self.per_page + 1 if paged else None,
            offset=self.offset if paged else 0,
        )


class ClusterDownload(ClusterFilters):
    """A filtered cluster list to download whole."""

    format: Literal["csv", "json"] = Field("json", description="csv or json.")


class NetworkFilters(_Params):
    """The network's filters: a time window, a CAMEO prefix, a stance, and how much to draw."""

    since: date | None = Field(None, description="Published on or after (YYYY-MM-DD).")
    until: date | None = Field(None, description="Published on or before (YYYY-MM-DD).")
    code: str | None = Field(None, pattern=CAMEO, description="CAMEO code prefix.")
    stance: Stance | None = Field(None, description="Only claims with this stance.")
    min_weight: int = Field(1, ge=1, le=10_000, description="Leave out edges with fewer claims.")
    max_nodes: int = Field(20, ge=2, le=200, description="Keep the most active actors (by claims).")
    max_edges: int = Field(60, ge=1, le=2000, description="Keep the heaviest edges among them.")
    states_only: bool = Field(False, description="Countries only: no regions, IGOs, NGOs or armed groups.")

    def query(self) -> ClaimQuery:
        """The claims the network counts."""
        return ClaimQuery(since=self.since, until=self.until, code=self.code, stance=self.stance)


class ArticleFilters(Page):
    """The article list's filters."""

    outlet: str | None = Field(None, max_length=200, description="Outlet contains (case-insensitive).")
    since: date | None = Field(None, description="Published on or after (YYYY-MM-DD).")
    until: date | None = Field(None, description="Published on or before (YYYY-MM-DD).")


class SourceFilters(Page):
    """The sources list's filters: one row per speaker, most claims first."""

    name: str | None = Field(None, max_length=200, description="Source name contains (case-insensitive).")
    kind: SourceKind | None = Field(None, description="Source kind (person, organization, author ...).")
    actor: str | None = Field(
        None, pattern=ACTOR, description="Source actor code prefix (IRN matches IRNGOV)."
    )

    def query(self, *, paged: bool = True) -> SourceQuery:
        """The SourceQuery of this page (or of the whole list)."""
        return SourceQuery(
            name=self.name,
            kind=self.kind,
            actor=self.actor,
            limit=self.per_page if paged else None,
            offset=self.offset if paged else 0,
        )


TransferStatus = Literal["reported", "hedged", "acknowledged", "denied", "contested"]
"""The ledger's ``STATUSES``, in its order (a test checks they agree)."""


class TransferFilters(Page):
    """The ledger's filters; they become one ``TransferQuery``. Countries compare by 3 letters.

    The page's table shows one page of entries; the API and the downloads give them all.
    """

    per_page: int = Field(25, ge=1, le=500, description="Table rows per page on the HTML page.")

    supplier: str | None = Field(
        None, pattern=ACTOR, description="Supplier country (IRN; IRNGOV counts as IRN)."
    )
    recipient: str | None = Field(None, pattern=ACTOR, description="Recipient country (RUS).")
    category: str | None = Field(
        None,
        description="Item category: " + ", ".join(CATEGORIES) + ".",
        json_schema_extra={"enum": list(CATEGORIES)},
    )
    status: TransferStatus | None = Field(None, description="Entry status.")
    designation: str | None = Field(None, max_length=100, description="Designation contains (Su-35, Shahed).")
    since: date | None = Field(None, description="Claims published on or after (YYYY-MM-DD).")
    until: date | None = Field(None, description="Claims published on or before (YYYY-MM-DD).")

    @field_validator("category")
    @classmethod
    def _category(cls, v: str | None) -> str | None:
        if v is not None and v not in CATEGORIES:
            raise ValueError(f"should be one of {', '.join(CATEGORIES)}")
        return v

    def query(self, *, dates_only: bool = False) -> TransferQuery:
        """The TransferQuery; ``dates_only`` keeps just the dates (the whole ledger of the period)."""
        since, until = (d.isoformat() if d else None for d in (self.since, self.until))
        if dates_only:
            return TransferQuery(since=since, until=until)
        return TransferQuery(
            supplier=self.supplier,
            recipient=self.recipient,
            category=self.category,
            status=self.status,
            designation=self.designation,
            since=since,
            until=until,
        )

    @property
    def active(self) -> bool:
        """Whether any filter (not just paging) is set."""
        return bool(self.model_dump(exclude_defaults=True, exclude={"page", "per_page"}))


class TransferDownload(TransferFilters):
    """The filtered ledger to download whole."""

    format: Literal["csv", "jsonl"] = Field("csv", description="csv (the export's columns) or jsonl.")


class NewArticle(BaseModel):
    """An article to ingest through ``POST /api/articles``."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=2_000_000, description="The article's plain text.")
    id: str | None = Field(None, max_length=500, description="Its id (default: a hash of the text).")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=4000)
    outlet: str | None = Field(None, max_length=500)
    published: date | None = Field(None, description="Publication day (YYYY-MM-DD).")
