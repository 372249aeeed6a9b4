"""Loading and validating the data files: the built-in ones and the user's own.

Every lexicon is a plain UTF-8 table: one entry a line, columns separated by a TAB, ``#`` starts a
comment (whole line or trailing), blank lines are ignored. Users extend a lexicon without touching
code by putting a file of the same name in a directory named by ``CLAIMGRAPH_LEXICONS`` (several
directories separated by ``os.pathsep``) or passed as ``extra_dirs``: its rows are read after the
built-in ones, so later rows win where a lexicon maps a key to a value.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .errors import LexiconError

ENV_VAR = "CLAIMGRAPH_LEXICONS"


@dataclass(frozen=True, slots=True)
class Row:
    """One data line: its cells and where it came from (for error messages)."""

    cells: tuple[str, ...]
    path: str
    line: int

    def error(self, reason: str) -> LexiconError:
        return LexiconError(self.path, self.line, reason)


def user_dirs(extra_dirs: Iterable[str | os.PathLike[str]] = ()) -> list[Path]:
    """The user's lexicon directories: ``CLAIMGRAPH_LEXICONS`` first, then ``extra_dirs``."""
    env = os.environ.get(ENV_VAR, "")
    dirs = [Path(p) for p in env.split(os.pathsep) if p.strip()]
    dirs.extend(Path(p) for p in extra_dirs)
    return dirs


def parse_lines(
    lines: Iterable[str], path: str, *, min_cols: int = 1, max_cols: int | None = None
) -> Iterator[Row]:
    """Split lines into rows of TAB-separated cells, dropping comments and blank lines."""
    for n, raw in enumerate(lines, 1):
        line = raw.rstrip("\n").rstrip("\r")
        if "#" in line:
            line = line.split("#", 1)[0] if not line.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        cells = tuple(c.strip() for c in line.split("\t"))
        while cells and cells[-1] == "":
            cells = cells[:-1]
        if len(cells) < min_cols:
            raise LexiconError(
                path, n, f"expected at least {min_cols} TAB-separated columns, got {len(cells)}"
            )
        if max_cols is not None and len(cells) > max_cols:
            raise LexiconError(
                path, n, f"expected at most {max_cols} TAB-separated columns, got {len(cells)}"
            )
        yield Row(cells, path, n)


def read_table(
    name: str,
    *,
    min_cols: int = 1,
    max_cols: int | None = None,
    extra_dirs: Sequence[str | os.PathLike[str]] = (),
) -> list[Row]:
    """All rows of the built-in data file ``data/<name>`` followed by the user's file of that name."""
    rows: list[Row] = []
    builtin = resources.files("claimgraph").joinpath("data", *name.split("/"))
    with builtin.open(encoding="utf-8") as fh:
        rows.extend(parse_lines(fh, f"claimgraph/data/{name}", min_cols=min_cols, max_cols=max_cols))
    for d in user_dirs(extra_dirs):
        p = d / name
        if p.is_file():
            with p.open(encoding="utf-8") as fh:
                rows.extend(parse_lines(fh, str(p), min_cols=min_cols, max_cols=max_cols))
    return rows


def read_words(name: str, *, extra_dirs: Sequence[str | os.PathLike[str]] = ()) -> list[str]:
    """A one-column lexicon as a list of lower-cased entries."""
    return [r.cells[0].lower() for r in read_table(name, min_cols=1, max_cols=1, extra_dirs=extra_dirs)]


@cache
def word_set(name: str) -> frozenset[str]:
    """A one-column lexicon as a set, read once per process: the word lists the rules test
    membership in (built-in rows, then the user's files of that name)."""
    return frozenset(read_words(name))


def read_pairs(name: str, allowed: Sequence[str], what: str) -> list[tuple[str, str]]:
    """A two-column lexicon (word, value) as lower-cased words with their value, each value checked
    against ``allowed`` (a bad one names the file, line and ``what`` it should have been)."""
    out: list[tuple[str, str]] = []
    for row in read_table(name, min_cols=2, max_cols=2):
        word, value = row.cells
        if value not in allowed:
            raise row.error(f"unknown {what} {value!r} (expected one of {list(allowed)})")
        out.append((word.lower(), value))
    return out
