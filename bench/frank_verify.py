"""``factcheck verify`` against human judgements: FRANK's validation split.

Each of the 658 summaries (CNN/DailyMail and BBC articles, nine systems) is
checked with ``verify_text``; a summary is flagged unfaithful when any of its
sentences is not ``supported``, and the annotators' label is unfaithful when
its ``factuality`` is below 1. Two reference rules are measured in the same
run on the same summaries:

- ``number_rule``: a number in the summary is not in the article;
- ``word_rule``: any content word of the summary is not in the article.

Figures per dataset: balanced accuracy and precision of the unfaithful flag,
for the whole split and for each half of the articles (split by article id,
so a rule tuned on one half can be read on the other). ``median_ms`` is the
median ``verify_text`` time per summary (the article's indexes are built
once per article, as for any caller checking several summaries of one text).

The last line printed is one JSON object.

    python bench/frank_verify.py [--data ../shared/data/frank-valid]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from factcheck.facts.quantities import find_quantities
from factcheck.grounding import verify_text
from factcheck.grounding.overlap import content_words
from factcheck.grounding.tokenised import readable
from factcheck.ingest import load_article

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "frank-valid"
TARGETS = {"cnndm": 0.72, "bbc": 0.62, "median_ms": 10.0}


def balanced_accuracy(flags: Sequence[bool], labels: Sequence[bool]) -> float:
    """Mean of the recall of each class (label True = unfaithful)."""
    pos = [f for f, y in zip(flags, labels, strict=True) if y]
    neg = [f for f, y in zip(flags, labels, strict=True) if not y]
    tpr = sum(pos) / len(pos) if pos else 0.0
    tnr = (len(neg) - sum(neg)) / len(neg) if neg else 0.0
    return (tpr + tnr) / 2


def precision(flags: Sequence[bool], labels: Sequence[bool]) -> float:
    hits = [y for f, y in zip(flags, labels, strict=True) if f]
    return sum(hits) / len(hits) if hits else 0.0


def number_rule(body: str, summary: str) -> bool:
    """A number of the summary is not among the article's numbers."""
    values = {q.value for q in find_quantities(body)}
    return any(q.value not in values for q in find_quantities(readable(summary)))


def word_rule(body: str, summary: str) -> bool:
    """A content word of the summary is not in the article."""
    return bool(content_words(readable(summary)) - content_words(body))


def half(article_id: str) -> int:
    return hashlib.sha256(article_id.encode()).digest()[0] % 2


def figures(rows: list[dict[str, Any]], flag: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for dataset in ("cnndm", "bbc"):
        chosen = [r for r in rows if r["dataset"] == dataset]
        flags = [flag(r) for r in chosen]
        labels = [r["unfaithful"] for r in chosen]
        halves = []
        for h in (0, 1):
            part = [i for i, r in enumerate(chosen) if half(r["article"]) == h]
            halves.append(
                round(balanced_accuracy([flags[i] for i in part], [labels[i] for i in part]), 3)
            )
        out[dataset] = {
            "balanced_accuracy": round(balanced_accuracy(flags, labels), 3),
            "precision": round(precision(flags, labels), 3),
            "halves": halves,
        }
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="check only the first N summaries")
    args = parser.parse_args(argv)
    path = args.data / "summaries.jsonl"
    if not path.is_file():
        print(f"frank_verify: no {path}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    if args.limit:
        rows = rows[: args.limit]
    articles = {}
    times: list[float] = []
    for row in rows:
        if row["article"] not in articles:
            articles[row["article"]] = load_article(
                args.data / "articles" / f"{row['article']}.txt"
            )
        article = articles[row["article"]]
        started = time.perf_counter()
        report = verify_text(article, row["summary"])
        times.append(time.perf_counter() - started)
        row["ours"] = not report.all_supported
        row["unfaithful"] = row["factuality"] < 1.0
        row["body"] = article.body
    ours = figures(rows, lambda r: bool(r["ours"]))
    numbers = figures(rows, lambda r: number_rule(r["body"], r["summary"]))
    words = figures(rows, lambda r: word_rule(r["body"], r["summary"]))
    median_ms = 1000 * statistics.median(times)
    for name, fig in (("verify", ours), ("number rule", numbers), ("word rule", words)):
        print(
            f"{name:12} CNN/DM {fig['cnndm']['balanced_accuracy']:.3f} "
            f"(halves {fig['cnndm']['halves']})  BBC {fig['bbc']['balanced_accuracy']:.3f} "
            f"(halves {fig['bbc']['halves']})"
        )
    meets = {
        dataset: ours[dataset]["balanced_accuracy"] >= TARGETS[dataset]
        and ours[dataset]["balanced_accuracy"] > numbers[dataset]["balanced_accuracy"]
        and ours[dataset]["balanced_accuracy"] > words[dataset]["balanced_accuracy"]
        for dataset in ("cnndm", "bbc")
    }
    meets["median_ms"] = median_ms < TARGETS["median_ms"]
    summary = {
        "summaries": len(rows),
        "verify": ours,
        "number_rule": numbers,
        "word_rule": words,
        "median_ms": round(median_ms, 2),
        "targets": TARGETS,
        "meets_targets": meets,
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
