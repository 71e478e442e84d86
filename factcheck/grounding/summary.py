"""Check each sentence of a summary against the article body.

For every summary sentence:

1. evidence: the sentence itself when it is in the body (exact, normalised or
   fuzzy, as for quotes); otherwise the body sentence that covers the most of
   its content words (see overlap.py), with its neighbours and any other
   sentence that covers nearly as much (summaries fuse sentences). Text that
   addresses a model (an injected instruction, see excluded.py) is never
   evidence;
2. facts: each number, date and name of the sentence must be in that
   evidence region. A fact found elsewhere in the body is reported as "not
   near the matching text"; a fact found nowhere as "not in the article".

Status: ``supported`` (evidence found, every fact in it), ``partial`` (evidence
found, some fact missing), ``unsupported`` (no evidence region at all, or the
sentence has facts and none of them is anywhere in the body).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import overload

from factcheck.grounding.compare import FactProblem, FactSet, missing_facts
from factcheck.grounding.locate import DEFAULT_THRESHOLD, BodyIndex, Window
from factcheck.grounding.overlap import SentenceIndex, content_words
from factcheck.result import Evidence, SentenceCheck, Status
from factcheck.sentences import sentence_spans

MIN_COVERAGE = 0.34  # share of content words a region must cover to count as evidence
NEAR_BEST = 0.8  # other sentences covering this share of the best join the region
MAX_ELSEWHERE = 200  # body sentences searched for a fact missing from the evidence
NO_EVIDENCE = "no matching text in the article"


class SummaryChecker:
    """Checks statements against one body; the body's indexes are built once, on demand."""

    def __init__(self, body: str, *, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.index = BodyIndex(body)
        self.threshold = threshold

    @property
    def body(self) -> str:
        return self.index.body

    @cached_property
    def sentences(self) -> list[Window]:
        return sentence_spans(self.body)

    @cached_property
    def overlap(self) -> SentenceIndex:
        return SentenceIndex(_SentenceTexts(self.index, self.sentences))

    def elsewhere(self, fact_text: str) -> FactSet:
        """The facts of the body sentences that share a word with ``fact_text``.

        Looking only where the fact's words occur keeps this cheap on a long
        body; a fact written with entirely different words ("12" for "a dozen")
        is then reported as absent rather than as misplaced.
        """
        ids = self.overlap.containing(content_words(fact_text), limit=MAX_ELSEWHERE)
        return FactSet("\n".join(self.index.text(*self.sentences[i]) for i in ids))

    def _region(self, text: str) -> tuple[Evidence, list[Window]] | None:
        """Evidence for ``text`` and the body spans whose facts count."""
        located = self.index.locate(text, threshold=self.threshold)
        if located is not None and not self.index.excluded.overlaps(located.start, located.end):
            start = located.sentence_start if located.sentence_start is not None else located.start
            end = located.sentence_end if located.sentence_end is not None else located.end
            return located, [(start, end)]
        words = content_words(text)
        ranked = self.overlap.ranked(words, limit=5)
        if not ranked:
            return None
        best, _ = ranked[0]
        neighbours = [i for i in (best - 1, best, best + 1) if 0 <= i < len(self.sentences)]
        coverage = self.overlap.coverage(words, neighbours)
        if coverage < MIN_COVERAGE:
            return None
        members = set(neighbours)
        best_own = ranked[0][1]
        members.update(i for i, score in ranked[1:] if score >= NEAR_BEST * best_own)
        s, e = self.sentences[best]
        evidence = Evidence(
            start=s,
            end=e,
            text=self.body[s:e],
            method="fuzzy",
            score=round(100.0 * coverage, 2),
            sentence_start=self.sentences[neighbours[0]][0],
            sentence_end=self.sentences[neighbours[-1]][1],
        )
        return evidence, [self.sentences[i] for i in sorted(members)]

    def check(self, text: str, start: int, end: int) -> SentenceCheck:
        """The verdict for ``text``, which sits at ``[start, end)`` in the checked text."""
        region = self._region(text)
        if region is None:
            return SentenceCheck(text, start, end, "unsupported", (NO_EVIDENCE,), None)
        evidence, spans = region
        statement = FactSet(text)
        if len(spans) == 1:
            near = self.index.facts(*spans[0])
        else:
            near = FactSet("\n".join(self.index.text(s, e) for s, e in spans))
        problems: list[str] = []
        absent = 0
        for problem in missing_facts(statement, near):
            if _present(problem, statement, self.elsewhere(problem.text)):
                problems.append(problem.message("near the matching text"))
            else:
                absent += 1
                problems.append(problem.message("in the article"))
        status: Status = "supported"
        if problems:
            status = "partial"
            if absent and absent == statement.fact_count():
                status = "unsupported"
        return SentenceCheck(text, start, end, status, tuple(problems), evidence)

    def check_summary(self, summary: str) -> list[SentenceCheck]:
        """One SentenceCheck per sentence of ``summary`` (offsets into ``summary``)."""
        return [self.check(summary[s:e], s, e) for s, e in sentence_spans(summary)]


class _SentenceTexts(Sequence[str]):
    """The text of each body sentence, sliced when asked for (none kept).

    A sentence that addresses a model (see excluded.py) reads as empty: it
    holds no words, so it is never evidence.
    """

    def __init__(self, body: BodyIndex, spans: list[Window]) -> None:
        self.body = body
        self.spans = spans

    def __len__(self) -> int:
        return len(self.spans)

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[str]: ...

    def __getitem__(self, i: int | slice) -> str | Sequence[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        start, end = self.spans[i]
        return "" if self.body.excluded.overlaps(start, end) else self.body.body[start:end]


def _present(problem: FactProblem, statement: FactSet, body: FactSet) -> bool:
    """True when the fact behind ``problem`` appears somewhere in the body."""
    if problem.kind == "number":
        return any(body.has_quantity(q) for q in statement.quantities if q.text == problem.text)
    if problem.kind == "date":
        return any(body.has_date(d) for d in statement.dates if d.text == problem.text)
    return body.has_name(problem.text)


def check_summary(
    body: str, summary: str, *, threshold: float = DEFAULT_THRESHOLD
) -> list[SentenceCheck]:
    """One SentenceCheck per sentence of ``summary`` (offsets into ``summary``)."""
    return SummaryChecker(body, threshold=threshold).check_summary(summary)
