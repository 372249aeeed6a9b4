"""Ingest: read → extract → store, idempotent, crash-safe, with errors reported and an exit status."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import claimgraph.ingest as ingest_mod
from claimgraph.ingest import Extractor, IngestReport, ingest, reprocess
from claimgraph.model import Article, Claim, Cue, Evidence, Source
from claimgraph.read import ReadError, content_hash

STORIES = [
    "The foreign minister said on Tuesday that talks with Sudia would resume next week.",
    "Officials in Sudia denied that any date for new talks had been agreed.",
    "Rebel commanders accused the army of shelling villages near the river crossing.",
    "The army said it had only returned fire and denied targeting civilians.",
    "The central bank governor warned that sanctions would deepen the recession.",
    "Opposition leaders said the government had hidden the true scale of the deficit.",
]


def fake_claim(article: Article) -> Claim:
    """One claim per article: its first sentence, attributed to a fixed source."""
    end = article.text.find(".") + 1 or len(article.text)
    return Claim(
        article_id=article.id,
        evidence=Evidence(start=0, end=end, text=article.text[:end]),
        source=Source(text="the minister", name="Fake Minister", kind="person", start=0, end=0),
        cue=Cue(text="said", lemma="say"),
        rule="test:fake",
    )


@dataclass
class FakeExtractor:
    """Counts what it is asked to extract; fails on texts containing ``fail_on``."""

    fail_on: str | None = None
    batches: list[list[str]] = field(default_factory=list)

    def __call__(self, articles: Sequence[Article]) -> Iterator[tuple[Article, Sequence[Claim]]]:
        self.batches.append([a.id for a in articles])
        for a in articles:
            if self.fail_on and self.fail_on in a.text:
                raise RuntimeError("extractor bug")
            yield a, [fake_claim(a)]

    def extractor(self, version: str = "fake-1") -> Extractor:
        return Extractor(self, version)

    @property
    def extracted(self) -> int:
        return sum(len(b) for b in self.batches)


class FakeStore:
    """The Store API in memory: enough to test ingest without a database."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[Article, list[Claim], str]] = {}
        self.errors: list[dict[str, Any]] = []
        self.reclusters = 0

    def has_article(
        self, article_id: str, *, content_hash: str | None = None, extractor_version: str | None = None
    ) -> bool:
        return any(
            (aid == article_id or _hash(a) == content_hash) and extractor_version in (None, v)
            for aid, (a, _, v) in self.rows.items()
        )

    def add_article(self, article: Article, claims: Sequence[Claim], *, extractor_version: str) -> bool:
        if self.has_article(article.id, content_hash=_hash(article)):
            return False
        self.rows[article.id] = (article, list(claims), extractor_version)
        return True

    def replace_claims(self, article_id: str, claims: Sequence[Claim], *, extractor_version: str) -> None:
        self.rows[article_id] = (self.rows[article_id][0], list(claims), extractor_version)

    def add_error(self, *, input: str, reason: str, location: str | None = None) -> None:
        self.errors.append({"input": input, "reason": reason, "location": location})

    def recluster(self) -> int:
        self.reclusters += 1
        return 0

    def articles(self, *, limit: int | None = 100, offset: int = 0) -> list[Any]:
        rows = sorted(self.rows.items())[offset : None if limit is None else offset + limit]
        return [_Row(id=aid, extractor_version=v) for aid, (_, _, v) in rows]

    def article(self, article_id: str) -> Article:
        return self.rows[article_id][0]


@dataclass
class _Row:
    id: str
    extractor_version: str


def _hash(a: Article) -> str:
    return content_hash(a.text)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A directory: two text files and a JSONL corpus with a broken line and an empty text."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "one.txt").write_text(STORIES[0])
    (d / "two.txt").write_text(STORIES[1])
    lines = [
        json.dumps({"id": "j1", "text": STORIES[2]}),
        '{"id": "j2", "text": ',
        json.dumps({"id": "j3", "text": "   "}),
        json.dumps({"id": "j4", "text": STORIES[3]}),
    ]
    (d / "corpus.jsonl").write_text("\n".join(lines) + "\n")
    return d


# --- the library -----------------------------------------------------------------------------------


def test_ingest_stores_new_articles_and_reports_bad_ones(corpus: Path) -> None:
    store, fx = FakeStore(), FakeExtractor()
    report = ingest([str(corpus)], store=store, extractor=fx.extractor())
    assert (report.read, report.stored, report.skipped_existing, report.empty) == (5, 4, 0, 1)
    assert sorted(store.rows) == ["j1", "j4", "one", "two"]
    [err] = report.errors
    assert err.location == "line 2" and err.input.endswith("corpus.jsonl")
    assert store.errors == [{"input": err.input, "reason": err.reason, "location": "line 2"}]
    assert store.reclusters == 1
    assert report.exit_status == 3
    assert all(len(claims) == 1 and v == "fake-1" for _, claims, v in store.rows.values())


