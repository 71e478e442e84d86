"""Gold and predicted claims side by side, from the scorer's one-to-one matching.

Both the Markdown and the HTML report show these rows: gold claims in gold
order (matched or missed), then the predictions that matched nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from factcheck.evals.scoring import CaseScore

RowKind = Literal["match", "missed", "unmatched"]


@dataclass(frozen=True)
class AlignmentRow:
    kind: RowKind
    gold_index: int | None
    gold_text: str | None
    predicted_index: int | None
    predicted_text: str | None
    predicted_status: str | None  # the claim's grounding status in the result
    similarity: float | None
    reason: str | None  # why a gold claim was missed or a prediction left unmatched


def predicted_claims(result: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    claims = result.get("claims") if result is not None else None
    if not isinstance(claims, Sequence):
        return []
    return [claim if isinstance(claim, Mapping) else {} for claim in claims]


def _status(claims: Sequence[Mapping[str, Any]], index: int) -> str | None:
    if index >= len(claims):
        return None
    status = claims[index].get("status")
    return status if isinstance(status, str) else None


def alignment_rows(score: CaseScore, result: Mapping[str, Any] | None) -> list[AlignmentRow]:
    """One row per gold claim (in gold order), then one per unmatched prediction."""
    matching = score.matching
    if matching is None:
        return []
    claims = predicted_claims(result)
    by_gold = {match.gold_index: match for match in matching.matches}
    missed = {miss.index: miss for miss in matching.missed}
    rows: list[AlignmentRow] = []
    for index in range(matching.n_gold):
        match = by_gold.get(index)
        if match is not None:
            rows.append(
                AlignmentRow(
                    "match",
                    index,
                    match.gold_text,
                    match.predicted_index,
                    match.predicted_text,
                    _status(claims, match.predicted_index),
                    match.similarity,
                    None,
                )
            )
            continue
        miss = missed[index]
        rows.append(
            AlignmentRow(
                "missed", index, miss.text, None, None, None, miss.best_similarity, miss.reason
            )
        )
    for miss in matching.unmatched:
        rows.append(
            AlignmentRow(
                "unmatched",
                None,
                None,
                miss.index,
                miss.text,
                _status(claims, miss.index),
                miss.best_similarity,
                miss.reason,
            )
        )
    return rows
