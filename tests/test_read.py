"""Readers: every input kind turns into Articles, and every bad document into a ReadError, never a crash."""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.model import Article
from claimgraph.read import (
    Fetcher,
    ReadError,
    ReadOptions,
    kind_of,
    read_csv,
    read_feed,
    read_html,
    read_inputs,
    read_jsonl,
    read_stdin,
    read_text,
    read_url,
    read_warc,
    text_id,
)

# Hand-written fixtures: short wire-style stories, long enough for trafilatura's main-text finder.
STORY_A = (
    "The foreign minister of Norland said on Tuesday that talks with Sudia would resume next week. "
    "Officials in Sudia denied that any date had been agreed. "
    "The two governments have not met since a border incident in March, when troops exchanged fire. "
    "A spokesman for the ministry told reporters that the envoy had carried a written proposal. "
)
STORY_B = (
    "Rebel commanders accused the army of shelling villages near the river crossing on Sunday. "
    "The army said it had only returned fire and denied targeting civilians. "
    "Aid groups said thousands of families had fled toward the coast since the fighting began. "
    "The United Nations called on both sides to allow convoys through the checkpoints. "
)
STORY_C = (
    "The central bank governor warned that sanctions would deepen the recession this year. "
    "Ministers questioned whether the forecast took account of new trade agreements. "
    "Opposition leaders said the government had hidden the true scale of the deficit. "
)

OPTS = ReadOptions(max_bytes=64 * 1024, read_timeout=0.5, connect_timeout=2, total_timeout=3, max_redirects=3)


def page(title: str, body: str, *, date: str = "2024-03-05", broken: bool = False) -> bytes:
    """An HTML news page; ``broken`` leaves tags unclosed as real pages do."""
    paras = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    tail = "<div class='share'><b>Share this" if broken else "</article></body></html>"
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{date}"></head>'
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paras}{tail}"
    ).encode()


def articles(results: list[Article | ReadError]) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def errors(results: list[Article | ReadError]) -> list[ReadError]:
    return [r for r in results if isinstance(r, ReadError)]


