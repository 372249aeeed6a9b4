"""Speaker keys, second pass: stored sources re-keyed after the key learnt transliterations
("Podolyak" and "Podoliak" are one person off the people table), titles kept out of names and
namesakes told apart. Same procedure as revision 0007 (``claimgraph.store.speakers.rekey``): rows
that come to share a key merge into the oldest, their claims move there, and the clusters holding
them are rebuilt at the next recluster.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from claimgraph.store.speakers import rekey_stored

    rekey_stored(op.get_bind())


def downgrade() -> None:
    pass  # merged rows cannot be told apart again; the keys stay as they are
