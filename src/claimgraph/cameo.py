"""CAMEO event codes and the facts that follow from a code: name, root, quad class, Goldstein, PLOVER.

The tables live in ``data/cameo/`` (converted from public reference tables; see their headers) so
that users can extend them through ``CLAIMGRAPH_LEXICONS`` without touching code. They are read
once per process: every extracted record needs them, and re-reading per record would be wasteful.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .lexicons import read_table
from .model import Action

CODES_FILE = "cameo/codes.tsv"
PLOVER_FILE = "cameo/plover.tsv"
PLOVER05_FILE = "cameo/plover05.tsv"

_NONE = "-"


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO code with everything a record derives from it (so extractors never recompute it)."""

    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float | None
    plover_category: str | None
    plover_mode: str | None
    plover_context: str | None

    def plover(self) -> dict[str, str | None]:
        """The PLOVER triple in the shape ``Action.plover`` stores."""
        return {"category": self.plover_category, "mode": self.plover_mode, "context": self.plover_context}


def quad_class(root: str) -> int | None:
    """The quad class of a two-digit root, as the spec defines it (None for a non-root)."""
    if len(root) != 2 or not root.isdigit():
        return None
    n = int(root)
    if 1 <= n <= 5:
        return 1
    if 6 <= n <= 8:
        return 2
    if 9 <= n <= 13:
        return 3
    if 14 <= n <= 20:
        return 4
    return None


def _opt(cell: str) -> str | None:
    return None if cell in ("", _NONE) else cell


@lru_cache(maxsize=1)
def _plover_table() -> dict[str, tuple[str, str | None, str | None]]:
    """CAMEO code -> (category, mode, context); later rows (user files) win."""
    out: dict[str, tuple[str, str | None, str | None]] = {}
    for row in read_table(PLOVER_FILE, min_cols=2, max_cols=4):
        cells = (*row.cells, "", "")
        code = cells[0]
        if not code.isdigit() or not 2 <= len(code) <= 4:
            raise row.error(f"not a CAMEO code: {code!r}")
        out[code] = (cells[1].upper(), _opt(cells[2]), _opt(cells[3]))
    return out


def _plover_for(code: str) -> tuple[str | None, str | None, str | None]:
    """The mapping of the code, else of its nearest listed parent (1951 -> 195, 155 -> 15)."""
    table = _plover_table()
    c = code
    while len(c) >= 2:
        if c in table:
            return table[c]
        c = c[:-1]
    return (None, None, None)


@lru_cache(maxsize=1)
def _codes() -> dict[str, CameoCode]:
    """Every known code, built once from the code list and the PLOVER table."""
    out: dict[str, CameoCode] = {}
    for row in read_table(CODES_FILE, min_cols=2, max_cols=3):
        code, name = row.cells[0], row.cells[1]
        if not code.isdigit() or not 2 <= len(code) <= 4:
            raise row.error(f"not a CAMEO code (2-4 digits with leading zero): {code!r}")
        qc = quad_class(code[:2])
        if qc is None:
            raise row.error(f"root {code[:2]!r} is not a CAMEO root (01-20)")
        goldstein: float | None = None
        if len(row.cells) > 2 and row.cells[2]:
            try:
                goldstein = float(row.cells[2])
            except ValueError:
                raise row.error(f"Goldstein score is not a number: {row.cells[2]!r}") from None
            if not -10.0 <= goldstein <= 10.0:
                raise row.error(f"Goldstein score outside -10..10: {goldstein}")
        cat, mode, ctx = _plover_for(code)
        out[code] = CameoCode(
            code=code,
            name=name,
            root=code[:2],
            quad_class=qc,
            goldstein=goldstein,
            plover_category=cat,
            plover_mode=mode,
            plover_context=ctx,
        )
    return out


@lru_cache(maxsize=1)
def _plover05() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in read_table(PLOVER05_FILE, min_cols=2, max_cols=2):
        out[row.cells[0].upper()] = row.cells[1].upper()
    return out


def lookup(code: str) -> CameoCode | None:
    """The code's facts, or None for a code that is not in the CAMEO list."""
    return _codes().get(str(code).strip())


def is_valid(code: str) -> bool:
    """Whether the string is a listed CAMEO code (with its leading zero: "072", not "72")."""
    return lookup(code) is not None


def all_codes() -> list[CameoCode]:
    """Every listed code, in the order of the code list (roots before their children)."""
    return list(_codes().values())


def plover_category(code: str) -> str | None:
    """The 2021 PLOVER category of a CAMEO code (via the nearest listed parent), None if unmapped."""
    c = str(code).strip()
    if not c.isdigit():
        return None
    return _plover_for(c)[0]


def plover_2021_name(name: str) -> str:
    """A PLOVER 0.5 category name (as the 2016 gold-standard file uses) in 2021 terms."""
    key = name.strip().upper()
    return _plover05().get(key, key)


def action_for(code: str, text: str | None = None) -> Action:
    """A fully-populated ``Action`` for a CAMEO code, so every record carries the same derived facts.

    Raises ``ValueError`` for a code not in the CAMEO list: an extractor emitting one has a bug
    (or a user table lacks a row), and a half-filled record would hide it.
    """
    c = lookup(code)
    if c is None:
        raise ValueError(f"unknown CAMEO code {code!r} (codes are strings with leading zeros, e.g. '072')")
    return Action(
        text=text,
        cameo=c.code,
        root=c.root,
        quad_class=c.quad_class,
        goldstein=c.goldstein,
        name=c.name,
        plover=c.plover(),
    )


def clear_cache() -> None:
    """Forget the loaded tables (after the user's lexicon directories change, and in tests)."""
    _codes.cache_clear()
    _plover_table.cache_clear()
    _plover05.cache_clear()


__all__ = [
    "CameoCode",
    "action_for",
    "all_codes",
    "clear_cache",
    "is_valid",
    "lookup",
    "plover_2021_name",
    "plover_category",
    "quad_class",
]
