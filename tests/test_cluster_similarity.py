"""Claim clusters by similarity: one event however worded, directed or dated; different events apart.

Each case is a small hand-written set of reports, as the store would hand them to the clustering.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import count
from pathlib import Path

import pytest

from claimgraph import sameevent
from claimgraph.aggregate import Report, block_of, build_clusters
from claimgraph.lexicons import LexiconError
from claimgraph.sameevent import content_words, family_for, meetings_by_article

_ids = count(1)


def rep(
    evidence: str,
    published: str,
    a1: str | None,
    cameo: str | None,
    a2: str | None = None,
    *,
    article: str | None = None,
    obj: str | None = None,
    when: str | None = None,
    stance: str = "asserts",
    action: str | None = None,
    actors: tuple[str | None, str | None] = (None, None),
    source: str = "Someone",
) -> Report:
    n = next(_ids)
    return Report(
        claim_id=n,
        article_id=article or f"art-{n}",
        outlet=f"Outlet {n}",
        published=published,
        source_name=source,
        source_kind="person",
        source_actor=None,
        stance=stance,
        via=(),
        actor1=a1,
        actor2=a2,
        cameo=cameo,
        object=obj,
        actor1_text=actors[0],
        actor2_text=actors[1],
        action_text=action,
        evidence_text=evidence,
        event_date=when,
    )


def groups(reports: list[Report]) -> list[list[int]]:
    """Clusters as lists of positions in ``reports``, in input order."""
    pos = {r.claim_id: i for i, r in enumerate(reports)}
    return sorted(sorted(pos[m.claim_id] for m in c.members) for c in build_clusters(reports))


def test_one_annexation_worded_four_ways_over_years_is_one_cluster() -> None:
    rs = [
        rep("Russia seized Crimea from Ukraine", "2014-03-02", "RUS", "171", "UKR"),
        rep("the annexation of Crimea by Russia", "2015-06-10", "RUS", "192", action="annexation"),
        rep("Russia invaded Crimea in 2014", "2019-02-26", "RUS", "192", "UKR", when="2014"),
        rep("Russia still occupies Crimea", "2024-03-18", "RUS", "192"),
    ]
    assert groups(rs) == [[0, 1, 2, 3]]


def test_the_same_strike_with_and_without_a_target_in_one_article() -> None:
    rs = [
        rep("Russian forces shelled Kharkiv overnight", "2023-05-01", "RUS", "194", "RUS", article="a"),
        rep("the shelling of Kharkiv", "2023-05-01", "RUSMIL", "194", article="a"),
    ]
    assert groups(rs) == [[0, 1]]


def test_a_call_read_out_by_both_sides_is_one_cluster_and_another_call_is_not() -> None:
    rs = [
        rep("President Adams spoke by phone with President Brown", "2022-02-12", "USAGOV", "041", "UKRGOV"),
        rep("Brown had a telephone conversation with Adams", "2022-02-12", "UKRGOV", "041", "USAGOV"),
        rep("Brown and Adams discussed security by phone", "2022-02-13", "UKR", "040", "USA"),
        rep("President Adams spoke by phone with President Brown", "2022-03-05", "USAGOV", "041", "UKRGOV"),
    ]
    assert groups(rs) == [[0, 1, 2], [3]]


def test_strikes_on_two_towns_stay_apart_and_on_one_town_join() -> None:
    rs = [
        rep("a missile strike on Kharkiv killed six", "2023-05-01", "RUS", "195", "UKR"),
        rep("a missile strike on Odesa killed two", "2023-05-01", "RUS", "195", "UKR"),
        rep("the missile strike on Kharkiv on Monday", "2023-05-02", "RUS", "195", "UKR", when="2023-05-01"),
    ]
    assert groups(rs) == [[0, 2], [1]]


def test_a_town_struck_is_a_place_named_even_as_the_target() -> None:
    # the town is the coded target (coded as its country): it still tells two campaigns apart and
    # lets two weeks of reports on one town join, as a town named in the evidence does
    rs = [
        rep(
            "bombers have flown 900 sorties over Kharkiv since July",
            "2023-05-01",
            "RUS",
            "195",
            "UKR",
            actors=("bombers", "Kharkiv"),
        ),
        rep("the air war over Odesa", "2023-05-15", "RUS", "190", "UKR", actors=("Russian", "Odesa")),
        rep(
            "the relentless air war on Kharkiv",
            "2023-05-15",
            "RUS",
            "190",
            "UKR",
            actors=("Russian", "Kharkiv"),
        ),
    ]
    assert groups(rs) == [[0, 2], [1]]


def test_an_event_and_its_opposite_never_merge() -> None:
    rs = [
        rep("the United States will provide aid to Ukraine", "2023-05-01", "USA", "070", "UKR", obj="aid"),
        rep("the United States will halt aid to Ukraine", "2023-05-02", "USA", "162", "UKR", obj="aid"),
    ]
    assert groups(rs) == [[0], [1]]


def test_a_record_without_an_object_joins_only_when_its_words_agree() -> None:
    rs = [
        rep(
            "Ukraine resumed grain exports through the Black Sea",
            "2023-08-01",
            "UKR",
            "061",
            obj="grain exports",
        ),
        rep("Russia will export fertiliser", "2023-08-02", "UKR", "061", obj="fertiliser"),
        rep("Ukraine agreed to cooperate on energy", "2023-08-02", "UKR", "061"),
    ]
    assert groups(rs) == [[0], [1], [2]]
    rs.append(rep("grain exports through the Black Sea resumed", "2023-08-03", "UKR", "061"))
    assert groups(rs) == [[0, 3], [1], [2]]


def test_two_calls_between_the_same_leaders_on_different_dates_stay_apart() -> None:
    rs = [
        rep("Putin had a telephone conversation with Bennett", "2022-03-02", "RUS", "041", "ISR"),
        rep("Putin had a telephone conversation with Bennett", "2022-03-14", "RUS", "041", "ISR"),
    ]
    assert groups(rs) == [[0], [1]]


def test_a_denial_months_later_attaches_to_the_event_it_denies() -> None:
    rs = [
        rep("government forces targeted civilians in Aleppo", "2016-12-14", "SYR", "190", "SYR"),
        # another source than the one asserting: a speaker does not contest their own claim
        rep(
            "Damascus denied targeting civilians in Aleppo",
            "2017-02-23",
            "SYR",
            "190",
            stance="denies",
            source="Damascus",
        ),
    ]
    [c] = build_clusters(rs)
    assert (c.n_asserting, c.n_denying) == (1, 1)


def test_a_doubt_weeks_before_an_act_is_about_another_act() -> None:
    # February's doubt that troops were leaving the border is not about March's demanded withdrawal
    rs = [
        rep(
            "officials doubt the troops are withdrawing",
            "2022-02-16",
            "RUS",
            "0874",
            stance="questions",
            source="Officials",
        ),
        rep("the withdrawal of the troops from the country", "2022-03-22", "RUS", "0874", "UKR"),
        rep(
            "officials denied the withdrawal of the troops from the country",
            "2022-04-25",
            "RUS",
            "0874",
            stance="denies",
            source="Officials",
        ),
    ]
    assert groups(rs) == [[0], [1, 2]]


def test_inside_one_country_the_sides_tell_two_killings_apart() -> None:
    rs = [
        rep(
            "a gunman who killed nine people at a church last year",
            "2016-07-09",
            "USACVL",
            "180",
            "USACVL",
            when="2015",
        ),
        rep(
            "990 people were killed by police last year", "2016-07-12", "USACOP", "180", "USACVL", when="2015"
        ),
        rep(
            "officers killed nearly a thousand people last year",
            "2016-07-13",
            "USACOP",
            "180",
            "USA",
            when="2015",
        ),
    ]
    assert groups(rs) == [[0], [1, 2]]


def test_a_meeting_at_home_is_not_one_with_a_foreign_partner() -> None:
    rs = [
        rep("the President talked to local residents", "2022-04-04", "UKRGOV", "040", "UKRCVL"),
        rep(
            "he speaks every day with his colleagues in the United States",
            "2022-04-04",
            "UKRGOV",
            "040",
            "USA",
        ),
        rep("the President also talked to the residents of the town", "2022-04-04", "UKRGOV", "040", "UKR"),
    ]
    assert groups(rs) == [[0, 2], [1]]


def test_talks_between_the_same_two_parties_within_a_fortnight_are_one_round() -> None:
    rs = [
        rep(
            "the negotiations between Moldovan and Romanian representatives",
            "2022-03-14",
            "MDA",
            "046",
            "ROU",
        ),
        rep("the ongoing talks between Romania and Moldova's delegates", "2022-03-23", "ROU", "046", "MDA"),
        rep("the ongoing talks between Romania and Moldova's delegates", "2022-04-20", "ROU", "046", "MDA"),
        rep("the ongoing talks between Romania and Bulgaria's delegates", "2022-03-23", "ROU", "046", "BGR"),
    ]
    assert groups(rs) == [[0, 1], [2], [3]]


def test_uncoded_claims_form_no_cluster() -> None:
    rs = [
        rep("something was said", "2023-01-01", None, None),
        rep("more was said", "2023-01-01", "USA", None),
    ]
    assert build_clusters(rs) == [] and [block_of(r) for r in rs] == [None, None]


def test_the_event_date_from_the_text_decides_not_the_publication_date() -> None:
    """A call reported a week late ("on Monday") joins the readout of that day."""
    rs = [
        rep("Adams spoke with Brown", "2023-05-01", "USA", "041", "FRA"),
        rep("Adams and Brown spoke on Monday", "2023-05-08", "FRA", "041", "USA", when="2023-05-01"),
    ]
    assert groups(rs) == [[0, 1]]


def test_a_war_worded_aggression_and_invasion_is_one_state_but_a_named_place_is_not() -> None:
    """ "Aggression" is coded use-force (one day) and "invasion" occupy (lasting): as nouns both
    name the state, so they meet across months; a report naming a place the others do not stays
    apart, and a strike (a verb, one day) stays punctual."""

    def war(evidence: str, published: str, cameo: str, action: str, who: str = "Russia") -> Report:
        return rep(evidence, published, "RUS", cameo, "UKR", action=action, actors=(who, "Ukraine"))

    rs = [
        war("the full-scale aggression of Russia", "2022-03-01", "190", "aggression"),
        war("Russia's full scale invasion of Ukraine", "2022-08-24", "192", "invasion"),
        war("Russia's invasion", "2022-05-09", "192", "invasion"),
        war("the temporarily occupied Crimea", "2022-06-01", "192", "occupied"),
        war("Russian forces shelled Kharkiv", "2022-04-01", "190", "shelled", who="Russian forces"),
    ]
    assert groups(rs) == [[0, 1, 2], [3], [4]]
    assert family_for("190", "aggression").window is None and family_for("190", "shelled").window == 1
    assert family_for("111", "aggression").name == "disapprove"  # only material conflict is a state


def test_hyphenated_words_count_by_their_parts() -> None:
    assert {"full", "scale", "invasion"} <= content_words("the full-scale invasion")


def test_a_state_word_naming_no_family_is_reported_with_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "clusters").mkdir()
    (tmp_path / "clusters" / "states.tsv").write_text("war\t999\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMGRAPH_LEXICONS", str(tmp_path))
    sameevent._state_words.cache_clear()
    try:
        with pytest.raises(LexiconError, match=r"states\.tsv.*'999' is not a prefix"):
            sameevent._state_words()
    finally:
        sameevent._state_words.cache_clear()


def test_an_undated_report_joins_the_dated_report_of_its_own_article() -> None:
    """ "The jet shot down by Ghana last Tuesday ... when it shot down the jet": one event, though
    the article (Thursday) dates only the first; another article's undated report stays apart."""
    rs = [
        rep(
            "a jet shot down by Ghana on Tuesday",
            "2023-05-04",
            "GHA",
            "190",
            "TGO",
            article="a",
            when="2023-05-02",
        ),
        rep("when it shot down the jet", "2023-05-04", "GHA", "195", None, article="a"),
        rep("Ghana shot down a jet", "2023-05-04", "GHA", "195", None, article="b"),
    ]
    assert groups(rs) == [[0, 1], [2]]


