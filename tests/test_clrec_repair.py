"""The parse repair before event coding (events/repair.py), on hand-built parses of our own
sentences: the misparse itself depends on the parser's version, the repair must not."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimgraph.events.repair import repair_dangling_subjects

# (word, head index, dep, POS, tag)
_SWALLOWED = [
    ("Likening", 10, "csubj", "VERB", "VBG"),
    ("it", 0, "dobj", "PRON", "PRP"),
    ("to", 0, "prep", "ADP", "IN"),
    ("Grozny", 2, "pobj", "PROPN", "NNP"),
    (",", 3, "punct", "PUNCT", ","),
    ("Serbian", 6, "amod", "ADJ", "JJ"),
    ("troops", 3, "conj", "NOUN", "NNS"),
    ("and", 6, "cc", "CCONJ", "CC"),
    ("militias", 6, "conj", "NOUN", "NNS"),
    ("openly", 10, "advmod", "ADV", "RB"),
    ("shelled", 10, "ROOT", "VERB", "VBD"),
    ("villages", 10, "dobj", "NOUN", "NNS"),
    (".", 10, "punct", "PUNCT", "."),
]


def _doc(rows: list[tuple[str, int, str, str, str]]) -> Doc:
    return Doc(
        Vocab(),
        words=[r[0] for r in rows],
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=[r[4] for r in rows],
    )


def test_swallowed_subject_goes_back_to_its_verb() -> None:
    doc = _doc(_SWALLOWED)
    repair_dangling_subjects(doc)
    assert (doc[6].dep_, doc[6].head.i) == ("nsubj", 10)
    assert doc[8].head.i == 6  # the conjunct comes along
    assert doc[0].dep_ == "advcl"


def test_a_verb_with_a_subject_is_left_alone() -> None:
    rows = list(_SWALLOWED)
    rows[11] = ("villages", 10, "nsubj", "NOUN", "NNS")  # a subject of its own (however odd)
    doc = _doc(rows)
    repair_dangling_subjects(doc)
    assert (doc[6].dep_, doc[6].head.i) == ("conj", 3)


def test_no_comma_no_repair() -> None:
    rows = list(_SWALLOWED)
    rows[4] = ("-", 3, "punct", "PUNCT", "HYPH")
    doc = _doc(rows)
    repair_dangling_subjects(doc)
    assert (doc[6].dep_, doc[6].head.i) == ("conj", 3)
