"""Fuzzing the readers: any bytes under any name, plain or gzipped, whole or cut, never raise.

Every result is an Article or a ReadError whose reason is printable (binary never reaches a
terminal or the store), and each compressed input stays bounded by the caps.
"""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.model import Article
from claimgraph.read import ReadError, ReadOptions, read_inputs

NAMES = ["x.txt", "x.html", "x.jsonl", "x.csv", "x.xml", "x.warc", "x.gz", "x.jsonl.gz", "x.warc.gz", "x"]
SEEDS = [
    b'{"id": "a", "text": "Iran said so."}\n',
    b"id,text\na,Iran said so.\n",
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 10\r\n\r\n",
    b"<rss><channel><item><title>t</title></item></channel></rss>",
    b"<html><body><p>Iran said so.</p></body></html>",
    b"\x00\x01\x02\xff\xfe",
]
OPTS = ReadOptions(
    max_bytes=64 * 1024, max_line_bytes=4096, max_inflated_bytes=256 * 1024, fetch_feed_links=False
)


@st.composite
def payloads(draw: st.DrawFn) -> bytes:
    data = draw(st.sampled_from(SEEDS)) * draw(st.integers(1, 50)) + draw(st.binary(max_size=300))
    if draw(st.booleans()):
        data = gzip.compress(data)
    cut = draw(st.integers(0, len(data)))
    return data[:cut] if draw(st.booleans()) else data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(NAMES), data=payloads())
def test_any_bytes_under_any_name_give_articles_or_printable_errors(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / name
        p.write_bytes(data)
        for r in read_inputs([str(p)], options=OPTS):
            assert isinstance(r, Article | ReadError)
            if isinstance(r, ReadError):
                assert r.reason.isprintable() and len(r.reason) <= 300, r.reason
                assert r.input == str(p)
