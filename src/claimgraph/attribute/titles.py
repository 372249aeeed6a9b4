"""Names and office titles as the text writes them: a person's name apart from the title an
entity took in ("Adviser to the Head of the President's Office Ann Example"), the role a text gives
a named person, and the country a title places them in. Used by the source resolver
(``claimgraph.attribute.sources``) for speakers and for actors named by title.
"""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from ..actors import ActorCoder
from ..lexicons import word_set
from ..nlp import doc_text
from ..people import fold_name, is_title_word
from .lexicon import AttributionLexicon

DETS = {"the", "a", "an", "this", "that", "these", "those"}
# a bare sector with no country ("officials" → "GOV") says nothing about who the source acts for
SECTORS = frozenset(
    [
        "BUS",
        "COP",
        "CRM",
        "CVL",
        "EDU",
        "GOV",
        "HLH",
        "JUD",
        "LAB",
        "LEG",
        "MED",
        "MIL",
        "OPP",
        "PTY",
        "REB",
        "REF",
        "REL",
        "SPY",
    ]
)


def strip_det(span: Span) -> str:
    toks = list(span)
    while toks and (toks[0].lower_ in DETS or toks[0].is_punct):
        toks = toks[1:]
    if not toks:
        return span.text
    return span.doc[toks[0].i : toks[-1].i + 1].text


def role_code(coder: ActorCoder, role: str) -> str | None:
    """The code of an office title, without the portfolio a "for" phrase names: the "Foreign Office
    Minister for the Middle East" is British, the "Minister for Foreign Affairs of Ukraine"
    Ukrainian, a "Special Envoy for Syria" nobody's until the text says whose; the employer an
    "at" phrase names stays ("vice president for new initiatives at the Wilson Center")."""
    return coder.code(re.sub(r"\s+for\s+.*?(?=\s+(?:of|at)\s+|$)", "", role))


def placed_by_title(coder: ActorCoder, role: str, before: str) -> bool:
    """Whether ``role`` names a country where the ``before`` title named only a kind of office."""
    new, old = role_code(coder, role), role_code(coder, before)
    return new is not None and new[:3] not in SECTORS and (old is None or old[:3] in SECTORS)


def name_text(tokens: list[Token]) -> str:
    """A name's words as written, a hyphen inside a name kept ("Chul-hwan")."""
    out = tokens[0].text
    for a, b in pairwise(tokens):
        hyph = b.i == a.i + 2 and a.doc[a.i + 1].text in ("-", "‐") and not a.whitespace_
        out += ("-" if hyph else " ") + b.text
    return out


def name_suffix(doc: Doc, end: int) -> str:
    """The generational suffix written right after a name ending at token ``end`` ("Joseph R.
    Biden, Jr.", "Tyrone Harris Sr."), as the text has it with its comma, else "". The recogniser
    leaves it out of the entity; the name the article gives is the one with it."""
    i = end + 1 if end < len(doc) and doc[end].text == "," else end
    if i >= len(doc) or doc[i].lower_ not in word_set("attribution/name_suffixes.tsv"):
        return ""
    last = doc[end - 1]
    return doc_text(doc)[last.idx + len(last.text) : doc[i].idx + len(doc[i].text)]


def fuller_name(written: str, canon: str) -> bool:
    """Whether the article writes a known person's name more fully than the people table's
    canonical form ("Joseph R. Biden, Jr." for "Joe Biden", "Sayyid Ebrahim Raisi" for "Ebrahim
    Raisi"): more words, the same surname. The record names the person as the article does
    (docs/claims-format.md: the fullest form in the article); ``source_key`` still counts them by
    the table's name."""
    suffixes = word_set("attribution/name_suffixes.tsv")
    words = [w for w in written.replace(",", " ").split() if w.lower() not in suffixes]
    cwords = canon.split()
    longer = len(written.split()) > len(cwords)
    return longer and bool(words) and fold_name(words[-1]) == fold_name(cwords[-1])


def role_of(ent: Span, lex: AttributionLexicon) -> str | None:
    """The role the text gives a named person: premodifiers or an appositive."""
    doc = ent.doc
    root: Token = ent.root
    # "The director of the CIA, William Burns": the name is an appositive of the role noun
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN"):
        h = root.head
        toks = [t for t in h.subtree if not (ent.start <= t.i < ent.end)]
        toks = [t for t in toks if t.i < ent.start]
        return clean_role(doc, toks)
    # "John Kirby, the spokesman for ...": an appositive of the name
    for c in root.children:
        if c.dep_ == "appos" and c.lemma_.lower() in lex.role_nouns:
            return clean_role(doc, list(c.subtree))
    # "White House spokesman John Kirby": the title right before the name
    from ..actors import default_coder

    toks = title_before(doc, ent.start, default_coder())
    return clean_role(doc, toks) if toks else None


CONNECTORS = frozenset({"of", "the", "to", "for", "and", "'s", "’s", "-"})
BODY_ENTS = frozenset({"ORG", "NORP", "GPE", "FAC", "LOC"})


