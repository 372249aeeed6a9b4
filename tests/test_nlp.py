"""Our faster attribute ruler must annotate exactly as spaCy's own."""

from __future__ import annotations

import json

import spacy

from claimgraph.nlp import MODEL
from claimgraph.pipeline import load_nlp
from conftest import SHARED

TEXTS = [
    "The U.S. Central Intelligence Agency's director said on Tuesday that Iran isn't supplying drones.",
    "“We won’t accept it,” she said — adding, 'there's no deal'. Officials couldn't confirm.",
    "  Leading spaces, tabs\tand\n\nparagraphs; 3.5 million dollars ($3.5m) in aid!!",
]


def _annotations(doc):  # type: ignore[no-untyped-def]
    return [(t.text, t.tag_, t.pos_, t.lemma_, str(t.morph)) for t in doc]


def test_fast_attribute_ruler_matches_spacy() -> None:
    texts = list(TEXTS)
    corpus = SHARED / "corpora" / "voa_m2e2.jsonl"
    if corpus.is_file():
        lines = corpus.read_text(encoding="utf-8").splitlines()[:20]
        texts += [json.loads(line)["text"] for line in lines if line.strip()]
    stock = spacy.load(MODEL)
    stock.add_pipe("claimgraph_paragraphs", before="parser")  # the same sentence starts as ours
    ours = load_nlp(events=False)
    for text in texts:
        assert _annotations(ours(text)) == _annotations(stock(text))


def test_a_blank_line_ends_a_sentence() -> None:
    """A headline above the body is not the body's first sentence, though it has no full stop; a
    single line break (hard-wrapped text) ends nothing."""
    nlp = load_nlp(events=False)
    doc = nlp(
        "Readout of the President's Call with the Prime Minister\n\n"
        "The President spoke today with the Prime Minister."
    )
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sents == [
        "Readout of the President's Call with the Prime Minister",
        "The President spoke today with the Prime Minister.",
    ]
    wrapped = nlp("The President spoke today with the\nPrime Minister of Italy about the war.")
    assert len(list(wrapped.sents)) == 1
