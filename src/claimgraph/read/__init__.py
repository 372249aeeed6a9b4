"""Turning inputs into Articles: text and HTML files, JSONL/CSV corpora, feeds, WARC, URLs, stdin.

Each reader yields :class:`~claimgraph.model.Article` records or, for a document it cannot read,
a :class:`ReadError` naming the input, the place in it and the reason — it never raises for one
bad document, so everything else still lands. :func:`read_inputs` dispatches over any mix.
"""

from __future__ import annotations

from ._base import ReadError, ReadOptions, ReadResult, content_hash, text_id
from ._http import Fetcher
from .corpus import read_csv, read_jsonl
from .feed import read_feed
from .files import count_documents, kind_of, read_directory, read_file, read_inputs, read_path, read_stdin
from .html import read_html
from .text import read_text
from .warc import read_warc
from .web import read_url

__all__ = [
    "Fetcher",
    "ReadError",
    "ReadOptions",
    "ReadResult",
    "content_hash",
    "count_documents",
    "kind_of",
    "read_csv",
    "read_directory",
    "read_feed",
    "read_file",
    "read_html",
    "read_inputs",
    "read_jsonl",
    "read_path",
    "read_stdin",
    "read_text",
    "read_url",
    "read_warc",
    "text_id",
]
