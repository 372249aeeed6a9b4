"""Attribution, one construction a test, on our own short sentences."""

from __future__ import annotations

import pytest


def one(records, cue: str):
    hits = [r for r in records if r.cue and r.cue.text.split()[-1] == cue]
    assert hits, f"no record with cue {cue!r} in {[(r.cue and r.cue.text) for r in records]}"
    return hits[0]


def test_indirect_speech_cue_first(attributions):
    text = "Kirby said Russia was offering Iran fighter jets."
    r = one(attributions(text), "said")
    assert r.source.name == "John Kirby"  # the people table's entry: one name for every mention
    assert r.source.text == "Kirby"
    assert r.evidence.text == "Russia was offering Iran fighter jets"
    assert text[r.evidence.start : r.evidence.end] == r.evidence.text
    assert r.stance == "asserts" and r.framing == "neutral"


def test_that_clause_and_distancing_cue(attributions):
    r = one(attributions("The minister claimed that Syria had moved troops to the border."), "claimed")
    assert r.evidence.text.startswith("that Syria had moved")
    assert r.framing == "distancing"


def test_direct_quote_before_cue(attributions):
    text = "“We will not accept any deal that divides our country,” the president said on Friday."
    r = one(attributions(text), "said")
    assert r.evidence.text.startswith("“We will not accept")
    assert r.evidence.text.endswith("”")


def test_quote_over_several_sentences(attributions):
    text = (
        "“Talks have failed. Our patience is at an end. We will respond,” Defence Minister Omar Haddad said."
    )
    r = one(attributions(text), "said")
    assert r.evidence.text.startswith("“Talks have failed.")
    assert "We will respond" in r.evidence.text
    assert r.source.name == "Omar Haddad"


def test_pronoun_resolves_to_fullest_name(attributions):
    text = (
        "Foreign Minister Ana Pereira met her counterpart in Lisbon. "
        "Pereira said the two countries would sign a trade agreement. "
        "She added that talks on fisheries would continue."
    )
    recs = attributions(text)
    assert one(recs, "said").source.name == "Ana Pereira"
    added = one(recs, "added")
    assert added.source.name == "Ana Pereira"
    assert added.source.text == "She"
    assert added.source.kind == "person"


def test_role_from_premodifier(attributions):
    text = "White House spokesman Tom Baker said the United States would send more aid to Ukraine."
    r = one(attributions(text), "said")
    assert r.source.name == "Tom Baker"
    assert r.source.role and "spokesman" in r.source.role
    assert (r.source.actor or "").startswith("USA")


def test_according_to_outlet(attributions):
    text = "Iran has shipped drones to Russia, according to a CBS News report."
    r = one(attributions(text), "to")
    assert r.cue.lemma == "according to"
    assert r.source.kind == "outlet"
    assert r.source.name == "CBS News"
    assert r.evidence.text == "Iran has shipped drones to Russia"


def test_citing_makes_outlet_a_via(attributions):
    text = "Citing senior officials, NBC News reported that Russia is training Iranian pilots."
    r = one(attributions(text), "reported")
    assert r.source.kind == "anonymous"
    assert "officials" in (r.source.text or "")
    assert [v.name for v in r.via] == ["NBC News"]


def test_denial_verb(attributions):
    r = one(attributions("Moscow denied that its troops had crossed the border."), "denied")
    assert r.stance == "denies"


def test_nominal_claim_rejected(attributions):
    text = "Western states accused Iran of arming Russia, a claim Iran rejects."
    recs = attributions(text)
    r = one(recs, "rejects")
    assert r.stance == "denies"
    assert r.source.name == "Iran"
    assert r.evidence.text == "a claim Iran rejects"


def test_not_confirmed_questions(attributions):
    r = one(attributions("Officials in Baku have not confirmed the reports."), "confirmed")
    assert r.stance == "questions"


def test_hedged_modal(attributions):
    r = one(attributions("The general said Russia may be preparing a new offensive."), "said")
    assert r.hedged is True


def test_accuse_of(attributions):
    r = one(attributions("Poland accused Belarus of pushing migrants across the border."), "accused")
    # a bare attribution's content is the target and the charge, as PolNeAR marks it
    assert r.evidence.text == "Belarus of pushing migrants across the border"
    assert r.framing == "distancing"


def test_added_continuation_keeps_source(attributions):
    text = (
        "Prime Minister Karl Lindqvist said Sweden would raise defence spending. "
        "He added, “Our security cannot wait for better times.”"
    )
    r = one(attributions(text), "added")
    assert r.source.name == "Karl Lindqvist"


