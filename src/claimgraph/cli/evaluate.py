"""`claimgraph eval`: score records against gold claim files, PolNeAR or the PLOVER GSR."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import InputError


@click.command("eval")
@click.argument("gold", nargs=-1)
@click.option(
    "--pred", type=click.Path(dir_okay=False), help="Predicted records (JSONL); default: run the extractor."
)
@click.option("--polnear", type=click.Path(file_okay=False), help="PolNeAR root (…/benchmarks/polnear).")
@click.option("--split", type=click.Choice(["train", "dev", "test"]), default="dev", show_default=True)
@click.option("--plover", type=click.Path(dir_okay=False), help="PLOVER_GSR_CAMEO.json.")
@click.option("--limit", type=int, default=None, help="Score only the first N PolNeAR articles.")
@click.option(
    "--clusters", type=click.Path(file_okay=False), help="Cluster dev set folder (…/benchmarks/clusters-dev)."
)
@click.option(
    "--corpora",
    type=click.Path(file_okay=False),
    default="../shared/corpora",
    show_default=True,
    help="Where the cluster dev set's article texts are read from.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_cmd(
    gold: tuple[str, ...],
    pred: str | None,
    polnear: str | None,
    split: str,
    plover: str | None,
    limit: int | None,
    clusters: str | None,
    corpora: str,
    as_json: bool,
) -> None:
    """Score claim records: GOLD.claims.json... [--pred PRED.jsonl], --polnear DIR, --plover FILE,
    or claim clusters: --clusters DIR [--pred PRED.jsonl]."""
    from .. import evaluate as ev

    if not gold and not polnear and not plover and not clusters:
        raise click.UsageError("give GOLD files, --polnear DIR, --plover FILE or --clusters DIR")
    if clusters:
        _clusters(clusters, corpora, pred, as_json)
    results: list[dict[str, Any]] = []
    for g in gold:
        if not Path(g).is_file():
            raise InputError(f"{g}: no such gold file")
    if gold:
        if pred:
            results.append(ev.score_claims(ev.load_gold(gold), ev.load_pred(pred)))
        else:
            results.append(ev.evaluate_claims(list(gold), _extract_events))
    if polnear:
        split_dir = Path(polnear) / split
        if not (split_dir / "text").is_dir():
            raise InputError(f"{split_dir}: not a PolNeAR split (no text/ folder)")
        if pred:
            docs = ev.load_polnear(split_dir)
            recs = [
                json.loads(line)
                for line in Path(pred).read_text(encoding="utf-8").splitlines()
                if line.strip()
            ]
            results.append(ev.score_polnear(docs, recs))
        else:
            results.append(_polnear(ev, split_dir, limit))
    if plover:
        results.append(ev.evaluate_plover(plover, _extract_events))
    for r in results:
        r.pop("per_article", None)
        click.echo(json.dumps(r, indent=1) if as_json else ev.format_report(r))
    sys.stdout.flush()


def _clusters(folder: str, corpora: str, pred: str | None, as_json: bool) -> None:
    from .. import evaluate_clusters as ec
    from ..pipeline import extract_articles

    if pred:
        r = ec.evaluate_clusters_from_records(folder, corpora, pred)
    else:
        r = ec.evaluate_clusters(folder, corpora, lambda arts: extract_articles(arts))
    click.echo(json.dumps(r, indent=1) if as_json else ec.format_cluster_report(r))


def _extract_events(text: str, article_id: str) -> list[Any]:
    from ..pipeline import extract

    return extract(text, article_id=article_id)


def _polnear(ev: Any, split_dir: Path, limit: int | None) -> dict[str, Any]:
    """PolNeAR measures attribution alone: every attribution, with or without a coded event."""
    from ..model import Article
    from ..pipeline import ExtractOptions, extract_articles

    docs = ev.load_polnear(split_dir)
    if limit:
        docs = docs[:limit]
    arts = [Article(id=d.article_id, text=d.text) for d in docs]
    recs = [
        c.to_dict()
        for _, claims in extract_articles(arts, options=ExtractOptions(events_only=False))
        for c in claims
    ]
    return dict(ev.score_polnear(docs, recs))


def register(group: click.Group) -> None:
    group.add_command(eval_cmd)
