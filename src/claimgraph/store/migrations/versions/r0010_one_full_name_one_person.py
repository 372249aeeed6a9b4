"""Speaker keys, third pass: one full name off the people table is one person whatever country the
articles placed them in (``claimgraph.store.speakers.settled``: a minister quoted on Iraq in one
release and on Syria in the next is one source), so stored rows of one full name and several
countries merge into the oldest. Same procedure as revision 0007; the ids of the rows that go
redirect to it (``source_redirects``, revision 0009).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from claimgraph.store.speakers import rekey_stored

    rekey_stored(op.get_bind(), redirects=True)


def downgrade() -> None:
    pass  # merged rows cannot be told apart again; the keys stay as they are
