"""A body's name that goes on with "for" ("Department for Education") is one name."""

from __future__ import annotations

import pytest

from factcheck.facts.names import _FOR_BODIES, find_names

# Written out by hand, not read from the table under test.
BODIES = """
department ministry office institute institution commission committee campaign centre
center council society association alliance foundation trust fund agency federation
coalition school college academy hospital movement network board authority service
""".split()


def test_the_table_is_the_expected_one() -> None:
    assert sorted(_FOR_BODIES) == sorted(BODIES)


@pytest.mark.parametrize("body", BODIES)
def test_each_body_joins_the_words_after_for(body: str) -> None:
    name = f"{body.capitalize()} for Fiscal Studies"
    assert find_names(f"A spokeswoman for the {name} said no.") == [name]
    # The possessive closes the name as before.
    assert find_names(f"The {name}'s report was late.") == [name]


def test_for_still_parts_two_names_elsewhere() -> None:
    assert find_names("He left Arsenal for Chelsea in May.") == ["Arsenal", "Chelsea"]
    assert find_names("The Commissioner for Wales spoke.") == ["Wales"]  # a title, not a body
    # "for" before a word in lower case joins nothing.
    assert find_names("They met the Trust for sure.") == ["Trust"]
    assert find_names("A Department for Education spokeswoman said no.") == [
        "Department for Education"
    ]
