"""The actor coder: names, demonyms, capitals, organs, outlets, international bodies, non-actors."""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest

from claimgraph.actors import ActorCoder, ActorMatch, default_coder
from claimgraph.errors import LexiconError


@pytest.fixture(scope="module")
def coder() -> ActorCoder:
    return default_coder()


def test_default_coder_is_shared() -> None:
    assert default_coder() is default_coder()


# ---- 1. countries by name and alias -------------------------------------------------------------
@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("Iran", "IRN"),
        ("the Islamic Republic of Iran", "IRN"),
        ("Russia", "RUS"),
        ("the Russian Federation", "RUS"),
        ("the U.S.", "USA"),
        ("US", "USA"),
        ("United States", "USA"),
        ("America", "USA"),
        ("the UK", "GBR"),
        ("Britain", "GBR"),
        ("North Korea", "PRK"),
        ("DPRK", "PRK"),
        ("South Korea", "KOR"),
        ("Syria", "SYR"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Ukraine", "UKR"),
        ("China", "CHN"),
        ("Taiwan", "TWN"),
        ("Israel", "ISR"),
        ("Palestine", "PSE"),
        ("Gaza", "PSE"),
        ("the Gaza Strip", "PSE"),
        ("Vietnam", "VNM"),
        ("Ivory Coast", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("the Netherlands", "NLD"),
        ("Kosovo", "XKX"),
    ],
)
def test_country_names(coder: ActorCoder, phrase: str, code: str) -> None:
    assert coder.code(phrase) == code
    assert coder.kind(phrase) == "country"


def test_every_un_member_has_a_name(coder: ActorCoder) -> None:
    known = dict(coder.countries())
    for c in pycountry.countries:
        assert c.alpha_3 in known
        assert coder.country_of(known[c.alpha_3]) == c.alpha_3, known[c.alpha_3]


def test_short_aliases_are_case_sensitive(coder: ActorCoder) -> None:
    assert coder.code("us") is None
    assert [m.code for m in coder.find("They told us the US would respond.")] == ["USA"]
    assert coder.find("Who is the AP of this?") == [
        ActorMatch(11, 13, "AP", "USAMED", "outlet", "Associated Press")
    ]
    assert coder.find("The plan is what it is.") == []


def test_canonical_names(coder: ActorCoder) -> None:
    assert coder.canonical("the Islamic Republic of Iran") == "Iran"
    assert coder.canonical("DPRK") == "North Korea"
    assert coder.canonical("Zelenskyy") == "Volodymyr Zelenskyy"  # the people table's spelling


# ---- 2. demonyms and peoples --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("Iranian", "IRN"),
        ("the Russians", "RUS"),
        ("Americans", "USA"),
        ("British", "GBR"),
        ("Britons", "GBR"),
        ("Ukrainian", "UKR"),
        ("Chinese", "CHN"),
        ("Israeli", "ISR"),
        ("the Israelis", "ISR"),
        ("Saudi", "SAU"),
        ("Emirati", "ARE"),
        ("the French", "FRA"),
        ("Filipinos", "PHL"),
    ],
)
def test_demonyms(coder: ActorCoder, phrase: str, code: str) -> None:
    assert coder.code(phrase) == code


def test_product_compounds_name_an_origin_not_an_actor(coder: ActorCoder) -> None:
    assert coder.demonym_country("Iranian-made") == "IRN"
    assert coder.demonym_country("Russia-backed") == "RUS"
    assert coder.code("Iranian-made drones") is None
    assert coder.code("Iran-backed militias") == "REB"  # the militia's own country is unknown
    assert coder.code("London-based Amnesty International") == "NGOAMN"
    # find still reports the mention: it is a mention of Iran
    assert [m.code for m in coder.find("The Iranian-made drones hit a depot.")] == ["IRN"]


# ---- 3. capitals and seats of power --------------------------------------------------------------
@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("Tehran", "IRNGOV"),
        ("Moscow", "RUSGOV"),
        ("the Kremlin", "RUSGOV"),
        ("The Kremlin", "RUSGOV"),
        ("the White House", "USAGOV"),
        ("Washington", "USAGOV"),
        ("Beijing", "CHNGOV"),
        ("Kyiv", "UKRGOV"),
        ("Kiev", "UKRGOV"),
        ("Downing Street", "GBRGOV"),
        ("London", "GBRGOV"),
        ("Pyongyang", "PRKGOV"),
        ("Jerusalem", "ISRGOV"),
        ("Ankara", "TURGOV"),
        ("Riyadh", "SAUGOV"),
        ("Damascus", "SYRGOV"),
        ("Paris", "FRAGOV"),
        ("Berlin", "DEUGOV"),
        ("Brussels", "IGOEEC"),
        ("Foggy Bottom", "USAGOV"),
        ("the Pentagon", "USAMIL"),
    ],
)
def test_capitals(coder: ActorCoder, phrase: str, code: str) -> None:
    assert coder.code(phrase) == code


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("the State Department", "USAGOV"),
        ("the CIA", "USASPY"),
        ("Mossad", "ISRSPY"),
        ("the FSB", "RUSSPY"),
        ("MI6", "GBRSPY"),
        ("IRGC", "IRNMIL"),
        ("the Revolutionary Guards", "IRNMIL"),
        ("Hezbollah", "LBNREB"),
        ("Hamas", "PSEREB"),
        ("the Taliban", "AFGREB"),
        ("the Houthis", "YEMREB"),
        ("Wagner", "RUSMIL"),
        ("the Israel Defense Forces", "ISRMIL"),
    ],
)
def test_national_organisations(coder: ActorCoder, phrase: str, code: str) -> None:
    assert coder.code(phrase) == code
    assert coder.kind(phrase) == "organization"


