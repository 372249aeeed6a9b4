"""Stable cluster ids: a cluster keeps its id across reclusters and re-ingests; no id is given twice.

A cluster's identity is its key and the (article, seq) of the report that opened it. Runs on SQLite
and, with ``CLAIMGRAPH_TEST_PG``, on PostgreSQL (the ``store_url`` fixture of ``test_store``).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select, text

from claimgraph.store import ClaimQuery, Store
from claimgraph.store import clusters as cluster_io
from claimgraph.store.schema import cluster_ids
from test_store import make_article, make_claim, store_url  # noqa: F401  (store_url is a fixture)

IRN_A1 = ("a1", "2023-01-02")  # opens Iran → Russia (drones)
RUS_B1 = ("b1", "2023-01-05")  # opens Russia → Ukraine (shelling)


def _shelling(article_id: str) -> list:
    return [
        make_claim(
            article_id,
            actor1="RUS",
            actor2="UKR",
            cameo="190",
            obj=None,
            source="Kyiv",
            source_actor="UKRGOV",
            evidence="Iran is supplying drones",
        )
    ]


def _add(store: Store, article_id: str, published: str, *, shelling: bool = False) -> bool:
    claims = _shelling(article_id) if shelling else [make_claim(article_id)]
    return store.add_article(
        make_article(article_id, outlet=f"Outlet {article_id}", published=published),
        claims,
        extractor_version="v",
    )


def _ids(store: Store) -> dict[tuple[str, str | None], int]:
    """Cluster id by (key, first_seen): what a reader would recognise the cluster by."""
    return {(c.key, c.first_seen): c.id for c in store.clusters()}


def _given(store: Store) -> set[int]:
    with store._engine.connect() as conn:
        return set(conn.execute(select(cluster_ids.c.id)).scalars())


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:  # noqa: F811
    with Store(store_url) as s:
        _add(s, *IRN_A1)
        _add(s, *RUS_B1, shelling=True)
        s.recluster()
        yield s


def test_ids_survive_recluster_and_new_reports(store: Store) -> None:
    before = _ids(store)
    assert len(before) == 2
    assert store.recluster() == 2 and _ids(store) == before
    # a later report of the same event joins its cluster; a new event opens a new one
    _add(store, "a2", "2023-01-10")
    store.add_article(
        make_article("c1", outlet="AP", published="2023-01-03"),
        [make_claim("c1", actor1="USA", actor2="UKR", cameo="070", obj="aid")],
        extractor_version="v",
    )
    store.recluster()
    after = _ids(store)
    assert {k: after[k] for k in before} == before
    [new] = set(after.values()) - set(before.values())
    assert new > max(before.values())
    irn = before[("IRN|RUS|07|drone", "2023-01-02")]
    assert {sc.article_id for sc in store.claims(ClaimQuery(cluster_id=irn))} == {"a1", "a2"}


def test_reingesting_the_same_corpus_changes_nothing(store: Store) -> None:
    before = _ids(store)
    assert not _add(store, *IRN_A1) and not _add(store, *RUS_B1, shelling=True)
    store.recluster()
    store.recluster(window_days=30)
    assert _ids(store) == before


def test_reprocessed_claims_keep_their_cluster_ids(store: Store) -> None:
    """The cluster keeps its id by article and seq, whatever happens to the claim rows."""
    before = _ids(store)
    store.replace_claims("a1", [make_claim("a1")], extractor_version="v2")
    store.recluster()
    assert _ids(store) == before


def test_vanished_ids_are_not_reused_and_a_returning_cluster_gets_its_own_back(store: Store) -> None:
    before = _ids(store)
    irn = before[("IRN|RUS|07|drone", "2023-01-02")]
    store.replace_claims("a1", [], extractor_version="v2")  # the Iran cluster loses its only report
    store.recluster()
    assert irn not in _ids(store).values() and store.cluster(irn) is None
    _add(store, "a9", "2023-06-01")  # the same event later: a new cluster, never the vanished id
    store.recluster()
    fresh = _ids(store)[("IRN|RUS|07|drone", "2023-06-01")]
    assert fresh > max(before.values())
    store.replace_claims("a1", [make_claim("a1")], extractor_version="v3")  # the original is back
    store.recluster()
    assert _ids(store)[("IRN|RUS|07|drone", "2023-01-02")] == irn
    assert _given(store) == {*before.values(), fresh}


def test_an_earlier_report_makes_a_new_cluster_identity(store: Store) -> None:
    """A backfilled report that now opens the cluster is another identity: a new id, the old one retired."""
    before = _ids(store)
    _add(store, "a0", "2023-01-01")
    store.recluster()
    after = _ids(store)
    irn = after[("IRN|RUS|07|drone", "2023-01-01")]
    assert irn not in before.values() and before[("IRN|RUS|07|drone", "2023-01-02")] not in after.values()
    assert after[("RUS|UKR|19|-", "2023-01-05")] == before[("RUS|UKR|19|-", "2023-01-05")]


def test_the_same_corpus_in_another_order_gets_the_same_ids(store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Store(f"sqlite:///{tmp_path / 'other.db'}") as other:
        _add(other, *RUS_B1, shelling=True)
        _add(other, *IRN_A1)
        other.recluster()
        assert _ids(other) == _ids(store)


def test_a_failed_recluster_leaves_clusters_and_ids_as_they_were(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, given = _ids(store), _given(store)
    _add(store, "c1", "2023-03-01", shelling=True)
    real = cluster_io.replace_clusters

    def crash(conn, built, old):  # type: ignore[no-untyped-def]
        real(conn, built, old)
        raise RuntimeError("power cut")

    monkeypatch.setattr(cluster_io, "replace_clusters", crash)
    with pytest.raises(RuntimeError):
        store.recluster()
    assert _ids(store) == before and _given(store) == given
    monkeypatch.undo()
    store.recluster()
    assert len(_ids(store)) == 3


def test_ids_fit_a_signed_64_bit_integer(store: Store) -> None:
    assert all(0 < i < 2**63 for i in _ids(store).values())


def test_a_store_of_revision_0002_keeps_its_cluster_ids(store_url: str) -> None:  # noqa: F811
    """Links made before the upgrade stay valid: the stored ids become the clusters' stable ids."""
    from alembic import command
    from alembic.config import Config

    from claimgraph.store.engine import MIGRATIONS, create, writing
    from claimgraph.store.schema import clusters

    with Store(store_url) as s:
        _add(s, *IRN_A1)
        _add(s, *RUS_B1, shelling=True)
        s.recluster()
        old = _ids(s)
    engine = create(store_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with writing(engine) as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    # number the clusters as an old recluster might have (7 and 3), as revision 0002 stores them
    cols = ", ".join(c.name for c in clusters.c if c.name not in ("id", "block"))  # as at 0002
    renumber = dict(zip(sorted(old.values()), (7, 3), strict=True))
    with writing(engine) as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
        for was, now in renumber.items():
            conn.execute(
                text(f"INSERT INTO clusters (id, {cols}) SELECT :now, {cols} FROM clusters WHERE id = :was"),
                {"now": now, "was": was},
            )
            conn.execute(
                text("UPDATE cluster_claims SET cluster_id = :now WHERE cluster_id = :was"),
                {"now": now, "was": was},
            )
            conn.execute(text("DELETE FROM clusters WHERE id = :was"), {"was": was})
        # and a cluster whose reports were reprocessed away before any recluster: no member left
        conn.execute(text(f"INSERT INTO clusters (id, {cols}) SELECT 12, {cols} FROM clusters WHERE id = 3"))
    engine.dispose()
    expected = {k: renumber[v] for k, v in old.items()}
    with Store(store_url) as s:  # upgrades to 0003
        assert {c.id for c in s.clusters()} == {3, 7, 12} and _given(s) == {3, 7, 12}
        s.recluster()
        assert _ids(s) == expected
        _add(s, "c1", "2023-03-01", shelling=True)
        s.recluster()
        assert _ids(s)[("RUS|UKR|19|-", "2023-03-01")] == 13  # 12 stays retired


def test_concurrent_reclusters_take_turns(store: Store) -> None:
    """Two processes reclustering at once would both hand out the next free id; they queue instead."""
    import threading

    before = _ids(store)
    _add(store, "c1", "2023-03-01", shelling=True)
    _add(store, "c2", "2023-06-01")
    errors: list[BaseException] = []
    others = [Store(store.url) for _ in range(3)]  # opened (and migrated) one at a time

    def run(s: Store) -> None:
        try:
            s.recluster()
        except BaseException as exc:  # reported below, with the thread's failure
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in others]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in others:
        s.close()
    assert not errors
    after = _ids(store)
    assert {k: after[k] for k in before} == before and len(after) == 4
    assert _given(store) == set(after.values())
