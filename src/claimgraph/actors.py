"""The actor coder: from a mention ("the Iranian foreign ministry", "Tehran", "NBC News") to a
CAMEO-style actor code ("IRNGOV", "IRNGOV", "USAMED").

A code is an ISO 3166-1 alpha-3 country optionally followed by a 3-letter sector (GOV, MIL, SPY,
MED, REB, OPP, BUS, CVL, JUD, LEG, COP...), or an international code (IGO..., NGO..., IMG..., MNC)
or a CAMEO region (WST, EUR, MEA...). Codes compare on their first three letters, so the country
is what must be right; the sector refines it.

All names live in commented TAB-separated files under ``data/actors/`` (countries, demonyms,
capitals, places, organizations, leaders, outlets, international, sectors, named_types,
local_bodies, notactors), read through
:func:`claimgraph.lexicons.read_table` so users can extend them without touching code.

Matching works on tokens (runs of word characters, or single punctuation marks), so it is
word-boundary aware: "US" never matches inside "USAID", and "Iran" is found in "Iran's" and
"Iran-backed". Names match case-sensitively as written (so "US" is not "us", "WHO" is not "who",
"AP" is not "ap"); a leading "the", "al" or "el" also matches its capitalised form. Sector words
match case-insensitively.

How :meth:`ActorCoder.code` combines the signals in a noun phrase (the owner rule):

1. Names are found left to right, longest first. A name joined to a product or patron suffix
   ("Iranian-made", "Iran-backed", "London-based") is weak: it says where something comes from or
   who supports it, not who the phrase's head belongs to, and is ignored.
2. The phrase is split at the first host or location preposition outside a name ("to", "at",
   "against", "with", "on" / "in", "inside", "near"...). If names occur before it, only that part
   counts: "UK Ambassador to the United Nations" is GBR's ambassador, "the Iranian mission to the
   UN" is Iran's mission, "Russian troops in Syria" are Russian. If no name occurs before it, a
   location ("protesters in Tehran") supplies the country; a host ("ambassador to the UN") does not,
   except a national organisation or outlet after "at", which employs the head ("a professor at
   Harvard University" is USAEDU). "of", "for" and "from" do not split: "spokesman for the Russian
   foreign ministry" is Russian. With no name counted, a "-based" name gives the country ("a
   Washington-based analyst").
3. The first name in the counted part decides the country (English premodifiers put the owner
   first: "Al Jazeera's Gaza correspondent" is Qatari media). International and regional codes are
   returned as they are, without a sector.
4. The sector is the heaviest sector signal in the counted part, the rightmost among equals: sector
   words weigh 1-3 (sectors.tsv), a capital or a leader of the same country supplies its sector at
   1.5, an organisation or outlet of the same country at 10 ("CIA director" is USASPY).
5. With no name at all, a sector word alone is returned ("rebels" -> "REB"); with neither, None.
   A type noun after a name of its own is a sector too ("the M5S party" -> "PTY", named_types.tsv).

Three rules make names out of parts: a known place with a local body word is that country's
local government ("the Municipality of Livorno" -> ITAGOV, local_bodies.tsv; pycountry's
subdivision names count there only); initials a text defines in brackets for a coded name stand
for it all through that text ("the Italian Episcopal Conference (CEI)"); and a bare sector is
left for the callers to place in the article's home country (attribute.sources.placed).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import pycountry

from .lexicons import Row, read_table, read_words, word_set
from .people import Term, latest, read_terms

__all__ = ["ActorCoder", "ActorMatch", "default_coder"]

_TOKEN = re.compile(r"\w+|[^\w\s]")
# one-to-one character replacements, so offsets into the normalised text are offsets into the input
_NORM = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "–": "-"}
)  # not the em dash: parenthetical
# lower-case first words that also match capitalised ("the Kremlin" / "The Kremlin")
_FLEX_FIRST = frozenset({"the", "al", "el"})


@functools.cache
def _member_words() -> frozenset[str]:
    return frozenset(read_words("actors/member_words.txt"))


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# "<name>-<suffix>": the name is an origin or a patron, not the owner of the phrase's head
_WEAK_SUFFIXES = _wordset(
    "made built designed manufactured produced supplied origin backed sponsored funded aligned allied "
    "linked affiliated inspired based born friendly bound"
)
_HOST_PREPS = _wordset("to at against with on toward towards over versus vs about")
_LOCATION_PREPS = _wordset("in inside near across throughout within")
# words that may surround an outlet name in a phrase that still denotes the outlet
_OUTLET_FILLER = _wordset(
    "the a an ' s report reports reporting broadcast article story website site channel newspaper "
    "daily agency news television tv radio interview investigation , ."
)
# words a sector word's modifier walk stops at (thing_nouns.tsv): what follows them is no longer
# the noun the sector word modifies ("military of ...", "the military's ...")
_STOP_WALK = _wordset("of for from by to at in on with but than as that which who")
_INTERNATIONAL_CLASSES = frozenset({"IGO", "NGO", "IMG", "MNC"})
_NAME_FILES = (
    # file, kind (None: decided per row, see _kind_for)
    ("capitals.tsv", "capital"),
    ("places.tsv", "place"),
    ("international.tsv", None),
    ("organizations.tsv", "organization"),
    ("leaders.tsv", "person"),
    ("outlets.tsv", "outlet"),
)
_SENTENCE_ENDS = frozenset('.!?:;"“”')
_NAME_SUFFIXES = functools.partial(word_set, "attribution/name_suffixes.tsv")  # "Jr.", "Sr.", "III"
_CODE_RE = re.compile(r"[A-Z]{3}(?:[A-Z]{3}){0,2}")
_NO_PLURAL = ("s", "sh", "ch", "ese", "x", "z")
_IMPLICIT_WEIGHT = {"capital": 1.5, "person": 1.5, "authority": 1.5, "organization": 10.0, "outlet": 10.0}
_FOUND_KEPT = 16
"""Texts whose :meth:`ActorCoder.find` answers are kept: a document's and the spans read between."""
_PLACE_KINDS = frozenset({"place", "capital"})
_EMPLOYERS = frozenset({"organization", "outlet"})  # "an analyst at <one of these>" works for it
# initials a text defines in brackets ("(CEI)"), and the small words inside a name they stand for
_ABBR = re.compile(r"[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*")
_NAME_JOINS = frozenset({"of", "and", "for", "the", "&"})
# capitalised words before a type noun that are no name ("Both parties", "All unions")
_NOT_NAMES = _wordset(
    "the a an both all each every either neither any some many several most other these those this "
    "that two three four five their its our his her my your whose which what"
)
_V = TypeVar("_V")


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """One actor mention found in a text, with character offsets into the text passed in."""

    start: int
    end: int
    text: str
    code: str
    # "country" | "organization" | "outlet" | "group" | "person" | "capital" | "place" | "authority"
    # (a local government: "the Municipality of Livorno", see local_bodies.tsv)
    kind: str
    name: str  # canonical name, e.g. "Iran", "NBC News", "United Nations", "Vladimir Putin"


