"""Report building blocks on hand-made data: highlighting, escaping, messages, tables, files."""

from __future__ import annotations

import base64
import hashlib
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factcheck.evals import load_gold, score_case
from factcheck.evals.report_files import write_reports
from factcheck.evals.report_highlight import Segment, Span, segments
from factcheck.evals.report_html import highlighted_body, report_html
from factcheck.evals.report_json import display_path
from factcheck.evals.report_markdown import report_markdown
from factcheck.evals.report_terminal import failure_message, format_table
from factcheck.evals.runner import CaseRun, Engine, EngineRun, EvalOptions, SuiteRun
from factcheck.markdown import inline
from factcheck.private_files import write_private
from factcheck.result import Claim, Evidence

Writer = Callable[..., Path]
REPO = Path(__file__).resolve().parents[2]


def claim(
    text: str, *, span: tuple[int, int] | None = None, quote: str | None = None
) -> dict[str, Any]:
    """A claim calling itself supported, quoting ``quote`` (default: itself).

    The scorer grounds it again against the case's article, so only a quote
    the article holds makes it supported in the scores.
    """
    evidence = None
    if span is not None:
        evidence = Evidence(span[0], span[1], text, "exact", 100.0)
    return Claim(
        text=text, quote=quote or text, status="supported", problems=(), evidence=evidence
    ).to_dict()


REOPENED_QUOTE = (
    "The Lakeside public library reopened on Monday after repairs that cost 2.3 million euros"
)
BOOKS_QUOTE = "Floodwater entered the building in March and damaged more than 40,000 books"


def test_segments_cut_at_every_boundary_and_ignore_bad_spans() -> None:
    spans = [
        Span(0, 2, 6, "supported"),
        Span(1, 4, 8, "partial"),
        Span(2, 8, 8, "supported"),  # empty
        Span(3, 5, 12, "supported"),  # past the end of the text
    ]
    assert segments(10, spans) == [
        Segment(0, 2, (), None),
        Segment(2, 4, (0,), "supported"),
        Segment(4, 6, (0, 1), "partial"),
        Segment(6, 8, (1,), "partial"),
        Segment(8, 10, (), None),
    ]
    assert segments(0, []) == []


def test_highlighted_body_escapes_text_and_titles() -> None:
    body = 'Plain <b> & "quoted" end'
    hostile = claim('"><script>alert(1)</script>', span=(6, 20))
    html = highlighted_body(body, [hostile], "case-x")
    assert html == (
        "Plain "
        '<a class="anchor" id="case-x-claim-0"></a>'
        '<mark class="ev supported" data-claims="0" '
        'title="#0 [supported] &#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">'
        "&lt;b&gt; &amp; &#34;quoted&#34;</mark> end"
    )


def _case(
    gold_path: Path, result: dict[str, Any], engine: Engine | None = None, elapsed: float = 0.25
) -> CaseRun:
    gold = load_gold(gold_path)
    run = EngineRun(engine or Engine(), score_case(gold, result), result, elapsed)
    return CaseRun(gold.id, gold_path, gold, run)


def _result(claims: list[dict[str, Any]], *, summary: str = "", body: str = "") -> dict[str, Any]:
    return {"summary": summary, "claims": claims, "summary_checks": [], "body": body}


def test_failure_message_lists_misses_duplicates_and_forbidden_text(
    tmp_path: Path, write_gold_case: Writer
) -> None:
    path = write_gold_case(
        tmp_path,
        "dupes",
        ["reopened", "books"],
        thresholds={"claim_precision": 0.9},
        forbidden=["Copyright"],
    )
    reopened = "The Lakeside library reopened on Monday after 2.3 million euros of repairs."
    result = _result(
        [claim(reopened), claim(reopened), claim("Copyright Dorville Herald.")],
        summary="The library is open again.",
    )
    message = failure_message(_case(path, result))
    assert message.splitlines()[:4] == [
        "case dupes failed on offline:",
        "  claim_precision 0.333 < minimum 0.9",
        "  forbidden_hits 1 > maximum 0",
        "missed gold claims (1 of 2):",
    ]
    assert "  #1 'Floodwater damaged more than 40,000 books at the Lakeside library.'" in message
    assert "missing key fact 'more than 40,000'; similarity 55 < 60" in message
    assert "unmatched predictions (2 of 3):" in message
    assert "was already matched to prediction #0 (duplicate)" in message
    assert "summary key points not covered:\n  'reopening': none of reopened | reopens" in message
    assert "forbidden strings found:\n  'Copyright' in claims[2].text" in message


def test_table_puts_the_baseline_beside_the_model(tmp_path: Path, write_gold_case: Writer) -> None:
    path = write_gold_case(tmp_path, "library", thresholds={"claim_recall": 1.0})
    reopened = "The Lakeside library reopened on Monday after 2.3 million euros of repairs."
    model = _result([claim(reopened, quote=REOPENED_QUOTE)])
    model["usage"] = {"prompt_tokens": 1200, "completion_tokens": 34, "total_tokens": 1234}
    offline = _result(
        [
            claim(reopened, quote=REOPENED_QUOTE),
            claim("Floodwater damaged more than 40,000 books.", quote=BOOKS_QUOTE),
        ]
    )
    case = _case(path, model, Engine("m1"), 1.5)
    gold = case.gold
    assert gold is not None
    case.baseline = EngineRun(Engine(), score_case(gold, offline), offline, 0.125)
    table = format_table(SuiteRun(Engine("m1"), Engine(), [case]))
    lines = table.splitlines()
    assert lines[0] == "llm-factcheck eval: m1 (baseline: offline)"
    assert lines[2].split() == [
        "case",
        *"status P R F1 grnd cov forb tokens time".split(),
        "│",
        *"status P R F1 grnd cov forb time".split(),
    ]
    # One of two gold claims: recall 0.50 is under the 1.0 floor, so it is marked.
    assert lines[4].split() == [
        "library",
        *"FAIL 1.00 0.50! 0.67 1.00 0.00 0 1234 1.50s".split(),
        "│",
        *"pass 1.00 1.00 1.00 1.00 0.00 0 0.12s".split(),
    ]
    assert lines[6].split() == [
        "overall",
        *"0/1 1.00 0.50 0.67 1.00 0.00 0 1234 1.50s".split(),
        "│",
        *"1/1 1.00 1.00 1.00 1.00 0.00 0 0.12s".split(),
    ]
    # Columns line up: every row is as wide as the header.
    assert len(lines[4]) == len(lines[2]) == len(lines[6])


