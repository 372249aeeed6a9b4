"""Headline attributions: "Kremlin: Talks Will Resume", a short capitalised name, a colon and the
claim on a line of its own, is news style for "the Kremlin says talks will resume".

Split from :mod:`.finder` (near its size limit).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..nlp import doc_text
from .lexicon import AttributionLexicon, CueEntry
from .spans import end_before

if TYPE_CHECKING:
    from .finder import Attribution

# "Kremlin: Talks Will Resume" — a short capitalised name, a colon, the claim, on a line of its own
_HEADLINE = re.compile(
    r"^[ \t]*((?:[A-Z][\w.’'-]*)(?:[ \t]+[A-Z][\w.’'-]*){0,4})(:)[ \t]+(\S[^\n]{3,300})$", re.M
)


def headline_colons(doc: Doc, lex: AttributionLexicon, found: list[Attribution]) -> None:
    """Headline attributions, "Name: claim": news style for "Name says claim"."""
    from .finder import Attribution

    entry = lex.cues.get(":") or CueEntry(":", "say", "neutral", None)
    for m in _HEADLINE.finditer(doc_text(doc)):
        src = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        colon = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if src is None or colon is None or len(colon) != 1:
            continue
        if src.root.pos_ not in ("PROPN", "NOUN"):
            continue
        cs = m.start(3)
        ce = end_before(doc_text(doc), cs, m.end(3), ".")
        if any(a.content[0] < ce and cs < a.content[1] for a in found):
            continue
        found.append(
            Attribution(
                cue_tokens=[colon.start],
                cue=entry,
                content=(cs, ce),
                source_span=(src.start, src.end),
                rule="headline-colon",
            )
        )
