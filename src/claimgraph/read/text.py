"""Plain-text documents: UTF-8 (or BOM-marked UTF-16), the whole file one article."""

from __future__ import annotations

import re
from functools import cache

from ..lexicons import read_words
from ._base import ReadError, ReadResult, article, binary_reason, decode, looks_binary, mostly_undecodable


def read_text(
    data: bytes,
    *,
    name: str,
    id: str | None = None,
    url: str | None = None,
    charset: str | None = None,
) -> ReadResult:
    """One article from the bytes of a text document; binary content is an error, bad UTF-8 a warning."""
    if looks_binary(data):
        return ReadError(input=name, reason=binary_reason(data, "text"))
    text = decode(data, name=name, charset=charset)
    if mostly_undecodable(text):
        # Binary without NULs (compressed, encrypted) or a legacy encoding: refuse rather than store noise.
        bad = text.count("\ufffd")
        return ReadError(input=name, reason=f"not text: {bad} of {len(text)} characters are not valid UTF-8")
    title, outlet = guess_title_and_outlet(text)
    return article(text=text, id=id, url=url, title=title, outlet=outlet)


def guess_title_and_outlet(text: str) -> tuple[str | None, str | None]:
    """A plain text's title (its first line, when it reads as a headline) and outlet (its last
    line, when that is a short name with a word of ``data/read/outlet_words.txt``).

    Without them a .txt article is headed by its file name and "unknown outlet". The text itself
    is left whole: the guesses only fill in metadata, so offsets do not move.
    """
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if len(lines) < 2:
        return None, None
    first, last = lines[0], lines[-1]
    title = first if len(first) <= 200 and not first.endswith((".", ",", ";", ":")) else None
    words = re.findall(r"[^\W\d_]+", last.casefold())
    outlet = (
        last
        if len(last) <= 60 and 0 < len(words) <= 6 and not last.endswith(".") and set(words) & _outlet_words()
        else None
    )
    return title, outlet


@cache
def _outlet_words() -> frozenset[str]:
    return frozenset(read_words("read/outlet_words.txt"))
