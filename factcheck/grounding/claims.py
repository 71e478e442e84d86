"""Ground claims in the article body: find each quote, then check the claim's facts.

Status of each claim (none is ever dropped, order is kept):

- ``supported``: the quote is in the body, carries the claim, and its
  sentence(s) hold what the claim says (``support.assess``: the informative
  words, every number, date and name, the same polarity and roles; a name or
  a word may also be in the sentence just before, in the same paragraph:
  "..., she said" names its speaker there);
- ``partial``: some of the claim's content is not there (each part is named);
- ``contradicted``: the evidence says otherwise (another figure for the same
  quantity, the opposite polarity, the roles reversed);
- ``unsupported``: the quote is not in the body, only inside text that
  addresses a model (an injected instruction), or too short to carry the
  claim (``QUOTE_SHARE``: "Okafor" is no evidence that "Ruth Okafor was
  arrested").

Grounding only looks at the body it is given: a fact that appears only in the
trailer (a dateline, an author bio) does not support a claim.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Sequence

from factcheck.grounding.body_indexes import body_index
from factcheck.grounding.compare import FactSet, missing_facts
from factcheck.grounding.excluded import INJECTED_QUOTE
from factcheck.grounding.locate import DEFAULT_THRESHOLD, BodyIndex, Window
from factcheck.grounding.recent import Recent
from factcheck.grounding.support import Verdict, assess, informative_words, word_coverage
from factcheck.result import Claim, Evidence, Finding, Status

QUOTE_NOT_FOUND = "quote not found in the article"
TRIVIAL_QUOTE = "quote too short to carry the claim"
# The quote already places a claim, so its sentence need hold less of the claim's
# wording than a summary sentence's best match must.
CLAIM_COVERAGE = 0.6
QUOTE_SHARE = 0.5  # weighted share of the claim's informative words a short quote must hold
QUOTE_WORDS = 3
_WORD = re.compile(r"\w+")  # a quote with this many informative words is a clause, not a fragment
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


def _verdict(
    index: BodyIndex, claim: Claim, evidence: Evidence, statements: Recent[str, FactSet]
) -> Verdict:
    """What the quote's sentence(s) say of the claim (see ``support.assess``)."""
    sentence_start = evidence.start if evidence.sentence_start is None else evidence.sentence_start
    sentence_end = evidence.end if evidence.sentence_end is None else evidence.sentence_end
    sentence_start, sentence_end = (
        min(sentence_start, evidence.start),
        max(sentence_end, evidence.end),
    )
    spans = [(sentence_start, sentence_end)]
    # A claim that is its sentence lacks nothing: no facts need extracting.
    if claim.text == index.text(sentence_start, sentence_end):
        verdict = Verdict("supported", (), tuple(spans))
    else:
        context = index.facts(sentence_start, sentence_end)
        statement = statements.get(claim.text, lambda: FactSet(claim.text, index.casing))
        # A quoted sentence often names its speaker only in the sentence before.
        speaker_start = index.previous_sentence_start(sentence_start)
        wider = index.facts(speaker_start, sentence_end)
        verdict = assess(
            statement, context, spans, index.words, context=wider, min_coverage=CLAIM_COVERAGE
        )
    if evidence.method == "fuzzy" and claim.quote != evidence.text:
        # The quote was not copied exactly: its own figures must match the article's.
        extra = tuple(
            Finding("quote", f"quote differs from the article: {p.message()}", tuple(spans))
            for p in missing_facts(FactSet(claim.quote), FactSet(evidence.text))
        )
        if extra:
            findings = verdict.findings + extra
            status: Status = "contradicted" if verdict.status == "contradicted" else "partial"
            verdict = Verdict(status, findings, verdict.spans, verdict.coverage)
    return verdict


def _carries(index: BodyIndex, claim: Claim) -> bool:
    """True when the quote holds enough of the claim to be its evidence."""
    quoted = informative_words(claim.quote)
    if len(_WORD.findall(claim.quote)) < min(2, len(_WORD.findall(claim.text))):
        return False  # a single word is no evidence for a sentence
    if len(quoted) >= QUOTE_WORDS or FactSet(claim.quote).quantities:
        # A clause, or a figure ("There were 212 of them."): something a claim can
        # rest on, even when its other words are all common ones.
        return True
    if not quoted:
        return False
    said = informative_words(claim.text)  # read only for a quote of a few words
    if len(quoted) < 2 and not said <= quoted:
        return False  # one word carries a claim only when the claim says no more
    share, _ = word_coverage(said, quoted, index.words)
    return share >= QUOTE_SHARE


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
    if not claim.text.strip():
        return dataclasses.replace(
            claim, status="partial", problems=(EMPTY_CLAIM,), evidence=evidence
        )
    if not _carries(index, claim):
        finding = Finding("quote", TRIVIAL_QUOTE, ((evidence.start, evidence.end),))
        return dataclasses.replace(
            claim,
            status="unsupported",
            problems=(finding.message(),),
            evidence=evidence,
            findings=(finding,),
            evidence_spans=finding.spans,
        )
    if statements is None:
        statements = Recent(1)
    verdict = _verdict(index, claim, evidence, statements)
    return dataclasses.replace(
        claim,
        status=verdict.status,
        problems=verdict.problems,
        evidence=evidence,
        findings=verdict.findings,
        evidence_spans=verdict.spans,
    )


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
    return list(
        grounding(
            body, claims, section_spans=section_spans, to_original=to_original, threshold=threshold
        )
    )


def grounding(
    body: str,
    claims: Sequence[Claim],
    *,
    section_spans: Sequence[Window] | None = None,
    to_original: Callable[[int, int], tuple[int, int]] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> Iterator[Claim]:
    """:func:`ground_claims` a claim at a time, each grounded as it is asked for."""
    index = body_index(body)
    statements: Recent[str, FactSet] = Recent(_KEPT_STATEMENTS)
    for claim in claims:
        yield ground_claim(
            index,
            claim,
            window=_window(claim, section_spans),
            to_original=to_original,
            threshold=threshold,
            statements=statements,
        )
