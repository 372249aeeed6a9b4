"""A bare surname the people table knows, in an article that names someone else of that surname:
"Pistorius said" in a story about "Oscar Pistorius" is not the German defence minister, "Clinton
said she" after "Hillary Clinton" not Bill Clinton. The source resolver asks here before it takes
the table's person for a surname alone.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..people import PeopleIndex, fold_name, is_title_word


def other_of_surname(doc: Doc, surname: str, canon: str, table: PeopleIndex) -> str | None:
    """The full name the article gives ``surname`` when that is not the table's ``canon``: every
    given name the text writes before the surname (a proper noun, not a title: "Oscar Pistorius",
    "the Oscar Pistorius trial") is one and the same, and the table does not take it for
    ``canon``. None when the text names ``canon`` itself, names two people of that surname, or
    gives the surname no given name."""
    fold = fold_name(surname)
    names: dict[str, str] = {}
    for tok in doc:
        if tok.i == 0 or fold_name(tok.text) != fold:
            continue
        first = doc[tok.i - 1]
        if first.text.endswith(".") and first.i > 0 and len(first.text) == 2:
            first = doc[first.i - 1]  # a middle initial: "Joseph R. Biden"
        if first.pos_ != "PROPN" or not first.text[:1].isupper() or is_title_word(first.text):
            continue
        full = doc[first.i : tok.i + 1].text
        if table.person_named(f"{first.text} {tok.text}") == canon:
            return None  # the article names the table's person
        names.setdefault(fold_name(first.text), full)
    return next(iter(names.values())) if len(names) == 1 else None
