"""Do two claim records report the same event? The similarity that claim clusters are built on.

An exact key (actor1, actor2, CAMEO root) splits one event worded four ways ("seized",
"annexation", "invaded") and merges two calls between the same leaders a fortnight apart. Here a
record is reduced to a :class:`Signature` and two signatures are compared on:

- **family** — CAMEO codes that describe one kind of event (``data/clusters/families.tsv``):
  seize / occupy / annex are one family, provide aid and stop aid are two; a noun naming a lasting
  state ("aggression", "invasion", "occupation": ``data/clusters/states.tsv``) puts a conflict
  record in the state's family whatever its code (a war waged on a country is one family, the
  occupation of a territory another);
- **participants** — actor countries, in either direction for symmetric families (a call read out
  by both sides); a missing target is compatible with any target;
- **time** — the event's own date when the text gives one ("on Monday", "in 2014"), else the
  publication day; how far apart two reports may be depends on the family (a call is one day, an
  occupation lasts);
- **object and place** — different object heads ("fertiliser" vs "grain") or different places
  ("Kharkiv" vs "Odesa") are different events in families where they matter;
- **words** — cosine similarity of the content words of evidence, object and action, which decides
  between compatible candidates and, where participants or time are loose, whether to join at all.

A thanks record ("X thanked Y for his support") is compared as the act it thanks for, Y→X
(:func:`thanked_family`): it reports that act from the receiving side.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache

from .lexicons import read_table, read_words

RULES_VERSION = 9
"""Bumped whenever the code's idea of one event changes (2: lasting-state nouns, states.tsv; 3: a
denial's general object, general_objects.txt; 4: an undated report joins its own article's dated
report of the event; 5: thanks are a report of the act thanked for, thank_words.txt and
thanked_for.tsv; 6: a war waged on a country is a state apart from the occupation of a territory,
a family only state words lead to; 7: a verbal act between the two parties of a meeting its
article reports is dated like the meeting, :func:`said_at`; speakers' names and the speaking
country's name are no shared words; organisations are parties of their own; a report without a
day joins another article only by a name or a particular thing; ceasefire and retreat families;
vague_objects.txt; 8: a town that is an actor is a place the report names, :func:`place_names`; a denial
dated weeks before an act is not about it; inside one country the sides, state or not, tell events
apart, state_sectors.txt; two reports of talks between the same two parties within a fortnight are one round;
9: places do not tell one war from another, a military operation is a war; a target dropped as the
actor's own country keeps its words, "in Khan Sheikhoun"; a cluster dated by a month is found from
its month's last day; two meetings of the same two countries whose people differ by name are two,
:func:`persons_differ`; a denial is timed against the reports it answers, and one by the accused
naming the reports' place denies that act); with the data tables it makes :func:`rules_fingerprint`."""
LASTING_DAYS = 730
"""A lasting state (occupation, blockade) reported with nothing in common but its actors: two years."""
DENIAL_DAYS = 180
"""A denial answers the claim whenever it comes: up to half a year after the event it denies."""
MIN_SHARED = 2
"""Content words two reports must share before their words count as similar at all."""
MIN_WORDS = 0.3
"""Cosine of content words a report needs to join a cluster when its actors or time leave room."""


@dataclass(frozen=True, slots=True)
class Family:
    """A kind of event: its name, how long one lasts (None: a state), and what identifies it."""

    name: str
    window: int | None
    symmetric: bool = False
    object_matters: bool = False
    place_window: int | None = None  # None: places do not matter; else the window when places agree
    country: bool = False  # with both targets known, the target country identifies it, not places

    @property
    def punctual(self) -> bool:
        return self.window is not None and self.window <= 3


