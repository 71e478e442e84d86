"""Small scorers over plain result data (the ``Result.to_dict()`` shape).

Each takes lists and strings, not our classes, so any system's output can be
scored. Rates over an empty list are 0.0: an answer with no claims earns no
grounding and no schema validity (its recall already fails it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, cast

import jsonschema

from factcheck.evals.gold import KeyPoint
from factcheck.evals.key_facts import ParsedText, term_present
from factcheck.evals.text_match import contains_substring, word_count

USAGE_FIELDS = (
    "prompt_tokens",
    "completion_tokens",
    "total_tokens",
    "requests",
    "cost_usd",
    "latency_s",
)


def _claims(claims: Any) -> list[Any]:
    return list(claims) if isinstance(claims, Sequence) and not isinstance(claims, str) else []


def grounding_rate(claims: Sequence[Mapping[str, Any]]) -> float:
    """Share of predicted claims whose ``status`` is ``"supported"``."""
    items = _claims(claims)
    if not items:
        return 0.0
    supported = sum(1 for c in items if isinstance(c, Mapping) and c.get("status") == "supported")
    return supported / len(items)


@dataclass(frozen=True)
class FlaggedSentence:
    text: str
    status: str
    problems: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "status": self.status, "problems": list(self.problems)}


def unsupported_summary_sentences(
    summary_checks: Sequence[Mapping[str, Any]],
) -> list[FlaggedSentence]:
    """Summary sentences the result itself marked ``"unsupported"`` or ``"contradicted"``."""
    out = []
    for check in _claims(summary_checks):
        status = check.get("status") if isinstance(check, Mapping) else None
        if isinstance(check, Mapping) and status in ("unsupported", "contradicted"):
            problems = check.get("problems") or ()
            out.append(
                FlaggedSentence(
                    text=str(check.get("text", "")),
                    status=str(status),
                    problems=tuple(str(p) for p in problems),
                )
            )
    return out


@dataclass(frozen=True)
class KeyPointResult:
    label: str
    covered: bool
    missing_groups: tuple[tuple[str, ...], ...]  # groups of which no term was found

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "covered": self.covered,
            "missing_groups": [list(group) for group in self.missing_groups],
        }


def key_point_results(points: Sequence[KeyPoint], summary: str) -> list[KeyPointResult]:
    """For each key point, whether ``summary`` covers it and which term groups it lacks."""
    parsed = ParsedText(summary)
    out = []
    for point in points:
        missing = tuple(
            group for group in point.terms if not any(term_present(t, parsed) for t in group)
        )
        out.append(KeyPointResult(point.label, not missing, missing))
    return out


def key_point_coverage(points: Sequence[KeyPoint], summary: str) -> float:
    """Share of key points covered (1.0 when the gold lists none)."""
    if not points:
        return 1.0
    results = key_point_results(points, summary)
    return sum(r.covered for r in results) / len(results)


@dataclass(frozen=True)
class ForbiddenHit:
    string: str
    where: str  # "summary", "claims[2].text", "claims[2].quote"

    def to_dict(self) -> dict[str, Any]:
        return {"string": self.string, "where": self.where}


def forbidden_hits(
    forbidden: Sequence[str], summary: str, claims: Sequence[Mapping[str, Any]]
) -> list[ForbiddenHit]:
    """Every place a forbidden string appears (folded substring, no word boundaries)."""
    fields: list[tuple[str, str]] = [("summary", summary)]
    for index, claim in enumerate(_claims(claims)):
        if isinstance(claim, str):
            fields.append((f"claims[{index}]", claim))
            continue
        if not isinstance(claim, Mapping):
            continue
        for key in ("text", "quote"):
            value = claim.get(key)
            if isinstance(value, str):
                fields.append((f"claims[{index}].{key}", value))
    return [
        ForbiddenHit(string, where)
        for string in forbidden
        for where, text in fields
        if contains_substring(text, string)
    ]


@cache
def claim_schema() -> dict[str, Any]:
    """The JSON Schema a predicted claim must satisfy (the result's claim shape)."""
    text = resources.files("factcheck.evals").joinpath("schemas/claim.schema.json").read_text()
    return cast(dict[str, Any], json.loads(text))


def schema_errors(
    claims: Sequence[Any], schema: Mapping[str, Any] | None = None
) -> list[tuple[int, str]]:
    """``(index, first error)`` for each claim that does not validate against ``schema``."""
    validator = jsonschema.Draft202012Validator(claim_schema() if schema is None else schema)
    out = []
    for index, claim in enumerate(_claims(claims)):
        error = jsonschema.exceptions.best_match(validator.iter_errors(claim))
        if error is not None:
            where = "".join(f"[{p!r}]" for p in error.absolute_path)
            out.append((index, f"{where}: {error.message}" if where else error.message))
    return out


def schema_validity_rate(claims: Sequence[Any], schema: Mapping[str, Any] | None = None) -> float:
    """Share of claims that validate against ``schema`` (default: ``claim_schema()``)."""
    items = _claims(claims)
    if not items:
        return 0.0
    return 1 - len(schema_errors(items, schema)) / len(items)


def summary_words(summary: str) -> int:
    return word_count(summary)


def usage_metrics(usage: Any) -> dict[str, float]:
    """Tokens, requests, cost and latency from a result's ``usage`` (absent values left out)."""
    if not isinstance(usage, Mapping):
        return {}
    out = {}
    for name in USAGE_FIELDS:
        value = usage.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out[name] = float(value)
    if "total_tokens" not in out and {"prompt_tokens", "completion_tokens"} <= out.keys():
        out["total_tokens"] = out["prompt_tokens"] + out["completion_tokens"]
    return out
