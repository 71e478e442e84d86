"""Reading batch input: a directory of articles or a JSONL file, with typed errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.batch import BatchItem
from factcheck.batch.items import as_items, load_items
from factcheck.errors import BatchInputError, InputError


def test_a_directory_gives_ids_from_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "world" / "europe").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("First article.", encoding="utf-8")
    (tmp_path / "world" / "europe" / "b.txt").write_text("Second article.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    items = load_items(tmp_path)
    assert items == [
        BatchItem("a", "First article."),
        BatchItem("world/europe/b", "Second article."),
    ]


def test_jsonl_lines_become_items_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": "x1", "text": "One."}), "", json.dumps({"id": "x2", "text": "Two."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert load_items(path) == [BatchItem("x1", "One."), BatchItem("x2", "Two.")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{not json", "in.jsonl:2: not valid JSON"),
        ('["a list"]', "in.jsonl:2: expected an object"),
        ('{"text": "no id"}', "in.jsonl:2: 'id' must be a non-empty string"),
        ('{"id": 7, "text": "numeric id"}', "in.jsonl:2: 'id' must be a non-empty string"),
        ('{"id": "b", "text": null}', "in.jsonl:2: field 'text' must be a string, got null"),
        ('{"id": "b", "text": 3}', "in.jsonl:2: field 'text' must be a string, got a number"),
        ('{"id": "b", "text": true}', "in.jsonl:2: field 'text' must be a string, got a boolean"),
        ('{"id": "b", "text": []}', "in.jsonl:2: field 'text' must be a string, got an array"),
        ('{"id": "b", "text": {}}', "in.jsonl:2: field 'text' must be a string, got an object"),
        ('{"id": "b", "body": "x"}', "in.jsonl:2: no 'text' field .*fields present: 'id', 'body'"),
    ],
)
def test_a_bad_jsonl_line_is_named(tmp_path: Path, line: str, expected: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Fine."}) + "\n" + line + "\n", "utf-8")
    with pytest.raises(BatchInputError, match=expected) as caught:
        load_items(path)
    assert isinstance(caught.value, InputError)


def test_duplicate_ids_are_an_error_naming_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    rows = [{"id": "same", "text": "One."}, {"id": "other", "text": "Two."}]
    rows.append({"id": "same", "text": "Three."})
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with pytest.raises(BatchInputError, match=r"in\.jsonl:3: duplicate id 'same' .*in\.jsonl:1"):
        load_items(path)


def test_duplicates_in_library_items_are_rejected_too() -> None:
    with pytest.raises(BatchInputError, match="item 2: duplicate id 'a'"):
        as_items([("a", "One."), {"id": "a", "text": "Two."}])


def test_missing_empty_and_binary_inputs(tmp_path: Path) -> None:
    with pytest.raises(BatchInputError, match="no such file or directory"):
        load_items(tmp_path / "absent")
    (tmp_path / "empty").mkdir()
    with pytest.raises(BatchInputError, match="no articles"):
        load_items(tmp_path / "empty")
    binary = tmp_path / "bin"
    binary.mkdir()
    (binary / "x.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")  # an image
    with pytest.raises(BatchInputError, match=r"x\.txt"):
        load_items(binary)
