"""Old ids that answer: redirect tables (``cluster_redirects``, ``source_redirects``) map the id of
a row that merged away to the row that holds what it held, so a cited link never dies."""

from __future__ import annotations

from sqlalchemy import Connection, Table, delete, insert, select, update


def point(conn: Connection, redirects: Table, old: int, new: int) -> None:
    """Record that ``old`` went to ``new``: ids that pointed at ``old`` move on to ``new`` too, so
    rows keep pointing at live ids and one lookup is enough."""
    rd = redirects.c
    conn.execute(update(redirects).where(rd.new_id == old).values(new_id=new))
    conn.execute(delete(redirects).where(rd.old_id.in_((old, new))))  # ``new`` is alive: no redirect
    conn.execute(insert(redirects).values(old_id=old, new_id=new))


def follow(conn: Connection, redirects: Table, live: Table, start: int) -> int | None:
    """The live id (a row of ``live``) that ``start`` went to, or None when it went nowhere."""
    rd = redirects.c
    seen = {start}
    n = start
    for _ in range(16):  # rows are kept pointing at live ids; the loop only guards a damaged table
        found = conn.execute(select(rd.new_id).where(rd.old_id == n)).scalar()
        if found is None or int(found) in seen:
            return None
        n = int(found)
        if conn.execute(select(live.c.id).where(live.c.id == n)).first() is not None:
            return n
        seen.add(n)
    return None
