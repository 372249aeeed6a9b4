"""HTTP downloads with every limit enforced: timeouts, redirects and a streamed size cap."""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import httpx

from ..errors import InputError
from ._base import ReadOptions, mb


@dataclass(frozen=True, slots=True)
class Response:
    """A downloaded body with what we need to dispatch it."""

    url: str
    """The final URL, after redirects."""
    content_type: str
    charset: str | None
    body: bytes


class Fetcher:
    """One HTTP client for a whole run, so connections are reused; opened on first use."""

    def __init__(self, options: ReadOptions | None = None) -> None:
        self.options = options or ReadOptions()
        self._client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _http(self) -> httpx.Client:
        if self._client is None:
            o = self.options
            self._client = httpx.Client(
                timeout=httpx.Timeout(o.read_timeout, connect=o.connect_timeout),
                follow_redirects=True,
                max_redirects=o.max_redirects,
                # only encodings we can inflate within the size limit (see _Inflater); httpx would
                # otherwise offer br/zstd and inflate each network chunk whole before we could count
                headers={"User-Agent": o.user_agent, "Accept-Encoding": "gzip, deflate"},
                # Proxies and certificates from the environment are the user's to set; we honour them.
                trust_env=True,
            )
        return self._client

    def get(self, url: str) -> Response:
        """Download ``url``; every failure is an InputError whose message says what went wrong."""
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            raise InputError(f"not an http(s) URL: {url[:200]}")
        o = self.options
        deadline = time.monotonic() + o.total_timeout
        try:
            with self._http().stream("GET", url) as r:
                if r.status_code >= 400:
                    raise InputError(f"HTTP {r.status_code} {r.reason_phrase}".rstrip())
                declared = r.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > o.max_bytes:
                    raise InputError(f"response of {mb(int(declared))} is over the {mb(o.max_bytes)} limit")
                inflater = _Inflater(r.headers.get("content-encoding", ""))
                chunks: list[bytes] = []
                size = 0
                for raw in r.iter_raw():
                    # never inflate more than the bytes we may still keep: a gzip bomb stops here
                    chunk = inflater.feed(raw, o.max_bytes + 1 - size)
                    size += len(chunk)
                    if size > o.max_bytes:
                        raise InputError(f"response is over the {mb(o.max_bytes)} limit")
                    if time.monotonic() > deadline:
                        raise InputError(f"download took longer than {o.total_timeout:g} s")
                    chunks.append(chunk)
                ctype = r.headers.get("content-type", "")
                return Response(
                    url=str(r.url),
                    content_type=ctype.split(";")[0].strip().lower(),
                    charset=r.charset_encoding,
                    body=b"".join(chunks),
                )
        except httpx.TooManyRedirects:
            raise InputError(f"more than {o.max_redirects} redirects") from None
        except httpx.ConnectTimeout:
            raise InputError(f"no connection within {o.connect_timeout:g} s") from None
        except httpx.ReadTimeout:
            raise InputError(f"no data for {o.read_timeout:g} s") from None
        except httpx.TimeoutException:
            raise InputError("timed out") from None
        except httpx.InvalidURL as exc:
            raise InputError(f"invalid URL: {exc}") from None
        except httpx.UnsupportedProtocol as exc:
            raise InputError(f"unsupported URL: {exc}") from None
        except httpx.DecodingError as exc:
            raise InputError(f"cannot decode the response: {exc}") from None
        except httpx.HTTPError as exc:
            raise InputError(f"{type(exc).__name__}: {exc}".rstrip(": ")) from None


class _Inflater:
    """Content-Encoding decoding that never produces more bytes than asked for.

    httpx's own decoder inflates each network chunk whole, so a 64 KB chunk of a gzip bomb becomes
    ~64 MB before any size check can see it; here ``zlib``'s ``max_length`` bounds the output.
    """

    def __init__(self, encoding: str) -> None:
        enc = encoding.strip().lower()
        self._raw = False
        self._z: Any = None
        if enc in ("", "identity"):
            return
        if enc in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self._z = zlib.decompressobj()
            self._raw = True  # servers send zlib-wrapped or bare deflate; the first bytes tell
        else:
            raise InputError(f"unsupported Content-Encoding {encoding[:40]!r}")

    def feed(self, data: bytes, room: int) -> bytes:
        """The decoded bytes of ``data``, at most ``room`` of them (more left over means too large)."""
        if self._z is None:
            return data
        if self._z.eof or not data:
            return b""  # bytes after the end of the stream are padding; a stream may end on nothing
        try:
            out: bytes = self._z.decompress(data, room)
        except zlib.error:
            if not self._raw:
                raise InputError("cannot decode the response: invalid compressed data") from None
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)
            self._raw = False
            return self.feed(data, room)
        self._raw = False
        # output stopped at ``room`` with input left (unconsumed_tail): the caller sees the limit
        return out
