"""Gold lint: key facts in the article, claims that match themselves, files that load."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from factcheck.evals.discovery import discover, is_gold_file, looks_like_gold
from factcheck.evals.gold_lint import MAX_ARTICLE_CHARS, LintReport, lint_file, lint_paths

WriteGold = Callable[..., Path]

# Written for these tests.
ARTICLE = """Old pier reopens

SANDMOUTH — The pier, which has stood for over 25 years, reopened on Saturday after \
repairs costing 90,000 pounds.
"""


def doc(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "case",
        "description": "The old pier reopens after repairs.",
        "article": "article.txt",
        "claims": [
            {
                "text": "The pier has stood for over 25 years.",
                "key_facts": [{"kind": "number", "value": 25}],
            },
            {
                "text": "The pier repairs cost 90,000 pounds.",
                "key_facts": [{"kind": "number", "value": "90,000"}],
            },
        ],
        "summary_key_points": [{"label": "reopened", "terms": [["reopened", "reopens"]]}],
        "forbidden": [],
    }
    data.update(overrides)
    return data


def test_a_clean_case_with_a_bounded_figure(write_gold: WriteGold) -> None:
    report = lint_file(write_gold(doc(), article=ARTICLE))
    assert report.ok, report.problems
    assert report.format().endswith(": ok")


def test_facts_and_key_points_the_article_lacks(write_gold: WriteGold) -> None:
    claims = doc()["claims"] + [
        {
            "text": "The pier repairs took 14 weeks.",
            "key_facts": [{"kind": "number", "value": 14}, {"kind": "term", "value": "weeks"}],
        }
    ]
    points = [{"label": "crowds", "terms": [["crowd", "crowds"], ["reopened"]]}]
    report = lint_file(write_gold(doc(claims=claims, summary_key_points=points), article=ARTICLE))
    assert report.problems == [
        "claims[2]: key fact '14' (number) is not in the article",
        "claims[2]: key fact 'weeks' (term) is not in the article",
        "summary_key_points 'crowds': none of crowd | crowds is in the article",
    ]
    assert isinstance(report, LintReport) and not report.ok


def test_a_claim_that_does_not_state_its_own_key_fact(write_gold: WriteGold) -> None:
    claims = [
        {
            "text": "The pier repairs cost ninety thousand pounds.",
            "key_facts": [{"kind": "number", "value": "90,000"}],
        },
        {
            "text": "The pier reopened on Saturday.",
            "key_facts": [{"kind": "term", "value": "reopening"}],
        },
    ]
    report = lint_file(write_gold(doc(claims=claims), article=ARTICLE))
    assert "claims[0]" not in " ".join(report.problems)  # number words are the same value
    assert report.problems[0] == "claims[1]: does not state its own key fact 'reopening' (term)"
    assert report.problems[1].startswith("claims[1]: does not match itself:")


def test_files_that_do_not_load_or_whose_article_is_unusable(
    write_gold: WriteGold, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.gold.json"
    broken.write_text("{", encoding="utf-8")
    assert "not valid JSON" in lint_file(broken).problems[0]
    wrong_id = write_gold(doc(), article=ARTICLE)
    wrong_id.write_text(json.dumps(doc(id="other")), encoding="utf-8")
    assert "differs from the file name" in lint_file(wrong_id).problems[0]
    empty = write_gold(doc(), article="   \n")
    assert lint_file(empty).problems == ["article article.txt is empty"]


def test_an_oversized_article(write_gold: WriteGold) -> None:
    big = ARTICLE + "x" * (MAX_ARTICLE_CHARS + 1)
    (problem,) = lint_file(write_gold(doc(), article=big)).problems
    assert "characters (at most" in problem


def test_an_absent_external_article_skips_the_article_checks(tmp_path: Path) -> None:
    data = doc()
    del data["article"]
    data["external_article"] = "pier.txt"
    path = tmp_path / "case.gold.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    report = lint_file(path)
    assert report.ok
    assert report.notes[0].startswith("article checks skipped: external article not present")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "pier.txt").write_text("Nothing about it.\n", encoding="utf-8")
    (report,) = lint_paths([path], [tmp_path / "shared"])
    assert "claims[0]: key fact '25' (number) is not in the article" in report.problems


def test_discovery_tells_gold_files_from_other_tools_files(tmp_path: Path) -> None:
    ours = tmp_path / "cases" / "a.gold.json"
    ours.parent.mkdir()
    ours.write_text(json.dumps(doc(id="a")), encoding="utf-8")
    editing = tmp_path / "cases" / "b.gold.json"
    editing.write_text('{"id": "b", "claims": [', encoding="utf-8")  # broken: still ours
    theirs = tmp_path / "snapshots" / "c.gold.json"
    theirs.parent.mkdir()
    theirs.write_text('{"expected": "a headline"}', encoding="utf-8")
    listed = tmp_path / "snapshots" / "d.gold.json"
    listed.write_text("[1, 2]", encoding="utf-8")
    assert [looks_like_gold(p) for p in (ours, editing, theirs, listed)] == [
        True,
        True,
        False,
        False,
    ]
    assert discover([tmp_path]) == [ours, editing]
    # A file named explicitly always counts; so does everything in a configured directory.
    assert discover([theirs]) == [theirs]
    assert is_gold_file(theirs, directories=[tmp_path / "snapshots"])
    assert not is_gold_file(ours, directories=[tmp_path / "snapshots"])
    assert not is_gold_file(tmp_path / "cases" / "a.json")
    other = tmp_path / "cases" / "e.case.json"
    other.write_text(json.dumps(doc(id="e")), encoding="utf-8")
    assert discover([tmp_path], suffix=".case.json") == [other]


def test_the_repository_and_example_cases_lint_clean() -> None:
    repo = Path(__file__).resolve().parents[2]
    shared = repo.parent / "shared"
    paths = discover([repo / "evals", repo / "examples" / "own-summariser" / "gold"])
    assert len(paths) >= 20
    for report in lint_paths(paths, [shared] if shared.is_dir() else []):
        assert report.ok, report.format()
