"""Page furniture found in real scraped news (frank-valid), by kind, with examples.

Reads ``../shared/data/frank-valid/articles`` (146 CNN/DailyMail and BBC
articles as distributed); prints every block found, so a reader can check
each for a false positive, then the counts. The last line printed is one
JSON object.

    python bench/furniture.py [--quiet]
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from collections import Counter
from pathlib import Path

from factcheck import load_article

FRANK = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "frank-valid"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quiet", action="store_true", help="counts only")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    paths = sorted((FRANK / "articles").glob("*.txt"))
    if not paths:
        raise SystemExit(f"no articles under {FRANK}")
    kinds: Counter[str] = Counter()
    with_any = 0
    chars = blanked = 0
    start = time.perf_counter()
    for path in paths:
        article = load_article(path.read_text(encoding="utf-8"))
        chars += len(article.raw_body)
        with_any += bool(article.furniture)
        for block in article.furniture:
            kinds[block.kind] += 1
            blanked += block.end - block.start
            if not args.quiet:
                print(f"{path.stem[:12]} {block.kind:12} {block.text[:110]!r}")
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "articles": len(paths),
                "articles_with_furniture": with_any,
                "blocks": sum(kinds.values()),
                "by_kind": dict(sorted(kinds.items())),
                "share_of_body_chars": round(blanked / max(1, chars), 4),
                "ingest_s": round(seconds, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
