"""Cluster blocks and redirects: reclustering only what new claims touch; old cluster ids that answer.

Clusters are now built per *block* (an event family and a country, ``claimgraph.aggregate``), so
an ingest reclusters only the blocks its new claims fall in: ``clusters.block`` and
``cluster_claims.block`` record each cluster's and member's block (NULL on clusters built before
this revision: the next recluster rebuilds everything once).

``cluster_dirty`` lists the blocks whose clusters lost members (an article reprocessed) since
they were built: the next recluster rebuilds them whole.

When clusters merge or split, the id of a cluster that is gone is kept in ``cluster_redirects``
with the id of the cluster that holds most of its reports, so ``/clusters/{old}`` answers with a
redirect instead of a 404.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE: a batch copy of ``clusters`` would cascade-delete its members on SQLite
    op.add_column("clusters", sa.Column("block", sa.String, nullable=True))
    op.add_column("cluster_claims", sa.Column("block", sa.String, nullable=True))
    op.create_index("ix_clusters_block", "clusters", ["block"])
    op.create_index("ix_cluster_claims_block", "cluster_claims", ["block"])
    op.create_table(
        "cluster_redirects",
        sa.Column("old_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("new_id", sa.Integer, nullable=False),
    )
    op.create_index("ix_cluster_redirects_new", "cluster_redirects", ["new_id"])
    op.create_table("cluster_dirty", sa.Column("block", sa.String, primary_key=True))


def downgrade() -> None:
    op.drop_table("cluster_dirty")
    op.drop_index("ix_cluster_redirects_new", table_name="cluster_redirects")
    op.drop_table("cluster_redirects")
    op.drop_index("ix_cluster_claims_block", table_name="cluster_claims")
    op.drop_index("ix_clusters_block", table_name="clusters")
    op.drop_column("cluster_claims", "block")  # SQLite 3.35+ drops a column in place
    op.drop_column("clusters", "block")
