"""How well a judge model catches unfaithful summaries, and what it costs.

Two sets, each checked by the rules alone and by the rules with a judge:

- ``frank``: the human-judged summaries of ``../shared/data/frank-valid``
  (read in place, never copied); a summary is unfaithful when its
  ``factuality`` is below 1. Figures: balanced accuracy of the "unfaithful"
  flag (any sentence not supported) per dataset, for the rules, the judge's
  own verdicts, and the two combined; tokens and requests per summary.
- ``perturbations``: statements made from sentences of the articles this
  repository ships, each kept as it is (a faithful control) or changed in one
  way (a number, a negation, two names swapped); the catch rate per kind.
  They are read through :func:`perturbation_cases`, the one place to point at
  another suite.

Without ``--model`` the script starts the loopback OpenAI-compatible test
server, whose default model calls every statement supported: that run proves
the plumbing and the request count (``requests == expected_requests``, one
call per 20 statements), not a judge's quality. With a key or a local server:

    python bench/judge.py --model NAME [--base-url URL] [--limit N] [--concurrency 8]

Requests are held to ``--concurrency`` in flight across all cases at once
(a case's judge sends its batches of statements together, so bounding cases
alone would not bound requests). ``max_in_flight`` (in each set's ``cost``) is the most
requests the loopback server answered at once, or, against another server,
the most the client had in flight (``max_in_flight_seen_by``); above the bound
the script stops with an error.

The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import math
import random
import re
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _corpus import EXAMPLE, REPO

from factcheck import load_article
from factcheck.batch.limited_model import LimitedModel
from factcheck.batch.limiter import AdaptiveLimiter
from factcheck.grounding import verify_text
from factcheck.judge import JudgedReport
from factcheck.judge.verify import ajudge_report
from factcheck.llm import JsonModel, OpenAICompatibleModel
from factcheck.sentences import sentence_spans
from factcheck.testing import FakeOpenAIServer

FRANK = REPO.parent / "shared" / "data" / "frank-valid"


@dataclass(frozen=True)
class Case:
    """A text to verify against an article, with the truth about it."""

    set: str  # "frank" or "perturbations"
    group: str  # frank: the dataset (cnndm, bbc); perturbations: the kind of change
    article: str  # the article text
    text: str  # the summary or statement
    unfaithful: bool


def frank_cases(directory: Path, limit: int | None) -> list[Case]:
    lines = (directory / "summaries.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    if limit is not None:
        rows = rows[:limit]
    articles: dict[str, str] = {}
    cases = []
    for row in rows:
        key = str(row["article"])
        if key not in articles:
            articles[key] = (directory / "articles" / f"{key}.txt").read_text(encoding="utf-8")
        cases.append(
            Case("frank", row["dataset"], articles[key], row["summary"], row["factuality"] < 1.0)
        )
    return cases


# --- perturbations --------------------------------------------------------

_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*\b")
_NEGATABLE = re.compile(r"\b(is|was|are|were|will|would|has|have|had|can|could)\b")


def _changed_number(sentence: str, rng: random.Random) -> str | None:
    numbers = [m for m in _NUMBER.finditer(sentence) if m.group(0)[-1].isdigit()]
    if not numbers:
        return None
    m = rng.choice(numbers)
    digits = m.group(0)
    value = str(int(re.sub(r"\D", "", digits) or "0") * 3 + 7)
    return sentence[: m.start()] + value + sentence[m.end() :]


def _negated(sentence: str, rng: random.Random) -> str | None:
    m = _NEGATABLE.search(sentence)
    if m is None or " not " in sentence:
        return None
    return sentence[: m.end()] + " not" + sentence[m.end() :]


def _swapped_names(sentence: str, rng: random.Random) -> str | None:
    # Names after the first word, so a sentence-initial "The" is not a name.
    names = list(dict.fromkeys(m.group(0) for m in _NAME.finditer(sentence, 1)))
    if len(names) < 2:
        return None
    a, b = names[0], names[1]
    if a in b or b in a:
        return None
    return sentence.replace(a, "\0").replace(b, a).replace("\0", b)


PERTURBATIONS = {"number": _changed_number, "negation": _negated, "swapped_names": _swapped_names}


def perturbation_cases(per_kind: int, seed: int = 3) -> list[Case]:
    """Faithful controls and one-change perturbations of shipped articles' sentences.

    The one function the script reads perturbations through: point it at
    another suite by returning its cases as :class:`Case` (``group`` = kind).
    """
    rng = random.Random(seed)
    paths = [EXAMPLE, *sorted((REPO / "evals").rglob("article.txt"))]
    pool: list[tuple[str, str]] = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        body = load_article(text).body
        pool += [(text, body[s:e]) for s, e in sentence_spans(body) if 60 <= e - s <= 300]
    rng.shuffle(pool)
    cases: list[Case] = []
    counts = dict.fromkeys(["control", *PERTURBATIONS], 0)
    for article, sentence in pool:
        if counts["control"] < per_kind:
            cases.append(Case("perturbations", "control", article, sentence, False))
            counts["control"] += 1
        for kind, change in PERTURBATIONS.items():
            changed = change(sentence, rng) if counts[kind] < per_kind else None
            if changed is not None and changed != sentence:
                cases.append(Case("perturbations", kind, article, changed, True))
                counts[kind] += 1
        if min(counts.values()) >= per_kind:
            break
    return cases


# --- running ---------------------------------------------------------------


@dataclass
class Outcome:
    case: Case
    rules_flag: bool
    judge_flag: bool  # any verdict other than supported
    combined_flag: bool
    statements: int
    judged: int
    requests: int
    prompt_tokens: int
    completion_tokens: int
    failures: int


async def _judge_case(case: Case, model: JsonModel, concurrency: int) -> Outcome:
    article = load_article(case.article)
    report = verify_text(article, case.text if case.set == "frank" else [case.text])
    judged: JudgedReport = await ajudge_report(
        report, article.body, model, title=article.title, concurrency=concurrency
    )
    checks = judged.report.checks
    usage = judged.usage
    return Outcome(
        case=case,
        rules_flag=any(c.status != "supported" for c in report.checks),
        judge_flag=any(c.judge is not None and c.judge.verdict != "supported" for c in checks),
        combined_flag=any(c.status != "supported" for c in checks),
        statements=len(checks),
        judged=sum(1 for c in checks if c.judge is not None),
        requests=usage.requests,
        prompt_tokens=usage.prompt_tokens,
        completion_tokens=usage.completion_tokens,
        failures=len(judged.judge_failures),
    )


async def run_cases(
    cases: Sequence[Case], model: JsonModel, concurrency: int
) -> tuple[list[Outcome], int]:
    """Every case's outcome, and the most requests this client had in flight at once."""
    gate = asyncio.Semaphore(concurrency)
    # One bound on requests across all cases, as a batch holds all its articles.
    limiter = AdaptiveLimiter(concurrency)
    limited = LimitedModel(model, limiter)

    async def one(case: Case) -> Outcome:
        async with gate:
            return await _judge_case(case, limited, concurrency)

    outcomes = list(await asyncio.gather(*(one(case) for case in cases)))
    return outcomes, limiter.peak_in_flight


