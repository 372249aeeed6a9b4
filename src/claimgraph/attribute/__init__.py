"""Attribution: who says what. Cues and quotations → source, cue and content spans; source
resolution inside the article; stance, hedging and the reporter's framing.

``find_attributions(doc)`` returns :class:`Attribution` objects over a parsed ``Doc``; the
pipeline turns them (with the event coder) into claim records.
"""

from .finder import Attribution, find_attributions
from .lexicon import AttributionLexicon, default_lexicon

__all__ = ["Attribution", "AttributionLexicon", "default_lexicon", "find_attributions"]
