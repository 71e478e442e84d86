"""The eval harness: gold cases and the scorers that compare a result with them.

Everything here works on plain data (the ``Result.to_dict()`` shape), so the
same scorers serve the pytest plugin, users' own tests and other systems'
output. Every output is grounded against the article before it is scored:
what it says about its own statuses is never trusted::

    from factcheck.evals import assert_grounded, load_gold, score_case, score_output

    gold = load_gold("evals/cases/number-words/number-words.gold.json")
    score = score_case(gold, factcheck.check(gold.read_article()).to_dict())
    assert score.passed, score.failures

    score = score_output(gold, summary=my_summary, claims=my_claims)  # another system
    assert_grounded(gold.read_article(), my_summary)  # fails listing each bad sentence
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.evals.gold import GoldCase, load_gold
    from factcheck.evals.grounded_output import assert_grounded
    from factcheck.evals.scoring import CaseScore, score_case, score_output

# Names resolve on first use: the pytest plugin imports this package in every
# pytest run of every project that installs llm-factcheck, which must stay cheap.
_SOURCES: dict[str, str] = {
    "CaseScore": "factcheck.evals.scoring",
    "GoldCase": "factcheck.evals.gold",
    "assert_grounded": "factcheck.evals.grounded_output",
    "load_gold": "factcheck.evals.gold",
    "score_case": "factcheck.evals.scoring",
    "score_output": "factcheck.evals.scoring",
}


def __getattr__(name: str) -> Any:
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = ["CaseScore", "GoldCase", "assert_grounded", "load_gold", "score_case", "score_output"]