def test_the_war_on_a_country_is_not_the_occupation_of_a_territory() -> None:
    """ "Invaded" (a verb) and "invasion" name the war; "the Russian occupation" of a town during it
    and "the annexation of Crimea" are the holding of a territory: another lasting state."""

    def war(evidence: str, published: str, cameo: str, action: str) -> Report:
        return rep(evidence, published, "RUS", cameo, "UKR", action=action, actors=("Russia", "Ukraine"))

    rs = [
        war("Russia invaded Ukraine", "2022-02-24", "192", "invaded"),
        war("Russia's full scale invasion of Ukraine", "2022-08-24", "192", "invasion"),
        war("the aggression of Russia", "2022-03-01", "190", "aggression"),
        war("the Russian occupation", "2022-04-03", "192", "occupation"),
        war("the occupation by Russian troops", "2022-04-04", "192", "occupation"),
    ]
    assert groups(rs) == [[0, 1, 2], [3, 4]]
    assert family_for("192", "invaded").name == family_for("190", "invasion").name == "war"
    assert family_for("192", "annexation").name == family_for("171", "seized").name == "occupy"


# --- precision review on unseen readouts (rules version 7) -------------------------------------


def _call(day: str, article: str) -> list[Report]:
    """A readout of a Russia–Turkey call: the call, and what the leaders agreed during it."""
    return [
        rep(
            "Putin had a telephone conversation with Erdogan", day, "RUSGOV", "041", "TURGOV", article=article
        ),
        rep(
            "The leaders agreed to maintain close contacts at various levels",
            day,
            "RUSGOV",
            "030",
            "TUR",
            article=article,
            action="agreed",
        ),
    ]


