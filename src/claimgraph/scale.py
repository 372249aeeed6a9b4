"""The Dask runner: extraction on dask.distributed over sharded inputs, with one writer.

Each input file (a JSONL/CSV corpus, a WARC archive, a text or HTML file), each file under an
input directory and each match of a glob is one shard. A task reads its shard on a worker (so the
workers must see the files at the same paths: one machine, or a shared filesystem), runs the
ordinary ``ingest`` there into a sink instead of a database, and either

- returns the records to this process, the database's single writer, which stores each article
  in its own transaction exactly as ``ingest`` does (idempotent: stored articles are skipped); or
- writes them as one Parquet file per shard (the columns of ``export --format parquet`` plus the
  article's title, text, language and extractor version on its first row), which
  ``claimgraph load DIR/*.parquet`` imports. Articles without any record leave no row.

Without a scheduler address the work runs on a ``LocalCluster`` of worker processes here. Each
worker loads the pipeline once and runs one extraction at a time (spaCy's memory zones are per
process), so start real workers with one thread each: ``dask worker ADDRESS --nthreads 1``.
"""

from __future__ import annotations

import glob
import hashlib
import importlib
import logging
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from .errors import ClaimgraphError, InputError
from .ingest import IngestReport, IngestStore, Progress, default_extractor, ingest
from .model import Article, Claim
from .read import ReadError, content_hash

log = logging.getLogger(__name__)

__all__ = ["ScaleOptions", "ShardResult", "extract_shard", "run", "shards"]

