"""The trained event component: training from stand-off labels, predictions with probabilities and
provenance, the shipped model in the pipeline, and its own held-out accuracy as a gate."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
from spacy.language import Language

from claimgraph import cameo
from claimgraph.events import training
from claimgraph.events.learned import NONE, EventModel, is_candidate, load_model
from claimgraph.nlp import load_base as _load_base
from conftest import shared_path

LABELS = Path(__file__).resolve().parents[1] / "training" / "events" / "labels"

# A tiny corpus of our own: (text, {word: label}); every other candidate is "none".
TINY = [
    ("Moldova held talks with Romania on Monday.", {"talks": "046"}),
    ("Chile signed a trade agreement with Peru.", {"signed": "057"}),
    ("The army shelled the border town overnight.", {"shelled": "195"}),
    ("Kenya and Somalia resumed negotiations in Nairobi.", {"negotiations": "046"}),
    ("The minister visited the new school and planted a tree.", {}),
    ("Ghana hosted a summit of West African leaders.", {"summit": "043"}),
    ("Troops attacked the rebel camp near the river.", {"attacked": "190"}),
    ("The weather stayed warm and people enjoyed the beach.", {}),
]


@lru_cache(maxsize=1)
def load_base() -> Language:
    """The base parser, loaded once for this module."""
    return _load_base()


def _tiny_corpus(tmp_path: Path) -> tuple[Path, Path]:
    corpora, labels = tmp_path / "corpora", tmp_path / "labels"
    corpora.mkdir()
    labels.mkdir()
    nlp = load_base()
    rows, lines = [], []
    for n, (text, gold) in enumerate(TINY):
        aid = f"tiny-{n}"
        lines.append(json.dumps({"id": aid, "text": text}))
        for tok in nlp(text):
            if is_candidate(tok):
                label = gold.get(tok.text, NONE)
                rows.append(f"tiny\t{aid}\t{tok.idx}\t{tok.idx + len(tok)}\t{label}")
    (corpora / "tiny.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (labels / "tiny.tsv").write_text("# a fixture\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return corpora, labels


def test_a_tiny_model_trains_and_predicts_with_probability_and_provenance(tmp_path: Path) -> None:
    pytest.importorskip("sklearn", reason="training needs scikit-learn (the dev extra)")
    corpora, labels = _tiny_corpus(tmp_path)
    out = tmp_path / "model.npz"
    summary = training.train(labels, corpora, out, seed=0, c=10.0, nlp=load_base())
    assert summary["labels"] >= len(TINY) and out.is_file()
    model = EventModel.load(out)
    nlp = load_base()
    tok = next(t for t in nlp("Moldova held talks with Romania on Monday.") if t.text == "talks")
    p = model.predict(tok)
    assert p.root == "04" and cameo.is_valid(p.code)
    assert 0.0 <= p.root_prob <= p.prob <= 1.0
    assert p.rule.startswith("model:event-lr p=")
    # the saved weights give the same probabilities after a round trip
    again = EventModel.load(out).probabilities(["lem=talk", "pos=NOUN"])
    assert again == pytest.approx(model.probabilities(["lem=talk", "pos=NOUN"]))


def test_bad_label_rows_name_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("corpus\tid\t1\t5\tmaybe\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"bad\.tsv.*(1|line)"):
        training.read_labels([bad])


def test_the_shipped_model_reads_event_nouns_in_context() -> None:
    nlp = load_base()
    doc = nlp("The two foreign ministers held talks in Geneva on Tuesday.")
    talks = next(t for t in doc if t.text == "talks")
    p = load_model().predict(talks)
    assert p.root == "04" and p.prob >= 0.5


def test_a_documents_candidates_at_once_get_what_each_gets_alone() -> None:
    nlp = load_base()
    doc = nlp(
        "Peru and Chile held talks on Friday. Troops shelled the town, and the two leaders "
        "signed a treaty while the weather stayed warm."
    )
    toks = [t for t in doc if is_candidate(t)]
    model = load_model()
    assert len(toks) >= 5
    assert model.predict_many(toks) == [model.predict(t) for t in toks]
    assert model.predict_many([]) == []


def test_a_record_from_the_model_names_it_and_its_probability() -> None:
    from claimgraph import extract

    text = "Vladimir Putin had a telephone conversation with President of Turkey Recep Tayyip Erdogan."
    recs = [r for r in extract(text, article_id="t") if r.event is not None]
    assert any("model:event-lr p=" in (r.rule or "") for r in recs), [r.rule for r in recs]
    rec = next(r for r in recs if "model:" in (r.rule or ""))
    assert rec.event is not None and rec.event.action is not None
    assert rec.event.action.root == "04"
    assert {rec.event.actor1.code[:3] if rec.event.actor1 else None} == {"RUS"}


def test_the_labels_kept_are_stand_off_and_enough() -> None:
    labels = training.read_labels(LABELS.glob("*.tsv"))
    assert len(labels) >= 2500
    assert all(lab.label == NONE or cameo.is_valid(lab.label) for lab in labels)
    index = shared_path("benchmarks", "claims-dev", "INDEX.json")
    dev = {row["id"] for row in json.loads(index.read_text(encoding="utf-8"))}
    assert not dev & {lab.article_id for lab in labels}, "training labels must not use claims-dev articles"


@pytest.mark.shared
def test_the_shipped_model_holds_its_accuracy_on_its_held_out_articles() -> None:
    """The gate: event detection F1 and root accuracy on the held-out fifth of the labelled
    articles (never fitted to), floors a little under the figures measured at training."""
    corpora = shared_path("corpora")
    labels = [lab for lab in training.read_labels(LABELS.glob("*.tsv")) if training.held_out(lab.article_id)]
    texts = training.read_texts(corpora, {lab.article_id for lab in labels})
    ex = training.examples(labels, texts, load_base())
    scores = training.score(load_model(), ex)
    assert scores.n >= 1000
    assert scores.event_f1 >= 0.60, scores
    assert scores.root_accuracy >= 0.58, scores


def test_claimgraph_train_rebuilds_a_model_and_prints_its_summary(tmp_path: Path) -> None:
    pytest.importorskip("sklearn", reason="training needs scikit-learn (the dev extra)")
    from click.testing import CliRunner

    from claimgraph.cli import main

    corpora, labels = _tiny_corpus(tmp_path)
    out = tmp_path / "m.npz"
    args = ["train", "--labels", str(labels), "--corpora", str(corpora), "--out", str(out), "--quiet"]
    r = CliRunner().invoke(main, [*args, "-C", "10"])
    assert r.exit_code == 0, r.output
    summary = json.loads(r.output.strip().splitlines()[-1])
    assert summary["articles"] == len(TINY) and out.is_file()
    bad = CliRunner().invoke(main, ["train", "--labels", str(tmp_path / "nowhere"), "--quiet"])
    assert bad.exit_code == 2 and "nowhere" in bad.output and "Traceback" not in bad.output
