"""Every shipped schema obeys OpenAI strict structured-output rules."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from factcheck.prompt_files import PROMPT_NAMES, load_prompt, prompts_dir
from factcheck.result import CATEGORIES, STANCES

ALLOWED_KEYWORDS = frozenset(
    {
        "type",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "enum",
        "description",
        "title",
        "anyOf",
        "const",
        "$defs",
        "$ref",
        # Bounds OpenAI's strict mode enforces; the judge pins its verdict count with them.
        "minItems",
        "maxItems",
        "minimum",
        "maximum",
    }
)
# Every shipped schema: the extraction prompts and the judge's.
SHIPPED = (*PROMPT_NAMES, "judge")
JSON_TYPES = frozenset({"string", "number", "integer", "boolean", "object", "array", "null"})
PY_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "number": (int, float),
    "integer": (int,),
    "boolean": (bool,),
    "null": (type(None),),
}


def strict_mode_problems(schema: dict[str, Any]) -> list[str]:
    """Every way ``schema`` breaks the strict-mode rules, as readable strings."""
    problems: list[str] = []
    if schema.get("type") != "object" or "anyOf" in schema:
        problems.append("(root): must be a plain object schema")
    defs = schema.get("$defs", {})

    def walk(node: Any, where: str, depth: int) -> None:
        if not isinstance(node, dict):
            problems.append(f"{where}: a schema must be an object")
            return
        for keyword in node:
            if keyword not in ALLOWED_KEYWORDS:
                problems.append(f"{where}: unsupported keyword {keyword!r}")
        if "$defs" in node and where != "(root)":
            problems.append(f"{where}: $defs only at the root")
        if "$ref" in node:
            ref = node["$ref"]
            target = ref.removeprefix("#/$defs/") if isinstance(ref, str) else ""
            if not isinstance(ref, str) or target == ref or target not in defs:
                problems.append(f"{where}: $ref {ref!r} does not name a $defs entry")
            return
        if "anyOf" in node:
            for i, branch in enumerate(node["anyOf"]):
                walk(branch, f"{where}/anyOf/{i}", depth)
            return
        declared = node.get("type")
        types = declared if isinstance(declared, list) else [declared]
        if not types or any(t not in JSON_TYPES for t in types):
            problems.append(f"{where}: type {declared!r} is not a JSON type (or list of them)")
        if "enum" in node:
            for value in node["enum"]:
                if not any(isinstance(value, PY_TYPES.get(str(t), ())) for t in types):
                    problems.append(f"{where}: enum value {value!r} does not match {declared!r}")
        if "object" in types:
            if depth > 5:
                problems.append(f"{where}: nested deeper than 5 object levels")
            props = node.get("properties", {})
            if node.get("additionalProperties") is not False:
                problems.append(f"{where}: additionalProperties must be false")
            if sorted(node.get("required", [])) != sorted(props):
                problems.append(f"{where}: every property must be required")
            for key, sub in props.items():
                walk(sub, f"{where}/{key}", depth + 1)
        if "array" in types:
            if "items" not in node:
                problems.append(f"{where}: an array needs items")
            else:
                walk(node["items"], f"{where}/items", depth)

    walk(schema, "(root)", 1)
    for name, sub in defs.items():
        walk(sub, f"$defs/{name}", 2)
    return problems


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_schema_is_strict_mode_clean(name: str) -> None:
    schema = load_prompt(name).schema
    Draft202012Validator.check_schema(schema)
    assert strict_mode_problems(schema) == []


def test_every_schema_file_in_the_directory_is_linted() -> None:
    shipped = sorted(
        p.name.removesuffix(".schema.json") for p in prompts_dir().glob("*.schema.json")
    )
    assert shipped == sorted(SHIPPED)


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "array", "items": {"type": "string"}}, "(root): must be a plain object schema"),
        (
            {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]},
            "(root): additionalProperties must be false",
        ),
        (
            {
                "type": "object",
                "properties": {"a": {"type": "string"}, "b": {"type": ["string", "null"]}},
                "required": ["a"],
                "additionalProperties": False,
            },
            "(root): every property must be required",
        ),
        (
            {
                "type": "object",
                "properties": {"a": {"type": "string", "minLength": 3}},
                "required": ["a"],
                "additionalProperties": False,
            },
            "(root)/a: unsupported keyword 'minLength'",
        ),
        (
            {
                "type": "object",
                "properties": {"a": {"type": "array", "items": {"type": "object"}}},
                "required": ["a"],
                "additionalProperties": False,
            },
            "(root)/a/items: additionalProperties must be false",
        ),
        (
            {
                "type": "object",
                "properties": {"a": {"type": "string", "enum": ["x", 3]}},
                "required": ["a"],
                "additionalProperties": False,
            },
            "(root)/a: enum value 3 does not match 'string'",
        ),
        (
            {
                "type": "object",
                "properties": {"a": {"$ref": "#/$defs/missing"}},
                "required": ["a"],
                "additionalProperties": False,
            },
            "(root)/a: $ref '#/$defs/missing' does not name a $defs entry",
        ),
    ],
)
def test_linter_catches_each_rule(schema: dict[str, Any], expected: str) -> None:
    assert expected in strict_mode_problems(schema)


def _claim_schema(name: str) -> dict[str, Any]:
    claim = load_prompt(name).schema["properties"]["claims"]["items"]
    assert isinstance(claim, dict)
    return claim


def test_claim_schema_matches_the_result_vocabulary() -> None:
    for name in ("extract_section", "single"):
        claim = _claim_schema(name)
        assert list(claim["properties"]) == ["text", "quote", "category", "speaker", "stance"]
        assert tuple(claim["properties"]["category"]["enum"]) == CATEGORIES
        assert tuple(claim["properties"]["stance"]["enum"]) == STANCES
        assert claim["properties"]["speaker"]["type"] == ["string", "null"]


def test_extract_and_single_share_one_claim_definition() -> None:
    extract = _claim_schema("extract_section")
    single = _claim_schema("single")
    assert json.dumps(extract, sort_keys=True) == json.dumps(single, sort_keys=True)


def test_reply_fields_are_the_ones_the_pipeline_reads() -> None:
    fields = {name: load_prompt(name).schema["required"] for name in PROMPT_NAMES}
    assert fields == {
        "extract_section": ["section_summary", "claims"],
        "reduce": ["summary"],
        "single": ["summary", "claims"],
    }
