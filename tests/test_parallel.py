"""Parallel extraction on one machine: ``ingest --workers N`` and the worker pool behind it.

The store stays the single writer: batches are extracted ahead in worker processes while the
parent stores finished ones, in input order; what is in flight still counts for deduplication.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import claimgraph.ingest as ingest_mod
from claimgraph.ingest import Extractor, cores, ingest
from claimgraph.model import Article, Claim, Cue, Evidence, Source
from conftest import NEWS


def _claim(a: Article) -> Claim:
    return Claim(
        article_id=a.id,
        evidence=Evidence(start=0, end=5, text=a.text[:5]),
        source=Source(text="x", name="X", kind="person"),
        cue=Cue(text="said", lemma="say"),
        rule="test:fake",
    )


@dataclass
class _Done:
    results: list[tuple[Article, list[Claim]]] | None
    error: Exception | None = None

    def get(self) -> list[tuple[Article, list[Claim]]]:
        if self.error is not None:
            raise self.error
        assert self.results is not None
        return self.results


@dataclass
class AsyncFake:
    """An extractor that 'runs elsewhere': submit returns a handle; records what was in flight."""

    window: int = 2
    fail_on: str | None = None
    submitted: list[list[str]] = field(default_factory=list)
    singles: list[str] = field(default_factory=list)

    def extract(self, articles: Sequence[Article]) -> Iterator[tuple[Article, Sequence[Claim]]]:
        for a in articles:
            self.singles.append(a.id)
            if self.fail_on and self.fail_on in a.text:
                raise RuntimeError("extractor bug")
            yield a, [_claim(a)]

    def submit(self, batch: Sequence[Article]) -> _Done:
        self.submitted.append([a.id for a in batch])
        if self.fail_on and any(self.fail_on in a.text for a in batch):
            return _Done(None, RuntimeError("extractor bug"))
        return _Done([(a, [_claim(a)]) for a in batch])

    def extractor(self) -> Extractor:
        return Extractor(self.extract, "async-1", submit=self.submit, window=self.window)


@dataclass
class OrderStore:
    """The part of the Store that ingest writes through, remembering the order of writes."""

    order: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def has_article(self, article_id: str, **_: Any) -> bool:
        return article_id in self.order

    def add_article(self, article: Article, claims: Sequence[Claim], *, extractor_version: str) -> bool:
        self.order.append(article.id)
        return True

    def replace_claims(self, article_id: str, claims: Sequence[Claim], *, extractor_version: str) -> None:
        raise AssertionError("not used by ingest")

    def add_error(self, *, input: str, reason: str, location: str | None = None) -> None:
        self.errors.append(input)

    def recluster(self) -> int:
        return 0


def _corpus(tmp_path: Path, texts: Sequence[str], name: str = "c.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    return path


# --- ingest with an extractor that runs elsewhere --------------------------------------------------


def test_batches_in_flight_are_stored_in_input_order(tmp_path: Path) -> None:
    texts = [f"Story {i}. {NEWS[i % 6]}" for i in range(11)]
    fx, store = AsyncFake(window=2), OrderStore()
    report = ingest([str(_corpus(tmp_path, texts))], store=store, extractor=fx.extractor(), batch_size=3)
    assert report.stored == 11
    assert store.order == [f"a{i}" for i in range(11)]
    assert [len(b) for b in fx.submitted] == [3, 3, 3, 2]


def test_a_text_in_flight_is_not_extracted_twice(tmp_path: Path) -> None:
    texts = [NEWS[0], NEWS[1], NEWS[0], NEWS[2], NEWS[1]]  # repeats land while the first is in flight
    fx, store = AsyncFake(window=3), OrderStore()
    report = ingest([str(_corpus(tmp_path, texts))], store=store, extractor=fx.extractor(), batch_size=1)
    assert (report.stored, report.skipped_existing) == (3, 2)
    assert sum(len(b) for b in fx.submitted) == 3


def test_a_failed_batch_in_a_worker_costs_only_its_bad_article(tmp_path: Path) -> None:
    fx, store = AsyncFake(fail_on="Turkey"), OrderStore()
    report = ingest([str(_corpus(tmp_path, NEWS))], store=store, extractor=fx.extractor(), batch_size=2)
    assert report.stored == 5
    assert [e.input for e in report.errors] == ["article a4"]
    assert fx.singles == ["a4", "a5"], "only the failed batch is retried, one article at a time"


def test_workers_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="workers"):
        ingest([str(_corpus(tmp_path, NEWS))], store=OrderStore(), workers=0)


# --- the real pipeline in worker processes ---------------------------------------------------------


def _pipeline_or_skip() -> None:
    try:
        from claimgraph.pipeline import load_nlp

        load_nlp()
    except Exception as exc:  # no model installed
        pytest.skip(f"the extraction pipeline cannot run here ({exc})")


def test_two_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    _pipeline_or_skip()
    from claimgraph.store import Store

    corpus = _corpus(tmp_path, NEWS * 2 + ["", "Brazil said Argentina had recalled its ambassador."])
    results = []
    for workers in (1, 2):
        with Store(f"sqlite:///{tmp_path / f'w{workers}.db'}") as store:
            report = ingest([str(corpus)], store=store, workers=workers, batch_size=2)
            claims = [(c.article_id, c.claim.to_dict()) for c in store.claims()]
            results.append((report.stored, report.skipped_existing, report.empty, sorted(map(str, claims))))
    assert results[0][:3] == (7, 6, 1)
    assert results[0] == results[1]
    assert results[0][3], "the fixture news produce records"


def test_extract_articles_in_two_processes_gives_the_same_records() -> None:
    _pipeline_or_skip()
    from claimgraph.pipeline import extract_articles

    arts = [Article(id=f"n{i}", text=t) for i, t in enumerate(NEWS)]
    one = [(a.id, c) for a, c in extract_articles(arts, batch_size=2)]
    two = [(a.id, c) for a, c in extract_articles(iter(arts), batch_size=2, n_process=2)]
    assert one == two


# --- the command line --------------------------------------------------------------------------------


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> tuple[Any, list[dict[str, Any]]]:
    """The claimgraph group with an extractor that records the options it was made with."""
    from claimgraph.cli import main

    made: list[dict[str, Any]] = []

    def fake(**kwargs: Any) -> Extractor:
        made.append(kwargs)
        return AsyncFake().extractor()

    monkeypatch.setattr(ingest_mod, "default_extractor", fake)
    return main, made


def test_cli_workers_default_to_the_cores(cli: Any, tmp_path: Path) -> None:
    main, made = cli
    corpus, db = _corpus(tmp_path, NEWS), f"sqlite:///{tmp_path / 'c.db'}"
    assert CliRunner().invoke(main, ["ingest", str(corpus), "--db", db]).exit_code == 0
    assert made[-1]["n_process"] == cores()
    result = CliRunner().invoke(
        main, ["ingest", str(_corpus(tmp_path, ["x"], "d.jsonl")), "--db", db, "--workers", "3"]
    )
    assert result.exit_code == 0, result.output
    assert made[-1]["n_process"] == 3


@pytest.mark.parametrize(
    "args",
    [
        ["--workers", "0"],
        ["--scheduler", "tcp://127.0.0.1:8786"],  # needs --engine dask
        ["--out", "parquet:x"],  # needs --engine dask
        ["--engine", "dask", "--out", "csv:x"],
        ["--engine", "spark"],
    ],
)
def test_cli_bad_engine_options_are_usage_errors(cli: Any, tmp_path: Path, args: list[str]) -> None:
    main, _ = cli
    result = CliRunner().invoke(main, ["ingest", str(_corpus(tmp_path, NEWS)), *args])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
