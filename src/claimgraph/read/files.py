"""Files, directories and stdin: choosing the reader for each input, and the dispatcher over them all."""

from __future__ import annotations

import io
import logging
import os
import stat
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, cast

from ..errors import InputError
from ..model import Article
from ._base import ReadError, ReadOptions, ReadResult, binary_reason, looks_binary, read_bounded, sniff
from ._http import Fetcher
from ._inflate import check_end, inflated, is_gzip, strip_gzip_suffix
from .corpus import read_csv, read_jsonl
from .feed import read_feed
from .html import read_html
from .text import read_text
from .warc import read_warc
from .web import read_url

log = logging.getLogger("claimgraph.read")

# Longest suffixes first, so "x.warc.gz" is a WARC and not an unknown ".gz".
_SUFFIXES: tuple[tuple[str, str], ...] = (
    (".warc.gz", "warc"),
    (".arc.gz", "warc"),
    (".warc", "warc"),
    (".arc", "warc"),
    (".txt", "text"),
    (".text", "text"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".csv", "csv"),
    (".rss", "feed"),
    (".atom", "feed"),
    (".rdf", "feed"),
    (".xml", "feed"),
)

STDIN = "-"


def read_inputs(
    inputs: Iterable[str], *, options: ReadOptions | None = None
) -> Iterator[Article | ReadError]:
    """Every article in ``inputs`` (paths, directories, http(s) URLs, ``-`` for stdin), in order.

    A document that cannot be read is yielded as a ReadError and the rest go on; nothing here
    raises for a user's bad input.
    """
    opts = options or ReadOptions()
    with Fetcher(opts) as fetcher:
        for inp in inputs:
            if inp == STDIN:
                yield from read_stdin(sys.stdin.buffer, options=opts, fetcher=fetcher)
            elif inp.lower().startswith(("http://", "https://")):
                yield from read_url(inp, fetcher=fetcher)
            else:
                yield from read_path(Path(inp), options=opts, fetcher=fetcher)


_COUNT_BUDGET = 4 * 1024**3
"""Most bytes :func:`count_documents` reads before it gives up (counting must stay cheap)."""


def count_documents(inputs: Iterable[str]) -> int | None:
    """How many documents ``inputs`` hold, when a quick look can tell; None when it cannot.

    For progress displays: text and HTML files are one each, plain JSON Lines one a non-empty
    line; stdin, URLs, feeds, CSV (quoted newlines), WARC and gzip need a full read, so any of
    them makes the total unknown. Errors count as documents (each is one line of the report).
    """
    n = 0
    budget = _COUNT_BUDGET
    for inp in inputs:
        if inp == STDIN or inp.lower().startswith(("http://", "https://")):
            return None
        root = Path(inp)
        if not root.is_dir():
            paths: Iterable[Path] = [root]
        else:
            paths = (p for p in _walk(root) if kind_of(p) is not None)
        for path in paths:
            kind = kind_of(path)
            if kind in ("text", "html"):
                n += 1
                continue
            if kind != "jsonl" or str(path).lower().endswith((".gz", ".gzip")):
                return None
            try:
                lines, size = _count_lines(path, budget)
            except OSError:
                n += 1  # reading it will fail: one error
                continue
            if lines is None:
                return None
            n += lines
            budget -= size
    return n


def _count_lines(path: Path, budget: int) -> tuple[int | None, int]:
    """Non-empty lines of a file (None when over ``budget`` bytes or gzipped) and its size."""
    size = path.stat().st_size
    if size > budget:
        return None, size
    lines = 0
    with path.open("rb") as f:
        if is_gzip(f.read(2)):
            return None, size
        f.seek(0)
        for line in f:
            if line.strip():
                lines += 1
    return lines, size


def kind_of(path: Path | str) -> str | None:
    """The reader a file name asks for (``text``, ``html``, ``jsonl``, ``csv``, ``feed``, ``warc``).

    A ``.gz`` suffix asks for the reader of what is inside (``corpus.jsonl.gz``: ``jsonl``).
    """
    name = strip_gzip_suffix(str(path).lower())
    for suffix, kind in _SUFFIXES:
        if name.endswith(suffix):
            return kind
    return None


