"""Which sources' uncoded claims are kept: a named person the resolver could only place in a country
(no title, no sector) is a private person, whose opinion is no political claim."""

from __future__ import annotations

import pytest

from claimgraph.model import Source
from claimgraph.pipeline import political_source


@pytest.mark.parametrize(
    ("source", "political"),
    [
        # a passer-by quoted by name only: the country alone does not make the speaker political
        (Source(text="Amina Otieno", name="Amina Otieno", kind="person", actor="KEN"), False),
        (Source(text="Otieno", name="Amina Otieno", kind="person", actor="KEN"), False),
        (Source(text="she", name="Amina Otieno", kind="person", actor="KEN"), False),
        # a sector, a role, or a title in the mention the role finder could not read: a public role
        (Source(text="Amina Otieno", name="Amina Otieno", kind="person", actor="KENGOV"), True),
        (Source(text="Otieno", name="Amina Otieno", kind="person", role="minister", actor="KEN"), True),
        (
            Source(
                text="Lakeside College Professor Amina Otieno",
                name="Amina Otieno",
                kind="person",
                actor="KEN",
            ),
            True,
        ),
        (
            Source(text="Amina Otieno, former deputy mayor", name="Amina Otieno", kind="person", actor="KEN"),
            True,
        ),
        # a country speaking is political by itself
        (Source(text="Kenya", name="Kenya", kind="country", actor="KEN"), True),
    ],
)
def test_private_person_is_no_political_source(source: Source, political: bool) -> None:
    assert political_source(source) is political
