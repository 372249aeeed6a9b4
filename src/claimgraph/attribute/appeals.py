"""Reported appeals: "X said that Iran should stop enriching uranium" is X's appeal to Iran (CAMEO
02, a demand with "must": 10), a speech act the format records in the author's voice, not a claim
that Iran stops (docs/claims-format.md, "Speech acts that are events").

Only indirect speech: a quotation stays the speaker's own words, recorded as said. The clause's
subject is the one appealed to; where it names no actor ("the world community should increase
pressure", "the election should be boycotted") the appeal still is one, to no coded target. A
pronoun subject that names no actor ("we must act") states a resolve, not an appeal.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..actors import default_coder
from ..lexicons import read_pairs
from .quotes import QuoteIndex
from .spans import SUBJ, _np_span

if TYPE_CHECKING:
    from .finder import Attribution


@cache
def appeal_codes() -> dict[str, str]:
    """Modal → CAMEO code of the appeal it makes (data/attribution/appeal_modals.tsv)."""
    return dict(read_pairs("attribution/appeal_modals.tsv", ("020", "100"), "CAMEO appeal code"))


def mark_appeals(doc: Doc, found: list[Attribution], quotes: QuoteIndex) -> None:
    """Turn each reported appeal in ``found`` into the speech act it is: the cue takes the appeal's
    code, the clause's subject becomes its target, and the content is no claim of its own."""
    codes = appeal_codes()
    coder = default_coder()
    for a in found:
        # "object" cues take a clause too: "stressed that the world community should act"
        if a.cue.type not in ("say", "belief", "object") or a.cue.speech_act or a.source_span is None:
            continue
        if a.refers_to is not None or a.continuation_of is not None or "+ccomp" not in a.rule:
            continue
        if quotes.containing(a.content[0], a.content[1]):
            continue
        span = doc.char_span(a.content[0], a.content[1], alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        code = next((codes[c.lower_] for c in root.children if c.dep_ == "aux" and c.lower_ in codes), None)
        subj = next((c for c in root.children if c.dep_ in SUBJ), None)
        if code is None or subj is None:
            continue
        target = _np_span(subj)
        if subj.pos_ == "PRON" and not coder.find(doc[target[0] : target[1]].text):
            # "we must defend ourselves", "it should be said": a resolve or a manner of speaking;
            # a noun names whom the appeal is to, coded or not ("the world community should act")
            continue
        a.cue = replace(a.cue, speech_act=code)
        a.target_span = target
        a.rule += "+appeal+speech-act-only"
