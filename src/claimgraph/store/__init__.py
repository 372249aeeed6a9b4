"""The claim store: SQLAlchemy schema, Alembic migrations (run at open) and the ``Store`` API.

>>> with Store("sqlite:///claims.db") as store:
...     store.claims(ClaimQuery(actor1="IRN", code="07"))
"""

from __future__ import annotations

from .errors import StoreError
from .queries import (
    ClaimQuery,
    ClusterQuery,
    ClusterReport,
    ClusterSource,
    QueryError,
    StoredArticle,
    StoredClaim,
    StoredCluster,
    StoredError,
)
from .rows import article_id_for, content_hash
from .speakers import SourceQuery, StoredSource
from .store import Store

__all__ = [
    "ClaimQuery",
    "ClusterQuery",
    "ClusterReport",
    "ClusterSource",
    "QueryError",
    "SourceQuery",
    "Store",
    "StoreError",
    "StoredArticle",
    "StoredClaim",
    "StoredCluster",
    "StoredError",
    "StoredSource",
    "article_id_for",
    "content_hash",
]
