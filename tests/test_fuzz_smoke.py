"""A short run of the extractor fuzzer (``make fuzz`` runs 100,000 documents): no exception, offsets
that slice the input, the same records for the same input."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from types import ModuleType

from conftest import HARDENING, hardening_script


def _fuzz() -> ModuleType:
    return hardening_script("fuzz")


KNOWN = "surrogates not allowed"
"""The one known failure: ``extract`` raises UnicodeEncodeError on a lone surrogate (spaCy's tokenizer
encodes to UTF-8). The readers replace them, so ingest is safe; the public function is not yet."""


def test_fuzz_300_documents_in_process() -> None:
    summary = _fuzz().run(300, workers=1, seed_value=7, progress=False)
    assert summary["documents"] == 300
    assert (summary["invalid_offsets"], summary["nondeterministic"]) == (0, 0), summary["failures"]
    unknown = {k: n for k, n in summary["exception_kinds"].items() if KNOWN not in k}
    assert not unknown, summary["failures"]


def test_lone_surrogates_do_not_crash_extract() -> None:
    from claimgraph import extract

    text = "Iran said \ud800 Russia attacked Ukraine."
    for r in extract(text):
        assert text[r.evidence.start : r.evidence.end] == r.evidence.text


def test_the_generator_covers_every_kind_and_is_reproducible() -> None:
    fuzz = _fuzz()
    excerpts = [["Iran said “Russia attacked Ukraine.", "Officials denied it (in part."]]
    docs = list(fuzz.generate(300, seed_value=3, excerpts=excerpts))
    assert len(docs) == 300
    assert docs == list(fuzz.generate(300, seed_value=3, excerpts=excerpts))
    text = "".join(docs)
    assert any(0xD800 <= ord(c) <= 0xDFFF for c in text), "lone surrogates"
    assert any(c in text for c in "\u202e\u200f") and any("\u0600" <= c <= "\u06ff" for c in text), "RTL"
    assert "\x00" in text and "\n\n\n" in text
    assert max(len(d) for d in docs) > 1000
    cats = {unicodedata.category(c) for c in text}
    assert {"Cs", "Co", "Cn", "Cc", "Cf", "Mn", "Zl", "Zp"} <= cats and len(cats) >= 27, sorted(cats)


def test_offset_checker_finds_a_bad_span() -> None:
    from claimgraph.model import Claim, Evidence, Source

    fuzz = _fuzz()
    good = Claim(
        article_id="a",
        evidence=Evidence(start=0, end=4, text="Iran"),
        source=Source(text=None, name=None, kind="author"),
    )
    bad = Claim(
        article_id="a",
        evidence=Evidence(start=1, end=4, text="Iran"),
        source=Source(text="x", name=None, kind="person", start=9, end=99),
    )
    assert fuzz.offset_problems("Iran said", [good]) == []
    assert len(fuzz.offset_problems("Iran said", [bad])) == 2


def test_the_script_ends_with_a_json_line() -> None:
    out = subprocess.run(
        [sys.executable, str(HARDENING / "fuzz.py"), "-n", "20", "--workers", "1", "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    last = json.loads(out.stdout.strip().splitlines()[-1])
    assert {"documents", "exceptions", "invalid_offsets", "nondeterministic"} <= last.keys()
    assert last["documents"] == 20


def test_lone_surrogate_inside_a_source_mention() -> None:
    from claimgraph import extract
    from claimgraph.pipeline import ExtractOptions

    text = "Minister Ana Pere\ud800ira said Russia attacked Ukraine."
    for opts in (ExtractOptions(), ExtractOptions(events_only=False)):
        for r in extract(text, options=opts):
            assert text[r.evidence.start : r.evidence.end] == r.evidence.text
            if r.source.start is not None:
                assert text[r.source.start : r.source.end] == r.source.text
