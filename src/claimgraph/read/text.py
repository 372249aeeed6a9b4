"""Plain-text documents: UTF-8 (or BOM-marked UTF-16), the whole file one article."""

from __future__ import annotations

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
    return article(text=text, id=id, url=url)
