"""CPU time of ingest alone (``load_article``): repair, title, trailer, furniture, sentences.

Times ``load_article`` over the 146 real articles of frank-valid and over the
two sets ``bench/pipeline.py`` checks (24 articles of 4,200-5,800 tokens, 100
of 1,000-1,900), with the sentence cache emptied before each pass so every
split is done afresh. Each figure is the best of several passes, in CPU
milliseconds an article. The last line printed is one JSON object.

    python bench/ingest.py [--passes N]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pipeline as pipeline_bench

from factcheck import load_article
from factcheck.sentences import clear_sentence_cache
from factcheck.tokens import resolve_encoding

FRANK = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "frank-valid"


def _cpu_ms_per_article(texts: list[str], passes: int) -> float:
    best = float("inf")
    for _ in range(passes):
        clear_sentence_cache()
        start = time.process_time()
        for text in texts:
            load_article(text)
        best = min(best, time.process_time() - start)
    return round(best / len(texts) * 1000, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--passes", type=int, default=7, help="passes per set (best is kept)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    paths = sorted((FRANK / "articles").glob("*.txt"))
    if not paths:
        raise SystemExit(f"no articles under {FRANK}")
    encoding = resolve_encoding("gpt-4o")
    sets = {
        "frank_valid": [path.read_text(encoding="utf-8") for path in paths],
        "multi_section": [t for _, t in pipeline_bench.build_set(24, 4200, 5800, 1, encoding)[0]],
        "single_section": [t for _, t in pipeline_bench.build_set(100, 1000, 1900, 1, encoding)[0]],
    }
    result: dict[str, object] = {}
    for name, texts in sets.items():
        result[name] = {
            "articles": len(texts),
            "cpu_ms_per_article": _cpu_ms_per_article(texts, args.passes),
        }
        print(f"{name}: {result[name]}")
    result["load_average"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
