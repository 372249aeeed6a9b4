"""claimgraph: evidence-linked event data from news.

Who says who did what to whom: attributed, CAMEO-coded claim records with character offsets.

    >>> import claimgraph
    >>> claims = claimgraph.extract(text, article_id="a1", outlet="Reuters")
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from .model import Action, Actor, Article, Claim, Cue, Event, Evidence, Source, Via

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from .pipeline import extract
    from .store import Store

__all__ = [
    "Action",
    "Actor",
    "Article",
    "Claim",
    "Cue",
    "Event",
    "Evidence",
    "Source",
    "Store",
    "Via",
    "extract",
]


def __getattr__(name: str) -> Any:
    # spaCy and SQLAlchemy load only when their part of the API is used
    if name == "extract":
        from .pipeline import extract

        return extract
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(f"module 'claimgraph' has no attribute {name!r}")