def _with_meetings(rs: list[Report]) -> list[Report]:
    met = meetings_by_article((r.article_id, r.actor1, r.actor2, r.cameo) for r in rs)
    return [replace(r, meetings=met.get(r.article_id, ())) for r in rs]


def test_what_two_leaders_agreed_at_each_of_two_calls_stays_with_its_call() -> None:
    rs = _call("2022-03-06", "call-1") + _call("2022-03-17", "call-2")
    assert groups(_with_meetings(rs)) == [[0], [1], [2], [3]]
    # told in no readout of a call between them, the same words are one position repeated
    assert groups(rs) == [[0], [1, 3], [2]]


def test_a_position_aimed_at_no_one_keeps_its_window_across_calls() -> None:
    rs = []
    for day, partner, art in (("2022-02-28", "FRA", "c1"), ("2022-03-01", "VEN", "c2")):
        rs.append(rep("Putin had a telephone conversation", day, "RUSGOV", "041", partner, article=art))
        rep_ = rep(
            "Russia demands recognition of Crimea as Russian",
            day,
            "RUS",
            "100",
            article=art,
            obj="recognition",
        )
        rs.append(rep_)
    assert [1, 3] in groups(_with_meetings(rs))


def test_meetings_by_article_reads_country_pairs_of_meetings_only() -> None:
    rows = [
        ("a", "USAGOV", "UKRGOV", "041"),
        ("a", "UKR", "USA", "042"),
        ("a", "RUS", "UKR", "190"),
        ("b", "USA", "USAGOV", "040"),
        ("c", "USA", "IGOUNO", "040"),
    ]
    assert meetings_by_article(rows) == {"a": (("UKR", "USA"),), "c": (("IGOUNO", "USA"),)}


