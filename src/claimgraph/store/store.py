"""The Store: one object over a claimgraph database (SQLite file or PostgreSQL), for every caller.

Ingest writes through ``add_article`` (one transaction per article with its claims, so a crash
never leaves half an article and a re-run skips what is there); the CLI, exports and web UI read
through ``claims``/``clusters``/``article``. SQLite writers take the lock at BEGIN (see
``engine.py``), so many readers and one writer at a time share a file safely.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, and_, case, delete, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..aggregate import build_clusters, rebuild_from
from ..cameo import quad_class
from ..model import Article, Claim
from . import clusters as cluster_io
from .engine import ChangeWatcher, create, migrate, resolve_url, writing
from .errors import StoreError
from .queries import (
    ClaimQuery,
    ClusterQuery,
    DyadPoint,
    StoredArticle,
    StoredClaim,
    StoredCluster,
    StoredError,
    claim_conditions,
    claims_select,
    cluster_conditions,
    count_select,
    stored_claim,
)
from .rows import article_id_for, claim_to_row, content_hash, country, day, paragraph_of
from .schema import actors, articles, cluster_claims, clusters, errors, sources
from .schema import claims as claims_t
from .speakers import (
    SourceQuery,
    StoredSource,
    absorb,
    count_sources,
    list_sources,
    numbered,
    place,
    rekey,
    resolve,
    seen_as,
    seen_as_many,
    settled,
    speaker,
)

log = logging.getLogger(__name__)

_IDENTITY = (
    "evidence_start", "evidence_end", "source_name", "cue_start",
    "stance", "cameo", "actor1_code", "actor2_code",
)  # fmt: skip
"""What makes a re-extracted record "the same record" for ``replace_claims``: it keeps its id."""


def _safe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL has no password we could find either
        return url


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


class Store:
    """A claimgraph database. ``Store()`` opens ``$CLAIMGRAPH_DB`` or ``./claimgraph.db``.

    Opening migrates the schema to the newest revision. A URL that cannot be opened raises
    ``StoreError`` with a one-line message.
    """

    def __init__(self, url: str | None = None) -> None:
        self.url: str = resolve_url(url)
        try:
            self._engine = create(self.url)
            migrate(self._engine)
        except (SQLAlchemyError, ImportError, ValueError, OSError) as exc:
            hint = "check --db or $CLAIMGRAPH_DB"
            if self.url.startswith("sqlite"):
                hint += " (for SQLite the directory must exist and be writable)"
            raise StoreError(f"cannot open database {_safe_url(self.url)}: {_reason(exc)}; {hint}") from exc
        self.dialect = self._engine.dialect
        self._watcher = ChangeWatcher(self._engine)

    def __repr__(self) -> str:
        return f"Store({_safe_url(self.url)!r})"

    def close(self) -> None:
        """Release the connections (the file stays as it is)."""
        self._watcher.close()
        self._engine.dispose()

    def version(self) -> str | None:
        """A token that changes whenever anyone commits to the database; None when that cannot be seen.

        The web app keys its response cache on it, so a page is recomputed only after a change.
        """
        return self._watcher.token()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # --- writing ------------------------------------------------------------------------------

    def has_article(
        self, article_id: str, *, content_hash: str | None = None, extractor_version: str | None = None
    ) -> bool:
        """Is this article stored (by id, or by the hash of its text) — by this extractor version, if given?

        Ingest asks before extracting, so a re-run skips what is done and reprocess finds the rest.
        """
        cond = articles.c.id == article_id
        if content_hash is not None:
            cond = or_(cond, articles.c.content_hash == content_hash)
        stmt = select(articles.c.extractor_version).where(cond)
        with self._engine.connect() as conn:
            versions = list(conn.execute(stmt).scalars())
        if extractor_version is None:
            return bool(versions)
        return extractor_version in versions

    def add_article(self, article: Article, claims: Sequence[Claim], *, extractor_version: str) -> bool:
        """Store an article with its claims in one transaction; False when it was there already.

        "There already" means the same id or the same text (by content hash), so re-ingesting a
        file under another name adds nothing. The claims' ``article_id`` is set to the article's.
        """
        h = content_hash(article.text) if article.text else None
        aid = article.id or article_id_for(article.text)
        for _ in range(3):
            try:
                with writing(self._engine) as conn:
                    cond = (
                        articles.c.id == aid
                        if h is None
                        else or_(articles.c.id == aid, articles.c.content_hash == h)
                    )
                    if conn.execute(select(articles.c.id).where(cond).limit(1)).first() is not None:
                        return False
                    conn.execute(
                        insert(articles).values(
                            id=aid,
                            url=article.url,
                            outlet=article.outlet,
                            title=article.title,
                            published=article.published,
                            text=article.text,
                            language=article.language,
                            content_hash=h,
                            extractor_version=extractor_version,
                            ingested_at=datetime.now(UTC),
                        )
                    )
                    self._insert_claims(conn, aid, article, claims)
                return True
            except IntegrityError as exc:
                if self.has_article(aid, content_hash=h):
                    return False  # another writer stored the same article between our check and insert
                # else another writer may have merged a source row its claims were to refer to
                # (``speakers.absorb`` on PostgreSQL): try again, placing them anew
                log.warning("article %s not stored yet: %s", aid, _reason(exc))
        return False

    def replace_claims(self, article_id: str, claims: Sequence[Claim], *, extractor_version: str) -> None:
        """Swap an article's claims for a new extraction (``reprocess``); run ``recluster`` after.

        A record the new extraction gives again (same evidence, source, cue, stance and event)
        keeps its row id, so a cited ``/claims/{id}`` still shows it; records that are gone are
        deleted (their links answer 404), new ones get new ids.
        """
        with writing(self._engine) as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
            if row is None:
                raise StoreError(f"no article {article_id!r} in {_safe_url(self.url)}")
            conn.execute(
                update(articles)
                .where(articles.c.id == article_id)
                .values(extractor_version=extractor_version)
            )
            article = Article(id=row.id, text=row.text, outlet=row.outlet, published=row.published)
            identity = [claims_t.c[name] for name in _IDENTITY]
            old: dict[tuple[Any, ...], list[int]] = {}
            for r in conn.execute(
                select(claims_t.c.id, *identity)
                .where(claims_t.c.article_id == article_id)
                .order_by(claims_t.c.id)
            ):
                old.setdefault(tuple(r[1:]), []).append(r.id)
            fresh = []
            for new_row in self._claim_rows(conn, article_id, article, claims):
                same = old.get(tuple(new_row[name] for name in _IDENTITY))
                if same:
                    conn.execute(update(claims_t).where(claims_t.c.id == same.pop(0)).values(**new_row))
                else:
                    fresh.append(new_row)
            gone = [i for ids in old.values() for i in ids]
            # the article's records leave their clusters (their events may have changed): the next
            # recluster places them again and rebuilds the blocks they leave
            mine = select(claims_t.c.id).where(claims_t.c.article_id == article_id)
            cluster_io.mark_stale(conn, mine)
            conn.execute(delete(cluster_claims).where(cluster_claims.c.claim_id.in_(mine)))
            for k in range(0, len(gone), 500):  # bounded IN lists
                conn.execute(delete(claims_t).where(claims_t.c.id.in_(gone[k : k + 500])))
            if fresh:
                conn.execute(insert(claims_t), fresh)

    def add_error(self, *, input: str, reason: str, location: str | None = None) -> None:
        """Record a document that could not be read (listed by ``errors()`` and ``stats``)."""
        with writing(self._engine) as conn:
            conn.execute(
                insert(errors).values(
                    input=input, location=location, reason=reason, created_at=datetime.now(UTC)
                )
            )

    def _insert_ignore(self, conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if self.dialect.name == "sqlite":
            conn.execute(sqlite.insert(table).on_conflict_do_nothing(), rows)
        elif self.dialect.name == "postgresql":
            conn.execute(postgresql.insert(table).on_conflict_do_nothing(), rows)
        else:  # pragma: no cover - other databases: one at a time, skipping what exists
            for r in rows:
                pk = next(iter(table.primary_key.columns)) if table is actors else table.c.key
                if conn.execute(select(pk).where(pk == r[pk.name])).first() is None:
                    conn.execute(insert(table).values(**r))

    def _source_ids(self, conn: Connection, cls: Sequence[Claim], outlet: str | None) -> list[int]:
        """The source row of each claim, by its speaker's stable key (``speakers.speaker``); a new
        full name takes the rows of its bare surname stored before it (``speakers.absorb``)."""
        found = [speaker(c.source, outlet) for c in cls]
        here = settled(k for k, _ in found)  # within the article, then against the store
        firsts = sorted({here.get(k, k) for k, _ in found}, key=lambda k: k.endswith("|"))  # placed first
        placed = {k: place(conn, k) for k in firsts}
        keys = []
        wanted: dict[str, dict[str, Any]] = {}
        for c, (key, name) in zip(cls, found, strict=True):
            key = placed[here.get(key, key)]
            keys.append(key)
            wanted.setdefault(key, {"key": key, "name": name, "kind": c.source.kind, "actor": c.source.actor})
        self._insert_ignore(conn, sources, numbered(conn, list(wanted.values())))
        ids: dict[str, int] = {}
        keys_list = list(wanted)
        for i in range(0, len(keys_list), 500):
            chunk = keys_list[i : i + 500]
            rows = conn.execute(select(sources.c.key, sources.c.id).where(sources.c.key.in_(chunk)))
            ids.update((r.key, r.id) for r in rows)
        for key in keys_list:
            absorb(conn, key, ids[key])
        return [ids[k] for k in keys]

    def _insert_claims(self, conn: Connection, aid: str, article: Article, cls: Sequence[Claim]) -> None:
        rows = self._claim_rows(conn, aid, article, cls)
        if rows:
            conn.execute(insert(claims_t), rows)

    def _claim_rows(
        self, conn: Connection, aid: str, article: Article, cls: Sequence[Claim]
    ) -> list[dict[str, Any]]:
        """The claims' rows, their sources and actors stored first (the rows refer to them)."""
        if not cls:
            return []
        source_ids = self._source_ids(conn, cls, article.outlet)
        published = day(article.published)
        rows = []
        codes: dict[str, dict[str, Any]] = {}
        for seq, (c, sid) in enumerate(zip(cls, source_ids, strict=True)):
            row = claim_to_row(c)
            row.update(
                article_id=aid,
                seq=seq,
                outlet=article.outlet,
                published=published,
                paragraph=paragraph_of(article.text, c.evidence.start),
                source_id=sid,
            )
            rows.append(row)
            for code, label in (
                (row["actor1_code"], row["actor1_text"]),
                (row["actor2_code"], row["actor2_text"]),
                (c.source.actor, c.source.name or c.source.text),
            ):
                if code and code not in codes:
                    codes[code] = {"code": code, "country": country(code), "label": label}
        self._insert_ignore(conn, actors, list(codes.values()))
        return rows

    # --- reading ------------------------------------------------------------------------------

    def articles(
        self,
        *,
        outlet: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[StoredArticle]:
        """Articles, newest first, without their text (``article`` has it)."""
        n = select(func.count()).where(claims_t.c.article_id == articles.c.id).scalar_subquery()
        cols = [c for c in articles.c if c.name != "text"]
        stmt = select(*cols, n.label("n_claims"))
        if outlet:
            stmt = stmt.where(func.lower(articles.c.outlet).contains(outlet.lower(), autoescape=True))
        if since := day(since):
            stmt = stmt.where(articles.c.published >= since)
        if until := day(until):
            stmt = stmt.where(articles.c.published < until + "~")  # includes datetimes on that day
        stmt = stmt.order_by(articles.c.published.is_(None), articles.c.published.desc(), articles.c.id)
        stmt = stmt.limit(limit).offset(offset)
        with self._engine.connect() as conn:
            return [StoredArticle(**r._mapping) for r in conn.execute(stmt)]

    def article(self, article_id: str) -> StoredArticle | None:
        """One article with its text (the web UI highlights the claims' spans in it), or None."""
        n = select(func.count()).where(claims_t.c.article_id == articles.c.id).scalar_subquery()
        stmt = select(articles, n.label("n_claims")).where(articles.c.id == article_id)
        with self._engine.connect() as conn:
            row = conn.execute(stmt).first()
        return StoredArticle(**row._mapping) if row is not None else None

    def claim(self, claim_id: int) -> StoredClaim | None:
        """One stored claim by its id (the claim page's permalink), or None."""
        stmt = claims_select(ClaimQuery(), self.dialect).where(claims_t.c.id == claim_id)
        with self._engine.connect() as conn:
            row = conn.execute(stmt).first()
        return stored_claim(row) if row is not None else None

    def claims(self, q: ClaimQuery | None = None) -> list[StoredClaim]:
        """The stored claims matching ``q`` (all of them when None), in publication order."""
        return list(self.iter_claims(q))

    def iter_claims(self, q: ClaimQuery | None = None) -> Iterator[StoredClaim]:
        """Like ``claims`` but streamed, for exports of any size."""
        stmt = claims_select(q or ClaimQuery(), self.dialect)
        with self._engine.connect() as conn:
            for row in conn.execution_options(yield_per=1000).execute(stmt):
                yield stored_claim(row)

    def count_claims(self, q: ClaimQuery | None = None) -> int:
        """How many claims match ``q`` (ignoring its limit and offset)."""
        with self._engine.connect() as conn:
            return int(conn.execute(count_select(q or ClaimQuery(), self.dialect)).scalar_one())

    def stats(self) -> dict[str, int]:
        """Counts of articles, claims, clusters and errors."""
        with self._engine.connect() as conn:
            return {
                name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                for name, t in (
                    ("articles", articles),
                    ("claims", claims_t),
                    ("clusters", clusters),
                    ("errors", errors),
                )
            }

    def errors(self, *, limit: int | None = None) -> list[StoredError]:
        """The ingest errors, oldest first."""
        stmt = select(errors).order_by(errors.c.id).limit(limit)
        with self._engine.connect() as conn:
            return [StoredError(**r._mapping) for r in conn.execute(stmt)]

    def source(self, source_id: int) -> dict[str, Any] | None:
        """A source row (id, key, name, kind, actor), or None (``source_redirect`` tells where an
        id that merged away went)."""
        with self._engine.connect() as conn:
            row = conn.execute(select(sources).where(sources.c.id == source_id)).first()
        return dict(row._mapping) if row is not None else None

    def source_redirect(self, source_id: int) -> int | None:
        """The live source an old id's claims went to when its row merged into another, or None."""
        with self._engine.connect() as conn:
            return resolve(conn, source_id)

    def sources(self, q: SourceQuery | None = None) -> list[StoredSource]:
        """Sources with their claim and stance counts, most claims first: one row per speaker."""
        with self._engine.connect() as conn:
            return list_sources(conn, q or SourceQuery())

    def count_sources(self, q: SourceQuery | None = None) -> int:
        """How many sources match ``q`` (ignoring its limit and offset)."""
        with self._engine.connect() as conn:
            return count_sources(conn, q or SourceQuery())

    def source_names(self, source_id: int) -> dict[str, list[tuple[str, int]]]:
        """The names (``names``) and mentions (``mentions``) a source was seen under, with counts."""
        with self._engine.connect() as conn:
            return seen_as(conn, source_id)

    def sources_names(self, source_ids: Sequence[int]) -> dict[int, dict[str, list[tuple[str, int]]]]:
        """``source_names`` of many sources at once, by id (sources without claims left out)."""
        with self._engine.connect() as conn:
            return seen_as_many(conn, source_ids)

    def rekey_sources(self) -> int:
        """Re-key the stored sources by today's rules and people table (after extending it), merging
        the rows of one speaker; returns how many rows went. Run ``recluster`` after."""
        with writing(self._engine) as conn:
            return rekey(conn)

    def dyads(self, q: ClaimQuery | None = None, *, limit: int | None = 20) -> list[dict[str, Any]]:
        """The most frequent (actor1 country, actor2 country) pairs among matching claims, with counts."""
        c = claims_t.c
        n = func.count().label("claims")
        stmt = (
            select(c.actor1_country.label("actor1"), c.actor2_country.label("actor2"), n)
            .where(c.actor1_country.is_not(None), c.actor2_country.is_not(None))
            .where(*claim_conditions(q or ClaimQuery(), self.dialect))
            .group_by(c.actor1_country, c.actor2_country)
            .order_by(n.desc(), c.actor1_country, c.actor2_country)
            .limit(limit)
        )
        if q is not None and q.cluster_id is not None:
            stmt = stmt.join(cluster_claims, cluster_claims.c.claim_id == c.id)
        with self._engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    def dyad_points(self, a: str, b: str) -> list[DyadPoint]:
        """The claims between two countries (both directions) as plain columns: the dyad chart's
        input, without building whole records (a frequent pair has thousands of claims)."""
        c = claims_t.c
        actor1 = or_(*(c[f"actor1_{k}"].is_not(None) for k in ("text", "code", "start", "end")))
        coded = and_(c.has_event.is_(True), c.cameo.is_not(None), actor1)  # as row_to_claim reads it
        stmt = select(c.published, c.actor1_code, c.root, c.cameo, c.goldstein, coded).where(
            *claim_conditions(ClaimQuery(dyad=(a, b)), self.dialect)
        )
        with self._engine.connect() as conn:
            return [DyadPoint(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in conn.execute(stmt)]

    def network_edges(self, q: ClaimQuery | None = None) -> list[dict[str, Any]]:
        """Claims with both actors coded and an action, counted per actor1 country, actor2 country and
        quad class (``n``, and ``asserts``, ``denies``, ``questions``, ``hedged`` among them): what the
        network view draws, summed in the database instead of read claim by claim."""
        c = claims_t.c
        by_root = case(
            *((c.root == r, quad_class(r)) for r in (f"{i:02d}" for i in range(1, 21))), else_=None
        )
        quad = func.coalesce(c.quad_class, by_root).label("quad")
        stances = [
            func.sum(case((c.stance == s, 1), else_=0)).label(s) for s in ("asserts", "denies", "questions")
        ]
        hedged = func.sum(case((c.hedged, 1), else_=0)).label("hedged")
        stmt = (
            select(c.actor1_country, c.actor2_country, quad, func.count().label("n"), *stances, hedged)
            .where(c.has_event.is_(True), c.cameo.is_not(None), c.cameo != "")
            .where(c.actor1_code.is_not(None), c.actor1_code != "")
            .where(c.actor2_code.is_not(None), c.actor2_code != "")
            .where(c.actor1_country != c.actor2_country)  # a country acting on itself has no edge
            .where(*claim_conditions(q or ClaimQuery(), self.dialect))
            .group_by(c.actor1_country, c.actor2_country, quad)
        )
        if q is not None and q.cluster_id is not None:
            stmt = stmt.join(cluster_claims, cluster_claims.c.claim_id == c.id)
        with self._engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    # --- clusters -----------------------------------------------------------------------------

    def recluster(self, *, window_days: int | None = None, full: bool = False) -> int:
        """Bring the claim clusters up to date with the stored claims (``claimgraph.aggregate``);
        returns how many clusters there are.

        Only the blocks (event family and country) that claims new since the last recluster, or
        reprocessed ones, fall in are rebuilt; ``full=True`` or a ``window_days`` override rebuilds
        all. One transaction: a crash leaves the clusters as they were. A cluster whose opening
        report is unchanged keeps its id (``clusters.assign_ids``); an id that goes redirects to
        the cluster holding most of its reports (``clusters.resolve``).
        """
        with writing(self._engine) as conn:
            cluster_io.lock(conn)
            stale = None if full or window_days is not None else cluster_io.stale_blocks(conn)
            if stale is None:
                built = build_clusters(cluster_io.reports(conn), window_days=window_days)
                cluster_io.replace_clusters(conn, built, None)
            else:
                fresh = cluster_io.unclustered(conn)
                whole, since = rebuild_from(fresh, stale)
                old = cluster_io.to_rebuild(conn, whole, since)
                if fresh or old:
                    reports = cluster_io.member_reports(conn, old) + fresh
                    cluster_io.replace_clusters(conn, build_clusters(reports), old)
            return int(conn.execute(select(func.count()).select_from(clusters)).scalar_one())

    def cluster_redirect(self, cluster_id: int) -> int | None:
        """The live cluster an old id's reports went to when clusters merged or split, or None."""
        with self._engine.connect() as conn:
            return cluster_io.resolve(conn, cluster_id)

    def clusters(self, q: ClusterQuery | None = None) -> list[StoredCluster]:
        """Clusters matching ``q`` with their outlets and sources; ``cluster(id)`` adds the reports."""
        with self._engine.connect() as conn:
            return cluster_io.read(conn, q or ClusterQuery())

    def count_clusters(self, q: ClusterQuery | None = None) -> int:
        """How many clusters match ``q`` (ignoring its order, limit and offset)."""
        stmt = select(func.count()).select_from(clusters).where(*cluster_conditions(q or ClusterQuery()))
        with self._engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def cluster(self, cluster_id: int, *, reports: bool = True) -> StoredCluster | None:
        """One cluster with its reports (originators and echoes) in publication order, or None.

        ``reports=False`` leaves the reports out (sources and outlets stay), for a summary.
        """
        with self._engine.connect() as conn:
            return cluster_io.read_one(conn, cluster_id, with_reports=reports)

    def cluster_member(self, claim_id: int) -> dict[str, Any] | None:
        """A claim's place in its cluster (cluster_id, role, echo_of, echo_via), or None if unclustered."""
        cc = cluster_claims.c
        stmt = select(cc.cluster_id, cc.role, cc.echo_of, cc.echo_via).where(cc.claim_id == claim_id)
        with self._engine.connect() as conn:
            row = conn.execute(stmt).first()
        return dict(row._mapping) if row is not None else None

    def cluster_sizes(self) -> dict[int, tuple[int, int, int]]:
        """Per cluster id: (claims, outlets, articles) — GDELT's NumMentions, NumSources, NumArticles."""
        stmt = select(clusters.c.id, clusters.c.n_claims, clusters.c.n_outlets, clusters.c.n_articles)
        with self._engine.connect() as conn:
            return {r.id: (r.n_claims, r.n_outlets, r.n_articles) for r in conn.execute(stmt)}
