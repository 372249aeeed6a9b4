"""The trained event component: a CAMEO root (or "no event"), with a probability, for each candidate
predicate — verbs and event nouns — that the rule lexicon may not know.

The rules keep priority where a frame of ``predicates.tsv`` matches; the model's proposals fill
what they miss (the event coder reads the actors off the parse with a generic frame). The model is
a multinomial logistic regression over sparse features of the token and its dependency context,
trained with scikit-learn (``claimgraph.events.training``) on hand-labelled predicates from real
news (``training/events/``). At run time it needs only numpy: the weights ship as a compressed
``.npz`` of plain arrays (no pickle), so the package loads them whatever scikit-learn is installed.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..errors import ModelError
from ..lexicons import read_words
from .predicates import Predicate

MODEL_FILE = "models/event_model.npz"
"""The shipped weights, under the package's ``data/`` folder."""

NONE = "none"
"""The class of a candidate that names no political event."""

if not Doc.has_extension("event_proposals"):
    Doc.set_extension("event_proposals", default=None)


@lru_cache(maxsize=1)
def _candidate_words() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    rows = read_words("events/event_nouns.tsv")
    nouns = frozenset(w for w in rows if not w.startswith("-"))
    suffixes = tuple(w[1:] for w in rows if w.startswith("-"))
    return nouns, suffixes, frozenset(read_words("events/event_light_verbs.tsv"))


def is_candidate(tok: Token) -> bool:
    """A token the model scores: a non-auxiliary verb, or a noun that may name an event."""
    if tok.pos_ == "VERB" and tok.dep_ not in ("aux", "auxpass"):
        return True
    if tok.pos_ != "NOUN":
        return False
    nouns, suffixes, light = _candidate_words()
    lem = tok.lemma_.lower()
    if lem in nouns or tok.lower_ in nouns:
        return True
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in light:
        return True
    return len(lem) > 5 and lem.endswith(suffixes)


@lru_cache(maxsize=1)
def _priors() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Two broad sources of which roots a word may name, as features (the model learns how far to
    trust them): the words of the CAMEO code names ("Engage in negotiation" -> 04 for "negotiat"),
    and the roots the rule lexicon gives the lemma in any frame."""
    from .. import cameo
    from .predicates import lexicon

    names: dict[str, set[str]] = {}
    for code in cameo.all_codes():
        for word in code.name.lower().replace("-", " ").replace(",", " ").split():
            if len(word) >= 4 and word.isalpha():
                names.setdefault(word[:5], set()).add(code.code[:2])
    lex = lexicon()
    rules: dict[str, set[str]] = {}
    for table in (lex.verbs, lex.nouns):
        for lemma, preds in table.items():
            for pred in preds:
                if pred.code:
                    rules.setdefault(lemma, set()).add(pred.code[:2])
    return (
        {k: frozenset(v) for k, v in names.items() if len(v) <= 4},
        {k: frozenset(v) for k, v in rules.items()},
    )


_ARG_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "dative", "agent", "prt", "neg", "poss", "amod", "compound"}
)
_ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})


def features(tok: Token) -> list[str]:
    """Sparse binary features of one candidate: the word, its dependency frame, its neighbours.

    What a reader uses to tell "the talks" (an event) from "the talks' agenda", or "struck a deal"
    from "struck a wall": the lemma with its part of speech, the verb it hangs on, its arguments and
    their entity types (is there a political actor at all?), and the words around it.
    """
    lem = tok.lemma_.lower()
    head = tok.head
    out = [
        "bias",
        f"lem={lem}",
        f"low={tok.lower_}",
        f"pos_lem={tok.pos_}:{lem}",
        f"tag={tok.tag_}",
        f"dep={tok.dep_}",
        f"suf={lem[-4:]}",
        f"head={head.lemma_.lower()}",
        f"dep_head={tok.dep_}:{head.lemma_.lower()}",
        f"lem_dep={lem}:{tok.dep_}",
    ]
    if head.dep_ == "prep":
        out.append(f"under_prep={head.lower_}")
    names, rules = _priors()
    out.extend(f"cameo_name={r}" for r in sorted(names.get(lem[:5], ())))
    out.extend(f"rule_root={r}" for r in sorted(rules.get(lem, ())))
    if lem in rules:
        out.append("in_rules")
    actors = 0
    for c in tok.children:
        out.append(f"cdep={c.dep_}")
        if c.dep_ in _ARG_DEPS:
            out.append(f"c:{c.dep_}={c.lemma_.lower()}")
            out.append(f"lem_c:{lem}:{c.dep_}")
            if c.ent_type_ in _ACTOR_ENTS or c.pos_ == "PRON":
                actors += 1
                out.append(f"ent:{c.dep_}={c.ent_type_ or c.pos_}")
        elif c.dep_ == "prep":
            out.append(f"prep={c.lower_}")
            out.append(f"lem_prep={lem}:{c.lower_}")
            for p in c.children:
                if p.dep_ == "pobj":
                    out.append(f"pobj:{c.lower_}={p.lemma_.lower()}")
                    if p.ent_type_ in _ACTOR_ENTS:
                        actors += 1
                        out.append(f"ent:prep:{c.lower_}={p.ent_type_}")
        elif c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "would", "could", "may", "might", "can"):
            out.append("modal")
    out.append(f"actors={min(actors, 2)}")
    doc = tok.doc
    start, end, ents = _sentence_of(doc)[tok.i]
    for off in (-2, -1, 1, 2):
        j = tok.i + off
        if start <= j < end:
            out.append(f"w{off}={doc[j].lemma_.lower()}")
    out.extend(f"sent_ent={e}" for e in ents)
    return out


def _sentence_of(doc: Doc) -> list[tuple[int, int, tuple[str, ...]]]:
    """Per token: its sentence's bounds and the actor-like entity labels in it, computed once per
    document (``Token.sent`` and ``Span.ents`` rebuild their objects on every access, which made
    these features cost as much as the parse)."""
    cached = doc.user_data.get("claimgraph_sentences")
    if cached is not None and len(cached) == len(doc):
        return list(cached)
    labels: dict[int, set[str]] = {}
    bounds = [(s.start, s.end) for s in doc.sents]
    starts = [b[0] for b in bounds]
    for ent in doc.ents:
        if ent.label_ in _ACTOR_ENTS:
            labels.setdefault(bisect_right(starts, ent.start) - 1, set()).add(ent.label_)
    out: list[tuple[int, int, tuple[str, ...]]] = []
    for n, (lo, hi) in enumerate(bounds):
        row = (lo, hi, tuple(sorted(labels.get(n, ()))))
        out.extend([row] * (hi - lo))
    doc.user_data["claimgraph_sentences"] = out
    return out


@dataclass(frozen=True, slots=True)
class Proposal:
    """The model's reading of one candidate token: its best CAMEO code and how sure it is."""

    i: int
    code: str  # "none", or the most frequent full code of (lemma, root) in training, else root + "0"
    root: str
    prob: float  # that the token names an event at all: 1 - P(none)
    root_prob: float  # of the proposed root
    model: str

    @property
    def rule(self) -> str:
        """How the record says where it came from: ``model:event-lr p=0.82``."""
        return f"model:{self.model} p={self.prob:.2f}"


