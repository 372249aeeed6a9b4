"""``claimgraph sources`` through click's CliRunner: the sources list with the names each was seen
under, its filters and formats, ``--rekey``, and one-line errors for bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import insert, select, update

from claimgraph.cli import main
from claimgraph.store import Store
from claimgraph.store.engine import writing
from claimgraph.store.schema import claims, sources
from test_store import make_article, make_claim


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with Store(url) as s:
        for aid, name, actor, stance in (
            ("a1", "Ilinca Dumitru", "ROUGOV", "asserts"),
            ("a2", "Ilinca Dumitru", "ROU", "denies"),
            ("a3", "Teodor Vasile", "MDA", "asserts"),
            ("a4", "Teodor Vasile", "MDA", "asserts"),
        ):
            claim = make_claim(aid, source=name, source_actor=actor, stance=stance)
            s.add_article(make_article(aid), [claim], extractor_version="v")
    return url


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_table_lists_each_speaker_once_with_the_names_seen(db: str) -> None:
    r = run("sources", "--db", db)
    assert r.exit_code == 0, r.output
    lines = [line.split("\t") for line in r.output.splitlines()]
    assert lines[0] == ["id", "name", "kind", "actor", "claims", "seen as"]
    assert [row[1] for row in lines[1:]] == ["Ilinca Dumitru", "Teodor Vasile"]  # most claims first
    assert lines[1][4] == "2" and lines[1][5] == "Ilinca Dumitru (2)"


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--name", "VASILE"], ["Teodor Vasile"]),
        (["--actor", "rou"], ["Ilinca Dumitru"]),
        (["--actor", "MDA", "--kind", "person"], ["Teodor Vasile"]),
        (["--kind", "author"], []),
        (["--limit", "1"], ["Ilinca Dumitru"]),
    ],
)
def test_filters(db: str, args: list[str], names: list[str]) -> None:
    r = run("sources", "--db", db, "--format", "json", *args)
    assert r.exit_code == 0, r.output
    assert [s["name"] for s in json.loads(r.output)] == names


def test_json_and_csv_carry_counts_and_names(db: str) -> None:
    [first, _] = json.loads(run("sources", "--db", db, "--format", "json").output)
    assert (first["claims"], first["asserts"], first["denies"]) == (2, 1, 1)
    assert first["seen_as"] == [{"name": "Ilinca Dumitru", "claims": 2}]
    assert first["mentions"] == [{"text": "Dumitru", "claims": 2}]
    rows = list(csv.DictReader(io.StringIO(run("sources", "--db", db, "--format", "csv").output)))
    assert rows[0]["name"] == "Ilinca Dumitru" and rows[0]["claims"] == "2" and rows[1]["actor"] == "MDA"


def test_rekey_merges_rows_of_one_speaker_and_says_how_many(db: str) -> None:
    with Store(db) as s, writing(s._engine) as conn:  # one claim keyed as an older release did
        conn.execute(insert(sources).values(key="person|teodor vasile|MDA", name="T. Vasile", kind="person"))
        old = conn.execute(
            select(sources.c.id).where(sources.c.key == "person|teodor vasile|MDA")
        ).scalar_one()
        conn.execute(update(claims).where(claims.c.article_id == "a3").values(source_id=old))
    assert len(json.loads(run("sources", "--db", db, "--format", "json").output)) == 3
    r = run("sources", "--db", db, "--rekey")
    assert r.exit_code == 0 and r.output.startswith("re-keyed sources: 1 source row merged into others;")
    listed = json.loads(run("sources", "--db", db, "--format", "json").output)
    assert [s["name"] for s in listed] == ["Ilinca Dumitru", "Teodor Vasile"]
    with Store(db) as s:
        assert s.source_redirect(old) == listed[1]["id"]
    assert run("sources", "--db", db, "--rekey").output.startswith("re-keyed sources: 0 source rows")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--actor", "R!"], "'R!' is no actor code"),
        (["--kind", "wizard"], "'wizard' is not one of"),
        (["--limit", "-1"], "-1 is not in the range"),
        (["--format", "xml"], "'xml' is not one of"),
        (["--rekey", "--name", "x"], "--rekey lists nothing: leave out --name"),
        (["--rekey", "--format", "json"], "--rekey lists nothing: leave out --format"),
    ],
)
def test_bad_input_is_a_clear_message(db: str, args: list[str], says: str) -> None:
    r = run("sources", "--db", db, *args)
    assert r.exit_code == 2 and says in r.output and "Traceback" not in r.output


def test_a_database_that_cannot_open_is_one_line(tmp_path: Path) -> None:
    r = run("sources", "--db", f"sqlite:///{tmp_path}/missing/dir/c.db")
    assert r.exit_code == 2 and r.output.startswith("claimgraph: error: cannot open database")
