"""Attribution recall: constructions added for PolNeAR, one a test, on our own short sentences."""

from __future__ import annotations

import pytest

from claimgraph import extract
from claimgraph.attribute.quotes import find_quotes


def cues(records) -> list[str]:
    return [r.cue.text for r in records if r.cue]


def test_stray_straight_quote_does_not_flip_later_quotes():
    text = (
        'The mayor called the plan 12" too short. Later she spoke again.\n'
        '"We will rebuild the bridge," Mayor Lena Ortiz said.'
    )
    spans = [text[s:e] for s, e in find_quotes(text)]
    assert '"We will rebuild the bridge,"' in spans


def test_double_apostrophe_quotes_pair_by_direction():
    text = "''The port will reopen,'' the harbour master said. She smiled.  ''Soon,'' she added."
    spans = [text[s:e] for s, e in find_quotes(text)]
    assert spans == ["''The port will reopen,''", "''Soon,''"]


def test_nearest_cue_keeps_a_shared_quotation(attributions):
    text = (
        "The farmer spoke of the drought, recalling the dry summer of 1976.\n"
        "“The wells are empty,” Jonas Berg said."
    )
    recs = [r for r in attributions(text) if r.evidence.text.startswith("“The wells")]
    assert [r.cue.text for r in recs] == ["said"]


def test_quote_interrupted_by_cue_in_one_sentence(attributions):
    text = "“The harvest was poor,” farmer Jonas Berg said, “and prices will rise this winter.”"
    recs = [r for r in attributions(text) if r.cue and r.cue.text.endswith("said")]
    assert recs[0].evidence.text == text
    assert recs[0].source.name == "Jonas Berg"


def test_quote_resumed_in_next_sentence(attributions):
    text = (
        "“The harvest was poor,” Jonas Berg said. “Prices will rise this winter and families will feel it.”"
    )
    recs = [r for r in attributions(text) if r.cue and r.cue.text.endswith("said")]
    assert len(recs) == 1
    assert recs[0].evidence.text == text


def test_quote_in_a_new_paragraph_is_not_resumed(attributions):
    text = (
        "“The harvest was poor,” Jonas Berg said.\n“Prices will rise this winter,” the baker Mia Holm added."
    )
    said = [r for r in attributions(text) if r.cue and r.cue.text.endswith("said")]
    assert said[0].evidence.text == "“The harvest was poor,”"


def test_parenthetical_cue_inside_the_clause(attributions):
    text = "Most of the closed mills, Jonas Berg said, had lost money for years."
    r = next(r for r in attributions(text) if r.cue and r.cue.text.endswith("said"))
    assert r.evidence.text == "Most of the closed mills, Jonas Berg said, had lost money for years"
    assert r.source.name == "Jonas Berg"


def test_unset_off_say_is_not_parenthetical(attributions):
    recs = attributions("The mayor says many things.")
    assert not [r for r in recs if r.rule and "parenthetical" in r.rule]


def test_content_does_not_end_on_a_conjunction(attributions):
    recs = attributions("The council said the new tram line would open in May and")
    r = next(r for r in recs if r.cue and r.cue.text.endswith("said"))
    assert not r.evidence.text.endswith(" and")


def test_according_to_a_saying_is_its_own_bare_record(attributions):
    # PolNeAR marks the outermost attribution: the report relaying the saying
    text = "The mill will close, Jonas Berg told reporters, according to the Harbour Gazette."
    acc = [r for r in attributions(text) if r.cue and r.cue.lemma == "according to"]
    assert acc and acc[0].source.text == "the Harbour Gazette"
    assert "Jonas Berg told reporters" in acc[0].evidence.text


def test_according_to_stays_a_via_of_event_records():
    from claimgraph.pipeline import extract

    text = "Iran is supplying drones to Russia, Jonas Berg told reporters, according to the Harbour Gazette."
    recs = [r for r in extract(text, article_id="t") if r.cue and r.cue.lemma == "according to"]
    assert not recs


