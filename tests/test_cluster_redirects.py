"""Cluster ids that last: re-published copies change no id; merged or split ids redirect, never 404;
an ingest reclusters only the blocks its new claims touch."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from claimgraph import sameevent
from claimgraph.model import Claim
from claimgraph.store import ClaimQuery, Store
from claimgraph.store import store as store_module
from test_store import make_article, make_claim, store_url  # noqa: F401  (store_url is a fixture)
from test_web import Client

# One small story: Iran's drones for Russia (two outlets), shelling of Kharkiv, a call read out by both sides.
STORY: list[tuple[str, str, str, list[Claim]]] = [
    ("mehr-1", "Mehr", "2023-01-02", [make_claim("mehr-1")]),
    (
        "ap-1",
        "AP",
        "2023-01-02",
        [
            make_claim("ap-1", evidence="Iran is supplying drones to the Russians"),
            make_claim(
                "ap-1",
                actor1="RUS",
                actor2="UKR",
                cameo="194",
                obj=None,
                evidence="Russian forces shelled Kharkiv",
            ),
        ],
    ),
    (
        "wh-1",
        "White House",
        "2023-01-03",
        [
            make_claim(
                "wh-1", actor1="USA", actor2="UKR", cameo="041", obj=None, evidence="Adams spoke with Brown"
            )
        ],
    ),
    (
        "kyiv-1",
        "Kyiv",
        "2023-01-03",
        [
            make_claim(
                "kyiv-1", actor1="UKR", actor2="USA", cameo="041", obj=None, evidence="Brown spoke with Adams"
            )
        ],
    ),
]


def _ingest(store: Store, story: list[tuple[str, str, str, list[Claim]]], *, copy: str = "") -> None:
    for aid, outlet, day, claims in story:
        new_id = aid + copy
        text = f"Iran is supplying drones to the Russians, Burns said. ({aid}){' Reprinted.' if copy else ''}"
        stored = store.add_article(
            make_article(new_id, outlet=outlet + copy, published=day, text=text),
            [Claim.from_dict({**c.to_dict(), "article_id": new_id}) for c in claims],
            extractor_version="v",
        )
        assert stored


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:  # noqa: F811
    with Store(store_url) as s:
        _ingest(s, STORY)
        s.recluster()
        yield s


def _members(store: Store) -> dict[int, set[str]]:
    return {
        c.id: {sc.article_id for sc in store.claims(ClaimQuery(cluster_id=c.id))} for c in store.clusters()
    }


def test_reingesting_republished_copies_keeps_every_cluster_id(store: Store) -> None:
    before = _members(store)
    assert len(before) == 3  # drones (two outlets), shelling, the call read out by both sides
    _ingest(store, STORY, copy="-copy")  # same words, new article ids and outlets, the same days
    store.recluster()
    after = _members(store)
    for cid, arts in before.items():
        # every id still answers: here the very same cluster, now with the copies beside the originals
        assert cid in after and arts <= after[cid] and {a + "-copy" for a in arts} <= after[cid]
    assert set(after) == set(before)


def test_an_id_that_merges_away_redirects_to_where_its_reports_went(store: Store) -> None:
    [drones] = [cid for cid, arts in _members(store).items() if "mehr-1" in arts]
    # an earlier report of the same supply claim now opens the cluster: a new identity, a new id
    _ingest(store, [("tass-0", "TASS", "2023-01-01", [make_claim("tass-0")])])
    store.recluster()
    assert store.cluster(drones) is None
    moved = store.cluster_redirect(drones)
    assert moved is not None and moved != drones
    assert {"mehr-1", "ap-1", "tass-0"} <= {
        sc.article_id for sc in store.claims(ClaimQuery(cluster_id=moved))
    }
    from claimgraph.web import create_app

    client = Client(create_app(store.url))
    page = client.get(f"/clusters/{drones}")
    assert page.status_code == 308 and page.headers["location"] == f"/clusters/{moved}"
    api = client.get(f"/api/clusters/{drones}")
    assert api.status_code == 308 and api.headers["location"] == f"/api/clusters/{moved}"
    assert client.get(f"/clusters/{moved}").status_code == 200
    assert client.get("/clusters/999999").status_code == 404  # never a cluster: still a plain 404


def test_a_chain_of_moves_redirects_to_the_live_cluster(store: Store) -> None:
    [drones] = [cid for cid, arts in _members(store).items() if "mehr-1" in arts]
    _ingest(store, [("tass-0", "TASS", "2023-01-01", [make_claim("tass-0")])])
    store.recluster()
    first = store.cluster_redirect(drones)
    _ingest(store, [("irna-0", "IRNA", "2022-12-31", [make_claim("irna-0")])])
    store.recluster()
    second = store.cluster_redirect(first or 0)
    assert (
        second is not None and store.cluster_redirect(drones) == second and store.cluster(second) is not None
    )


def _count_rebuilt(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many reports each call of ``build_clusters`` from the store is given, as a list."""
    seen: list[int] = []
    real = store_module.build_clusters

    def spy(reports, **kw):  # type: ignore[no-untyped-def]
        rs = list(reports)
        seen.append(len(rs))
        return real(rs, **kw)

    monkeypatch.setattr(store_module, "build_clusters", spy)
    return seen


def test_an_ingest_reclusters_only_the_blocks_its_claims_touch(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _count_rebuilt(monkeypatch)
    before = _members(store)
    assert store.recluster() == 3 and seen == []  # nothing new: nothing rebuilt
    shelling = make_claim(
        "ap-2",
        actor1="RUS",
        actor2="UKR",
        cameo="194",
        obj=None,
        evidence="Russian forces shelled Kharkiv again",
    )
    _ingest(store, [("ap-2", "AP", "2023-01-02", [shelling])])
    store.recluster()
    assert seen == [2]  # the shelling block: the stored report and the new one, nothing else
    after = _members(store)
    untouched = {k: v for k, v in before.items() if v != {"ap-1"}}  # all but the shelling cluster
    assert {k: after[k] for k in untouched} == untouched and "ap-2" in set().union(*after.values())
    monkeypatch.undo()
    full = _members(store)
    store.recluster(full=True)
    assert _members(store) == full  # the incremental result is the full one


def test_clusters_built_by_other_rules_are_rebuilt_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new version of the rules (families, state nouns) may move a report to another block; the
    first recluster after it rebuilds every cluster, the next ones only what is new again."""
    seen = _count_rebuilt(monkeypatch)
    ids = set(_members(store))
    monkeypatch.setattr(sameevent, "RULES_VERSION", sameevent.RULES_VERSION + 1)
    assert store.recluster() == 3 and seen == [5]  # every stored report, once
    assert store.recluster() == 3 and seen == [5]  # then nothing new: nothing rebuilt
    assert set(_members(store)) == ids  # the same rules' clusters keep their ids
