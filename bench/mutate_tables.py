"""Mutation check of the lookup tables: change one entry, and some test must fail.

For every entry of the month, weekday, number-word and scale tables this
writes a mutant of its module (the value one more, or the key altered) into a
private copy of the ``factcheck`` package, runs the table tests against that
copy in a fresh interpreter, and records whether they failed (the mutant is
killed) or passed (it survived). The working tree is never modified.

    python bench/mutate_tables.py                 # every entry
    python bench/mutate_tables.py --sample 1      # one entry per table (CI)

The last line printed is a JSON summary:
``{"mutants": N, "killed": K, "survivors": [...], ...}``.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from queue import Queue

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "factcheck"

# Module (relative to the repository) -> the tables in it whose entries are mutated.
TABLES: dict[str, tuple[str, ...]] = {
    "factcheck/facts/months.py": ("MONTH_NUMBERS", "MONTH_ABBREVIATIONS", "WEEKDAYS"),
    "factcheck/facts/numbers.py": (
        "_SMALL",
        "_TEENS",
        "_TENS",
        "SCALE_WORDS",
        "SCALE_ABBREVIATIONS",
        "VAGUE_PLURALS",
    ),
}
# The table tests first: they kill most mutants, and -x stops the run at the first failure.
# What survives them runs against every facts test.
STAGES = (
    ("tests/facts/test_tables.py",),
    ("tests/facts",),
)
# The facts tests need no shared fixture: leaving them out keeps the model client stack
# out of every run.
PYTEST_FLAGS = (
    "-q",
    "-x",
    "-p",
    "no:cacheprovider",
    "--noconftest",
    "-c",
    str(REPO / "pyproject.toml"),
)


@dataclass(frozen=True)
class Mutant:
    module: str
    table: str
    entry: str  # the key (dict) or the item (tuple) mutated
    kind: str  # "value+1" or "key"
    start: int  # character offsets of the replaced source text
    end: int
    replacement: str

    @property
    def name(self) -> str:
        return f"{Path(self.module).stem}.{self.table}[{self.entry!r}] {self.kind}"

    def apply(self, source: str) -> str:
        return source[: self.start] + self.replacement + source[self.end :]


def _offsets(source: str) -> list[int]:
    """Character offset of the start of each line (1-based line numbers index it)."""
    starts = [0, 0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def _span(node: ast.expr, lines: Sequence[int], source: str) -> tuple[int, int]:
    # ast gives UTF-8 byte columns; the tables are ASCII, which the check below confirms.
    assert node.end_lineno is not None
    assert node.end_col_offset is not None
    start = lines[node.lineno] + node.col_offset
    end = lines[node.end_lineno] + node.end_col_offset
    assert source[start:end] == ast.get_source_segment(source, node)
    return start, end


def _altered(key: str) -> str:
    """A key no text uses: the same word with its last letter doubled and an "x"."""
    return key + key[-1] + "x"


def mutants(module: str, tables: Sequence[str]) -> list[Mutant]:
    """Two mutants per dict entry (value one more, key altered), one per tuple item."""
    source = (REPO / module).read_text(encoding="utf-8")
    lines = _offsets(source)
    found: dict[str, ast.expr] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if node.value is not None:
                found[node.target.id] = node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                found[target.id] = node.value
    out = []
    for table in tables:
        value = found.get(table)
        if isinstance(value, ast.Dict):
            for key_node, value_node in zip(value.keys, value.values, strict=True):
                assert isinstance(key_node, ast.Constant)
                assert isinstance(key_node.value, str)
                key = key_node.value
                start, end = _span(value_node, lines, source)
                text = source[start:end]
                out.append(Mutant(module, table, key, "value+1", start, end, f"({text}) + 1"))
                start, end = _span(key_node, lines, source)
                out.append(Mutant(module, table, key, "key", start, end, repr(_altered(key))))
        elif isinstance(value, ast.Tuple):
            for item in value.elts:
                assert isinstance(item, ast.Constant)
                assert isinstance(item.value, str)
                start, end = _span(item, lines, source)
                out.append(
                    Mutant(module, table, item.value, "key", start, end, repr(_altered(item.value)))
                )
        else:
            raise SystemExit(f"{module}: {table} is not a dict or tuple literal")
    return out


def sample(items: Sequence[Mutant], per_table: int) -> list[Mutant]:
    """``per_table`` entries of each table, spread over it (first, last, between)."""
    out: list[Mutant] = []
    tables = sorted({(m.module, m.table) for m in items}, key=lambda t: (t[0], t[1]))
    for module, table in tables:
        entries = list(
            dict.fromkeys(m.entry for m in items if (m.module, m.table) == (module, table))
        )
        if per_table >= len(entries):
            chosen = set(entries)
        elif per_table == 1:
            chosen = {entries[len(entries) // 2]}
        else:
            step = (len(entries) - 1) / (per_table - 1)
            chosen = {entries[round(i * step)] for i in range(per_table)}
        out += [m for m in items if (m.module, m.table) == (module, table) and m.entry in chosen]
    return out


@dataclass
class Sandbox:
    """A private copy of the package that ``import factcheck`` finds first."""

    root: Path

    @classmethod
    @contextmanager
    def make(cls) -> Iterator[Sandbox]:
        with tempfile.TemporaryDirectory(prefix="factcheck-mutants-") as directory:
            root = Path(directory)
            shutil.copytree(
                PACKAGE, root / "factcheck", ignore=shutil.ignore_patterns("__pycache__")
            )
            prompts = REPO / "prompts"
            if prompts.is_dir():  # the installed wheel carries them inside the package
                shutil.copytree(prompts, root / "prompts")
            yield cls(root)

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(self.root), env.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        )
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        # Only pytest's own plugins: the facts tests need none of the installed ones.
        env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        return env

    def write(self, module: str, source: str) -> None:
        (self.root / module).write_text(source, encoding="utf-8")

    def imports_the_copy(self) -> bool:
        done = subprocess.run(
            [sys.executable, "-c", "import factcheck; print(factcheck.__file__)"],
            env=self.env,
            cwd=self.root,
            capture_output=True,
            text=True,
            check=False,
        )
        return done.returncode == 0 and Path(done.stdout.strip()).is_relative_to(self.root)

    def tests_pass(self) -> tuple[bool, str]:
        """True when every stage passes; else the last lines of the failing stage."""
        for paths in STAGES:
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    *PYTEST_FLAGS,
                    *(str(REPO / path) for path in paths),
                ],
                env=self.env,
                # Python puts the working directory first on sys.path: the copy, not the tree.
                cwd=self.root,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                return False, done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
        return True, ""


def _control(model: Mutant) -> Mutant:
    """A "mutant" that writes back the text it replaces: no test may fail on it."""
    source = (REPO / model.module).read_text(encoding="utf-8")
    unchanged = source[model.start : model.end]
    return dataclasses.replace(model, kind="unchanged", replacement=unchanged)


def _killed(sandbox: Sandbox, mutant: Mutant, original: str) -> bool:
    sandbox.write(mutant.module, mutant.apply(original))
    try:
        survived, _ = sandbox.tests_pass()
    finally:
        sandbox.write(mutant.module, original)
    return not survived


def run(chosen: Sequence[Mutant], jobs: int) -> list[str]:
    """The names of the mutants no test kills; each sandbox runs one mutant at a time."""
    originals = {module: (REPO / module).read_text(encoding="utf-8") for module in TABLES}
    with ExitStack() as stack:
        sandboxes: Queue[Sandbox] = Queue()
        for _ in range(jobs):
            sandboxes.put(stack.enter_context(Sandbox.make()))
        first = sandboxes.get()
        if not first.imports_the_copy():
            raise SystemExit("the mutants' copy of factcheck is not the one Python imports")
        clean, tail = first.tests_pass()
        if not clean:
            raise SystemExit(f"the tests fail without any mutant: {tail}")
        sandboxes.put(first)

        def attempt(mutant: Mutant) -> bool:
            sandbox = sandboxes.get()
            try:
                return _killed(sandbox, mutant, originals[mutant.module])
            finally:
                sandboxes.put(sandbox)

        survivors = []
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for index, (mutant, killed) in enumerate(
                zip(chosen, pool.map(attempt, chosen), strict=True), 1
            ):
                print(
                    f"[{index}/{len(chosen)}] {'killed  ' if killed else 'SURVIVED'} {mutant.name}"
                )
                if not killed:
                    survivors.append(mutant.name)
    return survivors


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sample", type=int, default=0, help="entries per table (default: every entry)"
    )
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once")
    parser.add_argument(
        "--control",
        action="store_true",
        help="also test a change that changes nothing, which must survive (checks the harness)",
    )
    args = parser.parse_args(argv)
    every = [m for module, tables in TABLES.items() for m in mutants(module, tables)]
    chosen = sample(every, args.sample) if args.sample > 0 else every
    control = _control(every[0]) if args.control else None
    started = time.perf_counter()
    survivors = run([*chosen, *([control] if control else [])], max(1, args.jobs))
    control_survived = False
    if control is not None and control.name in survivors:
        survivors.remove(control.name)
        control_survived = True
    summary: dict[str, object] = {
        "mutants": len(chosen),
        "killed": len(chosen) - len(survivors),
        "survivors": survivors,
        "tables": sorted(f"{Path(m).stem}.{t}" for m, ts in TABLES.items() for t in ts),
        "elapsed_s": round(time.perf_counter() - started, 1),
    }
    if control is not None:
        summary["control"] = "survived" if control_survived else "killed"
    print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
