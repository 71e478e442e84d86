"""Maximum-weight one-to-one assignment (the Hungarian algorithm), for small matrices.

Claim lists are a few dozen items at most, so the O(n²·m) potentials version
is plenty; it keeps scipy out of the dependencies. Weights are integers so the
optimum is exact and ties resolve the same way on every machine.
"""

from __future__ import annotations

from collections.abc import Sequence


def max_weight_assignment(weights: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Pairs ``(row, column)``, each row and column used at most once, maximising total weight.

    Cells with weight 0 (or less) are never paired: give ineligible pairs 0.
    Returns pairs sorted by row.
    """
    n_rows = len(weights)
    n_cols = len(weights[0]) if n_rows else 0
    if any(len(row) != n_cols for row in weights):
        raise ValueError("weights must be a rectangular matrix")
    if n_rows == 0 or n_cols == 0:
        return []
    transposed = n_rows > n_cols
    matrix = (
        [list(col) for col in zip(*weights, strict=True)]
        if transposed
        else [list(r) for r in weights]
    )
    pairs = _assign_rows(matrix)
    if transposed:
        pairs = [(col, row) for row, col in pairs]
    return sorted(pairs)


def _assign_rows(weights: list[list[int]]) -> list[tuple[int, int]]:
    """Every row assigned to a distinct column (rows <= columns), then non-positive cells dropped.

    Minimises ``top - weight`` with row/column potentials (shortest augmenting
    paths); with non-negative weights a full row assignment of maximum weight,
    minus its zero cells, is a maximum-weight matching.
    """
    n, m = len(weights), len(weights[0])
    top = max(max(row) for row in weights)
    cost = [[top - max(cell, 0) for cell in row] for row in weights]
    infinity = top * (n + 1) + 1
    u = [0] * (n + 1)  # row potentials (1-based; index 0 is the virtual start)
    v = [0] * (m + 1)  # column potentials
    owner = [0] * (m + 1)  # owner[j]: row assigned to column j, 0 when free
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0] = row
        col0 = 0
        min_slack = [infinity] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[col0] = True
            row0 = owner[col0]
            delta = infinity
            col1 = 0
            for col in range(1, m + 1):
                if used[col]:
                    continue
                slack = cost[row0 - 1][col - 1] - u[row0] - v[col]
                if slack < min_slack[col]:
                    min_slack[col] = slack
                    way[col] = col0
                if min_slack[col] < delta:
                    delta = min_slack[col]
                    col1 = col
            for col in range(m + 1):
                if used[col]:
                    u[owner[col]] += delta
                    v[col] -= delta
                else:
                    min_slack[col] -= delta
            col0 = col1
            if owner[col0] == 0:
                break
        while col0:  # flip the augmenting path
            col1 = way[col0]
            owner[col0] = owner[col1]
            col0 = col1
    return [
        (owner[col] - 1, col - 1)
        for col in range(1, m + 1)
        if owner[col] and weights[owner[col] - 1][col - 1] > 0
    ]
