"""Merge claims that overlapping sections produced twice."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from factcheck.facts.dates import find_dates
from factcheck.facts.quantities import find_quantities
from factcheck.result import STATUS_RANK, Claim

# token_sort_ratio at or above this means "the same statement, reworded a little".
NEAR_IDENTICAL = 92.0


Figures = tuple[tuple[float, ...], tuple[tuple[int | None, int | None, int | None], ...]]


@lru_cache(maxsize=1024)
def _figures(text: str) -> Figures:
    """The numbers and dates ``text`` states, normalised and sorted."""
    dates = find_dates(text)
    values = sorted(q.value for q in find_quantities(text, dates=dates))
    days = sorted(((d.year, d.month, d.day) for d in dates), key=repr)
    return tuple(values), tuple(days)


def _same_statement(a: str, b: str) -> bool:
    """Near-identical wording that states the same numbers and dates.

    Wording alike is not enough: "1,000 containers on pier 3" and "1,444
    containers on pier 15" are two facts, however close their words.
    """
    return fuzz.token_sort_ratio(a, b) >= NEAR_IDENTICAL and _figures(a) == _figures(b)


def _better(a: Claim, b: Claim) -> Claim:
    """Keep the better-grounded claim; on a tie, the earlier one."""
    return b if STATUS_RANK[b.status] < STATUS_RANK[a.status] else a


def merge_claims(claims: Sequence[Claim]) -> list[Claim]:
    """Claims in order with duplicates folded: same evidence span, or near-identical
    text that states the same numbers and dates.

    Sections overlap only with their neighbours, so a claim is compared with the
    claims of the previous section alone. Claims within one section are the
    model's own choice and all stay.
    """
    kept: list[Claim] = []
    by_span: dict[tuple[int, int], int] = {}
    by_section: dict[int | None, list[int]] = defaultdict(list)
    for claim in claims:
        twin: int | None = None
        span = (claim.evidence.start, claim.evidence.end) if claim.evidence else None
        if span is not None and span in by_span and kept[by_span[span]].section != claim.section:
            twin = by_span[span]
        elif claim.section is not None:
            for k in by_section.get(claim.section - 1, []):
                if _same_statement(kept[k].text, claim.text):
                    twin = k
                    break
        if twin is None:
            if span is not None:
                by_span.setdefault(span, len(kept))
            by_section[claim.section].append(len(kept))
            kept.append(claim)
        else:
            kept[twin] = _better(kept[twin], claim)
    return kept