ARTICLE_COLUMNS: tuple[str, ...] = ("title", "text", "language", "extractor_version")
"""Columns the Parquet shards hold beyond the export's, read back by ``load``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ScaleOptions:
    """Where and how a Dask run works."""

    scheduler: str | None = None
    """Address of a running scheduler (``tcp://host:8786``); None starts a LocalCluster here."""
    workers: int = 2
    """LocalCluster worker processes (ignored with a scheduler)."""
    processes: bool = True
    """LocalCluster workers as processes; False runs one in this process (tests, debugging)."""
    batch_size: int = 32
    out_dir: str | None = None
    """Write Parquet shards here instead of returning records to the database writer."""


@dataclass(slots=True)
class ShardResult:
    """What one shard's task sends back: its ingest report and, for the database, its records."""

    shard: str
    report: IngestReport
    version: str
    records: list[tuple[Article, list[Claim]]] = field(default_factory=list)
    written: str | None = None


def shards(inputs: Iterable[str]) -> list[str]:
    """The files to distribute, as absolute paths: each file, each file under a directory, each glob match."""
    out: list[str] = []
    for inp in inputs:
        if inp == "-" or inp.lower().startswith(("http://", "https://")):
            raise InputError(
                f"{inp}: --engine dask reads files (shards), not stdin or URLs; use --engine local"
            )
        if glob.has_magic(inp):
            files = [m for m in sorted(glob.glob(inp, recursive=True)) if os.path.isfile(m)]
            if not files:
                raise InputError(f"{inp}: no file matches this pattern")
            out.extend(files)
        elif os.path.isdir(inp):
            root = Path(inp)
            out.extend(
                str(p)
                for p in sorted(root.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
            )
        else:
            out.append(inp)  # a missing file is reported by the shard's reader, like ingest does
    return list(dict.fromkeys(os.path.abspath(p) for p in out))


# --- on the workers ------------------------------------------------------------------------------

_ONE_AT_A_TIME = threading.Lock()


class _Collect:
    """An ``IngestStore`` that keeps what ingest would store, in memory, for the client to write."""

    def __init__(self) -> None:
        self.records: list[tuple[Article, list[Claim]]] = []
        self._seen: set[str] = set()

    def has_article(
        self, article_id: str, *, content_hash: str | None = None, extractor_version: str | None = None
    ) -> bool:
        return article_id in self._seen or (content_hash is not None and content_hash in self._seen)

    def add_article(self, article: Article, claims: Sequence[Claim], *, extractor_version: str) -> bool:
        self._seen.update((article.id, content_hash(article.text)))
        self.records.append((article, list(claims)))
        return True

    def replace_claims(self, article_id: str, claims: Sequence[Claim], *, extractor_version: str) -> None:
        raise NotImplementedError("a shard is only ingested")

    def add_error(self, *, input: str, reason: str, location: str | None = None) -> None:
        """Errors travel in the report."""

    def recluster(self) -> int:
        return 0


class _ParquetSink(_Collect):
    """Writes each article's records as flat Parquet rows as they come, to a file renamed into place
    at the end (so a killed run never leaves a half-written shard that ``load`` would take as whole)."""

    def __init__(self, target: Path, *, rows_per_group: int = 5000) -> None:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        from .export import parquet_schema

        super().__init__()
        self.target = target
        self._part = target.with_name(target.name + ".part")
        base = parquet_schema()
        self._schema = pa.schema([*base, *(pa.field(k, pa.string()) for k in ARTICLE_COLUMNS)])
        self._writer = pq.ParquetWriter(self._part, self._schema)
        self._rows: list[dict[str, Any]] = []
        self._per_group = rows_per_group

    def add_article(self, article: Article, claims: Sequence[Claim], *, extractor_version: str) -> bool:
        from .store.rows import claim_to_row

        self._seen.update((article.id, content_hash(article.text)))
        for i, c in enumerate(claims):
            first = i == 0  # the article's own facts once: `load` takes the first value it meets
            self._rows.append(
                {
                    "id": None,
                    "article_id": article.id,
                    "outlet": article.outlet,
                    "published": article.published,
                    "url": article.url,
                    **claim_to_row(c),
                    "cluster_id": None,
                    "cluster_role": None,
                    "title": article.title if first else None,
                    "text": article.text if first else None,
                    "language": article.language if first else None,
                    "extractor_version": extractor_version if first else None,
                }
            )
        if len(self._rows) >= self._per_group:
            self._flush()
        return True

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def __enter__(self) -> _ParquetSink:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self._flush()
            self._writer.close()
            os.replace(self._part, self.target)
        else:
            self._writer.close()
            self._part.unlink(missing_ok=True)


def shard_file(shard: str) -> str:
    """The Parquet file name of a shard: readable, and distinct for same-named files elsewhere."""
    digest = hashlib.sha1(shard.encode("utf-8")).hexdigest()[:10]
    stem = Path(shard).name.split(".")[0] or "shard"
    return f"{stem}-{digest}.parquet"


def extract_shard(shard: str, *, batch_size: int = 32, out_dir: str | None = None) -> ShardResult:
    """Read and extract one shard (on a worker): its records, or the Parquet file they went to."""
    with _ONE_AT_A_TIME:
        ext = default_extractor(batch_size=batch_size)
        if out_dir is None:
            sink = _Collect()
            report = ingest([shard], store=sink, extractor=ext, batch_size=batch_size)
            return ShardResult(shard, report, ext.version, records=sink.records)
        target = Path(out_dir) / shard_file(shard)
        with _ParquetSink(target) as psink:
            report = ingest([shard], store=psink, extractor=ext, batch_size=batch_size)
        return ShardResult(shard, report, ext.version, written=str(target))


# --- on the client -------------------------------------------------------------------------------


def _distributed() -> Any:
    """dask.distributed, imported on use (only this engine needs it); its API is untyped."""
    return importlib.import_module("dask.distributed")


@contextmanager
def _client(opts: ScaleOptions) -> Iterator[Any]:
    dd = _distributed()
    # dask.distributed logs every start and stop at INFO on its own loggers; our users want our lines
    dlog = logging.getLogger("distributed")
    saved = dlog.level
    if not log.isEnabledFor(logging.INFO):
        dlog.setLevel(logging.ERROR)
    try:
        with _connect(dd, opts) as client:
            yield client
    finally:
        dlog.setLevel(saved)


@contextmanager
def _connect(dd: Any, opts: ScaleOptions) -> Iterator[Any]:
    if opts.scheduler:
        with dd.Client(opts.scheduler) as client:
            yield client
        return
    with (
        dd.LocalCluster(
            n_workers=opts.workers,
            threads_per_worker=1,
            processes=opts.processes,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        dd.Client(cluster) as client,
    ):
        yield client


def run(
    inputs: Iterable[str],
    *,
    store: IngestStore | None = None,
    options: ScaleOptions | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Extract the shards of ``inputs`` on Dask; store the records in ``store`` or write Parquet shards.

    The report adds up the shards' reports; ``stored`` counts the articles this run added to the
    store (or wrote). A shard whose task fails is one error; the others go on.
    """
    as_completed = _distributed().as_completed
    opts = options or ScaleOptions()
    if (store is None) == (opts.out_dir is None):
        raise ValueError("give either a store or options.out_dir (Parquet shards), not both")
    files = shards(inputs)
    if opts.out_dir is not None:
        Path(opts.out_dir).mkdir(parents=True, exist_ok=True)
    report = IngestReport()

    def tick() -> None:
        if progress is not None:
            progress(report)

    with _client(opts) as client:
        futures = [
            client.submit(extract_shard, f, batch_size=opts.batch_size, out_dir=opts.out_dir, pure=False)
            for f in files
        ]
        for fut in as_completed(futures):
            try:
                res: ShardResult = fut.result()
            except ClaimgraphError:
                raise  # no model, a bad lexicon: no shard can succeed
            except Exception as exc:
                err = ReadError(input=_shard_of(fut, futures, files), reason=f"shard failed: {exc}"[:500])
                report.errors.append(err)
                if store is not None:
                    store.add_error(input=err.input, reason=err.reason)
                tick()
                continue
            finally:
                fut.release()
            _merge(report, res, store)
            tick()
    if store is not None:
        report.clusters = store.recluster()
    return report


def _shard_of(fut: Any, futures: list[Any], files: list[str]) -> str:
    return next((f for g, f in zip(futures, files, strict=True) if g is fut), "shard")


def _merge(report: IngestReport, res: ShardResult, store: IngestStore | None) -> None:
    r = res.report
    report.read += r.read
    report.empty += r.empty
    report.skipped_existing += r.skipped_existing
    report.errors.extend(r.errors)
    if store is None:
        report.stored += r.stored
        return
    for err in r.errors:
        store.add_error(input=err.input, reason=err.reason, location=err.location)
    for article, claims in res.records:
        if store.add_article(article, claims, extractor_version=res.version):
            report.stored += 1
        else:
            report.skipped_existing += 1
