"""Is a gold key fact stated in a piece of text? Number- and date-aware.

The rule, per kind (a fact's alternatives are its ``value`` and its ``variants``;
the fact is present when any alternative is):

- ``number``: an alternative is read with ``factcheck.facts.quantities.find_quantities``.
  It is present when every quantity in it has an equal quantity in the text:
  the same value, exactly ("100,000" = "100000" = "100 thousand" = "one
  hundred thousand", but "3.24 billion" is not "3.2 billion"), a compatible
  bound, and the same unit when the alternative names one ("%", a currency).
  Bounds: "more" (more than, over, at least) and "less" (fewer than, up to,
  nearly) must agree, so a gold "more than 1 million" is not met by a bare
  "1 million", nor a gold "1 million" by "more than 1 million"; a gold file
  that accepts the looser wording lists it as a variant. "about" and "exact"
  are interchangeable (news figures are rounded: "about 2,300 people" and
  "2,300 people" state one fact), as in ``factcheck.facts.matching.bounds_compatible``.
  A JSON number as the value is an exact quantity without unit. An
  alternative in which no quantity is found is matched as words, like a term.
- ``date``: read with ``factcheck.facts.dates.find_dates``; present when the text's
  dates state every date fact of the alternative (year, month and day,
  weekday, relative phrase; ``factcheck.facts.matching.date_facts``): gold "2019" is
  met by "since 2019" and by "in March 2019", gold "last week" by "last week"
  only. Unparsed alternatives are matched as words.
- ``name`` and ``term``: whole-word match after folding case, accents, quotes
  and dashes (see ``text_match``).
"""

from __future__ import annotations

import dataclasses
import html
import math
from collections.abc import Sequence
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from factcheck.evals.gold import KeyFact
from factcheck.evals.text_match import contains_term, normalize_text

if TYPE_CHECKING:
    from factcheck.facts.dates import DateMention
    from factcheck.facts.quantities import Quantity


class ParsedText:
    """One text with its folded form, quantities and dates, each computed once."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def normalized(self) -> str:
        return normalize_text(self.text)

    @cached_property
    def plain(self) -> str:
        """The text with HTML entities decoded ("&pound;12.5 million" reads as money)."""
        return html.unescape(self.text)

    @cached_property
    def quantities(self) -> tuple[Quantity, ...]:
        return _quantities(self.plain)

    @cached_property
    def dates(self) -> tuple[DateMention, ...]:
        return _dates(self.plain)


@lru_cache(maxsize=4096)
def _quantities(text: str) -> tuple[Quantity, ...]:
    from factcheck.facts.quantities import find_quantities

    return tuple(find_quantities(text))


@lru_cache(maxsize=4096)
def _dates(text: str) -> tuple[DateMention, ...]:
    from factcheck.facts.dates import find_dates

    return tuple(find_dates(text))


def _norm_unit(unit: str | None) -> str | None:
    return None if unit is None else normalize_text(unit)


def same_quantity(gold: Quantity, found: Quantity) -> bool:
    """Equal value, compatible bound; equal unit when the gold quantity has one."""
    from factcheck.facts.matching import bounds_compatible

    if not math.isclose(gold.value, found.value, rel_tol=1e-9, abs_tol=1e-12):
        return False
    if not bounds_compatible(gold.bound, found.bound):
        return False
    return gold.unit is None or _norm_unit(gold.unit) == _norm_unit(found.unit)


def dates_present(gold: DateMention, found: Sequence[DateMention]) -> bool:
    """Every date fact of ``gold`` is stated by one of the ``found`` mentions."""
    from factcheck.facts.matching import date_fact_present, date_facts

    facts = date_facts(gold)
    return bool(facts) and all(date_fact_present(fact, list(found)) for fact in facts)


def _number_alternative_present(
    alternative: str, text: ParsedText, bound: str | None = None
) -> bool:
    wanted = _quantities(alternative)
    if not wanted:
        return contains_term(text.normalized, alternative, normalized=True)
    if bound is not None:
        wanted = tuple(_bounded(q, bound) for q in wanted)
    return all(any(same_quantity(q, found) for found in text.quantities) for q in wanted)


def _bounded(quantity: Quantity, bound: str) -> Quantity:
    """``quantity`` with ``bound`` when it states none of its own."""
    if quantity.bound in ("exact", "about"):
        return dataclasses.replace(quantity, bound=bound)
    return quantity


def _own_values(fact: KeyFact) -> list[Quantity] | None:
    """The quantities a number fact's value states, or None when it states a bound itself."""
    if isinstance(fact.value, float):
        from factcheck.facts.quantities import Quantity

        return [Quantity(fact.value, "exact", None, 0, 0, fact.label)]
    found = list(_quantities(fact.label))
    if len(found) != 1 or found[0].bound not in ("exact", "about"):
        return None
    return found


