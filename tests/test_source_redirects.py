"""Source ids that last (issue 13): a source row that merges into another, by a re-key or by a full
name arriving after its bare surname, leaves its id redirecting to the row its claims went to, in
the Store, on the web page and in the JSON API. Runs on SQLite and, with ``CLAIMGRAPH_TEST_PG``, on
PostgreSQL. The names are made up for these tests."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select, update

from claimgraph.model import Claim
from claimgraph.store import Store
from claimgraph.store.engine import writing
from claimgraph.store.redirects import follow
from claimgraph.store.schema import claims, source_redirects, sources
from claimgraph.store.speakers import merge
from claimgraph.web.app import create_app
from test_store import make_article, make_claim, store_url  # noqa: F401  (store_url is a fixture)
from test_web import Client


def _claim(article_id: str, source: str, actor: str | None) -> Claim:
    return make_claim(article_id, source=source, source_actor=actor)


def _add(store: Store, article_id: str, source: str, actor: str | None) -> int:
    """Store one article with one claim by ``source``; the id of the source row it went to."""
    assert store.add_article(
        make_article(article_id), [_claim(article_id, source, actor)], extractor_version="v"
    )
    [sid] = {sc.source_id for sc in store.claims() if sc.article_id == article_id}
    assert sid is not None
    return sid


def _split_off(store: Store, article_id: str, key: str) -> int:
    """Give an article's claims a source row of their own, keyed as an older release did."""
    with writing(store._engine) as conn:
        conn.execute(insert(sources).values(key=key, name="Teodor Vasile", kind="person", actor="ROUGOV"))
        sid = int(conn.execute(select(sources.c.id).where(sources.c.key == key)).scalar_one())
        conn.execute(update(claims).where(claims.c.article_id == article_id).values(source_id=sid))
    return sid


def test_a_row_that_a_rekey_merges_redirects_to_the_row_its_claims_went_to(store_url: str) -> None:  # noqa: F811
    with Store(store_url) as store:
        kept = _add(store, "a1", "Teodor Vasile", "ROU")
        assert _add(store, "a2", "Teodor Vasile", "ROUGOV") == kept
        old = _split_off(store, "a2", "person|teodor vasile|ROUGOV")
        assert store.count_sources() == 2 and store.source_redirect(old) is None
        assert store.rekey_sources() == 1
        assert store.source(old) is None and store.source_redirect(old) == kept
        assert store.source_redirect(kept) is None  # a live row is no redirect
        assert store.source_redirect(987654) is None  # never a source
        assert store.rekey_sources() == 0  # nothing left to merge: the redirect stays as it is
        assert store.source_redirect(old) == kept
        # a new speaker never takes the id that went (SQLite would give the largest id plus one)
        new = _add(store, "a3", "Ilinca Dumitru", "ROU")
        assert new not in (old, kept) and store.source_redirect(old) == kept


def test_old_source_links_answer_with_a_redirect_keeping_their_filters(store_url: str) -> None:  # noqa: F811
    with Store(store_url) as store:
        kept = _add(store, "a1", "Teodor Vasile", "ROU")
        _add(store, "a2", "Teodor Vasile", "ROUGOV")
        old = _split_off(store, "a2", "person|teodor vasile|ROUGOV")
        store.rekey_sources()
    client = Client(create_app(store_url))
    page = client.get(f"/sources/{old}", params={"stance": "asserts", "page": "1"})
    assert page.status_code == 308 and page.headers["location"] == f"/sources/{kept}?stance=asserts&page=1"
    api = client.get(f"/api/sources/{old}")
    assert api.status_code == 308 and api.headers["location"] == f"/api/sources/{kept}"
    landed = client.get(f"/api/sources/{kept}").json()
    assert landed["source"]["id"] == kept and landed["total"] == 2
    assert client.get(f"/sources/{kept}").status_code == 200
    assert client.get("/sources/987654").status_code == 404  # never a source: still a plain 404
    assert client.get("/api/sources/987654").status_code == 404


