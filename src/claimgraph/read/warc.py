"""WARC archives (plain or gzipped, also ARC): one article per successful HTML response.

Requests, metadata, images and error pages are passed over. A record cut short (a crawl that
died, a file copied halfway) is reported with its offset and skipped; a damaged archive stops at
the damage, since nothing after it can be trusted to start on a record boundary.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader, ChunkedDataReader

from ._base import ReadError, ReadOptions, ReadResult, mb
from .html import read_html

log = logging.getLogger("claimgraph.read")

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_BLOCK = 4096
"""Compressed bytes inflated at a time, for the archive's gzip and a response's Content-Encoding.

Deflate expands at most ~1032:1, so one step yields at most ~4 MB and the ``max_bytes`` check comes
before a gzip bomb can fill memory (warcio's default of 16 KB lets a step yield ~16 MB per layer).
"""


def read_warc(stream: BinaryIO, *, name: str, options: ReadOptions | None = None) -> Iterator[ReadResult]:
    """Articles from the HTML responses of a WARC stream, each bounded by ``options.max_bytes``."""
    opts = options or ReadOptions()
    try:
        records: Any = ArchiveIterator(stream, arc2warc=True, block_size=_BLOCK)
        it = iter(records)
    except Exception as exc:  # warcio raises many types on garbage; all mean "not an archive"
        yield ReadError(input=name, reason=f"not a WARC archive: {_why(exc)}")
        return
    offset: int | None = 0
    while True:
        try:
            record = next(it)
        except StopIteration:
            return
        except Exception as exc:
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


def _loc(offset: int | None) -> str:
    return f"offset {offset}" if offset is not None else "record"


def _why(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]