# ---- 4. organs and officials with a country modifier --------------------------------------------
@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("the Iranian mission to the United Nations", "IRNGOV"),
        ("UK Ambassador to the United Nations", "GBRGOV"),
        ("the Russian ambassador to Washington", "RUSGOV"),
        ("the U.S. Central Intelligence Agency", "USASPY"),
        ("CIA director", "USASPY"),
        ("senior Biden administration officials", "USAGOV"),
        ("Putin's government", "RUSGOV"),
        ("Zelensky's office", "UKRGOV"),
        ("White House National Security Council spokesman", "USAGOV"),
        ("Russian forces", "RUSMIL"),
        ("Russian troops", "RUSMIL"),
        ("the Russian army", "RUSMIL"),
        ("Russian troops in Syria", "RUSMIL"),
        ("Israeli police", "ISRCOP"),
        ("Iran's foreign ministry", "IRNGOV"),
        ("the Iranian foreign minister", "IRNGOV"),
        ("the Russian defence ministry", "RUSMIL"),
        ("Ukrainian President Volodymyr Zelensky", "UKRGOV"),
        ("a spokesman for the Russian foreign ministry", "RUSGOV"),
        ("the Ukrainian army spokesman", "UKRMIL"),
        ("Iranian opposition groups", "IRNOPP"),
        ("Kremlin-controlled media", "RUSMED"),
        ("protesters in Tehran", "IRNCVL"),
        ("Al Jazeera's Gaza correspondent", "QATMED"),
        ("Hamas fighters", "PSEREB"),
        ("Chinese state media", "CHNMED"),
        ("the Syrian rebels", "SYRREB"),
    ],
)
def test_country_and_sector_combine(coder: ActorCoder, phrase: str, code: str) -> None:
    assert coder.code(phrase) == code


def test_head_decides_kind_and_name(coder: ActorCoder) -> None:
    assert coder.kind("Ukrainian President Volodymyr Zelensky") == "person"
    assert coder.canonical("Ukrainian President Volodymyr Zelensky") == "Volodymyr Zelenskyy"
    assert coder.country_of("UK Ambassador to the United Nations") == "GBR"


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("opposition lawmakers", "OPP"),
        ("rebels", "REB"),
        ("the court", "JUD"),
        ("parliament", "LEG"),
        ("protesters", "CVL"),
        ("militants", "REB"),
        ("the ambassador to the UN", "GOV"),  # the host is not the owner
    ],
)
def test_sector_without_country(coder: ActorCoder, phrase: str, code: str) -> None:
    assert coder.code(phrase) == code
    assert coder.country_of(phrase) is None


# ---- 5. outlets ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("NBC News", "USAMED"),
        ("CBS News", "USAMED"),
        ("CNN", "USAMED"),
        ("The New York Times", "USAMED"),
        ("the Washington Post", "USAMED"),
        ("Reuters", "GBRMED"),
        ("the Associated Press", "USAMED"),
        ("AP", "USAMED"),
        ("AFP", "FRAMED"),
        ("the BBC", "GBRMED"),
        ("Al Jazeera", "QATMED"),
        ("TASS", "RUSMED"),
        ("RIA Novosti", "RUSMED"),
        ("Interfax", "RUSMED"),
        ("IRNA", "IRNMED"),
        ("Mehr News Agency", "IRNMED"),
        ("Tasnim", "IRNMED"),
        ("Press TV", "IRNMED"),
        ("the Tehran Times", "IRNMED"),
        ("Xinhua", "CHNMED"),
        ("Global Times", "CHNMED"),
        ("KCNA", "PRKMED"),
        ("Yonhap", "KORMED"),
        ("Haaretz", "ISRMED"),
        ("the Times of Israel", "ISRMED"),
        ("Anadolu", "TURMED"),
        ("Voice of America", "USAMED"),
        ("Kyiv Independent", "UKRMED"),
        ("an NBC News correspondent", "USAMED"),
    ],
)
def test_outlets(coder: ActorCoder, phrase: str, code: str) -> None:
    assert coder.code(phrase) == code


