"""``load``: bring claims extracted elsewhere (shards of a cluster run, exports of another store,
gold files) into a store, one article per transaction, idempotent like ingest.

Readable inputs, by suffix:

- ``.jsonl``: one JSON object a line, each either a claim record (as ``export --format claims``
  writes it: the record plus ``outlet``, ``published``, ``url``, ``title``, and optionally ``text``,
  ``language``, ``extractor_version``) or an article with its claims (``{"article": {...},
  "claims": [...]}``);
- ``.json``: a gold file (``{"article_id", "outlet", "file", "claims": [...]}``; ``file`` is read
  for the text when it sits beside the JSON) or a list of claim records;
- ``.csv`` / ``.parquet``: the flat exports of ``claimgraph export``.

Articles that arrive without text are stored with an empty text (their claims still query and
cluster; the web UI cannot highlight them).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, Claim
from .rows import from_text_cells, row_to_claim
from .store import Store

_ARTICLE_KEYS = ("outlet", "published", "url", "title", "text", "language", "extractor_version")
LOADED_VERSION = "load"


@dataclass(slots=True)
class LoadResult:
    """What ``load_files`` did: articles added and skipped (already stored), claims added, errors."""

    articles: int = 0
    skipped: int = 0
    claims: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Pending:
    meta: dict[str, Any]
    claims: list[Claim]


def _meta(d: Mapping[str, Any]) -> dict[str, Any]:
    return {k: d[k] for k in _ARTICLE_KEYS if d.get(k) is not None}


def _from_object(d: Mapping[str, Any], base: Path) -> Iterator[tuple[str, dict[str, Any], Claim | None]]:
    """(article id, article facts, claim) triples from one JSON object."""
    if "claims" in d:  # an article with its claims, or a gold file
        art = d.get("article") or d
        aid = art.get("id") or art.get("article_id") or d.get("article_id")
        if not aid:
            raise InputError("an object with 'claims' needs an article id ('article_id' or article.id)")
        meta = _meta(art)
        if "text" not in meta and art.get("file") and (base / art["file"]).is_file():
            meta["text"] = (base / art["file"]).read_text(encoding="utf-8")
        yield str(aid), meta, None
        for c in d["claims"]:
            yield str(aid), {}, Claim.from_dict({**c, "article_id": aid})
        return
    claim = Claim.from_dict(dict(d))
    if not claim.article_id:
        raise InputError("a claim record needs an 'article_id'")
    yield claim.article_id, _meta(d), claim


def _read_json_lines(
    path: Path, result: LoadResult, store: Store
) -> Iterator[tuple[str, dict[str, Any], Claim | None]]:
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                if not isinstance(d, dict):
                    raise InputError("not a JSON object")
                yield from _from_object(d, path.parent)
            except (ValueError, KeyError, TypeError, InputError) as exc:
                reason = f"{type(exc).__name__}: {exc}"
                store.add_error(input=str(path), location=f"line {n}", reason=reason)
                result.errors.append(f"{path}:{n}: {reason}")


def _read_json(path: Path) -> Iterator[tuple[str, dict[str, Any], Claim | None]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data if isinstance(data, list) else [data]
    for d in items:
        if not isinstance(d, dict):
            raise InputError("expected a JSON object or a list of objects")
        yield from _from_object(d, path.parent)


def _from_flat(rows: Iterable[Mapping[str, Any]]) -> Iterator[tuple[str, dict[str, Any], Claim | None]]:
    for r in rows:
        yield str(r["article_id"]), _meta(r), row_to_claim(r)


def read_csv(path: str | Path) -> Iterator[Claim]:
    """The records of a CSV export (``export --format csv``), neutralised cells restored."""
    with Path(path).open(encoding="utf-8", newline="") as f:
        for cells in csv.DictReader(f):
            yield row_to_claim(from_text_cells(cells))


def read_parquet(path: str | Path) -> Iterator[Claim]:
    """The records of a Parquet export (``export --format parquet``)."""
    for r in _parquet_rows(Path(path)):
        yield row_to_claim(r)


def _parquet_rows(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    for batch in pq.ParquetFile(path).iter_batches():
        yield from batch.to_pylist()


def _csv_rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as f:
        for cells in csv.DictReader(f):
            yield from_text_cells(cells)


def _triples(
    path: Path, result: LoadResult, store: Store
) -> Iterator[tuple[str, dict[str, Any], Claim | None]]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _read_json_lines(path, result, store)
    if suffix == ".json":
        return _read_json(path)
    if suffix == ".csv":
        return _from_flat(_csv_rows(path))
    if suffix == ".parquet":
        return _from_flat(_parquet_rows(path))
    raise InputError(f"cannot load {path}: unknown suffix {suffix!r} (use .jsonl, .json, .csv or .parquet)")


def load_files(store: Store, paths: Iterable[str | Path]) -> LoadResult:
    """Load claim files into ``store``: per article one transaction; stored articles are skipped."""
    result = LoadResult()
    for p in paths:
        path = Path(p)
        pending: dict[str, _Pending] = {}
        try:
            for aid, meta, claim in _triples(path, result, store):
                entry = pending.setdefault(aid, _Pending({}, []))
                for k, v in meta.items():
                    entry.meta.setdefault(k, v)
                if claim is not None:
                    entry.claims.append(claim)
        except (OSError, ValueError, KeyError, TypeError, InputError) as exc:
            reason = str(exc) if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
            store.add_error(input=str(path), reason=reason)
            result.errors.append(f"{path}: {reason}")
            continue
        for aid, entry in pending.items():
            m = entry.meta
            article = Article(
                id=aid,
                text=m.get("text") or "",
                title=m.get("title"),
                url=m.get("url"),
                outlet=m.get("outlet"),
                published=m.get("published"),
                language=m.get("language"),
            )
            version = str(m.get("extractor_version") or LOADED_VERSION)
            if store.add_article(article, entry.claims, extractor_version=version):
                result.articles += 1
                result.claims += len(entry.claims)
            else:
                result.skipped += 1
    return result
