"""The event layer: CAMEO-coded events (who did what to whom, with what) read off the parse.

``default_event_coder().code_span(doc, start, end)`` is what the pipeline calls on a claim's content;
``code_sentence`` on the author's own sentences.
"""

from __future__ import annotations

from .coder import EventCoder, EventMention, default_event_coder
from .predicates import Lexicon, Predicate, lexicon, load_lexicon
from .roles import Resolve

__all__ = [
    "EventCoder",
    "EventMention",
    "Lexicon",
    "Predicate",
    "Resolve",
    "default_event_coder",
    "lexicon",
    "load_lexicon",
]