class _Trie(Generic[_V]):
    """A node of a token trie (see ActorCoder._compile)."""

    __slots__ = ("children", "value")

    def __init__(self) -> None:
        self.children: dict[str, _Trie[_V]] = {}
        self.value: _V | None = None


@dataclass(frozen=True, slots=True)
class _Entry:
    code: str  # "" for a blocked phrase (notactors.tsv)
    kind: str
    name: str


@dataclass(slots=True)
class _Hit:
    first: int  # token index of the first token
    last: int  # token index after the last token
    entry: _Entry
    weak: bool = False


@dataclass(frozen=True, slots=True)
class _Resolved:
    code: str | None
    entry: _Entry | None  # the named actor the phrase hinges on, if any


def _tokens(text: str) -> list[tuple[str, int, int]]:
    if not text.isascii():
        text = text.translate(_NORM)
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _split_aliases(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip()]


def _is_name_word(word: str) -> bool:
    """A capitalised word that may be part of a name (no determiner or quantifier: "Both parties")."""
    return word[:1].isupper() and word.lower() not in _NOT_NAMES


def _spelled_by(abbr: str, name: list[str]) -> list[str]:
    """The end of ``name`` whose word initials spell ``abbr`` (letters in order, from its first
    word): "Rosneft and China National Petroleum Corporation" for CNPC is the Chinese company; []
    where they do not ("al-Qaeda in Iraq" is not "Iraq" for AQI)."""
    letters = [c for c in abbr.lower() if c.isalpha()]
    for start, first in enumerate(name):
        if not letters or first[:1].lower() != letters[0]:
            continue
        k = 0
        for word in name[start:]:
            if k < len(letters) and word[:1].lower() == letters[k]:
                k += 1
        if k == len(letters):
            return name[start:]
    return []


