"""``claimgraph serve``: the web UI and JSON API on this machine (uvicorn), read-only by default."""

from __future__ import annotations

import click

from ..errors import ClaimgraphError
from .store import db_option


@click.command("serve")
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on (this machine only by default).",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="TCP port.")
@click.option(
    "--token",
    envvar="CLAIMGRAPH_TOKEN",
    metavar="T",
    default=None,
    help="Accept POST /api/articles with 'Authorization: Bearer T' (default: read-only).",
)
def serve_cmd(db: str | None, host: str, port: int, token: str | None) -> None:
    """Browse claims, clusters, dyads, the actor network and highlighted articles in a web browser."""
    try:
        import uvicorn

        from ..web import create_app
    except ImportError as exc:  # optional dependencies: say what to install, no traceback
        raise click.ClickException(
            f"the web UI needs {exc.name}: pip install fastapi jinja2 uvicorn"
        ) from None
    from ..store.engine import resolve_url

    try:
        app = create_app(resolve_url(db), token=token)
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from None
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"claimgraph: serving {resolve_url(db)} at http://{shown}:{port}/ (Ctrl-C stops)", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            "claimgraph: warning: listening beyond this machine; anyone who can reach it can read the store",
            err=True,
        )
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(group: click.Group) -> None:
    """Add ``serve`` to the command group."""
    group.add_command(serve_cmd)