class EventModel:
    """Weights of a trained model and the arithmetic to apply them (numpy only)."""

    def __init__(
        self,
        *,
        classes: list[str],
        vocab: dict[str, int],
        weights: np.ndarray,
        bias: np.ndarray,
        subcodes: dict[str, str],
        name: str,
    ) -> None:
        self.classes = classes
        self.vocab = vocab
        self.weights = weights  # (n_features, n_classes)
        self.bias = bias  # (n_classes,)
        self.subcodes = subcodes  # "lemma|root" -> the most frequent full code in training
        self.name = name

    @classmethod
    def load(cls, path: str | Path | None = None) -> EventModel:
        """The shipped model, or one saved by ``save`` at ``path``."""
        try:
            if path is None:
                ref = resources.files("claimgraph").joinpath("data", *MODEL_FILE.split("/"))
                with ref.open("rb") as fh:
                    arrays = dict(np.load(fh, allow_pickle=False))
            else:
                with np.load(path, allow_pickle=False) as z:
                    arrays = dict(z)
        except (OSError, ValueError, KeyError) as exc:
            where = path or f"claimgraph/data/{MODEL_FILE}"
            raise ModelError(f"cannot load the event model {where}: {exc}; run `make train`") from exc
        classes = [str(c) for c in arrays["classes"]]
        vocab = {str(f): i for i, f in enumerate(arrays["features"])}
        keys, vals = arrays["subcode_keys"], arrays["subcode_values"]
        return cls(
            classes=classes,
            vocab=vocab,
            weights=arrays["weights"].astype(np.float32),
            bias=arrays["bias"].astype(np.float32),
            subcodes={str(k): str(v) for k, v in zip(keys, vals, strict=True)},
            name=str(arrays["name"]),
        )

    def save(self, path: str | Path) -> None:
        feats = sorted(self.vocab, key=self.vocab.__getitem__)
        keys = sorted(self.subcodes)
        np.savez_compressed(
            path,
            classes=np.array(self.classes),
            features=np.array(feats),
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
            subcode_keys=np.array(keys, dtype=str),
            subcode_values=np.array([self.subcodes[k] for k in keys], dtype=str),
            name=np.array(self.name),
        )

    def probabilities(self, feats: list[str]) -> np.ndarray:
        """Class probabilities for one candidate's features (softmax of the summed weights)."""
        idx = [self.vocab[f] for f in feats if f in self.vocab]
        scores = self.bias + (self.weights[idx].sum(axis=0) if idx else 0.0)
        scores = scores - scores.max()
        exp = np.exp(scores)
        return np.asarray(exp / exp.sum())

    def decide(self, probs: np.ndarray) -> tuple[str, float, float]:
        """(best root other than "none", P(event) = 1 - P(none), P(that root)).

        Deciding "event or not" on the summed probability of all roots, not on the top class,
        keeps an event whose probability is split between two related roots (04 meet / 05 cooperate).
        """
        k_none = self.classes.index(NONE)
        rest = probs.copy()
        rest[k_none] = -1.0
        k = int(rest.argmax())
        return self.classes[k], float(1.0 - probs[k_none]), float(probs[k])

    def predict(self, tok: Token) -> Proposal:
        """The best root of one token and how likely it is an event, with the full code where
        training saw that lemma under that root."""
        return self._proposal(tok, self.probabilities(features(tok)))

    def predict_many(self, toks: Sequence[Token]) -> list[Proposal]:
        """:meth:`predict` for many tokens at once: one matrix sum for a document's candidates
        instead of one per candidate (the model ran on every verb and event noun)."""
        if not toks:
            return []
        rows = [[self.vocab[f] for f in features(t) if f in self.vocab] for t in toks]
        scores = np.tile(self.bias, (len(toks), 1))
        filled = [i for i, r in enumerate(rows) if r]
        if filled:
            flat = [k for i in filled for k in rows[i]]
            starts = np.cumsum([0] + [len(rows[i]) for i in filled[:-1]])
            scores[filled] += np.add.reduceat(self.weights[flat], starts, axis=0)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        probs = exp / exp.sum(axis=1, keepdims=True)
        return [self._proposal(t, probs[n]) for n, t in enumerate(toks)]

    def _proposal(self, tok: Token, probs: np.ndarray) -> Proposal:
        root, p_event, p_root = self.decide(probs)
        code = self.subcodes.get(f"{tok.lemma_.lower()}|{root}", f"{root}0")
        return Proposal(
            i=tok.i, code=code, root=root, prob=round(p_event, 3), root_prob=round(p_root, 3), model=self.name
        )


