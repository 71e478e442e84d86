"""Whether a clause is a checkable claim, what kind, and how strong.

A clause is checkable when it carries something a fact-checker can verify:
a quantity, a date, a "first since", a named speaker, or a named actor doing
something. Opinions, bare predictions, questions, fragments, boilerplate and
quotations running on without a speaker are not.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.offline.coref import main_clause_start
from factcheck.offline.features import Facts, Token, is_verb_form, verb_index
from factcheck.offline.lexicon import STATE_VERBS

MIN_WORDS = 3
_FRAGMENT_WORDS = 8  # shorter than this and verbless: a fragment
_LONG_WORDS = 60
_SPECULATIVE_VERBS = frozenset({"would", "could", "might", "may"})


def is_checkable(
    body: str,
    tokens: Sequence[Token],
    facts: Facts,
    *,
    named: bool,
    speaker: str | None,
    unattributed_quote: bool,
) -> bool:
    """``tokens`` are the clause's, with offsets into ``body``."""
    if len(tokens) < MIN_WORDS or facts.question or facts.boilerplate:
        return False
    verb = verb_index(tokens)
    if verb is None and len(tokens) < _FRAGMENT_WORDS:
        return False  # a fragment: "West.", "Now, more unity."
    factual = facts.number or facts.date or facts.first_since
    if unattributed_quote and not factual:
        return False  # a quotation running on from an earlier sentence
    if facts.opinion and not (factual or speaker):
        return False
    if not (factual or speaker or named):
        return False
    # A bare prediction: the main verb is a speculative modal and nothing in
    # the clause can be checked but the actor's name.
    main = tokens[main_clause_start(body, tokens) :]
    main_verb = verb_index(main)
    return not (
        main_verb is not None
        and main[main_verb][0].lower() in _SPECULATIVE_VERBS
        and not factual
        and not speaker
    )


def category_of(tokens: Sequence[Token], facts: Facts, speaking_here: bool, named: bool) -> str:
    """One of factcheck.result.CATEGORIES; the most specific signal wins."""
    if speaking_here:
        return "attribution/quote"
    if facts.number:
        return "quantity"
    if facts.first_since:
        return "event"
    if facts.ranking:
        return "comparison/ranking"
    if facts.date:
        return "date/time"
    verb = verb_index(tokens)
    if verb is not None and tokens[verb][0].lower() in STATE_VERBS:
        after = tokens[verb + 1][0].lower() if verb + 1 < len(tokens) else ""
        # "has urged", "were deployed", "is rising" are events, not states.
        if not (is_verb_form(after) or after.endswith("ing")):
            return "status"
    return "event" if named else "other"


def strength(facts: Facts, speaker: str | None, named: bool, stance: str, words: int) -> float:
    """How much a claim gives a fact-checker; ranks claims when ``max_claims`` cuts."""
    score = (
        2.0 * facts.number
        + 1.5 * facts.date
        + 2.0 * facts.first_since
        + 1.0 * facts.ranking
        + 1.5 * (speaker is not None)
        + 1.0 * named
        + 1.0 * (stance == "denied")
        - 0.5 * (stance == "hedged")
    )
    return score - (0.5 if words > _LONG_WORDS else 0.0)