def read_path(
    path: Path, *, options: ReadOptions | None = None, fetcher: Fetcher | None = None
) -> Iterator[ReadResult]:
    """The articles of a file or, recursively, of a directory."""
    opts = options or ReadOptions()
    try:
        st = path.stat()
    except OSError as exc:
        yield ReadError(input=str(path), reason=_oserror(exc))
        return
    if stat.S_ISDIR(st.st_mode):
        yield from read_directory(path, options=opts, fetcher=fetcher)
    else:
        yield from read_file(path, options=opts, fetcher=fetcher)


def read_file(
    path: Path,
    *,
    id: str | None = None,
    options: ReadOptions | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[ReadResult]:
    """The articles of one file, by its extension and, where that is not decisive, its content.

    Text and HTML files are one article each, with ``id`` (default: the file stem).
    """
    opts = options or ReadOptions()
    name = str(path)
    kind = kind_of(path)
    try:
        with path.open("rb") as raw:
            head = raw.read(8192)
            raw.seek(0)
            f, head = _unpacked(raw, head, opts)
            if f is not raw and kind is None and looks_binary(head):
                yield ReadError(input=name, reason=f"gzip-compressed {binary_reason(head, 'text')}")
                return
            if kind is None and head.startswith(b"WARC/"):
                kind = "warc"
            if kind is None and sniff(head) == "jsonl":
                kind = "jsonl"
            if kind in ("jsonl", "csv", "warc"):
                yield from _stream(kind, f, name=name, opts=opts)
                check_end(f)
                return
            data = read_bounded(f, opts.max_bytes)
            check_end(f)
    except InputError as exc:
        yield ReadError(input=name, reason=str(exc))
        return
    except OSError as exc:
        yield ReadError(input=name, reason=_oserror(exc))
        return
    yield from _document(
        data,
        kind=kind,
        name=name,
        id=id or path.name[: len(path.name) - _suffix_len(path)],
        opts=opts,
        fetcher=fetcher,
    )


def read_directory(
    root: Path, *, options: ReadOptions | None = None, fetcher: Fetcher | None = None
) -> Iterator[ReadResult]:
    """The articles of every known file under ``root``, in sorted path order.

    Ids of text and HTML files are their paths relative to ``root`` without the suffix, so
    ``a/x.txt`` and ``b/x.txt`` stay distinct. Hidden files are ignored; files of unknown type
    are skipped, each named, in one note per directory; a symlink back up the tree is followed
    only once.
    """
    opts = options or ReadOptions()
    skipped: list[str] = []
    for path in _walk(root):
        kind = kind_of(path)
        rel = path.relative_to(root).as_posix()
        if kind is None:
            skipped.append(rel)
            continue
        yield from read_file(path, id=rel[: len(rel) - _suffix_len(path)], options=opts, fetcher=fetcher)
    if skipped:
        log.warning("%s: skipped %d file(s) of unknown type: %s", root, len(skipped), _names(skipped, _NAMED))


_NAMED = 20
"""Skipped files named one by one in a note; beyond this, the rest are counted by suffix."""


def _names(paths: list[str], limit: int) -> str:
    """``a.bin, b/c.pdf`` — or the first ``limit`` and ``+N more (.bin ×M, ...)``."""
    shown = ", ".join(paths[:limit])
    rest = paths[limit:]
    if not rest:
        return shown
    kinds = Counter(Path(p).suffix.lower() or "(no suffix)" for p in rest)
    summary = ", ".join(f"{k} ×{n}" for k, n in sorted(kinds.items()))
    return f"{shown} and {len(rest)} more ({summary})"


def read_stdin(
    stream: BinaryIO, *, options: ReadOptions | None = None, fetcher: Fetcher | None = None
) -> Iterator[ReadResult]:
    """The articles of standard input: a JSONL corpus (streamed), a feed, an HTML page or plain text."""
    opts = options or ReadOptions()
    name = "<stdin>"
    buffered = (
        stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(cast("io.RawIOBase", stream))
    )
    try:
        plain = buffered
        buffered, head = _unpacked(plain, plain.peek(8192)[:8192], opts)  # type: ignore[assignment]
        if buffered is not plain and looks_binary(head):
            yield ReadError(input=name, reason=f"gzip-compressed {binary_reason(head, 'text')}")
            return
        if head.startswith(b"WARC/"):
            yield from read_warc(buffered, name=name, options=opts)
            check_end(buffered)
            return
        if sniff(head) == "jsonl":
            yield from read_jsonl(buffered, name=name, options=opts)
            check_end(buffered)
            return
        data = read_bounded(buffered, opts.max_bytes)
        check_end(buffered)
    except (InputError, OSError) as exc:
        yield ReadError(input=name, reason=str(exc))
        return
    # Without a file name, the id is the content hash.
    yield from _document(data, kind=None, name=name, id=None, opts=opts, fetcher=fetcher)


def _unpacked(stream: BinaryIO, head: bytes, opts: ReadOptions) -> tuple[BinaryIO, bytes]:
    """The stream to read and its first bytes: inflated (under the caps) when the content is gzip.

    By content, not by name: a gzip file may wear any name, and a ``.gz`` may be plain text.
    """
    if not is_gzip(head):
        return stream, head
    f = inflated(stream, options=opts)
    return f, f.peek(8192)[:8192]


def _stream(kind: str, f: BinaryIO, *, name: str, opts: ReadOptions) -> Iterator[ReadResult]:
    if kind == "jsonl":
        yield from read_jsonl(f, name=name, options=opts)
    elif kind == "csv":
        yield from read_csv(f, name=name, options=opts)
    else:
        yield from read_warc(f, name=name, options=opts)


def _document(
    data: bytes, *, kind: str | None, name: str, id: str | None, opts: ReadOptions, fetcher: Fetcher | None
) -> Iterator[ReadResult]:
    """One in-memory document; HTML, XML and unknown files are sniffed, since a feed may wear any name."""
    sniffed = None if kind == "text" else sniff(data[:8192])
    if sniffed == "feed" or kind == "feed":
        yield from read_feed(data, name=name, fetcher=fetcher, options=opts)
    elif sniffed == "html" or kind == "html":
        yield read_html(data, name=name, id=id)
    elif sniffed == "jsonl" and kind is None:
        yield from read_jsonl(io.BytesIO(data), name=name, options=opts)
    elif kind is None and looks_binary(data):
        yield ReadError(input=name, reason="binary content of unknown type")
    else:
        yield read_text(data, name=name, id=id)


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` in sorted order, depth first, each real directory entered once."""
    seen: set[tuple[int, int]] = set()
    try:
        st = root.stat()
    except OSError:
        return
    seen.add((st.st_dev, st.st_ino))
    stack: list[Iterator[os.DirEntry[str]]] = [iter(_entries(root))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        try:
            st = os.stat(entry.path)  # follows symlinks: what the entry really is
        except OSError as exc:
            log.warning("%s: skipped (%s)", entry.path, _oserror(exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in seen:
                log.info("%s: skipped, a directory already read (symlink loop?)", entry.path)
                continue
            seen.add(key)
            stack.append(iter(_entries(Path(entry.path))))
        elif stat.S_ISREG(st.st_mode):
            yield Path(entry.path)


def _entries(directory: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(directory) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as exc:
        log.warning("%s: cannot list directory (%s)", directory, _oserror(exc))
        return []


def _suffix_len(path: Path) -> int:
    """Length of the suffixes an id leaves out: ``.txt``, ``.jsonl.gz``."""
    full = path.name.lower()
    name = strip_gzip_suffix(full)
    gz = len(full) - len(name)
    for suffix, _ in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return len(suffix) + gz
    return gz or len(path.suffix)


def _oserror(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else str(exc)