@lru_cache(maxsize=1)
def _generic_frames() -> list[tuple[str, frozenset[str] | None, Predicate]]:
    from ..lexicons import read_table
    from .predicates import OPTIONS, parse_slots

    out: list[tuple[str, frozenset[str] | None, Predicate]] = []
    for row in read_table("events/model_frames.tsv", min_cols=5, max_cols=6):
        pos, roots = row.cells[0], row.cells[1]
        if pos not in ("verb", "noun"):
            raise row.error(f"pos must be verb or noun, got {pos!r}")
        options = frozenset(row.cells[5].split(",")) if len(row.cells) > 5 else frozenset()
        if options - OPTIONS:
            raise row.error(f"unknown option(s) {sorted(options - OPTIONS)}")
        pred = Predicate(
            lemma="*",
            words=(),
            nominal=pos == "noun",
            actor1=parse_slots(row.cells[2], row),
            actor2=parse_slots(row.cells[3], row),
            obj=parse_slots(row.cells[4], row),
            code=None,
            scheme=None,
            mode=None,
            options=options,
            where=f"{row.path.rsplit('/', 1)[-1]}:{row.line}",
        )
        out.append((pos, None if roots == "*" else frozenset(roots.split(",")), pred))
    return out


def model_frame(tok: Token, proposal: Proposal) -> Predicate:
    """The generic frame (``model_frames.tsv``) for a proposed event, carrying its code and the
    model's name and probability as its provenance."""
    pos = "noun" if tok.pos_ in ("NOUN", "PROPN") else "verb"
    for p, roots, pred in _generic_frames():
        if p == pos and (roots is None or proposal.root in roots):
            return replace(
                pred, lemma=tok.lemma_.lower(), code=proposal.code, where=f"{proposal.rule} {pred.where}"
            )
    raise ModelError(f"model_frames.tsv has no frame for a {pos} of root {proposal.root}")


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> EventModel:
    """The model, loaded once per process."""
    return EventModel.load(path)


def propose(doc: Doc, model: EventModel, threshold: float) -> dict[int, Proposal]:
    """Proposals at or above ``threshold`` for the candidates of ``doc`` that name an event."""
    out: dict[int, Proposal] = {}
    # a cue verb is the saying ("have not confirmed the allegations"): the rules' speech acts
    # decide whether it is an event of its own, never the model
    cues = {i for a in (doc._.get("attributions") or []) for i in a.cue_tokens}
    toks = [tok for tok in doc if tok.i not in cues and is_candidate(tok)]
    for p in model.predict_many(toks):
        if p.prob >= threshold and not math.isnan(p.prob):
            out[p.i] = p
    return out


@Language.factory(
    "claimgraph_event_model",
    default_config={"threshold": 0.5, "path": None},
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents", "doc.sents"],
    assigns=["doc._.event_proposals"],
)
def make_event_model(nlp: Language, name: str, threshold: float, path: str | None) -> Any:
    """The trained coder as a pipeline step: ``doc._.event_proposals`` maps token index → Proposal."""
    model = load_model(path)

    def event_model(doc: Doc) -> Doc:
        doc._.event_proposals = propose(doc, model, threshold)
        return doc

    return event_model


__all__ = [
    "NONE",
    "EventModel",
    "Proposal",
    "features",
    "is_candidate",
    "load_model",
    "model_frame",
    "propose",
]
