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