@cache
def _families() -> dict[str, Family]:
    out: dict[str, Family] = {}
    for row in read_table("clusters/families.tsv", min_cols=3, max_cols=4):
        prefix, name, window = row.cells[:3]
        opts = [o.strip() for o in (row.cells[3] if len(row.cells) > 3 else "").split(",") if o.strip()]
        place: int | None = None
        for o in opts:
            if o.startswith("place="):
                place = int(o.split("=", 1)[1])
            elif o not in ("sym", "object", "country"):
                raise row.error(f"unknown option {o!r} (sym, object, country, place=N)")
        if window != "lasting" and not window.isdigit():
            raise row.error(f"window must be a number of days or 'lasting', not {window!r}")
        out[prefix] = Family(
            name=name,
            window=None if window == "lasting" else int(window),
            symmetric="sym" in opts,
            object_matters="object" in opts,
            place_window=place,
            country="country" in opts,
        )
    return out


@cache
def family_of(cameo: str) -> Family:
    """The family of the longest prefix of ``cameo`` listed; the CAMEO root as a family otherwise."""
    fams = _families()
    for n in range(len(cameo), 1, -1):
        fam = fams.get(cameo[:n])
        if fam is not None:
            return fam
    return Family(name=f"root-{cameo[:2]}", window=30)


_MATERIAL_CONFLICT = frozenset(["14", "15", "16", "17", "18", "19", "20"])
_VERBAL = frozenset(["01", "02", "03", "04", "05", "10", "11", "12", "13"])
"""CAMEO's verbal roots (cooperation 01-05, conflict 10-13): acts done by saying them."""
_MEETING = ("040", "041", "042", "043", "044")
"""Consult, discuss by telephone, visit, host, meet elsewhere: two parties meeting."""


def is_verbal(cameo: str | None) -> bool:
    """An act done by saying it (CAMEO's verbal cooperation and conflict roots)."""
    return bool(cameo) and str(cameo)[:2] in _VERBAL


def is_meeting(cameo: str | None) -> bool:
    """A report of a meeting or call between two parties (CAMEO 040-044)."""
    return bool(cameo) and str(cameo).startswith(_MEETING)


_ORGANISATIONS = ("IGO", "NGO", "MNC")
"""CAMEO's international, non-governmental and multinational actors: the organisation (the next
three letters) is the party, as a country is: the UN (IGOUNO) is not NATO (IGONAT)."""


def party(code: str | None) -> str | None:
    """The party a code stands for in a cluster: its country, or the organisation for an IGO, NGO
    or MNC code."""
    if not code:
        return None
    c = code.upper()
    return c[:6] if c.startswith(_ORGANISATIONS) and len(c) >= 6 else c[:3]


def meetings_by_article(
    rows: Iterable[tuple[str, str | None, str | None, str | None]],
) -> dict[str, tuple[tuple[str, str], ...]]:
    """The meetings and calls each article reports, as sorted country pairs, from (article id,
    actor1 code, actor2 code, CAMEO code) rows: what ``aggregate.Report.meetings`` holds. A record's
    meetings come from its whole article, so the store attaches them however few of the article's
    records a recluster loads."""
    out: dict[str, set[tuple[str, str]]] = {}
    for article_id, actor1, actor2, cameo in rows:
        a, b = party(actor1), party(actor2)
        if a and b and a != b and is_meeting(cameo):
            out.setdefault(article_id, set()).add((min(a, b), max(a, b)))
    return {k: tuple(sorted(v)) for k, v in out.items()}


def said_at(fam: Family, cameo: str, pair: tuple[str, str], meetings: Sequence[tuple[str, str]]) -> Family:
    """The family of a verbal act between the two parties of a meeting or call its own article
    reports ("Putin and Macron agreed to stay in contact", "the Vice President reaffirmed her
    support for Israel" in a readout): it was said at that meeting, so it is dated like the meeting
    and joins only reports of the same day, as two calls between the same leaders are two events.
    A verbal act aimed at no one or at a third party ("Russia's demands", "condemned the DPRK's
    launches") is a position that may be repeated at many meetings and keeps its family's window."""
    if not is_verbal(cameo) or fam.window is None or fam.punctual or pair not in meetings:
        return fam
    return replace(fam, window=family_of("04").window)


