"""WARC archives (plain or gzipped, also ARC): one article per successful HTML response.

Requests, metadata, images and error pages are passed over. A record cut short (a crawl that
died, a file copied halfway) is reported with its offset and skipped; a damaged archive stops at
the damage, since nothing after it can be trusted to start on a record boundary.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader, ChunkedDataReader

from ..errors import InputError
from ._base import ReadError, ReadOptions, ReadResult, mb
from ._inflate import check_end, inflated, is_gzip
from .html import read_html

log = logging.getLogger("claimgraph.read")

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_BLOCK = 4096
"""Compressed bytes inflated at a time, for the archive's gzip and a response's Content-Encoding.

Deflate expands at most ~1032:1, so one step yields at most ~4 MB and the ``max_bytes`` check comes
before a gzip bomb can fill memory (warcio's default of 16 KB lets a step yield ~16 MB per layer).
"""


def read_warc(stream: BinaryIO, *, name: str, options: ReadOptions | None = None) -> Iterator[ReadResult]:
    """Articles from the HTML responses of a WARC stream, each bounded by ``options.max_bytes``.

    A gzipped archive is inflated here under the caps of ``options`` (offsets in messages then
    count inflated bytes); header lines are cut at ``options.max_line_bytes``.
    """
    opts = options or ReadOptions()
    try:
        buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)  # type: ignore[arg-type,type-var]
        if is_gzip(buffered.peek(2)[:2]):
            buffered = inflated(buffered, options=opts)
        records: Any = ArchiveIterator(buffered, arc2warc=True, block_size=_BLOCK)
        # warcio reads header lines without a limit and echoes a stray one to stderr whole: a
        # reader of our own bounds the lines, and the echo is silenced (we report the record).
        records.reader = _LineCappedReader(records.fh, block_size=_BLOCK, max_line=opts.max_line_bytes)
        records.INC_RECORD = ""
        it = iter(records)
    except InputError as exc:
        yield ReadError(input=name, reason=str(exc))
        return
    except Exception as exc:  # warcio raises many types on garbage; all mean "not an archive"
        yield ReadError(input=name, reason=f"not a WARC archive: {_why(exc)}")
        return
    offset: int | None = 0
    while True:
        try:
            record = next(it)
        except StopIteration:
            try:
                check_end(buffered)
            except InputError as exc:
                yield ReadError(input=name, reason=str(exc))
            return
        except InputError as exc:  # a cap: the line or the inflated stream is too long
            yield ReadError(input=name, location=_loc(getattr(records, "offset", offset)), reason=str(exc))
            return
        except Exception as exc:
            if offset == 0 and type(exc).__name__ == "ArchiveLoadFailed":
                yield ReadError(
                    input=name, reason="not a WARC or ARC archive: it does not start with a record header"
                )
                return
            # After a record is read to its end, the iterator's offset is where the next one starts.
            offset = getattr(records, "offset", offset)
            yield ReadError(input=name, location=_loc(offset), reason=f"damaged WARC record: {_why(exc)}")
            return
        offset = getattr(records, "offset", None)
        try:
            result = _record(record, name=name, location=_loc(offset), opts=opts)
        except Exception as exc:
            yield ReadError(input=name, location=_loc(offset), reason=f"damaged WARC record: {_why(exc)}")
            return
        if result is not None:
            yield result


def _record(record: Any, *, name: str, location: str, opts: ReadOptions) -> ReadResult | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if not (status or "").startswith("2") or ctype not in _HTML_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{name} ({url})" if url else name
    truncated = record.rec_headers.get_header("WARC-Truncated")
    if truncated:
        return ReadError(input=where, location=location, reason=f"record marked truncated ({truncated})")
    body = _content_stream(record).read(opts.max_bytes + 1)
    if len(body) > opts.max_bytes:
        return ReadError(
            input=where, location=location, reason=f"response over the {mb(opts.max_bytes)} limit"
        )
    if getattr(record.raw_stream, "limit", 0) > 0:
        # The archive ended before the record's declared Content-Length.
        return ReadError(input=where, location=location, reason="truncated record (archive ends inside it)")
    result = read_html(body, name=url or name, url=url)
    if isinstance(result, ReadError):
        return ReadError(input=where, location=location, reason=result.reason)
    return result


def _content_stream(record: Any) -> Any:
    """warcio's ``record.content_stream()`` (de-chunked, decoded), inflating ``_BLOCK`` bytes at a time."""
    encoding = (record.http_headers.get_header("content-encoding") or "").lower() or None
    if encoding not in BufferedReader.get_supported_decompressors():
        encoding = None
    if record.http_headers.get_header("transfer-encoding") == "chunked":
        return ChunkedDataReader(record.raw_stream, decomp_type=encoding, block_size=_BLOCK)
    if encoding:
        return BufferedReader(record.raw_stream, decomp_type=encoding, block_size=_BLOCK)
    return record.raw_stream


class _LineCappedReader(BufferedReader):  # type: ignore[misc]
    """warcio's line reader with no decompression of its own and lines cut at ``max_line`` bytes."""

    def __init__(self, stream: Any, *, block_size: int, max_line: int) -> None:
        super().__init__(stream, block_size=block_size)
        self._max_line = max_line

    def readline(self, length: int | None = None) -> bytes:
        cap = self._max_line + 1 if length is None or length <= 0 else min(length, self._max_line + 1)
        line: bytes = super().readline(cap)
        if len(line) > self._max_line and not line.endswith(b"\n"):
            raise InputError(f"a header line longer than the {mb(self._max_line)} limit (max_line_bytes)")
        return line


def _loc(offset: int | None) -> str:
    return f"offset {offset}" if offset is not None else "record"


def _why(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:160]
