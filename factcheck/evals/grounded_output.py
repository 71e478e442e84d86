"""Ground any system's output against its article before it is scored.

Nothing an output says about itself is taken on trust: the statuses,
problems, evidence spans and summary checks it carries are dropped and
computed again by the library's own check (``factcheck.grounding``), against
the article the gold file names. So a summary with an invented figure cannot
pass by leaving out its ``summary_checks``, and a claim cannot pass by
calling itself ``supported``.

- a claim with a quote: the quote is located in the body and the claim's
  numbers, dates and names are checked against it (``ground_claim``, the
  grounding the pipeline uses);
- a claim without a quote (a plain string, or a dict with no ``quote``): the
  evidence is searched for as for a summary sentence (``SummaryChecker``);
  the sentence found becomes its quote, and its status is the check's;
- the summary: every sentence is checked (``SummaryChecker.check_summary``).

``invented_figures`` lists the numbers and dates of the summary and the claim
texts that the article states nowhere, at any bound: a figure that cannot be
a rounding or a rewording of anything in the article.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from factcheck.article import Article
from factcheck.evals.claim_matching import claim_text
from factcheck.grounding.claims import ground_claim
from factcheck.grounding.compare import FactSet, missing_facts
from factcheck.grounding.summary import SummaryChecker
from factcheck.result import CATEGORIES, STANCES, Claim, Evidence, Result, SentenceCheck, Stance
from factcheck.sentences import sentence_spans

# Statuses that fail a sentence or claim outright ("contradicted": the article
# states something else).
FAILING_STATUSES = frozenset({"unsupported", "contradicted"})
# ``--fail-on`` levels: the statuses that fail at each.
FAIL_ON: dict[str, frozenset[str]] = {
    "unsupported": FAILING_STATUSES,
    "partial": FAILING_STATUSES | {"partial"},
}
SYSTEM_ENGINE = "system"
NO_QUOTE = "no quote given; evidence searched for in the article"


def failing_checks(
    checks: Sequence[SentenceCheck], fail_on: str = "unsupported"
) -> list[SentenceCheck]:
    """The checks whose status fails at level ``fail_on`` ("unsupported" or "partial")."""
    statuses = FAIL_ON[fail_on]
    return [check for check in checks if check.status in statuses]


def load_body(article: Article | str | os.PathLike[str]) -> Article:
    """The article as the check reads it: a loaded Article, its text, or a path to it."""
    if isinstance(article, Article):
        return article
    from pathlib import Path

    from factcheck.ingest import load_article

    return load_article(Path(article) if isinstance(article, os.PathLike) else article)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _claim_from(item: Any) -> tuple[Claim, bool]:
    """A claim to ground from a string or a dict, and whether it came with a quote."""
    if isinstance(item, str):
        return Claim(text=item, quote=""), False
    if not isinstance(item, Mapping):
        return Claim(text="", quote=""), False
    quote = _text(item.get("quote"))
    stance = item.get("stance")
    category = item.get("category")
    speaker = item.get("speaker")
    claim = Claim(
        text=_text(item.get("text")),
        quote=quote,
        category=category if category in CATEGORIES else "other",
        speaker=speaker if isinstance(speaker, str) else None,
        stance=cast(Stance, stance) if stance in STANCES else "asserted",
    )
    return claim, bool(quote.strip())


def _ground(checker: SummaryChecker, article: Article, item: Any) -> dict[str, Any]:
    claim, quoted = _claim_from(item)
    if quoted:
        grounded = ground_claim(checker.index, claim, to_original=article.body_span_to_original)
        grounded = _names_from_antecedent(checker.body, grounded, item)
        out = grounded.to_dict()
    else:
        text = claim.text.strip()
        if not text:
            out = {**claim.to_dict(), "problems": ["empty claim text"], "status": "unsupported"}
        else:
            check = checker.check(text, 0, len(text))
            evidence = check.evidence
            if evidence is not None:
                start, end = article.body_span_to_original(evidence.start, evidence.end)
                evidence = _with_original(evidence, start, end)
            # The claim as given, quoting the evidence its text was found on (if any).
            claim = dataclasses.replace(
                claim,
                quote="" if evidence is None else evidence.text,
                status=check.status,
                problems=(NO_QUOTE, *check.problems),
                evidence=evidence,
            )
            out = claim.to_dict()
    return out


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _antecedent_start(body: str, claim: Claim, item: Any) -> int | None:
    """Where the output says the quote's context starts, when that verifiably precedes it.

    Only an exact span that holds the quote counts; the start must lie before
    the quote's own sentence.
    """
    evidence = claim.evidence
    given = item.get("evidence") if isinstance(item, Mapping) else None
    if evidence is None or evidence.method != "exact" or not isinstance(given, Mapping):
        return None
    start, end, context = (_int(given.get(k)) for k in ("start", "end", "sentence_start"))
    if start is None or end is None or context is None:
        return None
    if (start, end) != (evidence.start, evidence.end) or body[start:end] != claim.quote:
        return None
    own = evidence.sentence_start if evidence.sentence_start is not None else evidence.start
    return context if 0 <= context < own else None


def _names_from_antecedent(body: str, claim: Claim, item: Any) -> Claim:
    """A claim that names whom its quote calls "it" or "she", resolved from earlier text.

    An extractive system replaces a pronoun with the name it stands for
    ("Alvern Water said ..." for "It said ..."), and says where that name
    stands. Names (and only names) may then be found from there up to the
    quote's sentence; numbers and dates must still be in the quote's own
    sentence(s), so a figure can never be supported from elsewhere.
    """
    context = _antecedent_start(body, claim, item) if claim.status == "partial" else None
    if context is None or claim.evidence is None:
        return claim
    evidence = claim.evidence
    own_start = evidence.start if evidence.sentence_start is None else evidence.sentence_start
    own_end = evidence.end if evidence.sentence_end is None else evidence.sentence_end
    own = FactSet(body[own_start:own_end])
    wider = FactSet(body[context:own_end])
    if not claim.text.strip():
        return claim
    problems = tuple(
        p.message() for p in missing_facts(FactSet(claim.text), own, name_evidence=wider)
    )
    return dataclasses.replace(
        claim, status="partial" if problems else "supported", problems=problems
    )


def _with_original(evidence: Evidence, start: int, end: int) -> Evidence:
    return dataclasses.replace(evidence, original_start=start, original_end=end)


def ground_output(
    article: Article | str | os.PathLike[str],
    data: Mapping[str, Any],
) -> dict[str, Any]:
    """``data`` (the ``Result.to_dict()`` shape, or any part of it) grounded against ``article``.

    Returns a copy whose ``claims`` and ``summary_checks`` are the check's own
    verdicts and whose ``body`` is the article's; every other key is kept.
    ``claims`` may hold strings or dicts (``text``, optional ``quote``,
    ``stance``, ``category``, ``speaker``).
    """
    loaded = load_body(article)
    checker = SummaryChecker(loaded.body, title=loaded.title)
    summary = _text(data.get("summary"))
    raw = data.get("claims")
    items: Sequence[Any] = raw if isinstance(raw, (list, tuple)) else ()
    out = dict(data)
    out["summary"] = summary
    out["claims"] = [_ground(checker, loaded, item) for item in items]
    out["summary_checks"] = [c.to_dict() for c in checker.check_summary(summary)] if summary else []
    out["body"] = loaded.body
    return out


def system_result(
    article: Article | str | os.PathLike[str],
    *,
    summary: str = "",
    claims: Sequence[Any] = (),
    label: str | None = None,
) -> dict[str, Any]:
    """Another system's summary and claims as a grounded result (the ``Result`` shape)."""
    loaded = load_body(article)
    shell = Result(
        summary=summary,
        claims=[],
        engine=SYSTEM_ENGINE,
        model=label,
        prompt_version=None,
        body=loaded.body,
        title=loaded.title,
        source=loaded.source,
        trailer=[block.to_dict() for block in loaded.trailer],
    ).to_dict()
    shell["claims"] = list(claims)
    return ground_output(loaded, shell)


