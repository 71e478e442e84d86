"""Lint gold files: problems that make a case unfair before any system runs on it.

Loading (``load_gold``) already checks the schema, the id against the file
name, the article path and repeated claims. Lint adds what needs the article
and the matcher:

- the article is readable, not empty, and at most ``MAX_ARTICLE_CHARS`` long;
- every key fact of every gold claim is stated in the article (read in its
  claim, see ``key_facts.claim_bound``), and every key-point term group has a
  term the article contains: a fact the article lacks can never be matched
  by a grounded answer;
- every gold claim states its own key facts and matches itself under the
  scorer's rules, so a perfect answer scores a perfect recall.

A case whose external article is absent is linted without the article checks.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import ExternalArticleMissingError, GoldFileError
from factcheck.evals.claim_matching import match_claims
from factcheck.evals.gold import GoldCase, load_gold
from factcheck.evals.key_facts import ParsedText, fact_present, term_present

MAX_ARTICLE_CHARS = 2_000_000  # far beyond any news article; keeps a suite's memory bounded


@dataclass
class LintReport:
    """The problems found in one gold file (empty when it is clean)."""

    path: Path
    case_id: str | None
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # checks left out, and why

    @property
    def ok(self) -> bool:
        return not self.problems

    def format(self) -> str:
        head = f"{self.path}: " + ("ok" if self.ok else f"{len(self.problems)} problem(s)")
        lines = [head, *(f"  {p}" for p in self.problems), *(f"  note: {n}" for n in self.notes)]
        return "\n".join(lines)


def _article_problems(gold: GoldCase, article: str) -> list[str]:
    problems = []
    parsed = ParsedText(article)
    for index, claim in enumerate(gold.claims):
        context = ParsedText(claim.text)
        for fact in claim.key_facts:
            if not fact_present(fact, parsed, claim=context):
                problems.append(
                    f"claims[{index}]: key fact {fact.label!r} ({fact.kind}) is not in the article"
                )
    for point in gold.summary_key_points:
        for group in point.terms:
            if not any(term_present(term, parsed) for term in group):
                problems.append(
                    f"summary_key_points {point.label!r}: none of {' | '.join(group)} "
                    "is in the article"
                )
    return problems


def _self_problems(gold: GoldCase) -> list[str]:
    problems = []
    for index, claim in enumerate(gold.claims):
        for fact in claim.key_facts:
            if not fact_present(fact, claim.text, claim=claim.text):
                problems.append(
                    f"claims[{index}]: does not state its own key fact {fact.label!r} ({fact.kind})"
                )
    matching = match_claims(gold.claims, [claim.text for claim in gold.claims])
    for miss in matching.missed:
        problems.append(f"claims[{miss.index}]: does not match itself: {miss.reason}")
    return problems


def lint_case(gold: GoldCase, external_dirs: Iterable[str | os.PathLike[str]] = ()) -> LintReport:
    """Lint one loaded case (see the module notes)."""
    report = LintReport(gold.path, gold.id)
    report.problems += _self_problems(gold)
    try:
        path = gold.article_path(external_dirs)
    except ExternalArticleMissingError as exc:
        report.notes.append(f"article checks skipped: {exc}")
        return report
    except GoldFileError as exc:
        report.problems.append(str(exc))
        return report
    try:
        size = path.stat().st_size
        if size > 4 * MAX_ARTICLE_CHARS:  # UTF-8: at most 4 bytes a character
            raise ValueError(f"{size} bytes")
        article = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        report.problems.append(f"article {path.name}: cannot be used: {exc}")
        return report
    if not article.strip():
        report.problems.append(f"article {path.name} is empty")
    elif len(article) > MAX_ARTICLE_CHARS:
        report.problems.append(
            f"article {path.name} has {len(article):,} characters (at most {MAX_ARTICLE_CHARS:,})"
        )
    else:
        report.problems += _article_problems(gold, article)
    return report


def lint_file(
    path: str | os.PathLike[str], external_dirs: Iterable[str | os.PathLike[str]] = ()
) -> LintReport:
    """Load and lint one gold file; a file that does not load is one problem."""
    gold_path = Path(path)
    try:
        gold = load_gold(gold_path)
    except GoldFileError as exc:
        return LintReport(gold_path, None, [str(exc)])
    return lint_case(gold, external_dirs)


def lint_paths(
    paths: Iterable[Path], external_dirs: Iterable[str | os.PathLike[str]] = ()
) -> list[LintReport]:
    dirs = tuple(external_dirs)
    return [lint_file(path, dirs) for path in paths]