def test_ingest_twice_adds_nothing_and_extracts_nothing(corpus: Path) -> None:
    store, fx = FakeStore(), FakeExtractor()
    first = ingest([str(corpus)], store=store, extractor=fx.extractor())
    extracted = fx.extracted
    second = ingest([str(corpus)], store=store, extractor=fx.extractor())
    assert (second.stored, second.skipped_existing) == (0, first.stored)
    assert fx.extracted == extracted, "already stored articles are skipped before extraction"
    assert len(store.rows) == first.stored


def test_same_text_under_two_names_is_stored_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORIES[0])
    (tmp_path / "copy.txt").write_text(STORIES[0])
    store = FakeStore()
    report = ingest([str(tmp_path)], store=store, extractor=FakeExtractor().extractor())
    assert (report.stored, report.skipped_existing) == (1, 1)


def test_extraction_runs_in_batches(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        "".join(json.dumps({"id": f"a{i}", "text": f"Story {i}. {STORIES[i % 6]}"}) + "\n" for i in range(7))
    )
    fx = FakeExtractor()
    ingest([str(path)], store=FakeStore(), extractor=fx.extractor(), batch_size=3)
    assert [len(b) for b in fx.batches] == [3, 3, 1]


def test_an_extractor_failure_costs_only_its_article(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": s}) + "\n" for i, s in enumerate(STORIES)))
    store = FakeStore()
    report = ingest(
        [str(path)], store=store, extractor=FakeExtractor(fail_on="army").extractor(), batch_size=4
    )
    assert report.stored == 4
    assert sorted(e.input for e in report.errors) == ["article a2", "article a3"]
    assert all("extraction failed" in e.reason for e in report.errors)
    assert report.exit_status == 3


@pytest.mark.parametrize(
    ("read", "n_errors", "status"),
    [(3, 0, 0), (0, 0, 0), (3, 1, 3), (0, 2, 1)],
)
def test_exit_status(read: int, n_errors: int, status: int) -> None:
    report = IngestReport(read=read, stored=read, errors=[ReadError(input="x", reason="bad")] * n_errors)
    assert report.exit_status == status


def test_nothing_readable_is_status_1(tmp_path: Path) -> None:
    report = ingest([str(tmp_path / "missing.txt")], store=FakeStore(), extractor=FakeExtractor().extractor())
    assert report.read == 0 and report.exit_status == 1


def test_progress_sees_every_document(corpus: Path) -> None:
    seen: list[int] = []
    ingest(
        [str(corpus)],
        store=FakeStore(),
        extractor=FakeExtractor().extractor(),
        progress=lambda r: seen.append(r.read + len(r.errors)),
    )
    assert seen and seen[-1] == 6 and seen == sorted(seen)


def test_reprocess_re_extracts_only_other_versions(corpus: Path) -> None:
    store = FakeStore()
    ingest([str(corpus)], store=store, extractor=FakeExtractor().extractor("v1"))
    fx = FakeExtractor()
    report = reprocess(store, extractor=fx.extractor("v2"), batch_size=2)
    assert (report.read, report.stored, report.skipped_existing) == (4, 4, 0)
    assert {v for _, _, v in store.rows.values()} == {"v2"}
    again = reprocess(store, extractor=fx.extractor("v2"))
    assert (again.stored, again.skipped_existing) == (0, 4)


# --- with the real Store ---------------------------------------------------------------------------


def _real_store() -> Any:
    try:
        from claimgraph.store import Store
    except ImportError as exc:
        pytest.skip(f"claimgraph.store is not importable yet ({exc})")
    return Store


def test_ingest_twice_leaves_the_same_counts_in_the_real_store(corpus: Path, tmp_path: Path) -> None:
    store_cls = _real_store()
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with store_cls(url) as store:
        first = ingest([str(corpus)], store=store, extractor=FakeExtractor().extractor())
        stats = store.stats()
        second = ingest([str(corpus)], store=store, extractor=FakeExtractor().extractor())
        assert store.stats()["articles"] == stats["articles"] == first.stored == 4
        assert store.stats()["claims"] == stats["claims"] == 4
        assert second.stored == 0 and second.skipped_existing == 4


KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {tests!r})
    from test_ingest import FakeExtractor
    from claimgraph.ingest import Extractor, ingest
    from claimgraph.store import Store

    fx = FakeExtractor()

    def slow(batch):
        for pair in fx(batch):
            time.sleep(0.05)
            yield pair

    with Store({url!r}) as store:
        ingest([{corpus!r}], store=store, extractor=Extractor(slow, "fake-1"), batch_size=5)
    """
)


def test_kill_9_mid_batch_then_rerun_finishes_without_duplicates(tmp_path: Path) -> None:
    store_cls = _real_store()
    n = 40
    corpus = tmp_path / "big.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": f"k{i}", "text": f"Report {i}. {STORIES[i % 6]}"}) + "\n" for i in range(n))
    )
    url = f"sqlite:///{tmp_path / 'k.db'}"
    with store_cls(url):
        pass  # create and migrate the database before the child and the parent both use it
    script = KILL_SCRIPT.format(tests=str(Path(__file__).parent), url=url, corpus=str(corpus))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    child = subprocess.Popen([sys.executable, "-c", script], env=env, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        stored = 0
        with store_cls(url) as watcher:
            while time.monotonic() < deadline and child.poll() is None:
                stored = watcher.stats()["articles"]
                if stored >= 7:  # past the first batch, inside the second or third
                    break
                time.sleep(0.01)
        if child.poll() is not None:
            err = child.stderr.read().decode() if child.stderr else ""
            pytest.fail(f"the child ended before the kill (stored {stored}): {err[-2000:]}")
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    with store_cls(url) as store:
        before = store.stats()["articles"]
        assert 7 <= before < n
        report = ingest([str(corpus)], store=store, extractor=FakeExtractor().extractor(), batch_size=5)
        assert (report.stored, report.skipped_existing) == (n - before, before)
        stats = store.stats()
        assert (stats["articles"], stats["claims"]) == (n, n)
        rows = store.articles(limit=None)
        assert sorted(r.id for r in rows) == sorted(f"k{i}" for i in range(n))
        assert all(r.n_claims == 1 for r in rows), "an article without its claim was half-written"


def test_end_to_end_with_the_real_pipeline(tmp_path: Path) -> None:
    store_cls = _real_store()
    try:
        from claimgraph import pipeline
        from claimgraph.pipeline import load_nlp

        load_nlp()
    except Exception as exc:  # no model installed: nothing to test end to end
        pytest.skip(f"the extraction pipeline cannot run here ({exc})")
    (tmp_path / "talks.txt").write_text(
        "Ukraine accused Russia of shelling Kharkiv on Sunday, officials said. "
        "The foreign minister of France said on Tuesday that Germany would send troops to Poland."
    )
    with store_cls(f"sqlite:///{tmp_path / 'e.db'}") as store:
        report = ingest([str(tmp_path / "talks.txt")], store=store)
        assert report.stored == 1 and report.exit_status == 0
        assert store.stats()["claims"] >= 1
        [row] = store.articles()
        assert row.extractor_version == pipeline.EXTRACTOR_VERSION


# --- the command line --------------------------------------------------------------------------------


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The claimgraph command group with a fake extractor, and a runner."""
    _real_store()
    from claimgraph.cli import main

    if "ingest" not in main.commands:
        from claimgraph.cli import ingest as ingest_cli

        ingest_cli.register(main)
    monkeypatch.setattr(ingest_mod, "default_extractor", lambda **_: FakeExtractor().extractor())
    return main


