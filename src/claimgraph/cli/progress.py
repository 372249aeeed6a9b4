"""Signs of life on long work (ingest, reprocess, export), for people at a terminal or a pipe.

On a terminal: a rich progress bar with the counts, the total when it is known, the rate and the
time left, and log notes printed above it. Piped (a log file, CI, ``nohup``): one plain line on
stderr every few seconds. ``--quiet``: nothing but the errors.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import click

Update = Callable[[int, int | None, str], None]
"""``update(done, total, detail)``: ``done`` of ``total`` units (None: unknown), and counts in words."""

PIPED_EVERY = 5.0
"""Seconds between two progress lines on a pipe."""


@dataclass(slots=True)
class Clock:
    """When the work started, so the last line can say how long it took and how fast it went."""

    start: float = field(default_factory=time.monotonic)

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def rate(self, done: int, unit: str) -> str:
        """``in 3 min 12 s (3.5 documents/s)``."""
        took = self.elapsed()
        per = f" ({done / took:.1f} {unit}/s)" if took >= 1 and done else ""
        return f"in {duration(took)}{per}"


def duration(seconds: float) -> str:
    """``42 s``, ``3 min 12 s``, ``2 h 5 min``."""
    s = int(seconds + 0.5)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60} s"
    return f"{s // 3600} h {s % 3600 // 60} min"


def piped_line(label: str, unit: str, done: int, total: int | None, detail: str, took: float) -> str:
    """``ingesting: 120 of 673 documents (18%): 110 stored, 2 failed; 3.1/s, about 3 min left``."""
    head = f"{done} of {total} {unit} ({100 * done // total}%)" if total else f"{done} {unit}"
    rate = done / took if took > 0 else 0.0
    tail = f"{rate:.1f}/s"
    if total and rate > 0 and done < total:
        tail += f", about {duration((total - done) / rate)} left"
    return f"claimgraph: {label}: {head}{': ' + detail if detail else ''}; {tail}"


@contextmanager
def progress(label: str, *, quiet: bool, unit: str = "documents") -> Iterator[tuple[Update | None, Clock]]:
    """An ``update`` callback for the work's progress (None when quiet) and the work's clock."""
    clock = Clock()
    read_log = logging.getLogger("claimgraph.read")
    saved_level = read_log.level
    if quiet:
        read_log.setLevel(logging.ERROR)
        try:
            yield None, clock
        finally:
            read_log.setLevel(saved_level)
        return
    if not sys.stderr.isatty():
        last = [clock.start]

        def line(done: int, total: int | None, detail: str) -> None:
            now = time.monotonic()
            if now - last[0] >= PIPED_EVERY:
                last[0] = now
                click.echo(piped_line(label, unit, done, total, detail, clock.elapsed()), err=True)

        yield line, clock
        return
    with _bar(label, unit) as update:
        yield update, clock


@contextmanager
def _bar(label: str, unit: str) -> Iterator[Update]:
    from rich.console import Console
    from rich.highlighter import NullHighlighter
    from rich.logging import RichHandler
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    console = Console(stderr=True)
    handler = RichHandler(
        console=console, markup=False, highlighter=NullHighlighter(), show_time=False, show_path=False
    )
    handler.setLevel(logging.WARNING)
    root = logging.getLogger("claimgraph")
    saved_propagate = root.propagate
    root.addHandler(handler)
    root.propagate = False  # the root handler writes around rich and would break the live display
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(bar_width=24),
        TextColumn("{task.fields[count]}"),
        TextColumn("{task.fields[detail]}", markup=False),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        TimeElapsedColumn(),
        console=console,
    )
    task = bar.add_task(label, total=None, count=f"0 {unit}", detail="", rate="")

    def update(done: int, total: int | None, detail: str) -> None:
        speed = bar.tasks[task].speed
        bar.update(
            task,
            completed=done,
            total=total,
            count=f"{done}/{total} {unit}" if total else f"{done} {unit}",
            detail=safe(detail),
            rate=f"{speed:.1f}/s" if speed else "",
        )

    try:
        with bar:
            yield update
    finally:
        root.removeHandler(handler)
        root.propagate = saved_propagate


def safe(text: str) -> str:
    """Text from hostile inputs (file names, messages) with control characters escaped for terminals."""
    return "".join(f"\\x{ord(c):02x}" if _unsafe(c) else c for c in text)


def _unsafe(c: str) -> bool:
    o = ord(c)
    return (o < 0x20 and c not in "\t\n") or 0x7F <= o <= 0x9F
