"""Events the author reports in readouts and actors taken from context (issue 12, items 3-4):
the article's two parties for "the presidents", "both sides", "the two", impersonal passives and
partnerless consultations; the speaker's side for "we" and for the target of a reported attack;
domestic targets; domestic speech acts; readiness for talks. All sentences are our own."""

from __future__ import annotations

import pytest

from claimgraph import extract
from claimgraph.model import Claim

LEAD = "President Gabriel Boric of Chile held a telephone conversation with President Luis Arce of Bolivia."


def triples(text: str, *, author: bool | None = None) -> set[tuple[str | None, str, str | None]]:
    out = set()
    for c in extract(text, article_id="t", published="2023-05-02"):
        if c.event is None or c.event.action is None:
            continue
        if author is not None and (c.source.kind == "author") != author:
            continue
        a1 = c.event.actor1.code[:3] if c.event.actor1 and c.event.actor1.code else None
        a2 = c.event.actor2.code[:3] if c.event.actor2 and c.event.actor2.code else None
        out.add((a1, c.event.action.root or "", a2))
    return out


@pytest.mark.parametrize(
    "sentence",
    [
        "The presidents discussed trade and migration.",
        "Both sides discussed trade and migration.",
        "The two discussed trade and migration.",
        "The two leaders discussed trade and migration.",
    ],
)
def test_the_parties_of_a_readout_are_its_opening_pair(sentence: str) -> None:
    got = triples(f"{LEAD} {sentence}", author=True)
    assert ("CHL", "04", "BOL") in got or ("BOL", "04", "CHL") in got, got


def test_an_impersonal_passive_is_the_parties_act() -> None:
    got = triples(f"{LEAD} It was agreed to continue consultations at all levels.", author=True)
    assert any(a1 in ("CHL", "BOL") and a2 in ("CHL", "BOL") and a1 != a2 for a1, _, a2 in got), got


def test_a_consultation_with_no_partner_named_is_with_the_other_party() -> None:
    got = triples(f"{LEAD} Boric discussed the situation on the border.", author=True)
    assert ("CHL", "04", "BOL") in got, got


def test_a_bilateral_noun_event_is_the_parties() -> None:
    got = triples(f"{LEAD} Bilateral cooperation in energy has grown.", author=True)
    assert any(r == "06" and {a1, a2} == {"CHL", "BOL"} for a1, r, a2 in got), got


def test_we_in_a_claim_is_the_speakers_side() -> None:
    text = 'The Ghanaian foreign minister said: "We will send peacekeepers to Mali next month."'
    got = triples(text, author=False)
    assert any(a1 == "GHA" for a1, _, _ in got), got


def test_a_reported_attack_with_no_target_hits_the_speakers_side() -> None:
    text = "The Armenian defence minister said that Azerbaijani troops had shelled border villages overnight."
    got = triples(text, author=False)
    assert ("AZE", "19", "ARM") in got, got


def test_the_speakers_side_is_never_its_own_attacker() -> None:
    text = "The Armenian defence minister said that Armenian troops had shelled positions overnight."
    assert not any(a1 == a2 == "ARM" for a1, _, a2 in triples(text, author=False))


def test_a_domestic_object_makes_a_domestic_target() -> None:
    got = triples("Police in Kenya arrested dozens of protesters in Nairobi on Tuesday.")
    assert ("KEN", "17", "KEN") in got, got


def test_a_domestic_speech_act_is_kept() -> None:
    recs: list[Claim] = extract(
        "The Kenyan opposition leader criticised the government of Kenya for the arrests."
    )
    acts = [c for c in recs if c.rule and c.rule.startswith("speech-act")]
    assert acts and acts[0].event is not None and acts[0].event.actor2 is not None
    assert acts[0].event.actor2.code.startswith("KEN")


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Chile is open to talks with Bolivia.", "03"),
        ("Chile is interested in a meeting with Bolivia.", "03"),
    ],
)
def test_readiness_for_a_nominal_event_is_intent(sentence: str, code: str) -> None:
    assert ("CHL", code, "BOL") in triples(sentence), triples(sentence)


