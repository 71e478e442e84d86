"""The fake server's "model": schema-valid JSON made from the text in the prompt.

It reads the schema from ``response_format`` (json_schema modes) or from the
``<json_schema>`` block the client puts in the prompt (json_object and text
modes), and the data from the last ``<article>`` or ``<section_summaries>``
block. Claims are the sentences that contain a digit, each quoted verbatim;
summaries are the first sentences. Any schema gets a valid instance: fields it
does not recognise get empty values of the right type.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from factcheck.sentences import sentence_spans

_BLOCK = {
    "article": re.compile(r"<article>\n?(.*?)\n?</article>", re.DOTALL),
    "summaries": re.compile(r"<section_summaries>\n?(.*?)\n?</section_summaries>", re.DOTALL),
}
_SCHEMA_BLOCK = re.compile(r"<json_schema>\s*(.*?)\s*</json_schema>", re.DOTALL)
_NUMBERED = re.compile(r"^\[\d+\]\s*", re.MULTILINE)
_DIGIT = re.compile(r"\d")
_MAX_CLAIMS = 12


@dataclass(frozen=True)
class _Source:
    text: str
    sentences: list[str]
    claim_sentences: list[str]
    summary: str


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def read_source(messages: list[dict[str, Any]]) -> _Source:
    """The data the prompt carries, from the newest user message holding a block."""
    for message in reversed(messages):
        content = message.get("content")
        if message.get("role") != "user" or not isinstance(content, str):
            continue
        article = _BLOCK["article"].findall(content)
        if article:
            text = article[-1]
            sentences = _sentences(text)
            claims = [s for s in sentences if _DIGIT.search(s)][:_MAX_CLAIMS]
            return _Source(text, sentences, claims, " ".join(sentences[:2]))
        summaries = _BLOCK["summaries"].findall(content)
        if summaries:
            items = [line for line in _NUMBERED.split(summaries[-1]) if line.strip()]
            firsts = [(_sentences(item.strip()) or [item.strip()])[0] for item in items]
            return _Source(summaries[-1], firsts, [], " ".join(firsts))
    return _Source("", [], [], "")


def find_schema(body: dict[str, Any]) -> dict[str, Any] | None:
    fmt = body.get("response_format")
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
        spec = fmt.get("json_schema")
        if isinstance(spec, dict) and isinstance(spec.get("schema"), dict):
            return dict(spec["schema"])
    for message in body.get("messages", []):
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, str):
            match = _SCHEMA_BLOCK.search(content)
            if match:
                try:
                    found = json.loads(match.group(1))
                except ValueError:
                    continue
                if isinstance(found, dict):
                    return found
    return None


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    while isinstance(ref, str) and ref.startswith("#/"):
        node: Any = root
        for part in ref[2:].split("/"):
            node = node[part]
        schema = node
        ref = schema.get("$ref")
    return schema


def _string_for(name: str, schema: dict[str, Any], source: _Source, sentence: str) -> Any:
    enum = schema.get("enum")
    if isinstance(enum, list) and enum:
        if name == "category" and "quantity" in enum and _DIGIT.search(sentence):
            return "quantity"
        return enum[0]
    if name in ("text", "quote"):
        return sentence
    if "summary" in name:
        return source.summary
    return ""


def instance(
    schema: dict[str, Any],
    source: _Source,
    *,
    root: dict[str, Any] | None = None,
    name: str = "",
    sentence: str = "",
) -> Any:
    """A value valid for ``schema``, filled from ``source`` where field names allow."""
    root = schema if root is None else root
    schema = _resolve(schema, root)
    if "const" in schema:
        return schema["const"]
    if "anyOf" in schema:
        branches = [_resolve(b, root) for b in schema["anyOf"]]
        usable = [b for b in branches if b.get("type") != "null"] or branches
        return instance(usable[0], source, root=root, name=name, sentence=sentence)
    declared = schema.get("type", "object")
    types = declared if isinstance(declared, list) else [declared]
    if "null" in types and (name == "speaker" or len(types) == 1):
        return None
    if "object" in types:
        props = schema.get("properties", {})
        return {
            key: instance(sub, source, root=root, name=key, sentence=sentence)
            for key, sub in props.items()
        }
    if "array" in types:
        items = schema.get("items", {})
        if name == "claims":
            return [
                instance(items, source, root=root, name="claim", sentence=s)
                for s in source.claim_sentences
            ]
        # As many as the schema demands (a judge's verdicts are pinned to its statements).
        count = schema.get("minItems", 0)
        return [
            instance(items, source, root=root, name=name, sentence=sentence) for _ in range(count)
        ]
    if "string" in types:
        return _string_for(name, schema, source, sentence)
    if "integer" in types or "number" in types:
        return 0
    if "boolean" in types:
        return False
    return None


def default_content(body: dict[str, Any]) -> str:
    """The reply text for a chat request, shaped for the response format it asked for."""
    messages = [m for m in body.get("messages", []) if isinstance(m, dict)]
    source = read_source(messages)
    schema = find_schema(body)
    if schema is None:
        data: Any = {"summary": source.summary}
    else:
        data = instance(schema, source)
    encoded = json.dumps(data, ensure_ascii=False, indent=1)
    fmt = body.get("response_format")
    if isinstance(fmt, dict) and fmt.get("type") in ("json_schema", "json_object"):
        return encoded
    # Plain text: the way chat models tend to answer, so clients must dig it out.
    return f"Here is the JSON you asked for:\n\n```json\n{encoded}\n```\n"
