"""Source redirects: the id of a source row that merged into another answers with a redirect.

Rows of one speaker merge when stored sources are re-keyed (revisions 0007 and 0008,
``Store.rekey_sources``) and when a full name arrives after its bare surname was stored. The
merged row's id is kept in ``source_redirects`` with the id of the row its claims went to, so
``/sources/{old}`` and ``/api/sources/{old}`` redirect instead of answering 404. Merges made before
this revision left no record: their ids still answer 404.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_redirects",
        sa.Column("old_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("new_id", sa.Integer, nullable=False),
    )
    op.create_index("ix_source_redirects_new", "source_redirects", ["new_id"])


def downgrade() -> None:
    op.drop_index("ix_source_redirects_new", table_name="source_redirects")
    op.drop_table("source_redirects")