def test_condolences_and_support_are_acts_the_author_reports() -> None:
    got = triples(
        "Peru expressed condolences to Ecuador. Chile expressed strong support for Bolivia.", author=True
    )
    assert ("PER", "01", "ECU") in got and ("CHL", "05", "BOL") in got, got


def test_stressing_the_need_is_an_appeal() -> None:
    got = triples("Chile stressed the need for more assistance to Haiti from Brazil.", author=True)
    assert any(a1 == "CHL" and r == "02" for a1, r, _ in got), got


def _records(text: str) -> list[Claim]:
    return extract(text, article_id="t", published="2023-05-02")


@pytest.mark.parametrize(
    "sentence",
    [
        "Both sides expressed the resolve to keep coordinating their positions on the border.",
        "The two leaders pointed out their readiness to deepen trade.",
        "The presidents discussed the border. "
        "They pointed out that Chile and Bolivia would sign a trade agreement.",
    ],
)
def test_a_joint_speaker_gives_one_record_per_party(sentence: str) -> None:
    reported = [c for c in _records(f"{LEAD} {sentence}") if c.source.kind != "author"]
    names = {c.source.name for c in reported}
    assert {"Gabriel Boric", "Luis Arce"} <= names, [(c.source.name, c.evidence.text) for c in reported]


def test_they_after_another_subject_is_not_the_pair() -> None:
    text = f"{LEAD} Farmers blocked the highway. They said that the police had arrested their leader."
    assert all(c.source.name not in ("Gabriel Boric", "Luis Arce") for c in _records(text) if c.cue)


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        # a title is the person it means, as an event actor as for a source
        (
            "President Gabriel Boric met Bolivian officials in Santiago. "
            "The President expressed his support for Bolivia in the talks on lithium.",
            ("CHL", "05", "BOL"),
        ),
        # a speech act recorded in another sentence does not hide an endorsement
        (
            "President Gabriel Boric thanked Bolivia for its help. "
            "Later Boric expressed support for Peru in its border dispute.",
            ("CHL", "05", "PER"),
        ),
    ],
)
def test_an_expressed_endorsement_is_the_authors_record(text: str, triple: tuple[str, str, str]) -> None:
    got = triples(text, author=True)
    assert triple in got, got


def test_a_source_cited_by_another_keeps_the_claim() -> None:
    text = (
        "Chile's foreign minister said that, according to one of the scenarios, "
        "Bolivian troops will attack the border posts."
    )
    reported = [c for c in _records(text) if c.source.kind != "author"]
    assert reported and all((c.source.actor or "").startswith("CHL") for c in reported), reported


def test_a_curly_plural_possessive_names_the_actor_and_keeps_the_text() -> None:
    text = "The Houthis’ attacks on Saudi ships in the Red Sea continued for a week."
    got = [c for c in _records(text) if c.event is not None]
    codes = [c.event.actor1.code or "" for c in got if c.event and c.event.actor1]
    assert any(code.startswith("YEM") for code in codes), [(c.evidence.text, c.event) for c in got]
    assert all(text[c.evidence.start : c.evidence.end] == c.evidence.text for c in got)


def test_a_speech_act_on_a_phrase_naming_the_target_is_recorded() -> None:
    text = "President Gabriel Boric commended the important role Bolivia plays in regional stability."
    got = [c for c in _records(text) if c.source.kind == "author" and c.event is not None]
    assert any(
        c.event
        and c.event.action
        and c.event.action.root == "05"
        and (c.event.actor2.code or "")[:3] == "BOL"
        for c in got
        if c.event and c.event.actor2
    ), [(c.evidence.text, c.event) for c in got]


