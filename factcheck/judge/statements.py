"""What a judge is shown: the statements, and for each the article sentences to judge it by.

A statement's evidence is the region the offline check found (the quote's
sentence, or the sentences a summary sentence matched) with one neighbouring
sentence on each side, since a paraphrase often draws on the sentence next
to the one it matched. A statement the offline check found no evidence for
gets the body sentences that share the most of its content words, so the
judge can still tell "contradicted" from "not_in_source". A short body is
shown whole. Text that addresses a model (an injected instruction) is never
shown as evidence, as it never counts as evidence for the rules either.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from factcheck.grounding.excluded import ExcludedSpans
from factcheck.grounding.overlap import SentenceIndex, content_words
from factcheck.judge.verdicts import Passage
from factcheck.result import Claim, SentenceCheck
from factcheck.sentences import sentence_spans

# A body up to this many characters (about 1,500 tokens) is shown whole.
SHORT_BODY_CHARS = 6000
# Sentences either side of the evidence region that are shown with it.
NEIGHBOURS = 1
# Best-matching sentences shown for a statement with no evidence region.
FALLBACK_SENTENCES = 2


@dataclass(frozen=True)
class Statement:
    """One thing to judge: its text, where it sits in the result, and its evidence region.

    ``ref`` is a JSON pointer into the result (``claims/3``, ``summary_checks/0``);
    ``region`` is the body span the offline check took as evidence, or None.
    """

    ref: str
    text: str
    region: tuple[int, int] | None = None


def _region(item: Claim | SentenceCheck) -> tuple[int, int] | None:
    evidence = item.evidence
    if evidence is None:
        return None
    start = evidence.start if evidence.sentence_start is None else evidence.sentence_start
    end = evidence.end if evidence.sentence_end is None else evidence.sentence_end
    return min(start, evidence.start), max(end, evidence.end)


def claim_statements(claims: Sequence[Claim], prefix: str = "claims") -> list[Statement]:
    return [Statement(f"{prefix}/{i}", c.text, _region(c)) for i, c in enumerate(claims)]


def check_statements(checks: Sequence[SentenceCheck], prefix: str) -> list[Statement]:
    return [Statement(f"{prefix}/{i}", c.text, _region(c)) for i, c in enumerate(checks)]


def one_line(text: str) -> str:
    """``text`` with its whitespace runs as single spaces: one numbered line in a prompt."""
    return " ".join(text.split())


class EvidenceSentences:
    """The body's sentences and which of them to show for a statement."""

    def __init__(self, body: str, *, short_body_chars: int = SHORT_BODY_CHARS) -> None:
        self.body = body
        self.spans = sentence_spans(body)
        self.starts = [start for start, _ in self.spans]
        excluded = ExcludedSpans.of_body(body)
        self.usable = [
            i
            for i, (start, end) in enumerate(self.spans)
            if body[start:end].strip() and not excluded.overlaps(start, end)
        ]
        self.whole = len(body) <= short_body_chars

    @cached_property
    def overlap(self) -> SentenceIndex:
        usable = set(self.usable)
        texts = [self.body[s:e] if i in usable else "" for i, (s, e) in enumerate(self.spans)]
        return SentenceIndex(texts)

    def for_statement(self, statement: Statement) -> set[int]:
        """Sentence numbers (into ``spans``) to show for ``statement``."""
        if self.whole:
            return set(self.usable)
        if statement.region is not None:
            start, end = statement.region
            first = max(0, bisect.bisect_right(self.starts, start) - 1)
            last = max(first, bisect.bisect_left(self.starts, end) - 1)
            core = list(range(first, last + 1))
        else:
            words = content_words(statement.text)
            core = [i for i, _ in self.overlap.ranked(words, limit=FALLBACK_SENTENCES)]
        shown = {j for i in core for j in range(i - NEIGHBOURS, i + NEIGHBOURS + 1)}
        return shown.intersection(self.usable)

    def passages(self, sentences: Sequence[int]) -> list[Passage]:
        return [Passage(*self.spans[i], self.body[slice(*self.spans[i])]) for i in sentences]
