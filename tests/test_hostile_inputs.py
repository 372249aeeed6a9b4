"""Hostile inputs for every reader: each is reported and skipped with its reason, memory stays bounded,
and the good documents beside them all land.

``hostile_inputs`` writes one input per kind of trouble (text, HTML, JSONL, CSV, feeds, WARC, URLs
from a local server on 127.0.0.1, directories, stdin). Each case says what must come of it: an
error whose reason matches, or an article (bad bytes replaced, UTF-16 decoded), or nothing at all.
A last test ingests them all together in a subprocess with the default limits and measures its
peak resident memory.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import subprocess
import sys
import textwrap
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from claimgraph.model import Article
from claimgraph.read import ReadError, ReadOptions, read_inputs, read_stdin

GOOD = "The foreign minister said on Tuesday that talks with Sudia would resume next week."
SECRET = "TOPSECRET-7f3a9c"  # in a local file a hostile feed's external entity points at
MB = 1024 * 1024
RSS_BOUND_MB = 350
"""Peak RSS bound for reading every hostile input with the default 20 MB document limit."""

# What the URL cases may cost: a slow server is given up after TOTAL_TIMEOUT seconds.
NET = {"connect_timeout": 2.0, "read_timeout": 1.0, "total_timeout": 2.0}


# --- a hostile local web server (127.0.0.1 only) -------------------------------------------------


def _bomb(inflated: int) -> bytes:
    """gzip of ``inflated`` zero bytes, made in slices so making it costs no memory."""
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zero = bytes(MB)
    return b"".join(z.compress(zero) for _ in range(inflated // MB)) + z.flush()


def page(title: str, body: str) -> bytes:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{body}</p><p>{body}</p></article></body></html>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []
    bomb: ClassVar[bytes] = b""
    deflate_bomb: ClassVar[bytes] = b""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.hits.append(self.path)
        path = self.path.split("?")[0]
        try:
            if path == "/redirect-forever":  # a new URL every time, so no client sees a cycle
                self.send_response(302)
                self.send_header("Location", f"/redirect-forever?n={len(self.hits)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif path == "/drip":  # one byte every 0.2 s: never idle long enough for a read timeout
                self._head("text/plain")
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            elif path == "/stall":  # headers, then silence
                self._head("text/html")
                time.sleep(5)
            elif path == "/gzip-bomb":
                self._head("text/html", length=len(self.bomb), extra={"Content-Encoding": "gzip"})
                self.wfile.write(self.bomb)
            elif path == "/deflate-bomb":
                raw = self.deflate_bomb
                self._head("text/html", length=len(raw), extra={"Content-Encoding": "deflate"})
                self.wfile.write(raw)
            elif path == "/brotli":
                self._head("text/html", length=4, extra={"Content-Encoding": "br"})
                self.wfile.write(b"\x00\x01\x02\x03")
            elif path == "/declared-huge":
                self._head("text/html", length=10 * 1024 * MB)
            elif path == "/image":
                body = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
                self._head("image/png", length=len(body))
                self.wfile.write(body)
            elif path == "/error":
                self.send_error(500)
            elif path == "/xxe":
                self._head("text/plain", length=len(SECRET))
                self.wfile.write(SECRET.encode())
            elif path == "/good":
                body = page("Talks to resume", GOOD + " From the web.")
                self._head("text/html; charset=utf-8", length=len(body))
                self.wfile.write(body)
            else:
                self.send_error(404)
        except OSError:  # the client gave up, as it should
            pass

    def _head(self, ctype: str, *, length: int | None = None, extra: dict[str, str] | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if length is not None:
            self.send_header("Content-Length", str(length))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    _Handler.bomb = _bomb(64 * MB)  # ~64 KB on the wire, 64 MB inflated
    _Handler.deflate_bomb = zlib.compress(bytes(64 * MB), 9)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


# --- the generator of hostile inputs ---------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One hostile input: how to make it, and what reading it must give."""

    name: str
    make: Callable[[Path, str], str]
    """Writes the input under the directory (or names a URL on the server); returns what to read."""
    reason: str | None = None
    """A regex every error's reason must match (None: no error expected)."""
    good: tuple[str, ...] = ()
    """Ids of good documents in or beside the input that must land."""
    articles: int | None = None
    """How many articles must come out, when it is not just the good ones (bad bytes replaced...)."""
    slow: bool = False
    extra: dict[str, object] = field(default_factory=dict)


