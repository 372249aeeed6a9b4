"""A cheap language check before parsing: the English model turns other languages into nonsense."""

from __future__ import annotations

import re

from .lexicons import word_set

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def looks_english(text: str) -> bool:
    """Enough English function words (``data/language/function_words.tsv``) among the first words.

    Short texts pass (too little evidence either way); clearly foreign text (another script, or
    Latin-script text with almost no English function words) does not.
    """
    words = _WORD.findall(text[:5000])
    if len(words) < 12:
        return True
    latin = sum(1 for w in words if w.isascii())
    if latin / len(words) < 0.5:
        return False
    function_words = word_set("language/function_words.tsv")
    hits = sum(1 for w in words if w.lower() in function_words)
    return hits / len(words) >= 0.08
