"""The dateline that opens a news report, and the place it names."""

from __future__ import annotations

import pytest

from factcheck.facts.datelines import DATELINE, dateline_place


@pytest.mark.parametrize(
    ("body", "place"),
    [
        ("TESSEL — The bridge will close.", "TESSEL"),
        ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON"),
        ("OSLO/CHICAGO (Wire) — Shares fell.", "OSLO/CHICAGO"),
        ("ALVERN, 4 March 2025 — A court ruled.", "ALVERN"),
        ("NEW YORK -- Prices rose.", "NEW YORK"),
        ("  PORTHCADDON – Rain fell.", "PORTHCADDON"),
    ],
)
def test_a_dateline_gives_its_place(body: str, place: str) -> None:
    assert dateline_place(body) == place


@pytest.mark.parametrize(
    "body",
    [
        "The council met on Tuesday — and voted.",  # no capitals: no dateline
        "Tessel — the bridge will close.",  # a name in title case is a sentence
        "UN officials said the talks would resume.",  # capitals, but no dash
        "",
    ],
)
def test_no_dateline_gives_no_place(body: str) -> None:
    assert dateline_place(body) is None


def test_the_pattern_ends_where_the_report_begins() -> None:
    found = DATELINE.match("LYON — The prize was awarded.")
    assert found is not None
    assert "LYON — The prize was awarded."[found.end() :] == "The prize was awarded."
