"""Which files are gold cases: a suffix, optional directories, and a look at the content.

A project may hold ``*.gold.json`` files that have nothing to do with this
suite (golden outputs of another test tool). Unless the caller names the
directories that hold gold cases, a file with the suffix counts only when it
looks like a gold file: a JSON object with ``id`` and ``claims``, or text
that is not valid JSON at all (a gold file being edited, which should fail
loudly rather than vanish). A file named explicitly always counts.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from factcheck.errors import GoldFileError
from factcheck.evals.gold import GOLD_SUFFIX, read_gold_json


def looks_like_gold(path: Path) -> bool:
    """Whether ``path`` holds (or tries to hold) a gold case; see the module notes."""
    try:
        data = read_gold_json(path)
    except GoldFileError:
        return True  # too large, too deep, unreadable or not JSON: loading it will say why
    return isinstance(data, dict) and "id" in data and "claims" in data


def inside_any(path: Path, directories: Sequence[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(d.resolve()) for d in directories)


def is_gold_file(
    path: Path, *, suffix: str = GOLD_SUFFIX, directories: Sequence[Path] = ()
) -> bool:
    """Whether ``path`` is a gold case under these settings (see the module notes)."""
    if not path.name.endswith(suffix):
        return False
    if directories:
        return inside_any(path, directories)
    return looks_like_gold(path)


def discover(targets: Iterable[str | os.PathLike[str]], *, suffix: str = GOLD_SUFFIX) -> list[Path]:
    """Gold files under each directory (sorted), and each file named, in the order given."""
    found: list[Path] = []
    for target in targets:
        path = Path(target)
        if path.is_file():
            found.append(path)
            continue
        found += sorted(p for p in path.rglob(f"*{suffix}") if is_gold_file(p, suffix=suffix))
    return found