def test_is_outlet(coder: ActorCoder) -> None:
    assert coder.is_outlet("NBC News")
    assert coder.is_outlet("a CBS News report")
    assert coder.is_outlet("Reuters")
    assert not coder.is_outlet("an NBC News correspondent")
    assert not coder.is_outlet("Iran")
    assert not coder.is_outlet("the Washington ambassador")
    assert coder.kind("Washington Post") == "outlet"


# ---- 6. international bodies and regions --------------------------------------------------------
@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("the UN", "IGOUNO"),
        ("United Nations", "IGOUNO"),
        ("the UN Security Council", "IGOUNO"),
        ("UNSC", "IGOUNO"),
        ("the General Assembly", "IGOUNO"),
        ("UNHCR", "IGOUNO"),
        ("WHO", "IGOUNO"),
        ("the IAEA", "IGOUNO"),
        ("NATO", "IGONAT"),
        ("NATO forces", "IGONAT"),
        ("the EU", "IGOEEC"),
        ("the European Commission", "IGOEEC"),
        ("ASEAN", "IGOASN"),
        ("the African Union", "IGOAFU"),
        ("OPEC", "IGOOPC"),
        ("the Arab League", "IGOARL"),
        ("G7", "IGOGSV"),
        ("BRICS", "IGOBRC"),
        ("the ICC", "IGOICC"),
        ("the Red Cross", "NGOICR"),
        ("Amnesty International", "NGOAMN"),
        ("Human Rights Watch", "NGOHRW"),
        ("Islamic State", "IMGISL"),
        ("ISIS", "IMGISL"),
        ("Daesh", "IMGISL"),
        ("al-Qaeda", "IMGAQD"),
        ("the West", "WST"),
        ("Western countries", "WST"),
        ("Europe", "EUR"),
        ("European countries", "EUR"),
        ("the Middle East", "MEA"),
        ("all UN Members", "IGOUNO"),
    ],
)
def test_international(coder: ActorCoder, phrase: str, code: str) -> None:
    assert coder.code(phrase) == code
    assert coder.country_of(phrase) is None


def test_international_kinds(coder: ActorCoder) -> None:
    assert coder.kind("the West") == "group"
    assert coder.kind("NATO") == "organization"
    assert coder.kind("Jens Stoltenberg") == "person"
    assert coder.code("Jens Stoltenberg") == "IGONAT"


def test_national_security_council_is_not_the_un(coder: ActorCoder) -> None:
    assert [m.code for m in coder.find("Russia's Security Council met.")] == ["RUS"]
    assert coder.code("the Russian Security Council") == "RUSGOV"


# ---- 7. non-actors ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "phrase",
    [
        "drones",
        "the war",
        "the relationship",
        "peace",
        "weather",
        "",
        "the United Nations Charter",
        "New Jersey",
    ],
)
def test_non_actors(coder: ActorCoder, phrase: str) -> None:
    assert coder.code(phrase) is None
    assert coder.kind(phrase) is None


# ---- find --------------------------------------------------------------------------------------
def test_find_offsets_and_longest_match(coder: ActorCoder) -> None:
    text = "On Monday the Kremlin said Iran’s IRGC met officials of the UN Security Council in New York."
    found = coder.find(text)
    assert [(m.text, m.code, m.kind) for m in found] == [
        ("the Kremlin", "RUSGOV", "capital"),
        ("Iran", "IRN", "country"),
        ("IRGC", "IRNMIL", "organization"),
        ("UN Security Council", "IGOUNO", "organization"),
        ("New York", "USA", "place"),  # where, for the article's home country (places.tsv)
    ]
    for m in found:
        assert text[m.start : m.end] == m.text


def test_find_is_word_boundary_aware(coder: ActorCoder) -> None:
    assert [m.text for m in coder.find("USAID and the U.S.-led coalition in Nigeria, not Niger.")] == [
        "USAID",
        "U.S.",
        "Nigeria",
        "Niger",
    ]
    assert [m.name for m in coder.find("A New Jersey court and The Washington Post.")] == [
        "The Washington Post"
    ]


# ---- user data ---------------------------------------------------------------------------------
def test_user_files_extend_and_override(tmp_path: Path) -> None:
    d = tmp_path / "actors"
    d.mkdir()
    (d / "organizations.tsv").write_text("# a local group\nExample Front\tSYRREB\tEF\nthe Taliban\tAFGGOV\n")
    c = ActorCoder(extra_dirs=[tmp_path])
    assert c.code("Example Front") == "SYRREB"
    assert c.code("the Taliban") == "AFGGOV"


