"""Reading units: the body's sentences, cut again where the splitter let text run on.

The sentence splitter only ends a sentence before a capital it knows. Real
articles also hold breaks it must not guess at: a capital outside its alphabet
("... 250,000 euros. Łukasiewicz, 44, leads ..."), always a new sentence, and
a full stop followed by a lower-case word. That one is a new sentence when
what follows stands alone ("... into 1,200 homes. the vote came after a
six-hour debate."); when it does not, the full stop is a stray one inside the
sentence ("... along the border. of his country with Ukraine.", the debris of
machine rewriting) and the sentence stays whole, so nothing it says is lost
(claims.repair_stops takes such stops out of a claim's text). A unit that
opens in lower case is marked, so the summary never starts a sentence with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from factcheck.facts.abbreviations import is_abbreviation
from factcheck.injection import find_injection_spans
from factcheck.offline.clauses import stands_alone
from factcheck.offline.features import Tokens, WordBag, tokenize
from factcheck.offline.labels import Shape, shape_of
from factcheck.offline.lexicon import scanner
from factcheck.spans import Span

# Terminal punctuation (not an ellipsis), closing quotes or brackets, spaces on
# the same line, then a letter (after an optional opening quote).
_INNER_BREAK = scanner(r"(?<![.…])[.!?][\"'”’»)\]]*[^\S\n]+(?=[\"'“‘«(\[]?([^\W\d_]))", ".!?")


class Unit(NamedTuple):
    """One reading unit: body offsets and how it sits in the text."""

    start: int
    end: int
    paragraph_start: bool  # the first unit after a line break (or of the body)
    lower_start: bool  # opens with a lower-case letter: a run-on piece


def _is_break(text: str, m: re.Match[str]) -> bool:
    letter = m.group(1)
    mark = text[m.start()]
    if mark == ".":
        return not is_abbreviation(text, m.start())
    # "“Is it safe?” she asked.": a question or exclamation may run on in lower case.
    return letter.isupper()


def _pieces(text: str, start: int, end: int) -> Iterator[Span]:
    pos = start
    breaks = [m for m in _INNER_BREAK.finditer(text, start, end) if _is_break(text, m)]
    for i, m in enumerate(breaks):
        cut = m.end()
        if m.group(1).islower():
            following = breaks[i + 1].start() + 1 if i + 1 < len(breaks) else end
            if not stands_alone(text, cut, following):
                continue  # a stray full stop: the words after it finish this sentence
        stop = cut
        while stop > pos and text[stop - 1].isspace():
            stop -= 1
        if stop > pos:
            yield pos, stop
        pos = cut
    if pos < end:
        yield pos, end


def _lower_start(text: str, start: int, end: int) -> bool:
    """True when the first letter (within a few characters) is lower case."""
    for i in range(start, min(end, start + 4)):
        if text[i].isalpha():
            return text[i].islower()
    return False


def reading_units(text: str, spans: Iterable[Span]) -> Iterator[Unit]:
    """The units of the sentences ``spans`` of ``text``, in order (a generator)."""
    previous_end = 0
    first = True
    search = _INNER_BREAK.search
    for start, end in spans:
        paragraph_start = first or text.find("\n", previous_end, start) != -1
        first = False
        previous_end = end
        if search(text, start, end) is None:  # the common case: nothing to cut
            first_char = text[start]
            lower = first_char.islower() if first_char.isalpha() else _lower_start(text, start, end)
            yield Unit(start, end, paragraph_start, lower)
            continue
        for piece_start, piece_end in _pieces(text, start, end):
            yield Unit(
                piece_start, piece_end, paragraph_start, _lower_start(text, piece_start, piece_end)
            )
            paragraph_start = False


class Reading(NamedTuple):
    """A unit with what every later step asks of it, worked out once."""

    unit: Unit
    tokens: Tokens
    bag: WordBag
    shape: Shape
    instruction: bool  # it addresses a language model: never a claim or a summary line


def readings(text: str, spans: Iterable[Span]) -> Iterator[Reading]:
    """Each unit of ``spans`` tokenized and looked at once (a generator).

    A unit that overlaps text addressing a model (``factcheck.injection``, the
    one judge of that, shared with grounding and the result's warning) is
    marked as an instruction.
    """
    instructions = find_injection_spans(text)
    next_instruction = 0
    for unit in reading_units(text, spans):
        while (
            next_instruction < len(instructions) and instructions[next_instruction][1] <= unit.start
        ):
            next_instruction += 1
        instruction = (
            next_instruction < len(instructions) and instructions[next_instruction][0] < unit.end
        )
        tokens = tokenize(text, unit.start, unit.end)
        bag = WordBag.of_words(tokens.words)
        yield Reading(unit, tokens, bag, shape_of(text, tokens), instruction)