def test_an_expressed_endorsement_covers_what_is_expressed() -> None:
    text = f"{LEAD} The President expressed his strong support for Bolivia in the lithium talks."
    got = [c for c in _records(text) if c.source.kind == "author" and c.event and c.event.action]
    endorse = [c for c in got if c.event and c.event.action and c.event.action.root == "05"]
    assert endorse and "support for Bolivia" in endorse[0].evidence.text, [c.evidence.text for c in got]


def test_pressing_as_an_adjective_is_no_appeal() -> None:
    got = triples(f"{LEAD} The presidents discussed pressing economic problems.", author=True)
    assert not any(r == "02" for _, r, _ in got), got
    pressed = triples(f"{LEAD} Boric pressed Bolivia to reopen the border crossing.", author=True)
    assert any(a1 == "CHL" and r == "02" and a2 == "BOL" for a1, r, a2 in pressed), pressed


def test_an_act_reported_through_a_cue_takes_the_cues_framing() -> None:
    got = [
        c
        for c in _records(f"{LEAD} Boric noted the need for new talks with Bolivia.")
        if c.source.kind == "author"
    ]
    noted = [c for c in got if c.cue is None and "noted" in c.evidence.text]
    assert noted and all(c.framing == "endorsing" for c in noted), [(c.evidence.text, c.framing) for c in got]


def test_entering_territory_is_taking_ground_and_a_phase_is_not() -> None:
    text = (
        "Bolivian troops entered the town of Uyuni on Monday, the Chilean foreign minister said. "
        "The talks between Chile and Bolivia entered a new phase."
    )
    got = [c for c in _records(text) if c.event and c.event.action]
    roots = {(c.event.action.root if c.event and c.event.action else None) for c in got}
    assert "19" in roots, [(c.evidence.text, c.event) for c in got]
    assert not any(
        "new phase" in c.evidence.text and c.event and c.event.action and c.event.action.root == "19"
        for c in got
    )


def test_force_that_ends_an_armed_enemy_is_fighting() -> None:
    got = triples("Chilean troops defeated the rebels in the north, the Chilean army said.", author=None)
    assert any(a1 == "CHL" and r == "19" for a1, r, _ in got), got


def test_an_opening_event_with_one_coded_party_names_no_pair() -> None:
    # the countries of the second sentence are what the leaders talked about, not the call's parties
    text = (
        "Prime Minister Anthony Albanese of Australia held a video call with Pacific leaders today. "
        "The leaders voiced concern about Chinese patrols near Vanuatu and reaffirmed their support "
        "for Fiji. They also discussed recent contacts with China."
    )
    got = triples(text, author=True)
    assert not any(a1 in ("CHN", "VUT", "FJI") for a1, _, _ in got), got


def test_they_after_uncoded_people_is_not_the_country_they_discussed() -> None:
    text = (
        "Farmers' leaders met in Lyon on Monday. The delegates criticised Brazil over beef imports. "
        "They demanded talks with Argentina."
    )
    assert not any(a1 == "BRA" for a1, _, _ in triples(text)), triples(text)


def test_an_outlet_told_a_claim_is_no_antecedent_in_it() -> None:
    text = (
        '"When the coalition sees a gunman, the strike comes late," a resident told Reuters in Mosul. '
        '"But they don\'t kill the fighters."'
    )
    assert not any(a1 == "GBR" for a1, _, _ in triples(text)), triples(text)


def test_thanks_to_you_in_a_transcript_are_manners_not_praise() -> None:
    text = (
        "President Gabriel Boric of Chile met President Luis Arce of Bolivia in Santiago.\n\n"
        "Gabriel Boric: Mr President, thank you very much.\n\n"
        "Luis Arce: Thank you."
    )
    assert not any(r == "05" for _, r, _ in triples(text)), triples(text)
    reason = f"{LEAD} Boric thanked Bolivia for its help after the floods."
    assert ("CHL", "05", "BOL") in triples(reason), triples(reason)