def _family_table(name: str, key: Callable[[str], str]) -> dict[str, str]:
    """A table of words and the family (a prefix listed in families.tsv) each leads to, keyed by
    ``key`` of the word; a prefix not listed is reported with its file and line."""
    out: dict[str, str] = {}
    fams = _families()
    for row in read_table(name, min_cols=2, max_cols=2):
        word, prefix = row.cells
        if prefix not in fams:
            raise row.error(f"{prefix!r} is not a prefix listed in clusters/families.tsv")
        out[key(word)] = prefix
    return out


@cache
def _state_words() -> dict[str, str]:
    return _family_table("clusters/states.tsv", stem)


def family_for(cameo: str, action_text: str | None) -> Family:
    """A record's family: by its CAMEO code, unless a material-conflict record's trigger is a noun
    naming a lasting state (``data/clusters/states.tsv``: "aggression", "invasion", "blockade"),
    which puts it in that state's family: the war, not one day's fighting."""
    if action_text and cameo[:2] in _MATERIAL_CONFLICT:
        states = _state_words()
        for w in _WORD.findall(action_text):
            prefix = states.get(stem(w))
            if prefix is not None:
                return family_of(prefix)
    return family_of(cameo)


@cache
def _thank_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in read_words("clusters/thank_words.txt"))


@cache
def _thanked_for() -> dict[str, str]:
    return _family_table("clusters/thanked_for.tsv", str.casefold)


THANKED_DEFAULT = "05"
"""The family of the act a thanks record with no telling object was thanks for: diplomatic support."""


def thanked_family(cameo: str, action_text: str | None, head: str | None) -> tuple[Family, bool] | None:
    """For a thanks record ("X thanked Y", "X appreciates the assistance of Y": CAMEO root 05 and a
    thanks word, ``clusters/thank_words.txt``), the family of the act Y did for X that it reports,
    and whether its object head only names that kind of act (``clusters/thanked_for.tsv``:
    "assistance", "visit"), so it agrees with any object of the act's own reports; None for any
    other record."""
    if cameo[:2] != "05" or not action_text:
        return None
    thanks = _thank_stems()
    if not any(stem(w) in thanks for w in _WORD.findall(action_text)):
        return None
    prefix = _thanked_for().get(head or "")
    return family_of(prefix or THANKED_DEFAULT), prefix is not None


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(read_words("clusters/words.txt"))


@cache
def _general_objects() -> frozenset[str]:
    return frozenset(read_words("clusters/general_objects.txt"))


@cache
def _vague_objects() -> frozenset[str]:
    return frozenset(read_words("clusters/vague_objects.txt"))


def vague_object(head: str) -> bool:
    """An object noun that names no particular thing ("issues", "efforts", "concerns":
    ``clusters/vague_objects.txt``): two reports sharing it have not named the same thing."""
    return head in _vague_objects()


def general_object(head: str) -> bool:
    """An object noun naming a whole kind ("support", "involvement": ``clusters/general_objects.txt``),
    which a denial of "any support" denies in every form."""
    return head in _general_objects()


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude stem, enough to match "annexation"/"annexed", "strikes"/"striking": not a lemmatiser."""
    w = word.casefold().replace("’", "'").split("'")[0]
    for suf in _SUFFIXES:
        if len(w) - len(suf) >= 4 and w.endswith(suf):
            return w[: -len(suf)] + ("y" if suf in ("ies", "ied") else "")
    return w


def content_words(*texts: str | None) -> frozenset[str]:
    """The stems of the words that can tell one event from another (no function or title words).

    A hyphenated word counts by its parts: "full-scale invasion" and "full scale invasion" agree."""
    out: set[str] = set()
    for t in texts:
        if t:
            out.update(filter(None, map(_content_stem, _WORD.findall(t.replace("-", " ")))))
    return frozenset(out)


@lru_cache(maxsize=200_000)
def _content_stem(word: str) -> str | None:
    return stem(word) if len(word) > 1 and word.casefold() not in _stopwords() else None


def names(text: str | None, *, leave_out: Iterable[str | None] = ()) -> frozenset[str]:
    """Capitalised words that are not the actors' own words: the places and things a report names."""
    stop = _stopwords()
    skip = {stem(w) for t in leave_out if t for w in _WORD.findall(t)}
    out = set()
    text = text or ""
    for m in _WORD.finditer(text):
        w = m.group()
        before = text[: m.start()].rstrip()
        if not before or before[-1] in '.!?"“:':
            continue  # a sentence's first word is capitalised whatever it is
        if w[0].isupper() and w.casefold() not in stop and len(w) > 2:
            s = stem(w)
            if s not in skip:
                out.add(s)
    return frozenset(out)


