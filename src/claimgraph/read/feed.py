"""RSS and Atom feeds: one article per entry, from the entry's own content or its linked page.

Many feeds carry only a teaser; an entry whose own text is shorter than
``ReadOptions.min_entry_chars`` is fetched from its link. feedparser gets the bytes through a
stream (never a string, which it would take for a URL or a file name), never resolves external
entities, and links are followed only over http(s), so a hostile feed cannot make us read a file.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Iterator
from typing import Any

import feedparser

from ..errors import InputError
from ._base import ReadError, ReadOptions, ReadResult, article, first_bytes, looks_binary, sniff
from ._http import Fetcher
from .html import html_to_text, read_html
from .text import read_text

log = logging.getLogger("claimgraph.read")


def read_feed(
    data: bytes,
    *,
    name: str,
    feed_url: str | None = None,
    fetcher: Fetcher | None = None,
    options: ReadOptions | None = None,
) -> Iterator[ReadResult]:
    """Articles from the bytes of a feed; ``fetcher`` (when given) fetches the pages of short entries."""
    opts = options or ReadOptions()
    if looks_binary(data):
        yield ReadError(input=name, reason=f"binary content, not a feed (first bytes: {first_bytes(data)})")
        return
    headers = {"content-location": feed_url} if feed_url else {}
    try:
        parsed: Any = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:  # feedparser is lenient, but hostile XML can still break it
        yield ReadError(input=name, reason=f"cannot parse feed: {type(exc).__name__}: {exc}")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if not parsed.get("version"):
            yield ReadError(input=name, reason=f"not RSS or Atom (first bytes: {first_bytes(data)})")
        return
    if parsed.get("bozo"):
        log.debug("%s: feed has errors (%s); reading its entries anyway", name, parsed.get("bozo_exception"))
    outlet = _s((parsed.get("feed") or {}).get("title"))
    for i, entry in enumerate(entries, 1):
        yield _entry(entry, index=i, name=name, outlet=outlet, fetcher=fetcher, opts=opts)


def _entry(
    entry: Any, *, index: int, name: str, outlet: str | None, fetcher: Fetcher | None, opts: ReadOptions
) -> ReadResult:
    loc = f"entry {index}"
    link = _s(entry.get("link"))
    if link is not None and not link.lower().startswith(("http://", "https://")):
        link = None  # feedparser fills in "tag:" ids and the like; only web links are fetched or kept
    title = _s(entry.get("title"))
    published = _date(entry)
    eid = _s(entry.get("id")) or _s(entry.get("link"))
    own = _own_text(entry)
    if len(own) >= opts.min_entry_chars or link is None or fetcher is None or not opts.fetch_feed_links:
        return article(text=own, id=eid, title=title, url=link, outlet=outlet, published=published)
    try:
        resp = fetcher.get(link)
    except InputError as exc:
        return ReadError(input=name, location=loc, reason=f"cannot fetch {link}: {exc}")
    kind = sniff(resp.body[:2048])
    if resp.content_type == "text/plain" and kind != "html":
        page = read_text(resp.body, name=link, url=resp.url, charset=resp.charset)
    else:
        page = read_html(resp.body, name=link, url=resp.url, outlet=outlet)
    if isinstance(page, ReadError):
        return ReadError(input=name, location=loc, reason=f"{link}: {page.reason}")
    # The page gives the text; the entry's own metadata is the feed publisher's and wins.
    return article(
        text=page.text or own,
        id=eid,
        title=title or page.title,
        url=link,
        outlet=outlet or page.outlet,
        published=published or page.published,
    )


def _own_text(entry: Any) -> str:
    """The longest of the entry's content blocks and summary, as plain text."""
    candidates: list[str] = []
    for block in entry.get("content") or []:
        value = block.get("value")
        if isinstance(value, str):
            candidates.append(value)
    summary = entry.get("summary")
    if isinstance(summary, str):
        candidates.append(summary)
    texts = [html_to_text(c).strip() for c in candidates if c.strip()]
    return max(texts, key=len, default="")


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if isinstance(t, time.struct_time):
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", t)
    return _s(entry.get("published") or entry.get("updated"))


def _s(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
