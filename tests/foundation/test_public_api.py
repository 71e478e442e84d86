"""The public API is exactly what the README documents, and every error sits in one tree.

A name added to an ``__all__`` without its line in the README's "The Python API"
list, an error class defined outside ``factcheck/errors.py``, or a change to the
error tree that the README's "Errors" section does not show fails here.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

import factcheck
from factcheck import errors

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "factcheck"
README = (REPO / "README.md").read_text("utf-8")

ERROR_NAMES = {
    "ArticleNotFoundError",
    "AuthenticationError",
    "BadRequestError",
    "BatchAPIError",
    "BatchInputError",
    "CacheMissError",
    "ConfigurationError",
    "ContextLengthError",
    "EmptyArticleError",
    "ExternalArticleMissingError",
    "FactcheckError",
    "GoldFileError",
    "InputError",
    "InvalidCacheEntryError",
    "InvalidReplyError",
    "ModelError",
    "ModelNotFoundError",
    "NotTextError",
    "OutputPathError",
    "PromptFormatError",
    "PromptNotFoundError",
    "RateLimitError",
    "RefusalError",
    "ServerConfigurationError",
    "ServerUnreachableError",
    "SystemOutputError",
    "TransportError",
    "TruncatedReplyError",
    "WorkerProcessError",
}

# The documented names of each public module, apart from the errors.
DOCUMENTED = {
    "factcheck": {
        "Article",
        "CallRecord",
        "CheckSettings",
        "Claim",
        "Evidence",
        "Finding",
        "ModelOptions",
        "Result",
        "SentenceCheck",
        "TrailerBlock",
        "Usage",
        "acheck",
        "check",
        "load_article",
    },
    "factcheck.batch": {
        "ArticleProcesses",
        "BatchItem",
        "BatchSummary",
        "arun_batch",
        "read_results",
        "run_batch",
        "run_openai_batch",
    },
    "factcheck.evals": {
        "CaseScore",
        "GoldCase",
        "assert_grounded",
        "load_gold",
        "score_case",
        "score_output",
    },
    "factcheck.grounding": {"VerifyReport", "verify_text"},
    "factcheck.judge": {"JudgedReport", "verify_with_model"},
    "factcheck.llm": {
        "JsonModel",
        "JsonReply",
        "JsonRequest",
        "OpenAICompatibleModel",
        "ResponseCache",
        "RetryPolicy",
    },
    "factcheck.ray": {"CheckArticles", "read_ray_results", "run_ray_batch"},
    "factcheck.testing": {"FakeOpenAIServer", "Fault", "RecordedRequest", "Reply"},
    "factcheck.testing.fixtures": {"fake_openai"},
}
EXPECTED = {**DOCUMENTED, "factcheck": DOCUMENTED["factcheck"] | ERROR_NAMES}


def _section(heading: str) -> str:
    """The README text under ``heading`` up to the next heading of the same or a higher level."""
    level = heading.split(" ", 1)[0]
    start = README.index(f"\n{heading}\n")
    ends = [
        m.start()
        for m in re.finditer(r"\n(#+) ", README[start + 1 :])
        if len(m.group(1)) <= len(level)
    ]
    return README[start : start + 1 + ends[0]] if ends else README[start:]


def _identifiers(markdown: str) -> set[str]:
    """Every identifier inside a code span or a fenced block of ``markdown``."""
    fenced = re.findall(r"```[^\n]*\n(.*?)```", markdown, re.DOTALL)
    inline = re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", markdown, flags=re.DOTALL))
    return {word for code in fenced + inline for word in re.findall(r"[A-Za-z_]\w*", code)}


def _api_list() -> dict[str, set[str]]:
    """Module -> the identifiers its bullet in "The Python API" names."""
    bullets = re.split(r"\n- ", _section("### The Python API"))[1:]
    listed: dict[str, set[str]] = {}
    for bullet in bullets:
        module = re.match(r"`([\w.]+)`", bullet)
        assert module is not None, bullet
        listed[module.group(1)] = _identifiers(bullet)
    return listed


def _modules_with_all() -> set[str]:
    """Every module of the package that assigns ``__all__``, found without importing it."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            if isinstance(node, ast.AnnAssign):
                targets = [node.target]
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                parts = path.relative_to(REPO).with_suffix("").parts
                found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def test_the_public_modules_are_those_with_an_all() -> None:
    assert _modules_with_all() == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_all_is_the_documented_list_and_every_name_resolves(name: str) -> None:
    module = importlib.import_module(name)
    exported = list(module.__all__)
    assert len(exported) == len(set(exported)), "a name is listed twice"
    assert set(exported) == EXPECTED[name]
    for export in exported:
        assert getattr(module, export) is not None