def _file(name: str, data: bytes | Callable[[], bytes]) -> Callable[[Path, str], str]:
    def make(d: Path, base: str) -> str:
        p = d / name
        p.write_bytes(data() if callable(data) else data)
        return str(p)

    return make


def _url(path: str) -> Callable[[Path, str], str]:
    return lambda d, base: f"{base}{path}"


def _jsonl(*lines: bytes) -> bytes:
    return b"".join(line + b"\n" for line in lines)


def _good_line(i: int) -> bytes:
    return json.dumps({"id": f"good-{i}", "text": f"{GOOD} Line {i}."}).encode()


def _big_file(name: str, size: int, prefix: bytes = b"", suffix: bytes = b"") -> Callable[[Path, str], str]:
    """A large file written in slices (never held in memory)."""

    def make(d: Path, base: str) -> str:
        p = d / name
        with p.open("wb") as f:
            f.write(prefix)
            chunk = b"A" * MB
            for _ in range(size // MB):
                f.write(chunk)
            f.write(suffix)
        return str(p)

    return make


def _warc(records: list[tuple[str, bytes, dict[str, str]]], *, gz: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for uri, body, headers in records:
        http = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html"), *headers.items()], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)
        )
    return buf.getvalue()


def _warc_member_bomb(d: Path, base: str) -> str:
    """A gzipped WARC: a record whose gzip member inflates to 64 MB, then a good record."""
    p = d / "bomb.warc.gz"
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/bomb\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        "WARC-Date: 2024-03-05T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
    )
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    n = 64 * MB
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    with p.open("wb") as f:
        f.write(z.compress(f"{head}Content-Length: {len(http) + n}\r\n\r\n".encode() + http))
        zero = b" " * MB
        for _ in range(n // MB):
            f.write(z.compress(zero))
        f.write(z.compress(b"\r\n\r\n"))
        f.write(z.flush())
        f.write(_warc([("http://example.org/good", page("Talks", GOOD + " Warc one."), {})]))
    return str(p)


def _warc_http_bomb(d: Path, base: str) -> str:
    """A WARC record whose HTTP body is Content-Encoding: gzip of 64 MB, then a good record."""
    p = d / "http-bomb.warc.gz"
    p.write_bytes(
        _warc(
            [
                ("http://example.org/bomb", _bomb(64 * MB), {"Content-Encoding": "gzip"}),
                ("http://example.org/good2", page("Talks", GOOD + " Again."), {}),
            ]
        )
    )
    return str(p)


def _truncated_warc(d: Path, base: str) -> str:
    data = _warc(
        [
            ("http://example.org/good3", page("T", GOOD + " Three."), {}),
            ("http://x/2", page("T", GOOD * 20), {}),
        ],
        gz=False,
    )
    p = d / "truncated.warc"
    p.write_bytes(data[: len(data) - 300])
    return str(p)


def _feed(entries: str, doctype: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}<rss version="2.0"><channel><title>Wire</title>'
        f"{entries}</channel></rss>"
    ).encode()


def _item(guid: str, text: str, link: str = "") -> str:
    return (
        f"<item><guid>{guid}</guid><title>T</title><link>{link}</link>"
        f"<description>{text}</description></item>"
    )


def _xxe_feed(d: Path, base: str) -> str:
    secret = d / "secret.txt"
    secret.write_text(SECRET)
    doctype = (
        f'<!DOCTYPE rss [<!ENTITY file SYSTEM "file://{secret}"><!ENTITY net SYSTEM "{base}/xxe">'
        f'<!ENTITY % p SYSTEM "{base}/xxe"> %p;]>\n'
    )
    long = (GOOD + " ") * 8
    p = d / "xxe.rss"
    p.write_bytes(_feed(_item("feed-good", f"{long} &file; &net;"), doctype))
    return str(p)


