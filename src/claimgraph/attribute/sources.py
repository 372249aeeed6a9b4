"""Source resolution inside one article: who a source mention refers to, their role and actor code.

"he" → "Burns" → "William Burns"; "the CIA director" → the person the article gave that role;
"the mission" → "the Iranian mission to the United Nations"; "senior officials" → anonymous.
There is no coreference model that installs offline, so this is a small, explainable
rule-based resolver over the parse, named entities and the actor coder.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..actors import ActorCoder
from ..lexicons import read_table, word_set
from ..model import Source, Via
from ..nlp import doc_text
from ..people import PeopleIndex, Term, fold_name, is_title_word, people_for, published_day
from .lexicon import AttributionLexicon
from .namesakes import other_of_surname
from .quotes import doc_quotes
from .spans import _np_span as np_span
from .titles import (
    CONNECTORS,
    DETS,
    SECTORS,
    clean_role,
    fuller_name,
    given_names,
    name_and_title,
    name_suffix,
    name_text,
    placed_by_title,
    role_code,
    role_head,
    role_of,
    same_given,
    strip_det,
    title_before,
)

PRONOUN_CLASSES = ("person", "plural", "thing")


@lru_cache(maxsize=1)
def _pronouns() -> dict[str, str]:
    """Source pronouns and what they refer back to (data/attribution/pronouns.tsv)."""
    out: dict[str, str] = {}
    for row in read_table("attribution/pronouns.tsv", min_cols=2, max_cols=2):
        word, cls = row.cells
        if cls not in PRONOUN_CLASSES:
            raise row.error(f"unknown pronoun class {cls!r} (expected one of {list(PRONOUN_CLASSES)})")
        out[word.lower()] = cls
    return out


def is_pronoun(text: str) -> bool:
    """Whether a source mention is a bare pronoun ("he", "They")."""
    return text.strip().lower() in _pronouns()


def placed(code: str | None, home: str | None = None) -> str | None:
    """The actor code when it names a country or international actor, else None.

    A bare sector ("the government" → "GOV") takes the article's home country when it has one:
    a domestic report's "the police" are that country's police, as CAMEO coders read it.
    """
    if not code:
        return None
    if code[:3] in SECTORS:
        return f"{home}{code[:3]}" if home else None
    return code


def home_country(doc: Doc, coder: ActorCoder) -> str | None:
    """The country an article is about: the one named in at least 40% of its (≥ 3) country mentions."""
    counts: dict[str, int] = {}
    for m in coder.find(doc_text(doc)):
        c = m.code[:3]
        if m.kind in ("country", "capital", "place", "person") and c.isalpha() and c not in SECTORS:
            counts[c] = counts.get(c, 0) + 1
    total = sum(counts.values())
    if total < 3:
        return None
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 0.4 * total else None


# kinds that name one collective voice: how the phrase reads decides among them ("Ukraine said" is a
# country, "Ukraine's government said" an organisation), not who speaks, so the key does not
_COLLECTIVE = frozenset({"country", "organization", "group", "outlet"})


def source_key(src: Source, coder: ActorCoder) -> str:
    """The stable key a source is counted and clustered by across articles: the people table's
    entry for a known person ("person:John Kirby" for "Kirby" and "John Kirby"), else the kind, the
    normalised name and the country ("person:jane doe|GBR" is not "person:jane doe|USA").

    Names are compared case-folded, without accents, punctuation, a leading article or a person's
    middle initials, a person's also across romanisations (``fold_name``: "y" is "i"); a country,
    an organisation, a group and a cited outlet of one name and country are one voice."""
    name = src.name or src.text or ""
    if src.kind == "person" and name:
        canon = people_for(coder).person_named(name)
        if canon:
            return f"person:{canon}"
    folded = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = re.sub(r"[^\w\s'-]", " ", plain).split()
    while words and words[0] in DETS:
        words = words[1:]
    if src.kind == "person" and len(words) > 2:  # "Stephen J. Townsend" is "Stephen Townsend"
        words = [w for i, w in enumerate(words) if len(w) > 1 or i in (0, len(words) - 1)]
    if src.kind == "person":  # one person under two romanisations ("Podolyak", "Podoliak")
        words = [fold_name(w) for w in words]
    country = (src.actor or "")[:3]
    kind = "organization" if src.kind in _COLLECTIVE else src.kind
    return f"{kind}:{' '.join(words)}|{country}"


_PARTITIVES = frozenset(
    ["one", "some", "many", "most", "all", "several", "none", "each", "any", "both", "few"]
)
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def not_a_source(span: Span, lex: AttributionLexicon, coder: ActorCoder) -> bool:
    """True for a phrase headed by a noun nobody speaks through ("the measures", "governments",
    "one of the scenarios") that names no actor ("Western governments" is a source)."""
    head = span.root
    if head.lower_ in _PARTITIVES:
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                head = next((g for g in c.children if g.dep_ == "pobj"), head)
    if head.lower_ not in lex.not_sources:
        return False
    if any(t.ent_type_ in _ACTOR_ENTS for t in span):
        return False
    return not coder.find(span.text)


@dataclass(slots=True)
class Person:
    """A person named in the article, with the fullest name and the role the article gives them."""

    name: str
    surname: str
    role: str | None
    actor: str | None
    first: int  # token index of the first mention


class SourceResolver:
    """Resolves source mentions of one document; keeps the article's people and earlier sources."""

    def __init__(
        self,
        doc: Doc,
        coder: ActorCoder,
        lex: AttributionLexicon,
        outlet: str | None,
        table: PeopleIndex | None = None,
    ) -> None:
        self.doc = doc
        self.coder = coder
        self.lex = lex
        self.outlet = outlet
        self.table = table or people_for(coder)
        # the article's day picks office holders and the office a named person held
        self.day = published_day(doc.user_data.get("published"))
        self.people: list[Person] = []
        self.by_surname: dict[str, Person] = {}
        self.by_name: dict[str, Person] = {}  # canonical name (people table or leaders) -> person
        self.history: list[tuple[int, Source]] = []  # (token index, resolved source), in text order
        # computed once per Doc: the event coder and the record assembly both resolve sources
        if "claimgraph_home" not in doc.user_data:
            doc.user_data["claimgraph_home"] = home_country(doc, coder)
        self.home: str | None = doc.user_data["claimgraph_home"]
        # a government's or an armed force's own release: the people it quotes with no country
        # are its own ("Minister Ann Example said" in a Foreign Office statement on Iraq)
        own = coder.code(outlet) if outlet else None
        self.staff: str | None = own[:3] if own and own[3:6] in ("GOV", "MIL") else None
        # PERSON entities in text order, with their starts for bisection: `doc.ents` builds every
        # Span afresh on each access, which made one resolution per source quadratic in long texts
        self._persons = [e for e in doc.ents if e.label_ == "PERSON" and not self._a_place(e)]
        self._person_starts = [e.start for e in self._persons]
        # a person named inside a quotation is what the speaker talks about, not who "she" is
        # in "..., she said" after it
        quoted = doc_quotes(doc)
        self._said = [e for e in self._persons if not any(qs < e.start_char < qe for qs, qe in quoted)]
        self._said_starts = [e.start for e in self._said]
        if "claimgraph_named" not in doc.user_data:
            doc.user_data["claimgraph_named"] = sorted(
                {m.name for m in coder.find(doc_text(doc)) if m.kind == "person"}
            )
        # the people of the table the article names: who a bare title ("the Head of State") can be
        self.named = frozenset(n for n in doc.user_data["claimgraph_named"] if self.table.terms(n))
        self._token_at: dict[str, list[int]] | None = None
        self._namesakes: dict[str, str | None] = {}
        # the event coder and the record assembly each resolve the document's sources: the people
        # index is built once per Doc and outlet, and each resolver gets its own copy (resolving
        # places people, which must not leak from one stage into the other). Kept as plain
        # values, so ``Doc.to_bytes`` can still serialise ``user_data``.
        key = f"claimgraph_people\x1f{outlet}\x1f{id(self.table)}"
        cached = doc.user_data.get(key)
        if cached is None:
            self._index_people()
            slot = {id(p): n for n, p in enumerate(self.people)}
            doc.user_data[key] = (
                [(p.name, p.surname, p.role, p.actor, p.first) for p in self.people],
                {k: slot[id(p)] for k, p in self.by_surname.items()},
                {k: slot[id(p)] for k, p in self.by_name.items()},
            )
        else:
            rows, surnames, names = cached
            self.people = [Person(*row) for row in rows]
            self.by_surname = {k: self.people[n] for k, n in surnames.items()}
            self.by_name = {k: self.people[n] for k, n in names.items()}

    # --- people ---------------------------------------------------------------------------------

    def _a_place(self, ent: Span) -> bool:
        """A PERSON entity that is a place or body the actor dictionary knows ("Kyiv")."""
        found = self.coder.lookup(strip_det(ent))
        return found is not None and found[1] != "person"

    def _index_people(self) -> None:
        family: dict[str, Person] = {}  # a family name written first ("Park Min-seo"): its person
        for ent in self._persons:
            if not any(t.is_alpha for t in ent):
                continue
            title, tokens = name_and_title(ent, self.coder)
            if not tokens:
                continue
            if not title:  # given names the recogniser left out ("Taras [Vovkun]")
                tokens = given_names(self.doc, tokens[0].i, self.coder) + tokens
            name = name_text(tokens) + name_suffix(self.doc, ent.end)
            # "Tyrone Harris Sr.": the surname is the word before the suffix
            suffixed = len(tokens) > 1 and tokens[-1].lower_ in word_set("attribution/name_suffixes.tsv")
            surname = fold_name(tokens[-2 if suffixed else -1].text)
            role = clean_role(ent.doc, title) if title else role_of(self.doc[tokens[0].i : ent.end], self.lex)
            actor = placed(role_code(self.coder, role), self.staff or self.home) if role else None
            canon = self.table.person_named(name)
            other = self._namesake(name, canon) if canon and len(tokens) == 1 else None
            if other is not None:
                canon, name = None, other  # "Harris's father, Tyrone Harris Sr.": no table person
                role = actor = None  # the surname alone, no title: the table would place it
            known = self.by_name.get(canon) if canon else None
            namesake = self.by_surname.get(surname) or family.get(surname)
            if namesake is not None and not same_given(namesake.name, name):
                namesake = None  # "Isaac Herzog" is not the "Michal Herzog" named before him
            known = known or namesake
            if known is None:
                p = Person(name=name, surname=surname, role=role, actor=actor, first=ent.start)
                if canon:
                    self._from_table(p, canon)
                    self.by_name[canon] = p
                self.people.append(p)
                self.by_surname.setdefault(surname, p)
                if len(tokens) > 1 and not is_title_word(tokens[0].text):
                    family.setdefault(fold_name(tokens[0].text), p)
            else:
                self.by_surname.setdefault(surname, known)
                if canon and canon not in self.by_name:
                    self.by_name[canon] = known
                    self._from_table(known, canon)
                if len(name) > len(known.name) and known.name not in self.by_name:
                    known.name = name
                if role and (known.role is None or placed_by_title(self.coder, role, known.role)):
                    # the first title, or a later one that says whose office it is ("Minister
                    # X ..." then "X, the Foreign Office Minister")
                    known.role, known.actor = role, actor
        for p in self.people:
            if p.role is None:
                self._earlier_title(p)
        for fam, p in family.items():
            # a family name written first ("Kang Chul-hwan", later "Kang said"), unless it is
            # some other person's surname
            self.by_surname.setdefault(fam, p)

    def _earlier_title(self, p: Person) -> None:
        """A person first named where the recogniser missed the name ("Deputy Head of the Office of
        the President of Ukraine Ann Example held a meeting", NER only later): the title before
        that first mention is their role."""
        words = p.name.split()
        n = len(words)
        if self._token_at is None:  # where each word stands, built once: the scan was per person
            self._token_at = {}
            for t in self.doc:
                self._token_at.setdefault(t.text, []).append(t.i)
        for i in self._token_at.get(words[0], ()):
            if i >= min(p.first, len(self.doc) - n + 1):
                break
            if all(self.doc[i + k].text == w for k, w in enumerate(words)):
                title = title_before(self.doc, i, self.coder)
                if title:
                    p.role = clean_role(self.doc, title)
                    p.actor = p.actor or placed(role_code(self.coder, p.role or ""), self.staff or self.home)
                    p.first = i
                return

    def _namesake(self, surname: str, canon: str) -> str | None:
        """The article's other person of a surname the table gives ``canon`` (``namesakes``), once
        per surname and document."""
        key = f"{surname}\x1f{canon}"
        if key not in self._namesakes:
            self._namesakes[key] = other_of_surname(self.doc, surname, canon, self.table)
        return self._namesakes[key]

    def _from_table(self, p: Person, canon: str) -> None:
        """A known person: the canonical name, and the role and code of the office held on the
        article's day; out of office, the article's role, else the office held last. The name
        stays the article's where that is the fuller form of the table's."""
        if not fuller_name(p.name, canon):
            p.name = canon
        held = self.table.in_office(canon, self.day)
        if held is not None:
            p.role, p.actor = held.title, held.code
            return
        last = self.table.term_at(canon, self.day)
        if p.actor is None:
            p.actor = last.code if last is not None else placed(self.coder.code(canon), self.home)

    def _person_actor(self, p: Person, mention: str | None) -> str | None:
        """A person's code: their role's or the table's; for someone the article gives neither, the
        country the mention places them in ("Francis Kouamé in Ivory Coast"), else the article's
        home country (a domestic report's residents, officials and experts act from there)."""
        if p.actor:
            return p.actor
        # a mention the dictionary reads as a person names the table's person, whose code the
        # table gave already if it were this one ("Harris said" of a Lucas Harris)
        named = mention is not None and any(m.kind == "person" for m in self.coder.find(mention))
        code = self.coder.code(mention) if mention and not named else None
        if code and code[:3] not in SECTORS:
            p.actor = code  # later mentions ("Zeid said") are the person this one placed
            return code
        return self.staff or self.home

    def _title_holder(self, span: Span) -> Person | None:
        """The person an office title means on the article's day ("the President of Ukraine",
        "the CIA director", "the Head of State" where the article names its holder)."""
        held: Term | None = self.table.holder(strip_det(span), self.day, self.named, self.home)
        if held is None:
            return None
        p = self.by_name.get(held.name)
        if p is None:
            surname = fold_name(held.name.split()[-1])
            p = Person(name=held.name, surname=surname, role=held.title, actor=held.code, first=span.start)
            self.people.append(p)
            self.by_name[held.name] = p
            self.by_surname.setdefault(surname, p)
        return p

    def _person_at(self, span: Span) -> Person | None:
        """The named person a mention is about: only when the phrase's head is the name
        ("spokesman John Kirby", not "senior Biden administration officials")."""
        root = span.root
        if root.pos_ == "PROPN" and fold_name(root.text) in self.by_surname:
            # a surname the article introduced, whatever NER labels this mention
            return self.by_surname[fold_name(root.text)]
        if root.pos_ == "PROPN" or root.is_title:
            # a known person under another spelling ("Zelensky" after "Zelenskyy"), or one the
            # tagger or NER missed (a rare spelling can come out as a common noun)
            offset = root.idx - span.start_char
            for m in self.coder.find(span.text):
                if m.kind == "person" and m.start <= offset < m.end:
                    p = self.by_name.get(m.name)
                    other = self._namesake(m.text, m.name) if p is None and " " not in m.text else None
                    if other is not None:
                        # "Pistorius said" where the article is about Oscar Pistorius
                        p = Person(other, fold_name(m.text), role=None, actor=None, first=span.start)
                        self.people.append(p)
                        self.by_surname.setdefault(p.surname, p)
                    elif p is None and self.table.terms(m.name):
                        surname = fold_name(m.name.split()[-1])
                        p = Person(name=m.name, surname=surname, role=None, actor=None, first=span.start)
                        self._from_table(p, m.name)
                        self.people.append(p)
                        self.by_name[m.name] = p
                    if p is not None:
                        return p
        if root.ent_type_ != "PERSON":
            return None
        for ent in span.ents:
            if ent.label_ == "PERSON":
                toks = [t for t in ent if not t.is_punct and t.lower_ not in ("'s", "’s")]
                if toks:
                    return self.by_surname.get(fold_name(toks[-1].text))
        return None

    # --- resolution -----------------------------------------------------------------------------

    def resolve_token(self, tok: Token) -> tuple[str, str | None] | None:
        """For the event coder: who a person's name, a pronoun or a bare organ stands for.

        "Pereira" → the person the article introduced (coded by their role); "he" → the latest
        person; "the police" in a domestic report → the home country's police.
        """
        if tok.pos_ == "PROPN" and fold_name(tok.text) in self.by_surname:
            p = self.by_surname[fold_name(tok.text)]
            actor = self._person_actor(p, None)
            return (p.name, actor) if actor else None
        if tok.lower_ in ("he", "she", "him", "her"):
            src = self._recent_person(tok.i)
            return (src.name or tok.text, src.actor) if src is not None and src.actor else None
        if tok.lemma_.lower() in self.lex.role_nouns or tok.lower_ in self.lex.role_nouns:
            # "The President expressed support", "the head of state briefed": a title that means a
            # person of the article (or the office holder), as for a source
            span = self.doc[tok.left_edge.i : tok.right_edge.i + 1]
            if tok.dep_ in ("poss", "compound") or len(span) > 12:
                span = self.doc[tok.left_edge.i : tok.i + 1]
            src = self._resolve_raw(span)
            if src.kind == "person" and src.actor and src.name != strip_det(span):
                return (src.name or tok.text, placed(src.actor, self.home))
        if tok.pos_ == "NOUN" and self.home:
            phrase = self.doc[tok.left_edge.i : tok.i + 1].text
            code = self.coder.code(phrase)
            if code and code[:3] in SECTORS:
                # "representatives from Kiev", "officials of Ukraine": whose they are comes after
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                        whole = self.doc[tok.left_edge.i : c.right_edge.i + 1].text
                        full = self.coder.code(whole)
                        if full and full[:3] not in SECTORS:
                            return (whole, full)
                return (phrase, placed(code, self.home))
        return None

    def joint(self, start: int, end: int, parties: Sequence[str]) -> list[Source]:
        """One source per party when ``doc[start:end]`` speaks for the article's two parties
        ("The presidents pointed out ...", "Both sides expressed ...", "They agreed ..." in a
        readout), else []. ``parties``: the country codes of the article's opening event. A party
        is the person the article introduced for that country, else the country's government."""
        span = self.doc[start:end]
        each = self._coordinated(span)
        if each:
            return each
        if len(parties) < 2 or not self._joint_mention(span):
            return []
        at: dict[str, Any] = {"text": self._mention(span), "start": span.start_char, "end": span.end_char}
        out: list[Source] = []
        for code in parties[:2]:
            person = next((p for p in self.people if (p.actor or "")[:3] == code[:3]), None)
            person = person or self._named_of(code[:3])
            if person is not None:
                out.append(
                    Source(name=person.name, kind="person", role=person.role, actor=person.actor, **at)
                )
            else:
                name = dict(self.coder.countries()).get(code[:3], code[:3])
                out.append(Source(name=name, kind="country", actor=f"{code[:3]}GOV", **at))
        return out

    def _coordinated(self, span: Span) -> list[Source]:
        """One source per speaker of a coordinated subject of named people ("Vladimir Putin and
        Emmanuel Macron pointed out ..."): the mention is its first conjunct, the others hang on it.
        "Officials and experts said" is one anonymous voice; "Iran and Russia have not confirmed"
        stays one claim of the pair (the accusations of "the US and the UK" are split where their
        speech-act records are made). Else []."""
        head = span.root
        conjs = [c for c in head.conjuncts if not span.start <= c.i < span.end]
        if not conjs or any(c.i < head.i for c in conjs):
            return []
        out: list[Source] = []
        for tok in [head, *conjs]:
            if tok.pos_ != "PROPN" and tok.ent_type_ not in ("PERSON", "GPE", "ORG", "NORP"):
                return []
            s, e = np_span(tok) if tok.i != head.i else (span.start, span.end)
            src = self._resolve(self.doc[s:e])
            if src.kind != "person" or not src.actor:
                return []
            out.append(src)
        return out if len({s.name for s in out}) == len(out) else []

    def _named_of(self, country: str) -> Person | None:
        """A person of the people table the article names (NER may have missed them) who acts for
        ``country``."""
        for name in self.named:
            p = self.by_name.get(name)
            if p is None:
                p = Person(name=name, surname=fold_name(name.split()[-1]), role=None, actor=None, first=0)
                self._from_table(p, name)
            if (p.actor or "")[:3] == country:
                return p
        return None

    def _joint_mention(self, span: Span) -> bool:
        head = span.root
        if head.lower_ == "both" and len(span) == 1:
            return True
        if head.lower_ == "they" and len(span) == 1:
            # a bare "they" only where the previous sentence's subject is the pair itself
            # ("The leaders discussed ... They agreed ...", "Putin and Raisi spoke. They ...")
            sent = head.sent
            if sent.start == 0:
                return False
            prev = self.doc[sent.start - 1].sent
            subj = next((t for t in prev if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)
            if subj is None or subj.lower_ == "they":
                return False
            return bool(subj.conjuncts) or self._joint_mention(self.doc[subj.left_edge.i : subj.i + 1])
        nouns = word_set("events/participant_nouns.tsv")
        return (
            head.tag_ == "NNS"
            and head.lemma_.lower() in nouns
            and any(c.lower_ in ("the", "both", "two") for c in head.children)
            and not any(
                c.dep_ in ("amod", "compound", "poss", "prep") and c.lower_ not in ("two", "both")
                for c in head.children
            )
        )

    def resolve(self, start: int, end: int) -> Source:
        """The source for the mention ``doc[start:end]``; remembered for later pronouns."""
        src = self._resolve(self.doc[start:end])
        self.history.append((start, src))
        return src

    def author(self) -> Source:
        name = self.outlet or "author"
        actor = self.coder.code(self.outlet) if self.outlet else None
        return Source(text=None, name=name, kind="author", actor=actor)

    def via(self, start: int, end: int) -> Via:
        span = self.doc[start:end]
        text = self._mention(span)
        src = self._resolve(span)
        name = self._outlet_name(span) or src.name or text
        return Via(
            name=name, kind=src.kind, actor=src.actor, text=text, start=span.start_char, end=span.end_char
        )

    def _mention(self, span: Span) -> str:
        """A mention's text as the caller's article has it (offsets slice that text, which can
        differ from the parsed text where lone surrogates were replaced)."""
        return doc_text(self.doc)[span.start_char : span.end_char]

    def _outlet_name(self, span: Span) -> str | None:
        for m in self.coder.find(span.text):
            if m.kind == "outlet":
                return m.name
        return None

    def _resolve(self, span: Span) -> Source:
        breaks = [t.i for t in span if t.is_space and "\n\n" in t.text]
        if breaks and breaks[-1] + 1 < span.end:
            # a heading run into the next paragraph's subject: the speaker is after the break
            span = self.doc[breaks[-1] + 1 : span.end]
        root = span.root
        if len(span) == 1 and root.tag_ in ("WP", "WDT") and root.head.dep_ == "relcl":
            # "officials who said ...": the mention is the pronoun, the source its antecedent
            head = root.head.head
            ante = self._resolve(self.doc[head.left_edge.i : head.i + 1])
            return replace(ante, text=self._mention(span), start=span.start_char, end=span.end_char)
        src = self._resolve_raw(span)
        fixed = placed(src.actor, self.home)
        return (
            src
            if fixed == src.actor
            else Source(
                text=src.text,
                name=src.name,
                kind=src.kind,
                role=src.role,
                actor=fixed,
                start=src.start,
                end=src.end,
            )
        )

    def _resolve_raw(self, span: Span) -> Source:
        text = self._mention(span)
        head = span.root
        low = text.lower()
        base: dict[str, Any] = {"text": text, "start": span.start_char, "end": span.end_char}
        if low.strip(" :") in word_set("attribution/turn_labels.tsv"):
            return Source(name=None, kind="anonymous", **base)  # "QUESTION:" names nobody
        if not_a_source(span, self.lex, self.coder):
            return Source(name=None, kind="anonymous", **base)
        # a named person
        person = self._person_at(span)
        if person is not None:
            actor = self._person_actor(person, text)
            return Source(name=person.name, kind="person", role=person.role, actor=actor, **base)
        # pronouns: the latest compatible earlier source or person
        pron = _pronouns().get(low)
        if pron == "person":
            p = self._previous_subject(span) or self._recent_person(span.start)
            if p is not None:
                return Source(name=p.name, kind=p.kind, role=p.role, actor=p.actor, **base)
            return Source(name=text, kind="person", **base)
        if pron is not None:
            prev = self._recent_source(span.start, plural=pron == "plural")
            if prev is not None:
                return Source(name=prev.name, kind=prev.kind, role=prev.role, actor=prev.actor, **base)
            return Source(name=text, kind="anonymous", **base)
        # an outlet ("NBC News", "a CBS News report")
        outlet = self._outlet_name(span)
        if outlet is not None and (self.coder.is_outlet(text) or head.lemma_.lower() in ("report", "news")):
            return Source(name=outlet, kind="outlet", actor=self.coder.code(outlet), **base)
        # a definite description that refers back: "the CIA director", "the mission"
        words = [t for t in span if t.lower_ not in DETS]
        hl = head.lemma_.lower()
        if span[0].lower_ in ("the", "this", "that") and hl in self.lex.role_nouns:
            known = self._person_with_role(span)
            if known is not None:
                actor = self._person_actor(known, None)
                return Source(name=known.name, kind="person", role=known.role, actor=actor, **base)
        holder = self._title_holder(span) if hl in self.lex.role_nouns or head.pos_ == "PROPN" else None
        if holder is not None:
            return Source(name=holder.name, kind="person", role=holder.role, actor=holder.actor, **base)
        if span[0].lower_ in ("the", "this") and len(words) <= 2:
            prev_src = self._earlier_with_head(span.start, hl)
            if prev_src is not None:
                return Source(name=prev_src[0], kind=prev_src[1], role=None, actor=prev_src[2], **base)
        code = self.coder.code(text)
        kind = self.coder.kind(text)
        if hl in self.lex.anonymous_heads and not any(e.label_ == "PERSON" for e in span.ents):
            return Source(name=strip_det(span), kind="anonymous", actor=code, **base)
        if kind == "group" or ((code or "").startswith(("WST", "EUR")) and kind != "organization"):
            return Source(
                name=self.coder.canonical(text) or strip_det(span), kind="group", actor=code, **base
            )
        if kind in ("country", "capital") and len(words) <= 3:
            c3 = (code or "")[:3] or None
            return Source(
                name=self.coder.canonical(text) or strip_det(span),
                kind="country",
                actor=f"{c3}GOV"
                if c3 and len(c3) == 3 and not c3.startswith(("IGO", "NGO", "IMG"))
                else code,
                **base,
            )
        if head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and head.ent_type_ == ""):
            # a person the text gives no country acts from the article's home country; a title
            # written into the name is their role ("Deputy Minister of Defence Ann Example")
            title, toks = name_and_title(span, self.coder)
            name = self.doc[toks[0].i : toks[-1].i + 1].text if toks else strip_det(span)
            role = clean_role(self.doc, title) if title and toks else None
            return Source(name=name, kind="person", role=role, actor=code or self.staff or self.home, **base)
        if code is None and head.pos_ == "NOUN" and self.home:
            # "an eyewitness said", "police said" in a domestic report: someone of that country
            code = placed(self.coder.code(text), self.home) or self.home
        return Source(name=strip_det(span), kind="organization", actor=code, **base)

    def _previous_subject(self, span: Span) -> Source | None:
        """ "Sullivan spoke with Foreign Minister Hussein. He expressed appreciation ...": a "he"
        or "she" opening its sentence continues the previous sentence's subject when that is a
        named person, though another person was named after it."""
        sent = span.root.sent
        if sent.start == 0 or any(not t.is_punct for t in self.doc[sent.start : span.start]):
            return None
        prev = self.doc[sent.start - 1].sent
        subj = next((t for t in prev if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)
        if subj is None or subj.ent_type_ != "PERSON":
            return None
        person = self._person_at(self.doc[subj.left_edge.i : subj.i + 1])
        if person is None:
            return None
        actor = self._person_actor(person, None)
        return Source(text=None, name=person.name, kind="person", role=person.role, actor=actor)

    def _recent_person(self, before: int) -> Source | None:
        """The latest person: an earlier person source within a few sentences, else the last name."""
        best_src: tuple[int, Source] | None = None
        for i, s in reversed(self.history):
            if i < before and s.kind == "person":
                best_src = (i, s)
                break
        k = bisect_left(self._said_starts, before)
        last_ent = self._said[k - 1] if k else None
        if last_ent is not None:
            p = self._person_at(last_ent)
            if p is not None and (best_src is None or last_ent.start > best_src[0] + 40):
                actor = self._person_actor(p, None)
                return Source(text=None, name=p.name, kind="person", role=p.role, actor=actor)
        return best_src[1] if best_src else None

    def _recent_source(self, before: int, *, plural: bool) -> Source | None:
        for i, s in reversed(self.history):
            if i < before and (s.kind != "person" or not plural):
                return s
        # "They have accused ...": the subject of the previous sentence
        sent = self.doc[before].sent
        if sent.start > 0:
            prev = self.doc[sent.start - 1].sent
            for t in prev:
                if t.dep_ == "nsubj":
                    code = self.coder.code(" ".join(x.text for x in t.subtree))
                    sp = self.doc[t.left_edge.i : t.right_edge.i + 1]
                    if code and not not_a_source(sp, self.lex, self.coder):
                        kind = self.coder.kind(sp.text) or "group"
                        return Source(
                            text=sp.text,
                            name=self.coder.canonical(sp.text) or strip_det(sp),
                            kind="group" if kind not in ("country", "person", "outlet") else kind,
                            actor=code,
                        )
        return None

    def _person_with_role(self, span: Span) -> Person | None:
        """The person whose role shares this description's head noun and modifiers. Where the
        description's head is in the role it must be the role's head and every other word of the
        description must be in the role or name the person's country: "the President of Russia"
        is not the President of Ukraine, "the Head of State" not a deputy head of an office."""
        words = {t.lower_ for t in span if t.lower_ not in DETS and not t.is_punct}
        root = {span.root.lower_, span.root.lemma_.lower()}
        code = self.coder.code(span.text)
        best: tuple[int, Person] | None = None
        for p in self.people:
            if p.first >= span.start or not p.role:
                continue
            role_words = {
                w.lower().strip("(),").removesuffix("'s").removesuffix("’s") for w in p.role.split()
            }
            overlap = len(words & role_words)
            if root & role_words:
                country = (p.actor or "")[:3]
                if not root & {role_head(p.role)} or any(
                    w not in role_words and w not in CONNECTORS and self.coder.country_of(w) != country
                    for w in words
                ):
                    continue
                overlap += 2
            if code and code == p.actor:
                overlap += 2
            if overlap >= 2 and (best is None or overlap > best[0]):
                best = (overlap, p)
        return best[1] if best else None

    def _noun_chunks(self) -> list[tuple[int, int, int]]:
        """``doc.noun_chunks`` as (start, end, root) once per Doc: spaCy re-runs the syntax iterator
        over the whole text at every access, a few milliseconds per definite description resolved.
        Kept as plain numbers, so ``Doc.to_bytes`` can still serialise ``user_data``."""
        chunks: list[tuple[int, int, int]] | None = self.doc.user_data.get("claimgraph_noun_chunks")
        if chunks is None:
            chunks = [(c.start, c.end, c.root.i) for c in self.doc.noun_chunks]
            self.doc.user_data["claimgraph_noun_chunks"] = chunks
        return chunks

    def _earlier_with_head(self, before: int, head_lemma: str) -> tuple[str, str, str | None] | None:
        """The fullest earlier noun phrase with the same head ("the mission" → "the Iranian mission ...")."""
        best: tuple[int, int, int] | None = None
        for start, end, root in self._noun_chunks():
            if start >= before:
                break
            if self.doc[root].lemma_.lower() == head_lemma and end - start > 2:
                best = (start, end, root)
        if best is None:
            return None
        full = self.doc[best[0] : self.doc[best[2]].right_edge.i + 1]
        code = self.coder.code(full.text)
        return (strip_det(full), "organization", code)
