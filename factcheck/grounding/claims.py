"""Ground claims in the article body: find each quote, then check the claim's facts.

Status of each claim (none is ever dropped, order is kept):

- ``supported``: the quote is in the body and every number, date and name of
  the claim is in the quote's sentence(s) (a name may also be in the sentence
  just before, in the same paragraph: "..., she said" names its speaker there);
- ``partial``: the quote is in the body but some fact is not (each is named);
- ``unsupported``: the quote is not in the body, or only inside text that
  addresses a model (an injected instruction).

Grounding only looks at the body it is given: a fact that appears only in the
trailer (a dateline, an author bio) does not support a claim.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from factcheck.grounding.compare import FactSet, missing_facts
from factcheck.grounding.excluded import INJECTED_QUOTE
from factcheck.grounding.locate import DEFAULT_THRESHOLD, BodyIndex, Window
from factcheck.grounding.recent import Recent
from factcheck.result import Claim, Evidence, Status

QUOTE_NOT_FOUND = "quote not found in the article"
EMPTY_QUOTE = "empty quote"
EMPTY_CLAIM = "empty claim text"
_KEPT_STATEMENTS = 256  # facts of this many recent claim texts are kept for reuse


def _known_evidence(index: BodyIndex, claim: Claim) -> Evidence | None:
    """The claim's own evidence when its span still holds the quote verbatim."""
    ev = claim.evidence
    if ev is None or not claim.quote or not (0 <= ev.start <= ev.end <= len(index.body)):
        return None
    if index.body[ev.start : ev.end] != claim.quote:
        return None
    trusted = (
        ev.method == "exact"
        and ev.text == claim.quote
        and ev.sentence_start is not None
        and ev.sentence_end is not None
        and 0 <= ev.sentence_start <= ev.start
        and ev.end <= ev.sentence_end <= len(index.body)
    )
    if trusted:
        return ev
    fresh = index.evidence(ev.start, ev.end, "exact", 100.0)
    return dataclasses.replace(
        fresh, original_start=ev.original_start, original_end=ev.original_end
    )


def _window(claim: Claim, section_spans: Sequence[Window] | None) -> Window | None:
    if section_spans is None or claim.section is None:
        return None
    if 0 <= claim.section < len(section_spans):
        return section_spans[claim.section]
    return None


def _with_original(
    evidence: Evidence, to_original: Callable[[int, int], tuple[int, int]] | None
) -> Evidence:
    if to_original is None:
        return evidence
    original_start, original_end = to_original(evidence.start, evidence.end)
    if (original_start, original_end) == (evidence.original_start, evidence.original_end):
        return evidence  # already right: no copy
    return dataclasses.replace(evidence, original_start=original_start, original_end=original_end)


def _fact_problems(
    index: BodyIndex, claim: Claim, evidence: Evidence, statements: Recent[str, FactSet]
) -> list[str]:
    """Facts of the claim missing from its evidence sentence(s), as problem messages."""
    sentence_start = evidence.start if evidence.sentence_start is None else evidence.sentence_start
    sentence_end = evidence.end if evidence.sentence_end is None else evidence.sentence_end
    sentence_start, sentence_end = (
        min(sentence_start, evidence.start),
        max(sentence_end, evidence.end),
    )
    problems: list[str] = []
    # A claim that is its sentence lacks nothing: no facts need extracting.
    if claim.text != index.text(sentence_start, sentence_end):
        context = index.facts(sentence_start, sentence_end)
        statement = statements.get(claim.text, lambda: FactSet(claim.text))
        names: FactSet | None = None
        if statement.names:
            # A quoted sentence often names its speaker only in the sentence before.
            speaker_start = index.previous_sentence_start(sentence_start)
            names = index.facts(speaker_start, sentence_end)
        problems.extend(p.message() for p in missing_facts(statement, context, name_evidence=names))
    if evidence.method == "fuzzy" and claim.quote != evidence.text:
        # The quote was not copied exactly: its own figures must match the article's.
        problems.extend(
            f"quote differs from the article: {p.message()}"
            for p in missing_facts(FactSet(claim.quote), FactSet(evidence.text))
        )
    return problems


def ground_claim(
    index: BodyIndex,
    claim: Claim,
    *,
    window: Window | None = None,
    to_original: Callable[[int, int], tuple[int, int]] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    statements: Recent[str, FactSet] | None = None,
) -> Claim:
    """One claim grounded against ``index.body`` (see ``ground_claims``).

    ``statements`` keeps the facts of claim texts between calls.
    """
    if not claim.quote.strip():
        return dataclasses.replace(
            claim, status="unsupported", problems=(EMPTY_QUOTE,), evidence=None
        )
    evidence = _known_evidence(index, claim)
    if evidence is None:
        evidence = index.locate(claim.quote, window=window, threshold=threshold)
    if evidence is None:
        return dataclasses.replace(
            claim, status="unsupported", problems=(QUOTE_NOT_FOUND,), evidence=None
        )
    evidence = _with_original(evidence, to_original)
    if index.excluded.overlaps(evidence.start, evidence.end):
        return dataclasses.replace(
            claim, status="unsupported", problems=(INJECTED_QUOTE,), evidence=evidence
        )
    problems: list[str] = []
    if not claim.text.strip():
        problems.append(EMPTY_CLAIM)
    if statements is None:
        statements = Recent(1)
    problems.extend(_fact_problems(index, claim, evidence, statements))
    status: Status = "partial" if problems else "supported"
    return dataclasses.replace(claim, status=status, problems=tuple(problems), evidence=evidence)


def ground_claims(
    body: str,
    claims: Sequence[Claim],
    *,
    section_spans: Sequence[Window] | None = None,
    to_original: Callable[[int, int], tuple[int, int]] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Claim]:
    """The claims, in order, with ``status``, ``problems`` and ``evidence`` set.

    ``section_spans[claim.section]`` is the window a quote is looked for in
    first (and the only place it is fuzzily matched); ``to_original`` maps a
    body span to the caller's original text (``Article.body_span_to_original``).
    A claim whose evidence span already holds its quote verbatim is not
    searched again. A quote inside text that addresses a model (an injected
    instruction, see excluded.py) is unsupported, and such text is never
    evidence for a fact.
    """
    index = BodyIndex(body)
    statements: Recent[str, FactSet] = Recent(_KEPT_STATEMENTS)
    return [
        ground_claim(
            index,
            claim,
            window=_window(claim, section_spans),
            to_original=to_original,
            threshold=threshold,
            statements=statements,
        )
        for claim in claims
    ]
