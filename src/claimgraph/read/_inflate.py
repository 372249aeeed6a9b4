"""Gzip content, found by its magic bytes whatever the file is called, inflated under caps.

A compressed input is the cheapest way to make a reader hold or grind through gigabytes: 1 MB of
gzip inflates to 1 GB of zeros. The stream here inflates a bounded step at a time and stops with an
:class:`~claimgraph.errors.InputError` naming the cap as soon as the output passes
``ReadOptions.max_inflated_bytes`` or, past the first ``_RATIO_AFTER`` bytes, grows more than
``ReadOptions.max_inflate_ratio`` times the compressed bytes read (text compresses 3-10 fold; a
bomb 1,000 fold). Memory stays flat: nothing but one step's output is ever held.
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

from ..errors import InputError
from ._base import ReadOptions, mb

GZIP_MAGIC = b"\x1f\x8b"
_GZIP_SUFFIXES = (".gz", ".gzip")
_IN_STEP = 64 * 1024
_OUT_STEP = 1024 * 1024
"""Largest output of one inflate step: the only decompressed bytes held beyond the caller's buffer."""
_RATIO_AFTER = 256 * 1024 * 1024
"""The ratio is checked only past this much output, so a small, very repetitive file still reads."""


def is_gzip(head: bytes) -> bool:
    """True for bytes that start like a gzip member."""
    return head.startswith(GZIP_MAGIC)


def strip_gzip_suffix(name: str) -> str:
    """``corpus.jsonl.gz`` → ``corpus.jsonl``: the name of what is inside, for choosing its reader."""
    lower = name.lower()
    for suffix in _GZIP_SUFFIXES:
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def check_end(stream: BinaryIO) -> None:
    """Raise the InputError of a gzip stream that ended early, once its reader has seen the end.

    Other streams are left alone (a second read of a terminal's stdin would wait for more input).
    """
    if isinstance(getattr(stream, "raw", None), _Inflater):
        stream.read(1)


def inflated(raw: BinaryIO, *, options: ReadOptions) -> io.BufferedReader:
    """A buffered binary stream of ``raw``'s inflated content (``peek``, ``readline``, ``read``)."""
    return io.BufferedReader(_Inflater(raw, options), buffer_size=_IN_STEP)


class _Inflater(io.RawIOBase):
    """Concatenated gzip members inflated step by step, counting what goes in and comes out."""

    def __init__(self, raw: BinaryIO, options: ReadOptions) -> None:
        self._raw = raw
        self._limit = options.max_inflated_bytes
        self._ratio = options.max_inflate_ratio
        self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._pending = b""
        self._in = 0
        self._out = 0
        self._done = False
        self._truncated = False
        self._eof_sent = False

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        """Inflated bytes handed out so far (record offsets are counted in the inflated stream)."""
        return self._out - len(self._pending)

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        if self._truncated and self._eof_sent:
            # Reported only after the last whole bytes went out (an exception in mid-read would
            # lose them): the reader sees the end first, then :func:`check_end` sees this.
            raise InputError("gzip data ends early: the file is truncated")
        while not self._pending and not self._done:
            self._step()
        if not self._pending:
            self._eof_sent = True
            return 0
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def _step(self) -> None:
        if self._z.eof:
            rest = self._z.unused_data or self._raw.read(_IN_STEP)
            self._in += 0 if self._z.unused_data else len(rest)
            if not rest.strip(b"\x00"):  # the end, or the zero padding some tools append
                self._done = True
                return
            if not is_gzip(rest):
                raise InputError(f"data after the end of the gzip stream (first bytes: {rest[:8]!r})")
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
            data = rest
        else:
            data = self._z.unconsumed_tail
            if not data:
                data = self._raw.read(_IN_STEP)
                self._in += len(data)
                if not data:
                    self._truncated = self._done = True
                    return
        try:
            out = self._z.decompress(data, _OUT_STEP)
        except zlib.error as exc:
            raise InputError(f"damaged gzip data after {self._in} compressed bytes ({exc})") from None
        self._out += len(out)
        if self._out > self._limit:
            raise InputError(
                f"inflates to more than the {mb(self._limit)} limit for compressed input (max_inflated_bytes)"
            )
        if self._out > _RATIO_AFTER and self._out > self._ratio * self._in:
            raise InputError(
                f"inflates more than {self._ratio} times its compressed size "
                f"({mb(self._out)} from {mb(self._in)} so far): refused as a likely compression bomb "
                "(max_inflate_ratio)"
            )
        self._pending = out
