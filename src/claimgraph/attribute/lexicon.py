"""The attribution lexicons (data/attribution/*.tsv), loaded and validated once."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..lexicons import Row, read_table, read_words

CUE_TYPES = frozenset({"say", "accuse", "deny", "doubt", "belief", "object", "quote"})
FRAMINGS = frozenset({"neutral", "distancing", "endorsing"})


@dataclass(frozen=True, slots=True)
class CueEntry:
    """One cue: its type (how it frames content), framing, and speech-act CAMEO code if any."""

    cue: str
    type: str
    framing: str
    speech_act: str | None


@dataclass(frozen=True, slots=True)
class AttributionLexicon:
    """Everything the attribution rules look up, as plain sets and maps."""

    cues: dict[str, CueEntry]
    adjective_cues: dict[str, CueEntry]
    nominal_cues: frozenset[str]
    anonymous_heads: frozenset[str]
    role_nouns: frozenset[str]
    not_sources: frozenset[str] = frozenset()  # head nouns that are never a source alone

    @classmethod
    def load(cls, extra_dirs: Sequence[str | os.PathLike[str]] = ()) -> AttributionLexicon:
        cues: dict[str, CueEntry] = {}
        for row in read_table("attribution/cues.tsv", min_cols=4, max_cols=4, extra_dirs=extra_dirs):
            cue, typ, framing, act = row.cells
            _check(row, typ, framing)
            cues[cue.lower()] = CueEntry(cue.lower(), typ, framing, None if act == "-" else act)
        adj: dict[str, CueEntry] = {}
        for row in read_table(
            "attribution/adjective_cues.tsv", min_cols=3, max_cols=3, extra_dirs=extra_dirs
        ):
            word, typ, framing = row.cells
            _check(row, typ, framing)
            adj[word.lower()] = CueEntry(word.lower(), typ, framing, None)
        return cls(
            cues=cues,
            adjective_cues=adj,
            nominal_cues=frozenset(read_words("attribution/nominal_cues.tsv", extra_dirs=extra_dirs)),
            anonymous_heads=frozenset(read_words("attribution/anonymous.tsv", extra_dirs=extra_dirs)),
            role_nouns=frozenset(read_words("attribution/roles.tsv", extra_dirs=extra_dirs)),
            not_sources=frozenset(read_words("attribution/not_sources.tsv", extra_dirs=extra_dirs)),
        )


def _check(row: Row, typ: str, framing: str) -> None:

    if typ not in CUE_TYPES:
        raise row.error(f"unknown cue type {typ!r} (expected one of {sorted(CUE_TYPES)})")
    if framing not in FRAMINGS:
        raise row.error(f"unknown framing {framing!r} (expected one of {sorted(FRAMINGS)})")


@lru_cache(maxsize=1)
def default_lexicon() -> AttributionLexicon:
    """The built-in lexicons plus the user's files from ``$CLAIMGRAPH_LEXICONS``."""
    return AttributionLexicon.load()
