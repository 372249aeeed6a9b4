"""Corpora: JSON Lines and CSV, one document a line/row.

Fields: ``id``, ``title``, ``date``, ``url``, ``source`` or ``outlet``, ``text`` (and optionally
``language``); only ``text`` is required. Both readers stream, so a corpus of any size reads in
bounded memory, and a malformed line or row is an error with its line number while the rest land.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from ._base import ReadError, ReadOptions, ReadResult, article, bounded_lines, looks_binary, mb

log = logging.getLogger("claimgraph.read")


def read_jsonl(stream: BinaryIO, *, name: str, options: ReadOptions | None = None) -> Iterator[ReadResult]:
    """Articles from a JSON Lines corpus; each bad line is a ReadError located by its line number."""
    opts = options or ReadOptions()
    warned = False
    for n, raw in bounded_lines(stream, opts.max_bytes):
        loc = f"line {n}"
        if raw is None:
            yield ReadError(
                input=name, location=loc, reason=f"line longer than the {mb(opts.max_bytes)} limit"
            )
            continue
        if n == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            if not warned:
                log.warning("%s:%s: invalid UTF-8; undecodable bytes replaced", name, loc)
                warned = True
            line = raw.decode("utf-8", "replace")
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(
                input=name, location=loc, reason=f"not valid JSON: {exc.msg} (column {exc.colno})"
            )
            continue
        except (ValueError, RecursionError) as exc:  # e.g. nesting too deep for the parser
            yield ReadError(input=name, location=loc, reason=f"not valid JSON: {_short(exc)}")
            continue
        yield _from_record(record, name=name, location=loc)


def read_csv(stream: BinaryIO, *, name: str, options: ReadOptions | None = None) -> Iterator[ReadResult]:
    """Articles from a CSV corpus with a header row; each bad row is a ReadError with its line number."""
    opts = options or ReadOptions()
    head = stream.read(8192)
    if looks_binary(head):
        yield ReadError(input=name, reason="binary content, not CSV")
        return
    lines = _LineFeed(stream, head, name=name, limit=opts.max_bytes)
    # csv's own limit (128 KiB) is too small for article texts; ours is large but still bounded.
    # The setting is process-wide, so it is only ever raised; rows are checked against ours below.
    csv.field_size_limit(max(csv.field_size_limit(), opts.max_bytes))
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        yield ReadError(input=name, location="line 1", reason=f"malformed CSV header: {exc}")
        return
    columns = [c.strip().lower() for c in header]
    if "text" not in columns:
        yield ReadError(
            input=name, location="line 1", reason=f"no 'text' column (columns: {', '.join(columns)[:200]})"
        )
        return
    while True:
        start = lines.line_no + 1
        loc = f"line {start}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield ReadError(input=name, location=loc, reason=f"malformed CSV row: {exc}")
            # The reader's state is unknown after an error: restart it on the next physical line.
            lines.too_long = False
            reader = csv.reader(lines)
            continue
        if lines.too_long or sum(len(cell) for cell in row) > opts.max_bytes:
            lines.too_long = False
            yield ReadError(
                input=name, location=loc, reason=f"row longer than the {mb(opts.max_bytes)} limit"
            )
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            yield ReadError(
                input=name, location=loc, reason=f"{len(row)} fields where the header has {len(columns)}"
            )
            continue
        yield _from_record(dict(zip(columns, row, strict=True)), name=name, location=loc)


class _LineFeed:
    """Decoded lines for csv.reader, each bounded in size, counting physical lines as it goes."""

    def __init__(self, stream: BinaryIO, head: bytes, *, name: str, limit: int) -> None:
        self._lines = bounded_lines(_Prefixed(head.removeprefix(b"\xef\xbb\xbf"), stream), limit)
        self._name = name
        self._warned = False
        self.line_no = 0
        self.too_long = False

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        n, raw = next(self._lines)
        self.line_no = n
        if raw is None:
            self.too_long = True
            return "\n"
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            if not self._warned:
                log.warning("%s:line %d: invalid UTF-8; undecodable bytes replaced", self._name, n)
                self._warned = True
            return raw.decode("utf-8", "replace")


class _Prefixed:
    """A binary stream with some already-read bytes put back in front (for content sniffing)."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = head
        self._stream = stream

    def readline(self, limit: int = -1) -> bytes:
        if self._head:
            nl = self._head.find(b"\n")
            if nl >= 0 and (limit < 0 or nl < limit):
                line, self._head = self._head[: nl + 1], self._head[nl + 1 :]
                return line
            if limit >= 0 and len(self._head) >= limit:
                line, self._head = self._head[:limit], self._head[limit:]
                return line
            line, self._head = self._head, b""
            more = self._stream.readline(-1 if limit < 0 else limit - len(line))
            return line + more
        return self._stream.readline(limit)


def _from_record(record: Any, *, name: str, location: str) -> ReadResult:
    if not isinstance(record, Mapping):
        return ReadError(input=name, location=location, reason=f"expected a JSON object, got {_kind(record)}")
    text = record.get("text")
    if text is None:
        return ReadError(input=name, location=location, reason="no 'text' field")
    if not isinstance(text, str):
        return ReadError(input=name, location=location, reason=f"'text' is {_kind(text)}, not a string")
    rid = record.get("id")
    if isinstance(rid, (dict, list)):
        return ReadError(input=name, location=location, reason=f"'id' is {_kind(rid)}, not a string")
    return article(
        text=text,
        id=None if rid is None else str(rid),
        title=_str(record.get("title")),
        url=_str(record.get("url")),
        outlet=_str(record.get("outlet") or record.get("source")),
        published=_str(record.get("date") or record.get("published")),
        language=_str(record.get("language")),
    )


def _str(value: object) -> str | None:
    return (
        value
        if isinstance(value, str)
        else None
        if value is None or isinstance(value, (dict, list))
        else str(value)
    )


def _kind(value: object) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}.get(
        type(value), "null" if value is None else "a number"
    )


def _short(exc: BaseException) -> str:
    return str(exc)[:200] or type(exc).__name__
