"""What a batch reads: articles with ids, from a directory of files or a JSONL file.

A directory gives one article per ``*.txt`` file below it (recursively); its id
is the path relative to the directory without the extension, with ``/``
separators on every platform. A JSONL file gives one ``{"id": ..., "text":
...}`` object per line; blank lines are skipped. Every problem is an
:class:`BatchInputError` that names the file and line, raised before any model
call is made, so a bad input never costs money.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import BatchInputError, InputError
from factcheck.ingest import decode_bytes


@dataclass(frozen=True)
class BatchItem:
    """One article of a batch. ``text`` is the article as given (title, body, trailer)."""

    id: str
    text: str


def _json_type(value: object) -> str:
    """The JSON name of a parsed value's type, as the person who wrote the line sees it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _text_field(record: dict[str, object], where: str) -> str:
    if "text" not in record:
        present = ", ".join(repr(k) for k in record) or "none"
        raise BatchInputError(
            f"{where}: no 'text' field (each line needs 'id' and 'text'; fields present: {present})"
        )
    body = record["text"]
    if not isinstance(body, str):
        raise BatchInputError(f"{where}: field 'text' must be a string, got {_json_type(body)}")
    return body


def _check_id(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BatchInputError(f"{where}: 'id' must be a non-empty string, got {value!r}")
    return value


def _duplicates_rejected(items: Iterable[tuple[BatchItem, str]]) -> list[BatchItem]:
    seen: dict[str, str] = {}
    out: list[BatchItem] = []
    for item, where in items:
        if item.id in seen:
            raise BatchInputError(
                f"{where}: duplicate id {item.id!r} (first seen at {seen[item.id]})"
            )
        seen[item.id] = where
        out.append(item)
    return out


def items_from_jsonl(path: Path) -> list[BatchItem]:
    """Articles from a JSONL file of ``{"id", "text"}`` objects."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BatchInputError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = decode_bytes(data)
    except InputError as exc:
        raise BatchInputError(f"{path}: {exc}") from None
    found: list[tuple[BatchItem, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        where = f"{path}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise BatchInputError(f"{where}: not valid JSON ({exc})") from None
        if not isinstance(record, dict):
            raise BatchInputError(f"{where}: expected an object with 'id' and 'text'")
        article_id = _check_id(record.get("id"), where)
        found.append((BatchItem(article_id, _text_field(record, where)), where))
    return _duplicates_rejected(found)


def items_from_directory(path: Path) -> list[BatchItem]:
    """Articles from every ``*.txt`` file under ``path``, in sorted path order."""
    found: list[tuple[BatchItem, str]] = []
    for file in sorted(path.rglob("*.txt")):
        if not file.is_file():
            continue
        article_id = file.relative_to(path).with_suffix("").as_posix()
        try:
            text = decode_bytes(file.read_bytes())
        except InputError as exc:
            raise BatchInputError(f"{file}: {exc}") from None
        except OSError as exc:
            raise BatchInputError(f"cannot read {file}: {exc.strerror or exc}") from None
        found.append((BatchItem(article_id, text), str(file)))
    return _duplicates_rejected(found)


def load_items(source: str | os.PathLike[str]) -> list[BatchItem]:
    """Articles from a directory of ``*.txt`` files or a JSONL file; never empty."""
    path = Path(source)
    if path.is_dir():
        items = items_from_directory(path)
    elif path.is_file():
        items = items_from_jsonl(path)
    else:
        raise BatchInputError(f"no such file or directory: {path}")
    if not items:
        raise BatchInputError(f"no articles in {path} (expected *.txt files or JSONL lines)")
    return items


BatchSource = str | os.PathLike[str] | Iterable[BatchItem | tuple[str, str] | Mapping[str, str]]


def as_items(source: BatchSource) -> list[BatchItem]:
    """``source`` as a list of items: a path, or items, ``(id, text)`` pairs or mappings."""
    if isinstance(source, (str, os.PathLike)):
        return load_items(source)
    found: list[tuple[BatchItem, str]] = []
    for number, entry in enumerate(source, 1):
        where = f"item {number}"
        if isinstance(entry, BatchItem):
            item = entry
        elif isinstance(entry, tuple):
            item = BatchItem(_check_id(entry[0], where), entry[1])
        else:
            item = BatchItem(_check_id(entry.get("id"), where), entry.get("text", ""))
        if not isinstance(item.text, str):
            raise BatchInputError(f"{where}: 'text' must be a string")
        found.append((item, where))
    return _duplicates_rejected(found)