def test_anonymous_source(attributions):
    r = one(attributions("Two senior officials said the talks had collapsed."), "said")
    assert r.source.kind == "anonymous"


@pytest.mark.parametrize("text", ["", "   \n\t ", "\n\n"])
def test_empty_text_gives_no_records(attributions, text):
    assert attributions(text) == []


def test_not_english_gives_no_records(attributions, caplog):
    text = (
        "Der Außenminister sagte am Montag, dass die Gespräche mit der Regierung in Moskau "
        "fortgesetzt werden und dass die Sanktionen bleiben, bis der Krieg endet."
    )
    assert attributions(text) == []
    assert "not English" in caplog.text


def test_headline_colon(attributions):
    text = "Kremlin Spokesman: Sanctions Will Not Change Our Course.\n\nThe statement came on Monday."
    r = one(attributions(text), ":")
    assert r.evidence.text == "Sanctions Will Not Change Our Course"
    assert r.source.text == "Kremlin Spokesman"


def test_object_cue_takes_its_object(attributions):
    r = one(attributions("The senator endorsed the new sanctions bill on Tuesday."), "endorsed")
    assert r.evidence.text == "the new sanctions bill"


def test_cue_keeps_adverb_and_day(attributions):
    r = one(attributions("The minister also said Tuesday that the border would reopen."), "Tuesday")
    assert r.cue.text == "also said Tuesday"


def test_content_ends_with_the_quotation_it_opens(attributions):
    text = "Sanders said voters would “reject this agenda.” He left soon after."
    r = one(attributions(text), "said")
    assert r.evidence.text == "voters would “reject this agenda.”"


def test_nested_cue_is_not_a_second_bare_attribution(attributions):
    recs = attributions("The governor said residents want the plant closed.")
    assert [r.cue.text for r in recs] == ["said"]


def test_relative_pronoun_source_is_its_antecedent(attributions):
    r = one(attributions("Diplomats who said the talks had stalled left Geneva on Friday."), "said")
    assert r.source.text == "who"
    assert r.source.name == "Diplomats"
    assert r.source.kind == "anonymous"


def test_coordinated_accusers_give_one_act_each():
    from claimgraph.pipeline import extract

    recs = extract(
        "The United States and Britain accused Russia of shelling the port of Odesa.", article_id="t"
    )
    acts = {
        (r.event.actor1.code[:3], r.event.action.cameo, r.event.actor2.code[:3])
        for r in recs
        if r.source.kind == "author" and r.event and r.event.action.cameo == "112"
    }
    assert acts == {("USA", "112", "RUS"), ("GBR", "112", "RUS")}


def test_domestic_report_places_bare_organs_in_its_country(attributions):
    text = (
        "Kenya's opposition marched in Nairobi on Monday. Kenyan officials said the march was peaceful. "
        "The interior minister said police would protect the protesters. Kenya has seen such marches before."
    )
    r = one(attributions(text), "said")
    assert (r.source.actor or "").startswith("KEN")
    minister = [x for x in attributions(text) if x.source.text == "The interior minister"]
    assert minister and minister[0].source.actor == "KENGOV"


def test_nested_cues_code_each_event_once():
    """A sentence of many nested cues gives each event to its nearest source, once: the number of
    records grows with the sentence, not with its square."""
    from claimgraph.pipeline import extract

    parts = ["officials said Russia shelled the port", "the minister claimed that Iran supplied drones"]
    text = ", ".join(parts[i % 2] for i in range(60)) + "."
    recs = [r for r in extract(text, article_id="t") if r.source.kind != "author"]
    assert 0 < len(recs) <= 2 * 60


def test_transcript_question_labels_are_no_speaker() -> None:
    from claimgraph.pipeline import ExtractOptions, extract

    text = (
        "MINISTER ANN EXAMPLE: The harbour will reopen on Monday and the ferries will run again.\n"
        "QUESTION: Were there any agreements on the fuel supplies for the islands?\n"
        "Q: Will the new bridge be finished before the winter storms arrive?\n"
    )
    claims = extract(text, article_id="t", options=ExtractOptions(events_only=False))
    names = {(c.source.name or "").lower() for c in claims}
    assert "ann example" in names and not names & {"question", "q"}
    labelled = [c for c in claims if "bridge" in c.evidence.text or "agreements" in c.evidence.text]
    assert all(c.source.kind == "anonymous" for c in labelled)
