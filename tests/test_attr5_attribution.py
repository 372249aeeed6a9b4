"""Attribution rules added on branch attr5, each tested on invented sentences."""

from __future__ import annotations

QUOTED_TRANSCRIPT = (
    "Senator Ruth Okafor appeared on the Sunday programme, where the host Dan Brody pressed her on "
    "the budget.\n\n"
    '"BRODY: Let us begin with the spending bill. Will your party vote for it this week?\n\n'
    '"OKAFOR: Well, the committee has not finished its work. Our members want more money for '
    "rural clinics.\n\n"
    '"BRODY: And the tax cuts?\n\n'
    '"OKAFOR: They will have to wait until the autumn session.\n'
)


def test_capitalised_labels_of_a_quoted_transcript_open_speaker_turns(attributions) -> None:
    recs = [r for r in attributions(QUOTED_TRANSCRIPT) if r.rule and r.rule.startswith("speaker-turn")]
    by_text = {r.evidence.text: r.source.text for r in recs}
    assert by_text.get("Our members want more money for rural clinics") == "OKAFOR", by_text
    assert by_text.get("They will have to wait until the autumn session") == "OKAFOR", by_text
    assert by_text.get("Let us begin with the spending bill") == "BRODY", by_text
    # the quotation marks opening each paragraph make no continuation of the first sentence's speaker
    assert not any(r.rule == "continuation" for r in attributions(QUOTED_TRANSCRIPT))


def test_a_capitalised_label_naming_no_one_in_the_text_opens_no_turn(attributions) -> None:
    text = (
        "The ministry published its plan on Monday.\n\n"
        "UPDATE: The ministry later said the plan would be delayed by a month.\n"
    )
    assert not any(r.rule and r.rule.startswith("speaker-turn") for r in attributions(text))
