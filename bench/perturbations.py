"""How often the check catches a claim made false, beside how often it keeps a true one.

From the gold cases in ``evals/cases`` (and, with ``--frank``, the sentences of
summaries that FRANK's annotators judged fully faithful), each faithful claim
is checked with ``verify_text`` beside perturbed copies of it:

- ``number``: its first figure changed (a digit altered);
- ``name``: a name swapped for another name of the same article;
- ``polarity``: a word of an opposite pair replaced by its opposite, or "not"
  after its first auxiliary verb;
- ``foreign``: a claim from another article, checked against this one;
- ``trivial_quote``: the claim given as a model would, with one of its words
  as the quote (grounded with ``ground_claims``).

A perturbed claim is caught when it is not ``supported``. The last line
printed is one JSON object: per kind, how many were made and the share caught,
and the share of faithful claims supported.

    python bench/perturbations.py [--frank ../shared/data/frank-valid]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from factcheck.article import Article
from factcheck.facts.names import ArticleCasing, find_names
from factcheck.grounding import verify_text
from factcheck.grounding.claims import ground_claims
from factcheck.grounding.polarity import OPPOSITES
from factcheck.grounding.tokenised import (
    capitalised_words,
    is_caseless,
    readable,
    recase,
    sentences,
)
from factcheck.ingest import load_article
from factcheck.result import Claim

CASES = Path(__file__).resolve().parents[1] / "evals" / "cases"
TARGETS = {
    "faithful": 0.90,
    "number": 0.95,
    "name": 0.85,
    "polarity": 0.80,
    "foreign": 0.98,
    "trivial_quote": 1.0,
}
_FIGURE = re.compile(r"\d+")
_AUXILIARY = re.compile(r"\b(is|are|was|were|has|have|had|will|would|can|could)\b")
_SIDES = {w: b for a, b in OPPOSITES for w in a} | {w: a for a, b in OPPOSITES for w in b}


def opposite(word: str) -> str | None:
    """An opposite of ``word``, with the same ending when one has it ("approved" -> "rejected")."""
    side = _SIDES.get(word)
    if side is None:
        return None
    return min(side, key=lambda w: (w[-2:] != word[-2:], w))


def gold_cases() -> Iterator[tuple[Article, list[str]]]:
    for gold in sorted(CASES.glob("*/*.gold.json")):
        data = json.loads(gold.read_text(encoding="utf-8"))
        article_path = gold.parent / "article.txt"
        if not article_path.is_file():
            continue  # an external article that is not here
        yield load_article(article_path), [c["text"] for c in data["claims"]]


def frank_cases(data: Path) -> Iterator[tuple[Article, list[str]]]:
    rows = [json.loads(x) for x in (data / "summaries.jsonl").read_text().splitlines() if x]
    by_article: dict[str, list[str]] = {}
    for row in rows:
        if row["factuality"] == 1.0:
            summary = row["summary"]
            by_article.setdefault(row["article"], []).extend(
                readable(summary[s:e]) for s, e in sentences(summary)
            )
    for article_id, claims in sorted(by_article.items()):
        article = load_article(data / "articles" / f"{article_id}.txt")
        # Names get their capitals back from the article, so that they can be swapped.
        names = capitalised_words(article.body)
        yield article, [recase(claim, names) for claim in claims]


def changed_number(claim: str) -> str | None:
    m = _FIGURE.search(claim)
    if m is None:
        return None
    digits = m.group(0)
    # Another leading digit, never 0 (7 + 3 would give 0, read as no change before).
    first = str((int(digits[0]) + 3) % 10 or 1)
    return claim[: m.start()] + first + digits[1:] + claim[m.end() :]


def proper_names(body: str) -> list[str]:
    """Names the body writes inside a sentence (not datelines, not capitalised openers)."""
    found = []
    for name in find_names(body):
        if name.isupper():
            continue
        if re.search(rf"[a-z,] {re.escape(name)}\b", body):
            found.append(name)
    return found


def swapped_name(claim: str, names: list[str], body: str) -> str | None:
    """``claim`` with its first name swapped for another of ``names``.

    The claim's names are read with the article's casing, as the check reads
    them: a capitalised common word that opens the claim ("Hiring for ...")
    is no name to swap.
    """
    own = find_names(claim, ArticleCasing.of(body)) if not is_caseless(claim) else []
    for name in own:
        for other in names:
            if other.lower() not in claim.lower() and name.lower() not in other.lower():
                return claim.replace(name, other, 1)
    return None


def flipped(claim: str) -> str | None:
    for m in re.finditer(r"[A-Za-z]+", claim):
        other = opposite(m.group(0).lower())
        if other is not None:
            return claim[: m.start()] + other + claim[m.end() :]
    auxiliary = _AUXILIARY.search(claim)
    if auxiliary is None:
        return None
    return claim[: auxiliary.end()] + " not" + claim[auxiliary.end() :]


def run(cases: list[tuple[Article, list[str]]]) -> dict[str, dict[str, float]]:
    made: dict[str, int] = dict.fromkeys(TARGETS, 0)
    hits: dict[str, int] = dict.fromkeys(TARGETS, 0)

    def count(kind: str, article: Article, claim: str | None, want_supported: bool) -> None:
        if claim is None:
            return
        (check,) = verify_text(article, [claim]).checks
        made[kind] += 1
        hits[kind] += (check.status == "supported") == want_supported

    for i, (article, claims) in enumerate(cases):
        names = proper_names(article.body)
        foreign = cases[(i + 1) % len(cases)][1]
        for j, claim in enumerate(claims):
            count("faithful", article, claim, True)
            count("number", article, changed_number(claim), False)
            count("name", article, swapped_name(claim, names, article.body), False)
            count("polarity", article, flipped(claim), False)
            if foreign:
                count("foreign", article, foreign[j % len(foreign)], False)
            words = re.findall(r"[A-Za-z]{3,}", claim)
            if words:
                quote = max(words, key=len)
                (grounded,) = ground_claims(article.body, [Claim(text=claim, quote=quote)])
                made["trivial_quote"] += 1
                hits["trivial_quote"] += grounded.status != "supported"
    return {
        kind: {
            "made": made[kind],
            "share": round(hits[kind] / made[kind], 3) if made[kind] else 0.0,
        }
        for kind in TARGETS
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frank", type=Path, default=None, help="FRANK data directory")
    args = parser.parse_args(argv)
    cases = list(gold_cases())
    report: dict[str, object] = {"gold": run(cases)}
    if args.frank is not None:
        report["frank"] = run(list(frank_cases(args.frank)))
    for source, figures in report.items():
        assert isinstance(figures, dict)
        print(source, " ".join(f"{k} {v['share']:.2f} ({v['made']})" for k, v in figures.items()))
    gold = report["gold"]
    assert isinstance(gold, dict)
    report["targets"] = TARGETS
    report["meets_targets"] = {k: gold[k]["share"] >= t for k, t in TARGETS.items()}
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
