"""`claimgraph ingest` and `claimgraph reprocess`: thin shells over :mod:`claimgraph.ingest`.

Exit status: 0 every document stored (or empty, or already there); 3 some rejected; 1 none could
be read; 2 a usage error or a database that cannot be opened.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import click

from ..errors import ClaimgraphError
from ..ingest import IngestReport, Progress, cores, ingest, reprocess
from .progress import Clock, progress, safe

_db_option = click.option(
    "--db",
    "db_url",
    default=None,
    metavar="URL",
    help="Database URL (default: $CLAIMGRAPH_DB, else sqlite:///claimgraph.db).",
)
_quiet_option = click.option(
    "--quiet", "-q", is_flag=True, help="No progress, notes or summary: only the errors, on stderr."
)
_batch_option = click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=32,
    show_default=True,
    help="Articles extracted together (larger is faster, uses more memory).",
)

_workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=cores,
    show_default="the number of cores",
    help="Extraction processes (with --engine dask: LocalCluster workers).",
)


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@_db_option
@_quiet_option
@_batch_option
@_workers_option
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; dask: dask.distributed over the input files as shards.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="With --engine dask: a running scheduler (tcp://host:8786); default a LocalCluster here.",
)
@click.option(
    "--out",
    metavar="parquet:DIR",
    default=None,
    help="With --engine dask: write one Parquet file per shard into DIR (for `claimgraph load`) "
    "instead of the database.",
)
def ingest_cmd(
    inputs: tuple[str, ...],
    db_url: str | None,
    quiet: bool,
    batch_size: int,
    workers: int,
    engine: str,
    scheduler: str | None,
    out: str | None,
) -> None:
    """Read files, directories, http(s) URLs or - (stdin); store their claims.

    Reads .txt, .html, .jsonl and .csv corpora, RSS/Atom feeds, WARC archives. Documents already
    stored are skipped, so running the same command again after an interruption finishes the rest.
    With --engine dask, each input file (or glob match) is one shard extracted on a Dask worker.
    """
    if engine == "local":
        if scheduler or out:
            _fail("--scheduler and --out need --engine dask")
        store = _open_store(db_url)
        try:
            with _progress("ingesting", quiet) as (on_report, clock):
                report = ingest(
                    inputs, store=store, batch_size=batch_size, workers=workers, progress=on_report
                )
        finally:
            store.close()
        _finish(report, quiet, clock=clock)
    _ingest_dask(inputs, db_url, quiet, batch_size, workers, scheduler, out)


def _ingest_dask(
    inputs: tuple[str, ...],
    db_url: str | None,
    quiet: bool,
    batch_size: int,
    workers: int,
    scheduler: str | None,
    out: str | None,
) -> NoReturn:
    try:
        from ..scale import ScaleOptions, run
    except ImportError as exc:
        _fail(f"--engine dask needs dask.distributed: pip install 'dask[distributed]' ({exc})")
    out_dir = None
    if out is not None:
        kind, _, path = out.partition(":")
        if kind != "parquet" or not path:
            _fail(f"--out {out!r}: expected parquet:DIR")
        out_dir = path
    opts = ScaleOptions(scheduler=scheduler, workers=workers, batch_size=batch_size, out_dir=out_dir)
    store = None if out_dir is not None else _open_store(db_url)
    try:
        with _progress("ingesting on dask", quiet) as (on_report, clock):
            report = run(inputs, store=store, options=opts, progress=on_report)
    finally:
        if store is not None:
            store.close()
    if out_dir is not None and not quiet:
        click.echo(f"Parquet shards in {out_dir}: import them with `claimgraph load {out_dir}/*.parquet`")
    _finish(report, quiet, clock=clock)


@click.command("reprocess")
@_db_option
@_quiet_option
@_batch_option
@_workers_option
def reprocess_cmd(db_url: str | None, quiet: bool, batch_size: int, workers: int) -> None:
    """Re-extract stored articles made by another extractor version."""
    store = _open_store(db_url)
    try:
        with _progress("reprocessing", quiet) as (on_report, clock):
            report = reprocess(store, batch_size=batch_size, workers=workers, progress=on_report)
    finally:
        store.close()
    _finish(report, quiet, verb="re-extracted", clock=clock)


def register(group: click.Group) -> None:
    """Add ``ingest`` and ``reprocess`` to the ``claimgraph`` command group."""
    group.add_command(ingest_cmd)
    group.add_command(reprocess_cmd)


def _open_store(db_url: str | None) -> Any:
    """The Store, or one line and exit status 2 when the database cannot be opened."""
    try:
        from ..store import Store
    except ImportError as exc:
        _fail(f"the store is not available in this installation ({exc})")
    try:
        return Store(db_url)
    except ClaimgraphError as exc:
        _fail(str(exc))
    except Exception as exc:  # e.g. SQLAlchemy's ArgumentError for a malformed URL
        _fail(f"cannot open database {_redact(db_url)}: {type(exc).__name__}: {exc}")


def _fail(message: str) -> NoReturn:
    click.echo(f"claimgraph: error: {_safe(message)}", err=True)
    sys.exit(2)


def _finish(
    report: IngestReport, quiet: bool, *, verb: str = "stored", clock: Clock | None = None
) -> NoReturn:
    if not quiet:
        line = report.summary()
        if verb != "stored":
            line = line.replace(" stored,", f" {verb},", 1).replace("already stored", "already current")
        if report.clusters is not None:
            line += f"; {report.clusters} claim clusters"
        if clock is not None:
            line += f"; {clock.rate(report.done, 'documents')}"
        click.echo(line)
    if report.errors:
        n = len(report.errors)
        click.echo(f"claimgraph: {n} document{'' if n == 1 else 's'} not stored:", err=True)
        for err in report.errors:
            click.echo(f"  {_safe(str(err))}", err=True)
    sys.exit(report.exit_status)


@contextmanager
def _progress(label: str, quiet: bool) -> Iterator[tuple[Progress | None, Clock]]:
    """Ingest's progress: documents done of the total (when known), stored, failed."""
    with progress(label, quiet=quiet) as (update, clock):
        if update is None:
            yield None, clock
            return

        def on_report(report: IngestReport) -> None:
            update(report.done, report.total, report.counts())

        yield on_report, clock


_safe = safe


def _redact(url: str | None) -> str:
    """A database URL with its password hidden."""
    if url is None:
        return "(default)"
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)