def test_html_page_runs_only_its_own_script(tmp_path: Path, write_gold_case: Writer) -> None:
    path = write_gold_case(tmp_path, "hostile", ["staff"])
    body = "Text with <img src=x onerror=alert(1)> in it."
    result = _result([claim("</script><script>alert(2)</script>", span=(0, 4))], body=body)
    result["title"] = "<b>Title</b>"
    page = report_html(SuiteRun(Engine(), None, [_case(path, result)]))
    assert "<img" not in page
    assert "alert(2)</script>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy is not None
    assert f"script-src 'sha256-{digest}'" in policy.group(1)
    assert policy.group(1).startswith("default-src 'none';")


def test_markdown_escapes_table_cells(tmp_path: Path, write_gold_case: Writer) -> None:
    assert inline("a|b\nc  d\\") == "a\\|b c d\\\\"
    path = write_gold_case(tmp_path, "pipes", ["staff"])
    result = _result([claim("Readers | writers met on Monday.")])
    text = report_markdown(SuiteRun(Engine(), None, [_case(path, result)]), root=tmp_path)
    assert "| case | status | P | R | F1 | grnd | cov | forb | time |" in text
    # Grounding 0: the claim calls itself supported, but the article does not hold it.
    assert "| [pipes](#pipes) | passed | 0.00 | 0.00 | 0.00 | 0.00 | 0.00 | 0 | 0.25s |" in text
    assert "| overall | 1/1 | 0.00 | 0.00 | 0.00 | 0.00 | 0.00 | 0 | 0.25s |" in text
    assert "Readers \\| writers met on Monday." in text
    assert "**missed**: " in text
    assert "Gold file: `cases/pipes/pipes.gold.json`." in text


def test_write_private_replaces_a_planted_symlink(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(target)
    write_private(link, "{}\n")
    assert target.read_text(encoding="utf-8") == "keep me"
    assert not link.is_symlink()
    assert link.read_text(encoding="utf-8") == "{}\n"
    assert stat.S_IMODE(link.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_reports_for_an_empty_suite(tmp_path: Path) -> None:
    written = write_reports(SuiteRun(Engine(), None, []), tmp_path / "r")
    assert [p.name for p in written] == ["report.json", "report.md", "report.html"]
    assert "0 of 0 cases passed" in (tmp_path / "r" / "report.md").read_text("utf-8")


def test_display_path(tmp_path: Path) -> None:
    inside = tmp_path / "a" / "b.gold.json"
    assert display_path(inside, tmp_path) == "a/b.gold.json"
    assert (
        display_path(Path("/elsewhere/c.gold.json"), tmp_path)
        == "../" * len(tmp_path.parts[1:]) + "elsewhere/c.gold.json"
    )


@pytest.mark.parametrize(
    ("model", "baseline", "expected"),
    [
        (None, "offline", None),  # the offline engine is already the primary
        ("m1", "offline", Engine()),
        ("m1", "OFFLINE", Engine()),
        ("m1", "none", None),
        ("m1", None, None),
        ("m1", "m1", None),  # would repeat the primary run
        ("m1", "m2", Engine("m2")),
    ],
)
def test_baseline_engine(model: str | None, baseline: str | None, expected: Engine | None) -> None:
    assert EvalOptions(model=model, baseline=baseline).baseline_engine == expected


def _measure_script() -> Any:
    """The helper as the package ships it (the repository script only wraps it)."""
    from factcheck.evals import measure_thresholds

    return measure_thresholds


def test_suggested_thresholds_floor_below_the_measured_score() -> None:
    suggest = _measure_script().suggest
    assert [suggest(v) for v in (0.89, 1.0, 0.85, 0.9, 0.6875, 0.05, 0.0)] == [
        0.8,
        0.95,
        0.8,
        0.85,
        0.6,
        0.0,
        0.0,
    ]
    assert suggest(0.77, margin=0.02, step=0.1) == 0.7


def test_measure_reports_scores_and_engine_problems(
    tmp_path: Path, write_gold_case: Writer
) -> None:
    write_gold_case(tmp_path, "library-missing", ["reopened", "books", "staff"])
    write_gold_case(tmp_path, "leaky", forbidden=["Farrow"])
    measured = _measure_script().measure(tmp_path, (), 0.05, 0.05)
    missing = measured["library-missing"]
    assert missing["measured"]["claim_recall"] == 0.6667
    assert missing["suggested"]["claim_recall"] == 0.6
    assert missing["suggested"]["claim_precision"] == 0.95
    assert missing["problems"] == []
    # Forbidden text is the engine's problem; no threshold is suggested to hide it.
    assert measured["leaky"]["problems"] == ["forbidden_hits 1 > maximum 0"]
