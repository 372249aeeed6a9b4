"""Signed quotations: "“The plan will fail.” ― Ana Ruiz", a quotation followed by a dash and a
name, is print style for a quote's speaker (epigraphs, pull quotes, readers' voices collected in a
list). The dash is the cue, the name the source and the quotation, marks included, the content.

Split from :mod:`.finder` (near its size limit).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..nlp import doc_text
from .lexicon import AttributionLexicon, CueEntry
from .quotes import QuoteIndex

if TYPE_CHECKING:
    from .finder import Attribution

# a dash right after the closing mark, then a name of up to six capitalised words (initials
# included) that ends its line, its sentence or runs into the next quotation: "” ― Sonya
# Herridge\n", "”— Carlos Raúl “The next ...". A name followed by more words ("— Trump said") is
# the start of a sentence, not a signature.
_SIGNATURE = re.compile(
    r"[ \t\u00a0]*([―—–])[ \t\u00a0]*"
    r"([A-Z][\w’'-]*\.?(?:[ \t\u00a0]+[A-Z][\w’'-]*\.?){0,5})"
    r"(?=[ \t\u00a0]*(?:\n|$|[“\"«]|[A-Z][\w’'-]*/))"
)


def signed_quotes(doc: Doc, lex: AttributionLexicon, quotes: QuoteIndex, found: list[Attribution]) -> None:
    """Attributions for quotations signed with a dash and a name that no cue attributes yet."""
    from .finder import Attribution

    text = doc_text(doc)
    entry = lex.cues.get("―") or CueEntry("―", "say", "neutral", None)
    for q in quotes.spans:
        m = _SIGNATURE.match(text, q[1])
        if m is None:
            continue
        dash = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        name_end = m.end(2) - 1 if m.group(2).endswith(".") and len(m.group(2).split()[-1]) > 2 else m.end(2)
        name = doc.char_span(m.start(2), name_end, alignment_mode="expand")
        if dash is None or name is None or len(dash) != 1 or not len(name):
            continue
        if name.root.pos_ != "PROPN" and not any(e.label_ == "PERSON" for e in name.ents):
            continue
        if any(
            a.content[0] < q[1] and q[0] < a.content[1] and not q[0] <= doc[a.cue_tokens[0]].idx < q[1]
            for a in found
        ):
            continue  # a cue outside the quotation already says who speaks it
        found.append(
            Attribution(
                cue_tokens=[dash.start],
                cue=entry,
                content=q,
                source_span=(name.start, name.end),
                rule="signed-quote",
            )
        )
