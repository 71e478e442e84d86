"""Digging JSON out of replies, and describing schema violations."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from factcheck.llm._replies import (
    _fast_accepts,
    _fast_validator,
    extract_json_object,
    first_balanced_object,
    parse_reply,
    schema_problems,
)
from factcheck.prompt_files import load_prompt

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


# --- the compiled fast path agrees with jsonschema ---------------------------

_SCHEMA_NAMES = ("single", "extract_section", "reduce")
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)


def _near_valid_claim() -> st.SearchStrategy[dict[str, Any]]:
    """Claims that are valid, or off by a field, a type or an enum value."""
    good = st.fixed_dictionaries(
        {
            "text": st.text(max_size=20),
            "quote": st.text(max_size=20),
            "category": st.sampled_from(["quantity", "event", "other", "opinion"]),
            "speaker": st.none() | st.text(max_size=8) | st.integers(),
            "stance": st.sampled_from(["asserted", "hedged", "denied", "maybe"]),
        }
    )
    return st.one_of(
        good,
        good.map(lambda c: {k: v for k, v in c.items() if k != "quote"}),
        st.tuples(good, st.text(max_size=5), _VALUES).map(lambda t: {**t[0], t[1]: t[2]}),
    )


@pytest.mark.parametrize("name", _SCHEMA_NAMES)
def test_the_shipped_schemas_compile_for_the_fast_path(name: str) -> None:
    schema = load_prompt(name).schema
    assert _fast_validator(json.dumps(schema, sort_keys=True)) is not None


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(_SCHEMA_NAMES),
    summary=st.text(max_size=20) | st.integers() | st.none(),
    claims=st.lists(_near_valid_claim(), max_size=3) | _VALUES,
    extra=st.none() | st.text(min_size=1, max_size=6),
)
def test_fast_path_and_jsonschema_agree(
    name: str, summary: object, claims: object, extra: str | None
) -> None:
    schema = load_prompt(name).schema
    key = "section_summary" if name == "extract_section" else "summary"
    data: dict[str, Any] = {key: summary}
    if name != "reduce":
        data["claims"] = claims
    if extra is not None:
        data[extra] = 1
    slow_verdict = Draft202012Validator(schema).is_valid(data)
    fast_verdict = _fast_accepts(data, json.dumps(schema, sort_keys=True))
    assert fast_verdict == slow_verdict
    assert (schema_problems(data, schema) is None) == slow_verdict


def test_values_the_fast_path_cannot_take_go_to_jsonschema() -> None:
    schema = {"type": "object", "properties": {"n": {"type": "integer"}}}
    huge = {"n": 10**400}
    assert schema_problems(huge, schema) is None  # jsonschema's verdict, whatever the fast path did
    assert schema_problems({"n": "x"}, schema) == "at n: 'x' is not of type 'integer'"
