"""Scoring claim records against gold data: our own claim format, PolNeAR, and the PLOVER GSR.

Why this module exists: claimgraph must be measured against references no one here wrote. The
claim-format scorer implements ``docs/claims-format.md`` "How records are scored" and gives the
same numbers as the independent reference scorer (``shared/tools/score_claims.py``), quirks
included (tie order in matching, which accuracy keys appear), so the two can check each other; the
PolNeAR scorer likewise mirrors ``shared/tools/score_polnear.py``. Scorers work on plain JSON
records (``dict``), so prediction files and in-memory ``Claim`` objects are scored the same way.

Each benchmark also has an ``evaluate_*`` function that takes an ``extract(text, article_id)``
callable returning ``Claim`` records: the pipeline is injected, so this module needs no spaCy and
the CLI can pass whatever extractor it built.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cameo import plover_2021_name, plover_category
from .errors import InputError
from .model import Claim

Record = dict[str, Any]
"""A claim record as plain JSON data (the shape of ``Claim.to_dict()`` or a gold file)."""
Extract = Callable[[str, str], Sequence[Claim]]
"""An extractor: ``extract(text, article_id)`` -> the claim records of that text."""
PathLike = str | os.PathLike[str]

# --------------------------------------------------------------------------------------------
# Loading claim records
# --------------------------------------------------------------------------------------------


def _read_text(path: PathLike) -> str:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return fh.read()
    except OSError as e:
        raise InputError(f"cannot read {os.fspath(path)}: {e.strerror or e}") from None


def load_docs(path: PathLike) -> list[Record]:
    """The JSON objects of a file: a JSON list, one JSON document, or JSON Lines (one per line)."""
    text = _read_text(path).strip()
    if not text:
        return []
    try:
        if text[0] == "[":
            docs = json.loads(text)
            return [d for d in docs if isinstance(d, dict)]
        try:
            obj = json.loads(text)
        except json.JSONDecodeError:
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        return [obj] if isinstance(obj, dict) else []
    except json.JSONDecodeError as e:
        raise InputError(f"{os.fspath(path)}: not JSON or JSON Lines (line {e.lineno}: {e.msg})") from None


def group_records(docs: Iterable[Record]) -> dict[str, list[Record]]:
    """Records by article: documents with ``claims`` contribute theirs, bare records their own id."""
    by: dict[str, list[Record]] = defaultdict(list)
    for d in docs:
        if "claims" in d:
            for c in d["claims"]:
                by[str(d.get("article_id") or d.get("id"))].append(c)
        else:
            by[str(d.get("article_id"))].append(d)
    return dict(by)


def load_gold(paths: Iterable[PathLike]) -> dict[str, list[Record]]:
    """Gold records by article from gold files (``{"article_id", "claims": [...]}``, lists or JSONL)."""
    return group_records(d for p in paths for d in load_docs(p))


def load_pred(path: PathLike) -> dict[str, list[Record]]:
    """Predicted records by article from a JSONL of records carrying ``article_id`` (or gold-style docs)."""
    return group_records(load_docs(path))


def load_gold_texts(paths: Iterable[PathLike]) -> dict[str, str]:
    """Article texts of gold documents: their ``text`` field, else the ``file`` next to the gold file,
    else ``<id>.txt`` in the ``text/`` folder beside the gold file's folder (a benchmark's
    ``gold/`` + ``text/`` layout, as claims-dev)."""
    out: dict[str, str] = {}
    for p in paths:
        for d in load_docs(p):
            if "claims" not in d:
                continue
            aid = str(d.get("article_id") or d.get("id"))
            beside = Path(p).parent.parent / "text" / f"{aid}.txt"
            if isinstance(d.get("text"), str):
                out[aid] = d["text"]
            elif d.get("file"):
                out[aid] = _read_text(Path(p).parent / str(d["file"]))
            elif beside.is_file():
                out[aid] = _read_text(beside)
            else:
                raise InputError(
                    f"{os.fspath(p)}: gold document {aid!r} has neither 'text' nor 'file', and no {beside}"
                )
    return out


# --------------------------------------------------------------------------------------------
# Claim-format scoring (docs/claims-format.md, "How records are scored")
# --------------------------------------------------------------------------------------------

Triple = tuple[str | None, str | None, str | None]


def _code_of(x: Any) -> str | None:
    """An actor code from a code string or an actor dict, upper-cased."""
    if x is None:
        return None
    if isinstance(x, dict):
        x = x.get("code") or x.get("actor")
    if not x:
        return None
    return str(x).upper().strip()


def _country(code: str | None) -> str | None:
    """Country part of an actor code; international codes (IGO..., IMG...) compare by their class."""
    return code[:3] if code else None


def actor_country(x: Any) -> str | None:
    """The country part of an actor (code string or actor dict): what the scorers compare."""
    return _country(_code_of(x))


def _root(ev: Any) -> str | None:
    if not ev:
        return None
    a = ev.get("action") or {}
    c = a.get("cameo") if isinstance(a, dict) else None
    c = c or ev.get("cameo") or ev.get("code")
    if c is None:
        return None
    return str(c)[:2]


def _triple(c: Record) -> Triple:
    """(actor1 country, CAMEO root, actor2 country): the event as the scorer compares it."""
    ev = c.get("event") or {}
    return (_country(_code_of(ev.get("actor1"))), _root(ev), _country(_code_of(ev.get("actor2"))))


def _src(c: Record) -> dict[str, Any]:
    s = c.get("source") or {}
    return s if isinstance(s, dict) else {}


def _src_key(c: Record) -> str:
    s = _src(c)
    if s.get("kind") == "author":
        return "AUTHOR"
    return _country(_code_of(s.get("actor"))) or str(s.get("name") or s.get("text") or "").lower()


def _surname(s: str | None) -> str:
    toks = re.findall(r"[A-Za-z\u00C0-\u024F'-]+", s or "")
    return toks[-1].lower() if toks else ""


def source_right(pred: Record, gold: Record) -> bool:
    """Whether the predicted source is the gold one: author, else surname (persons), else country."""
    gs, ps = _src(gold), _src(pred)
    if gs.get("kind") == "author":
        return ps.get("kind") == "author"
    if gs.get("kind") == "person":
        gn = _surname(gs.get("name"))
        return bool(gn) and gn in {_surname(ps.get("name")), _surname(ps.get("text"))}
    gc, pc = _country(_code_of(gs.get("actor"))), _country(_code_of(ps.get("actor")))
    if gc and pc:
        return gc == pc
    return str(gs.get("name") or "").lower() == str(ps.get("name") or "").lower()


def _span(c: Record) -> tuple[Any, Any]:
    e = c.get("evidence") or {}
    return e.get("start"), e.get("end")


def match_records(preds: Sequence[Record], golds: Sequence[Record]) -> list[tuple[Record, Record]]:
    """One-to-one matching by overlapping evidence: same event triple first, then greatest overlap.

    Remaining ties go to the later records (the reference scorer sorts index pairs descending).
    """
    pairs: list[tuple[bool, Any, int, int]] = []
    for i, p in enumerate(preds):
        ps, pe = _span(p)
        if ps is None or pe is None:
            continue
        for j, g in enumerate(golds):
            gs, ge = _span(g)
            if gs is None or ge is None:
                continue
            ov = min(pe, ge) - max(ps, gs)
            if ov > 0:
                pairs.append((_triple(p) == _triple(g), ov, i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    out: list[tuple[Record, Record]] = []
    for _, _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((preds[i], golds[j]))
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    """Precision, recall, F1 (rounded to 4 places) with the counts they come from."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "pred": n_pred,
        "gold": n_gold,
    }


