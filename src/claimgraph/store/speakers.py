"""One speaker, one source: the stable key a claim's source is stored under, the sources list, the
names a source was seen under, and re-keying stored sources.

A ``sources`` row stands for one speaker across the whole store. Its key is
``claimgraph.attribute.sources.source_key``: the people table's entry for a known person (so
"Zelenskyy", "President Volodymyr Zelenskyy" and "the Head of State" resolved to him are one
source), else the kind, the normalised name and the country. The author's own voice is keyed by
its outlet. Claims keep the name and mention the article gave (``source_name``, ``source_text``),
so a source page can list every name it was seen under.

Keys depend on the people table, which users extend: ``rekey`` gives stored sources the keys of
today's table and merges the rows that come to share one (revision 0007 runs it once). A full name
arriving after its bare surname was stored takes the surname's claims at once (``absorb``). A row
that merges away leaves its id in ``source_redirects`` (``resolve``), so old links still answer.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import (
    Connection,
    Select,
    String,
    and_,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    select,
    update,
)

from ..model import Source
from .clusters import mark_stale
from .redirects import follow, point
from .schema import claims, source_redirects, sources

if TYPE_CHECKING:
    from ..actors import ActorCoder

_PARKED = "~"  # keys start with a kind, never with this: rows being re-keyed are parked under it


@lru_cache(maxsize=65536)
def _key(coder: ActorCoder, kind: str, name: str | None, actor: str | None) -> str:
    # imported here: the resolver module pulls in spaCy, which reading a store does not need
    from ..attribute.sources import source_key

    return source_key(Source(text=None, name=name, kind=kind, actor=actor), coder)


def speaker(src: Source, outlet: str | None, coder: ActorCoder | None = None) -> tuple[str, str | None]:
    """A claim source's stable key and the name its source row shows: the people table's name for a
    known person, else the name the article gave (the author speaks as its outlet)."""
    if coder is None:
        from ..actors import default_coder

        coder = default_coder()
    name = src.name or (outlet if src.kind == "author" else None) or src.text
    key = _key(coder, src.kind, name, src.actor)
    if key.startswith("person:") and "|" not in key:  # a people-table entry: "person:<canonical name>"
        return key, key.removeprefix("person:")
    return key, name


def _stem(key: str) -> str | None:
    """``person:<name>|`` for the key of a person off the people table, else None."""
    if not key.startswith("person:") or "|" not in key:
        return None
    return key[: key.rindex("|") + 1]


def settled(keys: Iterable[str]) -> dict[str, str]:
    """Keys that belong to another key of the same person. A mention with no country ("Amara
    Okonjo said") is no evidence of another person than "President Amara Okonjo of Ghana"; nor is
    one full name placed in two countries, which off the people table is mostly the articles'
    guess (a minister quoted on Iraq in one release and on Syria in the next): the first key given
    stands for all. A bare surname of two countries is two people ("Okafor" of Ghana is not the
    "Okafor" of Nigeria); it is the one full name of the store that ends in it."""
    keys = list(keys)
    by_stem: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        stem = _stem(k)
        if stem is not None and k not in by_stem[stem]:
            by_stem[stem].append(k)
    out: dict[str, str] = {}
    for stem, ks in by_stem.items():
        placed = [k for k in ks if k != stem]
        if len(placed) == 1 or (placed and " " in _name(stem)):
            out.update({k: placed[0] for k in ks if k != placed[0]})
    # a bare surname ("Zelenska said") is the one full name of the store that ends in it
    full = [k for k in keys if _stem(k) is not None and " " in _name(k)]
    for k in keys:
        if _stem(k) is None or " " in _name(k) or k in out:
            continue
        match = {out.get(f, f) for f in full if _name(f).endswith(f" {_name(k)}") and _countries_agree(f, k)}
        if len(match) == 1:
            out[k] = next(iter(match))
    return out


def _name(key: str) -> str:
    """The name part of a person key off the people table ("person:olena zelenska|UKR")."""
    return key[len("person:") : key.rindex("|")]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _countries_agree(a: str, b: str) -> bool:
    ca, cb = a[a.rindex("|") + 1 :], b[b.rindex("|") + 1 :]
    return not ca or not cb or ca == cb


def place(conn: Connection, key: str) -> str:
    """The key a new claim's source is stored under, given the sources stored: ``settled`` across
    the store. A country-less person joins the one placed namesake; a placed person takes over the
    country-less row of their name when it is the name's only row (its id and claims stay)."""
    stem = _stem(key)
    if stem is None:
        return key
    if " " not in _name(key):  # a bare surname: the store's one full name ending in it, if any
        fulls = list(
            conn.execute(
                select(sources.c.key)
                .where(sources.c.key.like(f"person:% {_like(_name(key))}|%", escape="\\"))
                .limit(3)
            ).scalars()
        )
        joined = settled([key, *fulls]).get(key)
        if joined is not None:
            return joined
    found = list(
        conn.execute(
            select(sources.c.key)
            .where(sources.c.key.startswith(stem, autoescape=True))
            .order_by(sources.c.id)
            .limit(3)
        ).scalars()
    )
    if key == stem:
        return settled([stem, *found]).get(stem, key)
    other = [f for f in found if f not in (stem, key)]
    if other and " " in _name(key):
        return str(other[0])  # a full name an earlier article placed in another country: that person
    if found == [stem]:
        conn.execute(update(sources).where(sources.c.key == stem).values(key=key))
    return key


def absorb(conn: Connection, key: str, source_id: int) -> int:
    """Join the bare surnames stored before this full name arrived ("Wanjiru said", then "Grace
    Wanjiru said"): a surname row that ``settled`` now gives to ``key`` moves its claims to
    ``source_id`` and goes, its id redirecting there. Returns how many rows went; a second call
    finds nothing to do."""
    if _stem(key) is None or " " not in _name(key):
        return 0
    surname = _name(key).rsplit(" ", 1)[1]
    bare = list(
        conn.execute(
            select(sources.c.id, sources.c.key).where(
                sources.c.key.startswith(f"person:{surname}|", autoescape=True), sources.c.id != source_id
            )
        )
    )
    if not bare:
        return 0
    fulls = list(
        conn.execute(
            select(sources.c.key).where(sources.c.key.like(f"person:% {_like(surname)}|%", escape="\\"))
        ).scalars()
    )
    gone = 0
    for bid, bkey in bare:
        if settled([bkey, *fulls]).get(bkey) == key:
            gone += merge(conn, {bid: source_id})
    return gone


def merge(conn: Connection, moves: dict[int, int]) -> int:
    """Move every claim of the source rows ``old`` to ``new`` and drop ``old``, its id redirecting
    to ``new``; the clusters holding the claims are marked for rebuilding. Returns the rows that
    went (a row another writer merged first is skipped)."""
    c = claims.c
    gone = 0
    for old, new in moves.items():
        mark_stale(conn, select(c.id).where(c.source_id == old))
        conn.execute(update(claims).where(c.source_id == old).values(source_id=new))
        if conn.execute(delete(sources).where(sources.c.id == old)).rowcount:
            point(conn, source_redirects, old, new)
            gone += 1
    return gone


def resolve(conn: Connection, source_id: int) -> int | None:
    """The live source row an id that merged away went to (``source_redirects``), or None."""
    return follow(conn, source_redirects, sources, source_id)


def numbered(
    conn: Connection, rows: Sequence[dict[str, Any]], *, redirects: bool = True
) -> list[dict[str, Any]]:
    """The source rows among ``rows`` whose keys are new, to insert. SQLite gives a new row the
    largest id plus one, which may be the id of a row that merged away (its old links redirect):
    there the new rows get ids above every id ever redirected, so a link never lands on another
    speaker. PostgreSQL's sequence never gives an id twice and numbers them itself.
    ``redirects=False``: before revision 0009 made the table (nothing to stay above)."""
    keys = [r["key"] for r in rows]
    have: set[str] = set()
    for i in range(0, len(keys), 500):  # bounded IN lists
        have.update(conn.execute(select(sources.c.key).where(sources.c.key.in_(keys[i : i + 500]))).scalars())
    new = [r for r in rows if r["key"] not in have]
    if conn.dialect.name != "sqlite" or not new or not redirects:
        return new
    top = max(
        conn.execute(select(func.max(sources.c.id))).scalar() or 0,
        conn.execute(select(func.max(source_redirects.c.old_id))).scalar() or 0,
    )
    return [{**r, "id": top + n} for n, r in enumerate(new, 1)]


# --- the sources list ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceQuery:
    """Filters over the sources list: ``name`` a case-insensitive substring, ``kind`` exact,
    ``actor`` a code prefix (IRN matches IRNGOV). Sources are listed most claims first; only
    sources with at least one claim are listed."""

    name: str | None = None
    kind: str | None = None
    actor: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredSource:
    """A source with its claim counts, as the sources list shows it."""

    id: int
    key: str
    name: str | None
    kind: str
    actor: str | None
    claims: int
    asserts: int
    denies: int
    questions: int


def _listed(q: SourceQuery) -> Select[Any]:
    s, c = sources.c, claims.c
    stmt = select(s.id).join(claims, c.source_id == s.id)
    if q.name:
        stmt = stmt.where(func.lower(s.name).contains(q.name.strip().lower(), autoescape=True))
    if q.kind:
        stmt = stmt.where(s.kind == q.kind)
    if q.actor and q.actor.strip():
        stmt = stmt.where(s.actor.startswith(q.actor.strip().upper(), autoescape=True))
    return stmt


def list_sources(conn: Connection, q: SourceQuery) -> list[StoredSource]:
    """One page of sources, most claims first, each with its stance counts."""
    s, c = sources.c, claims.c
    n = func.count(c.id)
    stances = [func.sum(case((c.stance == st, 1), else_=0)) for st in ("asserts", "denies", "questions")]
    stmt = (
        _listed(q)
        .add_columns(s.key, s.name, s.kind, s.actor, n, *stances)
        .group_by(s.id, s.key, s.name, s.kind, s.actor)
        .order_by(n.desc(), s.name, s.id)
        .limit(q.limit)
        .offset(q.offset)
    )
    fields = ("id", "key", "name", "kind", "actor", "claims", "asserts", "denies", "questions")
    return [
        StoredSource(**dict(zip(fields, (*r[:6], *(n or 0 for n in r[6:])), strict=True)))
        for r in conn.execute(stmt)
    ]


def count_sources(conn: Connection, q: SourceQuery) -> int:
    """How many sources the list holds (ignoring limit and offset)."""
    listed = _listed(q).group_by(sources.c.id).subquery()
    return int(conn.execute(select(func.count()).select_from(listed)).scalar_one())


def seen_as(conn: Connection, source_id: int) -> dict[str, list[tuple[str, int]]]:
    """The names a source was seen under, with claim counts, most frequent first: ``names`` as the
    articles gave them in full ("Vladimir Putin", "President of Russia Vladimir Putin") and
    ``mentions`` as the claims' text put them ("Putin", "the President", "he")."""
    return seen_as_many(conn, [source_id]).get(source_id, {"names": [], "mentions": []})


def seen_as_many(conn: Connection, source_ids: Sequence[int]) -> dict[int, dict[str, list[tuple[str, int]]]]:
    """``seen_as`` of many sources in a few queries (a listing shows them all); sources without
    claims are left out."""
    c = claims.c
    found: dict[int, dict[str, dict[str, list[Any]]]] = {}
    ids = list(dict.fromkeys(source_ids))
    for i in range(0, len(ids), 500):  # bounded IN lists
        stmt = (
            select(c.source_id, c.source_name, c.source_text, c.source_kind, c.outlet, func.count())
            .where(c.source_id.in_(ids[i : i + 500]))
            .group_by(c.source_id, c.source_name, c.source_text, c.source_kind, c.outlet)
        )
        for sid, name, text, kind, outlet, n in conn.execute(stmt):
            parts = found.setdefault(sid, {"names": {}, "mentions": {}})
            name = name or (outlet if kind == "author" else None)
            for value, into in ((name, parts["names"]), (text, parts["mentions"])):
                if value:
                    entry = into.setdefault(" ".join(value.split()).casefold(), [" ".join(value.split()), 0])
                    entry[1] += n
    return {
        sid: {
            part: sorted(((v, n) for v, n in seen.values()), key=lambda vn: (-vn[1], vn[0].casefold()))
            for part, seen in parts.items()
        }
        for sid, parts in found.items()
    }


# --- re-keying -----------------------------------------------------------------------------------


class _Group(NamedTuple):
    """Claims that one source row holds under one spelling, and the key they get now."""

    source_id: int | None
    kind: str
    name: str | None
    actor: str | None
    text: str | None  # read only where the name is missing
    outlet: str | None  # read only for an author with no name
    key: str
    label: str | None
    own: str  # the key of this spelling alone, before ``settled`` gave a surname its full name


def _groups(conn: Connection, coder: ActorCoder | None) -> list[_Group]:
    c = claims.c
    no_name = c.source_name.is_(None)
    stmt = select(
        c.source_id,
        c.source_kind,
        c.source_name,
        c.source_actor,
        case((no_name, c.source_text), else_=None),
        case((and_(no_name, c.source_kind == "author"), c.outlet), else_=None),
    ).distinct()
    out = []
    for sid, kind, name, actor, text, outlet in conn.execute(stmt):
        key, label = speaker(Source(text=text, name=name, kind=kind, actor=actor), outlet, coder)
        out.append(_Group(sid, kind, name, actor, text, outlet, key, label, key))
    return out


def rekey_stored(conn: Connection, *, redirects: bool = False) -> None:
    """``rekey`` for a migration: only where claims are stored (a new store has nothing to do).
    Revisions before 0009 have no ``source_redirects`` to record the merges in."""
    if conn.exec_driver_sql("SELECT 1 FROM claims LIMIT 1").first() is not None:
        rekey(conn, redirects=redirects)


def rekey(conn: Connection, coder: ActorCoder | None = None, *, redirects: bool = True) -> int:
    """Give every stored source the key of today's rules and people table; rows that come to share
    a key merge into the oldest (its id stays, so links to it keep working) and their claims move
    there. Returns how many source rows went. The clusters holding moved claims are marked for
    rebuilding, since a cluster counts its sources by these rows. The id of each row that went
    redirects to the row that took most of its claims (unless ``redirects=False``)."""
    groups = _groups(conn, coder)
    # oldest rows first: of one person's keys, the first given stands for the others
    moves = settled(dict.fromkeys(g.key for g in sorted(groups, key=lambda g: g.source_id or 0)))
    groups = [g._replace(key=moves.get(g.key, g.key)) for g in groups]
    keyed: dict[str, list[_Group]] = defaultdict(list)
    ways: dict[int | None, set[str]] = defaultdict(set)  # old row -> the keys its claims get
    for g in groups:
        keyed[g.key].append(g)
        ways[g.source_id].add(g.key)
    current: dict[int | None, str] = {r.id: r.key for r in conn.execute(select(sources.c.id, sources.c.key))}
    if len(current) == len(ways) == len(keyed) and all(current.get(g.source_id) == g.key for g in groups):
        return 0  # every row already has its key, and every key its own row
    # park every row under a key no rule gives, so the new keys never meet an old one
    conn.execute(update(sources).values(key=literal(_PARKED) + cast(sources.c.id, String)))
    target: dict[str, int] = {}
    taken: set[int] = set()
    for key, gs in sorted(keyed.items(), key=lambda kv: min(g.source_id or 0 for g in kv[1])):
        free = [g.source_id for g in gs if g.source_id is not None and g.source_id not in taken]
        # the oldest row's spelling, of the key's own name ("Olena Zelenska", not a "Zelenska" before it)
        first = min(gs, key=lambda g: (g.own != key, g.source_id is None, g.source_id or 0))
        values = {"key": key, "name": first.label, "kind": first.kind, "actor": first.actor}
        if free:
            target[key] = min(free)
            conn.execute(update(sources).where(sources.c.id == target[key]).values(**values))
        else:
            conn.execute(insert(sources), numbered(conn, [values], redirects=redirects))
            target[key] = int(conn.execute(select(sources.c.id).where(sources.c.key == key)).scalar_one())
        taken.add(target[key])
    moved: set[int] = set()  # rows that took claims from others
    went: dict[int, Counter[int]] = defaultdict(Counter)  # old row -> claims it gave each row
    c = claims.c
    for g in groups:
        new = target[g.key]
        if new == g.source_id:
            continue
        if len(ways[g.source_id]) == 1:  # the whole row goes one way: move it at once
            where = [_of(g.source_id)]
        else:  # the row splits: move this spelling's claims only
            where = [
                _of(g.source_id),
                c.source_kind == g.kind,
                c.source_name.is_not_distinct_from(g.name),
                c.source_actor.is_not_distinct_from(g.actor),
            ]
            if g.name is None:
                where.append(c.source_text.is_not_distinct_from(g.text))
                if g.kind == "author":
                    where.append(c.outlet.is_not_distinct_from(g.outlet))
        n = conn.execute(update(claims).where(*where).values(source_id=new)).rowcount
        moved.add(new)
        if g.source_id is not None and n:
            went[g.source_id][new] += n
    parked = set(conn.execute(select(sources.c.id).where(sources.c.key.startswith(_PARKED))).scalars())
    gone = conn.execute(delete(sources).where(sources.c.key.startswith(_PARKED))).rowcount
    for old in sorted(
        parked & set(went) if redirects else ()
    ):  # each id that went redirects to where most claims went
        point(conn, source_redirects, old, min(went[old], key=lambda n: (-went[old][n], n)))
    ids = sorted(moved)
    for k in range(0, len(ids), 500):  # bounded IN lists
        mark_stale(conn, select(c.id).where(c.source_id.in_(ids[k : k + 500])))
    return int(gone or 0)


def _of(source_id: int | None) -> Any:
    return claims.c.source_id.is_(None) if source_id is None else claims.c.source_id == source_id
