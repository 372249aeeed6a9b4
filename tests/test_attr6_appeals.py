"""A reported appeal to no coded actor ("the international community should act") is still the
speaker's appeal, recorded in the author's voice with no target, not a claim of the speaker's."""

from __future__ import annotations

from claimgraph.pipeline import extract


def _appeals(text: str) -> list[tuple[str, str, str | None]]:
    return [
        (c.source.kind, c.event.action.cameo, c.event.actor2.code if c.event.actor2 else None)
        for c in extract(text)
        if c.event is not None and c.event.action.cameo.startswith(("02", "10"))
    ]


def test_an_appeal_to_an_uncoded_party_is_an_author_record_with_no_target() -> None:
    text = (
        "The Kenyan foreign minister stressed that the international community should increase"
        " pressure on the junta."
    )
    claims = extract(text)
    assert _appeals(text) == [("author", "020", None)], claims
    (c,) = [c for c in claims if c.event is not None]
    assert c.event.actor1.code and c.event.actor1.code.startswith("KEN")
    # the evidence runs from the speaker to the party appealed to, as for any speech act
    assert c.evidence.text.startswith("The Kenyan foreign minister stressed")
    # no reported claim of the minister's besides the appeal
    assert all(c.source.kind == "author" for c in claims), claims


def test_a_passive_appeal_has_no_target_either() -> None:
    assert _appeals("The Kenyan foreign minister said that the talks should be postponed.") == [
        ("author", "020", None)
    ]


def test_an_appeal_to_a_coded_actor_keeps_its_target() -> None:
    assert _appeals("The Kenyan foreign minister said that Uganda should withdraw its troops.") == [
        ("author", "020", "UGA")
    ]


def test_a_pronoun_subject_states_a_resolve_not_an_appeal() -> None:
    claims = extract("The Kenyan foreign minister said that we must increase pressure on the junta.")
    assert not any(c.source.kind == "author" for c in claims), claims
