"""Sources by speaker: every stored source re-keyed by ``claimgraph.store.speakers`` (the people
table's entry for a known person, else kind, normalised name and country), rows of one speaker
merged.

Sources used to be keyed by kind, name and actor code as the article gave them, so one person
was several sources ("Vladimir Putin" and "President of Russia Vladimir Putin"; "Donald Trump" as
USAGOV and as USA). No column changes: the ``key`` values do, rows that come to share one merge
into the oldest (links to it keep working; links to the others answer 404), their claims move
there, and the clusters holding those claims are rebuilt at the next recluster.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from claimgraph.store.speakers import rekey_stored

    rekey_stored(op.get_bind())


def downgrade() -> None:
    pass  # merged rows cannot be told apart again; the keys stay as they are
