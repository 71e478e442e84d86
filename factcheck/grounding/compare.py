"""Check that the numbers, dates and names of a statement appear in its evidence.

Every quantity, date and capitalised name in the statement must be in the
evidence text (the quote and its sentence):

- quantities by value and bound (``factcheck.facts.matching.quantity_supported``): "100,000"
  never matches "10,000"; a claim bound that the evidence does not state is a
  problem ("more than 1 million" against "1 million", and the other way round);
  only "about" and an exact figure are interchangeable. A claim may round the
  evidence ("3.2 billion" for "3.24 billion") but not add precision to it. A year and a count of
  the same value are one fact ("2,000 troops" against "2000 troops").
- dates fact by fact: a year, a month with its day, a weekday, a relative
  phrase ("last week") must each appear, perhaps in different mentions.
- names by word: a name is present when one of its words (titles aside) is a
  word of the evidence, compared without case, diacritics or possessive
  endings ("Putin’s" gives "putin"); aliases such as "US"/"United States" count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from factcheck.facts.dates import DateMention, find_dates
from factcheck.facts.matching import date_fact_present, date_facts, quantity_supported
from factcheck.facts.names import (
    ArticleCasing,
    find_names,
    name_present,
    name_tokens,
    name_written,
)
from factcheck.facts.quantities import Quantity, find_quantities


@dataclass(frozen=True)
class FactProblem:
    """One fact of a statement that its evidence does not contain."""

    kind: str  # "number" | "date" | "name"
    text: str  # the fact as the statement writes it
    hint: str = ""  # what the evidence says instead, when it says something close

    def message(self, where: str = "in evidence") -> str:
        """ "number 10,000 not in evidence", "name Blinken not in the article"."""
        suffix = f" ({self.hint})" if self.hint else ""
        return f"{self.kind} {self.text} not {where}{suffix}"


class FactSet:
    """The facts of one text, each kind extracted on first use and kept.

    ``casing``: how the article the text comes from, or is checked against,
    writes its words; it tells names from capitalised sentence openers.
    """

    def __init__(self, text: str, casing: ArticleCasing | None = None) -> None:
        self.text = text
        self.casing = casing

    @cached_property
    def quantities(self) -> list[Quantity]:
        return find_quantities(self.text, dates=self.dates)

    @cached_property
    def dates(self) -> list[DateMention]:
        return find_dates(self.text)

    @cached_property
    def names(self) -> list[str]:
        return find_names(self.text, self.casing)

    @cached_property
    def _name_tokens(self) -> list[str]:
        return name_tokens(self.text)

    @cached_property
    def tokens(self) -> set[str]:
        return set(self._name_tokens)

    @cached_property
    def folded(self) -> str:
        return " ".join(self._name_tokens)

    def fact_count(self) -> int:
        """How many distinct facts (as ``missing_facts`` counts them) the text states."""
        numbers = {q.text for q in self.quantities}
        return len(numbers) + len({d.text for d in self.dates}) + len(set(self.names))

    def has_quantity(self, q: Quantity) -> bool:
        if any(quantity_supported(q, e) for e in self.quantities):
            return True
        # A bare figure from 1900 to 2100 is read as a year; it may be the same fact.
        return (
            q.bound in ("exact", "about")
            and q.unit is None
            and any(d.year == q.value and not d.is_decade for d in self.dates)
        )

    def has_date(self, d: DateMention) -> bool:
        for fact in date_facts(d):
            if date_fact_present(fact, self.dates):
                continue
            if fact[0] == "year" and any(
                e.value == fact[1] and e.bound in ("exact", "about") and e.unit is None
                for e in self.quantities
            ):
                continue
            return False
        return True

    def has_name(self, name: str) -> bool:
        return name_present(name, self.tokens, self.folded)

    def writes_name(self, name: str) -> bool:
        """Every word of ``name`` is here, or the whole name (``facts.name_written``)."""
        return name_written(name, self.tokens, self.folded)

    def quantity_hint(self, q: Quantity) -> str:
        """The evidence's closest figure when it is within 10% of ``q`` (or equal)."""
        close = [
            e
            for e in self.quantities
            if e.text != q.text
            and math.isfinite(e.value)
            and math.isfinite(q.value)
            and abs(e.value - q.value) <= 0.1 * max(abs(e.value), abs(q.value))
        ]
        if not close:
            return ""
        best = min(close, key=lambda e: (abs(e.value - q.value), e.start))
        return f"evidence says {best.text}"


def missing_facts(
    statement: FactSet, evidence: FactSet, *, name_evidence: FactSet | None = None
) -> list[FactProblem]:
    """The facts of ``statement`` that ``evidence`` does not contain, in reading order.

    ``name_evidence`` (default: ``evidence``) is where names are looked for; the
    caller may widen it, since a quoted sentence often names its speaker only
    in the sentence before ("..., she said"). A statement whose text is the
    evidence's (and lies inside ``name_evidence``) lacks nothing.
    """
    names_in = evidence if name_evidence is None else name_evidence
    if statement.text == evidence.text and evidence.text in names_in.text:
        return []  # a text supports itself: skip the extraction
    problems: list[FactProblem] = []
    seen: set[tuple[str, str]] = set()

    def add(problem: FactProblem) -> None:
        key = (problem.kind, problem.text)
        if key not in seen:
            seen.add(key)
            problems.append(problem)

    for q in statement.quantities:
        if not evidence.has_quantity(q):
            add(FactProblem("number", q.text, evidence.quantity_hint(q)))
    for d in statement.dates:
        if not evidence.has_date(d):
            add(FactProblem("date", d.text))
    for name in statement.names:
        if not names_in.has_name(name):
            add(FactProblem("name", name))
    return problems


def compare_claim(claim_text: str, evidence_text: str) -> list[str]:
    """Problems, one short sentence each, for facts of the claim missing from the evidence.

    An empty list means every number, date and name of the claim is in the
    evidence (see the module notes for what "in" means for each kind).
    """
    return [p.message() for p in missing_facts(FactSet(claim_text), FactSet(evidence_text))]
