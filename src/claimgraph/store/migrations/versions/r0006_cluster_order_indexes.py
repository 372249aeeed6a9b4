"""Indexes for the cluster list's other orders: most reported, most outlets, most contested.

Without them a page of clusters in one of these orders sorted every cluster to show fifty (at
900,000 clusters, about 0.17 s per page in SQLite); with them the page walks the index (under a
millisecond). Each index has the sort's own columns and directions, so SQLite and PostgreSQL both
read it in order; the contest index is over the expression ``n_denying + n_questioning``.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_clusters_articles", "clusters", [sa.text("n_articles DESC"), sa.text("n_claims DESC"), "id"]
    )
    op.create_index(
        "ix_clusters_outlets", "clusters", [sa.text("n_outlets DESC"), sa.text("n_articles DESC"), "id"]
    )
    op.create_index(
        "ix_clusters_contest",
        "clusters",
        [sa.text("(n_denying + n_questioning) DESC"), sa.text("n_asserting DESC"), "id"],
    )


def downgrade() -> None:
    for name in ("ix_clusters_contest", "ix_clusters_outlets", "ix_clusters_articles"):
        op.drop_index(name, table_name="clusters")
