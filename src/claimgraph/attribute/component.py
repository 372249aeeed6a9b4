"""The attribution stage as a spaCy component: ``claimgraph_attribution`` fills ``doc._.attributions``.

Registered in spaCy's factory registry when this module is imported (``claimgraph.pipeline``
does), so a pipeline names it like any spaCy component and a trained attribution model can take
its place or run beside it.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from .finder import find_attributions
from .lexicon import default_lexicon

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)


@Language.factory(
    "claimgraph_attribution",
    default_config={},  # the rules read their lexicons (data/attribution, $CLAIMGRAPH_LEXICONS)
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents", "doc.sents"],
    assigns=["doc._.attributions"],
)
def make_attribution(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Who says what: cues, sources and contents (``Attribution`` objects, in text order)."""
    lex = default_lexicon()

    def attribution(doc: Doc) -> Doc:
        doc._.attributions = find_attributions(doc, lex)
        return doc

    return attribution
