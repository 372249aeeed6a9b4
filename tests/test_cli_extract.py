"""`claimgraph extract` and `claimgraph eval` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from claimgraph.cli import main

ARTICLE = (
    "Kremlin spokesman Dmitry Peskov said Russia had not supplied weapons to Iran. "
    "Ukraine accused Russia of shelling the port of Odesa."
)


def test_jsonl_records_with_article_id(tmp_path: Path) -> None:
    f = tmp_path / "story.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(f), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.output.splitlines()]
    assert recs and all(r["article_id"] == "story" for r in recs)
    for r in recs:
        assert ARTICLE[r["evidence"]["start"] : r["evidence"]["end"]] == r["evidence"]["text"]
        assert {"source", "via", "cue", "stance", "hedged", "framing", "event"} <= set(r)


def test_id_option_and_stdin() -> None:
    res = CliRunner().invoke(main, ["extract", "-", "--id", "wire-1", "--format", "jsonl"], input=ARTICLE)
    assert res.exit_code == 0
    assert all(json.loads(line)["article_id"] == "wire-1" for line in res.output.splitlines())


def test_missing_file_and_directory_exit_2_others_still_processed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.txt"), str(tmp_path), str(good)])
    assert res.exit_code == 2
    assert "nope.txt: no such file" in res.stderr
    assert "is a directory" in res.stderr
    assert "Traceback" not in res.output + res.stderr
    assert '"article_id": "good"' in res.stdout


def test_invalid_utf8_warns_and_decodes(tmp_path: Path) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(ARTICLE.encode() + b"\xff\xfe broken")
    res = CliRunner().invoke(main, ["extract", str(f), "--format", "jsonl"])
    assert res.exit_code == 0
    assert "bad.txt: invalid UTF-8" in res.stderr


def test_empty_file_gives_nothing(tmp_path: Path) -> None:
    f = tmp_path / "empty.txt"
    f.write_text("   \n", encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(f), "--format", "jsonl"])
    assert res.exit_code == 0 and res.stdout == ""


def test_eval_scores_a_prediction_file(tmp_path: Path) -> None:
    gold = {
        "article_id": "a",
        "claims": [
            {
                "evidence": {"start": 0, "end": 10, "text": "x" * 10},
                "source": {"kind": "author"},
                "stance": "asserts",
                "event": {"actor1": {"code": "RUS"}, "action": {"cameo": "190"}, "actor2": {"code": "UKR"}},
            }
        ],
    }
    (tmp_path / "g.json").write_text(json.dumps(gold))
    pred = dict(gold["claims"][0], article_id="a")
    (tmp_path / "p.jsonl").write_text(json.dumps(pred) + "\n")
    res = CliRunner().invoke(
        main, ["eval", str(tmp_path / "g.json"), "--pred", str(tmp_path / "p.jsonl"), "--json"]
    )
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["event"]["f1"] == 1.0


def test_eval_missing_gold_is_one_line_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["eval", str(tmp_path / "none.json")])
    assert res.exit_code == 2
    assert "no such gold file" in res.stderr and "Traceback" not in res.stderr
