"""Stable cluster ids: a table of every id given out and the cluster identity it stands for.

``recluster`` used to number the rebuilt clusters 1, 2, 3... afresh, so ``/clusters/17`` and
exported cluster ids pointed elsewhere after each ingest. Now an id belongs to a cluster's key and
the (article, seq) of the report that opened it (``claimgraph.aggregate``), recorded here for good.

The upgrade records the clusters already stored under the ids they have, so links made before it
keep working: a cluster's opener is its first asserting member in the clustering order
(publication time, article, claim), or its first member when none asserts. A cluster with no
member left (its claims were reprocessed away) has its id recorded as retired, under an opener no
clustering can name (seq -1), so it is never given to another cluster either.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _order(row: Any) -> tuple[bool, Any, str, int]:
    from claimgraph.aggregate import parse_when  # the clustering's own reading of dates

    when = parse_when(row.published)
    return (when is None, when or "", row.article_id, row.claim_id)


def _seed(conn: sa.Connection) -> list[dict[str, Any]]:
    """The identity of each stored cluster, from its members as the clustering ordered them."""
    rows = conn.execute(
        sa.text(
            "SELECT cc.cluster_id, c.id AS claim_id, c.article_id, c.seq, c.stance, a.published "
            "FROM cluster_claims cc JOIN claims c ON c.id = cc.claim_id "
            "JOIN articles a ON a.id = c.article_id"
        )
    ).all()
    members: dict[int, list[Any]] = {}
    for r in rows:
        members.setdefault(r.cluster_id, []).append(r)
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str, int]] = set()
    for cluster_id, key in conn.execute(sa.text("SELECT id, key FROM clusters ORDER BY id")).all():
        ms = members.get(cluster_id)
        identity = (key, f"retired:{cluster_id}", -1)
        if ms:
            opener = min([m for m in ms if m.stance == "asserts"] or ms, key=_order)
            identity = (key, opener.article_id, opener.seq)
        if identity in seen:  # two clusters of one identity cannot be built: the later id retires
            identity = (key, f"retired:{cluster_id}", -1)
        seen.add(identity)
        out.append({"id": cluster_id, "key": key, "origin_article": identity[1], "origin_seq": identity[2]})
    return out


def upgrade() -> None:
    table = op.create_table(
        "cluster_ids",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("origin_article", sa.String, nullable=False),
        sa.Column("origin_seq", sa.Integer, nullable=False),
        sa.UniqueConstraint("origin_article", "origin_seq", "key", name="uq_cluster_ids_identity"),
    )
    rows = _seed(op.get_bind())
    if rows:
        op.bulk_insert(table, rows)


def downgrade() -> None:
    op.drop_table("cluster_ids")
