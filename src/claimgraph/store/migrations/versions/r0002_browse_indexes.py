"""Indexes that let the newest claims of one root or one actor be read in order, not sorted.

The web UI lists claims newest first, filtered by a CAMEO root or by one actor; with an index on
the filter alone, SQLite sorted every matching claim to show fifty (90 ms for one root at 100,000
claims). ``(root, published)`` supersedes ``ix_claims_root``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_claims_root_published", "claims", ["root", "published"])
    op.create_index("ix_claims_actor1_published", "claims", ["actor1_country", "published"])
    op.create_index("ix_claims_actor2_published", "claims", ["actor2_country", "published"])
    op.drop_index("ix_claims_root", table_name="claims")


def downgrade() -> None:
    op.create_index("ix_claims_root", "claims", ["root"])
    op.drop_index("ix_claims_actor2_published", table_name="claims")
    op.drop_index("ix_claims_actor1_published", table_name="claims")
    op.drop_index("ix_claims_root_published", table_name="claims")
