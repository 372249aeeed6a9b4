"""Read → extract → store, in batches, idempotent and crash-safe, with a report of what went wrong.

Articles already stored (same id or same text) are skipped *before* extraction, so a re-run costs
only the reading. Each article is committed together with its claims, so a run killed at any
moment leaves whole articles only, and running the same command again finishes the rest.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .errors import ClaimgraphError
from .model import Article, Claim
from .read import ReadError, ReadOptions, content_hash, count_documents, read_inputs

log = logging.getLogger(__name__)

__all__ = [
    "Extractor",
    "IngestReport",
    "IngestStore",
    "PendingBatch",
    "cores",
    "default_extractor",
    "ingest",
    "reprocess",
]

ExtractFn = Callable[[Sequence[Article]], Iterable[tuple[Article, Sequence[Claim]]]]


class PendingBatch(Protocol):
    """A batch being extracted elsewhere (a worker process); ``get`` waits for its records."""

    def get(self) -> Sequence[tuple[Article, Sequence[Claim]]]: ...


SubmitFn = Callable[[Sequence[Article]], PendingBatch]


@dataclass(frozen=True, slots=True)
class Extractor:
    """An extraction function and the version stamped on what it stores (for ``reprocess``).

    An extractor that runs elsewhere also gives ``submit`` (start a batch, return at once) and a
    ``window``: ingest keeps that many batches in flight while it stores the finished ones, so
    the workers never wait for the database. ``close`` releases what it holds (its workers).
    """

    extract: ExtractFn
    version: str
    submit: SubmitFn | None = None
    window: int = 0
    close: Callable[[], None] | None = None


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
    total: int | None = None
    """Documents the inputs hold, when a quick look could tell (for progress); None when unknown."""

    @property
    def done(self) -> int:
        """Documents dealt with: read (stored, skipped, empty) or failed; ``stored`` lags while extracting."""
        return self.stored + self.skipped_existing + self.empty + len(self.errors)

    def counts(self) -> str:
        """``110 stored, 3 already stored, 2 failed``: the counts a progress display shows."""
        parts = [f"{self.read} read", f"{self.stored} stored"]
        if self.skipped_existing:
            parts.append(f"{self.skipped_existing} already stored")
        parts.append(f"{len(self.errors)} failed")
        return ", ".join(parts)

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


def cores() -> int:
    """CPUs this process may run on: the default number of extraction workers."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def default_extractor(*, batch_size: int = 32, n_process: int = 1) -> Extractor:
    """The claimgraph pipeline (loaded on first use, since loading spaCy takes seconds).

    With ``n_process > 1`` it extracts in that many worker processes (started on the first
    batch); ``close`` stops them.
    """
    from . import pipeline

    if n_process <= 1:

        def extract(articles: Sequence[Article]) -> Iterator[tuple[Article, Sequence[Claim]]]:
            yield from pipeline.extract_articles(articles, batch_size=batch_size)

        return Extractor(extract, pipeline.EXTRACTOR_VERSION)

    pool = pipeline.ExtractionPool(n_process)

    def extract_in_pool(articles: Sequence[Article]) -> Iterator[tuple[Article, Sequence[Claim]]]:
        # a lone batch (reprocess, a retry) is shared out so that every worker has a part
        part = max(1, -(-len(articles) // n_process))
        yield from pool.extract(articles, batch_size=min(batch_size, part))

    return Extractor(
        extract_in_pool,
        pipeline.EXTRACTOR_VERSION,
        submit=pool.submit,
        window=2 * n_process,
        close=pool.terminate,  # called once every result is in: nothing left to wait for
    )


def ingest(
    inputs: Iterable[str],
    *,
    store: IngestStore,
    extractor: Extractor | None = None,
    batch_size: int = 32,
    workers: int = 1,
    progress: Progress | None = None,
    options: ReadOptions | None = None,
) -> IngestReport:
    """Read ``inputs`` (paths, directories, URLs, ``-``), extract claims and store every new article.

    Bad documents are recorded with ``store.add_error`` and in the report; they never stop the run.
    Clusters are recomputed once at the end. ``workers`` > 1 extracts in that many processes
    while this one stays the single writer, storing each article as its batch comes back, in
    input order. Inputs are streamed: memory does not grow with the length of the corpus.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if workers < 1:
        raise ValueError("workers must be at least 1")
    own = extractor is None
    ext = extractor or default_extractor(batch_size=batch_size, n_process=workers)
    report = IngestReport()
    if progress is not None:
        inputs = list(inputs)
        report.total = count_documents(inputs)
    run = _Run(store, ext, report, progress)
    batch: list[Article] = []
    # ids and hashes read but not yet stored (in the batch or in flight): the same text twice is stored once
    waiting: set[str] = set()
    try:
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
            if item.id in waiting or digest in waiting or store.has_article(item.id, content_hash=digest):
                report.skipped_existing += 1
                run.tick()
                continue
            batch.append(item)
            waiting.update((item.id, digest))
            if len(batch) >= batch_size:
                run.submit(batch)
                batch = []
                run.drain(keep=ext.window, waiting=waiting)
        if batch:
            run.submit(batch)
        run.drain(keep=0, waiting=waiting)
    finally:
        if own and ext.close is not None:
            ext.close()
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
    workers: int = 1,
    progress: Progress | None = None,
) -> IngestReport:
    """Re-extract every stored article whose extractor version is not the current one.

    ``read`` counts the articles looked at, ``stored`` those re-extracted, ``skipped_existing``
    those already current. Interrupted, it simply resumes: re-extracted articles carry the new
    version and are passed over next time.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if workers < 1:
        raise ValueError("workers must be at least 1")
    own = extractor is None
    ext = extractor or default_extractor(batch_size=batch_size, n_process=workers)
    try:
        return _reprocess(store, ext, batch_size, progress)
    finally:
        if own and ext.close is not None:
            ext.close()


def _reprocess(
    store: ReprocessStore, ext: Extractor, batch_size: int, progress: Progress | None
) -> IngestReport:
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
    report.total = report.read
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
    pending: deque[tuple[list[Article], PendingBatch | None]] = field(default_factory=deque)

    def tick(self) -> None:
        if self.progress is not None:
            self.progress(self.report)

    def error(self, err: ReadError) -> None:
        self.report.errors.append(err)
        self.store.add_error(input=err.input, reason=err.reason, location=err.location)
        self.tick()

    def submit(self, batch: list[Article]) -> None:
        """Start extracting a batch (at once when the extractor runs here)."""
        handle = self.ext.submit(batch) if self.ext.submit is not None else None
        self.pending.append((batch, handle))

    def drain(self, *, keep: int, waiting: set[str]) -> None:
        """Store the oldest batches until at most ``keep`` are in flight; they are no longer waiting."""
        while len(self.pending) > keep:
            batch, handle = self.pending.popleft()
            self.store_batch(batch, handle=handle)
            for art in batch:
                waiting.discard(art.id)
                waiting.discard(content_hash(art.text))

    def store_batch(
        self, batch: Sequence[Article], *, replace: bool = False, handle: PendingBatch | None = None
    ) -> None:
        """Extract a batch and commit each article with its claims as soon as it is extracted."""
        for art, claims in self._extract(batch, handle):
            if replace:
                self.store.replace_claims(art.id, claims, extractor_version=self.ext.version)
                self.report.stored += 1
            elif self.store.add_article(art, claims, extractor_version=self.ext.version):
                self.report.stored += 1
            else:
                self.report.skipped_existing += 1
            self.tick()

    def _extract(
        self, batch: Sequence[Article], handle: PendingBatch | None = None
    ) -> Iterator[tuple[Article, Sequence[Claim]]]:
        """The batch's results; when the extractor fails, the rest one by one to isolate the culprit."""
        done = 0
        try:
            results = handle.get() if handle is not None else self.ext.extract(batch)
            for result in results:
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
