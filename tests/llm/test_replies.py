"""Digging JSON out of replies, and describing schema violations."""

from __future__ import annotations

from typing import Any

import pytest

from factcheck.llm import extract_json_object, schema_problems
from factcheck.llm._replies import first_balanced_object, parse_reply

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "summary": {"type": "string"},
        "claims": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"stance": {"type": "string", "enum": ["asserted", "denied"]}},
                "required": ["stance"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["summary", "claims"],
    "additionalProperties": False,
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1}', {"a": 1}),
        ('  \n{"a": 1}\n', {"a": 1}),
        ('Here you go:\n```json\n{"a": "x"}\n```\nAnything else?', {"a": "x"}),
        ('```\n{"a": 2}\n```', {"a": 2}),
        # A brace inside a string must not end the object early.
        (
            'Result: {"a": "close } brace", "b": {"c": 3}} trailing {',
            {"a": "close } brace", "b": {"c": 3}},
        ),
        # An escaped quote inside a string keeps the scanner in the string.
        ('x {"a": "say \\"}\\" now"} y', {"a": 'say "}" now'}),
        # The first balanced candidate is not JSON; the next one is.
        ('{not json} then {"ok": true}', {"ok": True}),
        ("[1, 2, 3]", None),
        ("no json here", None),
        ('{"unterminated": "yes"', None),
    ],
)
def test_extract_json_object(text: str, expected: dict[str, Any] | None) -> None:
    assert extract_json_object(text) == expected


def test_first_balanced_object_skips_to_a_later_start() -> None:
    assert first_balanced_object("{ { }") == "{ }"
    assert first_balanced_object("}}}") is None


def test_schema_problems_names_the_path() -> None:
    data = {"summary": "s", "claims": [{"stance": "asserted"}, {"stance": "maybe"}]}
    problem = schema_problems(data, SCHEMA)
    assert problem == "at claims/1/stance: 'maybe' is not one of ['asserted', 'denied']"


def test_schema_problems_counts_the_rest() -> None:
    data = {"claims": [{"stance": 1}, {"stance": 2}, {"stance": 3}, {"stance": 4}], "x": 0}
    # 10 errors: "x" not allowed, "summary" missing, and per claim both "not one of"
    # and "not of type"; three are shown.
    problem = schema_problems(data, SCHEMA)
    assert problem is not None
    assert problem.count("at ") == 3
    assert problem.endswith("and 7 more error(s)")


def test_valid_data_has_no_problems() -> None:
    assert schema_problems({"summary": "s", "claims": []}, SCHEMA) is None


def test_parse_reply_outcomes() -> None:
    assert parse_reply('{"summary": "s", "claims": []}', SCHEMA).data == {
        "summary": "s",
        "claims": [],
    }
    not_json = parse_reply("I cannot do that", SCHEMA)
    assert not_json.data is None
    assert not_json.problem == "the reply is not a JSON object"
    wrong = parse_reply('{"summary": 3, "claims": []}', SCHEMA)
    assert (
        wrong.problem
        == "the JSON does not satisfy the schema: at summary: 3 is not of type 'string'"
    )
