"""The Store: open/migrate, idempotent writes, round-trips, queries, full text, clusters, errors.

Runs against SQLite always and against PostgreSQL when ``CLAIMGRAPH_TEST_PG`` holds a URL (that
database is wiped: give it a scratch one).
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.model import SOURCE_KINDS, Action, Actor, Article, Claim, Cue, Event, Evidence, Source, Via
from claimgraph.store import (
    ClaimQuery,
    ClusterQuery,
    QueryError,
    Store,
    StoredClaim,
    StoreError,
    content_hash,
)

PG_ENV = "CLAIMGRAPH_TEST_PG"


# --- builders (the other store tests import these) ----------------------------------------------


def make_claim(
    article_id: str = "a1",
    *,
    actor1: str | None = "IRN",
    actor2: str | None = "RUS",
    cameo: str = "072",
    obj: str | None = "drones",
    source: str = "William Burns",
    source_actor: str | None = "USASPY",
    kind: str = "person",
    stance: str = "asserts",
    via: tuple[str, ...] = (),
    evidence: str = "Iran is supplying drones to the Russians",
    start: int = 0,
) -> Claim:
    """A small claim record built by hand."""
    return Claim(
        article_id=article_id,
        evidence=Evidence(start=start, end=start + len(evidence), text=evidence),
        source=Source(text=source.split()[-1], name=source, kind=kind, actor=source_actor),
        via=tuple(Via(name=v) for v in via),
        # a denial names its deny cue: only that makes a confident one (claimgraph.contest)
        cue=Cue(text="denied", lemma="deny") if stance == "denies" else Cue(text="said", lemma="say"),
        stance=stance,
        event=Event(
            actor1=Actor(text="Iran", code=actor1) if actor1 else None,
            action=Action(text="supplying", cameo=cameo, root=cameo[:2], quad_class=2, goldstein=7.4),
            actor2=Actor(text="the Russians", code=actor2) if actor2 else None,
            object=obj,
        ),
        rule="test",
    )


def make_article(
    article_id: str = "a1", *, outlet: str = "Mehr", published: str | None = "2023-01-02", text: str = ""
) -> Article:
    """An article whose text holds the default evidence at offset 0."""
    body = text or f"Iran is supplying drones to the Russians, Burns said. ({article_id})"
    return Article(
        id=article_id, text=body, outlet=outlet, published=published, url=f"https://example.org/{article_id}"
    )


# --- fixtures ------------------------------------------------------------------------------------


def _wipe_pg(url: str) -> None:
    from sqlalchemy import create_engine, text

    from claimgraph.store.engine import _normalise

    engine = create_engine(_normalise(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database URL: a SQLite file, or the PostgreSQL database of $CLAIMGRAPH_TEST_PG."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'claims.db'}"
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"set {PG_ENV} to a scratch PostgreSQL URL to run the store tests on PostgreSQL")
    _wipe_pg(url)
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store(store_url) as s:
        yield s


# --- opening -------------------------------------------------------------------------------------


def test_default_url_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLAIMGRAPH_DB", raising=False)
    with Store() as s:
        assert s.url == "sqlite:///claimgraph.db"
    assert (tmp_path / "claimgraph.db").exists()
    monkeypatch.setenv("CLAIMGRAPH_DB", f"sqlite:///{tmp_path / 'env.db'}")
    with Store() as s:
        assert s.url.endswith("env.db")


def test_sqlite_is_wal_and_plain(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with Store(f"sqlite:///{path}") as s:
        s.add_article(make_article(), [make_claim()], extractor_version="v1")
    con = sqlite3.connect(path)  # any SQLite client, no claimgraph needed
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    row = con.execute("SELECT source_name, actor1_code, cameo, root, evidence_text FROM claims").fetchone()
    assert row == ("William Burns", "IRN", "072", "07", "Iran is supplying drones to the Russians")
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {
        "articles",
        "claims",
        "sources",
        "actors",
        "clusters",
        "cluster_claims",
        "errors",
        "claims_fts",
    } <= tables


def test_reopening_does_not_migrate_twice(store_url: str) -> None:
    with Store(store_url) as s:
        s.add_article(make_article(), [make_claim()], extractor_version="v1")
    with Store(store_url) as s:
        assert s.stats()["claims"] == 1


@pytest.mark.parametrize(
    "url",
    ["sqlite:////no/such/directory/claims.db", "nosuchdb://x/y", "postgresql://u:secret@127.0.0.1:1/none"],
)
def test_bad_url_is_one_clear_line(url: str) -> None:
    with pytest.raises(StoreError) as err:
        Store(url)
    msg = str(err.value)
    assert "\n" not in msg and msg.startswith("cannot open database")
    assert "secret" not in msg  # passwords never reach a terminal or a log
    assert "CLAIMGRAPH_DB" in msg


# --- writing -------------------------------------------------------------------------------------


def test_same_article_twice_is_stored_once(store: Store) -> None:
    assert store.add_article(make_article(), [make_claim()], extractor_version="v1") is True
    assert store.add_article(make_article(), [make_claim()], extractor_version="v1") is False
    # the same text under another id (another path) is the same article
    moved = make_article("elsewhere", text=make_article().text)
    assert store.add_article(moved, [make_claim("elsewhere")], extractor_version="v1") is False
    assert store.stats() == {"articles": 1, "claims": 1, "clusters": 0, "errors": 0}


def test_has_article_by_id_hash_and_version(store: Store) -> None:
    art = make_article()
    store.add_article(art, [], extractor_version="v1")
    assert store.has_article("a1")
    assert store.has_article("other", content_hash=content_hash(art.text))
    assert not store.has_article("other", content_hash="0" * 64)
    assert store.has_article("a1", extractor_version="v1")
    assert not store.has_article("a1", extractor_version="v2")


def test_article_without_id_gets_its_content_hash(store: Store) -> None:
    art = Article(id="", text="Some text.")
    store.add_article(art, [], extractor_version="v1")
    [row] = store.articles()
    assert row.id == content_hash("Some text.")[:16] and row.content_hash == content_hash("Some text.")


def test_replace_claims_for_reprocess(store: Store) -> None:
    store.add_article(make_article(), [make_claim(), make_claim(stance="denies")], extractor_version="v1")
    store.recluster()
    store.replace_claims("a1", [make_claim(cameo="190")], extractor_version="v2")
    [sc] = store.claims()
    assert sc.claim.event and sc.claim.event.action and sc.claim.event.action.cameo == "190"
    assert store.has_article("a1", extractor_version="v2")
    with pytest.raises(StoreError):
        store.replace_claims("missing", [], extractor_version="v2")


def test_errors_are_recorded(store: Store) -> None:
    store.add_error(input="feed.xml", reason="not RSS or Atom", location=None)
    store.add_error(input="c.jsonl", reason="bad JSON", location="line 3")
    errs = store.errors()
    assert [(e.input, e.location, e.reason) for e in errs] == [
        ("feed.xml", None, "not RSS or Atom"),
        ("c.jsonl", "line 3", "bad JSON"),
    ]
    assert store.stats()["errors"] == 2


def test_stats_keys(store: Store) -> None:
    assert set(store.stats()) == {"articles", "claims", "clusters", "errors"}


def test_article_has_text_and_list_does_not(store: Store) -> None:
    store.add_article(make_article(), [make_claim()], extractor_version="v1")
    art = store.article("a1")
    assert art is not None and art.text and art.text.startswith("Iran is supplying") and art.n_claims == 1
    assert store.article("nope") is None
    [row] = store.articles()
    assert row.text is None and row.outlet == "Mehr"


# --- round trip ----------------------------------------------------------------------------------

_chars = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
texts = st.text(_chars, min_size=1, max_size=12)
opt_texts = st.none() | texts
offsets = st.none() | st.integers(0, 10_000)
codes = st.none() | st.from_regex(r"[A-Z]{3}([A-Z]{3})?", fullmatch=True)
actors = st.none() | st.builds(Actor, text=texts, code=codes, start=offsets, end=offsets)
plovers = st.none() | st.dictionaries(st.sampled_from(["category", "mode", "context"]), opt_texts, max_size=3)
actions = st.none() | st.from_regex(r"[01][0-9]{2,3}", fullmatch=True).flatmap(
    lambda c: st.builds(
        Action,
        text=opt_texts,
        cameo=st.just(c),
        root=st.just(c[:2]),
        quad_class=st.none() | st.integers(1, 4),
        goldstein=st.none() | st.floats(-10, 10, allow_nan=False),
        name=opt_texts,
        plover=plovers,
    )
)
events = st.none() | st.builds(
    Event, actor1=actors, action=actions, actor2=actors, object=opt_texts, date=opt_texts, place=opt_texts
)
claims_st = st.builds(
    Claim,
    article_id=st.just("x"),
    evidence=st.builds(Evidence, start=st.integers(0, 500), end=st.integers(0, 500), text=texts),
    source=st.builds(
        Source,
        text=opt_texts,
        name=opt_texts,
        kind=st.sampled_from(SOURCE_KINDS),
        role=opt_texts,
        actor=codes,
        start=offsets,
        end=offsets,
    ),
    via=st.lists(
        st.builds(Via, name=texts, kind=st.sampled_from(["outlet", "person"]), actor=codes, text=opt_texts),
        max_size=2,
    ).map(tuple),
    cue=st.none() | st.builds(Cue, text=texts, lemma=texts, start=offsets, end=offsets),
    stance=st.sampled_from(["asserts", "denies", "questions"]),
    hedged=st.booleans(),
    framing=st.sampled_from(["neutral", "distancing", "endorsing"]),
    event=events,
    rule=opt_texts,
)

_ids = itertools.count()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cls=st.lists(claims_st, max_size=4))
def test_claims_round_trip_through_the_store(store: Store, cls: list[Claim]) -> None:
    aid = f"rt{next(_ids)}"
    cls = [Claim.from_dict({**c.to_dict(), "article_id": aid}) for c in cls]
    assert store.add_article(Article(id=aid, text=f"text of {aid}"), cls, extractor_version="v1")
    back = [sc.claim for sc in store.claims(ClaimQuery(article_id=aid))]
    assert back == cls
    assert [b.rule for b in back] == [c.rule for c in cls]  # `rule` is left out of ==


# --- queries -------------------------------------------------------------------------------------


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_article(
        make_article("a1", outlet="Mehr", published="2023-01-02"), [make_claim("a1")], extractor_version="v"
    )
    store.add_article(
        make_article("a2", outlet="Reuters", published="2023-02-10"),
        [
            make_claim(
                "a2",
                actor1="IRNGOV",
                source="Nasser Kanaani",
                source_actor="IRNGOV",
                stance="denies",
                evidence="Iran has not supplied weapons to Russia",
            ),
            make_claim(
                "a2",
                actor1="RUS",
                actor2="UKR",
                cameo="190",
                obj=None,
                source="Reuters",
                kind="author",
                source_actor=None,
                evidence="Russian forces shelled Kharkiv",
            ),
        ],
        extractor_version="v",
    )
    store.add_article(
        make_article("a3", outlet="TASS", published="2023-03-01"),
        [make_claim("a3", cameo="0711")],
        extractor_version="v",
    )
    return store


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (ClaimQuery(), ["a1", "a2", "a2", "a3"]),
        (ClaimQuery(actor1="IRN"), ["a1", "a2", "a3"]),  # a country matches IRNGOV
        (ClaimQuery(actor1="IRNGOV"), ["a2"]),
        (ClaimQuery(actor2="UKR"), ["a2"]),
        (ClaimQuery(dyad=("UKR", "RUS")), ["a2"]),
        (ClaimQuery(code="07"), ["a1", "a2", "a3"]),
        (ClaimQuery(code="0711"), ["a3"]),
        (ClaimQuery(code="19"), ["a2"]),
        (ClaimQuery(stance="denies"), ["a2"]),
        (ClaimQuery(source="kanaani"), ["a2"]),
        (ClaimQuery(outlet="reut"), ["a2", "a2"]),
        (ClaimQuery(since="2023-02-01"), ["a2", "a2", "a3"]),
        (ClaimQuery(until="2023-02-10"), ["a1", "a2", "a2"]),
        (ClaimQuery(since="2023-02-01", until="2023-02-28", actor1="RUS"), ["a2"]),
        (ClaimQuery(limit=2, offset=1), ["a2", "a2"]),
        (ClaimQuery(newest_first=True, limit=1), ["a3"]),
    ],
)
def test_claim_filters(filled: Store, query: ClaimQuery, expected: list[str]) -> None:
    assert [sc.article_id for sc in filled.claims(query)] == expected
    if query.limit is None:
        assert filled.count_claims(query) == len(expected)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("supplying drones", 2),
        ("supplied", 3),  # stemmed: supplied / supplying
        ("shelled Kharkiv", 1),
        ("Kharkiv drones", 0),  # all words must occur
        ('"unbalanced (quote* OR', 0),  # FTS syntax in user input is not an error
    ],
)
def test_full_text_query(filled: Store, words: str, expected: int) -> None:
    assert len(filled.claims(ClaimQuery(text=words))) == expected
    assert filled.count_claims(ClaimQuery(text=words)) == expected


def test_full_text_follows_replaced_claims(filled: Store) -> None:
    filled.replace_claims("a2", [make_claim("a2", evidence="A brand new sentence")], extractor_version="v2")
    assert filled.count_claims(ClaimQuery(text="shelled")) == 0
    assert filled.count_claims(ClaimQuery(text="brand")) == 1


@pytest.mark.parametrize("bad", [{"stance": "maybe"}, {"since": "last tuesday"}, {"limit": -1}])
def test_bad_query_options(bad: dict[str, object]) -> None:
    with pytest.raises(QueryError):
        ClaimQuery(**bad)  # type: ignore[arg-type]


def test_stored_claim_facts(filled: Store) -> None:
    [sc] = filled.claims(ClaimQuery(stance="denies"))
    assert (sc.outlet, sc.published, sc.url) == ("Reuters", "2023-02-10", "https://example.org/a2")
    assert sc.source_id is not None and filled.source(sc.source_id) == {
        "id": sc.source_id,
        "key": "person:Nasser Kanaani",  # the people table's entry
        "name": "Nasser Kanaani",
        "kind": "person",
        "actor": "IRNGOV",
    }
    d = sc.to_dict()
    assert Claim.from_dict(d) == sc.claim and d["id"] == sc.id


def test_dyads(filled: Store) -> None:
    assert filled.dyads()[0] == {"actor1": "IRN", "actor2": "RUS", "claims": 3}


# --- clusters in the store -----------------------------------------------------------------------


def test_recluster_builds_and_rebuilds(filled: Store) -> None:
    assert filled.recluster() == 3  # a3 is 58 days after a1: past the default 30-day window
    n = filled.recluster(window_days=60)
    assert n == filled.stats()["clusters"] == 2
    assert filled.recluster(window_days=60) == n  # re-runnable, same result
    [irn] = filled.clusters(ClusterQuery(dyad=("RUS", "IRN")))
    assert (irn.actor1, irn.actor2, irn.root, irn.object) == ("IRN", "RUS", "07", "drone")
    assert irn.first_seen == "2023-01-02" and irn.n_articles == 3 and irn.n_outlets == 3
    assert [s.name for s in irn.asserting] == ["William Burns"]
    assert [s.name for s in irn.denying] == ["Nasser Kanaani"]
    assert irn.label.startswith("Iran → ") and irn.label.endswith("→ Russia: drones")
    full = filled.cluster(irn.id)
    assert full is not None and [r.article_id for r in full.reports] == ["a1", "a2", "a3"]
    assert [r.role for r in full.reports] == ["originator", "originator", "echo"]
    assert full.reports[2].echo_of == full.reports[0].claim_id
    assert filled.cluster(999) is None
    # claims know their cluster
    assert {sc.cluster_id for sc in filled.claims(ClaimQuery(actor1="IRN"))} == {irn.id}
    assert [sc.article_id for sc in filled.claims(ClaimQuery(cluster_id=irn.id))] == ["a1", "a2", "a3"]


def test_cluster_filters(filled: Store) -> None:
    filled.recluster(window_days=60)
    assert len(filled.clusters()) == 2
    assert [c.actor1 for c in filled.clusters(ClusterQuery(contested=True))] == ["IRN"]
    assert [c.actor1 for c in filled.clusters(ClusterQuery(code="19"))] == ["RUS"]
    assert [c.actor1 for c in filled.clusters(ClusterQuery(min_articles=2))] == ["IRN"]
    assert [c.actor1 for c in filled.clusters(ClusterQuery(order="newest"))] == ["IRN", "RUS"]
    assert filled.cluster_sizes()[1] == (3, 3, 3)


def test_newest_first_puts_undated_claims_last(store: Store) -> None:
    """The newest-first order walks the index on SQLite and says NULLS LAST on PostgreSQL: same result."""
    for aid, published in (("d1", "2023-01-05"), ("d0", None), ("d2", "2023-03-05")):
        store.add_article(
            make_article(aid, outlet="TASS", published=published), [make_claim(aid)], extractor_version="v"
        )
    assert [sc.article_id for sc in store.claims(ClaimQuery(newest_first=True))] == ["d2", "d1", "d0"]
    assert [sc.article_id for sc in store.claims(ClaimQuery())] == ["d1", "d2", "d0"]


def test_version_changes_when_another_connection_commits(store: Store, store_url: str) -> None:
    """The web cache's key: steady while nobody writes, new after any commit, from any connection."""
    if store.version() is None:
        pytest.skip("this database cannot report changes")
    before = store.version()
    assert store.version() == before
    with Store(store_url) as other:
        other.add_error(input="elsewhere.txt", reason="a commit by another connection")
    assert store.version() != before


