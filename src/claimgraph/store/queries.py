"""What the store answers: query options (frozen, keyword-only) and result records, with the SQL.

``ClaimQuery`` is the one filter object shared by ``Store.claims``, the CLI's filter options, the
exports and the web UI, so a filter means the same thing everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, NamedTuple, cast

from sqlalchemy import (
    Column,
    ColumnElement,
    Integer,
    Select,
    and_,
    column,
    false,
    func,
    not_,
    or_,
    select,
    text,
)
from sqlalchemy.engine import Dialect

from ..model import STANCES, Claim, Evidence
from .errors import StoreError
from .rows import CLAIM_COLUMNS, day, row_to_claim
from .schema import articles, claims, cluster_claims, clusters


class QueryError(StoreError):
    """A query option with a value the store cannot use (an unknown stance, a date it cannot read)."""


def _date_opt(name: str, value: str | date | None) -> str | None:
    if value is None or value == "":
        return None
    d = day(value)
    if d is None:
        raise QueryError(f"--{name}: cannot read {value!r} as a date (use YYYY-MM-DD)")
    return d


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimQuery:
    """Filters over stored claims; every field is optional and they combine with AND.

    Actor filters compare by prefix, so ``"IRN"`` matches ``IRNGOV``; ``code`` is a CAMEO prefix
    (``"07"`` is the root, ``"072"`` one code and its sub-codes); ``source`` and ``outlet`` are
    case-insensitive substrings; ``since``/``until`` bound the publication day, inclusive;
    ``text`` is a full-text search over the evidence (all words must occur; stemmed); ``coded``
    True keeps records with a coded event, False the uncoded ones (``event`` None).
    """

    actor1: str | None = None
    actor2: str | None = None
    dyad: tuple[str, str] | None = None  # either direction: (A, B) matches A→B and B→A
    code: str | None = None
    stance: str | None = None
    source: str | None = None
    source_id: int | None = None
    outlet: str | None = None
    since: str | date | None = None
    until: str | date | None = None
    text: str | None = None
    article_id: str | None = None
    cluster_id: int | None = None
    coded: bool | None = None
    limit: int | None = None
    offset: int = 0
    newest_first: bool = False

    def __post_init__(self) -> None:
        if self.stance is not None and self.stance not in STANCES:
            raise QueryError(f"--stance: {self.stance!r} is not one of {', '.join(STANCES)}")
        if (self.limit is not None and self.limit < 0) or self.offset < 0:
            raise QueryError("--limit and --offset must not be negative")
        _date_opt("since", self.since)
        _date_opt("until", self.until)


class DyadPoint(NamedTuple):
    """One claim between two countries as the dyad chart needs it (``Store.dyad_points``)."""

    published: str | None
    actor1_code: str | None
    root: str | None
    cameo: str | None
    goldstein: float | None
    coded: bool  # an event with an action and an actor 1: what a chart can place


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredClaim:
    """A claim as stored: its id, its article's facts and its cluster, around the record itself."""

    id: int
    article_id: str
    outlet: str | None
    published: str | None  # YYYY-MM-DD
    url: str | None
    title: str | None
    source_id: int | None
    cluster_id: int | None
    cluster_role: str | None  # originator | echo
    claim: Claim
    paragraph: int | None = None  # of the evidence start in the article; 0 is the lead

    def to_dict(self) -> dict[str, Any]:
        """The record in the claim format, plus the stored facts (``Claim.from_dict`` ignores them)."""
        return {
            "id": self.id,
            **self.claim.to_dict(),
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
            "title": self.title,
            "source_id": self.source_id,
            "cluster_id": self.cluster_id,
            "cluster_role": self.cluster_role,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredArticle:
    """An article row; ``text`` is filled by ``Store.article`` only (lists leave it out)."""

    id: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    language: str | None
    content_hash: str | None
    extractor_version: str | None
    ingested_at: datetime
    n_claims: int
    text: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredError:
    """A document ingest could not read: the input (path or URL), where in it, and why."""

    id: int
    input: str
    location: str | None
    reason: str
    created_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterQuery:
    """Filters over claim clusters. ``dyad`` matches both directions; ``actor1``/``actor2`` one.

    ``contested`` keeps clusters with at least one asserting and one denying or questioning source.
    ``order``: ``first_seen`` (oldest first), ``newest``, ``articles`` (most reported first),
    ``outlets`` (reported by the most distinct outlets first) or ``contested`` (most denying +
    questioning sources first). Each but ``first_seen`` walks an index of its own (revision 0006).
    """

    actor1: str | None = None
    actor2: str | None = None
    dyad: tuple[str, str] | None = None
    code: str | None = None
    since: str | date | None = None
    until: str | date | None = None
    contested: bool = False
    min_articles: int = 1
    order: Literal["first_seen", "newest", "articles", "outlets", "contested"] = "first_seen"
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        _date_opt("since", self.since)
        _date_opt("until", self.until)


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterSource:
    """One source taking one stance in a cluster (by source name + actor code)."""

    source_id: int | None
    name: str | None
    kind: str
    actor: str | None
    stance: str
    reports: int
    first_seen: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterReport:
    """One claim in a cluster, as the timeline shows it: who, where, when, originator or echo."""

    claim_id: int
    article_id: str
    outlet: str | None
    published: str | None
    url: str | None
    title: str | None
    source_id: int | None
    source_name: str | None
    source_kind: str
    source_actor: str | None
    stance: str
    role: str  # originator | echo
    echo_of: int | None  # the earlier report's claim id
    echo_via: str | None  # the outlet named in `via` that makes it an echo
    via: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredCluster:
    """A claim cluster: one event as reported across articles, with who asserts, denies, questions."""

    id: int
    key: str
    label: str
    actor1: str | None
    actor2: str | None
    root: str | None
    cameo: str | None
    object: str | None
    first_seen: str | None
    last_seen: str | None
    n_claims: int
    n_articles: int
    n_outlets: int
    outlets: tuple[str, ...] = ()
    asserting: tuple[ClusterSource, ...] = ()
    denying: tuple[ClusterSource, ...] = ()
    questioning: tuple[ClusterSource, ...] = ()
    reports: tuple[ClusterReport, ...] = field(default=())  # filled by Store.cluster only

    @property
    def originators(self) -> tuple[ClusterReport, ...]:
        return tuple(r for r in self.reports if r.role == "originator")

    @property
    def echoes(self) -> tuple[ClusterReport, ...]:
        return tuple(r for r in self.reports if r.role == "echo")


# --- SQL ---------------------------------------------------------------------------------------


def _actor_cond(col_code: Column[str], col_country: Column[str], value: str) -> ColumnElement[bool]:
    v = value.strip().upper()
    # a bare country code uses the indexed country column; longer codes are a prefix on the code
    return col_country == v if len(v) == 3 else col_code.startswith(v, autoescape=True)


def fts_words(q: str) -> list[str]:
    """The words of a full-text query; punctuation is dropped so no input is an FTS syntax error."""
    return re.findall(r"\w+", q)


def _text_cond(dialect: Dialect, q: str) -> ColumnElement[bool]:
    words = fts_words(q)
    if not words:
        return false()
    if dialect.name == "sqlite":
        match = " ".join('"' + w + '"' for w in words)
        sub = text("SELECT rowid FROM claims_fts WHERE claims_fts MATCH :fts").bindparams(fts=match)
        return claims.c.id.in_(sub.columns(column("rowid", Integer)))
    if dialect.name == "postgresql":
        cond = text("claims.evidence_tsv @@ plainto_tsquery('english', :fts)").bindparams(fts=" ".join(words))
        return cast("ColumnElement[bool]", cond)  # a boolean SQL fragment, which where() accepts
    return and_(*(claims.c.evidence_text.ilike(f"%{w}%") for w in words))


def claim_conditions(q: ClaimQuery, dialect: Dialect) -> list[ColumnElement[bool]]:
    """The WHERE terms of a ClaimQuery (over ``claims``)."""
    c = claims.c
    conds: list[ColumnElement[bool]] = []
    if q.actor1:
        conds.append(_actor_cond(c.actor1_code, c.actor1_country, q.actor1))
    if q.actor2:
        conds.append(_actor_cond(c.actor2_code, c.actor2_country, q.actor2))
    if q.dyad:
        a, b = q.dyad
        conds.append(
            or_(
                and_(
                    _actor_cond(c.actor1_code, c.actor1_country, a),
                    _actor_cond(c.actor2_code, c.actor2_country, b),
                ),
                and_(
                    _actor_cond(c.actor1_code, c.actor1_country, b),
                    _actor_cond(c.actor2_code, c.actor2_country, a),
                ),
            )
        )
    if q.code:
        code = q.code.strip()
        conds.append(c.root == code if len(code) == 2 else c.cameo.startswith(code, autoescape=True))
    if q.stance:
        conds.append(c.stance == q.stance)
    if q.coded is not None:
        coded = and_(c.has_event.is_(True), c.cameo.is_not(None))
        conds.append(coded if q.coded else not_(coded))
    if q.source:
        pattern = q.source.strip().lower()
        conds.append(
            or_(
                func.lower(c.source_name).contains(pattern, autoescape=True),
                func.lower(c.source_text).contains(pattern, autoescape=True),
            )
        )
    if q.source_id is not None:
        conds.append(c.source_id == q.source_id)
    if q.outlet:
        conds.append(func.lower(c.outlet).contains(q.outlet.strip().lower(), autoescape=True))
    if since := _date_opt("since", q.since):
        conds.append(c.published >= since)
    if until := _date_opt("until", q.until):
        conds.append(c.published <= until)
    if q.text:
        conds.append(_text_cond(dialect, q.text))
    if q.article_id is not None:
        conds.append(c.article_id == q.article_id)
    if q.cluster_id is not None:
        conds.append(cluster_claims.c.cluster_id == q.cluster_id)
    return conds


def claims_select(q: ClaimQuery, dialect: Dialect) -> Select[Any]:
    """SELECT of the stored claims matching ``q``, in a stable order (publication day, article, seq)."""
    cols = [claims.c[name] for name in CLAIM_COLUMNS]
    stmt = (
        select(
            claims.c.id,
            claims.c.article_id,
            claims.c.outlet,
            claims.c.published,
            claims.c.source_id,
            claims.c.paragraph,
            articles.c.url,
            articles.c.title,
            cluster_claims.c.cluster_id,
            cluster_claims.c.role.label("cluster_role"),
            *cols,
        )
        .join(articles, articles.c.id == claims.c.article_id)
        .outerjoin(cluster_claims, cluster_claims.c.claim_id == claims.c.id)
        .where(*claim_conditions(q, dialect))
    )
    c = claims.c
    # undated last on every database. SQLite puts NULLs last in descending order by itself, and a
    # plain `published DESC` lets it walk an index instead of sorting every match (200 ms → 1 ms
    # for the first page of 100,000 claims); PostgreSQL says so with NULLS LAST.
    if q.newest_first and dialect.name == "sqlite":
        stmt = stmt.order_by(c.published.desc(), c.article_id.desc(), c.seq)
    elif q.newest_first:
        stmt = stmt.order_by(c.published.desc().nulls_last(), c.article_id.desc(), c.seq)
    else:
        stmt = stmt.order_by(c.published.is_(None), c.published, c.article_id, c.seq)
    if q.limit is not None:
        stmt = stmt.limit(q.limit)
    if q.offset:
        stmt = stmt.offset(q.offset)
    return stmt


def count_select(q: ClaimQuery, dialect: Dialect) -> Select[Any]:
    """SELECT count(*) of the claims matching ``q`` (limit and offset ignored)."""
    stmt = select(func.count()).select_from(claims)
    if q.cluster_id is not None:
        stmt = stmt.join(cluster_claims, cluster_claims.c.claim_id == claims.c.id)
    return stmt.where(*claim_conditions(q, dialect))


def stored_claim(row: Any) -> StoredClaim:
    """A result row of ``claims_select`` as a StoredClaim."""
    m = row._mapping
    return StoredClaim(
        id=m["id"],
        article_id=m["article_id"],
        outlet=m["outlet"],
        published=m["published"],
        url=m["url"],
        title=m["title"],
        source_id=m["source_id"],
        cluster_id=m["cluster_id"],
        cluster_role=m["cluster_role"],
        claim=row_to_claim(m),
        paragraph=m["paragraph"],
    )


def cluster_conditions(q: ClusterQuery) -> list[ColumnElement[bool]]:
    """The WHERE terms of a ClusterQuery (over ``clusters``)."""
    c = clusters.c
    conds: list[ColumnElement[bool]] = []
    if q.actor1:
        conds.append(c.actor1_country == q.actor1.strip().upper()[:3])
    if q.actor2:
        conds.append(c.actor2_country == q.actor2.strip().upper()[:3])
    if q.dyad:
        a, b = (x.strip().upper()[:3] for x in q.dyad)
        conds.append(
            or_(
                and_(c.actor1_country == a, c.actor2_country == b),
                and_(c.actor1_country == b, c.actor2_country == a),
            )
        )
    if q.code:
        code = q.code.strip()
        conds.append(c.root == code if len(code) == 2 else c.cameo.startswith(code, autoescape=True))
    if since := _date_opt("since", q.since):
        conds.append(c.last_seen >= since)
    if until := _date_opt("until", q.until):
        conds.append(c.first_seen <= until)
    if q.contested:
        conds.append(and_(c.n_asserting > 0, (c.n_denying + c.n_questioning) > 0))
    if q.min_articles > 1:
        conds.append(c.n_articles >= q.min_articles)
    return conds


def clusters_select(q: ClusterQuery, dialect: Dialect | None = None) -> Select[Any]:
    """SELECT of the cluster rows matching ``q``, in the requested order."""
    c = clusters.c
    # newest first, undated last: SQLite does that by itself in descending order and then walks
    # ix_clusters_last_seen instead of sorting every cluster; PostgreSQL says NULLS LAST
    if dialect is not None and dialect.name == "sqlite":
        newest: tuple[Any, ...] = (c.last_seen.desc(), c.id.desc())
    else:
        newest = (c.last_seen.desc().nulls_last(), c.id.desc())
    order = {
        "first_seen": (c.first_seen.is_(None), c.first_seen, c.id),
        "newest": newest,
        # these three are the columns of ix_clusters_articles/_outlets/_contest, in their directions
        "articles": (c.n_articles.desc(), c.n_claims.desc(), c.id),
        "outlets": (c.n_outlets.desc(), c.n_articles.desc(), c.id),
        "contested": ((c.n_denying + c.n_questioning).desc(), c.n_asserting.desc(), c.id),
    }[q.order]
    stmt = select(clusters).where(*cluster_conditions(q)).order_by(*order)
    if q.limit is not None:
        stmt = stmt.limit(q.limit)
    if q.offset:
        stmt = stmt.offset(q.offset)
    return stmt
