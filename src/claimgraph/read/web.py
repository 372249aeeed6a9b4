"""http(s) URLs: downloaded within limits, then read as HTML, a feed or plain text by what they are."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import InputError
from ._base import ReadError, ReadResult, sniff
from ._http import Fetcher
from .feed import read_feed
from .html import read_html
from .text import read_text

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
_XML_TYPES = ("application/xml", "text/xml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_url(url: str, *, fetcher: Fetcher) -> Iterator[ReadResult]:
    """The article(s) at ``url``: one for a page or a text, one per entry for a feed."""
    try:
        resp = fetcher.get(url)
    except InputError as exc:
        yield ReadError(input=url, reason=str(exc))
        return
    # Servers mislabel feeds (text/html, text/plain), so the content decides before the header.
    kind = sniff(resp.body[:4096])
    if (
        kind == "feed"
        or resp.content_type in _FEED_TYPES
        or (kind is None and resp.content_type in _XML_TYPES)
    ):
        yield from read_feed(resp.body, name=url, feed_url=resp.url, fetcher=fetcher, options=fetcher.options)
    elif kind == "html" or resp.content_type in _HTML_TYPES:
        yield read_html(resp.body, name=url, url=resp.url)
    elif resp.content_type.startswith("text/") or not resp.content_type:
        yield read_text(resp.body, name=url, url=resp.url, charset=resp.charset)
    else:
        yield ReadError(input=url, reason=f"unsupported content type {resp.content_type!r}")
