"""Turning a reply's text into a validated JSON object, or saying what is wrong."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

_FENCE = re.compile(r"```(?:json|JSON)?[ \t]*\n(.*?)```", re.DOTALL)
_MAX_ERRORS = 3


@dataclass(frozen=True)
class ParsedReply:
    """Either ``data`` (valid) or ``problem`` (what to tell the model on a re-ask)."""

    data: dict[str, Any] | None
    problem: str | None


def _balanced_end(text: str, start: int) -> int | None:
    """Index just past the ``}`` that closes the ``{`` at ``start``, ignoring strings."""
    depth = 0
    in_string = False
    escaped = False
    for i in range(start, len(text)):
        ch = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def balanced_objects(text: str, limit: int = 20) -> list[str]:
    """The top-level ``{...}`` spans of ``text`` whose braces balance, in order."""
    found: list[str] = []
    start = text.find("{")
    while start != -1 and len(found) < limit:
        end = _balanced_end(text, start)
        if end is None:
            start = text.find("{", start + 1)
            continue
        found.append(text[start:end])
        start = text.find("{", end)
    return found


def first_balanced_object(text: str) -> str | None:
    """The first ``{...}`` in ``text`` whose braces balance, ignoring braces in strings."""
    objects = balanced_objects(text, limit=1)
    return objects[0] if objects else None


def _candidates(text: str) -> Iterator[str]:
    """Texts that might hold the JSON object, most likely first, found only as needed."""
    yield text.strip()
    for m in _FENCE.finditer(text):
        yield m.group(1).strip()
    yield from balanced_objects(text)


def extract_json_object(text: str) -> dict[str, Any] | None:
    """The JSON object in a reply: the whole text, a fenced block, or the first object."""
    for candidate in _candidates(text):
        try:
            value = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    return None


@lru_cache(maxsize=64)
def _validator(schema_json: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_json))


@lru_cache(maxsize=64)
def _fast_validator(schema_json: str) -> jsonschema_rs.Draft202012Validator | None:
    try:
        return jsonschema_rs.Draft202012Validator(
            json.loads(schema_json), validate_formats=False, offline=True
        )
    except Exception:  # a schema it cannot compile: jsonschema alone decides
        return None


def _fast_accepts(data: Any, schema_json: str) -> bool:
    """True when the compiled validator accepts ``data``; False means "ask jsonschema"."""
    fast = _fast_validator(schema_json)
    if fast is None:
        return False
    try:
        return fast.is_valid(data)
    except Exception:  # a value it cannot represent (a huge integer, say)
        return False


def schema_problems(data: Any, schema: dict[str, Any]) -> str | None:
    """A short description of how ``data`` violates ``schema`` (None: it does not).

    Every reply of a batch is validated on the event loop that sends the
    requests, so the common case, a valid reply, goes through jsonschema-rs
    (compiled; a few microseconds instead of a few hundred). jsonschema has
    the last word on anything that fast path does not accept, and writes the
    messages a re-ask quotes.
    """
    schema_json = json.dumps(schema, sort_keys=True)
    if _fast_accepts(data, schema_json):
        return None
    errors = list(_validator(schema_json).iter_errors(data))
    if not errors:
        return None
    ordered = [best_match(errors)] + [e for e in errors if e is not best_match(errors)]
    parts = []
    for error in ordered[:_MAX_ERRORS]:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        parts.append(f"at {where}: {error.message}")
    more = len(errors) - _MAX_ERRORS
    if more > 0:
        parts.append(f"and {more} more error(s)")
    return "; ".join(parts)


def parse_reply(text: str, schema: dict[str, Any]) -> ParsedReply:
    data = extract_json_object(text)
    if data is None:
        return ParsedReply(None, "the reply is not a JSON object")
    problem = schema_problems(data, schema)
    if problem is not None:
        return ParsedReply(None, f"the JSON does not satisfy the schema: {problem}")
    return ParsedReply(data, None)


def reask_messages(bad_reply: str, problem: str) -> list[dict[str, str]]:
    """The two messages appended to the conversation to ask for a corrected reply."""
    return [
        {"role": "assistant", "content": bad_reply},
        {
            "role": "user",
            "content": (
                f"That reply cannot be used: {problem}. Reply again with only one JSON object "
                "that satisfies the schema, keeping the same task and rules."
            ),
        },
    ]
