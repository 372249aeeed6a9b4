"""Speaker turns: a transcript paragraph opened by "Speaker: ..." is that speaker's statement.

Government transcripts and interviews ("President of Russia Vladimir Putin: Mr President, I want to
welcome you ...", "Q: ...") print who speaks once, before a colon, and then the whole paragraph in
their voice, with no reporting verb at all. Each sentence of such a paragraph becomes an
attribution to the label, unless another attribution already covers it ("I would like to note that
..." keeps its own cue). A label must name a person — a PERSON entity, or a role noun of the cue
lexicon ("the Chairman") — so "Note: ..." or "Update: ..." open no turn.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..nlp import doc_text
from .lexicon import AttributionLexicon, CueEntry

if TYPE_CHECKING:
    from .finder import Attribution

# a paragraph opening with a label of up to twelve words and a colon; connectors inside names and
# titles ("President of the Republic of Finland Sauli Niinistö") may be lower-case
_TURN = re.compile(
    r"^[ \t]*((?:[A-Z][\w.’'-]*)(?:[ \t]+(?:[A-Z][\w.’'-]*|of|the|and|for|de|da|al|bin|von|van)){0,11})"
    r"[ \t]*(:)[ \t]+(\S[^\n]*)$",
    re.M,
)
MAX_TURN_CHARS = 6000
"""A longer paragraph is more likely a document than a spoken turn: left alone."""


def speaker_turns(doc: Doc, lex: AttributionLexicon, found: list[Attribution]) -> list[Attribution]:
    """Attributions for the sentences of speaker-turn paragraphs that no other attribution covers."""
    from .finder import Attribution

    text = doc_text(doc)
    entry = CueEntry(":", "say", "neutral", None)
    out: list[Attribution] = []
    for m in _TURN.finditer(text):
        if m.end(3) - m.start(3) > MAX_TURN_CHARS:
            continue
        label = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        colon = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if label is None or colon is None or len(colon) != 1:
            continue
        is_person = any(e.label_ == "PERSON" for e in label.ents) or any(
            t.lemma_.lower() in lex.role_nouns for t in label
        )
        if not is_person:
            continue
        body = doc.char_span(m.start(3), m.end(3), alignment_mode="expand")
        if body is None:
            continue
        for sent in body.sents:
            cs, ce = max(sent.start_char, m.start(3)), min(sent.end_char, m.end(3))
            while ce > cs and (text[ce - 1].isspace() or text[ce - 1] in ".!?"):
                ce -= 1
            if ce - cs < 12:
                continue
            covered = any(a.content[0] < ce and cs < a.content[1] for a in found) or any(
                cs <= doc[a.cue_tokens[0]].idx < ce for a in found
            )
            if covered:
                continue
            out.append(
                Attribution(
                    cue_tokens=[colon.start],
                    cue=entry,
                    content=(cs, ce),
                    source_span=(label.start, label.end),
                    rule="speaker-turn",
                )
            )
    return out
