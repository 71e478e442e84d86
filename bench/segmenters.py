"""Sentence segmenters compared on real scraped news, hard cases and hostile input.

For each candidate library that is installed (sentencex, pysbd, syntok,
blingfire, segtok) and for ``factcheck.sentences`` (sentencex plus the
project's three rules), it measures:

- hard cases: the table in ``tests/foundation/data/sentence_cases.json``
  (glued ends, M.D./U.S./B.B., quotes, tokenised lower-case text), cases right;
- frank-valid articles (``../shared/data/frank-valid``, CNN/DM and BBC):
  articles read as at most two sentences, mean sentence length in words and the
  share of sentences over 60 words; the same for the summaries (lower-cased,
  tokenised system output);
- speed: characters per second over all articles, best of ``--repeats``;
- a hostile input: a run of ``--run`` full stops, in a child process stopped
  after ``--timeout`` seconds.

The last line printed is one JSON object.

    python bench/segmenters.py [--repeats 3] [--run 100000] [--timeout 20]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "foundation" / "data" / "sentence_cases.json"
FRANK = REPO.parent / "shared" / "data" / "frank-valid"

Segmenter = Callable[[str], list[str]]


def _ours() -> Segmenter:
    from factcheck.sentences import sentence_spans

    return lambda text: [text[s:e] for s, e in sentence_spans(text)]


def _sentencex() -> Segmenter:
    import sentencex

    return lambda text: [b["text"] for b in sentencex.get_sentence_boundaries("en", text)]


def _pysbd() -> Segmenter:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    return lambda text: [str(s) for s in segmenter.segment(text)]


def _syntok() -> Segmenter:
    from syntok import segmenter

    def split(text: str) -> list[str]:
        out = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                start = sentence[0].offset - len(sentence[0].spacing)
                end = sentence[-1].offset + len(sentence[-1].value)
                out.append(text[start:end])
        return out

    return split


def _blingfire() -> Segmenter:
    import blingfire

    def split(text: str) -> list[str]:
        data = text.encode("utf-8")
        _, offsets = blingfire.text_to_sentences_and_offsets(text)
        return [data[s:e].decode("utf-8", errors="replace") for s, e in offsets]

    return split


def _segtok() -> Segmenter:
    from segtok.segmenter import split_multi

    return lambda text: list(split_multi(text))


CANDIDATES: dict[str, Callable[[], Segmenter]] = {
    "factcheck.sentences": _ours,
    "sentencex": _sentencex,
    "pysbd": _pysbd,
    "syntok": _syntok,
    "blingfire": _blingfire,
    "segtok": _segtok,
}


def _norm(sentence: str) -> str:
    return " ".join(sentence.split())


def hard_cases(split: Segmenter) -> dict[str, Any]:
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    wrong = []
    for case in cases:
        got = [_norm(s) for s in split(case["text"]) if s.strip()]
        if got != [_norm(s) for s in case["sentences"]]:
            wrong.append(case["name"])
    return {"right": len(cases) - len(wrong), "of": len(cases), "wrong": wrong}


def _shape(texts: list[str], split: Segmenter) -> dict[str, Any]:
    counts: list[int] = []
    lengths: list[int] = []
    for text in texts:
        sentences = [s for s in split(text) if s.strip()]
        counts.append(len(sentences))
        lengths.extend(len(s.split()) for s in sentences)
    return {
        "texts": len(texts),
        "at_most_2_sentences": sum(1 for c in counts if c <= 2),
        "mean_sentence_words": round(statistics.fmean(lengths), 1) if lengths else 0.0,
        "share_over_60_words": round(sum(1 for n in lengths if n > 60) / max(1, len(lengths)), 4),
    }


def frank_texts() -> dict[str, list[str]]:
    """Articles by dataset, and the summaries, when the data is beside the repository."""
    if not (FRANK / "summaries.jsonl").is_file():
        return {}
    dataset: dict[str, str] = {}
    summaries: list[str] = []
    for line in (FRANK / "summaries.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        dataset[record["article"]] = record["dataset"]
        summaries.append(record["summary"])
    out: dict[str, list[str]] = {"cnndm": [], "bbc": [], "summaries": summaries}
    for path in sorted((FRANK / "articles").glob("*.txt")):
        out[dataset.get(path.stem, "cnndm")].append(path.read_text(encoding="utf-8"))
    return out


def _run_hostile(name: str, text: str, queue: Any) -> None:
    split = CANDIDATES[name]()
    start = time.perf_counter()
    split(text)
    queue.put(time.perf_counter() - start)


def hostile(name: str, chars: int, timeout: float) -> float | None:
    """Seconds to split a run of ``chars`` full stops; None when it ran past ``timeout``."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    proc = context.Process(target=_run_hostile, args=(name, "." * chars, queue))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return None
    return round(float(queue.get()), 4) if not queue.empty() else None


def measure(name: str, split: Segmenter, texts: dict[str, list[str]], args: Any) -> dict[str, Any]:
    report: dict[str, Any] = {"hard_cases": hard_cases(split)}
    for key, group in texts.items():
        report[key] = _shape(group, split)
    articles = [*texts.get("cnndm", []), *texts.get("bbc", [])]
    if articles:
        chars = sum(len(a) for a in articles)
        best = float("inf")
        for _ in range(args.repeats):
            start = time.perf_counter()
            for article in articles:
                split(article)
            best = min(best, time.perf_counter() - start)
        report["chars_per_s"] = round(chars / best)
    report["full_stop_run_s"] = hostile(name, args.run, args.timeout)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--run", type=int, default=100_000, help="full stops in the hostile run")
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--only", nargs="*", default=None, help="candidates to run")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    texts = frank_texts()
    if not texts:
        print("frank-valid not found beside the repository: hard cases and speed only")
    results: dict[str, Any] = {}
    for name, factory in CANDIDATES.items():
        if args.only is not None and name not in args.only:
            continue
        try:
            split = factory()
        except ImportError:
            results[name] = "not installed"
            continue
        results[name] = measure(name, split, texts, args)
        row = results[name]
        print(
            f"{name:20} hard {row['hard_cases']['right']}/{row['hard_cases']['of']}"
            + "".join(
                f"  {k}: <=2 {row[k]['at_most_2_sentences']}/{row[k]['texts']}"
                f" mean {row[k]['mean_sentence_words']}w >60w {row[k]['share_over_60_words']:.1%}"
                for k in texts
            )
            + f"  {row.get('chars_per_s', 0) / 1e6:.2f} Mchar/s"
            + f"  {args.run} stops: {row['full_stop_run_s']}s"
        )
    print(json.dumps({"run": args.run, "segmenters": results}))


if __name__ == "__main__":
    main()
