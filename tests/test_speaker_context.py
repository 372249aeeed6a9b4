"""Who a named speaker is, from the article's own words (issue 13): a title's portfolio is not
the speaker's country, a later title that says whose office it is wins over a bare one, a heading
is no part of the next line's title, a government's release quotes its own staff, a family name
written first is the person's later name, a hyphenated given name is kept. All text is our own."""

from __future__ import annotations

from claimgraph.actors import default_coder
from claimgraph.attribute import default_lexicon
from claimgraph.attribute.sources import SourceResolver
from claimgraph.attribute.titles import role_code
from claimgraph.model import Claim
from claimgraph.pipeline import ExtractOptions, extract, load_nlp

_ALL = ExtractOptions(events_only=False)


def _sources(text: str, outlet: str | None = None) -> list[Claim]:
    return extract(text, article_id="t", outlet=outlet, published="2016-05-02", options=_ALL)


def _by_name(cls: list[Claim], part: str) -> set[tuple[str | None, str | None]]:
    return {(c.source.name, c.source.actor) for c in cls if c.source.name and part in c.source.name}


def test_a_portfolio_in_a_for_phrase_is_not_the_speakers_country() -> None:
    text = (
        "Ann Brightwater, Minister for the Middle East, said the ceasefire in Lebanon must hold. "
        "Lebanese officials said the talks in Beirut would resume."
    )
    got = _by_name(_sources(text), "Brightwater")
    assert got and not any(actor and actor.startswith("MEA") for _, actor in got), got


def test_the_employer_after_a_portfolio_places_the_speaker() -> None:
    # "vice president for X at <organisation>": the organisation after "at" is whose office it is
    coder = default_coder()
    assert role_code(coder, "senior fellow for Asian studies at Harvard University") == "USAEDU"
    assert role_code(coder, "Minister for Foreign Affairs of Ukraine") == "UKRGOV"
    assert role_code(coder, "Special Envoy for Syria") == "GOV"


def test_a_heading_is_no_part_of_the_next_lines_title() -> None:
    text = (
        "Minister for the Middle East, Ann Brightwater, responds to the attack in Baghdad\n\n"
        "Foreign Office Minister, Ann Brightwater, said:\n\nThe attack was an act of terror."
    )
    doc = load_nlp(events=False)(text)
    people = SourceResolver(doc, default_coder(), default_lexicon(), None).people
    assert [(p.name, p.role, p.actor) for p in people] == [
        ("Ann Brightwater", "Foreign Office Minister", "GBRGOV")
    ]


def test_a_governments_release_quotes_its_own_staff() -> None:
    text = (
        "Minister Brightwater said Iraq's new budget deal was a welcome step. Iraqi leaders met in "
        "Baghdad and Iraq's parliament will vote on Monday, officials in Iraq said."
    )
    release = _by_name(_sources(text, outlet="UK Government"), "Brightwater")
    assert release and all(actor and actor.startswith("GBR") for _, actor in release), release
    # a news outlet's report gives no such hint: the article's country stands in
    news = _by_name(_sources(text, outlet="Voice of America"), "Brightwater")
    assert news and all(actor and actor.startswith("IRQ") for _, actor in news), news


def test_a_family_name_written_first_is_the_persons_later_name() -> None:
    text = (
        '"The sanctions will hurt ordinary people first," said Park Min-seo, a South Korean '
        'economist. "Pyongyang will not change course," Park said.'
    )
    names = {c.source.name for c in _sources(text) if c.source.kind == "person"}
    assert names == {"Park Min-seo"}, names


def test_a_person_placed_once_keeps_the_place_in_later_mentions() -> None:
    text = (
        "U.N. Human Rights Commissioner Omar Sadiq al Nouri said the siege of Aleppo must end. "
        "Syrian troops shelled Aleppo again on Monday, and Syria's army said the city would fall. "
        "Omar said the shelling was a crime."
    )
    got = _by_name(_sources(text), "Nouri")
    assert {actor for _, actor in got} == {"IGOUNO"}, got


def test_a_releases_own_staff_act_for_its_government_in_events_too() -> None:
    text = (
        "Minister Brightwater visited Baghdad on Monday. Iraqi leaders met in Baghdad and Iraq's "
        "parliament will vote on Monday, officials in Iraq said."
    )
    cls = extract(text, article_id="t", outlet="UK Government", published="2016-05-02")
    actors = {
        c.event.actor1.code
        for c in cls
        if c.event and c.event.actor1 and "Brightwater" in (c.event.actor1.text or "")
    }
    assert actors and all(a and a.startswith("GBR") for a in actors), actors
