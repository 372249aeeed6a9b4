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


def _source_of(records, cue: str) -> str | None:
    return next((r.source.text for r in records if r.cue and r.cue.text.startswith(cue)), None)


def test_a_saying_verb_conjoined_to_the_reported_clause_is_the_outer_speaker(attributions) -> None:
    recs = attributions(
        "The premier said the province would raise fuel taxes next year and suggested that rail "
        "fares would also rise."
    )
    assert _source_of(recs, "suggested") == "The premier", [(r.cue, r.source.text) for r in recs]


def test_a_saying_participle_on_the_reported_clause_is_the_outer_speaker(attributions) -> None:
    recs = attributions(
        "Senator Alma Ruiz said the farm bill would not pass this year, arguing that the votes were "
        "simply not there."
    )
    assert _source_of(recs, "arguing") == "Senator Alma Ruiz", [(r.cue, r.source.text) for r in recs]


def test_a_conjoined_act_with_nothing_said_stays_with_the_clause_subject(attributions) -> None:
    recs = attributions("Officials say the driver sped through the checkpoint and refused to stop.")
    assert _source_of(recs, "refused") in (None, "the driver"), [(r.cue, r.source.text) for r in recs]


def test_a_quotation_signed_with_a_dash_and_a_name_is_that_person_s(attributions) -> None:
    text = (
        "We asked voters in the county what they made of the debate.\n"
        "“The mayor has not fixed a single road in four years. He should resign.” ― Maria Okonjo\n"
        "“Taxes keep rising and nobody listens to farmers.”— Peter J. Lindqvist.  Photo/Archive.\n"
    )
    recs = [r for r in attributions(text) if r.rule == "signed-quote"]
    by_source = {r.source.text: r.evidence.text for r in recs}
    assert set(by_source) == {"Maria Okonjo", "Peter J. Lindqvist"}, by_source
    assert by_source["Maria Okonjo"].startswith("“The mayor has not fixed"), by_source


def test_a_dash_after_a_quotation_that_opens_a_sentence_signs_nothing(attributions) -> None:
    text = "“We will win,” he said. “The count is not over” — Ortega told reporters on Sunday.\n"
    assert not any(r.rule == "signed-quote" for r in attributions(text))


def test_a_record_owned_by_a_named_outlet_still_shows_what_it_holds(attributions) -> None:
    recs = attributions("A Gazette survey of county clerks shows that turnout fell in most rural districts.")
    assert any(r.cue and r.cue.text.startswith("shows") for r in recs), [(r.cue, r.source.text) for r in recs]
    # an actor showing something is conduct, not a report
    recs = attributions("The Chilean delegation showed little interest in the new proposal.")
    assert not any(r.cue and r.cue.text.startswith("showed") for r in recs), [
        (r.cue, r.source.text) for r in recs
    ]


def test_a_saying_gerund_after_a_preposition_is_the_governing_clause_s_subject(attributions) -> None:
    recs = attributions(
        "After saying the bridge was unsafe, the engineer was removed from the project. "
        "The minister appeared before a committee for saying that the port would be sold."
    )
    sources = [r.source.text for r in recs if r.cue and r.cue.text.startswith("saying")]
    assert sources == ["the engineer", "The minister"], [(r.cue, r.source.text) for r in recs]


def test_a_saying_gerund_after_for_and_an_object_is_the_object_s() -> None:
    from claimgraph.pipeline import load_nlp

    doc = load_nlp()("Farmers criticized the governor for saying that the dam would be closed.")
    sources = {
        doc[a.cue_tokens[0]].text: doc[a.source_span[0] : a.source_span[1]].text
        for a in doc._.attributions
        if a.source_span is not None
    }
    assert sources.get("saying") == "the governor", sources


def test_a_participle_aside_is_no_part_of_the_source_mention(attributions) -> None:
    recs = attributions(
        "Mayor Lena Ortiz, speaking to reporters in Leeds, said the bridge would reopen in May."
    )
    assert _source_of(recs, "said") == "Mayor Lena Ortiz", [(r.cue, r.source.text) for r in recs]
    # a relative clause stays, as PolNeAR marks it
    recs = attributions(
        "Mayor Lena Ortiz, who chairs the transport board, said the bridge would reopen in May."
    )
    assert _source_of(recs, "said") == "Mayor Lena Ortiz, who chairs the transport board,", [
        (r.cue, r.source.text) for r in recs
    ]


def test_cues_of_admission_and_claim_report_their_object(attributions) -> None:
    recs = attributions("Ministry officials acknowledged the long delays in the pension payments.")
    assert [(r.cue.text, r.evidence.text) for r in recs if r.cue] == [
        ("acknowledged", "the long delays in the pension payments")
    ], [(r.cue, r.evidence.text) for r in recs]
    recs = attributions("The rebel commander claimed control of the northern road on Sunday.")
    assert any(r.cue and r.cue.text == "claimed" for r in recs), [(r.cue, r.evidence.text) for r in recs]


def test_an_object_cue_set_off_by_commas_reports_its_clause(attributions) -> None:
    recs = attributions("The whole programme, she acknowledged, could be cancelled by the next government.")
    assert any(
        r.cue and r.cue.text == "acknowledged" and "could be cancelled" in r.evidence.text for r in recs
    ), [(r.cue, r.evidence.text) for r in recs]


def test_speak_of_is_a_cue(attributions) -> None:
    recs = attributions("The governor spoke of a new era of cooperation between the two ports.")
    assert any(r.cue and r.cue.text == "spoke of" for r in recs), [(r.cue, r.evidence.text) for r in recs]


def test_a_clause_qualified_by_in_a_poll_is_the_poll_s(attributions) -> None:
    recs = attributions(
        "In the latest Gazette poll, the governor leads her rival by six points among likely voters."
    )
    got = [(r.cue.text, r.source.text, r.evidence.text) for r in recs if r.rule == "in-record"]
    assert got == [
        ("In", "the latest Gazette poll", "the governor leads her rival by six points among likely voters")
    ], got
    # where a cue of its own says who speaks, the record is only where it was said
    recs = attributions("In its annual report, the agency said exports would fall next year.")
    assert not any(r.rule == "in-record" for r in recs), [(r.cue, r.source.text) for r in recs]
