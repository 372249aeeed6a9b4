"""Whether a denial or doubt is confident enough to call a claim cluster contested.

A cluster shown as contested tells the reader that some party disputes the event. A false contest
at the top of the overview costs more trust than a missed one, so a denying or questioning record
counts only when (1) its source is a real speaker: a named or coded party, not the author's own
voice, not an unresolved pronoun, not a thing ("these measures deny Iran resources"); and (2) its
denial scopes over the record's event: a deny or doubt cue over a clause, a claim or an event noun
("denied that ...", "rejected the accusations", "questioned whether ..."), or the event's own
negated predicate in its evidence ("said Russia has not supplied ..."). A withheld confirmation
("has not confirmed", "declined to comment") is a doubt, but no contest.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicons import read_pairs, read_table, word_set
from .model import Claim, Source
from .negation import HEAD_KINDS
from .stancewords import stance_words

DISSENT = ("denies", "questions")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us"})
_NEGATED_CUE = re.compile(r"\b(not|never|no)\b|n['’]t\b", re.I)


@lru_cache(maxsize=1)
def _dissent_cues() -> frozenset[str]:
    """The deny and doubt cues of ``attribution/cues.tsv`` (read here, not through the attribution
    package, so aggregation does not load the parser)."""
    rows = read_table("attribution/cues.tsv", min_cols=4, max_cols=4)
    return frozenset(r.cells[0].lower() for r in rows if r.cells[1] in ("deny", "doubt"))


@lru_cache(maxsize=1)
def _negation_words() -> frozenset[str]:
    words = set(word_set("events/negators.tsv")) | set(word_set("events/negative_words.tsv"))
    heads = {w for w, _ in read_pairs("events/negating_heads.tsv", HEAD_KINDS, "kind of negating head")}
    return frozenset(words | heads | {"without", "failed", "fails"})


def real_speaker(src: Source) -> bool:
    """A party that can dispute a claim: not the author, not an unresolved pronoun, not a thing."""
    return _real_speaker(src.kind, src.name, src.actor, src.role)


def _real_speaker(kind: str, name: str | None, actor: str | None, role: str | None) -> bool:
    if kind == "author" or not name:
        return False
    low = name.strip().lower()
    if low in _PRONOUNS:
        return False
    words = low.split()
    head = words[-1] if words else ""
    if head in word_set("attribution/not_sources.tsv"):
        return False  # "these measures deny Iran resources": nobody speaks through them
    if kind in ("person", "country", "outlet"):
        return True
    return bool(actor or role)


def _scoped(stance: str, cue_text: str | None, cue_lemma: str | None, evidence: str) -> bool:
    """Whether a denial or doubt is over the record's own event (see the module's docstring)."""
    if cue_text is None or cue_lemma is None:
        return False
    negated_cue = bool(_NEGATED_CUE.search(cue_text))
    lemma = cue_lemma.lower()
    if lemma in stance_words("directive"):
        return False  # "urged Russia not to attack": the "not" is in what is asked
    if lemma in _dissent_cues():
        # "did not deny" withholds a denial; the cue's object was checked by the finder
        # (attribute/stance.py: a deny cue over a non-claim object denies nothing)
        return not negated_cue
    if negated_cue:
        # "has not seen the Russians withdraw" denies; "has not confirmed" only withholds
        return stance == "denies"
    if stance == "questions":
        return True  # "said it is unclear whether ...": the doubt was read over the event's clause
    words = {w.lower() for w in re.findall(r"[\w'’-]+", evidence)}
    return bool(words & _negation_words()) or any(w.endswith(("n't", "n’t")) for w in words)


def confident(
    *,
    stance: str,
    source_kind: str,
    source_name: str | None,
    source_actor: str | None,
    source_role: str | None,
    cue_text: str | None,
    cue_lemma: str | None,
    evidence: str,
) -> bool:
    """A denial or doubt that makes its cluster contested: from a real speaker, over the clustered
    event. Plain fields, so the store can ask it of a row without building a record."""
    return (
        stance in DISSENT
        and _real_speaker(source_kind, source_name, source_actor, source_role)
        and _scoped(stance, cue_text, cue_lemma, evidence)
    )


def confident_dissent(c: Claim) -> bool:
    """:func:`confident` for a record; a record with no coded event contests nothing."""
    return c.event is not None and confident(
        stance=c.stance,
        source_kind=c.source.kind,
        source_name=c.source.name,
        source_actor=c.source.actor,
        source_role=c.source.role,
        cue_text=c.cue.text if c.cue else None,
        cue_lemma=c.cue.lemma if c.cue else None,
        evidence=c.evidence.text,
    )
