from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.evals.assignment import max_weight_assignment


def brute_force(weights: list[list[int]]) -> int:
    """Best total weight over every matching, by enumeration."""
    n_rows = len(weights)
    n_cols = len(weights[0]) if weights else 0
    best = 0
    cols: list[int | None] = [*range(n_cols), None]
    for choice in itertools.product(cols, repeat=n_rows):
        used = [c for c in choice if c is not None]
        if len(used) != len(set(used)):
            continue
        total = sum(weights[r][c] for r, c in enumerate(choice) if c is not None)
        best = max(best, total)
    return best


def test_greedy_trap_is_avoided() -> None:
    # Greedy takes (0, 0) = 10 and then nothing is left for row 1: total 10.
    # The optimum pairs (0, 1) and (1, 0): 9 + 8 = 17.
    weights = [[10, 9], [8, 0]]
    assert max_weight_assignment(weights) == [(0, 1), (1, 0)]


def test_zero_cells_are_never_paired() -> None:
    assert max_weight_assignment([[0, 0], [0, 5]]) == [(1, 1)]
    assert max_weight_assignment([[0]]) == []


def test_empty_and_rectangular() -> None:
    assert max_weight_assignment([]) == []
    assert max_weight_assignment([[], []]) == []
    # More rows than columns: only the two best rows get a column.
    assert max_weight_assignment([[1], [7], [3]]) == [(1, 0)]
    assert max_weight_assignment([[1, 7, 3]]) == [(0, 1)]


def test_ragged_matrix_is_refused() -> None:
    with pytest.raises(ValueError, match="rectangular"):
        max_weight_assignment([[1, 2], [3]])


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda rows: st.integers(1, 5).flatmap(
            lambda cols: st.lists(
                st.lists(st.integers(0, 30), min_size=cols, max_size=cols),
                min_size=rows,
                max_size=rows,
            )
        )
    )
)
def test_matches_brute_force(weights: list[list[int]]) -> None:
    pairs = max_weight_assignment(weights)
    rows = [r for r, _ in pairs]
    cols = [c for _, c in pairs]
    assert len(set(rows)) == len(rows)
    assert len(set(cols)) == len(cols)
    assert all(weights[r][c] > 0 for r, c in pairs)
    assert sum(weights[r][c] for r, c in pairs) == brute_force(weights)
