"""The cluster scorer: alignment by overlap, pairwise P/R/F1 over aligned mentions, violations."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.evaluate_clusters import (
    GoldMention,
    SystemRecord,
    align,
    format_cluster_report,
    load_dev_set,
    score_clusters,
)

DEV = Path(__file__).resolve().parents[1] / "benchmarks" / "clusters-dev"
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def _m(cluster: str, article: str, start: int, end: int) -> GoldMention:
    return GoldMention("s", cluster, "c", article, start, end, "asserts", "")


GOLD = [
    _m("call-1", "a", 0, 10),
    _m("call-1", "b", 5, 20),
    _m("call-2", "c", 0, 10),
    _m("call-2", "d", 0, 10),
]


def test_a_mention_aligns_to_the_coded_record_that_overlaps_it_most() -> None:
    recs = [SystemRecord("a", 0, 3, None), SystemRecord("a", 2, 9, 7), SystemRecord("a", 8, 30, 8)]
    assert align([_m("x", "a", 0, 10)], recs)[0].cluster == 7
    assert align([_m("x", "z", 0, 10)], recs) == {}


def test_perfect_clusters_score_one_and_merging_two_calls_is_a_violation() -> None:
    perfect = [
        SystemRecord("a", 0, 10, 1),
        SystemRecord("b", 5, 20, 1),
        SystemRecord("c", 0, 9, 2),
        SystemRecord("d", 1, 9, 2),
    ]
    s = score_clusters(GOLD, [("call-1", "call-2")], perfect)
    assert s["pairwise"]["f1"] == 1.0 and s["violations"] == []
    merged = [SystemRecord(r.article_id, r.start, r.end, 1) for r in perfect]
    s = score_clusters(GOLD, [("call-1", "call-2")], merged)
    assert s["pairwise"]["precision"] == pytest.approx(2 / 6, abs=1e-4) and s["pairwise"]["recall"] == 1.0
    assert s["violations"] == [["call-1", "call-2"]]


def test_only_mentions_with_a_record_are_scored() -> None:
    s = score_clusters(GOLD, [], [SystemRecord("a", 0, 10, 1), SystemRecord("c", 0, 10, 2)])
    assert s["with_record"] == 2 and s["pairwise"]["gold"] == 0 and s["pairwise"]["f1"] == 0.0
    assert (s["gold_pairs_all"], s["gold_pairs_no_record"], s["gold_pairs_uncoded"]) == (2, 2, 0)
    # a record without a coded event is a record, but its pair is out of the clustering's reach
    s = score_clusters(GOLD, [], [SystemRecord(r, 0, 10, None if r == "b" else 1) for r in "abcd"])
    assert (s["pairwise"]["gold"], s["gold_pairs_no_record"], s["gold_pairs_uncoded"]) == (1, 0, 1)
    assert "1 with a record that has no coded event" in format_cluster_report({**s, "baseline_key": s})


@pytest.mark.skipif(
    not CORPORA.is_dir(), reason="../shared/corpora is not here: the dev set reads its texts from it"
)
def test_the_dev_set_matches_its_texts_and_is_big_enough() -> None:
    dev = load_dev_set(DEV, CORPORA)
    clusters = {m.cluster for m in dev.mentions}
    assert len({m.story for m in dev.mentions}) >= 8 and len(clusters) >= 25
    assert all(a in clusters and b in clusters for a, b in dev.must_not_merge)
