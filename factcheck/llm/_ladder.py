"""The response-format fallback ladder, and which step each server needs.

Servers differ in how they constrain output. We try the strongest form first
and step down only when a server says, with a 400, that it does not support a
form; transient faults never move the ladder. The step a server needed is
remembered for the life of the process, keyed by base URL and model, so later
calls start where the last one ended.
"""

from __future__ import annotations

import json
import re
import threading
from typing import Any, Literal

Mode = Literal["json_schema_strict", "json_schema", "json_object", "text"]
LADDER: tuple[Mode, ...] = ("json_schema_strict", "json_schema", "json_object", "text")

# Words a 400 uses when it rejects a response format (OpenAI, vLLM, llama.cpp,
# Ollama, LM Studio and proxies word this differently; all name the feature).
_UNSUPPORTED_HINT = re.compile(
    r"response_format|json_schema|json_object|\bstrict\b|structured output|guided_json|grammar",
    re.IGNORECASE,
)
_SCHEMA_NAME_BAD_CHARS = re.compile(r"[^A-Za-z0-9_-]")


def schema_name_for_api(name: str) -> str:
    """The schema name as the API accepts it: ``[A-Za-z0-9_-]{1,64}``."""
    cleaned = _SCHEMA_NAME_BAD_CHARS.sub("_", name)[:64]
    return cleaned or "reply"


def response_format(mode: Mode, schema: dict[str, Any], schema_name: str) -> dict[str, Any] | None:
    """The ``response_format`` request field for ``mode`` (None: send none)."""
    if mode in ("json_schema_strict", "json_schema"):
        spec: dict[str, Any] = {"name": schema_name_for_api(schema_name), "schema": schema}
        if mode == "json_schema_strict":
            spec["strict"] = True
        return {"type": "json_schema", "json_schema": spec}
    if mode == "json_object":
        return {"type": "json_object"}
    return None


def schema_instructions(mode: Mode, schema: dict[str, Any]) -> str | None:
    """Text appended to the system message when the server cannot enforce the schema."""
    if mode in ("json_schema_strict", "json_schema"):
        return None
    schema_text = json.dumps(schema, indent=1, ensure_ascii=False)
    lines = [
        "Your reply must be one JSON object that satisfies this JSON Schema:",
        "<json_schema>",
        schema_text,
        "</json_schema>",
    ]
    if mode == "text":
        lines.append("Write only the JSON object, with no text before or after it.")
    return "\n".join(lines)


def with_schema_instructions(
    messages: list[dict[str, str]], mode: Mode, schema: dict[str, Any]
) -> list[dict[str, str]]:
    """A copy of ``messages`` carrying the schema in the system message when needed."""
    extra = schema_instructions(mode, schema)
    copied = [dict(m) for m in messages]
    if extra is None:
        return copied
    for message in copied:
        if message.get("role") in ("system", "developer"):
            message["content"] = f"{message.get('content', '')}\n\n{extra}"
            return copied
    return [{"role": "system", "content": extra}, *copied]


def is_unsupported_format_error(status: int, message: str) -> bool:
    """True when an HTTP error says the requested response format is unsupported."""
    return status in (400, 422) and bool(_UNSUPPORTED_HINT.search(message))


# Request parameters some servers or models reject: reasoning models take no
# temperature, and servers disagree on the name of the output limit.
ADAPTABLE_PARAMETERS = ("temperature", "max_completion_tokens", "max_tokens")
_PARAMETER_REJECTED = re.compile(
    r"unsupported|not supported|does not support|only the default|unrecognized|unknown"
    r"|not permitted|not allowed",
    re.IGNORECASE,
)


def rejected_parameter(status: int, message: str, param: str | None) -> str | None:
    """The adaptable request parameter a 400/422 rejects, if that is what it says."""
    if status not in (400, 422) or not _PARAMETER_REJECTED.search(message):
        return None
    if param in ADAPTABLE_PARAMETERS:
        return param
    found = [
        (m.start(), name)
        for name in ADAPTABLE_PARAMETERS
        if (m := re.search(rf"\b{name}\b", message)) is not None
    ]
    return min(found)[1] if found else None


def next_mode(mode: Mode) -> Mode | None:
    i = LADDER.index(mode)
    return LADDER[i + 1] if i + 1 < len(LADDER) else None


class LadderMemory:
    """Per (base URL, model): the lowest ladder step needed and the parameter
    adaptations made (``temperature`` dropped, the output-limit field renamed).
    Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._modes: dict[tuple[str, str], Mode] = {}
        self._adaptations: dict[tuple[str, str], dict[str, str | None]] = {}

    def adapt(self, base_url: str, model: str, name: str, value: str | None) -> None:
        with self._lock:
            self._adaptations.setdefault((base_url, model), {})[name] = value

    def adaptations(self, base_url: str, model: str) -> dict[str, str | None]:
        with self._lock:
            return dict(self._adaptations.get((base_url, model), {}))

    def get(self, base_url: str, model: str, default: Mode = "json_schema_strict") -> Mode:
        with self._lock:
            return self._modes.get((base_url, model), default)

    def lower_to(self, base_url: str, model: str, mode: Mode) -> None:
        """Remember ``mode`` unless an even lower step is already known."""
        key = (base_url, model)
        with self._lock:
            known = self._modes.get(key)
            if known is None or LADDER.index(mode) > LADDER.index(known):
                self._modes[key] = mode

    def forget(self) -> None:
        with self._lock:
            self._modes.clear()
            self._adaptations.clear()


# One per process: every model object talking to the same server shares it.
LADDER_MEMORY = LadderMemory()
