"""No record twice: the same event from the same source over the same evidence is one record.

Found by the fuzzer: a run-on sentence repeating "X attacked Y and according to Z" gave each
"according to" every earlier clause, so records grew with the square of the repetitions.
"""

from __future__ import annotations

from collections import Counter

import claimgraph


def _keys(text: str) -> Counter[tuple[object, ...]]:
    out: Counter[tuple[object, ...]] = Counter()
    for c in claimgraph.extract(text):
        ev = c.event
        if ev is None or ev.action is None:
            continue
        out[
            (
                c.evidence.start,
                c.evidence.end,
                c.source.name,
                c.stance,
                ev.action.cameo,
                ev.actor1.code if ev.actor1 else None,
                ev.actor2.code if ev.actor2 else None,
            )
        ] += 1
    return out


def test_a_run_on_sentence_of_repeated_cues_gives_each_record_once() -> None:
    unit = "Iran attacked Russia and according to the ministry Pakistan insisted on talks and "
    short, long = unit * 5 + "that was all.", unit * 20 + "that was all."
    keys_short, keys_long = _keys(short), _keys(long)
    assert keys_long and max(keys_long.values()) == 1
    # linear in the repetitions, not quadratic
    assert sum(keys_long.values()) <= 5 * sum(keys_short.values())


def test_the_same_claim_in_two_sentences_stays_two_records() -> None:
    text = "Officials said Russia attacked Ukraine. Officials said Russia attacked Ukraine again."
    keys = _keys(text)
    assert sum(keys.values()) == len(keys) >= 2  # two evidence spans, two records
