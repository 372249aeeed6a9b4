"""The app built from environment variables: how ``claimgraph serve --workers N`` starts each process.

uvicorn starts several worker processes from an import string, not from an app object, so the
parent puts the settings in the environment and each worker calls ``app_from_env``.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from .app import create_app

SERVE_DB = "CLAIMGRAPH_SERVE_DB"
SERVE_TOKEN = "CLAIMGRAPH_SERVE_TOKEN"
SERVE_CACHE_MB = "CLAIMGRAPH_SERVE_CACHE_MB"
APP_FACTORY = "claimgraph.web.env:app_from_env"


def app_from_env() -> FastAPI:
    """``create_app`` with the database, token and cache size the parent process set."""
    return create_app(
        os.environ[SERVE_DB],
        token=os.environ.get(SERVE_TOKEN) or None,
        cache_mb=float(os.environ.get(SERVE_CACHE_MB, "64")),
    )