def claim_bound(fact: KeyFact, claim: str | ParsedText) -> str | None:
    """The bound a gold claim puts on a number fact that states none itself.

    A gold claim "The pier has stood for over 25 years" with the key fact
    ``25`` means "over 25": the claim is the fact's context. The fact takes
    the claim's bound ("more" or "less") when the claim states its value only
    with that one bound; otherwise (no such number, an unbounded mention too,
    or a bound of the fact's own) it keeps its own reading.
    """
    if fact.kind != "number":
        return None
    return _claim_bound(fact, claim.text if isinstance(claim, ParsedText) else claim)


@lru_cache(maxsize=4096)
def _claim_bound(fact: KeyFact, claim: str) -> str | None:
    # Cached: matching asks once per (gold claim, prediction) pair with the same answer.
    own = _own_values(fact)
    if own is None:
        return None
    parsed = ParsedText(claim)
    wanted = own[0]
    bounds = {
        found.bound
        for found in parsed.quantities
        if same_quantity(dataclasses.replace(wanted, bound=found.bound), found)
    }
    if len(bounds) == 1 and bounds <= {"more", "less"}:
        return bounds.pop()
    return None


def _date_alternative_present(alternative: str, text: ParsedText) -> bool:
    wanted = _dates(alternative)
    if not wanted:
        return contains_term(text.normalized, alternative, normalized=True)
    return all(dates_present(d, text.dates) for d in wanted)


def _plain_number_present(value: float, text: ParsedText, bound: str | None = None) -> bool:
    """A JSON-number fact: the value with no bound, or "about" it (or with ``bound``)."""
    bounds = ("exact", "about") if bound is None else (bound,)
    return any(
        math.isclose(value, found.value, rel_tol=1e-9, abs_tol=1e-12) and found.bound in bounds
        for found in text.quantities
    )


def fact_present(
    fact: KeyFact, text: str | ParsedText, *, claim: str | ParsedText | None = None
) -> bool:
    """Whether ``text`` states ``fact`` (by its value or any variant).

    ``claim``: the gold claim the fact belongs to, whose bound an unbounded
    number fact takes (see ``claim_bound``).
    """
    parsed = text if isinstance(text, ParsedText) else ParsedText(text)
    bound = None if claim is None else claim_bound(fact, claim)
    if fact.kind == "number" and isinstance(fact.value, float):
        if _plain_number_present(fact.value, parsed, bound):
            return True
        alternatives: tuple[str, ...] = fact.variants
    else:
        alternatives = fact.alternatives
    for alternative in alternatives:
        if fact.kind == "number":
            found = _number_alternative_present(alternative, parsed, bound)
        elif fact.kind == "date":
            found = _date_alternative_present(alternative, parsed)
        else:
            found = contains_term(parsed.normalized, alternative, normalized=True)
        if found:
            return True
    return False


def missing_facts(
    facts: Sequence[KeyFact], text: str | ParsedText, *, claim: str | ParsedText | None = None
) -> list[int]:
    """Indexes of the facts ``text`` does not state (read in ``claim``, when given)."""
    parsed = text if isinstance(text, ParsedText) else ParsedText(text)
    context = ParsedText(claim) if isinstance(claim, str) else claim
    return [
        index for index, fact in enumerate(facts) if not fact_present(fact, parsed, claim=context)
    ]


def term_present(term: str, text: str | ParsedText) -> bool:
    """A key-point term: whole words, or, for a term that is just a number, an equal number."""
    parsed = text if isinstance(text, ParsedText) else ParsedText(text)
    if contains_term(parsed.normalized, term, normalized=True):
        return True
    wanted = _quantities(term)
    if len(wanted) == 1 and normalize_text(wanted[0].text) == normalize_text(term):
        return any(same_quantity(wanted[0], found) for found in parsed.quantities)
    return False
