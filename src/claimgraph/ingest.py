"""Read → extract → store, in batches, idempotent and crash-safe, with a report of what went wrong.

Articles already stored (same id or same text) are skipped *before* extraction, so a re-run costs
only the reading. Each article is committed together with its claims, so a run killed at any
moment leaves whole articles only, and running the same command again finishes the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .errors import ClaimgraphError
from .model import Article, Claim
from .read import ReadError, ReadOptions, content_hash, read_inputs

log = logging.getLogger(__name__)

__all__ = ["Extractor", "IngestReport", "IngestStore", "default_extractor", "ingest", "reprocess"]

ExtractFn = Callable[[Sequence[Article]], Iterable[tuple[Article, Sequence[Claim]]]]


@dataclass(frozen=True, slots=True)
class Extractor:
    """An extraction function and the version stamped on what it stores (for ``reprocess``)."""

    extract: ExtractFn
    version: str


class IngestStore(Protocol):
    """The part of :class:`claimgraph.Store` that ingest writes through."""

    def has_article(
        self, article_id: str, *, content_hash: str | None = None, extractor_version: str | None = None
    ) -> bool: ...

    def add_article(self, article: Article, claims: Sequence[Claim], *, extractor_version: str) -> bool: ...

    def replace_claims(self, article_id: str, claims: Sequence[Claim], *, extractor_version: str) -> None: ...

    def add_error(self, *, input: str, reason: str, location: str | None = None) -> None: ...

    def recluster(self) -> int: ...


@dataclass(slots=True, kw_only=True)
class IngestReport:
    """What a run did: counts, and every document it could not read or extract, with the reason."""

    read: int = 0
    """Articles read from the inputs (stored, skipped or empty)."""
    stored: int = 0
    skipped_existing: int = 0
    empty: int = 0
    clusters: int | None = None
    errors: list[ReadError] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        """0: everything stored (or empty/already there); 3: some documents rejected; 1: none readable."""
        if not self.errors:
            return 0
        return 1 if self.read == 0 else 3

    def summary(self) -> str:
        """One line for people: ``12 read: 10 stored, 1 already stored, 1 empty; 2 errors``."""
        n = len(self.errors)
        return (
            f"{self.read} read: {self.stored} stored, {self.skipped_existing} already stored, "
            f"{self.empty} empty; {n} error{'' if n == 1 else 's'}"
        )


Progress = Callable[[IngestReport], None]


def default_extractor(*, batch_size: int = 32, n_process: int = 1) -> Extractor:
    """The claimgraph pipeline (loaded on first use, since loading spaCy takes seconds)."""
    from . import pipeline

    def extract(articles: Sequence[Article]) -> Iterator[tuple[Article, Sequence[Claim]]]:
        yield from pipeline.extract_articles(articles, batch_size=batch_size, n_process=n_process)

    return Extractor(extract, pipeline.EXTRACTOR_VERSION)


def ingest(
    inputs: Iterable[str],
    *,
    store: IngestStore,
    extractor: Extractor | None = None,
    batch_size: int = 32,
    progress: Progress | None = None,
    options: ReadOptions | None = None,
) -> IngestReport:
    """Read ``inputs`` (paths, directories, URLs, ``-``), extract claims and store every new article.

    Bad documents are recorded with ``store.add_error`` and in the report; they never stop the run.
    Clusters are recomputed once at the end.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    ext = extractor or default_extractor(batch_size=batch_size)
    report = IngestReport()
    run = _Run(store, ext, report, progress)
    batch: list[Article] = []
    in_batch: set[str] = set()  # ids and hashes waiting in the batch: the same text twice is stored once
    for item in read_inputs(inputs, options=options):
        if isinstance(item, ReadError):
            run.error(item)
            continue
        report.read += 1
        if not item.text.strip():
            report.empty += 1
            run.tick()
            continue
        digest = content_hash(item.text)
        if item.id in in_batch or digest in in_batch or store.has_article(item.id, content_hash=digest):
            report.skipped_existing += 1
            run.tick()
            continue
        batch.append(item)
        in_batch.update((item.id, digest))
        if len(batch) >= batch_size:
            run.store_batch(batch)
            batch, in_batch = [], set()
    if batch:
        run.store_batch(batch)
    report.clusters = store.recluster()
    run.tick()
    return report


