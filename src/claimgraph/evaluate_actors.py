"""Actor-coding measures beside the claim-format F1s: are the countries of sources and parties right?

Why this module exists: attribution and event F1 mix several errors; these shares isolate the
actor coder. They count over records matched to gold exactly as the claim scorer matches them
(:func:`claimgraph.evaluate.match_records`) and give the same numbers as the independent reference
``shared/tools/score_actors.py``:

- ``source_country``: matched pairs whose gold source is not the author and carries an actor code;
  the share whose predicted source has the same country (first three letters of the code).
- ``actor1`` / ``actor2``: matched pairs where both records have an event and the gold actor has a
  code; the share whose predicted actor has the same country.
- ``person_coded``: predicted records of the gold articles whose source is a person (matched or
  not, as the reference counts); the share that carry an actor code.

Each measure is ``{"share": ..., "n": ...}``, the share rounded to 4 places and 0.0 when n is 0.
Kept apart from ``evaluate.py`` to keep that module under the size limit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .evaluate import Extract, PathLike, Record, actor_country, match_records, predict_gold, score_claims

ACTOR_MEASURES: tuple[str, ...] = ("source_country", "person_coded", "actor1", "actor2")
"""The measures' keys, in the order the reference scorer reports them."""


def _part(d: Any, key: str) -> dict[str, Any]:
    """A record's ``source`` or ``event`` as a dict (empty when absent or malformed)."""
    v = d.get(key) or {}
    return v if isinstance(v, dict) else {}


def _share(right: int, n: int) -> dict[str, Any]:
    return {"share": round(right / n, 4) if n else 0.0, "n": n}


def score_actors(
    gold_by_article: Mapping[str, Sequence[Record]], pred_by_article: Mapping[str, Sequence[Record]]
) -> dict[str, dict[str, Any]]:
    """The four actor-coding shares over the gold articles (predictions for other articles ignored)."""
    counts = {k: [0, 0] for k in ACTOR_MEASURES}  # right, total
    for aid, golds in gold_by_article.items():
        preds = list(pred_by_article.get(aid, []))
        for p in preds:
            src = _part(p, "source")
            if src.get("kind") == "person":
                counts["person_coded"][0] += bool(src.get("actor"))
                counts["person_coded"][1] += 1
        for p, g in match_records(preds, list(golds)):
            gsrc = _part(g, "source")
            if gsrc.get("kind") != "author" and gsrc.get("actor"):
                counts["source_country"][0] += actor_country(gsrc["actor"]) == actor_country(
                    _part(p, "source").get("actor")
                )
                counts["source_country"][1] += 1
            gev, pev = _part(g, "event"), _part(p, "event")
            if not (gev and pev):
                continue
            for role in ("actor1", "actor2"):
                gold_country = actor_country(gev.get(role))
                if gold_country:
                    counts[role][0] += gold_country == actor_country(pev.get(role))
                    counts[role][1] += 1
    return {k: _share(*counts[k]) for k in ACTOR_MEASURES}


def score_claims_and_actors(
    gold_by_article: Mapping[str, Sequence[Record]], pred_by_article: Mapping[str, Sequence[Record]]
) -> dict[str, Any]:
    """:func:`~claimgraph.evaluate.score_claims`'s result with the actor shares under ``actors``."""
    out = score_claims(gold_by_article, pred_by_article)
    out["actors"] = score_actors(gold_by_article, pred_by_article)
    return out


def evaluate_claims_and_actors(gold_paths: Sequence[PathLike], extract: Extract) -> dict[str, Any]:
    """Run ``extract`` on every gold article's text and score claims and actor coding."""
    return score_claims_and_actors(*predict_gold(gold_paths, extract))


__all__ = ["ACTOR_MEASURES", "evaluate_claims_and_actors", "score_actors", "score_claims_and_actors"]
