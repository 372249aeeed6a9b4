"""Back-references: a sentence that attributes the one before it ("... This was stated by President
Volodymyr Zelenskyy during a meeting with journalists.").

Government press services write their news this way: the statement first, in the author's voice,
then a sentence whose passive cue points back at it with a demonstrative subject and names the
speaker in a "by" phrase. Without this rule the statement reads as the author's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .lexicon import AttributionLexicon
from .spans import _np_span, _trim_chars

if TYPE_CHECKING:
    from .finder import Attribution

_POINTERS = frozenset({"this", "that", "these", "those"})


def back_references(doc: Doc, lex: AttributionLexicon, found: list[Attribution]) -> list[Attribution]:
    """Attributions of a previous sentence to the agent of "This was stated by X"; not where the
    previous sentence already reports a speaker of its own with a clausal cue ("X said ...")."""
    from .finder import Attribution

    out: list[Attribution] = []
    sents = list(doc.sents)
    for k, sent in enumerate(sents[1:], start=1):
        cue = _pointing_cue(sent.root, lex)
        if cue is None:
            continue
        tok, agent = cue
        prev = sents[k - 1]
        if any(prev.start <= a.cue_tokens[0] < prev.end and a.cue.type != "object" for a in found):
            continue  # the sentence reports its own speaker ("X said ...")
        entry = lex.cues.get(tok.lemma_.lower())
        if entry is None:
            continue
        aux = [c.i for c in tok.children if c.dep_ in ("auxpass", "aux")]
        out.append(
            Attribution(
                cue_tokens=sorted([tok.i, *aux]),
                cue=entry,
                content=_trim_chars(doc, prev.start, prev.end),
                source_span=_np_span(agent),
                rule=f"back-reference:{entry.cue}",
            )
        )
    return out


def _pointing_cue(tok: Token, lex: AttributionLexicon) -> tuple[Token, Token] | None:
    """The cue verb and the agent of "This was stated by X", or None."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.cues:
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.lower_ not in _POINTERS or any(c.dep_ == "ccomp" for c in tok.children):
        return None
    by = next((c for c in tok.children if c.dep_ == "agent"), None)
    agent = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
    return (tok, agent) if agent is not None else None