def test_announce_takes_its_object(attributions):
    r = next(r for r in attributions("The governor announced her resignation on Monday.") if r.cue)
    assert r.cue.text.endswith("announced")
    assert r.evidence.text.startswith("her resignation")


def test_poll_shows_its_object(attributions):
    text = "A new survey by the college shows a narrow lead for the senator."
    r = next(r for r in attributions(text) if r.cue and r.cue.text.endswith("shows"))
    assert r.evidence.text == "a narrow lead for the senator"


def test_prepositional_cue_talk_about(attributions):
    r = next(r for r in attributions("The mayor talked about the flooding in the old town.") if r.cue)
    assert r.cue.text == "talked about"
    assert r.evidence.text == "the flooding in the old town"


def test_offer_is_not_a_saying(attributions):
    recs = attributions("The ministry was offering the farmers new tractors.")
    assert not [r for r in recs if r.cue and "offer" in r.cue.text]


def test_hoping_lemmatised_as_hop(attributions):
    text = "The coach is hoping that the team will win the cup this year."
    assert any(r.cue and r.cue.text.endswith("hoping") for r in attributions(text))


def test_coordinated_cues_are_two_attributions(attributions):
    text = "The senator praised the bill and said the vote would come before the summer recess."
    recs = attributions(text)
    said = next(r for r in recs if r.cue and r.cue.text.endswith("said"))
    assert said.evidence.text == "the vote would come before the summer recess"
    praised = next(r for r in recs if r.cue and r.cue.text.endswith("praised"))
    assert "said" not in praised.evidence.text


def test_second_said_splits_the_first_content(attributions):
    text = "Ms. Ortiz said the bridge was safe and said the repairs would end in May."
    recs = [r for r in attributions(text) if r.cue and r.cue.text.endswith("said")]
    assert [r.evidence.text for r in recs] == ["the bridge was safe", "the repairs would end in May"]


def test_possessive_claim_noun(attributions):
    text = "The mayor's claim that the budget was balanced surprised the council."
    r = next(r for r in attributions(text) if r.rule and r.rule.startswith("possessive"))
    assert r.cue.text == "claim"
    assert r.source.text == "The mayor"
    assert r.evidence.text == "that the budget was balanced"


def test_object_and_infinitive_are_one_content(attributions):
    text = "The union urged its members to reject the new contract."
    r = next(r for r in attributions(text) if r.cue and r.cue.text.endswith("urged"))
    assert r.evidence.text == "its members to reject the new contract"


def test_content_keeps_the_opening_quote_mark(attributions):
    text = "Jonas Berg said “the river keeps rising” every spring since the dam was built."
    r = next(r for r in attributions(text) if r.cue and r.cue.text.endswith("said"))
    assert r.evidence.text.startswith("“the river keeps rising”")


def test_object_cue_keeps_as_and_for_phrases(attributions):
    recs = attributions("The coach described the season as a disaster.")
    r = next(r for r in recs if r.cue and r.cue.text.endswith("described"))
    assert r.evidence.text == "the season as a disaster"
    recs = attributions("The senator mocked her rival for losing the debate.")
    r = next(r for r in recs if r.cue and r.cue.text.endswith("mocked"))
    assert r.evidence.text == "her rival for losing the debate"


def test_speech_act_bare_content_is_target_and_reason(attributions):
    text = "The governor criticized the mayor for closing the library."
    r = next(r for r in attributions(text) if r.cue and r.cue.text.endswith("criticized"))
    assert r.evidence.text == "the mayor for closing the library"
    r = next(r for r in attributions("The governor praised the firefighters.") if r.cue)
    assert r.evidence.text == "the firefighters"


def test_continued_next_to_a_quotation(attributions):
    text = "“The harbour will stay open all winter,” the port director continued."
    r = next(r for r in attributions(text) if r.cue and r.cue.text.endswith("continued"))
    assert r.evidence.text == "“The harbour will stay open all winter,”"


