"""The store commands through click's CliRunner: thin shells over the Store, one line per error."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from claimgraph.cli.store import COMMANDS, register
from claimgraph.store import Store
from test_store import make_article, make_claim


@click.group()
def cli() -> None:
    """A stand-in for the ``claimgraph`` group."""


register(cli)


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with Store(url) as s:
        s.add_article(
            make_article("a1", outlet="Mehr", published="2023-03-01"),
            [make_claim("a1")],
            extractor_version="v",
        )
        s.add_article(
            make_article("a2", outlet="TASS", published="2023-03-05"),
            [
                make_claim("a2", source="Nasser Kanaani", source_actor="IRNGOV", stance="denies"),
                make_claim(
                    "a2", actor1="RUS", actor2="UKR", cameo="190", obj=None, evidence="shelled Kharkiv"
                ),
            ],
            extractor_version="v",
        )
        s.recluster()
    return url


def run(*args: str, env: dict[str, str] | None = None) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_claims_table_is_tab_separated_off_a_terminal(db: str) -> None:
    r = run("claims", "--db", db)
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[0].split("\t")[:5] == ["id", "published", "outlet", "source", "stance"]
    assert len(lines) == 4 and all(len(x.split("\t")) == 10 for x in lines)


@pytest.mark.parametrize(
    ("args", "n"),
    [
        (["--actor1", "IRN"], 2),
        (["--actor1", "IRN", "--actor2", "RUS", "--stance", "denies"], 1),
        (["--code", "19"], 1),
        (["--source", "kanaani"], 1),
        (["--outlet", "mehr"], 1),
        (["--since", "2023-03-02"], 2),
        (["--until", "2023-03-02"], 1),
        (["--text", "Kharkiv"], 1),
        (["--limit", "1"], 1),
    ],
)
def test_claims_filters(db: str, args: list[str], n: int) -> None:
    r = run("claims", "--db", db, "--format", "jsonl", *args)
    assert r.exit_code == 0, r.output
    assert len(r.output.splitlines()) == n


def test_claims_csv(db: str) -> None:
    r = run("claims", "--db", db, "--format", "csv")
    assert r.output.splitlines()[0].startswith("id,article_id,outlet,published,url,evidence_start")


def test_db_from_environment(db: str) -> None:
    r = run("claims", "--format", "jsonl", env={"CLAIMGRAPH_DB": db})
    assert len(r.output.splitlines()) == 3


def test_clusters_table(db: str) -> None:
    r = run("clusters", "--db", db, "--dyad", "RUS,IRN")
    assert r.exit_code == 0
    header, row = r.output.splitlines()
    assert header.split("\t") == [
        "id",
        "event",
        "first seen",
        "articles",
        "outlets",
        "asserting",
        "denying",
        "questioning",
    ]
    cells = row.split("\t")
    assert cells[1] == "Iran → provide aid (072) → Russia: drones"
    assert cells[2:7] == ["2023-03-01", "2", "2", "William Burns", "Nasser Kanaani"]


def test_clusters_jsonl_and_rebuild(db: str) -> None:
    r = run("clusters", "--db", db, "--format", "jsonl", "--rebuild", "--contested")
    [line] = r.output.splitlines()
    d = json.loads(line)
    assert d["actor1"] == "IRN" and d["denying"][0]["name"] == "Nasser Kanaani"


def test_clusters_bad_dyad(db: str) -> None:
    r = run("clusters", "--db", db, "--dyad", "IRN")
    assert r.exit_code == 2 and "IRN,RUS" in r.output


def test_stats_json_keys(db: str) -> None:
    r = run("stats", "--db", db, "--format", "json")
    assert json.loads(r.output) == {"articles": 2, "claims": 3, "clusters": 2, "errors": 0}


def test_export_gdelt_to_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "e.tsv"
    r = run("export", "--db", db, "--format", "gdelt", "-o", str(out), "--actor1", "IRN")
    assert r.exit_code == 0
    rows = out.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 2 and all(len(x.split("\t")) == 61 for x in rows)


def test_export_to_stdout(db: str) -> None:
    r = run("export", "--db", db, "--format", "claims")
    assert len(r.output.splitlines()) == 3


def test_load_is_idempotent(db: str, tmp_path: Path) -> None:
    shard = tmp_path / "shard.jsonl"
    run("export", "--db", db, "--format", "claims", "-o", str(shard))
    new = f"sqlite:///{tmp_path / 'new.db'}"
    r = run("load", "--db", new, str(shard))
    assert r.exit_code == 0, r.output
    assert "loaded 2 articles (3 claims)" in r.output
    r = run("load", "--db", new, str(shard))
    assert "loaded 0 articles (0 claims), 2 already stored" in r.output
    assert json.loads(run("stats", "--db", new, "--format", "json").output) == {
        "articles": 2,
        "claims": 3,
        "clusters": 2,
        "errors": 0,
    }


def test_load_gold_file_and_bad_lines(tmp_path: Path) -> None:
    gold = {"article_id": "g1", "outlet": "Mehr", "file": "g1.txt", "claims": [make_claim("g1").to_dict()]}
    (tmp_path / "g1.txt").write_text("Iran is supplying drones to the Russians.", encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"article_id": "b1"}\nnot json\n', encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'g.db'}"
    r = run("load", "--db", db, str(tmp_path / "gold.json"), str(tmp_path / "bad.jsonl"))
    assert r.exit_code == 3  # some stored, some rejected
    assert "bad.jsonl:2" in r.output
    with Store(db) as s:
        art = s.article("g1")
        assert art is not None and art.text and art.text.startswith("Iran is supplying")
        assert s.stats()["errors"] == 2


def test_bad_db_url_is_one_line_and_status_2(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["stats", "--db", f"sqlite:///{tmp_path}/missing/dir/x.db"])
    assert r.exit_code == 2
    assert len(r.output.strip().splitlines()) == 1
    assert r.output.startswith("claimgraph: error: cannot open database")


def test_bad_date_is_a_usage_error(db: str) -> None:
    r = CliRunner().invoke(cli, ["claims", "--db", db, "--since", "yesterday"])
    assert r.exit_code == 2 and "--since" in r.output and "Traceback" not in r.output


@pytest.mark.parametrize("cmd", [c.name for c in COMMANDS])
def test_every_command_has_help(cmd: str) -> None:
    r = run(cmd, "--help")
    assert r.exit_code == 0 and len(r.output) > 100


def test_clusters_order_by_outlets(db: str) -> None:
    """The two-outlet cluster (Iran → Russia) comes before the one-outlet one."""
    r = run("clusters", "--db", db, "--format", "jsonl", "--order", "outlets")
    assert r.exit_code == 0, r.output
    got = [json.loads(line)["n_outlets"] for line in r.output.splitlines()]
    assert got == sorted(got, reverse=True) and got[0] == 2 and len(got) == 2
