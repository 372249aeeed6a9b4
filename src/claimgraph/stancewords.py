"""The stance words (``data/attribution/stance.tsv``) by role, read once; a leaf module, so the
attribution finder and the contest check (which must not load the parser) share one reading."""

from __future__ import annotations

from functools import cache

from .lexicons import read_pairs

ROLES = ("factive", "perceive", "whether", "wh", "state", "directive")


@cache
def stance_words(role: str) -> frozenset[str]:
    """The words of one role in ``attribution/stance.tsv`` (every row's role checked on first read)."""
    return frozenset(w for w, r in read_pairs("attribution/stance.tsv", ROLES, "stance role") if r == role)
