"""The store's commands: ``claims``, ``clusters``, ``stats``, ``export``, ``load``.

Each command parses its options, opens the Store and calls one library function. The shared
option decorators (``db_option``, ``query_options``) are here for the other command modules.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any, TypeVar

import click

from ..errors import ClaimgraphError
from ..export import FORMATS, export, write_claims, write_csv
from ..model import STANCES
from ..store import ClaimQuery, ClusterQuery, Store, StoredClaim, StoredCluster
from ..store.load import load_files
from .progress import Update, progress

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db",
    envvar="CLAIMGRAPH_DB",
    metavar="URL",
    default=None,
    help="Database URL (sqlite:///FILE or postgresql://...). Default: $CLAIMGRAPH_DB, else sqlite:///claimgraph.db.",
)


def query_options(f: F) -> F:
    """The claim filters shared by ``claims`` and ``export`` (they become a ClaimQuery)."""
    opts = [
        click.option("--actor1", metavar="CODE", help="Actor 1 code prefix: IRN matches IRNGOV."),
        click.option("--actor2", metavar="CODE", help="Actor 2 code prefix."),
        click.option("--code", metavar="CAMEO", help="CAMEO code prefix: 07 (a root) or 072."),
        click.option("--stance", type=click.Choice(STANCES), help="The source's stance."),
        click.option("--source", metavar="NAME", help="Source name contains NAME (case-insensitive)."),
        click.option("--outlet", metavar="NAME", help="Outlet contains NAME (case-insensitive)."),
        click.option("--since", metavar="DATE", help="Published on or after DATE (YYYY-MM-DD)."),
        click.option("--until", metavar="DATE", help="Published on or before DATE (YYYY-MM-DD)."),
        click.option("--text", metavar="WORDS", help="Full-text search in the evidence (all words)."),
        click.option(
            "--event",
            type=click.Choice(["coded", "uncoded"]),
            help="Only records with a coded event, or only the uncoded ones (event null).",
        ),
        click.option("--limit", type=click.IntRange(min=0), help="At most N claims."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def _query(**kw: Any) -> ClaimQuery:
    event = kw.pop("event", None)
    coded = None if event is None else event == "coded"
    return ClaimQuery(coded=coded, **{k: v for k, v in kw.items() if v is not None})


@contextmanager
def opened(db: str | None) -> Iterator[Store]:
    """The Store for ``--db``; any claimgraph error becomes one line on stderr and exit status 2."""
    try:
        with Store(db) as store:
            yield store
    except ClaimgraphError as exc:
        click.echo(f"claimgraph: error: {exc}", err=True)
        raise click.exceptions.Exit(2) from None


def _clean(v: object) -> str:
    return "" if v is None else " ".join(str(v).split())


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A table: rich on a terminal, TAB-separated lines (with a header) otherwise."""
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(*headers, show_lines=False)
        for r in rows:
            table.add_row(*(_clean(v) for v in r))
        Console().print(table)
        return
    click.echo("\t".join(headers))
    for r in rows:
        click.echo("\t".join(_clean(v) for v in r))


def _claim_cells(sc: StoredClaim) -> list[object]:
    c = sc.claim
    ev = c.event
    return [
        sc.id,
        sc.published,
        sc.outlet,
        c.source.name or c.source.text or (sc.outlet if c.source.kind == "author" else None),
        c.stance + (" (hedged)" if c.hedged else ""),
        ev.actor1.code if ev and ev.actor1 else None,
        ev.action.cameo if ev and ev.action else "uncoded",
        ev.actor2.code if ev and ev.actor2 else None,
        ev.object if ev else None,
        c.evidence.text,
    ]


@click.command("claims")
@query_options
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True
)
@db_option
def claims_cmd(fmt: str, db: str | None, **filters: Any) -> None:
    """List stored claims, filtered by actors, CAMEO code, stance, source, outlet, dates and text."""
    with opened(db) as store:
        q = _query(**filters)
        rows = store.iter_claims(q)
        out = sys.stdout
        if fmt == "jsonl":
            write_claims(rows, out)
        elif fmt == "csv":
            write_csv(rows, out)
        else:
            headers = [
                "id",
                "published",
                "outlet",
                "source",
                "stance",
                "actor1",
                "cameo",
                "actor2",
                "object",
                "evidence",
            ]
            print_table(headers, [_claim_cells(sc) for sc in rows])


def _names(cluster: StoredCluster, stance: str) -> str:
    sources = {"asserts": cluster.asserting, "denies": cluster.denying, "questions": cluster.questioning}[
        stance
    ]
    return "; ".join(s.name or s.actor or s.kind for s in sources)