def test_a_speakers_name_and_speech_words_do_not_make_two_statements_alike() -> None:
    who = ("Volodymyr Zelenskyy", None)
    rs = [
        rep(
            "Volodymyr Zelenskyy stressed the importance of this visit",
            "2022-01-13",
            "UKRGOV",
            "020",
            actors=who,
        ),
        rep(
            "Volodymyr Zelenskyy noted the importance of energy security",
            "2022-01-19",
            "UKRGOV",
            "020",
            actors=who,
        ),
        rep(
            "Volodymyr Zelenskyy stressed the need for sanctions on Russian oil",
            "2022-05-09",
            "UKRGOV",
            "020",
        ),
        rep("Volodymyr Zelenskyy noted the need for sanctions on Russian oil", "2022-05-12", "UKRGOV", "020"),
    ]
    assert groups(rs) == [[0], [1], [2, 3]]


def test_the_speaking_countrys_name_does_not_make_two_appeals_alike() -> None:
    rs = [
        rep("Ukraine calls on Canada and other partners", "2022-03-31", "UKR", "020", "CAN"),
        rep("called on all Ukrainian citizens and friends of Ukraine", "2022-04-03", "UKRGOV", "020"),
    ]
    assert groups(rs) == [[0], [1]]
    # a material act keeps its country: the annexation however worded
    rs = [
        rep("Russia's annexation of Ukraine's Crimea", "2015-01-20", "RUS", "192", action="annexation"),
        rep("that Russia annexed in 2014", "2016-12-09", "RUS", "192", when="2014", action="annexed"),
    ]
    assert groups(rs) == [[0, 1]]


