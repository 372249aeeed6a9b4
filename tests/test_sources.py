"""One speaker, one source (issue 13): the store keys sources by speaker across articles.

A known person is one source however articles name them (the people table's entry); anyone else
is one source per normalised name and country. Source pages list the names a source was seen
under; ``/sources`` lists every source; stored sources are re-keyed by revision 0007. The fixture
articles are written for these tests. Runs on SQLite and, with ``CLAIMGRAPH_TEST_PG``, on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from claimgraph.model import Article, Claim
from claimgraph.pipeline import ExtractOptions, extract
from claimgraph.store import Store
from claimgraph.store.schema import claims, cluster_dirty, sources
from claimgraph.web.app import create_app
from test_store import make_article, make_claim, store_url  # noqa: F401  (store_url is a fixture)
from test_web import Client

# (id, outlet, day, text): one president named in full with his title, then by surname alone
ARTICLES = [
    (
        "harbour-1",
        "Harbour Times",
        "2023-03-10",
        "President Volodymyr Zelenskyy said on Tuesday that the grain corridor would reopen next week.",
    ),
    (
        "valley-1",
        "Valley Post",
        "2023-03-12",
        "Zelenskyy told reporters that the talks with Poland had gone well.",
    ),
    # someone the people table does not know: named with a country once, without one once
    (
        "coast-1",
        "Coast Herald",
        "2023-04-02",
        "President Amara Okonjo of Ghana said on Monday that the new bridge would open in May.",
    ),
    (
        "coast-2",
        "Coast Herald",
        "2023-04-09",
        "Amara Okonjo said the bridge over the river had cost less than planned.",
    ),
]


@pytest.fixture(scope="module")
def extracted() -> list[tuple[Article, list[Claim]]]:
    opts = ExtractOptions(events_only=False)
    out = []
    for aid, outlet, day, body in ARTICLES:
        art = Article(id=aid, text=body, outlet=outlet, published=day)
        out.append((art, extract(body, article_id=aid, outlet=outlet, published=day, options=opts)))
    return out


def _fill(store: Store, extracted: list[tuple[Article, list[Claim]]]) -> None:
    for art, cls in extracted:
        store.add_article(art, cls, extractor_version="test")


def _source_of(store: Store, article_id: str) -> int:
    [sid] = {sc.source_id for sc in store.claims() if sc.article_id == article_id}
    assert sid is not None
    return sid


@pytest.fixture
def filled(store_url: str, extracted: list[tuple[Article, list[Claim]]]) -> Iterator[Store]:  # noqa: F811
    with Store(store_url) as store:
        _fill(store, extracted)
        yield store


def test_president_x_and_x_are_one_source_listing_both_names(filled: Store) -> None:
    sid = _source_of(filled, "harbour-1")
    assert _source_of(filled, "valley-1") == sid
    assert filled.source(sid)["key"] == "person:Volodymyr Zelenskyy"  # type: ignore[index]
    seen = filled.source_names(sid)
    assert seen["names"] == [("Volodymyr Zelenskyy", 2)]
    assert sorted(seen["mentions"]) == [("President Volodymyr Zelenskyy", 1), ("Zelenskyy", 1)]
    # off the people table: the country-less mention joins the one placed namesake
    assert _source_of(filled, "coast-2") == _source_of(filled, "coast-1")
    listed = {s.name: s for s in filled.sources()}
    assert listed["Volodymyr Zelenskyy"].claims == 2 and listed["Amara Okonjo"].claims == 2


def test_the_source_page_lists_the_names_it_was_seen_under(
    tmp_path: Path, extracted: list[tuple[Article, list[Claim]]]
) -> None:
    url = f"sqlite:///{tmp_path}/web.db"
    with Store(url) as store:
        _fill(store, extracted)
        sid = _source_of(store, "valley-1")
        total = store.count_sources()
    client = Client(create_app(url))
    html = client.get(f"/sources/{sid}").text
    assert "Seen as" in html and "President Volodymyr Zelenskyy" in html and ">Zelenskyy<" in html
    listed = client.get("/sources").text
    assert listed.count(f'href="/sources/{sid}"') == 1
    # every source, one page at a time
    pages = [
        client.get("/api/sources", params={"per_page": 1, "page": p}).json() for p in range(1, total + 1)
    ]
    assert all(p["total"] == total and p["pages"] == total for p in pages)
    assert len({p["items"][0]["id"] for p in pages}) == total
    assert client.get("/api/sources", params={"kind": "nobody"}).status_code == 422


def test_a_key_survives_re_ingest_and_reprocess(
    filled: Store, extracted: list[tuple[Article, list[Claim]]]
) -> None:
    before = {s.key: (s.id, s.claims) for s in filled.sources()}
    _fill(filled, extracted)  # again: nothing added
    assert {s.key: (s.id, s.claims) for s in filled.sources()} == before
    art, cls = extracted[1]
    filled.replace_claims(art.id or "", cls, extractor_version="test-2")
    assert {s.key: (s.id, s.claims) for s in filled.sources()} == before
    assert filled.rekey_sources() == 0  # every row has its key already


def _claim(article_id: str, source: str, actor: str | None, *, kind: str = "person") -> Claim:
    return make_claim(article_id, source=source, source_actor=actor, kind=kind)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        # the people table's entry, whatever the name, title or office code
        (("President of Russia Vladimir Putin", "RUSGOV"), ("Vladimir Putin", "RUS"), True),
        (("Donald Trump", "USAGOV"), ("Donald Trump", "CHNGOV"), True),
        # off the table: one name with one country, accents and punctuation aside
        (("Grace Wanjiru", "KENGOV"), ("grace  wanjirú.", "KEN"), True),
        (("Stephen J. Townsend", "USAMIL"), ("Stephen Townsend", "USA"), True),
        # one full name placed in two countries is one person (off the table, the country is
        # mostly the article's guess); a bare surname of another country is not theirs
        (("Jane Doe", "USA"), ("Jane Doe", "GBR"), True),
        # two people
        (("Grace Wanjiru", "KEN"), ("Grace Achieng", "KEN"), False),
        # a bare surname is the store's one full name ending in it (same country, or none given)
        (("Grace Wanjiru", "KEN"), ("Wanjiru", "KEN"), True),
        (("Grace Wanjiru", "KEN"), ("Wanjiru", None), True),
        (("Grace Wanjiru", "KEN"), ("Wanjiru", "TZA"), False),
    ],
)
def test_one_speaker_one_source_row(
    store_url: str,  # noqa: F811
    first: tuple[str, str],
    second: tuple[str, str | None],
    same: bool,
) -> None:
    with Store(store_url) as store:
        for aid, (name, actor) in (("a1", first), ("a2", second)):
            store.add_article(make_article(aid), [_claim(aid, name, actor)], extractor_version="v1")
        assert (_source_of(store, "a1") == _source_of(store, "a2")) is same
        assert store.count_sources() == (1 if same else 2)


def test_a_country_and_an_organisation_of_one_name_are_one_voice(store_url: str) -> None:  # noqa: F811
    with Store(store_url) as store:
        store.add_article(
            make_article("a1"), [_claim("a1", "Ukraine", "UKRGOV", kind="country")], extractor_version="v"
        )
        store.add_article(
            make_article("a2"), [_claim("a2", "Ukraine", "UKR", kind="organization")], extractor_version="v"
        )
        assert _source_of(store, "a1") == _source_of(store, "a2")


def test_a_placed_person_takes_over_the_row_of_their_name_without_a_country(store_url: str) -> None:  # noqa: F811
    with Store(store_url) as store:
        store.add_article(make_article("a1"), [_claim("a1", "Amara Okonjo", None)], extractor_version="v")
        first = _source_of(store, "a1")
        store.add_article(make_article("a2"), [_claim("a2", "Amara Okonjo", "GHAGOV")], extractor_version="v")
        assert _source_of(store, "a2") == first
        assert store.source(first)["key"] == "person:amara okonjo|GHA"  # type: ignore[index]
        # one full name placed in a second country by another article is the same person, and so
        # is a later country-less mention
        store.add_article(make_article("a3"), [_claim("a3", "Amara Okonjo", "NGA")], extractor_version="v")
        store.add_article(make_article("a4"), [_claim("a4", "Amara Okonjo", None)], extractor_version="v")
        assert len({_source_of(store, a) for a in ("a1", "a3", "a4")}) == 1
        # a bare surname is placed: "Okonjo" of Kenya is not taken for her
        store.add_article(make_article("a5"), [_claim("a5", "Okonjo", "KEN")], extractor_version="v")
        assert _source_of(store, "a5") != first


def test_cluster_sources_count_one_speaker_once(store_url: str) -> None:  # noqa: F811
    with Store(store_url) as store:
        for aid, name in (("a1", "Vladimir Putin"), ("a2", "President of Russia Vladimir Putin")):
            store.add_article(make_article(aid), [_claim(aid, name, "RUSGOV")], extractor_version="v")
        store.recluster()
        [cl] = store.clusters()
        assert [s.name for s in cl.asserting] == ["Vladimir Putin"] and cl.asserting[0].reports == 2


def test_revision_0007_merges_the_sources_of_one_speaker(store_url: str) -> None:  # noqa: F811
    """A store keyed the old way (kind, name and code as given) is re-keyed when opened: rows of one
    speaker merge into the oldest, its claims move there, and their clusters are rebuilt."""
    from alembic import command
    from alembic.config import Config

    from claimgraph.store.engine import MIGRATIONS, create, writing

    people = [("a1", "Vladimir Putin", "RUSGOV"), ("a2", "President of Russia Vladimir Putin", "RUSGOV"),
              ("a3", "Grace Wanjiru", "KEN"), ("a4", "Grace Wanjiru", "KENGOV")]  # fmt: skip
    with Store(store_url) as store:
        for aid, name, actor in people:
            store.add_article(make_article(aid), [_claim(aid, name, actor)], extractor_version="v")
        store.recluster()
    engine = create(store_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with writing(engine) as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
    with writing(engine) as conn:  # one row per spelling, keyed as revision 0006 did
        conn.execute(text("DELETE FROM cluster_dirty"))
        for aid, name, actor in people:
            key = f"person|{name.casefold()}|{actor}"
            conn.execute(sources.insert().values(key=key, name=name, kind="person", actor=actor))
            sid = conn.execute(select(sources.c.id).where(sources.c.key == key)).scalar_one()
            conn.execute(update(claims).where(claims.c.article_id == aid).values(source_id=sid))
        conn.execute(sources.delete().where(sources.c.key.not_like("person|%")))
        old = dict(conn.execute(select(claims.c.article_id, claims.c.source_id)).all())
    engine.dispose()
    assert len(set(old.values())) == 4
    with Store(store_url) as store:  # upgrades to 0007
        now = {sc.article_id: sc.source_id for sc in store.claims()}
        assert now == {"a1": old["a1"], "a2": old["a1"], "a3": old["a3"], "a4": old["a3"]}
        assert store.source(old["a1"])["key"] == "person:Vladimir Putin"  # type: ignore[index]
        assert store.source(old["a2"]) is None and store.count_sources() == 2
        with store._engine.connect() as conn:
            assert conn.execute(select(cluster_dirty.c.block)).first() is not None
        store.recluster()
        assert [sorted(s.name or "" for s in c.asserting) for c in store.clusters()] == [
            ["Grace Wanjiru", "Vladimir Putin"]
        ]


def test_a_bare_surname_with_two_full_names_joins_neither(store_url: str) -> None:  # noqa: F811
    with Store(store_url) as store:
        for aid, name in (("a1", "Grace Wanjiru"), ("a2", "Peter Wanjiru"), ("a3", "Wanjiru")):
            store.add_article(make_article(aid), [_claim(aid, name, "KEN")], extractor_version="v")
        assert len({_source_of(store, a) for a in ("a1", "a2", "a3")}) == 3


def test_a_bare_surname_stored_before_its_full_name_joins_it_when_it_arrives(store_url: str) -> None:  # noqa: F811
    """No re-key needed: the full name's arrival takes the surname's claims, and the surname's old
    id redirects to the full name's row."""
    with Store(store_url) as store:
        store.add_article(make_article("a1"), [_claim("a1", "Wanjiru", "KEN")], extractor_version="v")
        bare = _source_of(store, "a1")
        store.add_article(make_article("a2"), [_claim("a2", "Grace Wanjiru", "KEN")], extractor_version="v")
        full = _source_of(store, "a2")
        assert _source_of(store, "a1") == full != bare
        assert store.source(bare) is None and store.source_redirect(bare) == full
        assert store.source_names(full)["names"] == [("Grace Wanjiru", 1), ("Wanjiru", 1)]
        assert store.count_sources() == 1 and store.rekey_sources() == 0
