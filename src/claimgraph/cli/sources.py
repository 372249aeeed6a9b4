"""``claimgraph sources``: the sources list (one row per speaker, with the names it was seen under),
and ``--rekey`` to re-key stored sources after the people table changed."""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import asdict
from typing import Any

import click

from ..model import SOURCE_KINDS
from ..store import SourceQuery, Store, StoredSource
from ..store.rows import neutralise
from .store import db_option, opened, print_table

_ACTOR = re.compile(r"[A-Za-z]{3}[A-Za-z0-9]{0,12}")
COLUMNS = ("id", "name", "kind", "actor", "claims", "asserts", "denies", "questions", "seen_as")


def _actor(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if not _ACTOR.fullmatch(value.strip()):
        raise click.BadParameter(f"{value!r} is no actor code: give letters and digits, e.g. IRN or USAGOV")
    return value.strip().upper()


def _records(store: Store, found: list[StoredSource]) -> list[dict[str, Any]]:
    """Each source as a plain dict, with the names (``seen_as``) and mentions it was seen under."""
    seen = store.sources_names([s.id for s in found])
    out = []
    for s in found:
        names = seen.get(s.id, {})
        out.append(
            {
                **asdict(s),
                "seen_as": [{"name": n, "claims": k} for n, k in names.get("names", [])],
                "mentions": [{"text": n, "claims": k} for n, k in names.get("mentions", [])],
            }
        )
    return out


def _names(r: dict[str, Any]) -> str:
    return "; ".join(f"{n['name']} ({n['claims']})" for n in r["seen_as"])


@click.command("sources")
@click.option("--name", metavar="TEXT", help="Source name contains TEXT (case-insensitive).")
@click.option("--kind", type=click.Choice(SOURCE_KINDS), help="Source kind.")
@click.option(
    "--actor", metavar="CODE", callback=_actor, help="Source actor code prefix: IRN matches IRNGOV."
)
@click.option("--limit", type=click.IntRange(min=0), help="At most N sources (most claims first).")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
@click.option(
    "--rekey",
    is_flag=True,
    help="Re-key the stored sources by today's rules and people table (after extending it), merge the"
    " rows of one speaker (their old ids redirect), rebuild the clusters they touch; print how many went.",
)
@db_option
def sources_cmd(
    name: str | None,
    kind: str | None,
    actor: str | None,
    limit: int | None,
    fmt: str,
    rekey: bool,
    db: str | None,
) -> None:
    """Sources, one per speaker, most claims first: kind, actor, claim and stance counts, and the
    names the articles gave them ("seen as")."""
    if rekey:
        given = [
            opt
            for opt, v in (("--name", name), ("--kind", kind), ("--actor", actor), ("--limit", limit))
            if v
        ]
        if given or fmt != "table":
            raise click.UsageError(f"--rekey lists nothing: leave out {', '.join(given) or '--format'}")
        with opened(db) as store:
            gone = store.rekey_sources()
            clusters = store.recluster()
        rows = f"{gone} source row{'' if gone == 1 else 's'}"
        click.echo(f"re-keyed sources: {rows} merged into others; {clusters} clusters")
        return
    with opened(db) as store:
        found = store.sources(SourceQuery(name=name, kind=kind, actor=actor, limit=limit))
        records = _records(store, found)
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(COLUMNS)
        for r in records:
            cells = [_names(r) if k == "seen_as" else r[k] for k in COLUMNS]
            w.writerow([neutralise(v) if isinstance(v, str) else ("" if v is None else v) for v in cells])
    else:
        print_table(
            ["id", "name", "kind", "actor", "claims", "seen as"],
            [[r["id"], r["name"], r["kind"], r["actor"], r["claims"], _names(r)] for r in records],
        )


def register(group: click.Group) -> None:
    """Add ``sources`` to the ``claimgraph`` group."""
    group.add_command(sources_cmd)
