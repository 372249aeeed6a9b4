"""Plain-text documents: UTF-8 (or BOM-marked UTF-16), the whole file one article."""

from __future__ import annotations

from ._base import ReadError, ReadResult, article, decode, first_bytes, looks_binary


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
        return ReadError(input=name, reason=f"binary content, not text (first bytes: {first_bytes(data)})")
    return article(text=decode(data, name=name, charset=charset), id=id, url=url)
