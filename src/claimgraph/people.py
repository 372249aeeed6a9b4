"""Who held which office when: the dated people-and-offices table (data/actors/people.tsv).

Two questions are answered here, both by the article's date (``doc.user_data["published"]``):

- a person named in the text is coded by the office they held on that day ("Blinken" in 2023 is
  USAGOV as secretary of state); named outside all their terms, by the latest office held before
  the day, else their latest office;
- an office title in the text ("the President of Ukraine", "Ukrainian President", "the CIA
  director", "Russia's foreign minister", "the UN Secretary-General") is the person who held it on
  that day. Without a date, the most recent holder; a holder the article names wins over the date
  arithmetic, since the article is the better witness of whom it means.

A title is split into a *body* (the country, capital or organisation, found by the actor coder so
that "Ukrainian", "Ukraine's" and "Kyiv" are one body) and a *role* (the remaining words,
normalised by data/actors/office_words.tsv). The role is looked up as the table writes it
("president"), else through its office (data/actors/offices.tsv: "head of state" →
head_of_state).
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicons import Row, read_table, word_set

if TYPE_CHECKING:
    from .actors import ActorCoder

__all__ = [
    "OFFICES",
    "PeopleIndex",
    "Term",
    "default_people",
    "fold_name",
    "is_title_word",
    "people_for",
    "published_day",
    "read_terms",
]

PEOPLE_FILE = "actors/people.tsv"
OFFICES = (  # in the order an office says more about whom a person acts for
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "interior_minister",
    "intelligence_chief",
    "org_leader",
    "spokesperson",
    "other",
)
_RANK = {o: i for i, o in enumerate(OFFICES)}
_CODE_RE = re.compile(r"[A-Z]{3}(?:[A-Z]{3}){0,2}")
_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INTERNATIONAL = ("IGO", "NGO", "IMG", "MNC")
_OPEN = "9999-12-31"
_WORD = re.compile(r"[a-z]+")
# words that carry no role: articles, "of"/"for" linking role and body, the possessive's "s"
_ROLE_STOP = frozenset({"the", "a", "an", "of", "for", "s", "its", "their", "current", "incumbent"})
# a title with one of these does not mean the holder on the article's day
_NOT_CURRENT = frozenset({"former", "ex", "late", "then", "previous", "next", "future", "new", "outgoing"})


@dataclass(frozen=True, slots=True)
class Term:
    """One office term: a line of people.tsv, with its dates as comparable ISO strings."""

    name: str
    aliases: tuple[str, ...]
    code: str
    office: str
    title: str
    start: str  # YYYY-MM-DD; a bare year or month starts on its first day
    end: str  # YYYY-MM-DD; a bare year or month ends on its last day; open terms end in 9999

    def holds(self, day: str) -> bool:
        return self.start <= day <= self.end


def _iso(row: Row, value: str, *, end: bool) -> str:
    m = _DATE_RE.fullmatch(value)
    if m is None:
        raise row.error(f"not a date (YYYY-MM-DD, YYYY-MM or YYYY): {value!r}")
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if (mo is not None and not 1 <= int(mo) <= 12) or (d is not None and not 1 <= int(d) <= 31):
        raise row.error(f"not a calendar date: {value!r}")
    return f"{y}-{mo or ('12' if end else '01')}-{d or ('31' if end else '01')}"


def read_terms(
    extra_dirs: Sequence[str | os.PathLike[str]] = (), countries: Collection[str] = ()
) -> list[Term]:
    """Every line of people.tsv (built-in, then the user's), validated: a bad line raises a
    LexiconError naming file and line. ``countries``: the ISO3 codes a code may start with."""
    terms: list[Term] = []
    for row in read_table(PEOPLE_FILE, min_cols=6, max_cols=7, extra_dirs=extra_dirs):
        name, aliases, code, office, title, start = row.cells[:6]
        if not name:
            raise row.error("empty name")
        if not _CODE_RE.fullmatch(code):
            raise row.error(f"not an actor code (3, 6 or 9 capital letters): {code!r}")
        if countries and not code.startswith(_INTERNATIONAL) and code[:3] not in countries:
            raise row.error(f"unknown country code {code[:3]!r} (add it to countries.tsv)")
        if office not in _RANK:
            raise row.error(f"unknown office {office!r} (expected one of {', '.join(OFFICES)})")
        if not title:
            raise row.error("empty title")
        lo = _iso(row, start, end=False)
        hi = _iso(row, row.cells[6], end=True) if len(row.cells) > 6 else _OPEN
        if hi < lo:
            raise row.error(f"term ends ({row.cells[6]}) before it starts ({start})")
        alias_list = tuple(a.strip() for a in aliases.split("|") if a.strip())
        terms.append(Term(name, alias_list, code, office, title.lower(), lo, hi))
    return terms


def published_day(value: object) -> str | None:
    """The YYYY-MM-DD day of an ISO publication date, or None when there is none or it is not one."""
    if isinstance(value, str) and _DAY_RE.match(value):
        return value[:10]
    return None


def is_title_word(word: str) -> bool:
    """A word of a title, never of a name: an honorific ("Mr", "Dr."), a role noun ("President",
    "Adviser") or another title word ("Office", "Foreign"); the lists are data files."""
    w = word.lower().rstrip(".")
    return (
        w in word_set("actors/honorifics.tsv")
        or w in word_set("attribution/roles.tsv")
        or w in word_set("actors/title_words.tsv")
    )


def fold_name(name: str) -> str:
    """A name's transliteration-tolerant form: case-folded, without accents, "y" read as "i" and a
    doubled vowel as one, so that the romanisations of one name meet ("Podolyak" = "Podoliak",
    "Zelenskyy" = "Zelenskiy" = "Zelensky", "Sergey" = "Sergei"). Only for comparing names."""
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(ch)
    )
    return re.sub(r"([aeiou])\1+", r"\1", plain.replace("y", "i"))


def _near(a: str, b: str) -> bool:
    """Two folded given names one edit apart (two for long names): one name misspelt."""
    if a == b:
        return True
    if a[:1] != b[:1] or abs(len(a) - len(b)) > 2:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= (2 if min(len(a), len(b)) >= 7 else 1)


def latest(terms: Iterable[Term]) -> Term:
    """The most recent term; among terms that start together, the weightiest office."""
    return max(terms, key=lambda t: (t.start, -_RANK[t.office]))


def role_key(text: str, words: dict[str, str]) -> str:
    """A role's comparable form: lower case, letters only, spelling variants unified
    ("Secretary-General" = "secretary general"; "defense" = "defence")."""
    return " ".join(words.get(w, w) for w in _WORD.findall(text.lower()) if w not in _ROLE_STOP)


@dataclass(frozen=True, slots=True)
class _Title:
    body: str | None  # ISO3 for a country or capital, else the organisation's canonical name
    role: str


class PeopleIndex:
    """The table indexed by name, by title and by office; built once from an ActorCoder."""

    def __init__(self, coder: ActorCoder, extra_dirs: Sequence[str | os.PathLike[str]] = ()) -> None:
        self.coder = coder
        self.words: dict[str, str] = {}
        for row in read_table("actors/office_words.tsv", min_cols=2, max_cols=2, extra_dirs=extra_dirs):
            self.words[row.cells[0].lower()] = row.cells[1].lower()
        self.offices: dict[str, str] = {}
        for row in read_table("actors/offices.tsv", min_cols=2, max_cols=2, extra_dirs=extra_dirs):
            if row.cells[1] not in _RANK:
                raise row.error(f"unknown office {row.cells[1]!r} (expected one of {', '.join(OFFICES)})")
            self.offices[role_key(row.cells[0], self.words)] = row.cells[1]
        self.by_name: dict[str, list[Term]] = {}
        self.by_title: dict[tuple[str | None, str], list[Term]] = {}
        self.by_office: dict[tuple[str | None, str], list[Term]] = {}
        self.titles: dict[Term, _Title] = {}
        split: dict[tuple[str, str], _Title] = {}  # many terms share a title: split each once
        for t in coder.person_terms():
            self.by_name.setdefault(t.name, []).append(t)
            key = (t.title, t.code)
            title = split.get(key) or split.setdefault(key, self._table_title(t))
            self.titles[t] = title
            self.by_title.setdefault((title.body, title.role), []).append(t)
            bodies = {title.body, t.code[:3] if not t.code.startswith(_INTERNATIONAL) else t.code}
            for body in bodies:
                self.by_office.setdefault((body, t.office), []).append(t)

    # ---- building ----------------------------------------------------------------------------
    def _body_key(self, code: str, kind: str, name: str) -> str:
        return code[:3] if kind in ("country", "capital") else name

    def _table_title(self, t: Term) -> _Title:
        """Split a table title into body and role: "director of the cia" → (CIA, "director"),
        "un secretary-general" → (UN, "secretary general"); else the code's country is the body."""
        words = t.title.split()
        for i in range(len(words) - 1, 0, -1):  # "X of BODY", rightmost "of" first
            if words[i - 1] == "of":
                found = self.coder.lookup(" ".join(words[i:]), ignore_case=True)
                if found is not None:
                    return _Title(self._body_key(*found), role_key(" ".join(words[: i - 1]), self.words))
        for i in range(len(words), 0, -1):  # "BODY X", longest body first; a title that is a body
            found = self.coder.lookup(" ".join(words[:i]), ignore_case=True)
            if found is not None:
                return _Title(self._body_key(*found), role_key(" ".join(words[i:]), self.words))
        body = t.code[:3] if not t.code.startswith(_INTERNATIONAL) else t.code
        return _Title(body, role_key(t.title, self.words))

    # ---- people ------------------------------------------------------------------------------
    def person_named(self, name: str) -> str | None:
        """The table's person a bare name (no title) means, or None. A given name the table does
        not give its person is a namesake ("Michal Herzog" is not "Isaac Herzog", found by his
        surname); another romanisation or a misspelling of the given name is not ("Sergei" for
        "Sergey", "Mohammed" for "Mohammad", "Anthony" for "Antony"), while "Jim" is not "Joe"."""
        found = self.coder.find(name)
        matches = [m for m in found if m.kind == "person"]
        if not matches or not self.by_name.get(matches[0].name):
            return None
        m = matches[0]
        before = name[: m.start].split()
        body = any(x.end <= m.start and not name[x.end : m.start].strip() for x in found)  # "Russia Putin"
        if before and before[-1][:1].isupper() and not body and not is_title_word(before[-1]):
            known = {
                fold_name(n.split()[0])
                for t in self.by_name[m.name]
                for n in (t.name, *t.aliases)
                if " " in n
            }
            given = fold_name(before[-1].rstrip("."))
            if not any(_near(given, k) for k in known):
                return None
        return m.name

    def terms(self, name: str) -> list[Term]:
        """A person's terms by canonical name (as the actor coder reports it), oldest first."""
        return sorted(self.by_name.get(name, ()), key=lambda t: t.start)

    def term_at(self, name: str, day: str | None) -> Term | None:
        """The office a person held on a day (the weightiest if several); without a day their
        latest; named outside all their terms, the latest before the day, else the latest."""
        terms = self.by_name.get(name)
        if not terms:
            return None
        if day is None:
            return latest(terms)
        held = [t for t in terms if t.holds(day)]
        if held:
            return min(held, key=lambda t: _RANK[t.office])
        before = [t for t in terms if t.end < day]
        return latest(before or terms)

    def in_office(self, name: str, day: str | None) -> Term | None:
        """The office a person held on the day, or None (for a day outside all their terms)."""
        t = self.term_at(name, day)
        return t if t is not None and (day is None or t.holds(day)) else None

    # ---- titles ------------------------------------------------------------------------------
    def parse_title(self, mention: str) -> _Title | None:
        """Body and role of an office title as written ("Russia's foreign minister"), or None when
        the mention names a person or a former holder, or has no role words."""
        matches = self.coder.find(mention)
        if any(m.kind == "person" for m in matches):
            return None
        body: str | None = None
        rest: list[str] = []
        pos = 0
        for m in matches:
            if body is None:
                body = self._body_key(m.code, m.kind, m.name)
            rest.append(mention[pos : m.start])
            pos = m.end
        rest.append(mention[pos:])
        text = " ".join(rest)
        if _NOT_CURRENT & set(_WORD.findall(text.lower())):
            return None
        role = role_key(text, self.words)
        # an empty role only where the body is itself an office ("the UN Secretary-General")
        return _Title(body, role) if role or body is not None else None

    def holder(
        self, mention: str, day: str | None, named: Collection[str] = (), home: str | None = None
    ) -> Term | None:
        """The term of the person an office title means on the day. ``named``: the people the
        article names (canonical); a title without a body ("the Head of State") can only mean one
        of them, of the article's ``home`` country where it has one."""
        title = self.parse_title(mention)
        if title is None:
            return None
        cands = self.by_title.get((title.body, title.role))
        office = self.offices.get(title.role)
        if title.body is None:
            pool = [t for n in named for t in self.by_name.get(n, ())]
            if home is not None:
                pool = [t for t in pool if t.code.startswith(home)] or pool
            cands = [t for t in pool if self.titles[t].role == title.role]
            if not cands and office:
                cands = [t for t in pool if t.office == office]
        elif not cands and office:
            cands = self.by_office.get((title.body, office))
        elif not title.role and not cands:
            return None
        if not cands:
            return None
        return self._pick(cands, day, named)

    @staticmethod
    def _pick(cands: Sequence[Term], day: str | None, named: Collection[str]) -> Term | None:
        if day is not None:
            cands = [t for t in cands if t.holds(day)]
        mine = [t for t in cands if t.name in named]
        if mine:
            cands = mine
        if not cands:
            return None
        if (day is not None or mine) and len({t.name for t in cands}) > 1:
            return None  # two holders on one day, or two named: a shared office or a gap; no guess
        return latest(cands)


@functools.lru_cache(maxsize=4)
def people_for(coder: ActorCoder) -> PeopleIndex:
    """The index over a coder's table, built once per coder (it takes a moment)."""
    return PeopleIndex(coder)


def default_people() -> PeopleIndex:
    """The index over the default coder's table (built-in data plus CLAIMGRAPH_LEXICONS)."""
    from .actors import default_coder

    return people_for(default_coder())