def _plural(word: str) -> str | None:
    """The regular English plural of a (last) word, or None where it has none of its own."""
    if word.endswith(_NO_PLURAL):
        return None
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


class ActorCoder:
    """Codes mentions to actor codes; loads and compiles the data files once (build one, reuse it)."""

    def __init__(self, extra_dirs: Sequence[str | os.PathLike[str]] = ()) -> None:
        self._extra_dirs = extra_dirs
        self._found: dict[str, list[ActorMatch]] = {}
        self._aliases: dict[tuple[str, ...], _Entry] = {}
        self._countries: dict[str, str] = {}  # ISO3 -> canonical name
        self._load_countries()
        self._load_demonyms()
        for name, kind in _NAME_FILES:
            self._load_names(name, kind)
        self._terms: list[Term] = []
        self._load_people()
        for row in self._read("notactors.tsv", 1, 1):
            self._add(row.cells[0], _Entry("", "", ""))
        self._index = self._compile(self._aliases)
        self._subdivisions = self._compile(self._load_subdivisions())
        self._bodies_of, self._bodies_after = self._load_bodies()
        self._sectors: dict[tuple[str, ...], tuple[str, float]] = {}
        self._load_sectors()
        self._sector_index = self._compile(self._sectors)
        self._named_types = self._load_named_types()
        self._foreign = frozenset(r.cells[0].lower() for r in self._read("foreign_words.tsv", 1, 1))
        self._things = frozenset(
            form
            for row in self._read("thing_nouns.tsv", 1, 1)
            for form in (row.cells[0].lower(), _plural(row.cells[0].lower()))
            if form
        )
        self._titles = frozenset(w for toks in self._sectors for w in toks if len(toks) == 1) | frozenset(
            r.cells[0].lower().rstrip(".") for r in self._read("honorifics.tsv", 1, 1)
        )
        self._folded: dict[tuple[str, ...], _Entry] | None = None

    # ---- loading -----------------------------------------------------------------------------
    def _read(self, name: str, min_cols: int, max_cols: int) -> list[Row]:
        return read_table(f"actors/{name}", min_cols=min_cols, max_cols=max_cols, extra_dirs=self._extra_dirs)

    def _add(self, alias: str, entry: _Entry) -> None:
        toks = tuple(t for t, _, _ in _tokens(alias))
        if not toks:
            return
        self._aliases[toks] = entry
        if toks[0] in _FLEX_FIRST:
            self._aliases[(toks[0].capitalize(), *toks[1:])] = entry

    def _load_countries(self) -> None:
        """pycountry's names for every ISO 3166-1 entry, then our canonical names and aliases."""
        rows = self._read("countries.tsv", 2, 3)
        for row in rows:
            iso3 = row.cells[0]
            if not re.fullmatch(r"[A-Z]{3}", iso3):
                raise row.error(f"not an ISO 3166-1 alpha-3 code: {iso3!r}")
            self._countries[iso3] = row.cells[1]
        for c in pycountry.countries:
            canon = self._countries.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
            self._countries.setdefault(c.alpha_3, canon)
            entry = _Entry(c.alpha_3, "country", canon)
            for attr in ("name", "official_name", "common_name"):
                value = getattr(c, attr, None)
                if value and "," not in value:
                    self._add(value, entry)
        for row in rows:
            iso3 = row.cells[0]
            entry = _Entry(iso3, "country", self._countries[iso3])
            self._add(row.cells[1], entry)
            for alias in _split_aliases(row.cells[2]) if len(row.cells) > 2 else ():
                self._add(alias, entry)

    def _load_demonyms(self) -> None:
        for row in self._read("demonyms.tsv", 2, 2):
            iso3 = self._check_country(row, row.cells[0])
            entry = _Entry(iso3, "country", self._countries[iso3])
            for form in _split_aliases(row.cells[1]):
                self._add(form, entry)
                plural = _plural(form)
                if plural:
                    self._add(plural, entry)

    def _load_names(self, name: str, kind: str | None) -> None:
        for row in self._read(name, 2, 3):
            code = row.cells[1]
            if not _CODE_RE.fullmatch(code):
                raise row.error(f"not an actor code (3, 6 or 9 capital letters): {code!r}")
            if code[:3] not in _INTERNATIONAL_CLASSES and len(code) > 3:
                self._check_country(row, code[:3])
            entry = _Entry(code, kind or self._kind_for(code), row.cells[0])
            self._add(row.cells[0], entry)
            for alias in _split_aliases(row.cells[2]) if len(row.cells) > 2 else ():
                self._add(alias, entry)

    def _load_people(self) -> None:
        """The people table (people.tsv): every name and alias codes as the person's latest office
        (the date-dependent code is :class:`claimgraph.people.PeopleIndex`'s). It supersedes
        leaders.tsv: a leader sharing a name with a person becomes that person, so "Zelensky" and
        "Zelenskyy" are one canonical name. An alias two people of different countries share is
        dropped; a country, body or outlet of the same name keeps it."""
        self._terms = read_terms(self._extra_dirs, self._countries)
        groups: dict[str, list[Term]] = {}
        for t in self._terms:
            groups.setdefault(t.name, []).append(t)
        entries = {name: _Entry(latest(ts).code, "person", name) for name, ts in groups.items()}
        owners: dict[tuple[str, ...], str | None] = {}
        for name, ts in groups.items():
            for alias in {name, *(a for t in ts for a in t.aliases)}:
                toks = tuple(t for t, _, _ in _tokens(alias))
                prev = owners.setdefault(toks, name)
                if prev is not None and prev != name and entries[prev].code[:3] != entries[name].code[:3]:
                    owners[toks] = None
        merged: dict[_Entry, _Entry] = {}
        for toks, owner in owners.items():
            if owner is None or not toks:
                continue
            new, old = entries[owner], self._aliases.get(toks)
            if old is not None and (old.kind != "person" or old.code[:3] != new.code[:3]):
                continue
            if old is not None:
                merged[old] = new
            self._aliases[toks] = new
        for toks, old in list(self._aliases.items()):
            if old in merged:
                self._aliases[toks] = merged[old]

    def _load_subdivisions(self) -> dict[tuple[str, ...], str]:
        """pycountry's subdivision names that one country alone has ("Livorno", "Lombardia") and
        that name nothing else here: places for the local-body rule only (many are also common
        words or names elsewhere, so they never stand alone)."""
        owners: dict[tuple[str, ...], set[str]] = {}
        for sub in pycountry.subdivisions:
            country = pycountry.countries.get(alpha_2=sub.country_code)
            toks = tuple(t for t, _, _ in _tokens(sub.name))
            if country is None or not toks or not toks[0][:1].isupper():
                continue
            owners.setdefault(toks, set()).add(country.alpha_3)
        return {
            toks: next(iter(cs))
            for toks, cs in owners.items()
            if len(cs) == 1 and toks not in self._aliases and next(iter(cs)) in self._countries
        }

    def _load_bodies(self) -> tuple[_Trie[str], _Trie[str]]:
        """local_bodies.tsv: body words before "of <place>" and after a place, each a token trie."""
        tables: dict[str, dict[tuple[str, ...], str]] = {"of": {}, "after": {}}
        for row in self._read("local_bodies.tsv", 3, 3):
            phrase, where, sector = row.cells
            if where not in tables:
                raise row.error(f"position must be 'of' or 'after', not {where!r}")
            if not re.fullmatch(r"[A-Z]{3}", sector):
                raise row.error(f"not a 3-letter sector code: {sector!r}")
            toks = tuple(t for t, _, _ in _tokens(phrase.lower()))
            if toks:
                tables[where][toks] = sector
        return self._compile(tables["of"]), self._compile(tables["after"])

    def _load_sectors(self) -> None:
        self._sectors.update(self._sector_table("sectors.tsv"))

    def _load_named_types(self) -> dict[str, tuple[str, float]]:
        """named_types.tsv: type nouns that are a sector after a name ("the M5S party"), and plurals."""
        return {
            toks[0]: value for toks, value in self._sector_table("named_types.tsv").items() if len(toks) == 1
        }

    def _sector_table(self, name: str) -> dict[tuple[str, ...], tuple[str, float]]:
        """A table of lower-case phrases, their sector and weight (default 2); the regular plural of
        a phrase's last word is added."""
        out: dict[tuple[str, ...], tuple[str, float]] = {}
        for row in self._read(name, 2, 3):
            phrase, code = row.cells[0].lower(), row.cells[1]
            if not re.fullmatch(r"[A-Z]{3}", code):
                raise row.error(f"not a 3-letter sector code: {code!r}")
            try:
                weight = float(row.cells[2]) if len(row.cells) > 2 else 2.0
            except ValueError:
                raise row.error(f"weight must be a number: {row.cells[2]!r}") from None
            toks = tuple(t for t, _, _ in _tokens(phrase))
            if not toks:
                continue
            out[toks] = (code, weight)
            plural = _plural(toks[-1])
            if plural:
                out[(*toks[:-1], plural)] = (code, weight)
        return out

    def _check_country(self, row: Row, iso3: str) -> str:
        if iso3 not in self._countries:
            raise row.error(f"unknown country code {iso3!r} (add it to countries.tsv)")
        return iso3

    def _kind_for(self, code: str) -> str:
        """Rows of international.tsv: a bare region code is a group, anything else an organisation."""
        return "group" if len(code) == 3 and code not in self._countries else "organization"

    @staticmethod
    def _compile(table: dict[tuple[str, ...], _V]) -> _Trie[_V]:
        """A token trie: each node maps a token to its child; a node's value says a name ends there."""
        root: _Trie[_V] = _Trie()
        for toks, value in table.items():
            node = root
            for tok in toks:
                child = node.children.get(tok)
                if child is None:
                    child = node.children[tok] = _Trie()
                node = child
            node.value = value
        return root

    # ---- matching ----------------------------------------------------------------------------
    @staticmethod
    def _match_at(trie: _Trie[_V], words: list[str], i: int) -> tuple[int, _V] | None:
        """The longest name starting at token i: (token count, value)."""
        node = trie.children.get(words[i])
        best: tuple[int, _V] | None = None
        j = i + 1
        while node is not None:
            if node.value is not None:
                best = (j - i, node.value)
            if j >= len(words):
                break
            node = node.children.get(words[j])
            j += 1
        return best

    def _scan(self, words: list[str]) -> list[_Hit]:
        """Leftmost-longest, non-overlapping name matches over a token list (blocked ones included).

        A match that begins with "the" gives way to a longer one beginning after it ("the UN
        Security Council" is the Security Council, not "the UN").
        """
        hits: list[_Hit] = []
        n = len(words)
        i = 0
        while i < n:
            m = self._match_at(self._index, words, i)
            if m is None:
                i += 1
                continue
            k, entry = m
            if k > 1 and words[i].lower() in _FLEX_FIRST:
                m2 = self._match_at(self._index, words, i + 1)
                if m2 is not None and m2[0] >= k:
                    i, (k, entry) = i + 1, m2
            weak = i + k + 1 < n and words[i + k] == "-" and words[i + k + 1].lower() in _WEAK_SUFFIXES
            hits.append(_Hit(i, i + k, entry, weak))
            i += k
        return self._local_bodies(words, self._drop_namesakes(words, hits))

    def _local_bodies(self, words: list[str], hits: list[_Hit]) -> list[_Hit]:
        """A place with a body word is that country's local government (local_bodies.tsv):
        "Municipality of <place>" (the body capitalised, as in a name) and "<place> region"."""
        lower = [w.lower() for w in words]
        if self._bodies_of.children.keys().isdisjoint(
            lower
        ) and self._bodies_after.children.keys().isdisjoint(lower):
            return hits  # no body word in the text: nothing to join (most texts; the scan is per token)
        at = {h.first: h for h in hits}
        out: list[_Hit] = []
        i = 0
        while i < len(words):
            h = at.get(i)
            place = self._place_at(words, h, i)
            # capitalised as in a name, and not inside a longer one ("the Old City of Mosul")
            named = words[i][:1].isupper() and not (i and _is_name_word(words[i - 1]))
            body = self._match_at(self._bodies_of, lower, i) if named else None
            if body is not None and place is None:
                j = i + body[0]
                if j + 1 < len(words) and lower[j] == "of":
                    after = self._place_at(words, at.get(j + 1), j + 1)
                    if after is not None:
                        end, iso3 = after
                        name = " ".join(words[i:end])
                        out.append(_Hit(i, end, _Entry(iso3 + body[1], "authority", name)))
                        i = end
                        continue
            if place is not None:
                end, iso3 = place
                tail = self._match_at(self._bodies_after, lower, end) if end < len(words) else None
                if tail is not None:
                    last = end + tail[0]
                    name = " ".join(words[i:last])
                    out.append(_Hit(i, last, _Entry(iso3 + tail[1], "authority", name)))
                    i = last
                    continue
            if h is not None:
                out.append(h)
                i = h.last
            else:
                i += 1
        return out

    def _place_at(self, words: list[str], hit: _Hit | None, i: int) -> tuple[int, str] | None:
        """(end token, country) of a place inside a country starting at token i, else None."""
        if hit is not None:
            if hit.entry.kind in _PLACE_KINDS and not hit.weak:
                return hit.last, hit.entry.code[:3]
            return None
        if not words[i][:1].isupper():
            return None
        m = self._match_at(self._subdivisions, words, i)
        return (i + m[0], m[1]) if m is not None else None

    def _drop_namesakes(self, words: list[str], hits: list[_Hit]) -> list[_Hit]:
        """A bare surname is the person the text names in full with it ("Hillary Clinton ...
        Clinton" is not Bill); else, if the text gives it to someone the table does not know
        ("Oscar Pistorius" -- a capitalised word before it that is no title and starts no sentence),
        it is not the table's person anywhere in the text. A title (honorifics.tsv, a one-word
        sector) or a known name ("Kremlin Putin") before a surname is not a first name."""
        others: set[str] = set()
        full: dict[str, _Entry] = {}  # last word of a full name in the text -> that person
        for h in hits:
            if h.entry.kind != "person":
                continue
            if h.last - h.first > 1:
                full.setdefault(words[h.last - 1], h.entry)
                continue
            prev = words[h.first - 1] if h.first else ""
            # a sentence's first word may be any word ("But Putin", "Yesterday Putin"), unless a
            # generational suffix follows ("Tyrone Harris Sr. said")
            nxt = words[h.last].lower() if h.last < len(words) else ""
            inside = (h.first >= 2 and words[h.first - 2] not in _SENTENCE_ENDS) or nxt in _NAME_SUFFIXES()
            given = prev[:1].isupper() and prev.isalpha() and prev.lower() not in self._titles
            if given and inside and not self._aliases.get((prev,)):
                others.add(words[h.first])
        if not others and not full:
            return hits
        out: list[_Hit] = []
        for h in hits:
            if h.entry.kind == "person" and h.last - h.first == 1:
                named = full.get(words[h.first])
                if named is not None:
                    h = _Hit(h.first, h.last, named, h.weak)
                elif words[h.first] in others:
                    continue
            out.append(h)
        return out

    def _scan_sectors(
        self, words: list[str], covered: set[int], lo: int, hi: int
    ) -> list[tuple[int, str, float]]:
        """Sector words between token lo and hi, outside names: (position, sector, weight)."""
        lower = [w.lower() for w in words[:hi]]
        found: list[tuple[int, str, float]] = []
        i = lo
        while i < hi:
            m = None if i in covered else self._match_at(self._sector_index, lower, i)
            if m is not None and not covered.intersection(range(i, i + m[0])):
                k, (sector, weight) = m
                if not (i > lo and lower[i - 1] in self._foreign):  # "foreign leaders": not home's
                    found.append((i + k - 1, sector, weight))
                i += k
            else:
                i += 1
        found = [f for f in found if not self._modifies_thing(lower, f[0], hi)]
        for i in range(max(lo, 1), hi):
            typ = self._named_types.get(words[i].lower())
            # after a name of its own: "the Russian party" is the Russian side of talks
            if typ is not None and i not in covered and i - 1 not in covered and _is_name_word(words[i - 1]):
                found.append((i, *typ))
        return found

    def _modifies_thing(self, lower: list[str], j: int, hi: int) -> bool:
        """Whether the sector word ending at token j only modifies a thing noun (thing_nouns.tsv)
        a few words on: "the special military operation", "military and economic assistance" name
        no actor; "military officials" (a sector word follows) and "the military" do."""
        for q in range(j + 1, min(hi, j + 4)):
            w = lower[q]
            if w in self._things:
                return True
            if not w.isalpha() or w in _STOP_WALK or self._match_at(self._sector_index, lower, q):
                return False
        return False

    def find(self, text: str) -> list[ActorMatch]:
        """All non-overlapping actor mentions in a text, left to right, longest name first.

        Runs on every sentence of every article, so it is one dictionary lookup per token. The
        whole text of a document is read by several stages (the source resolver, the event coder,
        the uncoded-claim check), each with the same string, and spans of it in between: the last
        few answers are kept.
        """
        known = self._found.get(text)
        if known is not None:
            return list(known)
        toks = _tokens(text)
        words = [t[0] for t in toks]
        out: list[ActorMatch] = []
        hits = self._scan(words)
        if "(" in words:
            hits = self._with_abbreviations(words, hits)
        for h in hits:
            if not h.entry.code or self._member_of(words, h):
                continue
            start, end = toks[h.first][1], toks[h.last - 1][2]
            out.append(ActorMatch(start, end, text[start:end], h.entry.code, h.entry.kind, h.entry.name))
        if len(self._found) >= _FOUND_KEPT:
            del self._found[next(iter(self._found))]  # the oldest
        self._found[text] = out
        return list(out)

    def _with_abbreviations(self, words: list[str], hits: list[_Hit]) -> list[_Hit]:
        """Initials a text defines for a name of a country's body ("the Italian Episcopal Conference
        (CEI)", "CEI (Italian Episcopal Conference)") stand for that body all through the text."""
        covered = {i for h in hits for i in range(h.first, h.last)}
        learned: dict[str, _Entry] = {}
        for i, w in enumerate(words):
            if w != "(":
                continue
            close = next((j for j in range(i + 1, min(i + 10, len(words))) if words[j] == ")"), None)
            if close is None:
                continue
            if close == i + 2 and _ABBR.fullmatch(words[i + 1]) and i + 1 not in covered:
                start = i  # "<name> (ABBR)": the name words just before the bracket
                while start > 0 and (_is_name_word(words[start - 1]) or words[start - 1] in _NAME_JOINS):
                    start -= 1
                while start < i and words[start] in _NAME_JOINS:
                    start += 1
                abbr, name = words[i + 1], words[start:i]
            elif i and _ABBR.fullmatch(words[i - 1]) and i - 1 not in covered:
                abbr, name = words[i - 1], words[i + 1 : close]  # "ABBR (<name>)"
                if not all(_is_name_word(n) or n in _NAME_JOINS for n in name):
                    continue
            else:
                continue
            name = _spelled_by(abbr, name)
            got = self._resolve(" ".join(name)) if name else None
            code = got.code if got else None
            # after a person's name the initials are their party or state ("Jane Doe (D-Ohio)")
            person = got is not None and got.entry is not None and got.entry.kind == "person"
            if code and not person and (code[:3] in self._countries or code[:3] in _INTERNATIONAL_CLASSES):
                learned.setdefault(abbr, _Entry(code, "organization", " ".join(name)))
        if not learned:
            return hits
        extra = [_Hit(i, i + 1, learned[w]) for i, w in enumerate(words) if w in learned and i not in covered]
        return sorted(hits + extra, key=lambda h: h.first)

    def _member_of(self, words: list[str], h: _Hit) -> bool:
        """Whether an organisation's name is only whose member the phrase names ("a NATO member",
        "member states of the EU": ``member_words.txt``): the member acts, not the organisation."""
        if h.entry.code[:3] in self._countries:
            return False
        after = {w.lower() for w in words[h.last : h.last + 2]}
        before = [w.lower() for w in words[max(0, h.first - 4) : h.first]]
        members = _member_words()
        return bool(after & members) or ("of" in before and bool(set(before[: before.index("of")]) & members))

    def _resolve(self, phrase: str) -> _Resolved:
        words = [t[0] for t in _tokens(phrase)]
        hits = self._scan(words)
        covered = {i for h in hits for i in range(h.first, h.last)}
        for h in hits:
            if h.weak:  # the suffix ("-made") is not a sector word either
                covered.update((h.last, h.last + 1))
        strong = [h for h in hits if h.entry.code and not h.weak]
        split, prep = len(words), ""
        for i, w in enumerate(words):
            lw = w.lower()
            if i not in covered and i > 0 and (lw in _HOST_PREPS or lw in _LOCATION_PREPS):
                split, prep = i, lw
                break
        relevant = [h for h in strong if h.last <= split and not self._member_of(words, h)]
        hi = split
        if not relevant and prep in _LOCATION_PREPS:
            relevant, hi = strong, len(words)
        employer = not relevant and prep == "at"
        if employer:
            # "a professor at Harvard University": where a person works is whose voice they are;
            # a host is not ("ambassador at the UN"). The phrase still names the person, not the
            # employer: no named actor for kind() and canonical()
            relevant = [
                h
                for h in strong
                if h.first > split and h.entry.kind in _EMPLOYERS and h.entry.code[:3] in self._countries
            ][:1]
        sectors = self._scan_sectors(words, covered, 0, hi)
        if not relevant:
            # "a Washington-based analyst": with no owner named, where the head is based is its
            # country (a patron, "Iranian-backed", never is)
            based = [
                h.entry.code[:3]
                for h in hits
                if h.weak and h.entry.code[:3] in self._countries and words[h.last + 1].lower() == "based"
            ]
            # "a teacher at a college in Kinshasa": an employer named by nothing we know is where
            # the phrase places it (not "the ambassador at the UN in New York")
            placed = next((h for h in strong if h.first > split), None) if employer and not based else None
            if placed is not None and (
                placed.entry.kind in _PLACE_KINDS
                and words[placed.first - 1].lower() in _LOCATION_PREPS
                and placed.entry.code[:3] in self._countries
            ):
                based = [placed.entry.code[:3]]
            best = max(sectors, key=lambda s: (s[2], s[0]))[1] if sectors else ""
            if based:
                return _Resolved(based[0] + best, None)
            return _Resolved(best or None, None)
        decider = relevant[0].entry
        country = decider.code[:3]
        if country not in self._countries:  # international, regional: the code as it stands
            return _Resolved(decider.code, decider)
        head = decider
        for h in relevant:
            if h.entry.code[:3] != country:
                continue
            head = h.entry
            sector = h.entry.code[3:6]
            if sector and h.entry.kind in _IMPLICIT_WEIGHT:
                sectors.append((h.last - 1, sector, _IMPLICIT_WEIGHT[h.entry.kind]))
        named = None if employer else head
        if not sectors:
            return _Resolved(country, named)
        return _Resolved(country + max(sectors, key=lambda s: (s[2], s[0]))[1], named)

    # ---- public queries ----------------------------------------------------------------------
    def code(self, phrase: str) -> str | None:
        """The best actor code for a whole noun phrase, combining country and sector (see module doc)."""
        return self._resolve(phrase).code

    def country_of(self, phrase: str) -> str | None:
        """The ISO3 country a phrase belongs to, or None (also for international and regional actors)."""
        code = self._resolve(phrase).code
        return code[:3] if code and code[:3] in self._countries else None

    def kind(self, phrase: str) -> str | None:
        """The kind of the named actor the phrase hinges on ("Ukrainian President Zelensky": person)."""
        entry = self._resolve(phrase).entry
        return entry.kind if entry else None

    def canonical(self, phrase: str) -> str | None:
        """The canonical name of the actor the phrase hinges on ("Zelenskyy" -> "Volodymyr Zelensky")."""
        entry = self._resolve(phrase).entry
        return entry.name if entry else None

    def is_outlet(self, phrase: str) -> bool:
        """True if the phrase denotes a news organisation ("NBC News", "a CBS News report"), not a
        person working for one ("an NBC News correspondent"): the `via` test."""
        words = [t[0] for t in _tokens(phrase)]
        hits = [h for h in self._scan(words) if h.entry.code]
        if not hits or any(h.entry.kind != "outlet" for h in hits):
            return False
        covered = {i for h in hits for i in range(h.first, h.last)}
        return all(i in covered or w.lower() in _OUTLET_FILLER for i, w in enumerate(words))

    def demonym_country(self, word: str) -> str | None:
        """The country in a compound such as "Iranian-made" or "Russia-backed": the origin or patron,
        which :meth:`code` deliberately ignores because it does not own the phrase's head."""
        for h in self._scan([t[0] for t in _tokens(word)]):
            if h.entry.code[:3] in self._countries:
                return h.entry.code[:3]
        return None

    def lookup(self, name: str, *, ignore_case: bool = False) -> tuple[str, str, str] | None:
        """A whole name's (code, kind, canonical name), or None: for titles in the people table,
        which are written in lower case ("director of the cia")."""
        toks = tuple(t for t, _, _ in _tokens(name))
        entry = self._aliases.get(toks)
        if entry is None and ignore_case:
            if self._folded is None:
                self._folded = {}
                for key, e in self._aliases.items():
                    if e.code and e.kind != "person":
                        self._folded.setdefault(tuple(k.lower() for k in key), e)
            folded = tuple(t.lower() for t in toks)
            entry = self._folded.get(folded)
            if entry is None and folded[:1] == ("the",):
                entry = self._folded.get(folded[1:])
        if entry is None or not entry.code:
            return None
        return entry.code, entry.kind, entry.name

    def person_terms(self) -> list[Term]:
        """The people table's terms as loaded with this coder's data directories."""
        return list(self._terms)

    def countries(self) -> Iterable[tuple[str, str]]:
        """Every known (ISO3, canonical name): for listings and for checking coverage."""
        return sorted(self._countries.items())


@functools.lru_cache(maxsize=1)
def default_coder() -> ActorCoder:
    """The shared coder with the built-in data and CLAIMGRAPH_LEXICONS: loading takes a moment."""
    return ActorCoder()
