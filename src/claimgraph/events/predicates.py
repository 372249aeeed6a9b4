"""The predicate lexicon: which words are events, where their actors sit, and which CAMEO code they get.

Three data files under ``data/events/`` (all extendable by a user file of the same name, see
``claimgraph.lexicons``):

``predicates.tsv``
    ``lemma  actor1  actor2  object  code  [options]``. ``lemma`` is a verb lemma, a multiword
    predicate whose later words must be children of the verb ("hold talk", "impose sanction",
    "call on"), or ``n:noun`` for a nominal predicate ("n:cooperation"). The three slot columns
    are dependency paths (see ``Slot``). ``code`` is a CAMEO code, optionally refined by the class
    of the object (``070/aid``), or ``@mode`` for a *wrapper* verb that changes the code of the
    event below it ("offer to provide" → intent, "urged X to withdraw" → appeal).
``object_classes.tsv``
    ``word  class``: object words ("drone", "humanitarian") → a class ("military").
``refinements.tsv``
    ``scheme  class  code`` (how a scheme maps an object class to a code; ``-``: that class rules
    the event out, "released a report" is publishing, not a release) and
    ``@mode  inner-code-prefix  code`` (how a wrapper composes with the code below it).

Every code is checked against the CAMEO list at load: a typo in a user file should fail loudly
with its file and line, not silently drop events.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .. import cameo
from ..errors import LexiconError
from ..lexicons import Row, read_table

PREDICATES_FILE = "events/predicates.tsv"
CLASSES_FILE = "events/object_classes.tsv"
REFINEMENTS_FILE = "events/refinements.tsv"

# Wrapper modes. intent/threaten/reject keep the inner event's actors (subject control: "Russia
# intends to provide Iran with ..."); appeal/demand make the wrapper's subject actor1 and its object
# the addressee ("Iran urged the parties to exercise restraint"); pass is transparent ("began to
# supply"); hedge only hedges ("appears to"); deny negates ("denied supplying"); resist keeps the
# act it resists and makes the resister its target ("Ukrainians countering Russian aggression").
MODES = frozenset({"intent", "appeal", "demand", "threaten", "reject", "pass", "hedge", "deny", "resist"})
OPTIONS = frozenset({"sym", "hedge", "pair", "speech", "done", "target", "guest", "partner", "intransitive"})

# Dependency labels a slot may name. "amod" and "poss" make sense for nominal predicates
# ("Russian support", "Russia's support"); "agent" is the by-phrase of a passive.
_BASE_DEPS = frozenset(
    {
        "nsubj",
        "dobj",
        "dative",
        "attr",
        "poss",
        "amod",
        "compound",
        "agent",
        "xcomp",
        "ccomp",
        "pobj",
        "pcomp",
        "acl",
        "advcl",
        "obj*",
        "ccomp*",
    }
)
_SLOT_RE = re.compile(r"^(?P<dep>[a-z*]+)(?::(?P<prep>[a-z]+))?(?P<poss>\(poss\))?$")


@dataclass(frozen=True, slots=True)
class Slot:
    """One alternative of a slot: a dependency label, the preposition for ``prep``, and ``(poss)``.

    ``prep:to`` = the object of a "to" phrase on the predicate; ``dobj(poss)`` = the owner of the
    direct object ("trained Iran's pilots": the pilots are Iran's) — the owner, not the head, is
    the actor. ``obj*`` = the first actor inside the object phrase ("an end to the war in Ukraine").
    """

    dep: str
    prep: str | None = None
    poss: bool = False

    def __str__(self) -> str:
        s = self.dep + (f":{self.prep}" if self.prep else "")
        return s + ("(poss)" if self.poss else "")


@dataclass(frozen=True, slots=True)
class Predicate:
    """One lexicon entry (one frame of one predicate)."""

    lemma: str  # head word: verb lemma, or the noun for a nominal predicate
    words: tuple[str, ...]  # further words that must be children of the head ("talk" in "hold talk")
    nominal: bool
    actor1: tuple[Slot, ...]
    actor2: tuple[Slot, ...]
    obj: tuple[Slot, ...]
    code: str | None  # base CAMEO code; None for wrappers and for "-/scheme" (refine-only) entries
    scheme: str | None  # refinement scheme name ("aid"), or None
    mode: str | None  # wrapper mode, or None
    options: frozenset[str] = field(default_factory=frozenset)
    where: str = ""  # "predicates.tsv:57" for the record's rule

    @property
    def rule(self) -> str:
        """Human-readable provenance: file:line and the frame."""
        slots = " ".join(" | ".join(map(str, s)) or "-" for s in (self.actor1, self.actor2, self.obj))
        head = ("n:" if self.nominal else "") + " ".join((self.lemma, *self.words))
        return f"{self.where} {head} {slots} {self.code or '@' + str(self.mode)}"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The loaded lexicon: entries by head lemma, object classes and code-composition tables."""

    verbs: dict[str, list[Predicate]]
    nouns: dict[str, list[Predicate]]
    classes: dict[str, list[str]]  # object word -> classes, in file order
    schemes: dict[str, dict[str, str]]  # scheme -> class -> code
    compose: dict[str, list[tuple[str, str]]]  # mode -> [(inner prefix, code)], longest prefix first

    def refine(self, code: str, scheme: str | None, classes: Sequence[str]) -> str:
        """The most specific code: the first object class the scheme knows, else the base code
        ("" where that class rules the event out)."""
        if scheme:
            table = self.schemes.get(scheme, {})
            for c in classes:
                if c in table:
                    return table[c]
        return code

    def wrap(self, mode: str, inner: str) -> str | None:
        """The code for ``mode`` applied to an inner code ("intent" + "072" → "0332"), or None."""
        for prefix, code in self.compose.get(mode, ()):
            if inner.startswith(prefix):
                return code
        return None

    def __len__(self) -> int:
        return len(
            {(p.lemma, p.words, p.nominal) for ps in (*self.verbs.values(), *self.nouns.values()) for p in ps}
        )


def parse_slots(cell: str, row: Row) -> tuple[Slot, ...]:
    if cell == "-":
        return ()
    out: list[Slot] = []
    for alt in cell.split("|"):
        m = _SLOT_RE.match(alt.strip())
        if not m:
            raise row.error(f"malformed slot {alt!r} (expected e.g. nsubj, dobj, prep:to, dobj(poss), -)")
        dep, prep = m.group("dep"), m.group("prep")
        if dep == "prep":
            if not prep:
                raise row.error(f"slot {alt!r}: prep needs a preposition, e.g. prep:to")
        elif dep not in _BASE_DEPS:
            raise row.error(f"slot {alt!r}: unknown dependency {dep!r}")
        out.append(Slot(dep, prep, bool(m.group("poss"))))
    return tuple(out)


def _check_code(code: str, row: Row) -> None:
    if not cameo.is_valid(code):
        raise row.error(f"unknown CAMEO code {code!r} (codes are strings with leading zeros, e.g. '072')")


def _predicate(row: Row, schemes: dict[str, dict[str, str]]) -> Predicate:
    c = row.cells
    head, a1, a2, ob, code = c[0], c[1], c[2], c[3], c[4]
    nominal = head.startswith("n:")
    words = head[2:].split() if nominal else head.split()
    if not words or not all(re.fullmatch(r"[a-z][a-z'\-]*", w) for w in words):
        raise row.error(f"malformed predicate {head!r} (lower-case lemmas, 'n:' for nouns)")
    mode: str | None = None
    scheme: str | None = None
    base: str | None = None
    if code.startswith("@"):
        mode = code[1:]
        if mode not in MODES:
            raise row.error(f"unknown wrapper mode {code!r} (one of {', '.join(sorted(MODES))})")
    else:
        base, _, sch = code.partition("/")
        if base == "-":
            if not sch:
                raise row.error(
                    "code '-' needs a refinement scheme ('-/end'): an event only for known objects"
                )
            base = None
        else:
            _check_code(base, row)
        if sch:
            if sch not in schemes:
                raise row.error(f"unknown refinement scheme {sch!r} (see {REFINEMENTS_FILE})")
            scheme = sch
    opts = frozenset(o.strip() for o in c[5].split(",")) if len(c) > 5 else frozenset()
    if bad := opts - OPTIONS:
        raise row.error(f"unknown option(s) {', '.join(sorted(bad))} (one of {', '.join(sorted(OPTIONS))})")
    return Predicate(
        lemma=words[0],
        words=tuple(words[1:]),
        nominal=nominal,
        actor1=parse_slots(a1, row),
        actor2=parse_slots(a2, row),
        obj=parse_slots(ob, row),
        code=base,
        scheme=scheme,
        mode=mode,
        options=opts,
        where=f"{os.path.basename(row.path)}:{row.line}",
    )


def load_lexicon(extra_dirs: Sequence[str | os.PathLike[str]] = ()) -> Lexicon:
    """Read and validate the three files (built-in, then the user's); raises ``LexiconError``."""
    classes: dict[str, list[str]] = {}
    for row in read_table(CLASSES_FILE, min_cols=2, max_cols=2, extra_dirs=extra_dirs):
        got = classes.setdefault(row.cells[0].lower(), [])
        if row.cells[1].lower() not in got:
            got.append(row.cells[1].lower())
    schemes: dict[str, dict[str, str]] = {}
    compose: dict[str, list[tuple[str, str]]] = {}
    for row in read_table(REFINEMENTS_FILE, min_cols=3, max_cols=3, extra_dirs=extra_dirs):
        name, key, code = row.cells
        if code == "-" and not name.startswith("@"):
            # the class rules the sense out ("released a report" is publishing, not releasing)
            schemes.setdefault(name, {})[key.lower()] = ""
            continue
        _check_code(code, row)
        if name.startswith("@"):
            if name[1:] not in MODES:
                raise row.error(f"unknown wrapper mode {name!r}")
            if not key.isdigit():
                raise row.error(f"inner code prefix {key!r} must be digits")
            compose.setdefault(name[1:], []).append((key, code))
        else:
            schemes.setdefault(name, {})[key.lower()] = code
    for table in compose.values():
        table.sort(key=lambda t: -len(t[0]))  # longest prefix wins
    verbs: dict[str, list[Predicate]] = {}
    nouns: dict[str, list[Predicate]] = {}
    for row in read_table(PREDICATES_FILE, min_cols=5, max_cols=6, extra_dirs=extra_dirs):
        p = _predicate(row, schemes)
        (nouns if p.nominal else verbs).setdefault(p.lemma, []).append(p)
    return Lexicon(verbs=verbs, nouns=nouns, classes=classes, schemes=schemes, compose=compose)


@lru_cache(maxsize=8)
def _cached(extra: tuple[str, ...]) -> Lexicon:
    return load_lexicon(extra)


def lexicon(extra_dirs: Sequence[str | os.PathLike[str]] = ()) -> Lexicon:
    """The lexicon, loaded once per set of extra directories."""
    return _cached(tuple(str(d) for d in extra_dirs))


def clear_cache() -> None:
    """Forget loaded lexicons (after ``CLAIMGRAPH_LEXICONS`` changes, and in tests)."""
    _cached.cache_clear()


__all__ = ["Lexicon", "LexiconError", "Predicate", "Slot", "clear_cache", "lexicon", "load_lexicon"]
