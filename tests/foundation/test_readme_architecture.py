"""The README's map of concepts to modules names modules and names that exist."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
_CODE = re.compile(r"`([^`]+)`")


def _rows() -> list[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    start = text.index("| concept | module |")
    rows = []
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        concept, modules = (cell.strip() for cell in line.strip("|").split("|"))
        rows.append((concept, modules))
    return rows


def _targets(cell: str) -> list[tuple[str, list[str]]]:
    """Each module the cell names, with the names given in brackets after it."""
    targets: list[tuple[str, list[str]]] = []
    package = ""
    for part in re.split(r";|,(?![^()]*\))", cell):
        codes = _CODE.findall(part)
        if not codes:
            continue
        module = codes[0]
        if module.startswith("."):
            module = package + module
        else:
            package = module.rsplit(".", 1)[0]
        targets.append((module, codes[1:]))
    return targets


def test_the_map_has_its_rows() -> None:
    rows = _rows()
    assert len(rows) >= 15
    assert all(_targets(modules) for _, modules in rows)


@pytest.mark.parametrize(("concept", "modules"), _rows())
def test_every_module_and_name_in_the_map_exists(concept: str, modules: str) -> None:
    for module, names in _targets(modules):
        imported = importlib.import_module(module)
        for name in names:
            assert hasattr(imported, name), f"{concept}: {module} has no {name}"


def test_a_module_that_does_not_exist_is_caught() -> None:
    targets = _targets("`factcheck.facts.months` (`MONTH_NUMBERS`); `.no_such_table`")
    assert targets == [
        ("factcheck.facts.months", ["MONTH_NUMBERS"]),
        ("factcheck.facts.no_such_table", []),
    ]
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module(targets[1][0])
