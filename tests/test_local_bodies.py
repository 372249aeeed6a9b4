"""Local governments: a place inside a country with a body word is that country's government."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.actors import ActorCoder, default_coder
from claimgraph.errors import LexiconError


@pytest.fixture(scope="module")
def coder() -> ActorCoder:
    return default_coder()


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("the Municipality of Livorno", "ITAGOV"),  # a subdivision pycountry gives to Italy alone
        ("the State of Missouri", "USAGOV"),  # a place of places.tsv
        ("the Government of Ontario", "CANGOV"),
        ("the Lombardia regional council", "ITAGOV"),
        ("the Missouri state government", "USAGOV"),
        ("the Missouri City Council", "USAGOV"),
        # a known-place body is weaker than a sector word of its own: the city's police
        ("the City of St. Louis Police", "USACOP"),
        # a bare region or province is a place, not its government
        ("the Kharkiv region", "UKR"),
        # an unknown place leaves the body word, a sector the callers place in the home country
        ("the Municipality of Nowhereville", "GOV"),
    ],
)
def test_local_body_codes_as_its_country(coder: ActorCoder, phrase: str, code: str) -> None:
    assert coder.code(phrase) == code


def test_lower_case_city_of_is_the_place(coder: ActorCoder) -> None:
    # "the city of Kharkiv" is where something happens, not the city's government
    assert [(m.text, m.kind) for m in coder.find("Shells hit the city of Kharkiv.")] == [("Kharkiv", "place")]


def test_found_local_body_is_an_authority(coder: ActorCoder) -> None:
    text = "The Municipality of Livorno asked the schools to pay, and the Lombardia regional council agreed."
    got = [(m.text, m.code, m.kind) for m in coder.find(text)]
    assert got == [
        ("Municipality of Livorno", "ITAGOV", "authority"),
        ("Lombardia regional council", "ITAGOV", "authority"),
    ]


def test_subdivision_name_alone_is_no_actor(coder: ActorCoder) -> None:
    # pycountry's subdivision names only count beside a body word: many are common words
    assert coder.find("Livorno won the match.") == []


def test_bad_position_is_reported(tmp_path: Path) -> None:
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "local_bodies.tsv").write_text("township\tbefore\tGOV\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="position"):
        ActorCoder(extra_dirs=[tmp_path])


def test_body_inside_a_longer_name_is_a_place(coder: ActorCoder) -> None:
    # "the Old City of Mosul" is a quarter of the city, not its government
    assert [(m.text, m.kind) for m in coder.find("Fighters held the Old City of Mosul.")] == [
        ("Mosul", "place")
    ]
