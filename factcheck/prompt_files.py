"""Prompts and the JSON Schemas their replies must satisfy, loaded from files.

Each prompt is a pair of files in the prompts directory: ``NAME.md`` (front
matter with a ``version``, then a ``[system]`` part and a ``[user]`` template)
and ``NAME.schema.json``. The version goes into every result and cache key, so
any change to a prompt or its schema must bump it.

Where the files are: an installed wheel carries them as ``factcheck/prompts/``;
a source checkout (or editable install) has them in the top-level ``prompts/``
beside the package. Both are searched, in that order.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.errors import PromptFormatError, PromptNotFoundError

if TYPE_CHECKING:
    from factcheck.llm import JsonRequest

PROMPT_NAMES = ("extract_section", "reduce", "single")

# Tags that delimit data inside our prompts. The same tags inside a variable's
# value are neutralised so an article cannot close the block it travels in and
# smuggle text out of it.
_DELIMITER_TAG = re.compile(
    r"<\s*(/?)\s*(article|section_summaries|statements|example_article|example_section_summaries)\s*>",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_PART_MARKER = re.compile(r"^\[(system|user)\][ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Prompt:
    """One prompt: a system message, a user template and the schema of the reply."""

    name: str
    version: str
    system: str
    user_template: str
    schema: dict[str, Any]

    @property
    def variables(self) -> frozenset[str]:
        """The names the user template needs."""
        return frozenset(_PLACEHOLDER.findall(self.user_template))

    def render(self, **variables: object) -> list[dict[str, str]]:
        """The chat messages for these variables.

        Strings are inserted as given except that our delimiter tags inside
        them become ``[article]``-style brackets; a list or tuple of strings
        becomes numbered lines (``[1] ...``); None becomes ``(none given)``.
        Extra variables are ignored, so callers may pass one common set.
        """
        missing = sorted(self.variables - variables.keys())
        if missing:
            raise TypeError(f"prompt {self.name!r} needs variables: {', '.join(missing)}")

        def substitute(match: re.Match[str]) -> str:
            return _format_value(variables[match.group(1)])

        return [
            {"role": "system", "content": self.system},
            {"role": "user", "content": _PLACEHOLDER.sub(substitute, self.user_template)},
        ]

    def to_request(
        self,
        *,
        max_output_tokens: int | None = None,
        temperature: float = 0.0,
        label: str = "",
        **variables: object,
    ) -> JsonRequest:
        """A ready :class:`~factcheck.llm.JsonRequest` for this prompt."""
        from factcheck.llm import JsonRequest

        return JsonRequest(
            messages=self.render(**variables),
            schema=self.schema,
            schema_name=self.name,
            prompt_version=self.version,
            max_output_tokens=max_output_tokens,
            temperature=temperature,
            label=label or self.name,
        )


def _neutralise(text: str) -> str:
    return _DELIMITER_TAG.sub(lambda m: f"[{m.group(1)}{m.group(2)}]", text)


def _format_value(value: object) -> str:
    if value is None:
        return "(none given)"
    if isinstance(value, str):
        return _neutralise(value)
    if isinstance(value, Sequence):
        return "\n".join(f"[{i}] {_neutralise(str(item))}" for i, item in enumerate(value, 1))
    return _neutralise(str(value))


def prompts_dir() -> Path:
    """The directory the shipped prompts are read from."""
    package_dir = Path(__file__).resolve().parent
    candidates = (package_dir / "prompts", package_dir.parent / "prompts")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise PromptNotFoundError(
        "prompt files not found; looked in " + " and ".join(str(c) for c in candidates)
    )


def _parse_front_matter(text: str, path: Path) -> tuple[dict[str, str], str]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise PromptFormatError(f"{path}: a prompt file starts with a '---' front matter block")
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[1:], 1):
        if line.strip() == "---":
            return meta, "\n".join(lines[i + 1 :])
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip()] = value.strip()
    raise PromptFormatError(f"{path}: the front matter block is never closed")


def parse_prompt_file(name: str, text: str, schema: Mapping[str, Any], path: Path) -> Prompt:
    """Build a :class:`Prompt` from the text of ``NAME.md`` and its parsed schema."""
    meta, body = _parse_front_matter(text.replace("\r\n", "\n"), path)
    version = meta.get("version", "")
    if not version:
        raise PromptFormatError(f"{path}: the front matter has no 'version'")
    parts = _PART_MARKER.split(body)
    # split() with one group gives [preamble, "system", text, "user", text].
    if len(parts) != 5 or parts[1] != "system" or parts[3] != "user":
        raise PromptFormatError(f"{path}: expected a [system] part followed by a [user] part")
    return Prompt(
        name=name,
        version=version,
        system=parts[2].strip("\n"),
        user_template=parts[4].strip("\n"),
        schema=dict(schema),
    )


@cache
def load_prompt(name: str, directory: str | os.PathLike[str] | None = None) -> Prompt:
    """Load prompt ``name`` (and its schema) from ``directory`` or the shipped prompts."""
    base = Path(directory) if directory is not None else prompts_dir()
    prompt_path = base / f"{name}.md"
    schema_path = base / f"{name}.schema.json"
    if not prompt_path.is_file() or not schema_path.is_file():
        raise PromptNotFoundError(
            f"prompt {name!r} not found: need {prompt_path.name} and {schema_path.name} in {base}"
        )
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    if not isinstance(schema, dict) or schema.get("type") != "object":
        raise PromptFormatError(f"{schema_path}: the schema root must be an object schema")
    return parse_prompt_file(name, prompt_path.read_text(encoding="utf-8"), schema, prompt_path)
