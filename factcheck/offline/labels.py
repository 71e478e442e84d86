"""Whether a clause is a checkable claim, what kind, and how strong.

A clause is checkable when it carries something a fact-checker can verify:
a quantity, a date, a "first since", a named speaker, or a named actor doing
something. Opinions, bare predictions, questions, fragments, boilerplate and
quotations running on without a speaker are not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from factcheck.offline.coref import main_clause_start
from factcheck.offline.features import Facts, Tokens, is_verb_form, verb_index
from factcheck.offline.lexicon import EMPTY_SUBJECTS, STATE_VERBS

MIN_WORDS = 3
_FRAGMENT_WORDS = 8  # shorter than this and verbless: a fragment
_LONG_WORDS = 60
_SPECULATIVE_VERBS = frozenset({"would", "could", "might", "may"})


class Shape(NamedTuple):
    """Where a clause's verbs are, found once and used by every test below."""

    verb: int | None  # the first finite verb
    main_start: int  # the first word of the main clause (past a marker, an adverbial)
    main_verb: int | None  # the main clause's first finite verb, counted from main_start


def shape_of(body: str, tokens: Tokens) -> Shape:
    words = tokens.words
    verb = verb_index(words)
    main_start = main_clause_start(body, tokens)
    if main_start == 0:
        return Shape(verb, 0, verb)
    return Shape(verb, main_start, verb_index(words[main_start:]))


def is_checkable(
    body: str,
    tokens: Tokens,
    facts: Facts,
    *,
    named: bool,
    speaker: str | None,
    unattributed_quote: bool,
    resolved_subject: bool = False,
    shape: Shape | None = None,
) -> bool:
    """``tokens`` are the clause's, with offsets into ``body``.

    ``resolved_subject``: the clause's leading pronoun was replaced by a name.
    """
    words = tokens.words
    if len(words) < MIN_WORDS or facts.question or facts.boilerplate:
        return False
    shape = shape_of(body, tokens) if shape is None else shape
    if shape.verb is None and len(words) < _FRAGMENT_WORDS:
        return False  # a fragment: "West.", "Now, more unity."
    factual = facts.number or facts.date or facts.first_since
    if unattributed_quote and not factual:
        return False  # a quotation running on from an earlier sentence
    if facts.personal_opinion and not speaker:
        return False  # "I suspect ...": the writer's view, whatever figures it holds
    if facts.opinion and not (factual or speaker):
        return False
    if not (factual or speaker or named):
        return False
    if factual or speaker:
        return True
    main = words[shape.main_start :]
    # "In Vellmar, it is the bike lanes.", "Nothing is ever that simple.": a
    # subject that names nothing leaves nothing to check but the place.
    if not resolved_subject and main and main[0].lower() in EMPTY_SUBJECTS:
        return False
    # A bare prediction: the main verb is a speculative modal and nothing in
    # the clause can be checked but the actor's name.
    main_verb = shape.main_verb
    return not (main_verb is not None and main[main_verb].lower() in _SPECULATIVE_VERBS)


def category_of(
    words: Sequence[str], facts: Facts, speaking_here: bool, named: bool, verb: int | None
) -> str:
    """One of factcheck.result.CATEGORIES; the most specific signal wins.

    ``verb``: the index of the clause's first finite verb (see ``shape_of``).
    """
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
    if verb is not None and words[verb].lower() in STATE_VERBS:
        after = words[verb + 1].lower() if verb + 1 < len(words) else ""
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
