"""Exports: each format opens in its target tool; CSV and Parquet round-trip; GDELT has 61 columns."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.export import FORMATS, GDELT_COLUMNS, export, flat_row, write_csv, write_parquet
from claimgraph.model import Claim
from claimgraph.store import ClaimQuery, Store, StoredClaim
from claimgraph.store.load import read_csv, read_parquet
from claimgraph.store.rows import FLAT_COLUMNS
from test_store import claims_st, make_article, make_claim


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'x.db'}") as s:
        s.add_article(
            make_article("a1", outlet="Mehr", published="2023-03-01"),
            [make_claim("a1")],
            extractor_version="v",
        )
        s.add_article(
            make_article("a2", outlet="Reuters", published="2023-03-03"),
            [
                make_claim("a2", via=("Mehr",)),
                make_claim(
                    "a2",
                    actor1="RUSMIL",
                    actor2="UKR",
                    cameo="190",
                    obj=None,
                    source="Reuters",
                    kind="author",
                    source_actor=None,
                ),
            ],
            extractor_version="v",
        )
        s.add_article(
            make_article("a3", outlet="TASS", published="2023-03-05"),
            [
                make_claim(
                    "a3",
                    source="Nasser Kanaani",
                    source_actor="IRNGOV",
                    stance="denies",
                    evidence='=HYPERLINK("http://evil")',
                )
            ],
            extractor_version="v",
        )
        s.recluster()
        yield s


def test_gdelt_columns_are_gdelts() -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:6] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate", "Actor1Code")
    assert GDELT_COLUMNS[15] == "Actor2Code" and GDELT_COLUMNS[25] == "IsRootEvent"
    assert GDELT_COLUMNS[26:35] == (
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    )
    assert GDELT_COLUMNS[35] == "Actor1Geo_Type" and GDELT_COLUMNS[51] == "ActionGeo_Type"
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_gdelt_rows(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    assert export(store, "gdelt", out) == 4
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(len(r) == 61 for r in rows)
    row = dict(zip(GDELT_COLUMNS, rows[0], strict=True))
    assert row["Day"] == "20230301" and row["MonthYear"] == "202303" and row["Year"] == "2023"
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor2Code"]) == ("IRN", "IRN", "RUS")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"], row["QuadClass"]) == (
        "072",
        "072",
        "07",
        "2",
    )
    # the IRN→RUS cluster: 3 mentions in 3 outlets and 3 articles
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("3", "3", "3")
    assert row["IsRootEvent"] == "1" and row["SOURCEURL"] == "https://example.org/a1"
    rus = dict(zip(GDELT_COLUMNS, next(r for r in rows if r[5] == "RUSMIL"), strict=True))
    assert (rus["Actor1CountryCode"], rus["Actor1Type1Code"], rus["NumMentions"]) == ("RUS", "MIL", "1")


def test_gdelt_respects_the_query(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.tsv"
    assert export(store, "gdelt", out, ClaimQuery(stance="denies")) == 1


def test_graphml_opens_in_networkx(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "net.graphml"
    assert export(store, "graphml", out) == 2
    g = nx.read_graphml(out)
    assert g.is_directed() and set(g.nodes) == {"IRN", "RUS", "RUSMIL", "UKR"}
    e = g.edges["IRN", "RUS"]
    assert (e["weight"], e["asserts"], e["denies"], e["material_cooperation"]) == (3, 2, 1, 3)
    assert g.nodes["IRN"]["label"] == "Iran"


def test_parquet_opens_in_pyarrow_and_round_trips(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "c.parquet"
    assert export(store, "parquet", out) == 4
    table = pq.read_table(out)
    assert table.num_rows == 4 and tuple(table.column_names) == FLAT_COLUMNS
    assert str(table.schema.field("evidence_start").type) == "int64"
    assert list(read_parquet(out)) == [sc.claim for sc in store.claims()]


def test_csv_neutralises_formulas_and_round_trips(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "c.csv"
    export(store, "csv", out)
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert tuple(rows[0]) == FLAT_COLUMNS
    evil = next(r for r in rows if r["stance"] == "denies")
    assert evil["evidence_text"] == '\'=HYPERLINK("http://evil")'
    assert all(not v.startswith(("=", "+", "@")) for r in rows for v in r.values())
    assert list(read_csv(out)) == [sc.claim for sc in store.claims()]


def _stored(cls: list[Claim]) -> list[StoredClaim]:
    return [
        StoredClaim(
            id=i,
            article_id="x",
            outlet="-X",
            published=None,
            url=None,
            title=None,
            source_id=None,
            cluster_id=None,
            cluster_role=None,
            claim=c,
        )
        for i, c in enumerate(cls, 1)
    ]


@settings(max_examples=60, deadline=None)
@given(cls=st.lists(claims_st, max_size=5))
def test_csv_round_trip_any_claims(cls: list[Claim]) -> None:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "c.csv"
        with p.open("w", encoding="utf-8", newline="") as f:
            write_csv(_stored(cls), f)
        assert list(read_csv(p)) == cls


@settings(max_examples=30, deadline=None)
@given(cls=st.lists(claims_st, max_size=5))
def test_parquet_round_trip_any_claims(cls: list[Claim]) -> None:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "c.parquet"
        write_parquet(_stored(cls), p)
        assert list(read_parquet(p)) == cls


def test_claims_jsonl_round_trips_through_from_dict(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "c.jsonl"
    export(store, "claims", out)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [Claim.from_dict(d) for d in lines] == [sc.claim for sc in store.claims()]
    assert lines[0]["outlet"] == "Mehr" and lines[0]["cluster_role"] == "originator"


def test_plover_records(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "p.jsonl"
    assert export(store, "plover", out) == 4
    rec = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    for key in ("event_type", "mode", "context", "actor", "recipient", "date", "source"):
        assert key in rec
    assert (rec["actor_code"], rec["recipient_code"], rec["date"], rec["source"]) == (
        "IRN",
        "RUS",
        "2023-03-01",
        "Mehr",
    )
    assert rec["claim_source"]["name"] == "William Burns" and rec["stance"] == "asserts"


def test_schema_org_claims(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "s.jsonld"
    export(store, "schema-org", out)
    items = json.loads(out.read_text(encoding="utf-8"))
    assert all(i["@type"] == "Claim" and i["@context"] == "https://schema.org" for i in items)
    burns = next(i for i in items if i["author"]["name"] == "William Burns")
    # one Claim for Burns' assertion, appearing in Mehr first and then in Reuters
    assert [a["publisher"]["name"] for a in burns["appearance"]] == ["Mehr", "Reuters"]
    assert burns["firstAppearance"]["datePublished"] == "2023-03-01"
    assert burns["text"] == "Iran is supplying drones to the Russians"
    denial = next(i for i in items if i["author"]["name"] == "Nasser Kanaani")
    assert denial["description"].startswith("Nasser Kanaani denies: Iran")


def test_every_format_exports_an_empty_store(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'e.db'}") as s:
        for fmt in FORMATS:
            export(s, fmt, tmp_path / f"out.{fmt}")
        assert pq.read_table(tmp_path / "out.parquet").num_rows == 0
        assert nx.read_graphml(tmp_path / "out.graphml").number_of_nodes() == 0


def test_export_to_a_binary_stream(store: Store) -> None:
    buf = io.BytesIO()
    assert export(store, "claims", buf) == 4
    assert len(buf.getvalue().decode("utf-8").splitlines()) == 4


def test_unknown_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(store, "xlsx", tmp_path / "x")


def test_flat_row_has_every_column(store: Store) -> None:
    assert tuple(flat_row(store.claims()[0])) == FLAT_COLUMNS
