"""The offline engine: summary and claims with no model, no network, no randomness."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from factcheck.article import Article
from factcheck.errors import ConfigurationError
from factcheck.grounding.body_indexes import body_index
from factcheck.grounding.claims import ground_claim
from factcheck.grounding.compare import FactSet
from factcheck.grounding.recent import Recent
from factcheck.offline.claims import ClaimExtractor, ClaimOptions, ToOriginal
from factcheck.offline.reading_units import readings
from factcheck.offline.summary import SummaryBuilder
from factcheck.result import Claim
from factcheck.sentences import sentence_spans
from factcheck.spans import Span

MAX_SUMMARY_SENTENCES = 5  # a summary longer than this is a digest, not a summary


@dataclass
class OfflineOutput:
    """What the engine read from a body; every offset is a body offset."""

    summary: str
    summary_spans: list[Span]
    claims: list[Claim]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class OfflineEngine:
    """Deterministic extractive engine, the default when no model is configured.

    ``summary_sentences``: how many body sentences the summary takes (1 to 5;
    fewer when the body has fewer usable ones, and never more than a third of
    the body's text). ``max_claims``: keep only the strongest
    claims (None keeps all). ``split_clauses`` and ``resolve_pronouns`` switch
    off clause splitting and pronoun replacement.
    """

    summary_sentences: int = 3
    max_claims: int | None = None
    split_clauses: bool = True
    resolve_pronouns: bool = True

    name: ClassVar[str] = "offline"

    def __post_init__(self) -> None:
        if not 1 <= self.summary_sentences <= MAX_SUMMARY_SENTENCES:
            raise ConfigurationError(
                f"summary_sentences must be between 1 and {MAX_SUMMARY_SENTENCES}"
            )
        if self.max_claims is not None and self.max_claims < 0:
            raise ConfigurationError("max_claims must be None or at least 0")

    def extract(self, article: Article) -> OfflineOutput:
        """Summary and claims of ``article.body``; never reads the title's text into either.

        Each claim's evidence also carries its span in the original text.
        """
        return self._run(article.body, article.title, article.body_span_to_original)

    def extract_text(self, body: str, *, title: str | None = None) -> OfflineOutput:
        """The same for a bare body; ``title`` only keeps a repeated headline out."""
        return self._run(body, title, None)

    def _run(self, body: str, title: str | None, to_original: ToOriginal | None) -> OfflineOutput:
        spans = sentence_spans(body)
        if not spans:
            return OfflineOutput("", [], [], ["offline engine: the body has no sentences"])
        # One pass: each reading unit is tokenized once and feeds both the
        # summary statistics and the claim extractor.
        summary = SummaryBuilder(body, title)
        extractor = ClaimExtractor(
            body, ClaimOptions(self.split_clauses, self.resolve_pronouns), title, to_original
        )
        for reading in readings(body, spans):
            summary.add(reading)
            extractor.add(reading)
        units = len(summary)
        del spans  # not needed any more: freed before the summary's scoring
        chosen = summary.select(self.summary_sentences)
        notes: list[str] = []
        if summary.clipped:
            notes.append("offline engine: the summary is the start of an unpunctuated run of text")
        elif len(chosen) < min(self.summary_sentences, units):
            notes.append(
                f"offline engine: the summary has {len(chosen)} sentence(s); the other "
                f"sentences are questions, fragments, quotations, repeats, or would pass "
                f"a third of the body"
            )
        outcome = extractor.outcome(self.max_claims)
        notes.extend(outcome.notes)
        claims = _passing_own_check(body, outcome.claims, notes)
        if not claims:
            notes.append("offline engine: no checkable claims found in the body")
        text = " ".join(body[s:e] for s, e in chosen)
        return OfflineOutput(text, chosen, claims, notes)


def _passing_own_check(body: str, claims: list[Claim], notes: list[str]) -> list[Claim]:
    """The claims that grounding finds supported; a claim whose text says what its
    evidence does not (a repaired stop, a resolved name out of reach) is left out
    and counted in ``notes``. The claims are returned as found: the pipeline grounds
    them for the result."""
    index = body_index(body)
    statements: Recent[str, FactSet] = Recent(256)
    kept = [
        c for c in claims if ground_claim(index, c, statements=statements).status == "supported"
    ]
    if len(kept) < len(claims):
        notes.append(
            f"offline engine: left out {len(claims) - len(kept)} claim(s) that failed "
            f"their own grounding check"
        )
    return kept