def test_bad_user_row_names_file_and_line(tmp_path: Path) -> None:
    d = tmp_path / "actors"
    d.mkdir()
    (d / "outlets.tsv").write_text("Example Daily\tZZZMED\n")
    with pytest.raises(LexiconError, match=r"outlets\.tsv:1: unknown country code 'ZZZ'"):
        ActorCoder(extra_dirs=[tmp_path])


# ---- a sector word that only says what kind a thing is, is no actor (thing_nouns.tsv) ----------
@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("the special military operation", None),
        ("military and economic assistance", None),
        ("military technology", None),
        ("rebel attacks", "REB"),  # an act: the sector word is who acts
        ("the Korean delegation", "KORGOV"),
        ("Russia's military assistance", "RUS"),
        ("the military", "MIL"),
        ("military officials", "MIL"),
        ("government forces", "MIL"),
        ("the military's operation", "MIL"),
    ],
)
def test_sector_word_modifying_a_thing(coder: ActorCoder, phrase: str, code: str | None) -> None:
    assert coder.code(phrase) == code


def test_a_regions_people_in_the_plural(coder: ActorCoder) -> None:
    assert coder.code("Many Southeast Asians") == "SEA"
    assert coder.code("Central Asians") == "CAS"
    assert coder.code("Asians") == "ASA"


# ---- where a person works, where a head is based ------------------------------------------------
@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("a professor at Harvard University", "USAEDU"),
        ("an analyst at the Brookings Institution", "USANGO"),
        ("a correspondent at the BBC", "GBRMED"),
        ("ambassador at the UN", "GOV"),  # a host, not an employer: whose ambassador is not said
        ("a Washington-based analyst", "USA"),
        ("a London-based rights group", "GBR"),
        ("Iranian-backed militias", "REB"),  # a patron is not the owner
        ("a Turkey-based Western diplomat", "WST"),  # an owner named beats where he is based
        # an employer we do not know by name is where the phrase places it
        ("a doctor at a small clinic in Aleppo", "SYRHLH"),
        ("an analyst at a think tank in Washington", "USA"),
        ("the ambassador at the UN in New York", "GOV"),  # the host again, wherever it sits
    ],
)
def test_employer_after_at_and_base_without_owner(coder: ActorCoder, phrase: str, code: str) -> None:
    assert coder.code(phrase) == code


def test_an_employer_is_not_the_named_actor_of_the_phrase(coder: ActorCoder) -> None:
    assert coder.kind("a professor at Harvard University") is None
    assert coder.canonical("a professor at Harvard University") is None
    assert coder.kind("Harvard University") == "organization"


# ---- "foreign leaders" are nobody's the phrase names, and not the home country's ------------------
@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("many foreign leaders", None),
        ("foreign troops", None),
        ("international journalists", None),
        ("the foreign minister", "GOV"),  # a portfolio: the home country's
        ("the foreign ministry", "GOV"),
        ("the foreign intelligence service", "SPY"),
        ("Russian foreign intelligence", "RUSSPY"),
    ],
)
def test_foreign_before_a_sector_word(coder: ActorCoder, phrase: str, code: str | None) -> None:
    assert coder.code(phrase) == code


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("a NATO member", None),
        ("an EU member state", None),
        ("member states of the EU", None),
        ("NATO member Turkey", "TUR"),
        ("NATO", "IGONAT"),
        ("the NATO Secretary General", "IGONAT"),
    ],
)
def test_a_member_of_an_organisation_is_not_the_organisation(
    coder: ActorCoder, phrase: str, code: str | None
) -> None:
    assert coder.code(phrase) == code


def test_find_skips_an_organisation_named_only_as_whose_member_acts(coder: ActorCoder) -> None:
    found = [(m.text, m.code) for m in coder.find("A NATO member shot down the jet, and NATO met.")]
    assert found == [("NATO", "IGONAT")]


def test_occupied_territory_is_coded_to_the_country_the_un_recognises(coder: ActorCoder) -> None:
    """Crimea and Donbas are Ukraine's (places.tsv); the separatist republics are rebels there;
    territory whose status the UN has not settled stays out of the places table."""
    assert coder.country_of("Crimea") == "UKR" and coder.kind("Crimea") == "place"
    assert coder.country_of("Donbass") == "UKR"
    assert coder.code("the Donetsk People's Republic") == "UKRREB"


def test_a_surname_after_a_sentence_initial_given_name_and_before_a_suffix_is_someone_else(
    coder: ActorCoder,
) -> None:
    """ "Tyrone Harris Sr. said": a generational suffix shows the capitalised word before the surname
    is a given name, though it starts the sentence ("Yesterday Putin said" stays Putin)."""
    assert coder.find("Tyrone Harris Sr. said he believed it.") == []
    assert [m.code for m in coder.find("Yesterday Putin said it.")] == ["RUSGOV"]
