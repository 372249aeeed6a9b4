"""Alembic environment: runs on the connection the Store hands over (no alembic.ini, no logging set-up)."""

from __future__ import annotations

from alembic import context

from claimgraph.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things: batch mode copies the table, which later migrations will need
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
