"""Progress on long work: counts, the total where it is known, rate and time left; quiet is quiet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import claimgraph.cli.progress as progress_mod
from claimgraph.cli.progress import duration, piped_line, progress
from claimgraph.ingest import Extractor, IngestReport, ingest
from claimgraph.read import count_documents
from test_ingest import STORIES, FakeExtractor, FakeStore


def test_the_total_is_counted_when_a_quick_look_can_tell(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORIES[0])
    (tmp_path / "b.html").write_text(f"<p>{STORIES[1]}</p>")
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps({"text": s}) for s in STORIES[:3]) + "\n\n")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")  # skipped: not a document
    assert count_documents([str(tmp_path)]) == 5
    assert count_documents([str(tmp_path / "c.jsonl"), str(tmp_path / "a.txt")]) == 4
    assert count_documents(["-"]) is None
    assert count_documents(["https://example.org/feed"]) is None
    (tmp_path / "d.csv").write_text('text\n"a\nb"\n')  # a quoted newline: lines are not rows
    assert count_documents([str(tmp_path)]) is None


def test_ingest_reports_the_total_and_what_is_done(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps({"text": s}) for s in STORIES[:3]) + "\n{oops\n")
    seen: list[tuple[int, int | None, str]] = []

    def on_report(r: IngestReport) -> None:
        seen.append((r.done, r.total, r.counts()))

    ext: Extractor = FakeExtractor().extractor()
    ingest([str(tmp_path)], store=FakeStore(), extractor=ext, progress=on_report)
    assert all(total == 4 for _, total, _ in seen)
    assert seen[-1][0] == 4 and seen[-1][2] == "3 read, 3 stored, 1 failed"
    assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)


def test_a_piped_line_says_done_of_total_rate_and_time_left() -> None:
    line = piped_line("ingesting", "documents", 120, 600, "120 read, 110 stored, 2 failed", 60.0)
    assert line == (
        "claimgraph: ingesting: 120 of 600 documents (20%): 120 read, 110 stored, 2 failed; "
        "2.0/s, about 4 min 0 s left"
    )
    assert piped_line("exporting", "claims", 5, None, "", 2.0) == "claimgraph: exporting: 5 claims; 2.5/s"
    assert (duration(42), duration(192), duration(7500)) == ("42 s", "3 min 12 s", "2 h 5 min")


def test_piped_progress_prints_a_line_every_few_seconds_and_quiet_prints_none(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress_mod, "PIPED_EVERY", 0.0)
    with progress("ingesting", quiet=False) as (update, clock):
        assert update is not None
        update(3, 10, "3 read")
    assert "claimgraph: ingesting: 3 of 10 documents (30%): 3 read;" in capsys.readouterr().err
    with progress("ingesting", quiet=True) as (update, clock):
        assert update is None
    assert capsys.readouterr().err == ""
    assert clock.rate(0, "documents").startswith("in 0 s")