class ReprocessStore(IngestStore, Protocol):
    """What ``reprocess`` needs beyond ingest: listing stored articles, a page at a time, and reading one."""

    def articles(self, *, limit: int | None = ..., offset: int = ...) -> Sequence[Any]: ...

    def article(self, article_id: str) -> Any: ...


_PAGE = 1000


def reprocess(
    store: ReprocessStore,
    *,
    extractor: Extractor | None = None,
    batch_size: int = 32,
    progress: Progress | None = None,
) -> IngestReport:
    """Re-extract every stored article whose extractor version is not the current one.

    ``read`` counts the articles looked at, ``stored`` those re-extracted, ``skipped_existing``
    those already current. Interrupted, it simply resumes: re-extracted articles carry the new
    version and are passed over next time.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    ext = extractor or default_extractor(batch_size=batch_size)
    report = IngestReport()
    run = _Run(store, ext, report, progress)
    # Ids first (the listing leaves texts out), then texts one batch at a time: memory stays bounded.
    stale: list[str] = []
    offset = 0
    while True:
        rows = store.articles(limit=_PAGE, offset=offset)
        for row in rows:
            report.read += 1
            if row.extractor_version == ext.version:
                report.skipped_existing += 1
            else:
                stale.append(row.id)
        if len(rows) < _PAGE:
            break
        offset += _PAGE
    run.tick()
    for start in range(0, len(stale), batch_size):
        batch = [_article(store.article(aid)) for aid in stale[start : start + batch_size]]
        run.store_batch([a for a in batch if a is not None], replace=True)
    report.clusters = store.recluster()
    run.tick()
    return report


def _article(row: Any) -> Article | None:
    if row is None or getattr(row, "text", None) is None:
        return None
    if isinstance(row, Article):
        return row
    return Article(
        id=row.id,
        text=row.text,
        title=row.title,
        url=row.url,
        outlet=row.outlet,
        published=row.published,
        language=row.language,
    )


@dataclass(slots=True)
class _Run:
    """The moving parts of one run, so ingest and reprocess share batching and error handling."""

    store: IngestStore
    ext: Extractor
    report: IngestReport
    progress: Progress | None

    def tick(self) -> None:
        if self.progress is not None:
            self.progress(self.report)

    def error(self, err: ReadError) -> None:
        self.report.errors.append(err)
        self.store.add_error(input=err.input, reason=err.reason, location=err.location)
        self.tick()

    def store_batch(self, batch: Sequence[Article], *, replace: bool = False) -> None:
        """Extract a batch and commit each article with its claims as soon as it is extracted."""
        for art, claims in self._extract(batch):
            if replace:
                self.store.replace_claims(art.id, claims, extractor_version=self.ext.version)
                self.report.stored += 1
            elif self.store.add_article(art, claims, extractor_version=self.ext.version):
                self.report.stored += 1
            else:
                self.report.skipped_existing += 1
            self.tick()

    def _extract(self, batch: Sequence[Article]) -> Iterator[tuple[Article, Sequence[Claim]]]:
        """The batch's results; when the extractor fails, the rest one by one to isolate the culprit."""
        done = 0
        try:
            for result in self.ext.extract(batch):
                done += 1
                yield result
            return
        except ClaimgraphError:  # no model, bad lexicon: nothing can be extracted, stop with its message
            raise
        except Exception:  # an extractor bug on one hostile text must not lose the whole batch
            log.debug("batch extraction failed; retrying one by one", exc_info=True)
        for art in batch[done:]:
            try:
                results = list(self.ext.extract([art]))
            except ClaimgraphError:
                raise
            except Exception as exc:
                self.error(
                    ReadError(
                        input=art.url or f"article {art.id}",
                        reason=f"extraction failed: {type(exc).__name__}: {exc}"[:500],
                    )
                )
                continue
            yield from results