def test_condemning_an_act_is_aimed_at_its_doer() -> None:
    got = triples("President Gabriel Boric of Chile condemned the Russian attack on Kyiv.", author=True)
    assert ("CHL", "11", "RUS") in got and ("CHL", "11", "UKR") not in got, got
    plain = triples("Bolivia condemned the government of Venezuela.", author=True)
    assert ("BOL", "11", "VEN") in plain, plain


def test_a_call_received_is_the_callers() -> None:
    got = triples(
        "President Gabriel Boric of Chile received a phone call from President Luis Arce of Bolivia.",
        author=True,
    )
    assert ("BOL", "04", "CHL") in got and not any(r == "07" for _, r, _ in got), got


def test_a_countrys_opposition_members_are_its_own() -> None:
    got = triples("Cambodian police made sweeping arrests of opposition members on Monday.", author=True)
    assert ("KHM", "17", "KHM") in got, got


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Boric expressed support for Bolivia's bid to join the trade bloc.", ("CHL", "05", "BOL")),
        ("The Chilean embassy expressed its condolences to Bolivia.", ("CHL", "01", "BOL")),
        ("Boric expressed his gratitude to Bolivia for its help.", ("CHL", "05", "BOL")),
        ("Chile reiterated its support for Bolivia's bid to join the bloc.", ("CHL", "05", "BOL")),
    ],
)
def test_expressing_a_feeling_towards_a_party_is_an_act(
    sentence: str, expected: tuple[str, str, str]
) -> None:
    got = triples(sentence, author=True)
    assert expected in got, got
    # the feeling is the act, not a claim the speaker makes
    said = [c for c in extract(sentence, article_id="t") if c.source.kind != "author"]
    assert not said, said


def test_support_for_an_idea_is_aimed_at_no_party_named_inside_it() -> None:
    got = triples(
        f"{LEAD} Boric expressed strong support for a peaceful solution to the Peru-Ecuador dispute."
    )
    assert not any(a2 in ("PER", "ECU") for _, r, a2 in got if r == "05"), got


def test_a_party_named_in_a_relative_clause_is_not_condemned() -> None:
    got = triples(
        "President Luis Arce of Bolivia condemned the policy of Chile, which had led to a crisis in Peru.",
        author=True,
    )
    assert ("BOL", "11", "CHL") in got and ("BOL", "11", "PER") not in got, got


@pytest.mark.parametrize(
    ("sentence", "root"),
    [
        ("Iranian forces seized a British tanker in the Gulf.", "17"),
        ("Russian troops seized the town of Izium.", "19"),
        ("Bolivia seized the opportunity to sign a trade deal with Chile.", None),
    ],
)
def test_seizing_is_an_event_only_for_property_captives_or_ground(sentence: str, root: str | None) -> None:
    roots = {r for _, r, _ in triples(sentence) if r in ("17", "18", "19")}
    assert roots == ({root} if root else set()), triples(sentence)


def test_representatives_from_a_capital_are_that_countrys() -> None:
    text = (
        "Foreign Minister Ann Example of Chile said Chile was ready for talks with representatives "
        "from La Paz."
    )
    got = triples(text, author=False)
    assert any(a2 == "BOL" for _, r, a2 in got if r == "03"), got


def test_condolences_in_a_readout_go_to_the_other_party() -> None:
    got = triples(f"{LEAD} Boric expressed appreciation for Bolivian condolences.", author=True)
    assert ("BOL", "01", "CHL") in got, got
    got = triples(f"{LEAD} Arce expressed condolences over the flood.", author=True)
    assert ("BOL", "01", "CHL") in got, got


def test_their_after_a_pair_of_a_name_and_a_demonym_is_the_pair() -> None:
    text = (
        "Boric expressed support for engagement between Peru and the new Bolivian Government, "
        "as demonstrated by their bilateral agreement last week to expand trade."
    )
    got = triples(f"{LEAD} {text}", author=True)
    assert ("PER", "05", "BOL") in got, got