# The rare classes that matter: a denial or doubt, a hedge, a non-neutral framing.
_RARE: dict[str, Callable[[Record], bool]] = {
    "stance": lambda c: c.get("stance") in ("denies", "questions"),
    "hedged": lambda c: c.get("hedged") is True,
    "framing": lambda c: c.get("framing") in ("distancing", "endorsing"),
}


def score_claims(
    gold_by_article: Mapping[str, Sequence[Record]], pred_by_article: Mapping[str, Sequence[Record]]
) -> dict[str, Any]:
    """Attribution, event and claim P/R/F1, accuracies and rare-class F1s over the gold articles.

    Predictions for articles without gold are ignored. The result has the keys of the reference
    scorer's ``--json --per-article`` output: articles, attribution, event, claim, accuracy (only
    fields some matched gold record has), rare (stance, hedged, framing), per_article.
    """
    att = [0, 0, 0]
    evt = [0, 0, 0]
    clm = [0, 0, 0]
    acc: dict[str, list[int]] = {}
    rare_n: dict[str, list[int]] = {k: [0, 0, 0] for k in _RARE}
    per: dict[str, dict[str, Any]] = {}
    for aid, golds in gold_by_article.items():
        preds = list(pred_by_article.get(aid, []))
        golds = list(golds)
        m = match_records(preds, golds)
        right = sum(source_right(p, g) for p, g in m)
        att[0] += right
        att[1] += len(preds)
        att[2] += len(golds)
        for fld in ("stance", "hedged", "framing"):
            for p, g in m:
                if fld in g:
                    a = acc.setdefault(fld, [0, 0])
                    a[0] += p.get(fld) == g.get(fld)
                    a[1] += 1
        for fld, pos in _RARE.items():
            rare_n[fld][0] += sum(1 for p, g in m if pos(p) and pos(g) and p.get(fld) == g.get(fld))
            rare_n[fld][1] += sum(1 for p in preds if pos(p))
            rare_n[fld][2] += sum(1 for g in golds if pos(g))
        gt = {_triple(c) for c in golds if _triple(c)[1]}
        pt = {_triple(c) for c in preds if _triple(c)[1]}
        evt[0] += len(gt & pt)
        evt[1] += len(pt)
        evt[2] += len(gt)
        gc = {(_src_key(c), c.get("stance"), *_triple(c)) for c in golds if _triple(c)[1]}
        pc = {(_src_key(c), c.get("stance"), *_triple(c)) for c in preds if _triple(c)[1]}
        clm[0] += len(gc & pc)
        clm[1] += len(pc)
        clm[2] += len(gc)
        per[aid] = {
            "gold": len(golds),
            "pred": len(preds),
            "matched": len(m),
            "source_right": right,
            "event_f1": prf(len(gt & pt), len(pt), len(gt))["f1"],
        }
    return {
        "articles": len(gold_by_article),
        "attribution": prf(*att),
        "event": prf(*evt),
        "claim": prf(*clm),
        "accuracy": {k: round(v[0] / v[1], 4) if v[1] else None for k, v in acc.items()},
        "rare": {k: prf(*v) for k, v in rare_n.items()},
        "per_article": per,
    }