@pytest.mark.parametrize("name", sorted(DOCUMENTED))
def test_every_exported_name_is_in_its_module_line_of_the_readme(name: str) -> None:
    listed = _api_list()
    line = "factcheck.testing" if name == "factcheck.testing.fixtures" else name
    assert line in listed, f"README's 'The Python API' has no line for {line}"
    assert DOCUMENTED[name] <= listed[line], DOCUMENTED[name] - listed[line]


def test_the_api_list_names_no_module_that_is_not_public() -> None:
    assert set(_api_list()) == set(DOCUMENTED) - {"factcheck.testing.fixtures"}


def _error_classes() -> dict[str, type[BaseException]]:
    return {
        name: value
        for name, value in vars(errors).items()
        if inspect.isclass(value)
        and issubclass(value, BaseException)
        and value.__module__ == errors.__name__
    }


def test_every_error_is_exported_from_factcheck_and_under_factcheck_error() -> None:
    classes = _error_classes()
    assert set(classes) == ERROR_NAMES
    for name, cls in classes.items():
        assert issubclass(cls, errors.FactcheckError), name
        assert getattr(factcheck, name) is cls


def _readme_error_tree() -> list[tuple[int, str]]:
    """(depth, class name) for each line of the tree in the README's "Errors" section."""
    block = re.search(r"```text\n(.*?)```", _section("## Errors"), re.DOTALL)
    assert block is not None, "the Errors section draws the tree in a text block"
    rows = []
    for line in block.group(1).splitlines():
        indent = len(line) - len(line.lstrip(" "))
        assert indent % 2 == 0, line
        rows.append((indent // 2, line.split()[0]))
    return rows


def test_the_readme_tree_is_the_class_tree() -> None:
    classes = _error_classes()
    rows = _readme_error_tree()
    assert [name for _, name in rows if name not in classes] == []
    assert sorted(name for _, name in rows) == sorted(classes), "each class appears once"
    parents: list[str] = []
    for depth, name in rows:
        del parents[depth:]
        if depth == 0:
            assert name == "FactcheckError"
        else:
            assert classes[parents[-1]] in classes[name].__bases__, f"{name} under {parents[-1]}"
        parents.append(name)
    # A second base that is one of ours is named in brackets on the class's line.
    block = _section("## Errors")
    for name, cls in classes.items():
        others = [b.__name__ for b in cls.__bases__ if b.__name__ in classes]
        for other in others[1:]:
            assert re.search(rf"\n +{name} +\[{other}\]", block), (
                f"{name} also derives from {other}"
            )


def test_no_error_is_defined_outside_errors_py() -> None:
    ours = set(_error_classes())
    strays = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "errors.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {b.id for b in node.bases if isinstance(b, ast.Name)}
                if bases & ours:
                    strays.append(f"{path.relative_to(REPO)}: {node.name}")
    assert strays == []


def test_control_flow_exceptions_cannot_be_caught_as_errors() -> None:
    from factcheck.batch.answers import AwaitingBatch
    from factcheck.llm._retrying import TransientError

    for signal in (AwaitingBatch, TransientError):
        assert not issubclass(signal, errors.FactcheckError)


def test_the_test_kit_example_in_the_readme_runs() -> None:
    block = re.search(r"```python\n(.*?)```", _section("## Test kit"), re.DOTALL)
    assert block is not None
    namespace: dict[str, object] = {}
    exec(compile(block.group(1), "README.md", "exec"), namespace)
    tests = [value for name, value in namespace.items() if name.startswith("test_")]
    assert len(tests) == 1
    test = tests[0]
    assert callable(test)
    test()
