"""Items of a transfer: category (a SIPRI-like taxonomy), system designation and quantity.

The transfers ledger (``transfers.py``) needs to know what an event's object is: "24 Su-35
fighter jets" is 24 aircraft of the Su-35 type, "hundreds of ballistic missiles" at least 200
missiles. The phrases and designations are data (``data/transfers/items.tsv`` and
``designations.tsv``) that users extend through ``CLAIMGRAPH_LEXICONS``; the event coder's coarse
object classes (``events/object_classes.tsv``) are the fallback for objects neither file knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicons import Row, read_table, word_set

ITEMS_FILE = "transfers/items.tsv"
DESIGNATIONS_FILE = "transfers/designations.tsv"
CLASSES_FILE = "events/object_classes.tsv"
BREAKS_FILE = "transfers/phrase_breaks.txt"
PLACEHOLDERS_FILE = "transfers/placeholders.txt"

CATEGORIES: dict[str, str] = {
    "aircraft": "aircraft", "helicopters": "helicopters", "uav": "uncrewed aerial vehicles",
    "air-defence": "air defence systems", "missiles": "missiles", "armoured-vehicles": "armoured vehicles",
    "artillery": "artillery", "ships": "ships", "sensors": "sensors", "engines": "engines",
    "small-arms-ammunition": "small arms and ammunition",
    "components-technology": "components and technology",
    "training": "training", "military-general": "arms, type not given", "economic": "economic aid",
    "humanitarian": "humanitarian aid", "energy": "energy", "unspecified": "aid, type not given",
}  # fmt: skip
"""Category → label, in ledger order. items.tsv and designations.tsv may only use these."""
GENERIC = frozenset({"military-general", "unspecified"})
"""Categories that say a transfer happened but not of what."""
# a head noun after a designation changes what is transferred ("Su-35 engines", "F-16 training")
_HEAD_OVERRIDES = frozenset({"components-technology", "engines", "training", "sensors"})
# object_classes.tsv class → our category, for objects items.tsv does not know
_CLASS_FALLBACK = {"military": "military-general", "economic": "economic", "humanitarian": "humanitarian"}


# --- lexicons ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Designation:
    """A recognised system: canonical name, category, and the line that defined it."""

    name: str
    category: str
    pattern: re.Pattern[str]
    where: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The item phrases (as singular token tuples) and the designation patterns, later rows first."""

    phrases: dict[tuple[str, ...], str]
    designations: tuple[Designation, ...]
    classes: dict[str, str]
    longest: int


def _check_category(cat: str, row: Row) -> str:
    if cat not in CATEGORIES:
        raise row.error(f"unknown transfer category {cat!r} (one of {', '.join(CATEGORIES)})")
    return cat


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load ``items.tsv``, ``designations.tsv`` and the object classes; ``LexiconError`` names the line."""
    phrases: dict[tuple[str, ...], str] = {}
    for row in read_table(ITEMS_FILE, min_cols=2, max_cols=2):
        words = _words(row.cells[0])
        if not words:
            raise row.error(f"no words in item phrase {row.cells[0]!r}")
        phrases[words] = _check_category(row.cells[1], row)
    designations: list[Designation] = []
    for row in read_table(DESIGNATIONS_FILE, min_cols=3, max_cols=3):
        pat, cat, name = row.cells
        flags = re.IGNORECASE if pat.startswith("(?i)") else 0
        try:
            rx = re.compile(rf"(?<![\w-])(?:{pat.removeprefix('(?i)')})(?![\w-])", flags)
        except re.error as exc:
            raise row.error(f"pattern {pat!r} does not compile: {exc}") from exc
        designations.append(Designation(name, _check_category(cat, row), rx, f"{row.path}:{row.line}"))
    classes: dict[str, str] = {}
    for row in read_table(CLASSES_FILE, min_cols=2, max_cols=2):
        if row.cells[1] in _CLASS_FALLBACK:
            classes.setdefault(_singular(row.cells[0].lower()), _CLASS_FALLBACK[row.cells[1]])
    return Lexicon(phrases, tuple(reversed(designations)), classes, max(map(len, phrases), default=1))


def clear_cache() -> None:
    """Forget the loaded lexicon (after ``CLAIMGRAPH_LEXICONS`` changes, and in tests)."""
    lexicon.cache_clear()
    _ITEMS.clear()


# --- items and quantities ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    """A number as given: ``value`` is exact, or a lower bound when ``exact`` is False ("hundreds")."""

    text: str
    value: int | None
    exact: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One transferred item: the phrase as written, its category, designation and quantity."""

    text: str
    category: str
    designation: str | None = None
    quantity: Quantity | None = None