def test_an_in_memory_store_cannot_tell_its_version() -> None:
    with Store("sqlite://") as s:
        assert s.version() is None


def test_a_store_made_by_the_first_revision_gains_the_browse_indexes(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    from claimgraph.store.engine import MIGRATIONS, create, writing

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with writing(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    assert "ix_claims_root" in {i["name"] for i in inspect(engine).get_indexes("claims")}
    engine.dispose()
    with Store(url):
        pass
    engine = create(url)
    names = {i["name"] for i in inspect(engine).get_indexes("claims")}
    engine.dispose()
    assert {"ix_claims_root_published", "ix_claims_actor1_published", "ix_claims_actor2_published"} <= names
    assert "ix_claims_root" not in names


def test_stores_opened_by_several_threads_at_once_all_open(store_url: str) -> None:
    """Alembic's module state is not thread-safe: opening (and so migrating) a fresh database from
    several threads at once hung on PostgreSQL before it was serialised."""
    from concurrent.futures import ThreadPoolExecutor

    def open_one(_: int) -> dict[str, int]:
        with Store(store_url) as s:
            return s.stats()

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(open_one, range(8), timeout=120))
    assert all(r["claims"] == 0 for r in results)


def test_reprocess_keeps_the_ids_of_records_it_finds_again(store: Store) -> None:
    """A cited /claims/{id} survives a re-extraction that gives the same record; a record that is
    gone is gone, and a new one gets a new id."""
    kept = make_claim("a1")
    dropped = make_claim("a1", stance="denies", source="Nasser Kanaani", source_actor="IRNGOV")
    store.add_article(make_article("a1"), [dropped, kept], extractor_version="v1")
    ids = {sc.claim.stance: sc.id for sc in store.claims(ClaimQuery(article_id="a1"))}
    added = make_claim("a1", cameo="0711")
    store.replace_claims("a1", [kept, added], extractor_version="v2")
    after = store.claims(ClaimQuery(article_id="a1"))
    by_code = {sc.claim.event.action.cameo: sc.id for sc in after if sc.claim.event and sc.claim.event.action}
    assert by_code["072"] == ids["asserts"]  # the same record, the same id
    assert by_code["0711"] not in ids.values()  # a new record, a new id
    assert ids["denies"] not in {sc.id for sc in after}  # the dropped record is gone
    assert [sc.claim for sc in after] == [kept, added]  # and in the new order
    assert store.count_claims(ClaimQuery(text="supplying")) == 2  # the full-text index followed


def test_dyad_points_are_the_dyad_s_claims_as_plain_columns(filled: Store) -> None:
    def point(sc: StoredClaim) -> tuple[object, ...]:
        ev = sc.claim.event
        coded = ev is not None and ev.action is not None and ev.actor1 is not None
        if not coded or ev is None or ev.action is None or ev.actor1 is None:
            return (sc.published, False)
        return (sc.published, True, ev.actor1.code, ev.action.cameo, ev.action.goldstein)

    points = filled.dyad_points("IRN", "RUS")
    expected = Counter(point(sc) for sc in filled.claims(ClaimQuery(dyad=("IRN", "RUS"))))
    got = Counter(
        (p.published, True, p.actor1_code, p.cameo, p.goldstein) if p.coded else (p.published, False)
        for p in points
    )
    assert got == expected and len(points) > 0


def test_paragraphs_are_blank_line_separated_or_one_a_line() -> None:
    from claimgraph.store.rows import paragraph_of

    blank = "Lead.\n\nSecond,\nstill second.\n\n\nThird."
    assert [paragraph_of(blank, blank.index(w)) for w in ("Lead", "still", "Third")] == [0, 1, 2]
    lines = "Lead.\nSecond.\nThird."
    assert [paragraph_of(lines, lines.index(w)) for w in ("Lead", "Second", "Third")] == [0, 1, 2]


def test_cluster_orders_by_reports_outlets_and_contest(store: Store) -> None:
    """Three clusters, each first in one order: most articles, most distinct outlets, most contested."""
    for aid in ("x1", "x2", "x3"):  # IRN → RUS: three articles, all from one outlet
        store.add_article(make_article(aid, outlet="Mehr"), [make_claim(aid)], extractor_version="v")
    for aid, outlet, stance in (("y1", "Reuters", "asserts"), ("y2", "TASS", "denies")):  # CHN → USA
        claim = make_claim(aid, actor1="CHN", actor2="USA", cameo="190", obj=None, stance=stance)
        store.add_article(make_article(aid, outlet=outlet), [claim], extractor_version="v")
    for aid, outlet in (("z1", "AP"), ("z2", "AFP"), ("z3", "BBC")):  # TUR → SYR in three outlets
        claim = make_claim(aid, actor1="TUR", actor2="SYR", cameo="190", obj=None)
        store.add_article(
            make_article(aid, outlet=outlet, published="2023-01-03"), [claim], extractor_version="v"
        )
    store.add_article(  # and a fourth TUR → SYR report in AP again: 4 articles, 3 outlets
        make_article("z4", outlet="AP", published="2023-01-04"),
        [make_claim("z4", actor1="TUR", actor2="SYR", cameo="190", obj=None)],
        extractor_version="v",
    )
    store.recluster(window_days=60)

    def first(order: str) -> list[str | None]:
        return [c.actor1 for c in store.clusters(ClusterQuery(order=order))]  # type: ignore[arg-type]

    assert first("articles") == ["TUR", "IRN", "CHN"]  # 4, 3, 2 articles
    assert first("outlets") == ["TUR", "CHN", "IRN"]  # 3, 2, 1 outlets
    assert first("contested")[0] == "CHN"  # the only one with a denial
    assert [c.actor1 for c in store.clusters(ClusterQuery(order="outlets", limit=1, offset=1))] == ["CHN"]


def test_cluster_orders_walk_an_index_on_sqlite(tmp_path: Path) -> None:
    """A page of clusters in any order but the oldest first reads an index, not a sort of every
    cluster (at a million claims the sort cost 0.17 s a page)."""
    from claimgraph.store.queries import clusters_select

    with Store(f"sqlite:///{tmp_path / 'o.db'}") as s:
        for order in ("newest", "articles", "outlets", "contested"):
            stmt = clusters_select(ClusterQuery(order=order, limit=51), s.dialect)  # type: ignore[arg-type]
            sql = str(stmt.compile(dialect=s.dialect, compile_kwargs={"literal_binds": True}))
            with s._engine.connect() as conn:
                plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            assert "USING INDEX ix_clusters_" in plan and "TEMP B-TREE" not in plan, (order, plan)