def titular(tok: Token, coder: ActorCoder) -> bool:
    """A word of an office title: a role or title word, or a body ("Ukraine", "White House")."""
    return (
        is_title_word(tok.text)
        or is_title_word(tok.lemma_)
        or tok.ent_type_ in BODY_ENTS
        or (tok.text[:1].isupper() and (found := coder.lookup(tok.text)) is not None and found[1] != "person")
    )


def given_names(doc: Doc, start: int, coder: ActorCoder) -> list[Token]:
    """Up to two capitalised proper nouns right before a name's first token, in its sentence,
    that are no title word and no body: the given names an entity left out."""
    out: list[Token] = []
    i = start
    while i > doc[start].sent.start and len(out) < 2:
        t = doc[i - 1]
        if t.pos_ != "PROPN" or not t.text[:1].isupper() or not t.is_alpha or titular(t, coder):
            break
        out.insert(0, t)
        i -= 1
    return out


def same_given(a: str, b: str) -> bool:
    """Whether two names of one surname can be one person: one is the surname alone, or their
    first words are one given name in two romanisations."""
    wa, wb = a.split(), b.split()
    return len(wa) == 1 or len(wb) == 1 or fold_name(wa[0]) == fold_name(wb[0])


def role_head(role: str) -> str:
    """The head noun of a role as written: its last word before a linking preposition ("Deputy
    Head of the Office ..." → "head", "Adviser to the Head ..." → "adviser")."""
    words = role.lower().split()
    for k, w in enumerate(words):
        if k and w in ("of", "to", "for", "at", "in", "on"):
            words = words[:k]
            break
    return words[-1].removesuffix("'s").removesuffix("’s") if words else ""


def role_word(tok: Token) -> bool:
    """A title word that says what someone does: not an honorific ("Mr"), not a body."""
    return (is_title_word(tok.text) or is_title_word(tok.lemma_)) and tok.lower_.rstrip(".") not in word_set(
        "actors/honorifics.tsv"
    )


def title_before(doc: Doc, start: int, coder: ActorCoder) -> list[Token]:
    """The office title written right before a name at ``start``, within its sentence ("Deputy
    Head of the Office of the President of Ukraine", "White House spokesman"), or [] when there is
    none. Walks left over title words, bodies and the words linking them ("of the", "'s"); a run
    without a role or title word is no title ("in Kyiv")."""
    sent_start = doc[start].sent.start
    i = start
    while i > sent_start:
        t = doc[i - 1]
        if "\n" in t.text_with_ws:
            break  # a title does not run over a line break ("Baghdad\n\nForeign Office Minister")
        if t.lower_ in CONNECTORS or titular(t, coder):
            i -= 1
        else:
            break
    toks = [doc[k] for k in range(i, start)]
    while toks and toks[0].lower_ in CONNECTORS:
        toks = toks[1:]
    return toks if any(role_word(t) for t in toks) else []


def name_and_title(ent: Span, coder: ActorCoder) -> tuple[list[Token], list[Token]]:
    """A PERSON entity split into the title it took in and the person's name ("Adviser to the
    Head of the President's Office Ann Example" → title, "Ann Example"): the name is the run of
    capitalised words at its end with no title word, honorific or body in it; the last word is
    always the name's ("Angus King"), unless the entity is all title ("Adviser"). A body alone
    before a name is no title ("Israel Katz")."""
    toks = [t for t in ent if not t.is_punct or t.text == "."]
    while toks and (toks[-1].is_punct or toks[-1].lower_ in ("'s", "’s")):
        toks = toks[:-1]
    if not toks:
        return [], []
    i = len(toks) - 1
    while i > 0:
        t = toks[i - 1]
        if t.lower_ in CONNECTORS or not t.text[:1].isupper() or titular(t, coder):
            break
        i -= 1
    title, name = toks[:i], toks[i:]
    if all(titular(t, coder) for t in name):
        return toks, []  # a title alone ("the Adviser" taken for a name) names nobody
    if not any(role_word(t) for t in title):
        # honorifics are no role ("Mr. Ann Example"); a body alone is part of the name ("Israel Katz")
        honor = word_set("actors/honorifics.tsv")
        return [], [t for t in title if t.lower_.rstrip(".") not in honor] + name
    return title, name


def clean_role(doc: Doc, toks: list[Token]) -> str | None:
    cut = [k for k, t in enumerate(toks) if "\n" in t.text_with_ws]
    if cut and cut[-1] + 1 < len(toks):
        toks = toks[cut[-1] + 1 :]  # a heading's words are no part of the next line's title
    toks = [t for t in toks if not t.is_space]
    while toks and (toks[0].lower_ in DETS or toks[0].is_punct):
        toks = toks[1:]
    honor = word_set("actors/honorifics.tsv")
    # "Undersecretary for Education Mr. Example": an honorific before the name is no part of the role
    while toks and (
        toks[-1].is_punct or toks[-1].lower_ in ("'s", "’s") or toks[-1].lower_.rstrip(".") in honor
    ):
        toks = toks[:-1]
    if not toks:
        return None
    return doc[toks[0].i : toks[-1].i + 1].text
