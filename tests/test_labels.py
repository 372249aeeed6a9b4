"""Labels leave out objects that name nothing: dates, units, numbers, generic nouns, the target."""

from __future__ import annotations

import pytest

from claimgraph.labels import junk_object, label_object
from claimgraph.web.present import cluster_words


@pytest.mark.parametrize(
    "obj",
    ["inch", "Monday", "year", "next year", "the situation", "vastly different opinions",
     "what other details", "5 percent", "2024", "e", "", "  "],
)  # fmt: skip
def test_dates_units_numbers_and_generic_nouns_are_junk(obj: str) -> None:
    assert junk_object(obj) and label_object(obj) is None


@pytest.mark.parametrize(
    "obj",
    ["missiles", "hundreds of missiles", "tons of flour", "U.S. support", "UN", "the village of Ayn Daqnah"],
)
def test_things_are_kept(obj: str) -> None:
    assert label_object(obj) == obj


def test_the_target_as_object_is_junk_and_long_objects_are_cut() -> None:
    assert junk_object("Ukraine", actors=("Russia", "Ukraine"))
    long = "an exhaustive explanation of the reasons for the special military operation"
    assert label_object(long) == "an exhaustive explanation of the reasons for the …"


def test_cluster_words_drop_junk_objects_and_self_loops() -> None:
    assert ":" not in cluster_words("SYR", "072", None, "Monday")
    assert cluster_words("SYR", "072", None, "flour").endswith(": flour")
    assert cluster_words("IRN", "070", "IRNGOV", None).count("Iran") == 1
    ukraine = cluster_words("RUS", "190", "UKR", "Ukraine")
    assert ukraine.endswith("Ukraine") and ":" not in ukraine


def test_regions_and_igos_are_not_countries() -> None:
    from claimgraph.web.present import actor_kind

    assert [actor_kind(c) for c in ("IRN", "IRNGOV", "EUR", "MEA", "IGOUNO", "IMGISI", "NGO")] == [
        "country", "country", "region", "region", "igo", "igo", "igo",
    ]  # fmt: skip


def test_a_claims_event_words_do_not_repeat_the_target_as_object() -> None:
    from claimgraph.cameo import action_for
    from claimgraph.model import Actor, Claim, Cue, Event, Evidence, Source
    from claimgraph.web.present import event_words

    def words(obj: str) -> str:
        ev = Event(
            actor1=Actor(text="Russia", code="RUS"),
            action=action_for("050"),
            actor2=Actor(text="Ukraine", code="UKR"),
            object=obj,
        )
        claim = Claim(
            article_id=None,
            evidence=Evidence(start=0, end=1, text="x"),
            source=Source(text="x", name="x", kind="author"),
            cue=Cue(text="x", lemma="x", start=0, end=1),
            stance="asserts",
            event=ev,
            rule="t",
        )
        return event_words(claim)

    assert not words("Ukraine").endswith(": Ukraine") and words("grain").endswith(": grain")