# --- a local web server (127.0.0.1 only) -------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}
    seen_agents: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/moved":
            self._redirect("/story-a")
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            time.sleep(1.5)
            self._write(b"too late")
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")  # no Content-Length: the cap must be streamed
            self.end_headers()
            for _ in range(200):
                if not self._write(b"x" * 1024):
                    break
        elif self.path in self.routes:
            status, ctype, body = self.routes[self.path]
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self._write(body)
        else:
            self.send_error(404)

    def _redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _write(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            return True
        except OSError:
            return False


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    _Handler.routes = {
        "/story-a": (200, "text/html; charset=utf-8", page("Talks to resume", STORY_A)),
        "/story-b": (200, "text/html", page("Shelling near the river", STORY_B, broken=True)),
        "/plain": (200, "text/plain; charset=utf-8", STORY_C.encode()),
        "/feed-as-html": (200, "text/html", rss(base, fetch_second=True)),
        "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def rss(base: str, *, fetch_second: bool) -> bytes:
    """A feed with one full entry and one teaser whose article must be fetched from its link."""
    second = f"{base}/story-b" if fetch_second else "https://example.invalid/x"
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Norland Wire</title><link>{base}/</link>
<item><title>Talks to resume</title><link>{base}/story-a-full</link><guid>wire-1</guid>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description><![CDATA[<p>{STORY_A}</p><p>{STORY_A}</p>]]></description></item>
<item><title>Shelling near the river</title><link>{second}</link><guid>wire-2</guid>
<description>Rebels accuse the army.</description></item>
</channel></rss>""".encode()


# --- plain text ----------------------------------------------------------------------------------


def test_text_file_is_one_article_named_by_its_stem(tmp_path: Path) -> None:
    f = tmp_path / "norland-talks.txt"
    f.write_text(STORY_A, encoding="utf-8")
    [a] = articles(list(read_inputs([str(f)])))
    assert a.id == "norland-talks"
    assert a.text == STORY_A


def test_invalid_utf8_is_replaced_with_a_warning_naming_the_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    f = tmp_path / "latin1.txt"
    f.write_bytes("The envoy from Bogotá said talks would resume.".encode("latin-1"))
    with caplog.at_level(logging.WARNING, logger="claimgraph.read"):
        [a] = list(read_inputs([str(f)]))
    assert isinstance(a, Article)
    assert "Bogot\ufffd said" in a.text
    assert any("latin1.txt" in r.getMessage() and "invalid" in r.getMessage() for r in caplog.records)


def test_utf16_with_bom_is_decoded() -> None:
    result = read_text("\ufeffThe minister said so.".encode("utf-16"), name="u16.txt")
    assert isinstance(result, Article)
    assert result.text == "The minister said so."


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", b"MZ\x90\x00\x03\x00\x00\x00"])
def test_binary_is_an_error_not_an_article(data: bytes) -> None:
    result = read_text(data, name="x.txt")
    assert isinstance(result, ReadError)
    assert "binary" in result.reason


def test_nul_and_control_characters_are_dropped() -> None:
    result = read_text(b"Officials\x07 said\x1b[31m so.\r\n", name="c.txt", id="c")
    assert isinstance(result, Article)
    assert result.text == "Officials said[31m so.\n"


# --- HTML ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("broken", [False, True])
def test_html_gives_main_text_title_and_date(broken: bool) -> None:
    result = read_html(page("Talks to resume", STORY_A, broken=broken), name="p.html", id="p")
    assert isinstance(result, Article)
    assert result.title == "Talks to resume"
    assert result.published == "2024-03-05"
    assert "Officials in Sudia denied" in result.text
    assert "Home" not in result.text  # navigation is not main text


def test_short_html_page_keeps_its_text() -> None:
    result = read_html(b"<html><body><p>The minister said no.</p></body></html>", name="s.html", id="s")
    assert isinstance(result, Article)
    assert result.text == "The minister said no."


def test_deeply_nested_html_does_not_crash() -> None:
    deep = b"<html><body>" + b"<div>" * 10_000 + STORY_A.encode() + b"</div>" * 10_000 + b"</body></html>"
    result = read_html(deep, name="deep.html", id="deep")
    assert isinstance(result, (Article, ReadError))


# --- JSONL and CSV corpora ----------------------------------------------------------------------


def test_jsonl_broken_line_in_the_middle_is_an_error_and_the_rest_land() -> None:
    lines = [
        json.dumps(
            {"id": "n1", "title": "Talks", "date": "2024-03-05", "source": "Norland Wire", "text": STORY_A}
        ),
        '{"id": "n2", "text": "unterminated',
        json.dumps({"id": "n3", "outlet": "River Times", "url": "https://example.org/3", "text": STORY_B}),
        "",
        json.dumps({"title": "no id", "text": STORY_C}),
    ]
    results = list(read_jsonl(io.BytesIO("\n".join(lines).encode()), name="c.jsonl"))
    good = articles(results)
    assert [a.id for a in good] == ["n1", "n3", text_id(STORY_C)]
    assert good[0].outlet == "Norland Wire" and good[0].published == "2024-03-05" and good[0].title == "Talks"
    assert good[1].outlet == "River Times" and good[1].url == "https://example.org/3"
    [err] = errors(results)
    assert (err.input, err.location) == ("c.jsonl", "line 2")
    assert "not valid JSON" in err.reason


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"[1, 2]", "expected a JSON object, got an array"),
        (b'{"id": "x"}', "no 'text' field"),
        (b'{"text": 42}', "'text' is a number"),
        (b'{"text": "ok", "id": {"a": 1}}', "'id' is an object"),
        (b"[" * 100_000, "not valid JSON"),
    ],
)
def test_jsonl_bad_records_are_named(line: bytes, reason: str) -> None:
    [err] = list(read_jsonl(io.BytesIO(line + b"\n"), name="c.jsonl"))
    assert isinstance(err, ReadError)
    assert reason in err.reason


def test_jsonl_over_long_line_is_skipped_without_holding_it() -> None:
    data = b'{"text": "' + b"a" * 100_000 + b'"}\n' + json.dumps({"id": "ok", "text": STORY_A}).encode()
    results = list(read_jsonl(io.BytesIO(data), name="big.jsonl", options=OPTS))
    assert isinstance(results[0], ReadError) and "limit" in results[0].reason
    assert [a.id for a in articles(results)] == ["ok"]


def test_csv_corpus_with_quoted_newlines_and_a_bad_row() -> None:
    rows = (
        "id,title,date,url,source,text\n"
        "c1,Talks,2024-03-05,https://example.org/1,Norland Wire,"
        f'"{STORY_A}\nSecond paragraph, with a comma."\n'
        "c2,Short row\n"
        f",Shelling,,,River Times,{STORY_B}\n"
    )
    results = list(read_csv(io.BytesIO(rows.encode()), name="c.csv"))
    good = articles(results)
    assert [a.id for a in good] == ["c1", text_id(STORY_B)]
    assert good[0].text.endswith("Second paragraph, with a comma.")
    assert good[0].outlet == "Norland Wire"
    [err] = errors(results)
    assert err.location == "line 4" and "2 fields" in err.reason


def test_csv_without_text_column_is_one_error() -> None:
    [err] = list(read_csv(io.BytesIO(b"id,body\n1,hello\n"), name="c.csv"))
    assert isinstance(err, ReadError) and "no 'text' column" in err.reason


def test_csv_huge_field_is_rejected_and_the_rest_land() -> None:
    big = "x " * 60_000  # over OPTS.max_bytes, spread over many short lines inside one quoted field
    data = f'id,text\nbig,"{big.replace(" ", chr(10))}"\nok,{STORY_C}\n'.encode()
    results = list(read_csv(io.BytesIO(data), name="big.csv", options=OPTS))
    assert errors(results), "the oversized field must be reported"
    assert "ok" in [a.id for a in articles(results)]


# --- feeds -----------------------------------------------------------------------------------------


def test_feed_entry_with_content_is_read_in_place_and_a_teaser_is_fetched(
    tmp_path: Path, server: str
) -> None:
    f = tmp_path / "wire.rss"
    f.write_bytes(rss(server, fetch_second=True))
    results = list(read_inputs([str(f)], options=OPTS))
    assert not errors(results)
    first, second = articles(results)
    assert (first.id, first.title, first.outlet) == ("wire-1", "Talks to resume", "Norland Wire")
    assert first.published == "2024-03-05T10:00:00Z"
    assert "Officials in Sudia denied" in first.text
    assert second.id == "wire-2" and second.url == f"{server}/story-b"
    assert "The army said it had only returned fire" in second.text  # from the fetched page


def test_feed_is_sniffed_whatever_its_name_or_content_type(tmp_path: Path, server: str) -> None:
    f = tmp_path / "feed.html"
    f.write_bytes(rss(server, fetch_second=False))
    results = list(read_inputs([str(f)], options=ReadOptions(fetch_feed_links=False)))
    assert [a.id for a in articles(results)] == ["wire-1", "wire-2"]
    assert len(articles(list(read_url(f"{server}/feed-as-html", fetcher=Fetcher(OPTS))))) == 2


def test_atom_feed() -> None:
    atom = f"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>River Times</title>
    <entry><id>tag:river,2024:1</id><title>Shelling</title><updated>2024-03-04T08:00:00Z</updated>
    <content type="html">&lt;p&gt;{STORY_B}&lt;/p&gt;</content></entry></feed>""".encode()
    [a] = list(read_feed(atom, name="river.atom", options=ReadOptions(min_entry_chars=50)))
    assert isinstance(a, Article)
    assert (a.id, a.outlet, a.published) == ("tag:river,2024:1", "River Times", "2024-03-04T08:00:00Z")
    assert a.text.startswith("Rebel commanders accused")


def test_feed_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    evil = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>Evil</title>
<item><title>x</title><guid>e1</guid><description>Leak: &xxe; {STORY_C}</description></item>
</channel></rss>"""
    results = list(read_feed(evil.encode(), name="evil.xml", options=ReadOptions(fetch_feed_links=False)))
    assert all("TOP-SECRET" not in (r.text if isinstance(r, Article) else r.reason) for r in results)


def test_not_a_feed_says_what_it_found(tmp_path: Path) -> None:
    f = tmp_path / "feed.xml"
    f.write_text("<note><to>nobody</to></note>")
    [err] = list(read_inputs([str(f)]))
    assert isinstance(err, ReadError)
    assert "not RSS or Atom" in err.reason and "<note>" in err.reason


def test_feed_link_that_fails_is_an_error_for_that_entry_only(server: str) -> None:
    feed = rss(server, fetch_second=True).replace(b"/story-b", b"/gone")
    results = list(read_feed(feed, name="wire.rss", fetcher=Fetcher(OPTS), options=OPTS))
    assert [a.id for a in articles(results)] == ["wire-1"]
    [err] = errors(results)
    assert err.location == "entry 2" and "404" in err.reason


# --- WARC ----------------------------------------------------------------------------------------


def warc(records: list[tuple[str, str, bytes]], *, gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for uri, ctype, body in records:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", ctype), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
        )
        rec = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
        )
        writer.write_record(rec)
    return buf.getvalue()


WARC_RECORDS = [
    ("https://example.org/a", "text/html; charset=utf-8", page("Talks to resume", STORY_A)),
    ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    ("https://example.org/b", "text/html", page("Shelling near the river", STORY_B)),
]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_become_articles(tmp_path: Path, gz: bool) -> None:
    f = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    f.write_bytes(warc(WARC_RECORDS, gz=gz))
    results = list(read_inputs([str(f)]))
    assert not errors(results)
    assert [a.url for a in articles(results)] == ["https://example.org/a", "https://example.org/b"]
    assert articles(results)[0].title == "Talks to resume"


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_record_is_reported_and_earlier_ones_land(gz: bool) -> None:
    data = warc(WARC_RECORDS, gz=gz)
    results = list(read_warc(io.BytesIO(data[:-150]), name="cut.warc"))
    assert [a.url for a in articles(results)] == ["https://example.org/a"]
    [err] = errors(results)
    assert err.location is not None and err.location.startswith("offset ")
    assert "truncated" in err.reason or "damaged" in err.reason


def test_garbage_is_not_a_warc(tmp_path: Path) -> None:
    f = tmp_path / "x.warc.gz"
    f.write_bytes(gzip.compress(b"hello, not an archive\n" * 10))
    results = list(read_inputs([str(f)]))
    assert results and all(isinstance(r, ReadError) for r in results)


# --- URLs ------------------------------------------------------------------------------------------


def test_url_html_page(server: str) -> None:
    [a] = list(read_inputs([f"{server}/moved"], options=OPTS))
    assert isinstance(a, Article)
    assert a.url == f"{server}/story-a"  # the final URL after the redirect
    assert a.id == text_id(a.text)
    assert any(ua.startswith("claimgraph/") for ua in _Handler.seen_agents)


def test_url_plain_text(server: str) -> None:
    [a] = list(read_inputs([f"{server}/plain"], options=OPTS))
    assert isinstance(a, Article) and a.text == STORY_C


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/nowhere", "HTTP 404"),
        ("/loop", "more than 3 redirects"),
        ("/huge", "over the 0.0625 MB limit"),
        ("/slow", "no data for 0.5 s"),
        ("/image", "unsupported content type 'image/png'"),
    ],
)
def test_url_failures_are_errors_with_the_reason(server: str, path: str, reason: str) -> None:
    [err] = list(read_inputs([f"{server}{path}"], options=OPTS))
    assert isinstance(err, ReadError)
    assert err.input == f"{server}{path}"
    assert reason in err.reason


def test_unreachable_host_is_an_error() -> None:
    [err] = list(read_inputs(["http://127.0.0.1:9/x"], options=OPTS))
    assert isinstance(err, ReadError)


# --- directories, stdin, dispatch ------------------------------------------------------------------


def test_directory_recursive_sorted_with_symlink_loop_and_unknown_files(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "news"
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a").mkdir()
    (root / "a" / "x.txt").write_text(STORY_A)
    (root / "b" / "x.txt").write_text(STORY_B)
    (root / "b" / "deep" / "c.html").write_bytes(page("Sanctions", STORY_C))
    (root / "b" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (root / ".hidden.txt").write_text("ignored")
    os.symlink(root, root / "b" / "deep" / "loop")  # back to the top: must not recurse forever
    with caplog.at_level(logging.WARNING, logger="claimgraph.read"):
        results = list(read_inputs([str(root)]))
    assert not errors(results)
    assert [a.id for a in articles(results)] == ["a/x", "b/deep/c", "b/x"]
    assert any("unknown type" in r.getMessage() and "b/photo.jpg" in r.getMessage() for r in caplog.records)
    assert list(read_inputs([str(root)])) == results  # deterministic


def test_many_skipped_files_are_named_up_to_a_limit_then_counted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for i in range(25):
        (tmp_path / f"f{i:02d}.bin").write_bytes(b"\x00")
    with caplog.at_level(logging.WARNING, logger="claimgraph.read"):
        assert list(read_inputs([str(tmp_path)])) == []
    [note] = [r.getMessage() for r in caplog.records if "unknown type" in r.getMessage()]
    assert "skipped 25 file(s)" in note and "f00.bin" in note and "f19.bin" in note
    assert "f20.bin" not in note and "5 more (.bin ×5)" in note


@pytest.mark.parametrize(
    ("name", "packed"),
    [
        ("story.txt", STORY_A.encode()),  # gzip under a plain name: sniffed by content
        ("story.gz", STORY_A.encode()),
        ("corpus.jsonl.gz", json.dumps({"id": "story", "text": STORY_A}).encode() + b"\n"),
        ("corpus.gz", json.dumps({"id": "story", "text": STORY_A}).encode() + b"\n"),
        ("corpus.csv.gz", b"id,text\nstory," + json.dumps(STORY_A).encode() + b"\n"),
    ],
)
def test_gzip_content_is_read_whatever_the_name(tmp_path: Path, name: str, packed: bytes) -> None:
    f = tmp_path / name
    f.write_bytes(gzip.compress(packed))
    [art] = list(read_inputs([str(f)]))
    assert isinstance(art, Article) and art.text == STORY_A and art.id == "story"


def test_gzip_bomb_is_refused_naming_the_cap(tmp_path: Path) -> None:
    f = tmp_path / "many.jsonl.gz"
    f.write_bytes(gzip.compress(b"x" * (3 * 1024 * 1024)))
    opts = ReadOptions(max_inflated_bytes=1024 * 1024)
    [err] = list(read_inputs([str(f)], options=opts))
    assert isinstance(err, ReadError) and err.input == str(f)
    assert "more than the 1 MB limit for compressed input (max_inflated_bytes)" in err.reason


def test_binary_in_a_reason_is_never_echoed(tmp_path: Path) -> None:
    f = tmp_path / "x.gz"
    f.write_bytes(gzip.compress(b"\x00\x1b[2J\xff\xfe" * 100))
    [err] = list(read_inputs([str(f)]))
    assert isinstance(err, ReadError) and "gzip-compressed binary content" in err.reason
    assert err.reason.isprintable() and "\x1b" not in err.reason
    assert str(ReadError(input="a\x1b[31m", reason="b\x00" + "\ufffd" * 50)) == "a\\x1b[31m: b\\x00?"


def test_a_message_names_its_file_once(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_bytes(b"a" * (OPTS.max_bytes + 1))
    [err] = list(read_inputs([str(f)], options=OPTS))
    assert str(err).count("big.txt") == 1


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    [err] = list(read_inputs([str(tmp_path / "nope.txt")]))
    assert isinstance(err, ReadError) and "no such file" in err.reason


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (json.dumps({"id": "s1", "text": STORY_A}).encode() + b"\n{oops\n", ["s1", "error"]),
        (STORY_C.encode(), [text_id(STORY_C)]),
        (page("Talks to resume", STORY_A), ["article"]),
    ],
)
def test_stdin_is_sniffed(data: bytes, expected: list[str]) -> None:
    results = list(read_stdin(io.BufferedReader(io.BytesIO(data))))
    got = ["error" if isinstance(r, ReadError) else r.id for r in results]
    if expected == ["article"]:
        assert len(got) == 1 and got[0] != "error"
    else:
        assert got == expected


@pytest.mark.parametrize(
    ("name", "kind"),
    [("a.TXT", "text"), ("x.warc.gz", "warc"), ("c.jsonl", "jsonl"), ("f.xml", "feed"), ("z.pdf", None)],
)
def test_kind_of(name: str, kind: str | None) -> None:
    assert kind_of(name) == kind


def test_one_bad_input_does_not_stop_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STORY_A)
    results = list(read_inputs([str(tmp_path / "missing.csv"), str(good)]))
    assert isinstance(results[0], ReadError)
    assert isinstance(results[1], Article) and results[1].id == "good"


# --- a first taste of hostile inputs (issue 7 extends these) ---------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        (
            "u16.txt",
            "The minister said so, at length.".encode("utf-16-le"),
            "UTF-16 text without a byte-order mark",
        ),
        ("noise.txt", bytes(range(128, 256)) * 20, "not text"),
        ("long.txt", b"a" * (OPTS.max_bytes + 1), "larger than the 0.0625 MB limit"),
        ("long.html", b"<p>" + b"a" * OPTS.max_bytes, "larger than the 0.0625 MB limit"),
        ("nul.html", b"<html>\x00\x00\x00<body>", "binary content, not HTML"),
        ("empty.rss", b"", "not RSS or Atom"),
    ],
)
def test_hostile_files_are_refused_with_a_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STORY_A)
    bad = tmp_path / name
    bad.write_bytes(data)
    results = list(read_inputs([str(bad), str(good)], options=OPTS))
    [err] = errors(results)
    assert reason in err.reason and err.input == str(bad)
    assert [a.id for a in articles(results)] == ["good"]


def test_a_text_file_gets_a_title_and_outlet_guessed_from_its_first_and_last_lines(tmp_path: Path) -> None:
    f = tmp_path / "story.txt"
    f.write_text(f"Talks to resume next week\n\n{STORY_A}\n\nMehr News Agency\n")
    [art] = list(read_inputs([str(f)]))
    assert isinstance(art, Article)
    assert (art.title, art.outlet) == ("Talks to resume next week", "Mehr News Agency")
    assert art.text.startswith("Talks to resume")  # metadata only: the text and its offsets stay
    g = tmp_path / "plain.txt"
    g.write_text(f"{STORY_A}\nThe talks ended without a date.\n")
    [art] = list(read_inputs([str(g)]))
    assert isinstance(art, Article) and art.title is None and art.outlet is None
