"""The Dask engine: shards extracted on a LocalCluster, written by one writer or as Parquet shards.

The cluster here runs its one worker inside the test process (``processes=False``), so it starts
in a second; the code path is the one a real cluster runs, tasks pickled by reference included.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

pytest.importorskip("dask.distributed", reason="the Dask engine needs dask[distributed]")

from claimgraph.errors import InputError
from claimgraph.ingest import ingest
from claimgraph.scale import ScaleOptions, extract_shard, run, shard_file, shards
from claimgraph.store import Store
from claimgraph.store.load import load_files
from conftest import NEWS

LOCAL = functools.partial(ScaleOptions, workers=1, processes=False, batch_size=2)


@pytest.fixture(scope="module")
def pipeline() -> None:
    try:
        from claimgraph.pipeline import load_nlp

        load_nlp()
    except Exception as exc:  # no model installed
        pytest.skip(f"the extraction pipeline cannot run here ({exc})")


@pytest.fixture
def shard_dir(tmp_path: Path) -> Path:
    """Three shards: two JSONL corpora (one with a broken line, one repeating a text) and a CSV."""
    d = tmp_path / "shards"
    d.mkdir()
    rows = [{"id": "a1", "text": NEWS[0], "source": "Kyiv Post", "date": "2024-03-01"}]
    rows.append({"id": "a2", "text": NEWS[1], "date": "2024-03-02"})
    (d / "part-1.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows) + '{"id": "bad", \n')
    rows = [{"id": "b1", "text": NEWS[2]}, {"id": "b2", "text": NEWS[0]}, {"id": "b3", "text": "  "}]
    (d / "part-2.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (d / "part-3.csv").write_text(f'id,title,text\nc1,Talks,"{NEWS[3]}"\nc2,Warning,"{NEWS[4]}"\n')
    (d / ".hidden.jsonl").write_text("not a shard\n")
    return d


def _records(store: Store) -> list[tuple[str, str]]:
    return sorted((c.article_id, json.dumps(c.claim.to_dict(), sort_keys=True)) for c in store.claims())


def test_shards_are_files_of_directories_and_globs(shard_dir: Path) -> None:
    names = [Path(p).name for p in shards([str(shard_dir)])]
    assert names == ["part-1.jsonl", "part-2.jsonl", "part-3.csv"]
    assert [Path(p).name for p in shards([str(shard_dir / "*.jsonl"), str(shard_dir / "part-1.jsonl")])] == [
        "part-1.jsonl",
        "part-2.jsonl",
    ]
    assert all(Path(p).is_absolute() for p in shards([str(shard_dir)]))


@pytest.mark.parametrize("bad", ["-", "https://example.org/feed.xml", "/nonexistent/*.jsonl"])
def test_stdin_urls_and_empty_globs_are_refused(bad: str) -> None:
    with pytest.raises(InputError):
        shards([bad])


def test_dask_stores_what_local_ingest_stores(pipeline: None, shard_dir: Path, tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'local.db'}") as local:
        expected = ingest([str(shard_dir)], store=local, batch_size=2)
        want = _records(local)
    with Store(f"sqlite:///{tmp_path / 'dask.db'}") as store:
        report = run([str(shard_dir)], store=store, options=LOCAL())
        assert (
            (report.read, report.stored, report.skipped_existing, report.empty)
            == (
                expected.read,
                expected.stored,
                expected.skipped_existing,
                expected.empty,
            )
            == (7, 5, 1, 1)
        )
        assert [e.location for e in report.errors] == ["line 3"]
        assert report.clusters is not None
        assert _records(store) == want and want
        assert store.article("a1") is not None and store.article("a1").outlet == "Kyiv Post"  # type: ignore[union-attr]
        again = run([str(shard_dir / "*")], store=store, options=LOCAL())
        assert (again.stored, again.skipped_existing) == (0, 6)
        assert _records(store) == want


def test_parquet_shards_load_into_the_same_records(pipeline: None, shard_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = run([str(shard_dir)], options=LOCAL(out_dir=str(out)))
    assert report.stored == 6  # per shard; the repeated text is only known as such at load
    files = sorted(out.glob("*.parquet"))
    assert [f.name for f in files] == sorted(shard_file(s) for s in shards([str(shard_dir)]))
    assert not list(out.glob("*.part"))
    with Store(f"sqlite:///{tmp_path / 'local.db'}") as local:
        ingest([str(shard_dir)], store=local, batch_size=2)
        want = _records(local)
    with Store(f"sqlite:///{tmp_path / 'loaded.db'}") as store:
        result = load_files(store, files)
        assert result.errors == []
        assert _records(store) == want
        a1 = store.article("a1")
        assert a1 is not None and a1.text == NEWS[0] and a1.extractor_version not in (None, "load")


def test_the_cli_runs_dask_and_writes_parquet(
    pipeline: None, shard_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import claimgraph.scale as scale
    from claimgraph.cli import main

    monkeypatch.setattr(scale, "ScaleOptions", functools.partial(ScaleOptions, processes=False))
    out = tmp_path / "pq"
    args = [
        "ingest",
        str(shard_dir / "part-3.csv"),
        "--engine",
        "dask",
        "--workers",
        "1",
        "--out",
        f"parquet:{out}",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "2 stored" in result.stdout and "claimgraph load" in result.stdout
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    loaded = CliRunner().invoke(main, ["load", *map(str, out.glob("*.parquet")), "--db", db])
    assert loaded.exit_code == 0, loaded.output


def _fails_on_csv(shard: str, **kwargs: Any) -> Any:
    """A task that breaks on one shard (module level: Dask pickles tasks by reference)."""
    if shard.endswith(".csv"):
        raise OSError("disk gone")
    return extract_shard(shard, **kwargs)


def test_a_failing_shard_is_one_error_and_the_others_land(
    pipeline: None, shard_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import claimgraph.scale as scale

    monkeypatch.setattr(scale, "extract_shard", _fails_on_csv)
    with Store(f"sqlite:///{tmp_path / 'd.db'}") as store:
        report = run([str(shard_dir)], store=store, options=LOCAL())
        assert report.stored == 3
        assert any(e.input.endswith("part-3.csv") and "disk gone" in e.reason for e in report.errors)
        assert report.exit_status == 3
