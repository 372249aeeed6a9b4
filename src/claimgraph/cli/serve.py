"""``claimgraph serve``: the web UI and JSON API on this machine (uvicorn), read-only by default."""

from __future__ import annotations

import os

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
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes (one per core serves most; each keeps its own response cache).",
)
@click.option(
    "--cache-mb",
    type=click.FloatRange(0, 65536),
    default=64,
    show_default=True,
    help="Memory per process for responses kept until the store changes (0: no cache).",
)
def serve_cmd(db: str | None, host: str, port: int, token: str | None, workers: int, cache_mb: float) -> None:
    """Browse claims, clusters, dyads, the actor network and highlighted articles in a web browser."""
    try:
        import uvicorn

        from ..web import create_app
        from ..web.env import APP_FACTORY, SERVE_CACHE_MB, SERVE_DB, SERVE_TOKEN
    except ImportError as exc:  # optional dependencies: say what to install, no traceback
        raise click.ClickException(
            f"the web UI needs {exc.name}: pip install fastapi jinja2 uvicorn"
        ) from None
    from ..store.engine import resolve_url

    url = resolve_url(db)
    try:
        app = create_app(url, token=token, cache_mb=cache_mb)  # opened here so a bad --db fails here
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from None
    shown = f"[{host}]" if ":" in host else host
    procs = f" with {workers} processes" if workers > 1 else ""
    click.echo(f"claimgraph: serving {url} at http://{shown}:{port}/{procs} (Ctrl-C stops)", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            "claimgraph: warning: listening beyond this machine; anyone who can reach it can read the store",
            err=True,
        )
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # several processes: uvicorn starts each from an import string, so the settings go by environment
    app.state.store.close()
    os.environ.update({SERVE_DB: url, SERVE_CACHE_MB: str(cache_mb)})
    if token:
        os.environ[SERVE_TOKEN] = token
    uvicorn.run(APP_FACTORY, factory=True, host=host, port=port, workers=workers, log_level="warning")


def register(group: click.Group) -> None:
    """Add ``serve`` to the command group."""
    group.add_command(serve_cmd)
