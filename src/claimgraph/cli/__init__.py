"""The command line: a thin shell. Each command parses options and calls one library function."""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from .. import __version__
from ..errors import ClaimgraphError


class _Group(click.Group):
    """Turns a library error into one line on stderr and exit status 2: no traceback for users."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ClaimgraphError as exc:
            click.echo(f"claimgraph: error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="claimgraph")
@click.option("-v", "--verbose", is_flag=True, help="Log progress and rule decisions to stderr.")
def main(verbose: bool) -> None:
    """claimgraph: who says who did what to whom, from news, with evidence."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="claimgraph: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    logging.captureWarnings(True)
    if not verbose:
        # Killed, a run leaves semaphores that multiprocessing's resource tracker (a process of its
        # own, started with our -W options) cleans up with a warning: noise for a user, not a fault.
        sys.warnoptions.append("ignore::UserWarning:multiprocessing.resource_tracker")


def _register() -> None:
    from . import evaluate, extract

    extract.register(main)
    evaluate.register(main)
    for name in ("store", "sources", "ingest", "transfers", "serve", "train"):
        try:
            mod = __import__(f"{__name__}.{name}", fromlist=["register"])
        except ImportError:  # a part not installed in this build
            continue
        mod.register(main)


_register()