@lru_cache(maxsize=50_000)
def place_names(actor_text: str | None) -> frozenset[str]:
    """Stems of an actor that is a town or region ("airstrikes on Aleppo", actor "Aleppo" coded as
    Syria): the place is what tells two strikes apart, though :func:`names` leaves the actors'
    own words out. A country or its capital stays a participant, compared by code."""
    if not actor_text:
        return frozenset()
    from .actors import default_coder  # deferred, as in _country_named

    if default_coder().kind(actor_text) != "place":
        return frozenset()
    return frozenset(
        stem(w) for w in _WORD.findall(actor_text.replace("-", " ")) if w[0].isupper() and len(w) > 2
    )


@lru_cache(maxsize=50_000)
def _country_named(word: str) -> str | None:
    """The country a capitalised word names as a country, its people or its capital ("Ukraine",
    "Ukrainian", "Kyiv" -> UKR), or None (a town names a place, not a participant: "Mariupol")."""
    from .actors import default_coder  # deferred: the name tables load once, when clusters are built

    coder = default_coder()
    return coder.country_of(word) if coder.kind(word) in ("country", "capital") else None


def participant_words(countries: Iterable[str], *texts: str | None) -> frozenset[str]:
    """Stems of the words in ``texts`` that name one of the report's own ``countries``: "Ukraine
    calls on Canada" and "Ukraine's citizens" share "Ukraine" only because Ukraine is who acts, so
    such words tell neither what was done nor where (a town still does: "Mariupol")."""
    own = set(countries)
    out: set[str] = set()
    for t in texts:
        for w in _WORD.findall((t or "").replace("-", " ")):
            if w[0].isupper() and len(w) > 2 and _country_named(w) in own:
                out.add(stem(w))
    return frozenset(out)


@lru_cache(maxsize=50_000)
def actor_words(actor_text: str | None) -> frozenset[str]:
    """Stems of the capitalised words of an actor that is a person: the coder knows them, or
    their name is two capitalised words or more that name nothing else ("Olena Zelenska"). The
    speaker of every readout of one office ("Volodymyr Zelenskyy noted", "Volodymyr Zelenskyy
    stressed") has a two-word name that would make any two of them alike; who acts is compared by
    code (:func:`participants_agree`). A country, an organisation or a place stays a word
    ("Russia annexed it", "EU sanctions", "to protect Donbass")."""
    if not actor_text:
        return frozenset()
    from .actors import default_coder  # deferred, as in _country_named

    caps = [w for w in _WORD.findall(actor_text.replace("-", " ")) if w[0].isupper()]
    kind = default_coder().kind(actor_text)
    if kind != "person" and (kind is not None or len(caps) < 2):
        return frozenset()
    return frozenset(stem(w) for w in caps)


@lru_cache(maxsize=50_000)
def person_names(actor_text: str | None) -> frozenset[str]:
    """The name words of an actor that is a person ("President Joseph R. Biden" -> joseph, biden),
    without titles and with accents folded ("Erdoğan", "Erdogan"); empty for a bare title ("the
    President") or anything else."""
    stop = _stop_stems()
    return frozenset(f for w in actor_words(actor_text) if (f := _fold(w)) not in stop and len(f) > 1)