def test_a_chain_of_merges_redirects_to_the_live_row(store_url: str) -> None:  # noqa: F811
    with Store(store_url) as store:
        a, b, c = (
            _add(store, f"a{n}", name, "KEN") for n, name in enumerate(("Ann Oduya", "Ben Oduya", "Cy Oduya"))
        )
        with writing(store._engine) as conn:
            assert merge(conn, {a: b}) == 1
            assert merge(conn, {b: c}) == 1
            assert merge(conn, {b: c}) == 0  # gone already: nothing moves, nothing recorded
            rows = dict(conn.execute(select(source_redirects.c.old_id, source_redirects.c.new_id)).all())
        assert rows == {a: c, b: c}  # kept pointing at the live row: one lookup is enough
        assert store.source_redirect(a) == c and store.source_redirect(b) == c
        assert {sc.source_id for sc in store.claims()} == {c}
        with writing(store._engine) as conn:  # a table damaged by hand: the chain is still followed
            conn.execute(update(source_redirects).where(source_redirects.c.old_id == a).values(new_id=b))
            assert follow(conn, source_redirects, sources, a) == c
            conn.execute(update(source_redirects).where(source_redirects.c.old_id == b).values(new_id=a))
            assert follow(conn, source_redirects, sources, a) is None  # a loop leads nowhere


def test_a_full_name_takes_its_surname_s_claims_into_one_source_of_its_clusters(store_url: str) -> None:  # noqa: F811
    """The surname's claims join the full name's row at ingest, and the clusters holding them are
    rebuilt at the next recluster, so a cluster counts the speaker once."""
    with Store(store_url) as store:
        bare = _add(store, "a1", "Oduya", None)  # no country: agrees with any
        store.recluster()
        [cl] = store.clusters()
        assert [s.name for s in cl.asserting] == ["Oduya"]
        full = _add(store, "a2", "Grace Oduya", "KEN")
        assert store.source_redirect(bare) == full
        store.recluster()
        [cl] = store.clusters()
        assert [(s.name, s.reports) for s in cl.asserting] == [("Grace Oduya", 2)]
        # later mentions of the surname go straight to the full name; nothing more merges
        assert _add(store, "a3", "Oduya", "KEN") == full
        assert store.count_sources() == 1 and store.rekey_sources() == 0


def test_a_surname_of_another_country_is_not_taken(store_url: str) -> None:  # noqa: F811
    with Store(store_url) as store:
        bare = _add(store, "a1", "Oduya", "TZA")
        full = _add(store, "a2", "Grace Oduya", "KEN")
        assert bare != full and store.source(bare) is not None and store.source_redirect(bare) is None


def test_a_rekey_names_the_merged_row_by_its_full_name(
    store_url: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A store filled before full names took their surnames at ingest: the re-key joins them in
    the oldest row (the surname's), shown under the full name, the full name's id redirecting."""
    from claimgraph.store import store as store_module

    with Store(store_url) as store:
        monkeypatch.setattr(store_module, "absorb", lambda conn, key, source_id: 0)
        bare = _add(store, "a1", "Oduya", "KEN")
        full = _add(store, "a2", "Grace Oduya", "KEN")
        assert bare != full
        monkeypatch.undo()
        assert store.rekey_sources() == 1
        assert store.source(bare)["name"] == "Grace Oduya"  # type: ignore[index]
        assert store.source_redirect(full) == bare


def test_the_sources_list_filters_by_actor_code(store_url: str) -> None:  # noqa: F811
    with Store(store_url) as store:
        ro = _add(store, "a1", "Teodor Vasile", "ROUGOV")
        _add(store, "a2", "Ilinca Dumitru", "MDA")
    client = Client(create_app(store_url))
    for actor in ("ROU", "rougov"):
        listed = client.get("/api/sources", params={"actor": actor}).json()
        assert listed["total"] == 1 and [s["id"] for s in listed["items"]] == [ro]
    assert client.get("/api/sources", params={"actor": ""}).json()["total"] == 2  # an empty form field
    assert client.get("/api/sources", params={"actor": "R!"}).status_code == 422
    assert 'name="actor" value="ROU"' in client.get("/sources", params={"actor": "ROU"}).text


def test_an_article_whose_source_row_merged_meanwhile_is_stored_on_a_retry(
    store_url: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On PostgreSQL another writer may merge away the source row an article's claims were placed
    in before they are inserted: the foreign key fails, and the article is placed again instead of
    being taken for one stored already."""
    from sqlalchemy.exc import IntegrityError

    with Store(store_url) as store:
        real = Store._insert_claims
        calls = []

        def once(self: Store, *args: object) -> None:
            calls.append(1)
            if len(calls) == 1:
                raise IntegrityError("INSERT INTO claims", {}, Exception("foreign key violation"))
            real(self, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(Store, "_insert_claims", once)
        assert store.add_article(make_article("a1"), [_claim("a1", "Oduya", "KEN")], extractor_version="v")
        assert len(calls) == 2 and store.stats()["articles"] == 1 and store.stats()["claims"] == 1
        assert not store.add_article(
            make_article("a1"), [_claim("a1", "Oduya", "KEN")], extractor_version="v"
        )
