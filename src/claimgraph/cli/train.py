"""``claimgraph train``: rebuild the trained event model from the stand-off labels (make train)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .progress import progress

F = TypeVar("F", bound=Callable[..., Any])


def _path(flag: str, default: Path, help: str) -> Callable[[F], F]:
    """A path option with its default shown (the three of ``train`` differ only in these)."""
    return click.option(flag, type=click.Path(path_type=Path), default=default, show_default=True, help=help)


def register(main: click.Group) -> None:
    from ..events import training

    @main.command("train")
    @_path(
        "--labels", training.DEFAULT_LABELS, "Folder of label tables (training/events/labels in a checkout)."
    )
    @_path("--corpora", training.DEFAULT_CORPORA, "Folder of the corpora JSONL files the labels point into.")
    @_path("--out", training.DEFAULT_OUT, "Where the model (.npz) is written.")
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