def test_continued_to_is_no_cue(attributions):
    recs = attributions("Prices continued to rise in the spring.")
    assert not [r for r in recs if r.cue and "continued" in r.cue.text]


def test_joked_that(attributions):
    r = next(r for r in attributions("The mayor joked that the bridge was older than she was.") if r.cue)
    assert r.cue.text.endswith("joked")
    assert r.evidence.text == "that the bridge was older than she was"


def test_trailing_participle_is_the_reporters(attributions):
    text = "The minister said the tax would fall next year, adding that wages would rise."
    recs = attributions(text)
    said = next(r for r in recs if r.cue and r.cue.text.endswith("said"))
    assert said.evidence.text == "the tax would fall next year"


def test_reported_clause_stops_at_a_paragraph_break(attributions):
    text = "The council said the new bridge would open\nin May. Traffic on the old one is heavy."
    said = next(r for r in attributions(text) if r.cue and r.cue.text.endswith("said"))
    assert "\n" not in said.evidence.text


def test_said_yes(attributions):
    recs = attributions("Asked whether she would run again, the mayor said yes.")
    r = next(r for r in recs if r.cue and r.cue.text.endswith("said"))
    assert r.evidence.text == "yes"


def test_according_to_before_a_separator_line(attributions):
    text = "The fund spent $2 million on mailers, according to state filings. ___."
    r = next(r for r in attributions(text) if r.cue and r.cue.lemma == "according to")
    assert r.evidence.text == "The fund spent $2 million on mailers"


def test_ccomp_preferred_to_a_parataxis(attributions):
    text = "Late on Friday, with the storm still raging, the mayor said the bridge would stay closed."
    r = next(r for r in attributions(text) if r.cue and r.cue.text.endswith("said"))
    assert r.evidence.text == "the bridge would stay closed"


def test_hopes_lemmatised_as_hop(attributions):
    text = "The coach hopes the team will win the cup this year."
    assert any(r.cue and r.cue.text.endswith("hopes") for r in attributions(text))


def test_bare_source_is_the_whole_noun_phrase(attributions):
    text = "Lena Ortiz, who chairs the harbour board, said the port would reopen in May."
    r = next(r for r in attributions(text) if r.cue and r.cue.text.endswith("said"))
    assert r.source.text == "Lena Ortiz, who chairs the harbour board,"
    assert r.source.name == "Lena Ortiz"
    assert text[r.source.start : r.source.end] == r.source.text


def test_bare_source_leaves_out_a_dateline():
    from claimgraph.pipeline import ExtractOptions, extract

    text = "OSLO (Wire) – Fisheries minister Per Lund said the quota would rise."
    recs = extract(text, article_id="t", options=ExtractOptions(events_only=False))
    r = next(r for r in recs if r.cue and r.cue.text.endswith("said"))
    assert not r.source.text.startswith("OSLO")


def test_bare_source_keeps_a_closed_bracket(attributions):
    text = "Sen. Ann Lee (D-Vt.) said the bill would pass."
    r = next(r for r in attributions(text) if r.cue and r.cue.text.endswith("said"))
    assert r.source.text.endswith("(D-Vt.)")


# ---- speaker turns ------------------------------------------------------------------------------
_TURN_OPENING = (
    "The Prime Minister of Norway received the President of Chile at his residence.\n\n"
    "Prime Minister of Norway Jonas Gahr Store: Welcome to Oslo. Our two countries have signed "
    "three agreements this year."
)
TRANSCRIPT = (
    f"{_TURN_OPENING} We will expand cooperation on fisheries.\n\nNote: the meeting was closed to the press."
)