@dataclass(frozen=True)
class InventedFigure:
    """A number or date an output states that its article states nowhere."""

    kind: str  # "number" | "date"
    text: str
    where: str  # "summary", "claims[2].text"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "where": self.where}


@lru_cache(maxsize=16)
def _body_facts(body: str) -> tuple[FactSet, frozenset[float]]:
    """The body's facts and the exact values it states, kept for the runs scored on it."""
    facts = FactSet(body)
    values = {q.value for q in facts.quantities} | {float(d.year) for d in facts.dates if d.year}
    return facts, frozenset(values)


def _invented_in(text: str, where: str, body: str) -> list[InventedFigure]:
    from factcheck.facts.matching import value_supported

    facts, values = _body_facts(body)
    statement = FactSet(text)
    out = []
    for date in statement.dates:
        if not facts.has_date(date):
            out.append(InventedFigure("date", date.text, where))
    for quantity in statement.quantities:
        # Any bound and unit: a wrong bound is the check's business, not an invention.
        found = quantity.value in values or any(
            value_supported(quantity.value, stated.value, approximate=True)
            for stated in facts.quantities
        )
        if not found:
            out.append(InventedFigure("number", quantity.text, where))
    return out


def invented_figures(body: str, summary: str, claims: Sequence[Any]) -> list[InventedFigure]:
    """Numbers and dates in ``summary`` or the claim texts that ``body`` nowhere states."""
    out: list[InventedFigure] = []
    for start, end in sentence_spans(summary) if summary else ():
        out += _invented_in(summary[start:end], "summary", body)
    for index, item in enumerate(claims):
        text = item if isinstance(item, str) else claim_text(item)
        if text:
            out += _invented_in(text, f"claims[{index}].text", body)
    return out


def assert_grounded(
    article: Article | str | os.PathLike[str], summary: str, *, fail_on: str = "unsupported"
) -> None:
    """Fail (AssertionError) when ``summary`` is not grounded in ``article``.

    It fails when a sentence's check is unsupported or contradicted (with
    ``fail_on="partial"``, also partial), and whenever the summary states a
    number or date the article states nowhere, whatever the sentence's status.
    The message lists each such sentence with its problems.
    """
    from factcheck.grounding import verify_text

    if fail_on not in FAIL_ON:
        raise ValueError(f"fail_on must be one of {', '.join(FAIL_ON)}, got {fail_on!r}")
    loaded = load_body(article)
    report = verify_text(loaded, summary)
    failing = failing_checks(report.checks, fail_on)
    invented = invented_figures(loaded.body, summary, ())
    if not failing and not invented:
        return
    lines = [f"summary not grounded in the article ({len(report.checks)} sentence(s) checked):"]
    for check in failing:
        lines.append(f"  [{check.status}] {check.text!r}")
        lines += [f"      {problem}" for problem in check.problems]
    for figure in invented:
        lines.append(f"  {figure.kind} {figure.text!r} is nowhere in the article")
    raise AssertionError("\n".join(lines))
