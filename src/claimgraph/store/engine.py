"""Opening a database: URL defaults, SQLite pragmas, the write lock, and migrations at open."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import StaticPool

from .errors import StoreError

ENV_VAR = "CLAIMGRAPH_DB"
DEFAULT_URL = "sqlite:///claimgraph.db"
MIGRATIONS = Path(__file__).with_name("migrations")
_WRITE = "claimgraph_write"
log = logging.getLogger("claimgraph.store")


def resolve_url(url: str | None) -> str:
    """The URL to open: the argument, else ``$CLAIMGRAPH_DB``, else ``claimgraph.db`` here."""
    return url or os.environ.get(ENV_VAR) or DEFAULT_URL


def _normalise(url: str) -> URL:
    u = make_url(url)
    # plain postgresql:// means psycopg 3 for us (SQLAlchemy's default driver is psycopg2)
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    return u


def create(url: str) -> Engine:
    """An engine for ``url``: SQLite in WAL mode with a busy timeout and foreign keys on."""
    u = _normalise(url)
    if u.get_backend_name() != "sqlite":
        return create_engine(u, pool_pre_ping=True)
    kwargs: dict[str, Any] = {}
    if u.database in (None, "", ":memory:"):
        # one shared connection, or every connection would see its own empty database
        kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(u, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # we issue BEGIN ourselves: pysqlite's implicit transactions would start writes as deferred
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # writers take the lock up front: a deferred transaction that reads then writes can fail with
        # SQLITE_BUSY at once, whatever the timeout, when another writer got there in between
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")

    return engine


WRITE_WAIT = 3600.0
"""Seconds a writer waits for another to finish (another ingest's clustering of a large store holds
the lock for a minute) before giving up with a StoreError; each try waits ``busy_timeout``."""


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A connection in a write transaction: commits on exit, rolls back on an exception.

    On SQLite a second writer waits for the first (see ``WRITE_WAIT``) instead of failing with
    "database is locked" once the busy timeout is over.
    """
    deadline = time.monotonic() + WRITE_WAIT
    warned = False
    while True:
        conn = engine.connect()
        conn.execution_options(**{_WRITE: True})
        try:
            tx = conn.begin()
        except OperationalError as exc:
            conn.close()
            if "database is locked" not in str(exc.orig):
                raise
            if time.monotonic() > deadline:
                where = engine.url.render_as_string(hide_password=True)
                raise StoreError(
                    f"{where} is locked: another process has been writing to it for over "
                    f"{WRITE_WAIT:g} s; run again when it has finished"
                ) from None
            if not warned:
                log.warning("another process is writing to %s; waiting for it to finish", engine.url.database)
                warned = True
            continue
        with conn, tx:
            yield conn
        return


_MIGRATING = threading.Lock()
"""Alembic keeps the running migration in module state, so two threads opening Stores at once
would trip over each other; other processes are kept apart by the database's write lock."""


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it is there already)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with _MIGRATING, writing(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


class ChangeWatcher:
    """Tells whether anyone has committed to the database since last asked, cheaply enough to ask per request.

    SQLite: ``PRAGMA data_version`` on a read-only connection of our own, which changes when any
    other connection (this process's pool, an ingest in another process, the sqlite3 shell)
    commits. PostgreSQL: the current snapshot (``xmin:xmax:xip``), which changes when any write
    transaction starts or ends. An in-memory SQLite database has no second connection to watch
    from, so there the answer is always None ("cannot tell"), and callers must not cache.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._sqlite: sqlite3.Connection | None = None
        self._broken = False

    def token(self) -> str | None:
        """An opaque value that differs after every commit, or None when changes cannot be seen."""
        if self._broken:
            return None
        url = self._engine.url
        try:
            if url.get_backend_name() == "sqlite":
                return self._sqlite_token(url.database)
            with self._engine.connect() as conn:
                return str(conn.exec_driver_sql("SELECT pg_current_snapshot()::text").scalar_one())
        except Exception as exc:  # a watcher that cannot watch turns caching off, it never fails a request
            log.warning("cannot watch %s for changes (%s); responses will not be cached", url.database, exc)
            self._broken = True
            return None

    def _sqlite_token(self, database: str | None) -> str | None:
        if database in (None, "", ":memory:"):
            return None
        with self._lock:
            if self._sqlite is None:
                uri = Path(database).resolve().as_uri() + "?mode=ro"
                self._sqlite = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
            return str(self._sqlite.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        """Close the watching connection, if any."""
        with self._lock:
            if self._sqlite is not None:
                self._sqlite.close()
                self._sqlite = None
