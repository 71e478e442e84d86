"""Fixtures for the eval plugin, report and CLI tests: small gold projects written on the fly.

The article below was written for these tests. Its two sentences both carry
numbers, so the offline engine and the fake server's model each return them
as the two claims, and the gold claims "reopened" and "books" match them
one-to-one; "staff" is in no article, so a case holding it misses it.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

# httpx2 turns httpcore2's exceptions into its own by class, looked up once per
# process. If an inner run imported httpcore2 first, pytester would drop it
# afterwards, a later import would bring new classes, and timeouts and dropped
# connections in every later test of the process would escape the SDK
# unconverted. Imported here, it outlives every inner run.
import httpcore2  # noqa: F401
import pytest

ARTICLE = """Lakeside library reopens after flood repairs

DORVILLE — The Lakeside public library reopened on Monday after repairs that cost 2.3 million \
euros, the town council said.

Floodwater entered the building in March and damaged more than 40,000 books, according to \
head librarian Ines Farrow.
"""

REOPENED: dict[str, Any] = {
    "text": "The Lakeside library reopened on Monday after repairs costing 2.3 million euros.",
    "key_facts": [
        {"kind": "number", "value": "2.3 million"},
        {"kind": "date", "value": "Monday"},
    ],
}
BOOKS: dict[str, Any] = {
    "text": "Floodwater damaged more than 40,000 books at the Lakeside library.",
    "key_facts": [{"kind": "number", "value": "more than 40,000"}],
}
STAFF: dict[str, Any] = {
    "text": "The Lakeside library will hire 12 new staff.",
    "key_facts": [{"kind": "number", "value": "12"}, {"kind": "term", "value": "staff"}],
}
KEY_POINTS = [{"label": "reopening", "terms": [["reopened", "reopens"]]}]

# Options every inner pytest run gets. The outer process has already imported
# factcheck, so pytest cannot rewrite its asserts and would warn about it; and
# pytester drops the modules an inner run imported, so hypothesis's plugin
# would import all of hypothesis again in every run (seconds each).
QUIET = (
    "-p",
    "no:cacheprovider",
    "-p",
    "no:hypothesispytest",
    "-W",
    "ignore::pytest.PytestAssertRewriteWarning",
)


def gold_doc(
    case_id: str,
    claims: Sequence[dict[str, Any]],
    *,
    thresholds: dict[str, float] | None = None,
    external: str | None = None,
    forbidden: Sequence[str] = (),
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": case_id,
        "description": f"The Lakeside library article ({case_id}).",
    }
    if external is None:
        doc["article"] = "article.txt"
    else:
        doc["external_article"] = external
    doc.update(
        {
            "tags": ["library"],
            "claims": list(claims),
            "summary_key_points": KEY_POINTS,
            "forbidden": list(forbidden),
        }
    )
    if thresholds:
        doc["thresholds"] = thresholds
    return doc


CLAIMS = {"reopened": REOPENED, "books": BOOKS, "staff": STAFF}


def write_case(root: Path, doc: dict[str, Any], *, article: str = ARTICLE) -> Path:
    """``root/cases/<id>/<id>.gold.json`` (and ``article.txt`` unless external)."""
    case_id = str(doc["id"])
    directory = root / "cases" / case_id
    directory.mkdir(parents=True, exist_ok=True)
    if "article" in doc:
        (directory / "article.txt").write_text(article, encoding="utf-8")
    path = directory / f"{case_id}.gold.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path


def write_standard_cases(root: Path) -> None:
    """``library`` (passes), ``library-missing`` (fails on recall), ``library-external``."""
    write_case(root, gold_doc("library", [REOPENED, BOOKS], thresholds={"claim_recall": 1.0}))
    write_case(
        root,
        gold_doc("library-missing", [REOPENED, BOOKS, STAFF], thresholds={"claim_recall": 0.9}),
    )
    write_case(root, gold_doc("library-external", [REOPENED, BOOKS], external="lakeside.txt"))


class CaseWriter(Protocol):
    def __call__(
        self,
        root: Path,
        case_id: str,
        claims: Sequence[str] = ("reopened", "books"),
        *,
        thresholds: dict[str, float] | None = None,
        external: str | None = None,
        forbidden: Sequence[str] = (),
        article: str = ARTICLE,
    ) -> Path: ...


@pytest.fixture(scope="session", autouse=True)
def _modules_loaded_before_inner_runs() -> None:
    """One model check first, so every module the engines import lazily is loaded.

    An inner pytester run drops the modules it imported first; a later import
    makes new copies (numpy refuses outright), and the HTTP client already in
    use would no longer catch the new copies' exceptions: a dropped connection
    would escape as a raw httpcore error in whatever test runs next.
    """
    import factcheck
    from factcheck.testing import FakeOpenAIServer

    with FakeOpenAIServer() as server:
        factcheck.check(ARTICLE, model="fake-model", base_url=server.base_url, api_key="k")
    factcheck.check(ARTICLE)  # the offline engine


@pytest.fixture
def write_gold_case() -> CaseWriter:
    """Write one case under ``root/cases/<id>/``; claims are named from CLAIMS."""

    def write(
        root: Path,
        case_id: str,
        claims: Sequence[str] = ("reopened", "books"),
        *,
        thresholds: dict[str, float] | None = None,
        external: str | None = None,
        forbidden: Sequence[str] = (),
        article: str = ARTICLE,
    ) -> Path:
        doc = gold_doc(
            case_id,
            [CLAIMS[name] for name in claims],
            thresholds=thresholds,
            external=external,
            forbidden=forbidden,
        )
        return write_case(root, doc, article=article)

    return write


@pytest.fixture(scope="session", autouse=True)
def _http_stack_loaded() -> None:
    """Load the HTTP client stack, sync and async, before any inner pytester run.

    pytester runs its inner sessions in this process and, as each ends, drops
    every module first imported during it. The SDK imports its transport on the
    first request; were that inside an inner run with a model, later tests would
    meet two copies of the transport's exception classes, and a dropped
    connection of the new copy would escape the SDK's mapping written against
    the old one.
    """
    import asyncio

    import factcheck
    from factcheck.llm import OpenAICompatibleModel
    from factcheck.testing import FakeOpenAIServer

    with FakeOpenAIServer() as server:
        model = OpenAICompatibleModel("fake-model", base_url=server.base_url, api_key="k")
        factcheck.check(ARTICLE, model=model)
        asyncio.run(factcheck.acheck(ARTICLE, model=model))
        model.close()


@pytest.fixture
def standard_cases() -> Callable[[Path], None]:
    return write_standard_cases


@pytest.fixture
def article_text() -> str:
    return ARTICLE


@pytest.fixture
def gold_project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A pytester project holding the standard cases and an ini file of its own."""
    pytester.makeini("[pytest]\n")
    write_standard_cases(pytester.path)
    return pytester