def test_two_international_organisations_are_two_parties() -> None:
    rs = [
        rep("Biden met the Secretary-General of the United Nations", "2021-09-20", "USAGOV", "040", "IGOUNO"),
        rep("Biden met the Secretary General of NATO", "2021-09-20", "USAGOV", "040", "IGONAT"),
        rep("Biden and Guterres spoke of multilateralism", "2021-09-20", "USA", "040", "IGOUNO"),
    ]
    assert groups(rs) == [[0, 2], [1]]


def test_an_undated_report_of_another_article_joins_only_by_a_name_both_give() -> None:
    rs = [
        rep("Biden met Prime Minister Al-Kadhimi of Iraq in Jeddah", "2022-07-16", "USAGOV", "040", "IRQGOV"),
        rep("to discuss a range of economic and security issues", "", "USAGOV", "040", "IRQ"),
    ]
    assert groups(rs) == [[0], [1]]
    rs = [
        rep("government forces shelled the east of Aleppo", "2016-12-13", "SYR", "190", "SYRREB"),
        rep("forces shelled rebel-held Aleppo", "", "SYR", "190", "SYRREB"),
    ]
    assert groups(rs) == [[0, 1]]
    # an object that names no particular thing is no such name (a particular one is)
    for obj, together in (("their efforts", False), ("the Patriot batteries", True)):
        rs = [
            rep("the United States will support them", "2014-09-10", "USA", "050", "IRQ", obj=obj),
            rep("we will continue to support them", "", "USAMIL", "050", "IRQ", obj=obj),
        ]
        assert (groups(rs) == [[0, 1]]) is together


def test_a_year_does_not_date_a_punctual_event() -> None:
    rs = [
        rep("American aircraft struck a convoy last year", "2016-07-09", "USA", "195", "IRQ", when="2015"),
        rep("US forces raided a compound last year", "2016-07-12", "USA", "195", "IRQ", when="2015"),
    ]
    assert groups(rs) == [[0], [1]]
    # dated to the day, the same actors settle it
    rs = [replace(r, event_date="2015-03-02") for r in rs]
    assert groups(rs) == [[0, 1]]


def test_a_denial_months_away_from_talks_needs_their_words() -> None:
    rs = [
        rep("We can talk to intermediaries", "2022-06-14", "UKRGOV", "040", "RUS", action="talk"),
        rep(
            "did not discuss it in public",
            "2022-03-01",
            "UKRGOV",
            "040",
            "RUS",
            stance="denies",
            source="Kyiv",
        ),
    ]
    assert groups(rs) == [[0], [1]]


def test_a_ceasefire_and_a_retreat_are_two_acts() -> None:
    rs = [
        rep("the Russian Armed Forces had declared a ceasefire", "2022-03-07", "RUS", "0871"),
        rep("the Russian troops withdraw from the Kyiv direction", "2022-03-08", "RUS", "0874"),
    ]
    assert groups(rs) == [[0], [1]]


def test_a_war_is_one_whatever_places_its_reports_name_but_not_another_countrys_war() -> None:
    """Rules version 9: a war is fought in many places, so naming one ("to protect civilians in
    Donbass") does not split it from reports naming none; a military operation is the war, not one
    day's strike; a war waged on another country is another cluster."""
    rs = [
        rep(
            "the decision to carry out a special military operation to protect civilians in Donbass",
            "2022-02-24",
            "RUSMIL",
            "190",
            "UKR",
            action="operation",
        ),
        rep("the full-scale Russian aggression", "2022-03-01", "RUS", "190", "UKR", action="aggression"),
        rep("Russia's full scale invasion of Ukraine", "2022-08-24", "RUS", "192", "UKR", action="invasion"),
        rep("the Russian military operation in Syria", "2022-03-02", "RUS", "190", "SYR", action="operation"),
    ]
    assert groups(rs) == [[0, 1, 2], [3]]
    assert family_for("190", "operation").name == "war"