def _laughs_feed(d: Path, base: str) -> str:
    ents = '<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    p = d / "laughs.xml"
    long = (GOOD + " ") * 8
    p.write_bytes(_feed(_item("laughs-good", f"{long} &j;"), f"<!DOCTYPE rss [{ents}]>\n"))
    return str(p)


def _feed_links(d: Path, base: str) -> str:
    """Teaser entries whose links redirect forever, drip, point at files or scripts; one good."""
    p = d / "links.atom.xml"
    items = "".join(
        _item(g, "Short teaser.", link)
        for g, link in (
            ("l-loop", f"{base}/redirect-forever"),
            ("l-drip", f"{base}/drip"),
            ("l-file", "file:///etc/passwd"),
            ("l-js", "javascript:alert(1)"),
            ("l-good", f"{base}/good"),
        )
    )
    p.write_bytes(_feed(items))
    return str(p)


def _symlink_loops(d: Path, base: str) -> str:
    root = d / "loops"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "good.txt").write_text(GOOD + " In a loop.")
    (root / "sub" / "up").symlink_to("..")  # a directory loop
    (root / "a.txt").symlink_to("b.txt")  # a symlink loop: stat fails with ELOOP
    (root / "b.txt").symlink_to("a.txt")
    (root / "dangling.txt").symlink_to("nowhere.txt")
    (root / "zero.txt").symlink_to("/dev/zero")  # not a regular file: never read
    os.mkfifo(root / "pipe.txt")  # opening it would block: never opened
    (root / ".hidden.txt").write_text("hidden")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return str(root)


