"""What every reader shares: the error record, the options, ids, size limits and content sniffing."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from .. import __version__
from ..errors import InputError
from ..model import Article

log = logging.getLogger("claimgraph.read")

USER_AGENT = f"claimgraph/{__version__} (+https://github.com/claimgraph/claimgraph)"


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadError:
    """One document that could not be read: which input, where in it, and why.

    Readers yield these instead of raising, so one bad line or record never stops the others.
    """

    input: str
    reason: str
    location: str | None = None

    def __post_init__(self) -> None:
        # Reasons quote what was found (a header line, the first bytes): never let that be a
        # megabyte of binary noise or terminal escapes, whoever prints or stores it.
        object.__setattr__(self, "reason", printable(self.reason, 300))
        object.__setattr__(self, "input", printable(self.input, 500))

    def __str__(self) -> str:
        where = f"{self.input}:{self.location}" if self.location else self.input
        return f"{where}: {self.reason}"


ReadResult = Article | ReadError
"""What a reader yields: a document, or the reason one could not be read."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadOptions:
    """Limits and network settings shared by all readers.

    The limits bound memory and time whatever the input: no single document, line, field or HTTP
    body is held in memory beyond ``max_bytes``, no header line beyond ``max_line_bytes``, and
    compressed input stops at ``max_inflated_bytes`` or ``max_inflate_ratio``.
    """

    max_bytes: int = 20 * 1024 * 1024
    """Largest document (file, corpus line or field, WARC record, HTTP body) read into memory."""
    max_line_bytes: int = 1024 * 1024
    """Longest header line (WARC, ARC, HTTP inside WARC): anything longer is not an archive."""
    max_inflated_bytes: int = 8 * 1024 * 1024 * 1024
    """Most bytes one gzip-compressed input may inflate to (a whole corpus, not one document)."""
    max_inflate_ratio: int = 200
    """Most inflated bytes per compressed byte: news text compresses 3-10 fold, a gzip bomb 1,000."""
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 120.0
    """Wall-clock limit for one HTTP download, so a server dribbling bytes cannot hold us forever."""
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    min_entry_chars: int = 500
    """A feed entry whose own content is shorter than this is fetched from its link instead."""
    fetch_feed_links: bool = True


def content_hash(text: str) -> str:
    """The sha256 hex digest of a text: the same text under another name is the same article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_id(text: str) -> str:
    """The id of a text that comes without one: a 16-hex-digit prefix of its content hash.

    Same text → same id, so re-runs skip it; the store uses the same rule.
    """
    return content_hash(text)[:16]


def article(
    *,
    text: str,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    language: str | None = None,
) -> Article:
    """An Article with blank metadata turned into None and a content-hash id when none is given."""
    text = _clean_text(text)
    return Article(
        id=_blank(id) or text_id(text),
        text=text,
        title=_blank(title),
        url=_blank(url),
        outlet=_blank(outlet),
        published=_blank(published),
        language=_blank(language),
    )


def _blank(value: object) -> str | None:
    if value is None:
        return None
    s = " ".join(_SURROGATE.sub("\ufffd", str(value)).split())
    return s or None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _clean_text(text: str) -> str:
    """Drop NULs and other C0 controls (they break databases and terminals) and lone surrogates.

    Lone surrogates come from JSON escapes like ``"\\ud800"``; they cannot be encoded as UTF-8.
    """
    text = _SURROGATE.sub("\ufffd", text).removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def decode(data: bytes, *, name: str, charset: str | None = None) -> str:
    """Decode bytes as ``charset`` (default UTF-8, BOM wins); invalid bytes are replaced, with a warning."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        charset = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        charset = "utf-8-sig"
    enc = charset or "utf-8"
    try:
        return data.decode(enc)
    except LookupError:
        log.warning("%s: unknown charset %r, read as UTF-8", name, enc)
        enc = "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        text = data.decode(enc, errors="replace")
        if not mostly_undecodable(text):  # the caller rejects those; no warning to contradict it
            log.warning("%s: invalid %s at byte %d; undecodable bytes replaced", name, enc, exc.start)
        return text


def mostly_undecodable(text: str) -> bool:
    """True when replacement characters make up a tenth of a text: binary data or a wrong encoding."""
    bad = text.count("\ufffd")
    return bad > 8 and bad > len(text) // 10


def looks_binary(head: bytes) -> bool:
    """True for content no reader can use (images, archives, executables): NULs in the first bytes.

    UTF-16 text also has NULs, but only with a BOM do we know how to read it.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in head[:8192]


def binary_reason(head: bytes, what: str) -> str:
    """Why bytes with NULs are refused, with the fix when it is UTF-16 that lost its BOM."""
    sample = head[:4096]
    if (
        len(sample) >= 8
        and sample[1::2].count(0) > len(sample) // 4
        and sample[0::2].count(0) < len(sample) // 16
    ):
        return "UTF-16 text without a byte-order mark: convert it to UTF-8 (iconv -f UTF-16LE -t UTF-8)"
    if (
        len(sample) >= 8
        and sample[0::2].count(0) > len(sample) // 4
        and sample[1::2].count(0) < len(sample) // 16
    ):
        return "UTF-16 text without a byte-order mark: convert it to UTF-8 (iconv -f UTF-16BE -t UTF-8)"
    return f"binary content, not {what} (first bytes: {first_bytes(head)})"


def first_bytes(head: bytes, n: int = 40) -> str:
    """The start of a document, for error messages that show what was found instead.

    Text is quoted; binary shows as its first 16 bytes in hex, not as a wall of escapes.
    """
    sample = head.lstrip()[:n].decode("utf-8", "replace")
    if all(c.isprintable() or c in "\t\n\r" for c in sample) and "\ufffd" not in sample:
        return repr(sample)
    return f"hex {head[:16].hex(' ')}"


_XML_PREAMBLE = re.compile(rb"^(?:\s|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*", re.S | re.I)


def sniff(head: bytes) -> str | None:
    """The kind of a document from its first bytes: ``feed``, ``html``, ``jsonl`` or None."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    m = _XML_PREAMBLE.match(head)
    end = m.end() if m else 0
    body = head[end:].lstrip()[:20].lower()
    if body.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if re.search(rb"<!doctype\s+html", head[:end], re.I) or body.startswith((b"<html", b"<head", b"<body")):
        return "html"
    if head.lstrip().startswith(b"{"):
        return "jsonl"
    return None


def read_bounded(stream: BinaryIO, limit: int) -> bytes:
    """Read a whole stream, refusing (with InputError) one larger than ``limit`` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"larger than the {mb(limit)} limit for one document (max_bytes)")
    return data


class LineSource(Protocol):
    """Anything with a binary ``readline(limit)``."""

    def readline(self, limit: int = -1, /) -> bytes: ...


def bounded_lines(stream: LineSource, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines of a stream; a line over ``limit`` bytes is skipped (None) without being held."""
    n = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drain the rest of the over-long line in bounded chunks
                rest = stream.readline(1024 * 1024)
                if not rest or rest.endswith(b"\n"):
                    break
            yield n, None
        else:
            yield n, line


def mb(n: int) -> str:
    """A byte count as users read it in messages."""
    if n >= 1024**3:
        return f"{n / 1024**3:g} GB"
    return f"{n / (1024 * 1024):g} MB"


def printable(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with control and invisible characters escaped.

    Replacement characters (undecodable bytes) are collapsed, so binary noise reads as ``?``.
    """
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if text.isprintable():
        return text
    out = _UNDECODABLE.sub("?", text)
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256 else "?" for c in out)


_UNDECODABLE = re.compile("\ufffd+")