def persons_differ(a: Iterable[tuple[str, frozenset[str]]], b: dict[str, set[str]]) -> bool:
    """Whether a report's people (party, name words) and a cluster's (party -> name words) name
    different people for one party: Sullivan meeting Gallant is not Gordon meeting Herzog, though
    both are the United States meeting Israel on one day."""
    return any(names and b.get(p) and not names & b[p] for p, names in a)


@cache
def _stop_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in _stopwords())


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=20_000)
def day_interval(value: str | None) -> tuple[int, int] | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (longer strings are cut) as (first, last) day ordinals."""
    if not value:
        return None
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not m:
        return None
    try:
        y = int(m[1])
        if m[3]:
            d = date(y, int(m[2]), int(m[3])).toordinal()
            return d, d
        if m[2]:
            mo = int(m[2])
            first = date(y, mo, 1).toordinal()
            nxt = date(y + (mo == 12), mo % 12 + 1, 1).toordinal()
            return first, nxt - 1
        return date(y, 1, 1).toordinal(), date(y, 12, 31).toordinal()
    except ValueError:
        return None


def gap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int:
    """Days between two intervals (0 when they overlap or either is unknown)."""
    if a is None or b is None:
        return 0
    return max(0, a[0] - b[1], b[0] - a[1])


@dataclass(frozen=True, slots=True)
class Signature:
    """What of a record decides which event it reports."""

    family: Family
    actor1: str
    actor2: str | None
    when: tuple[int, int] | None
    words: frozenset[str]
    names: frozenset[str]
    head: str | None
    denial: bool
    sides: tuple[str | None, str | None] | None = None  # a domestic event's sides (:func:`domestic_sides`)
    persons: tuple[tuple[str, frozenset[str]], ...] = ()  # (party, name words) of the people who act

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(c for c in (self.actor1, self.actor2) if c)


def cosine(a: frozenset[str], b: frozenset[str]) -> float:
    """Cosine of two word sets; 0 unless they share two words: one shared word ("agreed",
    "defend") is what unrelated short spans have in common."""
    shared = len(a & b)
    if shared < MIN_SHARED:
        return 0.0
    return shared / math.sqrt(len(a) * len(b))


@cache
def _state_sectors() -> frozenset[str]:
    return frozenset(w.upper() for w in read_words("clusters/state_sectors.txt"))


def _side(code: str) -> str | None:
    sector = code[3:6].upper()
    if not sector:
        return None
    return "state" if sector in _state_sectors() else "other"


def domestic_sides(actor1: str | None, actor2: str | None) -> tuple[str | None, str | None] | None:
    """For an event inside one country (actor and target coded to the same country), which side
    each is on: the state (``clusters/state_sectors.txt``) or anyone else, None where the code has
    no sector; None for an event between two countries or with no target."""
    if not actor1 or not actor2 or party(actor1) != party(actor2) or len(party(actor1) or "") != 3:
        return None
    return _side(actor1), _side(actor2)


def sides_agree(a: tuple[str | None, str | None] | None, b: tuple[str | None, str | None] | None) -> bool:
    """Two domestic events can be one only if no side both code differs: the police killing
    people is not people killing people."""
    if a is None or b is None:
        return True
    return all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))


def participants_agree(fam: Family, a1: str, a2: str | None, b1: str, b2: str | None) -> bool:
    """Same actors — in either order for a symmetric family; a missing target fits any target. A
    meeting inside one country (both sides coded to it: "talked to local residents") is not one
    with a foreign partner ("spoke with colleagues in the United States")."""
    if fam.symmetric:
        if a2 and b2 and (a1 == a2) != (b1 == b2):
            return False
        x, y = {c for c in (a1, a2) if c}, {c for c in (b1, b2) if c}
        return x <= y or y <= x
    return a1 == b1 and (a2 is None or b2 is None or a2 == b2)


def window_for(fam: Family, shared_name: bool, same_head: bool, denial: bool) -> int | None:
    """How many days apart a report may be from a cluster's first report (None: any)."""
    if fam.window is None:
        w: int | None = None if (shared_name or same_head) else LASTING_DAYS
    else:
        w = fam.window
        if shared_name and fam.place_window is not None:
            w = max(w, fam.place_window)
    if denial and w is not None:
        w = max(w, DENIAL_DAYS)
    return w


