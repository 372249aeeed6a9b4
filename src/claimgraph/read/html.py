"""HTML pages: trafilatura finds the main text, the title and the publication date.

Broken markup is the normal case on the web, so a page is only an error when it is not HTML at
all (binary) or the parser gives up; a page with no text to find is an empty article.
"""

from __future__ import annotations

import logging
from html.parser import HTMLParser
from typing import Any

import trafilatura

from ._base import ReadError, ReadResult, article, binary_reason, looks_binary

log = logging.getLogger("claimgraph.read")


def read_html(
    data: bytes,
    *,
    name: str,
    id: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
) -> ReadResult:
    """One article from the bytes of an HTML page (trafilatura detects the encoding)."""
    if looks_binary(data):
        return ReadError(input=name, reason=binary_reason(data, "HTML"))
    try:
        text, title, date, site = _extract(data, url)
    except Exception as exc:  # trafilatura/lxml failures on hostile markup: report, never crash
        log.debug("trafilatura failed on %s", name, exc_info=True)
        return ReadError(input=name, reason=f"cannot parse HTML: {type(exc).__name__}: {exc}")
    return article(text=text, id=id, title=title, url=url, published=date, outlet=outlet or site)


def html_to_text(fragment: str) -> str:
    """The visible text of an HTML fragment (a feed entry's content), one block a line.

    trafilatura wants whole pages and drops short fragments, so this is the stdlib parser.
    """
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    parser = _TextParser()
    try:
        parser.feed(fragment)
        parser.close()
    except Exception:  # html.parser is lenient; anything it still rejects has no text we trust
        return ""
    return parser.text()


_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption"),
        *("figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav"),
        *("ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"),
    }
)
_HIDDEN = frozenset(("script", "style", "template", "noscript"))


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCKS:
            self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self._parts).split("\n"))
        return "\n".join(line for line in lines if line)


def _extract(data: bytes, url: str | None) -> tuple[str, str | None, str | None, str | None]:
    doc: Any = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False)
    text = getattr(doc, "text", None) if doc is not None else None
    title = getattr(doc, "title", None) if doc is not None else None
    date = getattr(doc, "date", None) if doc is not None else None
    site = getattr(doc, "sitename", None) if doc is not None else None
    if not text:
        # Short pages fall under trafilatura's minimum size; the baseline keeps their paragraphs.
        text = trafilatura.baseline(data)[1]
        if title is None:
            meta = trafilatura.extract_metadata(data.decode("utf-8", "replace"), default_url=url)
            title = getattr(meta, "title", None)
            date = getattr(meta, "date", None)
    return str(text or ""), title, date, site
