"""Speaker turns: a transcript paragraph opened by "Speaker: ..." is that speaker's statement.

Government transcripts and interviews ("President of Russia Vladimir Putin: Mr President, I want to
welcome you ...", "Q: ...") print who speaks once, before a colon, and then the whole paragraph in
their voice, with no reporting verb at all. Each sentence of such a paragraph becomes an
attribution to the label, unless another attribution already covers it ("I would like to note that
..." keeps its own cue). A label must name a person — a PERSON entity, or a role noun of the cue
lexicon ("the Chairman") — so "Note: ..." or "Update: ..." open no turn, nor do the labels of
data/attribution/turn_labels.tsv ("QUESTION:", "Q:"), which name nobody.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from ..lexicons import word_set
from ..nlp import doc_text
from .lexicon import AttributionLexicon, CueEntry
from .spans import end_before

if TYPE_CHECKING:
    from .finder import Attribution

# a paragraph opening with a label of up to twelve words and a colon; connectors inside names and
# titles ("President of the Republic of Finland Sauli Niinistö") may be lower-case
# A label also opens a turn after the end of a sentence inside a paragraph, where a transcript's
# line breaks were lost ("... Mr President, welcome. President of Finland Sauli Niinistö: Thank
# you."), with an optional note in brackets ("(retranslated)") before the colon. A paragraph of a
# transcript quoted whole opens with a quotation mark before the label ('"WALLACE: Let's start').
_TURN = re.compile(
    r"(?:^[ \t]*[\"“]?|(?<=[.!?…”\"])[ \t]+)"
    r"((?:[A-Z][\w.’'-]*)(?:[ \t]+(?:[A-Z][\w.’'-]*|of|the|and|for|de|da|al|bin|von|van)){0,11})"
    r"[ \t]*(?:\([^()\n]{1,30}\))?[ \t]*(:)[ \t]+(?=\S)",
    re.M,
)
MAX_TURN_CHARS = 6000
"""A longer paragraph is more likely a document than a spoken turn: left alone."""


def speaker_turns(doc: Doc, lex: AttributionLexicon, found: list[Attribution]) -> list[Attribution]:
    """Attributions for the sentences of speaker-turn paragraphs that no other attribution covers;
    an attribution in a turn with no source of its own gets the turn's speaker."""
    from .finder import Attribution

    text = doc_text(doc)
    entry = CueEntry(":", "say", "neutral", None)
    out: list[Attribution] = []
    labels = list(_TURN.finditer(text))
    people = _capitalised_names(doc) if any(m.group(1).isupper() for m in labels) else set()
    for k, m in enumerate(labels):
        # the turn runs to the end of its paragraph or to the next speaker's label
        para_end = text.find("\n", m.end())
        body_end = len(text) if para_end < 0 else para_end
        if k + 1 < len(labels):
            body_end = min(body_end, labels[k + 1].start(1))
        body_start = m.end()
        if body_end - body_start > MAX_TURN_CHARS:
            continue
        if " ".join(m.group(1).split()).lower() in word_set("attribution/turn_labels.tsv"):
            continue  # "QUESTION:", "Q:": an unnamed questioner; the label still ends the turn before
        label = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        colon = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if label is None or colon is None or len(colon) != 1:
            continue
        is_person = (
            any(e.label_ == "PERSON" for e in label.ents)
            or any(t.lemma_.lower() in lex.role_nouns for t in label)
            or (label.text.isupper() and label.text.lower() in people)
        )
        if not is_person:
            continue
        source = _speaker_span(doc, label)
        body = doc.char_span(body_start, body_end, alignment_mode="expand")
        if body is None:
            continue
        for a in found:
            if a.source_span is None and body_start <= doc[a.cue_tokens[0]].idx < body_end:
                # "Thank you for accepting our invitation": a cue with no subject in a turn is the
                # speaker's own
                a.source_span = source
                a.rule += "+turn"
        for sent in (s for s in doc.sents if s.end > body.start and s.start < body.end):
            cs = max(sent.start_char, body_start)
            ce = end_before(text, cs, min(sent.end_char, body_end), ".!?")
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
                    source_span=source,
                    rule="speaker-turn",
                )
            )
    return out


def _capitalised_names(doc: Doc) -> set[str]:
    """The words of the document's PERSON names, lower-cased: a broadcast transcript prints its
    speakers in capitals ("WALLACE:", "PENCE:"), which the tagger reads as no name, while the same
    people are named in the running text ("Governor Mike Pence"). Computed once per document."""
    return {t.lower_ for e in doc.ents if e.label_ == "PERSON" for t in e if t.is_alpha and len(t) > 1}


def _speaker_span(doc: Doc, label: Span) -> tuple[int, int]:
    """The speaker's name inside a label ("President of Finland Sauli Niinistö (retranslated)" →
    "Sauli Niinistö"): a person the actor dictionary knows, else the last PERSON entity, else the
    whole label ("the Chairman")."""
    from ..actors import default_coder

    for m in default_coder().find(label.text):
        if m.kind == "person":
            lo = label.start_char
            span = doc.char_span(lo + m.start, lo + m.end, alignment_mode="expand")
            if span is not None:
                return span.start, span.end
    people = [e for e in label.ents if e.label_ == "PERSON"]
    if people:
        return people[-1].start, people[-1].end
    return label.start, label.end