def test_a_wire_photo_caption_is_not_the_storys_event() -> None:
    text = (
        "FILE - Chilean President Gabriel Boric meets Bolivian President Luis Arce in Santiago, May 2, 2023. "
        "Chile and Bolivia signed a trade agreement on Monday."
    )
    got = triples(text, author=True)
    assert not any(r == "04" for _, r, _ in got) and any(r == "05" for _, r, _ in got), got


@pytest.mark.parametrize(
    "sentence",
    [
        "Both sides expressed interest in further developing bilateral ties.",
        "The presidents expressed readiness to continue contacts at all levels.",
        "The two leaders reaffirmed their readiness to hold regular consultations.",
    ],
)
def test_a_stated_readiness_of_both_parties_is_intent_to_cooperate(sentence: str) -> None:
    got = triples(f"{LEAD} {sentence}", author=True)
    assert any(root == "03" and {a1, a2} == {"CHL", "BOL"} for a1, root, a2 in got), got


def test_interest_in_no_act_is_no_intent() -> None:
    got = triples(f"{LEAD} Both sides expressed interest in the weather.", author=True)
    assert not any(root == "03" for _, root, _ in got), got


def test_one_partys_readiness_is_aimed_at_the_other() -> None:
    got = triples(f"{LEAD} Boric reaffirmed Chile's readiness to expand lithium exports.", author=True)
    assert ("CHL", "03", "BOL") in got, got


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("Russian artillery shelled Kharkiv on Tuesday night.", ("RUS", "19", "UKR")),
        ("The invasion of Ukraine's Donbas region by Russia was condemned.", ("RUS", "19", "UKR")),
        ("Kharkiv was hit by Russian missiles overnight.", ("RUS", "19", "UKR")),
    ],
)
def test_force_used_on_a_place_is_used_against_its_country(sentence: str, want: tuple[str, str, str]) -> None:
    assert want in triples(sentence, author=True)


def test_force_used_on_the_actors_own_place_has_no_target() -> None:
    got = triples("Ukrainian troops shelled positions near Kharkiv.", author=True)
    assert not any(a2 == "UKR" and a1 == "UKR" for a1, _, a2 in got), got


@pytest.mark.parametrize(
    "sentence",
    [
        "They signed a package of bilateral documents.",
        "They committed to continued close consultation.",
        "They reaffirmed a mutual readiness to cooperate closely at the United Nations.",
    ],
)
def test_they_after_the_leaders_is_the_readouts_two_parties(sentence: str) -> None:
    lead = f"{LEAD} The leaders expressed satisfaction with the talks."
    got = triples(f"{lead} {sentence}", author=True)
    assert any({a1, a2} == {"CHL", "BOL"} for a1, _, a2 in got), got


def test_informing_a_partner_is_sharing_information() -> None:
    got = triples(
        f"{LEAD} Boric informed his counterpart about the results of the Pacific summit.", author=True
    )
    assert ("CHL", "06", "BOL") in got, got


def test_conveyed_congratulations_are_praise() -> None:
    got = triples(
        f"{LEAD} Boric conveyed his congratulations to the Bolivian people on their national day.",
        author=True,
    )
    assert ("CHL", "05", "BOL") in got, got


def test_an_impersonal_appeal_is_the_publishing_sides() -> None:
    lead = "President Vladimir Putin had a telephone conversation with President Emmanuel Macron of France."
    got = triples(f"{lead} The need for Kiev to stop shelling the Donbass was stressed.", author=True)
    assert ("RUS", "02", "UKR") in got, got
    assert not any(a1 == "FRA" and root == "02" for a1, root, _ in got), got


def test_the_need_for_someone_to_act_names_the_appeals_target() -> None:
    got = triples(f"{LEAD} Boric stressed the need for Bolivia to reopen the border crossings.", author=True)
    assert ("CHL", "02", "BOL") in got, got