@click.command("clusters")
@click.option("--dyad", metavar="A,B", help="Both directions between two actor countries: IRN,RUS.")
@click.option("--code", metavar="CAMEO", help="CAMEO code prefix.")
@click.option("--contested", is_flag=True, help="Only clusters that some source denies or questions.")
@click.option(
    "--order",
    type=click.Choice(["first_seen", "newest", "articles", "outlets", "contested"]),
    default="first_seen",
    show_default=True,
    help="Oldest or newest first, most articles, most distinct outlets, or most denying and"
    " questioning sources first.",
)
@click.option("--limit", type=click.IntRange(min=0), help="At most N clusters.")
@click.option("--rebuild", is_flag=True, help="Rebuild the clusters from the stored claims first.")
@click.option(
    "--window",
    type=click.IntRange(min=0),
    default=None,
    help="Days a speech act or aid report may be from its cluster's first (with --rebuild;"
    " default: per event family).",
)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@db_option
def clusters_cmd(
    dyad: str | None,
    code: str | None,
    contested: bool,
    order: Any,
    limit: int | None,
    rebuild: bool,
    window: int | None,
    fmt: str,
    db: str | None,
) -> None:
    """Claim clusters: one event across articles, with its asserting and denying sources."""
    pair: tuple[str, str] | None = None
    if dyad:
        parts = [p.strip() for p in dyad.split(",") if p.strip()]
        if len(parts) != 2:
            raise click.BadParameter(
                "give two actor codes separated by a comma, e.g. IRN,RUS", param_hint="--dyad"
            )
        pair = (parts[0], parts[1])
    with opened(db) as store:
        if rebuild:
            store.recluster(window_days=window, full=True)
        found = store.clusters(
            ClusterQuery(dyad=pair, code=code, contested=contested, order=order, limit=limit)
        )
        if fmt == "jsonl":
            for cl in found:
                click.echo(json.dumps(asdict(cl), ensure_ascii=False))
            return
        headers = ["id", "event", "first seen", "articles", "outlets", "asserting", "denying", "questioning"]
        rows = [
            [
                cl.id,
                cl.label,
                cl.first_seen,
                cl.n_articles,
                cl.n_outlets,
                _names(cl, "asserts"),
                _names(cl, "denies"),
                _names(cl, "questions"),
            ]
            for cl in found
        ]
        print_table(headers, rows)


@click.command("stats")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
def stats_cmd(fmt: str, db: str | None) -> None:
    """Counts of articles, claims, clusters and ingest errors."""
    with opened(db) as store:
        counts = store.stats()
    if fmt == "json":
        click.echo(json.dumps(counts))
    else:
        print_table(["what", "count"], list(counts.items()))


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="The target format.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", show_default=True
)
@query_options
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress and no summary line.")
def export_cmd(fmt: str, output: str, db: str | None, quiet: bool, **filters: Any) -> None:
    """Export the (filtered) claims: GDELT, PLOVER, claims JSONL, CSV, Parquet, GraphML, schema.org."""
    with opened(db) as store, progress("exporting", quiet=quiet, unit="claims") as (update, clock):
        dest: Any = sys.stdout.buffer if output == "-" else output
        n = export(
            store, fmt, dest, _query(**filters), progress=None if update is None else _claims_read(update)
        )
    if output != "-" and not quiet:
        click.echo(f"wrote {n} {fmt} rows to {output} {clock.rate(n, 'rows')}", err=True)


def _claims_read(update: Update) -> Callable[[int, int | None], None]:
    return lambda done, total: update(done, total, "")


@click.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@db_option
def load_cmd(files: tuple[str, ...], db: str | None) -> None:
    """Load claims produced elsewhere (claims JSONL, gold JSON, CSV or Parquet exports), then recluster."""
    with opened(db) as store:
        result = load_files(store, files)
        clusters = store.recluster()
    click.echo(
        f"loaded {result.articles} articles ({result.claims} claims), {result.skipped} already stored, "
        f"{clusters} clusters, {len(result.errors)} errors",
        err=True,
    )
    for e in result.errors:
        click.echo(f"  {e}", err=True)
    if result.errors:
        raise click.exceptions.Exit(1 if result.articles == 0 and result.skipped == 0 else 3)


COMMANDS: tuple[click.Command, ...] = (claims_cmd, clusters_cmd, stats_cmd, export_cmd, load_cmd)


def register(group: click.Group) -> None:
    """Add the store's commands to the ``claimgraph`` group."""
    for cmd in COMMANDS:
        group.add_command(cmd)