_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
_NUMBER_WORDS = {
    w: i for i, w in enumerate(f"{_ONES} sixteen seventeen eighteen nineteen twenty".split())
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# vague amounts: the smallest number the words allow ("hundreds of" is at least 200)
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2_000_000}
_APPROX = (
    r"(?:about|around|approximately|roughly|some|nearly|almost|up to|at least|more than|over|fewer than"
    r"|less than)"
)
_QTY = re.compile(
    rf"^(?:(?P<approx>{_APPROX})\s+)?(?:(?P<cur>[$€£])\s?)?"
    rf"(?P<num>\d[\d,]*(?:\.\d+)?|a dozen|an? (?:hundred|thousand)|{'|'.join(_NUMBER_WORDS)})"
    rf"(?:\s+(?P<scale>{'|'.join(_SCALES)}))?(?![\w-])|"
    rf"^(?P<vague>{'|'.join(_VAGUE)})\s+of(?![\w-])"
    r"|^(?P<few>several|a few|a number of|a handful of)(?![\w-])",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^(?:(?:the|a|an|more|some|further|additional|new|its|their|these|those)\s+)+", re.I)


def parse_quantity(text: str) -> Quantity | None:
    """The number at the start of an item phrase: "24 Su-35 jets" → 24, "hundreds of" → ≥200."""
    s = text.strip()
    m = _QTY.match(s) or _QTY.match(_LEADING.sub("", s))
    if not m:
        return None
    if m["vague"]:
        return Quantity(text=m[0], value=_VAGUE[m["vague"].lower()], exact=False)
    if m["few"]:
        return Quantity(text=m[0], value=None, exact=False)
    num = m["num"].lower()
    if num[0].isdigit():
        value = float(num.replace(",", ""))
    elif num == "a dozen":
        value = 12
    elif num.startswith(("a ", "an ")):
        value = _SCALES[num.split()[1]]
    else:
        value = _NUMBER_WORDS[num]
    if m["scale"]:
        value *= _SCALES[m["scale"].lower()]
    return Quantity(text=m[0], value=int(value), exact=not m["approx"])


def _singular(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ses", "xes", "ches", "shes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _words(text: str) -> tuple[str, ...]:
    return tuple(_singular(w) for w in re.findall(r"[a-z0-9]+", text.lower()))


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """Singular lower-case words with their offsets (hyphens split words: "air-defense")."""
    return [(_singular(m[0].lower()), m.start(), m.end()) for m in re.finditer(r"[A-Za-z0-9]+", text)]


def _ending_at_last(toks: list[tuple[str, int, int]], lex: Lexicon) -> tuple[str, int] | None:
    """The longest item phrase that ends with the last token, else that token's object class."""
    words = tuple(t[0] for t in toks)
    for n in range(min(lex.longest, len(words)), 0, -1):
        cat = lex.phrases.get(words[len(words) - n :])
        if cat is not None:
            return cat, toks[-1][2]
    if words and words[-1] in lex.classes:
        return lex.classes[words[-1]], toks[-1][2]
    return None


def _head_match(text: str, lex: Lexicon) -> tuple[str, int] | None:
    """The item the head noun of ``text`` names, as (category, end): the phrase ending at the last
    word before a phrase break (``phrase_breaks.txt``), so "drone attacks on Kyiv" names no item.
    After "of" the complement names it unless the word before does ("hundreds of missiles" are
    missiles, "a shipment of weapons" arms)."""
    return _head_of(_tokens(text), lex, word_set(BREAKS_FILE))


def _head_of(
    toks: list[tuple[str, int, int]], lex: Lexicon, breaks: frozenset[str]
) -> tuple[str, int] | None:
    cut = next((i for i in range(1, len(toks)) if toks[i][0] in breaks), None)
    own = _ending_at_last(toks if cut is None else toks[:cut], lex)
    if cut is not None and toks[cut][0] == "of" and (own is None or own[0] in GENERIC):
        return _head_of(toks[cut + 1 :], lex, breaks) or own
    return own


def names_no_item(obj: str | None) -> bool:
    """Whether an event object names something, and that something is no item ("vastly different
    opinions"): not when it is empty or only stands for an item ("them", "more", ``placeholders.txt``)."""
    if not obj:
        return False
    toks = _tokens(obj)
    breaks = word_set(BREAKS_FILE)
    cut = next((i for i in range(1, len(toks)) if toks[i][0] in breaks), len(toks))
    head = [t for t in toks[:cut] if not t[0].isdigit()]
    # a name ("Ukraine", "Ukrainians") is the recipient read as the object, not a thing named
    if not head or head[-1][0] in word_set(PLACEHOLDERS_FILE) or obj[head[-1][1]].isupper():
        return False
    return _head_match(obj, lexicon()) is None and not any(
        d.pattern.search(obj) for d in lexicon().designations
    )


_ITEMS: dict[str, Item | None] = {}
"""``item_of`` with the default lexicon, by text: objects repeat ("drones", "air defense systems")
and each look-up tries every designation pattern (about a third of the ledger's time)."""
_ITEMS_MAX = 50_000


def item_of(text: str, lex: Lexicon | None = None) -> Item | None:
    """One conjunct ("24 Su-35 fighter jets") as an Item, or None when nothing in it is an item."""
    default = lexicon()
    if lex is not None and lex is not default:
        return _item_of(text, lex)
    if text not in _ITEMS:
        if len(_ITEMS) >= _ITEMS_MAX:
            _ITEMS.clear()
        _ITEMS[text] = _item_of(text, default)
    return _ITEMS[text]


def _item_of(text: str, lex: Lexicon) -> Item | None:
    head = _head_match(text, lex)
    desig: tuple[Designation, int] | None = None
    for d in lex.designations:
        m = d.pattern.search(text)
        if m and (desig is None or m.start() < desig[1]):
            desig = (d, m.end())
    if desig is None and head is None:
        return None
    name = desig[0].name if desig else None
    if head is not None and (desig is None or (head[0] in _HEAD_OVERRIDES and head[1] > desig[1])):
        category = head[0]
    else:
        category = desig[0].category if desig else "unspecified"
    clean = _LEADING.sub("", text.strip(" \"'“”‘’.")).strip()
    return Item(text=clean, category=category, designation=name, quantity=parse_quantity(text))


_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|as well as|plus)\s+|\s*&\s*")
_INCLUDING = re.compile(r"\b(?:including|such as|among them)\s+([^.;:!?“”\"]+)", re.IGNORECASE)
_CLAUSE_END = re.compile(r",?\s+(?:which|that|who|to|for|in return|part of)\b.*$", re.IGNORECASE)


def split_items(phrase: str, lex: Lexicon | None = None) -> list[Item]:
    """The items of a coordinated phrase; a bare modifier shares the head noun of the last conjunct.

    "military and technical support" → military support + technical support; "helicopters and air
    defense systems" → helicopters + air defense systems.
    """
    lex = lex or lexicon()
    parts = [p for p in _SPLIT.split(_CLAUSE_END.sub("", phrase.strip())) if p and p.strip()]
    out: list[Item] = []
    for i, part in enumerate(parts):
        item = item_of(part, lex)
        tail = parts[-1].split()[1:]
        if i < len(parts) - 1 and tail and (item is None or item.category in GENERIC):
            item = item_of(f"{part} {' '.join(tail)}", lex) or item
        if item is not None:
            out.append(item)
    return out


def items_of(obj: str | None, evidence: str = "", action: str | None = None) -> list[Item]:
    """The items of an event object, with an "including ..." list that follows it in the evidence.

    The extractor keeps the umbrella noun as the object ("more weapons, including hundreds of
    ballistic missiles" → "more weapons"); the list names what is meant, so when it gives specific
    items the umbrella (arms or aid of no type) is dropped.
    """
    lex = lexicon()
    items = split_items(obj, lex) if obj else []
    anchor = obj if obj and obj.lower() in evidence.lower() else action
    pos = evidence.lower().find(anchor.lower()) if anchor else -1
    listed: list[Item] = []
    if pos >= 0:
        m = _INCLUDING.search(evidence, pos)
        if m:
            listed = [it for it in split_items(m[1], lex) if it.category not in GENERIC]
    if listed:
        items = [it for it in items if it.category not in GENERIC]
    seen: set[tuple[str, str | None, str]] = set()
    out = []
    for it in items + listed:
        if (it.category, it.designation, it.text.lower()) not in seen:
            seen.add((it.category, it.designation, it.text.lower()))
            out.append(it)
    return out


__all__ = [
    "CATEGORIES",
    "GENERIC",
    "Designation",
    "Item",
    "Lexicon",
    "Quantity",
    "clear_cache",
    "item_of",
    "items_of",
    "lexicon",
    "names_no_item",
    "parse_quantity",
    "split_items",
]