def test_cli_ingest_lists_errors_and_exits_3(cli: Any, corpus: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db])
    assert result.exit_code == 3, result.output
    assert "4 stored" in result.stdout
    assert "corpus.jsonl:line 2: not valid JSON" in result.stderr
    again = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db, "--quiet"])
    assert again.exit_code == 3
    assert again.stdout == ""
    assert "line 2" in again.stderr


def test_cli_ingest_all_good_is_0_and_none_readable_is_1(cli: Any, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    (tmp_path / "a.txt").write_text(STORIES[0])
    assert CliRunner().invoke(cli, ["ingest", str(tmp_path / "a.txt"), "--db", db]).exit_code == 0
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "nope.txt"), "--db", db])
    assert result.exit_code == 1
    assert "nope.txt: no such file or directory" in result.stderr


def test_cli_ingest_from_stdin(cli: Any, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(cli, ["ingest", "-", "--db", db], input=STORIES[4])
    assert result.exit_code == 0, result.output
    assert "1 stored" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["ingest"],  # no input
        ["ingest", "x.txt", "--batch-size", "0"],
        ["ingest", "x.txt", "--db", "nosuchdb://x"],
        ["ingest", "x.txt", "--db", "sqlite:////nonexistent-dir/sub/x.db"],
    ],
)
def test_cli_usage_and_database_errors_are_status_2_without_traceback(cli: Any, args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_cli_reprocess(cli: Any, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db])
    monkeypatch.setattr(ingest_mod, "default_extractor", lambda **_: FakeExtractor().extractor("fake-2"))
    result = CliRunner().invoke(cli, ["reprocess", "--db", db])
    assert result.exit_code == 0, result.output
    assert "4 re-extracted" in result.stdout
