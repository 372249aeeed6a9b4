"""Assault or fight: the same use of force is a fight (19x) by an armed force and an assault (18x)
by police, a gunman or a crowd. Which sector assaults is ``data/events/assault_sectors.tsv``; the
code each fight becomes is ``data/events/assault_codes.tsv``."""

from __future__ import annotations

from functools import cache

from .. import cameo
from ..lexicons import read_pairs, read_table, word_set

_MODES = ("always", "domestic")


@cache
def _sectors() -> dict[str, str]:
    rows = read_pairs("events/assault_sectors.tsv", _MODES, "mode")
    return {"" if sector == "-" else sector.upper(): mode for sector, mode in rows}


@cache
def _codes() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in read_table("events/assault_codes.tsv", min_cols=2, max_cols=2):
        fight, assault = row.cells
        for c in (fight, assault):
            if not cameo.is_valid(c):
                raise row.error(f"{c!r} is not a CAMEO code")
        out[fight] = assault
    return out


def assault_code(code: str, actor1: str | None, actor2: str | None) -> str:
    """The code of a use of force by ``actor1`` on ``actor2`` (actor codes): the assault code where
    the actor's sector assaults ("police shot a man": 182), else ``code`` unchanged. A sector that
    assaults only its own people needs a target of its own country."""
    assault = _codes().get(code)
    if assault is None or not actor1:
        return code
    mode = _sectors().get(actor1[3:6])
    if mode == "always" or (mode == "domestic" and actor2 is not None and actor2[:3] == actor1[:3]):
        return assault
    return code


def riot_code(lemma: str, code: str, actor1: str | None) -> str:
    """ "Protesters clashed with police": a crowd's clash (``riot_predicates.tsv``, actor1 of a
    sector in ``crowd_sectors.tsv``) is a violent protest, 145; else ``code`` unchanged."""
    crowd = actor1 is not None and actor1[3:6].lower() in word_set("events/crowd_sectors.tsv")
    return "145" if crowd and lemma in word_set("events/riot_predicates.tsv") else code
