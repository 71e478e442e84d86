"""The HTML report opened in a real headless Chromium: it renders, its script runs, and every
highlight covers exactly its claim's evidence span."""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import factcheck
from factcheck.evals import load_gold, score_case
from factcheck.evals.report_files import write_reports
from factcheck.evals.runner import CaseRun, Engine, EngineRun, EvalOptions, SuiteRun, run_case
from factcheck.result import Claim, Evidence

Writer = Callable[..., Path]

# Written for this test: an emoji (outside the BMP, two UTF-16 units in the
# browser) ahead of every claim, and characters that need escaping.
FERRY_ARTICLE = """Harbour bridge toll rises for lorries

PELLING 🚢 — Lorries crossing the Pelling harbour bridge will pay 14 euros from 1 April, up \
from 9 euros, the port authority said on Tuesday.

The authority said its "R&D fund" & maintenance budget needed 3.5 million euros a year, and \
that cars paying 2 euros < lorries would not see a rise.
"""

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


@dataclass
class Mark:
    claims: list[int]
    classes: list[str]
    text: str = ""


@dataclass
class Body:
    text: str = ""
    marks: list[Mark] = field(default_factory=list)


class ReportDom(HTMLParser):
    """What the checks need from the dumped DOM: bodies with their marks, a few elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bodies: list[Body] = []
        self.in_body = 0  # element depth inside the current article body; 0 = outside
        self.mark: Mark | None = None
        self.html_attrs: dict[str, str | None] = {}
        self.by_id: dict[str, str] = {}
        self._capture: str | None = None
        self.scripts = 0
        self.cases: dict[str, str] = {}
        self.missed_rows: list[str] = []
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        classes = (attr.get("class") or "").split()
        if tag == "html":
            self.html_attrs = attr
        if tag == "script":
            self.scripts += 1
        if tag == "article" and "case" in classes:
            self.cases[attr.get("id") or ""] = attr.get("data-status") or ""
        if tag == "tr" and "missed" in classes:
            self._row = []
        if attr.get("id") == "shown-count":
            self._capture = "shown-count"
            self.by_id["shown-count"] = ""
        if self.in_body:
            self.in_body += 1
            if tag == "mark":
                keys = [int(k) for k in (attr.get("data-claims") or "").split()]
                self.mark = Mark(keys, classes)
                self.bodies[-1].marks.append(self.mark)
        elif tag == "div" and "article-body" in classes:
            self.bodies.append(Body())
            self.in_body = 1

    def handle_endtag(self, tag: str) -> None:
        if self.in_body:
            self.in_body -= 1
            if tag == "mark":
                self.mark = None
        if tag == "span" and self._capture:
            self._capture = None
        if tag == "tr" and self._row is not None:
            self.missed_rows.append("".join(self._row))
            self._row = None

    def handle_data(self, data: str) -> None:
        if self.in_body:
            self.bodies[-1].text += data
            if self.mark is not None:
                self.mark.text += data
        if self._capture:
            self.by_id[self._capture] += data
        if self._row is not None:
            self._row.append(data)


def _browser(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _ferry_run(tmp_path: Path, write_gold_case: Writer) -> tuple[CaseRun, dict[str, Any]]:
    """The offline engine's answer for the ferry article, plus two claims added by hand:
    one overlapping the first claim's evidence (partial) and one with no evidence."""
    gold_path = write_gold_case(
        tmp_path, "ferry", ["staff"], thresholds={"claim_recall": 0.5}, article=FERRY_ARTICLE
    )
    gold = load_gold(gold_path)
    logging.getLogger("factcheck").disabled = True
    try:
        result = factcheck.check(FERRY_ARTICLE).to_dict()
    finally:
        logging.getLogger("factcheck").disabled = False
    body = result["body"]
    start = body.index("14 euros from 1 April")
    end = start + len("14 euros from 1 April, up from 9 euros")
    overlapping = Claim(
        text="The toll rises from 9 to 14 euros for lorries.",
        quote=body[start:end],
        category="quantity",
        status="partial",
        problems=("number 14 appears, 'lorries' does not",),
        evidence=Evidence(start, end, body[start:end], "exact", 100.0),
    )
    nowhere = Claim(text="The bridge closes at night.", quote="closes at night")
    result["claims"] += [overlapping.to_dict(), nowhere.to_dict()]
    score = score_case(gold, result)
    return CaseRun("ferry", gold_path, gold, EngineRun(Engine(), score, result, 0.05)), result


def test_report_renders_and_highlights_land_on_the_evidence(
    chromium: str,
    tmp_path: Path,
    artifacts_dir: Path,
    write_gold_case: Writer,
) -> None:
    ferry, result = _ferry_run(tmp_path / "ferry", write_gold_case)
    library_gold = load_gold(write_gold_case(tmp_path / "library", "library"))
    library = run_case(library_gold, EvalOptions())
    shelved = load_gold(write_gold_case(tmp_path / "shelved", "shelved", external="gone.txt"))
    skipped = run_case(shelved, EvalOptions())
    suite = SuiteRun(Engine(), None, [ferry, library, skipped])
    report = write_reports(suite, tmp_path / "reports")[2]
    assert report.name == "report.html"
    html = report.read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org", "")  # no external assets
    assert "https://" not in html

    dumped = _browser(chromium, tmp_path / "profile", "--dump-dom", report.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    dom = ReportDom()
    dom.feed(dumped.stdout)

    # The script ran: it marked the page ready and counted the cases it shows.
    assert dom.html_attrs.get("data-ready") == "true"
    assert dom.by_id["shown-count"] == "3 of 3 cases shown"
    assert dom.scripts == 1  # ours only; article text never became markup
    assert dom.cases == {
        "case-ferry": "failed",
        "case-library": "passed",
        "case-shelved": "skipped",
    }
    assert any("The Lakeside library will hire 12 new staff." in row for row in dom.missed_rows)

    ferry_body = dom.bodies[0]
    body = result["body"]
    assert ferry_body.text == body  # every character, emoji and escapes included, in order
    claims = result["claims"]
    placed = [i for i, claim in enumerate(claims) if claim["span"] is not None]
    assert placed == [0, 1, 2]  # the claim with no evidence has nothing to highlight
    for index in placed:
        span = claims[index]["span"]
        covering = [m for m in ferry_body.marks if index in m.claims]
        assert "".join(m.text for m in covering) == body[span["start"] : span["end"]]
        expected_status = claims[index]["status"]
        assert all(expected_status in m.classes or "overlap" in m.classes for m in covering)
    overlap = [m for m in ferry_body.marks if len(m.claims) > 1]
    assert [(m.claims, m.text) for m in overlap] == [
        ([0, 2], "14 euros from 1 April, up from 9 euros")
    ]
    # The overlap is drawn with the worse of the two statuses.
    assert {"partial", "overlap"} <= set(overlap[0].classes)

    library_body = dom.bodies[1]
    library_claims = library.primary.result["claims"] if library.primary.result else []
    assert len(library_body.marks) == len(library_claims) == 2
    library_text = library.primary.result["body"] if library.primary.result else ""
    for mark, claim in zip(library_body.marks, library_claims, strict=True):
        assert mark.text == library_text[claim["span"]["start"] : claim["span"]["end"]]

    shot = artifacts_dir / "eval-report.png"
    taken = _browser(
        chromium,
        tmp_path / "profile",
        f"--screenshot={shot}",
        "--window-size=1280,2000",
        report.as_uri(),
    )
    assert taken.returncode == 0, taken.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one