@pytest.fixture
def run_inner(pytester: pytest.Pytester) -> Callable[..., pytest.RunResult]:
    """``pytester.runpytest`` with the quiet options every inner run needs."""

    def run(*args: str) -> pytest.RunResult:
        return pytester.runpytest(*QUIET, *args)

    return run


@pytest.fixture
def run_inner_subprocess(pytester: pytest.Pytester) -> Callable[..., pytest.RunResult]:
    """Like ``run_inner``, in a new interpreter (for plugins such as pytest-xdist)."""

    def run(*args: str) -> pytest.RunResult:
        return pytester.runpytest_subprocess(*QUIET, *args)

    return run


@pytest.fixture
def artifacts_dir(tmp_path: Path) -> Path:
    """Where tests leave files for people to look at: $FACTCHECK_TEST_ARTIFACTS or tmp_path."""
    configured = os.environ.get("FACTCHECK_TEST_ARTIFACTS")
    if not configured:
        return tmp_path
    path = Path(configured)
    path.mkdir(parents=True, exist_ok=True)
    return path


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture
def chromium() -> str:
    found = find_chromium()
    if found is None:
        pytest.skip(
            "no chromium binary found (install it with: apt-get install -y chromium); "
            "the HTML report cannot be checked in a real browser"
        )
    return found