def _records_of(claims: Iterable[Claim | Mapping[str, Any]], article_id: str) -> list[Record]:
    """Claims as JSON records under the article id the evaluation gave (whatever the claim says)."""
    out: list[Record] = []
    for c in claims:
        d = c.to_dict() if isinstance(c, Claim) else dict(c)
        d["article_id"] = article_id
        out.append(d)
    return out


def predict_gold(
    gold_paths: Sequence[PathLike], extract: Extract
) -> tuple[dict[str, list[Record]], dict[str, list[Record]]]:
    """Gold records and ``extract``'s records of every gold article's text, both by article."""
    gold = load_gold(gold_paths)
    texts = load_gold_texts(gold_paths)
    pred: dict[str, list[Record]] = {}
    for aid in gold:
        if aid not in texts:
            raise InputError(f"no article text for gold article {aid!r}")
        pred[aid] = _records_of(extract(texts[aid], aid), aid)
    return gold, pred


def evaluate_claims(gold_paths: Sequence[PathLike], extract: Extract) -> dict[str, Any]:
    """Run ``extract`` on every gold article's text and score it with :func:`score_claims`."""
    return score_claims(*predict_gold(gold_paths, extract))


# --------------------------------------------------------------------------------------------
# PolNeAR (BRAT standoff; first annotator per article, as the reference scorer)
# --------------------------------------------------------------------------------------------

