"""What the benchmarks share: the corpus (../shared/corpora, repeated), peak RSS sampling, output.

The corpus is read from ../shared/corpora at run time and written, repeated, to a temporary file:
nothing from it is copied into the repository.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import psutil

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def source_docs(corpora: Path = CORPORA) -> list[dict[str, str | None]]:
    """Every non-empty document of every corpus file, in file order."""
    files = sorted(corpora.glob("*.jsonl"))
    if not files:
        raise SystemExit(f"benchmark: no corpus in {corpora} (the shared folder sits beside the checkout)")
    docs: list[dict[str, str | None]] = []
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            if (d.get("text") or "").strip():
                docs.append(
                    {"id": str(d["id"]), "text": d["text"], "date": d.get("date"), "source": d.get("source")}
                )
    return docs


def repeated(n: int, corpora: Path = CORPORA) -> Iterator[dict[str, str | None]]:
    """``n`` articles: the corpora over and over. Copies get their own id and a one-line marker at
    the end, so ingest does not skip them as already stored (the parse cost is the same)."""
    docs = source_docs(corpora)
    for i in range(n):
        d = docs[i % len(docs)]
        copy = i // len(docs)
        if copy == 0:
            yield d
        else:
            yield {**d, "id": f"{d['id']}~{copy}", "text": f"{d['text']}\n\n(copy {copy})"}


def write_corpus(dest: Path, n: int, corpora: Path = CORPORA) -> tuple[int, int]:
    """Write ``n`` articles as JSONL to ``dest``, streamed; returns (articles, words)."""
    words = 0
    with dest.open("w", encoding="utf-8") as f:
        for d in repeated(n, corpora):
            words += len((d["text"] or "").split())
            f.write(json.dumps(d) + "\n")
    return n, words


def read_texts(path: Path) -> Iterator[str]:
    """The texts of a JSONL corpus, one at a time."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)["text"]


@dataclass
class PeakRSS:
    """Samples the resident memory of this process and all its descendants every ``every`` seconds;
    keeps each process's peak (MB). Worker processes come and go; each is remembered by pid."""

    every: float = 0.2
    peaks: dict[int, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def _sample(self) -> None:
        me = psutil.Process(os.getpid())
        while True:
            procs = [me]
            with contextlib.suppress(psutil.Error):
                procs += me.children(recursive=True)
            for p in procs:
                try:
                    mb = p.memory_info().rss / 2**20
                except psutil.Error:
                    continue
                if mb > self.peaks.get(p.pid, 0.0):
                    self.peaks[p.pid] = mb
            if self._stop.wait(self.every):
                return

    def __enter__(self) -> PeakRSS:
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    @property
    def main_mb(self) -> float:
        return round(self.peaks.get(os.getpid(), 0.0), 1)

    @property
    def worker_mb(self) -> float:
        """The largest peak among the other processes (workers), 0 when there were none."""
        return round(max((v for k, v in self.peaks.items() if k != os.getpid()), default=0.0), 1)


def machine() -> dict[str, object]:
    """What the figures were measured on, and how busy the machine was."""
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }


class Timer:
    """Wall-clock seconds of a block."""

    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        self.seconds = 0.0
        return self

    def __exit__(self, *_: object) -> None:
        self.seconds = time.perf_counter() - self.start


def emit(res: dict[str, Any], summary: Callable[[dict[str, Any]], str], *, json_only: bool) -> int:
    """Print a benchmark's human summary (unless ``json_only``) and, last, its JSON line; exit 0."""
    if not json_only:
        print(summary(res))
    print(json.dumps(res))
    return 0