def _gz_file(
    name: str, size: int, fill: bytes, prefix: bytes = b"", suffix: bytes = b""
) -> Callable[[Path, str], str]:
    """A gzip file inflating to ``prefix`` + ``size`` bytes of ``fill`` + ``suffix``, made in slices."""

    def make(d: Path, base: str) -> str:
        p = d / name
        z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        chunk = (fill * (MB // len(fill) + 1))[:MB]
        with p.open("wb") as f:
            f.write(z.compress(prefix))
            for _ in range(size // MB):
                f.write(z.compress(chunk))
            f.write(z.compress(suffix) + z.flush())
        return str(p)

    return make


def _long_warc_header(d: Path, base: str) -> str:
    """A WARC whose second header line runs 5 MB without a newline, then a good record."""
    p = d / "long-header.warc"
    p.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nX-Junk: " + b"J" * (5 * MB) + b"\r\n\r\n")
    return str(p)


def _nested_html() -> bytes:
    return (
        "<html><body>" + "<div>" * 10_000 + f"<p>{GOOD}</p>" + "</div>" * 10_000 + "</body></html>"
    ).encode()


CASES = [
    # plain text
    Case(
        "binary",
        _file("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4),
        r"binary content",
    ),
    Case("nul-bytes", _file("nul.txt", GOOD.encode() + b"\x00\x00\x00" + GOOD.encode()), r"binary content"),
    Case("invalid-utf8", _file("latin1.txt", GOOD.encode() + b" caf\xe9 \xff\xfe."), articles=1),
    Case(
        "mostly-undecodable", _file("noise.txt", bytes(range(128, 256)) * 40), r"not text: .* not valid UTF-8"
    ),
    Case("utf16-bom", _file("utf16.txt", GOOD.encode("utf-16")), articles=1),
    Case(
        "utf16-no-bom",
        _file("utf16le.txt", GOOD.encode("utf-16-le")),
        r"UTF-16 text without a byte-order mark",
    ),
    Case("control-chars-only", _file("controls.txt", bytes(range(1, 9)) * 50 + b"\x1b[31m"), articles=1),
    Case("50mb-single-line", _big_file("huge-line.txt", 50 * MB), r"larger than the 20 MB limit", slow=True),
    Case("device-zero", lambda d, b: "/dev/zero", r"larger than the 20 MB limit"),
    Case("missing-file", lambda d, b: str(d / "no-such-file.txt"), r"no such file"),
    # HTML
    Case("html-nested-10000", _file("nested.html", _nested_html), articles=1),
    Case("html-binary", _file("binary.html", b"\x00\x01\x02PK\x03\x04" * 100), r"binary content, not HTML"),
    Case(
        "html-unknown-charset",
        _file(
            "charset.html",
            b'<html><head><meta charset="x-klingon"></head><body><p>' + GOOD.encode() + b"</p></body></html>",
        ),
        articles=1,
    ),
    Case(
        "html-unclosed-script",
        _file("script.html", b"<html><body><p>" + GOOD.encode() + b"</p><script>while(1){}" + b"A" * 100_000),
        articles=1,
    ),
    # JSON Lines
    Case(
        "jsonl-broken-middle-line",
        _file("broken.jsonl", _jsonl(_good_line(1), b'{"id": "x", "text": "unterminated', _good_line(2))),
        r"line 2: not valid JSON",
        good=("good-1", "good-2"),
    ),
    Case(
        "jsonl-deep-nesting",
        _file("deep.jsonl", _jsonl(b"[" * 100_000 + b"]" * 100_000, _good_line(3))),
        r"not valid JSON|expected a JSON object",
        good=("good-3",),
    ),
    Case(
        "jsonl-wrong-types",
        _file(
            "types.jsonl",
            _jsonl(
                b'{"text": 42}',
                b'["a"]',
                b'{"id": {"a": 1}, "text": "x"}',
                b'{"title": "no text"}',
                _good_line(4),
            ),
        ),
        r"'text' is a number|expected a JSON object|'id' is an object|no 'text' field",
        good=("good-4",),
    ),
    Case(
        "jsonl-surrogates-and-nul",
        _file(
            "escapes.jsonl",
            _jsonl(b'{"id": "esc", "text": "Iran \\ud800 said \\u0000 it \\u202e attacked."}'),
        ),
        articles=1,
    ),
    Case(
        "jsonl-invalid-utf8",
        _file("bytes.jsonl", _jsonl(b'{"id": "bad-bytes", "text": "caf\xe9 said."}', _good_line(5))),
        good=("good-5",),
        articles=2,
    ),
    Case(
        "jsonl-25mb-line",
        _big_file(
            "long-line.jsonl",
            25 * MB,
            prefix=b'{"id": "long", "text": "',
            suffix=b'"}\n' + _good_line(6) + b"\n",
        ),
        r"line 1 .*longer than the 20 MB limit|longer than the 20 MB limit",
        good=("good-6",),
        slow=True,
    ),
    # CSV
    Case(
        "csv-100mb-field",
        _big_file(
            "huge-field.csv",
            100 * MB,
            prefix=b'id,text\ngood-7,"' + GOOD.encode() + b' Seven."\nhuge,"',
            suffix=b'"\ngood-8,"' + GOOD.encode() + b' Eight."\n',
        ),
        r"row longer than the 20 MB limit",
        good=("good-7", "good-8"),
        slow=True,
    ),
    Case("csv-no-text-column", _file("notext.csv", b"id,body\n1,hello\n"), r"no 'text' column"),
    Case("csv-binary", _file("binary.csv", b"\x00\x01\x02\x03" * 100), r"binary content, not CSV"),
    Case(
        "csv-ragged-and-unbalanced",
        _file("ragged.csv", b'id,text\ngood-9,"' + GOOD.encode() + b' Nine."\nr1,a,b,c\nr2,"never closed\n'),
        r"fields where the header has|malformed CSV|unexpected end",
        good=("good-9",),
    ),
    # feeds
    Case("feed-external-entities", _xxe_feed, None, good=("feed-good",)),
    Case("feed-billion-laughs", _laughs_feed, None, good=("laughs-good",)),
    Case("feed-not-a-feed", _file("fake.rss", b"<html><body>not a feed</body></html>"), r"not RSS or Atom"),
    Case(
        "feed-hostile-links",
        _feed_links,
        r"more than 5 redirects|took longer than|no data for",
        good=("l-good",),
        articles=3,
    ),
    # WARC
    Case(
        "warc-gzip-member-bomb",
        _warc_member_bomb,
        r"response over the 20 MB limit",
        good=("http://example.org/good",),
        slow=True,
    ),
    Case(
        "warc-http-gzip-bomb",
        _warc_http_bomb,
        r"response over the 20 MB limit",
        good=("http://example.org/good2",),
    ),
    Case("warc-truncated", _truncated_warc, r"truncated|damaged", good=("http://example.org/good3",)),
    Case(
        "warc-garbage",
        _file("garbage.warc.gz", gzip.compress(b"hello, not an archive\n" * 10)),
        r"not a WARC|damaged WARC",
    ),
    Case(
        "warc-5mb-header-line",
        _long_warc_header,
        r"header line longer than the 1 MB limit|not a WARC|damaged WARC",
    ),
    # gzip anywhere: sniffed by content, inflated under caps
    Case(
        "gzip-bomb-by-name",
        _gz_file("bomb.gz", 64 * MB, b"\x00"),
        r"gzip-compressed binary content|compression bomb",
    ),
    Case(
        "gzip-jsonl-one-long-line",
        _gz_file("one-line.jsonl.gz", 320 * MB, b"a", prefix=b'{"id": "long", "text": "'),
        r"compression bomb",
        slow=True,
    ),
    Case(
        "gzip-warc-long-first-line",
        _gz_file("first-line.warc.gz", 32 * MB, b"W", suffix=b"\r\n"),
        r"not a WARC|compression bomb|header line longer",
    ),
    Case("gzip-named-txt", _file("packed.txt", lambda: gzip.compress(GOOD.encode())), articles=1),
    Case(
        "gzip-jsonl-truncated",
        _file("cut.jsonl.gz", lambda: gzip.compress(_jsonl(_good_line(12), _good_line(13)) * 50)[:-40]),
        r"gzip data ends early|not valid JSON",
        good=("good-12",),
    ),
    Case(
        "gzip-damaged",
        _file("damaged.csv.gz", lambda: gzip.compress(b"id,text\n" + b"x," * 5000)[:30] + b"\xff" * 200),
        r"damaged gzip data",
    ),
    # URLs (local server)
    Case("url-redirects-forever", _url("/redirect-forever"), r"more than 5 redirects"),
    Case("url-drips-slowly", _url("/drip"), r"took longer than 2 s"),
    Case("url-stalls", _url("/stall"), r"no data for 1 s"),
    Case("url-gzip-bomb", _url("/gzip-bomb"), r"over the 20 MB limit"),
    Case("url-deflate-bomb", _url("/deflate-bomb"), r"over the 20 MB limit"),
    Case("url-unsupported-encoding", _url("/brotli"), r"unsupported Content-Encoding"),
    Case("url-declared-10gb", _url("/declared-huge"), r"over the 20 MB limit"),
    Case("url-image", _url("/image"), r"unsupported content type 'image/png'"),
    Case("url-server-error", _url("/error"), r"HTTP 500"),
    Case("url-closed-port", lambda d, b: "http://127.0.0.1:9/x", r"ConnectError|connection|no connection"),
    # directories
    Case("directory-symlink-loops", _symlink_loops, None, articles=1),
]
"""Every kind of bad input; ≥ 30 of them, across every reader."""

STDIN_CASES = [
    ("stdin-gzip-bomb", _bomb(128 * MB), r"gzip-compressed|binary content|compression bomb"),
    ("stdin-binary", b"\x7fELF\x02\x01\x01\x00" + bytes(300), r"binary content"),
    ("stdin-jsonl-broken", _jsonl(_good_line(10), b"{oops", _good_line(11)), r"line 2: not valid JSON"),
]


def _results(inp: str) -> list[Article | ReadError]:
    return list(read_inputs([inp], options=ReadOptions(**NET)))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, server: str) -> dict[str, str]:
    """Every case's input, made once: case name → path or URL."""
    d = tmp_path_factory.mktemp("hostile")
    return {c.name: c.make(d, server) for c in CASES}


def test_there_are_at_least_30_kinds_across_every_reader() -> None:
    assert len(CASES) + len(STDIN_CASES) >= 30
    prefixes = {c.name.split("-")[0] for c in CASES}
    assert {"html", "jsonl", "csv", "feed", "warc", "url", "directory"} <= prefixes


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_hostile_input_is_reported_with_its_reason(case: Case, hostile: dict[str, str]) -> None:
    t0 = time.monotonic()
    results = _results(hostile[case.name])
    took = time.monotonic() - t0
    errs = [r for r in results if isinstance(r, ReadError)]
    arts = [r for r in results if isinstance(r, Article)]
    if case.reason is None:
        assert not errs, [str(e) for e in errs]
    else:
        assert errs, f"{case.name}: no error reported; got {len(arts)} article(s)"
        for e in errs:
            assert re.search(case.reason, str(e), re.I), f"{case.name}: unexpected reason {e}"
            assert e.input, "an error names its input"
    ids = {a.id for a in arts} | {a.url for a in arts if a.url}
    for g in case.good:
        assert g in ids, f"{case.name}: the good document {g} did not land (got {sorted(ids)})"
    if case.articles is not None:
        assert len(arts) == case.articles, [a.id for a in arts]
    for a in arts:
        assert SECRET not in a.text and "root:x:0:0" not in a.text, "a hostile feed read a local file"
        assert "\x00" not in a.text and not re.search(r"[\ud800-\udfff]", a.text)
    assert took < 15, f"{case.name} took {took:.1f} s"


def test_external_entities_make_no_request(hostile: dict[str, str]) -> None:
    _Handler.hits.clear()
    _results(hostile["feed-external-entities"])
    assert "/xxe" not in _Handler.hits


@pytest.mark.parametrize(("name", "data", "reason"), STDIN_CASES, ids=[c[0] for c in STDIN_CASES])
def test_hostile_stdin(name: str, data: bytes, reason: str) -> None:
    results = list(read_stdin(io.BytesIO(data)))
    errs = [r for r in results if isinstance(r, ReadError)]
    assert errs and all(re.search(reason, str(e), re.I) for e in errs), errs
    if name == "stdin-jsonl-broken":
        assert {r.id for r in results if isinstance(r, Article)} == {"good-10", "good-11"}


INGEST_SCRIPT = textwrap.dedent(
    """
    import json, resource, sys
    from claimgraph.ingest import Extractor, ingest
    from claimgraph.read import ReadOptions
    from claimgraph.store import Store

    inputs = json.loads(sys.argv[1])
    def none(batch):
        for a in batch:
            yield a, []
    with Store(sys.argv[2]) as store:
        report = ingest(inputs, store=store, extractor=Extractor(none, "none"),
                        options=ReadOptions(**json.loads(sys.argv[3])))
        ids = [x for a in store.articles(limit=None) for x in (a.id, a.url) if x]
    def peak_mb():
        # VmHWM is this process image's own peak; ru_maxrss would include the parent's at fork
        try:
            with open("/proc/self/status") as f:
                return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024
        except (OSError, StopIteration):
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "peak_rss_mb": peak_mb(),
        "stored": report.stored, "errors": [str(e) for e in report.errors], "ids": ids,
    }))
    """
)


def test_all_together_good_documents_land_and_memory_stays_bounded(
    hostile: dict[str, str], tmp_path: Path
) -> None:
    good = tmp_path / "good"
    good.mkdir()
    (good / "plain.txt").write_text(GOOD + " A plain file.")
    (good / "page.html").write_bytes(page("Talks", GOOD + " A page."))
    inputs = [str(good), *hostile.values()]
    url = f"sqlite:///{tmp_path / 'h.db'}"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    out = subprocess.run(
        [sys.executable, "-c", INGEST_SCRIPT, json.dumps(inputs), url, json.dumps(NET)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    ids = set(result["ids"])
    wanted = {"plain", "page"} | {g for c in CASES for g in c.good}
    assert wanted <= ids, f"missing: {sorted(wanted - ids)}"
    for c in CASES:
        if c.reason is not None:
            assert any(re.search(c.reason, e, re.I) for e in result["errors"]), f"{c.name} not reported"
    print(f"peak RSS {result['peak_rss_mb']:.0f} MB for {len(inputs)} inputs")
    assert result["peak_rss_mb"] < RSS_BOUND_MB
