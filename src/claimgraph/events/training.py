"""Training the event model from stand-off labels: (article id, offsets, CAMEO code or "none").

Labels are kept in the repository without the texts (``training/events/labels/*.tsv``); the texts
are read from the corpora at training time, parsed with the same spaCy model the pipeline uses, and
each labelled span is mapped to its token. Articles are split into a training and a held-out part
by a hash of their id (stable across runs and label files), so the model's own accuracy is
measured on articles it was not fitted to. scikit-learn is needed here only (``pip install
'claimgraph[train]'``); the fitted weights are exported to numpy arrays for :mod:`.learned`.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ClaimgraphError
from ..lexicons import parse_lines
from .learned import NONE, EventModel, features, is_candidate

log = logging.getLogger(__name__)

COLUMNS = ("corpus", "article_id", "start", "end", "label", "a1", "a2")
MODEL_NAME = "event-lr"


class TrainingError(ClaimgraphError):
    """Labels or corpora that cannot be used for training."""


@dataclass(frozen=True, slots=True)
class Label:
    """One hand-labelled candidate predicate, by offsets into its article."""

    corpus: str
    article_id: str
    start: int
    end: int
    label: str  # a CAMEO code or "none"


def read_labels(paths: Iterable[Path]) -> list[Label]:
    """Every label row of the given TSV files (columns: see ``COLUMNS``)."""
    out: list[Label] = []
    for path in sorted(paths):
        with path.open(encoding="utf-8") as fh:
            for row in parse_lines(fh, str(path), min_cols=5, max_cols=len(COLUMNS)):
                corpus, aid, start, end, label = row.cells[:5]
                if not (start.isdigit() and end.isdigit()):
                    raise row.error(f"offsets must be integers, got {start!r} and {end!r}")
                if label != NONE and not (label.isdigit() and 2 <= len(label) <= 4):
                    raise row.error(f"label must be a CAMEO code or 'none', got {label!r}")
                out.append(Label(corpus, aid, int(start), int(end), label))
    if not out:
        raise TrainingError("no labels found: " + ", ".join(str(p) for p in paths))
    return out


def held_out(article_id: str, share: int = 5) -> bool:
    """One article in ``share`` is held out, chosen by a hash of its id (not by file order)."""
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % share == 0


def read_texts(corpora: Path, wanted: set[str]) -> dict[str, str]:
    """The texts of the wanted article ids from the corpora's JSONL files."""
    texts: dict[str, str] = {}
    for path in sorted(corpora.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                if doc.get("id") in wanted:
                    texts[doc["id"]] = doc["text"]
    missing = wanted - texts.keys()
    if missing:
        raise TrainingError(f"{len(missing)} labelled article(s) not in {corpora}: {sorted(missing)[:3]}")
    return texts


@dataclass(slots=True)
class Examples:
    """Feature lists, classes (CAMEO root or "none") and full codes, with each row's article."""

    feats: list[list[str]]
    roots: list[str]
    codes: list[str]
    lemmas: list[str]
    articles: list[str]


Progress = Callable[[int, int | None, str], None]
"""``progress(done, total, detail)``, called as articles are parsed (the CLI's progress report)."""


def examples(
    labels: Sequence[Label], texts: dict[str, str], nlp: Any, progress: Progress | None = None
) -> Examples:
    """Parse each labelled article once and turn its labels into feature rows."""
    by_article: dict[str, list[Label]] = {}
    for lab in labels:
        by_article.setdefault(lab.article_id, []).append(lab)
    ex = Examples([], [], [], [], [])
    skipped = 0
    ids = sorted(by_article)
    for n, (aid, doc) in enumerate(zip(ids, nlp.pipe(texts[a] for a in ids), strict=True), 1):
        if progress is not None:
            progress(n, len(ids), f"{len(ex.roots)} labelled predicates")
        starts = {t.idx: t for t in doc}
        for lab in by_article[aid]:
            tok = starts.get(lab.start)
            if tok is None or not is_candidate(tok):
                skipped += 1
                continue
            ex.feats.append(features(tok))
            ex.roots.append(NONE if lab.label == NONE else lab.label[:2])
            ex.codes.append(lab.label)
            ex.lemmas.append(tok.lemma_.lower())
            ex.articles.append(aid)
    if skipped:
        log.info("%d label(s) skipped: their token is no longer a candidate under this parse", skipped)
    return ex


def fit(ex: Examples, *, seed: int = 0, c: float = 1.0) -> EventModel:
    """A multinomial logistic regression over binary features, exported to numpy arrays."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise TrainingError("training needs scikit-learn: pip install 'claimgraph[train]'") from exc
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f in ex.feats])
    clf = LogisticRegression(C=c, max_iter=2000, random_state=seed)
    clf.fit(x, ex.roots)
    classes = [str(k) for k in clf.classes_]
    coef = clf.coef_
    bias = clf.intercept_
    if len(classes) == 2:  # binary: sklearn keeps one row; spell out both for the softmax
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2])
    vocab = {str(f): i for i, f in enumerate(vec.get_feature_names_out())}
    counts: Counter[tuple[str, str]] = Counter()
    for lemma, code in zip(ex.lemmas, ex.codes, strict=True):
        if code != NONE and len(code) >= 3:
            counts[(f"{lemma}|{code[:2]}", code)] += 1
    subcodes: dict[str, str] = {}
    for (key, code), _n in counts.most_common():
        subcodes.setdefault(key, code)
    return EventModel(
        classes=classes,
        vocab=vocab,
        weights=np.asarray(coef.T, dtype=np.float32),
        bias=np.asarray(bias, dtype=np.float32),
        subcodes=subcodes,
        name=MODEL_NAME,
    )


@dataclass(frozen=True, slots=True)
class Scores:
    """How the model does on held-out rows: events found (any code) and the root when found."""

    n: int
    event_p: float
    event_r: float
    event_f1: float
    root_accuracy: float
    accuracy: float

    def as_dict(self) -> dict[str, float | int]:
        return {k: getattr(self, k) for k in self.__slots__}


def score(model: EventModel, ex: Examples, threshold: float = 0.5) -> Scores:
    """Event detection P/R/F1 (P(event) at or above ``threshold``) and, over the true events, how
    often the proposed root is right."""
    tp = fp = fn = right_root = gold_events = correct = 0
    for feats, gold in zip(ex.feats, ex.roots, strict=True):
        root, p_event, _ = model.decide(model.probabilities(feats))
        pred = root if p_event >= threshold else NONE
        correct += pred == gold
        if gold != NONE:
            gold_events += 1
            right_root += root == gold
        if pred != NONE and gold != NONE:
            tp += 1
        elif pred != NONE:
            fp += 1
        elif gold != NONE:
            fn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(
        n=len(ex.roots),
        event_p=round(p, 3),
        event_r=round(r, 3),
        event_f1=round(f1, 3),
        root_accuracy=round(right_root / gold_events, 3) if gold_events else 0.0,
        accuracy=round(correct / len(ex.roots), 3) if ex.roots else 0.0,
    )


def split(ex: Examples) -> tuple[Examples, Examples]:
    """The training rows and the held-out rows (by article)."""
    train, test = Examples([], [], [], [], []), Examples([], [], [], [], [])
    for row in zip(ex.feats, ex.roots, ex.codes, ex.lemmas, ex.articles, strict=True):
        part = test if held_out(row[4]) else train
        part.feats.append(row[0])
        part.roots.append(row[1])
        part.codes.append(row[2])
        part.lemmas.append(row[3])
        part.articles.append(row[4])
    return train, test


def train(
    labels_dir: Path,
    corpora: Path,
    out: Path,
    *,
    seed: int = 0,
    c: float = 1.0,
    nlp: Any = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Fit on the training articles, score on the held-out ones, save the model; a summary."""
    labels = read_labels(labels_dir.glob("*.tsv"))
    texts = read_texts(corpora, {lab.article_id for lab in labels})
    if nlp is None:
        from ..nlp import load_base

        nlp = load_base()
    ex = examples(labels, texts, nlp, progress)
    train_ex, test_ex = split(ex)
    model = fit(train_ex, seed=seed, c=c)
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    return {
        "labels": len(labels),
        "articles": len(texts),
        "train_rows": len(train_ex.roots),
        "held_out_rows": len(test_ex.roots),
        "held_out_articles": len(set(test_ex.articles)),
        "held_out": score(model, test_ex).as_dict() if test_ex.roots else None,
        "classes": model.classes,
        "features": len(model.vocab),
        "bytes": out.stat().st_size,
    }


_HERE = Path(__file__).resolve()
DEFAULT_LABELS = _HERE.parents[3] / "training" / "events" / "labels"
"""The labels kept in a source checkout (the package itself ships only the model)."""
DEFAULT_CORPORA = _HERE.parents[4] / "shared" / "corpora"
DEFAULT_OUT = _HERE.parents[1] / "data" / "models" / "event_model.npz"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m claimgraph.events.training``: rebuild the shipped event model."""
    import argparse

    ap = argparse.ArgumentParser(description="Train claimgraph's event model from stand-off labels.")
    ap.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-C", type=float, default=1.0, help="inverse regularisation strength")
    args = ap.parse_args(argv)
    try:
        summary = train(args.labels, args.corpora, args.out, seed=args.seed, c=args.C)
    except (ClaimgraphError, OSError) as exc:
        print(f"claimgraph train: {exc}")
        return 1
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
