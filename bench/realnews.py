"""The offline engine on real news: the FRANK validation articles (CNN/DailyMail and BBC).

Runs ``factcheck.check`` (offline engine, end to end) on every article of
``../shared/data/frank-valid/articles`` and measures what a fact-checker would
object to. Each figure is judged by a rule of its own, written here and not
taken from the engine, so the engine cannot pass by agreeing with itself:

- ``articles_without_claims``: articles that gave no claim at all.
- ``claims_over_40_words``: share of claims whose text has more than 40 words.
- ``claims_spanning_sentences``: share of claims whose quote holds a sentence
  end followed by another sentence (a full stop, question or exclamation mark,
  closing quotes, then a capital letter, with or without a space: BBC text
  glues sentences, ``said.The``); a full stop after an initial or a known
  abbreviation (``M.D.``, ``U.S.``, ``Dr.``) or between digits is no end.
- ``furniture_share``: share of claims and summary sentences that hold page
  furniture, found by its fixed wording (video and share prompts, playback
  notices, reporter credits, photo credits, timing tables).
- ``pronoun_openings``: share of claims whose text opens on a pronoun
  (he, she, it, they, I, we and their other forms) that names nobody.
- ``quotes_verbatim``: share of claims whose quote is the body at its evidence
  span; ``quotes_original_exact``: share whose original span holds the same
  characters in the file as given (ingest's recorded repairs, a space put into
  a glued sentence end or mojibake mended, make the others differ there).
- ``summary_max_sentences`` and ``summaries_over_a_third``: the longest
  summary in sentences, and summaries of short articles (under 20 sentences by
  the rule above) that take more than a third of the body's characters.
- ``gold_claim_f1``: mean claim F1 over the gold cases tagged ``frank-valid``
  in ``evals/cases`` (each names its article by file name; it is looked up in
  the articles directory), and per dataset.

The last line printed is one JSON object.

    python bench/realnews.py [--articles DIR] [--limit N] [--show N] [--no-gold]
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck import check
from factcheck.errors import ExternalArticleMissingError
from factcheck.evals import load_gold, score_case
from factcheck.evals.gold import find_gold_files

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO.parent / "shared" / "data" / "frank-valid" / "articles"
CASES = REPO / "evals" / "cases"
GOLD_TAG = "frank-valid"

TARGETS = {
    "articles_without_claims": 0,
    "claims_over_40_words": 0.05,
    "claims_spanning_sentences": 0.02,
    "furniture_share": 0.005,
    "pronoun_openings": 0.03,
    "quotes_verbatim": 1.0,
    "summary_max_sentences": 5,
    "summaries_over_a_third": 0,
    "gold_claim_f1": 0.6,
}

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# A sentence end: terminal punctuation, closing quotes or brackets, optional
# space, then (after an optional opening quote) a capital letter.
_END = re.compile(r"[.!?][\"'”’)\]]*\s*(?=[\"'“‘(]?[A-Z])")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr gen sen rep gov lt col capt sgt no vs etc inc ltd co corp
    mt ft rev hon est approx dept univ jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_PRONOUNS = frozenset("he she it they i we his her its their him them our my us".split())
_FURNITURE = re.compile(
    r"scroll down for video|share this with|copy this link|media playback is(?: not)? "
    r"supported|contributed to this report|click here|read more\b|image copyright|"
    r"image caption|media caption|getty images|\bsign up for\b|follow us on|"
    r"\d:\d\d\.\d{3}|@\w+ on twitter",
    re.I,
)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentence_ends(text: str) -> list[int]:
    """Offsets where a new sentence starts inside ``text`` (see the module docstring)."""
    found = []
    for m in _END.finditer(text):
        mark = m.start()
        if text[mark] == ".":
            before = text[:mark]
            last = re.search(r"([^\W_]+)$", before)
            word = last.group(1) if last else ""
            if len(word) == 1 and word.isupper():
                continue  # an initial: "M.D.", "U.S.", "George W. Bush"
            if word.lower() in _ABBREVIATIONS:
                continue
            if word.isdigit() and text[m.end() : m.end() + 1].isdigit():
                continue
        found.append(m.end())
    return [i for i in found if 0 < i < len(text.rstrip())]


def spans_sentences(quote: str) -> bool:
    return bool(sentence_ends(quote.strip()))


def opens_on_pronoun(text: str) -> bool:
    found = words(text)
    return bool(found) and found[0].lower() in _PRONOUNS


def has_furniture(text: str) -> bool:
    return _FURNITURE.search(text) is not None


@dataclass
class Tally:
    # articles, claims, over_40, spanning, pronoun, verbatim, original_exact,
    # furniture, summary_sentences: counted over the whole run.
    count: Counter[str] = field(default_factory=Counter)
    summary_max_sentences: int = 0
    without_claims: list[str] = field(default_factory=list)
    over_a_third: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def example(self, kind: str, text: str, keep: int) -> None:
        found = self.examples.setdefault(kind, [])
        if len(found) < keep:
            found.append(" ".join(text.split())[:240])


def measure(tally: Tally, name: str, text: str, keep: int) -> None:
    started = time.perf_counter()
    result = check(text)
    tally.seconds.append(time.perf_counter() - started)
    tally.count["articles"] += 1
    if not result.claims:
        tally.without_claims.append(name)
    for claim in result.claims:
        tally.count["claims"] += 1
        if len(words(claim.text)) > 40:
            tally.count["over_40"] += 1
            tally.example("over_40_words", claim.text, keep)
        if spans_sentences(claim.quote):
            tally.count["spanning"] += 1
            tally.example("spanning_sentences", claim.quote, keep)
        if opens_on_pronoun(claim.text):
            tally.count["pronoun"] += 1
            tally.example("pronoun_openings", claim.text, keep)
        if has_furniture(claim.text) or has_furniture(claim.quote):
            tally.count["furniture"] += 1
            tally.example("furniture", claim.text, keep)
        ev = claim.evidence
        if ev is not None and result.body[ev.start : ev.end] == claim.quote:
            tally.count["verbatim"] += 1
        else:
            tally.example("not_verbatim", claim.quote, keep)
        if ev is not None and text[ev.original_start : ev.original_end] == claim.quote:
            tally.count["original_exact"] += 1
        else:
            tally.example("original_differs", claim.quote, keep)
    checks = result.summary_checks
    tally.count["summary_sentences"] += len(checks)
    tally.summary_max_sentences = max(tally.summary_max_sentences, len(checks))
    for sentence in checks:
        if has_furniture(sentence.text):
            tally.count["furniture"] += 1
            tally.example("furniture", sentence.text, keep)
    body_sentences = len(sentence_ends(result.body)) + 1
    if body_sentences < 20 and len(result.summary) * 3 > len(result.body.strip()):
        tally.over_a_third.append(name)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def gold_f1(articles: Path) -> dict[str, Any]:
    """Mean claim F1 of the offline engine on the gold cases tagged ``frank-valid``."""
    per_dataset: dict[str, list[float]] = {}
    cases: dict[str, float] = {}
    for path in find_gold_files(CASES):
        gold = load_gold(path)
        if GOLD_TAG not in gold.tags:
            continue
        try:
            text = gold.read_article([articles])
        except ExternalArticleMissingError:
            continue
        score = score_case(gold, check(text).to_dict(), article=text)
        f1 = score.metrics["claim_f1"]
        cases[gold.id] = round(f1, 3)
        dataset = "bbc" if "bbc" in gold.tags else "cnndm"
        per_dataset.setdefault(dataset, []).append(f1)
    every = [f for scores in per_dataset.values() for f in scores]
    return {
        "gold_cases": len(cases),
        "gold_claim_f1": round(statistics.mean(every), 3) if every else None,
        "gold_claim_f1_by_dataset": {
            k: round(statistics.mean(v), 3) for k, v in sorted(per_dataset.items())
        },
        "gold_claim_f1_by_case": cases,
    }


def run(paths: Iterable[Path], keep: int) -> Tally:
    tally = Tally()
    for path in paths:
        measure(tally, path.stem, path.read_text(encoding="utf-8"), keep)
    return tally


def report(tally: Tally, articles: Path | None) -> dict[str, Any]:
    claims = tally.count["claims"]
    checked = claims + tally.count["summary_sentences"]  # claims and summary sentences
    out: dict[str, Any] = {
        "articles": tally.count["articles"],
        "claims": claims,
        "articles_without_claims": len(tally.without_claims),
        "claims_over_40_words": _share(tally.count["over_40"], claims),
        "claims_spanning_sentences": _share(tally.count["spanning"], claims),
        "furniture_share": _share(tally.count["furniture"], checked),
        "pronoun_openings": _share(tally.count["pronoun"], claims),
        "quotes_verbatim": _share(tally.count["verbatim"], claims),
        "quotes_original_exact": _share(tally.count["original_exact"], claims),
        "summary_max_sentences": tally.summary_max_sentences,
        "summaries_over_a_third": len(tally.over_a_third),
        "mean_article_ms": round(1000 * statistics.mean(tally.seconds), 1)
        if tally.seconds
        else None,
    }
    if articles is not None:
        out.update(gold_f1(articles))
    met: dict[str, bool] = {}
    for key, target in TARGETS.items():
        value = out.get(key)
        if value is None:
            continue
        at_least = key in ("quotes_verbatim", "gold_claim_f1")
        met[key] = value >= target if at_least else value <= target
    out["targets"] = TARGETS
    out["meets_targets"] = met
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=Path, default=ARTICLES)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--show", type=int, default=0, help="print N examples of each fault")
    parser.add_argument("--no-gold", action="store_true", help="skip the gold cases")
    args = parser.parse_args(argv)
    logging.getLogger("factcheck").setLevel(logging.ERROR)
    if not args.articles.is_dir():
        print(f"realnews: no articles directory at {args.articles}", file=sys.stderr)
        return 2
    paths = sorted(args.articles.glob("*.txt"))[: args.limit]
    tally = run(paths, args.show)
    out = report(tally, None if args.no_gold else args.articles)
    if args.show:
        for kind, found in tally.examples.items():
            print(f"## {kind}")
            for text in found:
                print(f"  - {text}")
        print("## without claims:", " ".join(tally.without_claims))
        print("## summaries over a third:", " ".join(tally.over_a_third))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