def test_a_denial_months_later_finds_a_finding_dated_by_its_month_and_its_place() -> None:
    """A finding dated "in April" is found by a denial in late October (its month's last day is
    within DENIAL_DAYS though its first is not); a place given as a same-country target ("in Khan
    Sheikhoun", coded SYR→SYR) still tells the attack from another on Douma."""
    khan = ("Syrian forces", "Khan Sheikhoun")
    rs = [
        rep(
            "Syrian government forces used sarin in an attack on Khan Sheikhoun in April",
            "2017-10-26",
            "SYR",
            "2041",
            when="2017-04",
            action="used",
        ),
        rep(
            "using chemical weapons in Khan Sheikhoun",
            "2017-10-27",
            "SYRGOV",
            "2041",
            "SYR",
            stance="denies",
            action="using",
            actors=khan,
        ),
        rep("The Syrian government carried out a chemical attack on Douma", "2018-04-10", "SYR", "2041"),
        rep(
            "government forces used chemical weapons in Douma",
            "2018-04-11",
            "SYRMIL",
            "2041",
            stance="denies",
        ),
    ]
    assert groups(rs) == [[0, 1], [2, 3]]


def test_operations_in_two_places_with_no_target_known_stay_apart() -> None:
    """The war family's places yield only to a known target country: "the military operation in
    Jenin" and "the military operation in Gaza", their targets uncoded, are two operations."""
    rs = [
        rep("Israel's military operation in Jenin", "2023-07-04", "ISRMIL", "190", action="operation"),
        rep("Israel's military operation in Gaza", "2023-10-28", "ISRMIL", "190", action="operation"),
        rep("the Israeli military operation in Jenin", "2023-07-05", "ISRMIL", "190", action="operation"),
    ]
    assert groups(rs) == [[0, 2], [1]]


def test_two_meetings_of_two_countries_on_one_day_by_different_people_are_two() -> None:
    """A symmetric family's reports that name a side's people by different names are different
    meetings; a bare title names no one, and one side named on each report is no conflict."""

    def met(evidence: str, who: str, whom: str, a2: str = "ISRGOV", article: str | None = None) -> Report:
        return rep(evidence, "2024-06-26", "USAGOV", "040", a2, actors=(who, whom), article=article)

    rs = [
        met("Jake Sullivan met Yoav Gallant", "National Security Advisor Jake Sullivan", "Yoav Gallant"),
        met("Dr. Gordon met with President Isaac Herzog", "Dr. Philip Gordon", "President Isaac Herzog"),
        met("Mr. Sullivan and Minister Gallant discussed Gaza", "Mr. Sullivan", "Minister"),
        met("The President met the Israeli leader", "The President", "the Israeli leader"),
    ]
    assert groups(rs) == [[0, 2, 3], [1]]
    # one readout names only one side, the other only the other: the same talks
    pair = [
        rep(
            "his talks with Ilham Aliyev in Brussels",
            "2022-04-09",
            "ARMGOV",
            "046",
            "AZE",
            actors=("Nikol Pashinyan", "President"),
        ),
        rep(
            "Aliyev's talks in Brussels with the Prime Minister",
            "2022-04-09",
            "AZEGOV",
            "046",
            "ARM",
            actors=("Ilham Aliyev", "Prime Minister"),
        ),
    ]
    assert groups(pair) == [[0, 1]]


def test_a_denial_answers_a_finding_published_years_after_the_attack() -> None:
    """A denial answers the accusation when it is made: the 2020 finding about a 2018 attack in
    Saraqib, and the 2020 denial naming Saraqib, are one cluster; a denial of another place is not."""
    rs = [
        rep(
            "the Syrian air force dropped chlorine on Saraqib in February 2018",
            "2020-04-08",
            "SYRMIL",
            "2041",
            when="2018-02",
            action="dropped",
        ),
        rep(
            "using chemical weapons in Saraqib",
            "2020-04-09",
            "SYRGOV",
            "2041",
            stance="denies",
            action="using",
        ),
        rep(
            "using chemical weapons in Douma", "2020-04-09", "SYRGOV", "2041", stance="denies", action="using"
        ),
    ]
    assert groups(rs) == [[0, 1], [2]]
