"""A model judges what rules cannot: entailment of claims and summary sentences.

The offline check compares numbers, dates, names and words; it cannot see a
swapped role ("the shooter and the victim"), an investigation credited to the
company under investigation, or a hedge turned into an assertion. When a model
is configured, a judge reads each statement beside its evidence and says
``supported``, ``contradicted`` or ``not_in_source``, with a one-sentence
reason and the sentences it used. Rules come first: a problem they found is
never overruled, and the judge only ever downgrades (see ``combine``).

>>> result = factcheck.check(text, model="gpt-4o-mini", judge=True)  # doctest: +SKIP
>>> report = verify_with_model(article, summary, model="gpt-4o-mini")  # doctest: +SKIP
"""

from factcheck.judge.verify import JudgedReport, verify_with_model

__all__ = ["JudgedReport", "verify_with_model"]