POLNEAR_ROLES: tuple[str, ...] = ("source", "cue", "content")
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class PolnearDoc:
    """One PolNeAR article: its text and the gold spans per role of its first annotator's file."""

    article_id: str
    text: str
    spans: Mapping[str, frozenset[Span]]
    annotator_file: str


def _parse_ann(path: PathLike) -> dict[str, frozenset[Span]]:
    """Source/cue/content spans of the attribution relations (E-lines) of one .ann file.

    A discontinuous T-span counts as its hull (first start to last end), as in the reference.
    """
    spans: dict[str, Span] = {}
    rels: list[dict[str, str]] = []
    text = _read_text(path).replace("\r\n", "\n").replace("\r", "\n")
    for n, line in enumerate(text.split("\n"), 1):
        parts = line.split("\t")
        try:
            if parts[0].startswith("T") and len(parts) >= 2:
                _, _, rng = parts[1].partition(" ")
                pieces = [tuple(map(int, r.split())) for r in rng.split(";")]
                spans[parts[0]] = (min(p[0] for p in pieces), max(p[1] for p in pieces))
            elif parts[0].startswith("E") and len(parts) >= 2:
                rels.append(dict(x.split(":", 1) for x in parts[1].split()))
        except (ValueError, IndexError):
            raise InputError(f"{os.fspath(path)}:{n}: malformed BRAT line") from None
    out: dict[str, set[Span]] = {r: set() for r in POLNEAR_ROLES}
    for r in rels:
        for role, key in (("source", "Source"), ("cue", "Cue"), ("content", "Content")):
            if key in r and r[key] in spans:
                out[role].add(spans[r[key]])
    return {k: frozenset(v) for k, v in out.items()}


def load_polnear(split_dir: PathLike) -> list[PolnearDoc]:
    """The articles of a PolNeAR split (``<split>/text/*.txt``, ``<split>/attributions/*_<ann>.ann``)."""
    root = Path(split_dir)
    ann_dir = root / "attributions"
    if not ann_dir.is_dir():
        raise InputError(f"{root}: not a PolNeAR split (no attributions/ folder)")
    anns: dict[str, list[Path]] = defaultdict(list)
    for p in sorted(ann_dir.glob("*.ann")):
        anns[p.name[:-4].rsplit("_", 1)[0]].append(p)
    docs: list[PolnearDoc] = []
    for aid, paths in anns.items():
        docs.append(
            PolnearDoc(
                article_id=aid,
                text=_read_text(root / "text" / f"{aid}.txt"),
                spans=_parse_ann(paths[0]),
                annotator_file=paths[0].name,
            )
        )
    return docs


def _opt_span(d: Any) -> Span | None:
    if not isinstance(d, dict) or d.get("start") is None or d.get("end") is None:
        return None
    return (int(d["start"]), int(d["end"]))


def _chars(spans: Iterable[Span]) -> set[int]:
    out: set[int] = set()
    for s, e in spans:
        out.update(range(s, e))
    return out


def _prf_short(tp: int, p: int, g: int) -> dict[str, float]:
    pr = tp / p if p else 0.0
    rc = tp / g if g else 0.0
    return {
        "precision": round(pr, 4),
        "recall": round(rc, 4),
        "f1": round(2 * pr * rc / (pr + rc), 4) if pr + rc else 0.0,
    }