def balanced_accuracy(truth: Sequence[bool], flags: Sequence[bool]) -> float | None:
    positives = [f for t, f in zip(truth, flags, strict=True) if t]
    negatives = [not f for t, f in zip(truth, flags, strict=True) if not t]
    if not positives or not negatives:
        return None
    return round((sum(positives) / len(positives) + sum(negatives) / len(negatives)) / 2, 4)


def frank_figures(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for group in sorted({o.case.group for o in outcomes}):
        mine = [o for o in outcomes if o.case.group == group]
        truth = [o.case.unfaithful for o in mine]
        figures[group] = {
            "summaries": len(mine),
            "unfaithful": sum(truth),
            "balanced_accuracy": {
                name: balanced_accuracy(truth, [getattr(o, f"{name}_flag") for o in mine])
                for name in ("rules", "judge", "combined")
            },
        }
    return figures


def perturbation_figures(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for group in sorted({o.case.group for o in outcomes}):
        mine = [o for o in outcomes if o.case.group == group]
        rate = "false_alarm_rate" if group == "control" else "catch_rate"
        figures[group] = {
            "cases": len(mine),
            rate: {
                name: round(sum(getattr(o, f"{name}_flag") for o in mine) / len(mine), 4)
                for name in ("rules", "judge", "combined")
            },
        }
    return figures


def costs(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    n = max(1, len(outcomes))
    statements = sum(o.statements for o in outcomes)
    return {
        "requests": sum(o.requests for o in outcomes),
        "expected_requests": sum(math.ceil(o.statements / 20) for o in outcomes),
        "requests_per_item": round(sum(o.requests for o in outcomes) / n, 3),
        "prompt_tokens_per_item": round(sum(o.prompt_tokens for o in outcomes) / n, 1),
        "completion_tokens_per_item": round(sum(o.completion_tokens for o in outcomes) / n, 1),
        "prompt_tokens_per_statement": round(
            sum(o.prompt_tokens for o in outcomes) / max(1, statements), 1
        ),
        "statements": statements,
        "judged": sum(o.judged for o in outcomes),
        "failed_calls": sum(o.failures for o in outcomes),
    }


def in_flight_figures(
    server: Server, client_peak: int, concurrency: int, set_name: str
) -> dict[str, Any]:
    """The most requests in flight at once: as the loopback server counted them, if it answered."""
    if server.loopback is not None:
        peak, seen_by = server.loopback.max_in_flight, "server"
    else:
        peak, seen_by = client_peak, "client"
    if peak > concurrency:
        raise SystemExit(
            f"{set_name}: {peak} requests were in flight at once, above the bound of {concurrency}"
        )
    return {"max_in_flight": peak, "max_in_flight_seen_by": seen_by}


def pipeline_tokens(model_name: str, base_url: str | None) -> dict[str, Any]:
    """The example article checked with and without the judge: prompt tokens side by side."""
    import factcheck

    plain = factcheck.check(EXAMPLE, model=model_name, base_url=base_url)
    judged = factcheck.check(EXAMPLE, model=model_name, base_url=base_url, judge=True)
    judge_calls = [c for c in judged.calls if c.label.startswith("judge[")]
    statements = len(judged.claims) + len(judged.summary_checks)
    judge_prompt = sum(c.usage.prompt_tokens for c in judge_calls)
    return {
        "prompt_tokens_without_judge": plain.usage.prompt_tokens,
        "prompt_tokens_with_judge": judged.usage.prompt_tokens,
        "judged_statements": statements,
        "judge_requests": sum(c.usage.requests for c in judge_calls),
        "judge_prompt_tokens_per_statement": round(judge_prompt / max(1, statements), 1),
    }


@dataclass
class Server:
    """The server the judge talks to; ``loopback`` counts its requests in flight."""

    model: str
    base_url: str | None
    answered_by: str
    loopback: FakeOpenAIServer | None = None


@contextlib.contextmanager
def _server(model: str | None, base_url: str | None) -> Iterator[Server]:
    """The given server, or the loopback one."""
    if model is not None:
        yield Server(model, base_url, base_url or "OpenAI")
        return
    with FakeOpenAIServer() as server:
        answered_by = "loopback test server (every verdict supported)"
        yield Server("fake-model", server.base_url, answered_by, server)


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="judge model (default: the loopback test server)")
    parser.add_argument("--base-url", help="OpenAI-compatible server URL")
    parser.add_argument("--limit", type=int, help="frank summaries to judge (default: all)")
    parser.add_argument("--per-kind", type=int, default=40, help="perturbation cases per kind")
    parser.add_argument("--concurrency", type=int, default=8, help="cases judged at once")
    parser.add_argument("--frank", type=Path, default=FRANK, help="frank-valid directory")
    args = parser.parse_args(argv)
    logging.getLogger("factcheck").setLevel(logging.ERROR)
    report: dict[str, Any] = {}
    with _server(args.model, args.base_url) as server:
        name, base_url = server.model, server.base_url
        model = OpenAICompatibleModel(name, base_url=base_url, timeout=120.0)
        started = time.perf_counter()
        sets: dict[str, list[Case]] = {"perturbations": perturbation_cases(args.per_kind)}
        if (args.frank / "summaries.jsonl").is_file():
            sets["frank"] = frank_cases(args.frank, args.limit)
        else:
            print(f"{args.frank} not found: frank figures skipped", file=sys.stderr)
        for set_name, cases in sets.items():
            if server.loopback is not None:
                server.loopback.reset_max_in_flight()
            outcomes, client_peak = asyncio.run(run_cases(cases, model, args.concurrency))
            figures = (frank_figures if set_name == "frank" else perturbation_figures)(outcomes)
            in_flight = in_flight_figures(server, client_peak, args.concurrency, set_name)
            report[set_name] = {**figures, "cost": {**costs(outcomes), **in_flight}}
            print(f"{set_name}: {json.dumps(report[set_name])}", file=sys.stderr)
        report["pipeline"] = pipeline_tokens(name, base_url)
        report["model"] = name
        report["answered_by"] = server.answered_by
        report["wall_s"] = round(time.perf_counter() - started, 2)
    return report


if __name__ == "__main__":
    print(json.dumps(main()))
