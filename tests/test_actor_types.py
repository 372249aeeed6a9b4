"""Sector words for religious bodies, the press and armed units, and type nouns after a name."""

from __future__ import annotations

import pytest

from claimgraph.actors import ActorCoder, default_coder


@pytest.fixture(scope="module")
def coder() -> ActorCoder:
    return default_coder()


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("the Spanish Episcopal Conference", "ESPREL"),
        ("the secretary general of the bishops' conference", "REL"),
        ("an Israeli rabbi", "ISRREL"),
        ("the satirical magazine", "MED"),
        ("a Cairo blogger", "EGYMED"),
        ("the military junta", "MIL"),
        ("two Ukrainian battalions", "UKRMIL"),
    ],
)
def test_sector_words(coder: ActorCoder, phrase: str, code: str) -> None:
    assert coder.code(phrase) == code


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("the XYZ party", "PTY"),  # a party's initials: a bare sector, placed in the home country
        ("the Green Party", "PTY"),
        ("the Cambodia National Rescue Party", "KHMPTY"),
        ("the parties to the conflict", None),  # its sides, not political parties
        ("Both parties", None),
        ("the party", None),
    ],
)
def test_type_noun_after_a_name(coder: ActorCoder, phrase: str, code: str | None) -> None:
    assert coder.code(phrase) == code


def test_demonym_party_is_a_side(coder: ActorCoder) -> None:
    # "the Russian party" of a readout is the Russian side: its country, no party sector
    assert coder.code("the Russian party") == "RUS"


def _found(coder: ActorCoder, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.code) for m in coder.find(text)]


def test_initials_defined_in_brackets_stand_for_the_body(coder: ActorCoder) -> None:
    text = "The Spanish Episcopal Conference (SEC) met. Later the SEC said it would appeal."
    assert _found(coder, text)[1:] == [("SEC", "ESPREL"), ("SEC", "ESPREL")]
    text = "The head of SEC (Spanish Episcopal Conference) spoke; SEC then appealed."
    assert [m for m in _found(coder, text) if m[0] == "SEC"] == [("SEC", "ESPREL"), ("SEC", "ESPREL")]


def test_initials_of_unknown_names_or_people_stay_unknown(coder: ActorCoder) -> None:
    assert _found(coder, "The Union of Free Thinkers (UFT) said the UFT would sue.") == []
    # a person's brackets hold their party or state, not a name for them
    assert ("XYZ", "USAGOV") not in _found(coder, "Joe Biden (XYZ) spoke, and XYZ agreed.")


def test_initials_take_the_name_they_spell(coder: ActorCoder) -> None:
    # the initials spell the end of the run of name words, not the partner named before it
    text = "Gazprom and Spanish Episcopal Conference (SEC) signed. SEC agreed."
    assert _found(coder, text)[-1] == ("SEC", "ESPREL")
    # letters the name does not spell teach nothing ("al-Qaeda in Iraq (AQI)" is not Iraq)
    assert ("QXZ", "IRQ") not in _found(coder, "Fighters of Iraq (QXZ) attacked; QXZ fled.")
