"""`claimgraph extract`: claim records for files (or stdin) to stdout."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..model import Article, Claim


def read_text_file(path: str) -> str:
    """A text file as str; invalid UTF-8 is replaced, with a warning naming the file."""
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        click.echo(f"claimgraph: warning: {path}: invalid UTF-8, undecodable bytes replaced", err=True)
        return data.decode("utf-8", errors="replace")


def _table_row(c: Claim) -> str:
    ev = c.event
    triple = "uncoded"
    if ev is not None and ev.action is not None:
        a1 = ev.actor1.code if ev.actor1 else "-"
        a2 = ev.actor2.code if ev.actor2 else "-"
        triple = f"{a1} {ev.action.cameo} {a2}" + (f" [{ev.object}]" if ev.object else "")
    src = c.source.name or c.source.text or "?"
    flags = c.stance + (" hedged" if c.hedged else "") + ("" if c.framing == "neutral" else f" {c.framing}")
    via = f" via {', '.join(v.name for v in c.via)}" if c.via else ""
    text = c.evidence.text.replace("\n", " ")
    if len(text) > 90:
        text = text[:87] + "..."
    actor = f", {c.source.actor}" if c.source.actor else ""
    return f"{src} ({c.source.kind}{actor}){via} | {flags} | {triple} | {text}"


@click.command("extract")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "table"]),
    default=None,
    help="Output format (default: table on a terminal, else jsonl).",
)
@click.option(
    "--id", "article_id", default=None, help="Article id for the records (default: the file's stem)."
)
@click.option("--outlet", default=None, help="The outlet that published the text (the author's name).")
@click.option("--published", default=None, help="Publication date (YYYY-MM-DD), for resolving 'on Monday'.")
@click.option(
    "--attributions",
    is_flag=True,
    help="Every attribution, with or without a coded event (what PolNeAR measures).",
)
def extract_cmd(
    files: tuple[str, ...],
    fmt: str | None,
    article_id: str | None,
    outlet: str | None,
    published: str | None,
    attributions: bool,
) -> None:
    """Print claim records for FILE... ('-' reads stdin): one JSON record a line by default."""
    from ..pipeline import ExtractOptions, extract_articles

    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    failed = False
    arts: list[Article] = []
    for f in files:
        p = Path(f)
        if f != "-" and not p.exists():
            click.echo(f"claimgraph: error: {f}: no such file", err=True)
            failed = True
            continue
        if f != "-" and p.is_dir():
            click.echo(
                f"claimgraph: error: {f}: is a directory (use `claimgraph ingest` for directories)", err=True
            )
            failed = True
            continue
        try:
            text = read_text_file(f)
        except OSError as exc:
            click.echo(f"claimgraph: error: {f}: cannot read ({exc.strerror})", err=True)
            failed = True
            continue
        aid = article_id or ("stdin" if f == "-" else p.stem)
        if aid.endswith(".claims"):
            aid = aid[: -len(".claims")]
        arts.append(Article(id=aid, text=text, outlet=outlet, published=published))
    opts = ExtractOptions(events_only=not attributions)
    everything: list[dict[str, object]] = []
    for _art, claims in extract_articles(arts, options=opts):
        for c in claims:
            if fmt == "jsonl":
                click.echo(json.dumps(c.to_dict(), ensure_ascii=False))
            elif fmt == "table":
                click.echo(_table_row(c))
            else:
                everything.append(c.to_dict())
    if fmt == "json":
        click.echo(json.dumps(everything, ensure_ascii=False, indent=1))
    if failed:
        sys.exit(2)


def register(group: click.Group) -> None:
    group.add_command(extract_cmd)