def test_a_speaker_turn_attributes_each_sentence_to_its_label(attributions) -> None:
    recs = [r for r in attributions(TRANSCRIPT) if r.rule and r.rule.startswith("speaker-turn")]
    texts = [r.evidence.text for r in recs]
    assert "Our two countries have signed three agreements this year" in texts, texts
    assert all(r.source.name and r.source.name.endswith(("Store", "Støre")) for r in recs), [
        r.source for r in recs
    ]
    # "Note:" names nobody: no turn
    assert not any("closed to the press" in t for t in texts), texts


INLINE_TURNS = (
    f"{_TURN_OPENING} President of Chile Gabriel Boric (interpreted): Thank you. "
    "Chile will open a new consulate in Bergen next spring."
)


def test_a_speaker_label_inside_a_paragraph_opens_a_new_turn(attributions) -> None:
    recs = [r for r in attributions(INLINE_TURNS) if r.rule and r.rule.startswith("speaker-turn")]
    by_text = {r.evidence.text: r.source.name for r in recs}
    store = by_text.get("Our two countries have signed three agreements this year", "")
    assert store.endswith(("Store", "Støre")), by_text
    consulate = next((n for t, n in by_text.items() if "consulate" in t), None)
    assert consulate is not None and consulate.endswith("Boric"), by_text


def test_a_bracketed_note_glued_to_a_speaker_label_is_no_part_of_the_name(attributions) -> None:
    text = (
        "The talks began in the morning. Minister of Trade of Chile Ana Valdivieso(retranslated): Our two "
        "countries have signed three agreements this year and will sign more."
    )
    names = {r.source.name for r in attributions(text) if r.rule and r.rule.startswith("speaker-turn")}
    assert names == {"Ana Valdivieso"}, names


def test_a_predicate_adjective_read_as_a_passive_is_a_cue(attributions) -> None:
    text = "Farmers' unions are concerned the ministry will cut the subsidies next year."
    recs = [r for r in attributions(text) if r.cue and r.cue.text == "concerned"]
    assert recs and recs[0].source.text and "unions" in recs[0].source.text, recs


def test_a_back_reference_attributes_the_sentence_before(attributions) -> None:
    text = (
        "Chile is ready for talks with Bolivia on the border. "
        "This was stated by President Gabriel Boric at a press conference in Santiago."
    )
    recs = [r for r in attributions(text) if r.rule and r.rule.startswith("back-reference")]
    assert recs and recs[0].source.name and recs[0].source.name.endswith("Boric"), recs
    assert recs[0].evidence.text.startswith("Chile is ready for talks"), recs


def test_an_actor_showing_a_quality_reports_nothing(attributions) -> None:
    assert not [r for r in attributions("The Bolivian side does not show willingness for talks.") if r.cue]
    poll = [r for r in attributions("A new poll shows that most Chileans back the treaty.") if r.cue]
    assert poll and poll[0].cue and poll[0].cue.text.endswith("shows"), poll


def test_a_quoted_speaker_can_report_another_actors_claim() -> None:
    text = (
        'The Chilean president said: "As soon as Bolivia says publicly that it is ready to sign a treaty on '
        'the border, we will send our negotiators. I said that many times."'
    )
    recs = [r for r in extract(text, article_id="q") if r.cue]
    bolivia = [r for r in recs if r.source.text == "Bolivia"]
    assert bolivia and "sign a treaty" in bolivia[0].evidence.text, recs
    assert not [r for r in recs if r.source.text == "I"], recs  # the quoted speaker's own words


@pytest.mark.parametrize(
    "text",
    [
        "As the Chilean foreign minister told reporters on Monday, Bolivia will reopen the border.",
        "Bolivia will reopen the border, as the Chilean foreign minister told reporters on Monday.",
    ],
)
def test_an_as_clause_attributes_the_clause_it_governs(attributions, text: str) -> None:
    recs = [r for r in attributions(text) if r.evidence.text.startswith("Bolivia will reopen")]
    assert recs and recs[0].source.name and "minister" in (recs[0].source.text or ""), recs