def score_polnear(docs: Sequence[PolnearDoc], pred_records: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Exact-span and character-overlap P/R/F1 per role (source, cue, content = evidence).

    Author records and records without a cue are ignored (PolNeAR annotates attributions only),
    as are records of articles not in ``docs``; spans are compared as sets per article.
    """
    articles = {d.article_id for d in docs}
    pred: dict[str, dict[str, set[Span]]] = {r: defaultdict(set) for r in POLNEAR_ROLES}
    for c in pred_records:
        aid = str(c.get("article_id"))
        if aid not in articles or (c.get("source") or {}).get("kind") == "author" or not c.get("cue"):
            continue
        for role, sp in (
            ("source", _opt_span(c.get("source"))),
            ("cue", _opt_span(c.get("cue"))),
            ("content", _opt_span(c.get("evidence"))),
        ):
            if sp:
                pred[role][aid].add(sp)
    res: dict[str, Any] = {"articles": len(articles)}
    for role in POLNEAR_ROLES:
        tp = p = g = ctp = cp = cg = 0
        for d in docs:
            gold_s, pred_s = d.spans.get(role, frozenset()), pred[role].get(d.article_id, set())
            tp += len(gold_s & pred_s)
            p += len(pred_s)
            g += len(gold_s)
            gc, pc = _chars(gold_s), _chars(pred_s)
            ctp += len(gc & pc)
            cp += len(pc)
            cg += len(gc)
        res[role] = {"exact": _prf_short(tp, p, g), "overlap": _prf_short(ctp, cp, cg), "gold": g, "pred": p}
    return res


def evaluate_polnear(split_dir: PathLike, extract: Extract) -> dict[str, Any]:
    """Run ``extract`` on every article of a PolNeAR split and score it with :func:`score_polnear`."""
    docs = load_polnear(split_dir)
    preds = [r for d in docs for r in _records_of(extract(d.text, d.article_id), d.article_id)]
    return score_polnear(docs, preds)


# --------------------------------------------------------------------------------------------
# PLOVER gold-standard records (sentences from the CAMEO manual, PLOVER 0.5 categories)
# --------------------------------------------------------------------------------------------

# Codes in the GSR that are not ISO 3166 alpha-3 although its readme says all are: CAMEO leftovers.
GSR_CODE_FIXES: dict[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

_MARKUP_OPEN = re.compile(r"\((?:SRC/TAR|SRC|TAR|EVT|LOC):\s?")


@dataclass(frozen=True, slots=True)
class GsrSentence:
    """One GSR sentence with its gold codings, countries already reduced to three letters.

    ``reciprocal`` marks sentences without a target whose actors are SRC/TAR in the markup or
    are several source countries (each party acts on the others): their gold targets are the
    source countries.
    """

    id: str
    text: str
    category_05: str
    category: str
    sources: frozenset[str]
    targets: frozenset[str]
    reciprocal: bool


def strip_markup(s: str) -> str:
    """A GSR markup string without its ``(SRC: ...)``, ``(EVT: ...)`` ... tags, other brackets kept."""
    out: list[str] = []
    stack: list[bool] = []  # True = a markup opener, False = a plain "(" kept in the text
    i = 0
    while i < len(s):
        m = _MARKUP_OPEN.match(s, i)
        if m:
            stack.append(True)
            i = m.end()
            continue
        ch = s[i]
        if ch == "(":
            stack.append(False)
            out.append(ch)
        elif ch == ")" and stack:
            if not stack.pop():
                out.append(ch)
        else:
            out.append(ch)
        i += 1
    return "".join(out).strip()


def _gsr_plain(rec: Mapping[str, Any]) -> str:
    """The plain sentence: the ``text`` field (stripped of any markup and of wrapping braces)."""
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        info = rec.get("textInfo")
        text = info.get("markup", "") if isinstance(info, dict) else str(info or "")
    text = strip_markup(text)
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1].strip()
    return text


def _gsr_countries(actors: Any) -> frozenset[str]:
    if not isinstance(actors, list):
        return frozenset()
    out = set()
    for a in actors:
        code = _code_of(a.get("code")) if isinstance(a, dict) else None
        if code:
            out.add(GSR_CODE_FIXES.get(code[:3], code[:3]))
    return frozenset(out)


def load_plover_gsr(path: PathLike) -> list[GsrSentence]:
    """The GSR's coded sentences (the leading DOCUMENT record and any record without text skipped).

    Ids are the file's, made unique: a repeated id gets ``#2``, ``#3`` ... on later occurrences.
    """
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as e:
        raise InputError(f"{os.fspath(path)}: not JSON (line {e.lineno}: {e.msg})") from None
    if not isinstance(data, list):
        raise InputError(f"{os.fspath(path)}: expected a JSON list of PLOVER records")
    out: list[GsrSentence] = []
    seen: dict[str, int] = defaultdict(int)
    for rec in data:
        if (
            not isinstance(rec, dict)
            or rec.get("event") == "DOCUMENT"
            or not (rec.get("text") or rec.get("textInfo"))
        ):
            continue
        info = rec.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        sources = _gsr_countries(rec.get("source"))
        targets = _gsr_countries(rec.get("target"))
        # no target but several parties: each acts on the others (the markup says SRC/TAR, or
        # two SRC countries that meet or fight, as "U.S. and Russian negotiators return to Geneva")
        reciprocal = not targets and ("SRC/TAR" in markup or len(sources) > 1)
        cat05 = str(rec.get("event") or "").upper()
        sid = str(rec.get("id"))
        seen[sid] += 1
        if seen[sid] > 1:  # the file repeats an id (COERCE-0004): keep both sentences apart
            sid = f"{sid}#{seen[sid]}"
        out.append(
            GsrSentence(
                id=sid,
                text=_gsr_plain(rec),
                category_05=cat05,
                category=plover_2021_name(cat05),
                sources=sources,
                targets=sources if reciprocal else targets,
                reciprocal=reciprocal,
            )
        )
    return out


def _cameo_of(r: Record) -> str | None:
    ev = r.get("event") or {}
    a = ev.get("action") if isinstance(ev, dict) else None
    c = a.get("cameo") if isinstance(a, dict) else None
    return str(c) if c else None


def pick_record(records: Sequence[Record]) -> Record | None:
    """The record taken as the sentence's event: among records with a CAMEO-coded event, the one
    whose evidence is longest (covers most of the sentence), ties to the earliest start, then
    to the first given. Records without an event are never taken."""
    best: Record | None = None
    best_key: tuple[int, int] | None = None
    for r in records:
        if not _cameo_of(r):
            continue
        s, e = _span(r)
        s = s if isinstance(s, int) else 0
        e = e if isinstance(e, int) else s
        key = (e - s, -s)
        if best_key is None or key > best_key:
            best, best_key = r, key
    return best


def score_plover(
    records_by_sentence: Mapping[str, Sequence[Claim | Mapping[str, Any]]], gold: Sequence[GsrSentence]
) -> dict[str, Any]:
    """Category, source-country and target-country accuracy over all gold sentences.

    Every sentence counts: one with no predicted event is wrong on all three (a recall-like
    accuracy). The predicted category is the 2021 PLOVER category of the record's CAMEO code
    (nearest listed parent; CAMEO 01/02 have none, so they are wrong), the gold one the GSR's 0.5
    name in 2021 terms. Source is right when actor1's country is one of the gold source countries,
    or both are absent; target likewise with actor2 (for reciprocal SRC/TAR sentences: another
    of the parties).
    """
    n = len(gold)
    answered = cat_ok = src_ok = tar_ok = 0
    per_cat: dict[str, dict[str, int]] = {}
    for s in gold:
        recs = _records_of(records_by_sentence.get(s.id, ()), s.id)
        r = pick_record(recs)
        pc = per_cat.setdefault(s.category, {"gold": 0, "correct": 0})
        pc["gold"] += 1
        if r is None:
            continue
        answered += 1
        cameo = _cameo_of(r)
        if cameo and plover_category(cameo) == s.category:
            cat_ok += 1
            pc["correct"] += 1
        ev = r.get("event") or {}
        a1, a2 = _country(_code_of(ev.get("actor1"))), _country(_code_of(ev.get("actor2")))
        src_ok += (a1 in s.sources) if s.sources else a1 is None
        if s.reciprocal:
            tar_ok += a2 in s.targets and (a2 != a1 or len(s.targets) == 1)
        else:
            tar_ok += (a2 in s.targets) if s.targets else a2 is None

    def acc(k: int, d: int) -> dict[str, Any]:
        return {"correct": k, "total": d, "accuracy": round(k / d, 4) if d else 0.0}

    return {
        "sentences": n,
        "answered": answered,
        "category": acc(cat_ok, n),
        "source": acc(src_ok, n),
        "target": acc(tar_ok, n),
        "category_when_answered": acc(cat_ok, answered),
        "per_category": dict(sorted(per_cat.items())),
    }


def evaluate_plover(path: PathLike, extract: Extract) -> dict[str, Any]:
    """Run ``extract`` on every GSR sentence (article id = the GSR record id) and score it."""
    gold = load_plover_gsr(path)
    return score_plover({s.id: list(extract(s.text, s.id)) for s in gold}, gold)


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def _p(v: Mapping[str, Any]) -> str:
    return f"P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}"


def format_report(scores: Mapping[str, Any]) -> str:
    """A human-readable summary of the result of any ``score_*`` / ``evaluate_*`` function."""
    lines: list[str] = []
    if "attribution" in scores:
        lines.append(f"claim records: {scores['articles']} gold articles")
        for k in ("attribution", "event", "claim"):
            v = scores[k]
            lines.append(f"  {k:<12} {_p(v)}  (tp {v['tp']}, pred {v['pred']}, gold {v['gold']})")
        accs = ", ".join(f"{k} {v:.3f}" for k, v in scores.get("accuracy", {}).items() if v is not None)
        lines.append(
            f"  accuracy     {accs or 'n/a (no matched records)'}"
            "  (flattering: most records are the majority class)"
        )
        names = {"stance": "denial/doubt", "hedged": "hedge", "framing": "framing"}
        for k, v in scores.get("rare", {}).items():
            lines.append(
                f"  {names.get(k, k):<12} {_p(v)}  (tp {v['tp']}, pred {v['pred']}, gold {v['gold']})"
            )
        actor_names = {
            "source_country": "source country right",
            "actor1": "actor1 country right",
            "actor2": "actor2 country right",
            "person_coded": "person sources coded",
        }
        for k, v in scores.get("actors", {}).items():
            lines.append(f"  {actor_names.get(k, k):<21} {v['share']:.3f}  (of {v['n']})")
    elif "content" in scores and "cue" in scores:
        lines.append(f"PolNeAR: {scores['articles']} articles (first annotator)")
        for role in POLNEAR_ROLES:
            r = scores[role]
            lines.append(
                f"  {role:<8} exact {_p(r['exact'])} | overlap {_p(r['overlap'])}"
                f"  (gold {r['gold']}, pred {r['pred']})"
            )
    elif "category" in scores and "sentences" in scores:
        lines.append(
            f"PLOVER GSR: {scores['sentences']} sentences, {scores['answered']} with a predicted event"
        )
        for k in ("category", "source", "target", "category_when_answered"):
            v = scores[k]
            lines.append(f"  {k:<23} {v['accuracy']:.3f}  ({v['correct']}/{v['total']})")
        per = scores.get("per_category", {})
        if per:
            lines.append(
                "  per category: " + ", ".join(f"{c} {v['correct']}/{v['gold']}" for c, v in per.items())
            )
    else:
        lines.append(json.dumps(scores, indent=1, default=str))
    return "\n".join(lines)


__all__ = [
    "Extract",
    "GsrSentence",
    "PolnearDoc",
    "Record",
    "actor_country",
    "evaluate_claims",
    "evaluate_plover",
    "evaluate_polnear",
    "format_report",
    "group_records",
    "load_docs",
    "load_gold",
    "load_gold_texts",
    "load_plover_gsr",
    "load_polnear",
    "load_pred",
    "match_records",
    "pick_record",
    "predict_gold",
    "score_claims",
    "score_plover",
    "score_polnear",
    "source_right",
    "strip_markup",
]
