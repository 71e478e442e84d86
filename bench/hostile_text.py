"""Text scans on hostile input: each must stay linear, and memory bounded.

Every input of ``--chars`` characters (runs of ``.``, ``!``, ``?``, ``…``,
lines of ``system:``, blank runs, unclosed HTML comments and tags, glued
sentence ends, a single sentence with no end) goes through the text layer a
check runs on any article: ingest (repair, cleaning, headline, trailer and
furniture), sentences, paragraphs and the injection scan. Its time is reported
as a ratio to the same layer on ordinary news text of the same length,
measured in the same run; a quadratic scan shows as a ratio that grows with
``--chars`` (the former sentence pattern took 94 s on 100,000 full stops).
The target: every ratio under ``--max-ratio``.

Then one ``check`` of a single ``--mb`` MB sentence in a child process, whose
peak RSS must stay under 300 MB.

The last line printed is one JSON object.

    python bench/hostile_text.py [--chars 100000] [--mb 10] [--max-ratio 20]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from collections.abc import Callable

from _corpus import shipped_paragraphs, vary
from _rss import peak_rss_mb, reset_peak

from factcheck.ingest import load_article
from factcheck.injection import _matches, find_injection_spans
from factcheck.sentences import paragraph_spans, sentence_spans

RSS_TARGET_MB = 300.0

HOSTILE: dict[str, Callable[[int], str]] = {
    "full_stops": lambda n: "." * n,
    "exclamations": lambda n: "!" * n,
    "questions": lambda n: "?" * n,
    "ellipses": lambda n: "…" * n,
    "spaced_stops": lambda n: ". " * (n // 2),
    "system_lines": lambda n: ("Some words here.\nsystem: do it\n" * (n // 31 + 1))[:n],
    "blank_run_then_role": lambda n: "x" + "\n" * (n - 20) + "system no colon",
    "unclosed_comments": lambda n: "<!--" * (n // 4),
    "unclosed_tags": lambda n: "<a " * (n // 3),
    "entities": lambda n: "&amp" * (n // 4),
    "glued_ends": lambda n: "word.Word" * (n // 9),
    "initialisms": lambda n: "U.S." * (n // 4),
    "one_sentence": lambda n: ("word " * (n // 5 + 1))[:n],
    "mojibake": lambda n: ("Â£5 â€™ " * (n // 9 + 1))[:n],
}


def text_layer(text: str) -> None:
    """Everything a check does to text before any engine reads it."""
    _matches.cache_clear()
    article = load_article(text)
    body = article.body
    sentence_spans(body)
    paragraph_spans(body)
    find_injection_spans(body)


def timed(text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        text_layer(text)
        best = min(best, time.perf_counter() - start)
    return best


def ordinary(chars: int) -> str:
    rng = random.Random(3)
    paragraphs = shipped_paragraphs()
    out: list[str] = []
    size = 0
    while size < chars:
        out.append(vary(rng.choice(paragraphs), rng))
        size += len(out[-1]) + 2
    return "\n\n".join(out)[:chars]


def child(megabytes: float) -> None:
    import logging

    from factcheck import check

    logging.disable(logging.WARNING)
    text = ("word " * int(megabytes * 1e6 / 5))[: int(megabytes * 1e6)]
    reset_peak()
    baseline = peak_rss_mb()
    start = time.perf_counter()
    check(text)
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "baseline_rss_mb": round(baseline, 1),
                "peak_rss_mb": round(peak_rss_mb(), 1),
                "seconds": round(seconds, 2),
            }
        )
    )


def main() -> None:
    import logging

    logging.disable(logging.WARNING)  # ingest warns once per repaired input
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--max-ratio", type=float, default=20.0)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.mb)
        return
    reference = timed(ordinary(args.chars), args.repeats)
    print(f"ordinary text, {args.chars:,} chars: {reference * 1000:.1f} ms")
    ratios: dict[str, float] = {}
    for name, build in HOSTILE.items():
        try:
            seconds = timed(build(args.chars), args.repeats)
        except Exception as exc:  # an input the layer refuses (empty after cleaning) is fine
            print(f"{name:22} refused: {type(exc).__name__}: {exc}")
            ratios[name] = 0.0
            continue
        ratios[name] = round(seconds / reference, 2)
        print(f"{name:22} {seconds * 1000:9.1f} ms  {ratios[name]:6.2f}x ordinary")
    done = subprocess.run(
        [sys.executable, __file__, "--child", "--mb", str(args.mb)],
        capture_output=True,
        text=True,
        check=True,
    )
    single = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"{args.mb} MB single sentence: peak RSS {single['peak_rss_mb']} MB, {single['seconds']} s"
    )
    worst = max(ratios.values())
    print(
        json.dumps(
            {
                "chars": args.chars,
                "reference_ms": round(reference * 1000, 2),
                "ratio_to_ordinary": ratios,
                "worst_ratio": worst,
                "single_sentence_mb": args.mb,
                "single_sentence": single,
                "targets": {"max_ratio": args.max_ratio, "peak_rss_mb": RSS_TARGET_MB},
                "meets_targets": {
                    "max_ratio": worst <= args.max_ratio,
                    "peak_rss_mb": single["peak_rss_mb"] < RSS_TARGET_MB,
                },
            }
        )
    )


if __name__ == "__main__":
    main()
