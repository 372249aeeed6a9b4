"""The web UI and JSON API over a claim store: ``create_app(url)`` gives the FastAPI app."""

from .app import create_app

__all__ = ["create_app"]