def reach(fam: Family) -> int | None:
    """How far (days) a report of this family can reach from its event date to a cluster's first
    report, denials included; None for a lasting state (any distance, when names agree)."""
    if fam.window is None:
        return None
    return max(fam.window, fam.place_window or 0, DENIAL_DAYS) + 1


def fingerprint(*parts: str | None) -> str:
    """A stable order for reports on the same day that does not depend on article ids: a copy of a
    report (same words, same source) ties with the original, and the first stored then opens."""
    return hashlib.blake2b("\x1f".join(p or "" for p in parts).encode("utf-8"), digest_size=8).hexdigest()


def rules_fingerprint() -> str:
    """What clusters are built by: :data:`RULES_VERSION` and the family, state-noun and word tables
    as read (built-in rows and the user's). A store whose clusters were built by other rules
    rebuilds them all once (``store/clusters.py``): blocks of old and new rules never mix."""
    return fingerprint(
        str(RULES_VERSION),
        repr(sorted(_families().items())),
        repr(sorted(_state_words().items())),
        " ".join(sorted(_stopwords())),
        " ".join(sorted(_general_objects())),
        " ".join(sorted(_vague_objects())),
        " ".join(sorted(_thank_stems())),
        repr(sorted(_thanked_for().items())),
    )


# --- object heads: what a report's object is, for telling events apart ---------------------------

_PREPOSITIONS = frozenset(
    ["of", "for", "to", "from", "with", "in", "on", "at", "by", "against", "into", "over", "under", "about"]
)
_LIGHT_NOUNS = frozenset(
    [
        "supply",
        "supplie",
        "supplies",
        "shipment",
        "delivery",
        "deliverie",
        "transfer",
        "sale",
        "batch",
        "batche",
        "number",
        "kind",
        "type",
        "use",
        "consignment",
        "lot",
        "set",
        "package",
        "range",
        "provision",
    ]
)
_CLAUSE_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "that",
        "which",
        "who",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
    ]
)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=100_000)
def object_head(obj: str | None) -> str | None:
    """The head noun objects compare by: "Su-35 fighter jets" → ``jet``; "shipments of drones" → ``drone``."""
    if not obj:
        return None
    chunks: list[list[str]] = [[]]
    # a comma, or a determiner / auxiliary after the first word, starts a clause we do not want:
    # "weapons the Kremlin is deploying" → "weapons"
    for w in re.findall(r"[\w-]+", re.split(r"[,;:(]", obj.casefold())[0]):
        if w in _PREPOSITIONS:
            chunks.append([])
        elif w in _CLAUSE_WORDS and chunks[-1]:
            chunks.append([])
            break
        elif w not in _CLAUSE_WORDS:
            chunks[-1].append(w)
    chunks = [c for c in chunks if c]
    if not chunks:
        return None
    head = _singular(chunks[0][-1])
    if head in _LIGHT_NOUNS and len(chunks) > 1:
        head = _singular(chunks[1][-1])
    return head


__all__ = [
    "DENIAL_DAYS",
    "LASTING_DAYS",
    "MIN_WORDS",
    "RULES_VERSION",
    "Family",
    "Signature",
    "actor_words",
    "content_words",
    "cosine",
    "day_interval",
    "family_for",
    "family_of",
    "fingerprint",
    "gap",
    "general_object",
    "is_meeting",
    "is_verbal",
    "meetings_by_article",
    "names",
    "object_head",
    "participant_words",
    "participants_agree",
    "party",
    "person_names",
    "persons_differ",
    "reach",
    "rules_fingerprint",
    "said_at",
    "stem",
    "thanked_family",
    "vague_object",
    "window_for",
]
