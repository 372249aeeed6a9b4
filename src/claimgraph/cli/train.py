"""``claimgraph train``: rebuild the trained event model from the stand-off labels (make train)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .progress import progress


def register(main: click.Group) -> None:
    from ..events import training

    @main.command("train")
    @click.option(
        "--labels",
        type=click.Path(path_type=Path),
        default=training.DEFAULT_LABELS,
        show_default=True,
        help="Folder of label tables (training/events/labels in a checkout).",
    )
    @click.option(
        "--corpora",
        type=click.Path(path_type=Path),
        default=training.DEFAULT_CORPORA,
        show_default=True,
        help="Folder of the corpora JSONL files the labels point into.",
    )
    @click.option(
        "--out",
        type=click.Path(path_type=Path),
        default=training.DEFAULT_OUT,
        show_default=True,
        help="Where the model (.npz) is written.",
    )
    @click.option("--seed", type=int, default=0, show_default=True)
    @click.option("-C", "c", type=float, default=1.0, show_default=True, help="Inverse regularisation.")
    @click.option("--quiet", is_flag=True, help="No progress report.")
    def train_cmd(labels: Path, corpora: Path, out: Path, seed: int, c: float, quiet: bool) -> None:
        """Fit the event model on the labelled predicates, score it on its held-out articles and
        save it; the last line is a JSON summary with the held-out scores."""
        if not labels.is_dir():
            raise click.UsageError(f"{labels}: no such folder of label tables")
        if not corpora.is_dir():
            raise click.UsageError(
                f"{corpora}: no such folder of corpora (../shared/corpora beside the checkout)"
            )
        with progress("training: parsing", quiet=quiet, unit="articles") as (update, clock):
            summary = training.train(labels, corpora, out, seed=seed, c=c, progress=update)
        if not quiet:
            click.echo(f"claimgraph: trained {clock.rate(summary['articles'], 'articles')}", err=True)
        click.echo(json.dumps(summary))
