"""The offline engine: summary and claims with no model, no network, no randomness."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import ClassVar

from factcheck.article import Article
from factcheck.errors import ConfigurationError
from factcheck.offline.claims import ClaimOptions, extract_claims
from factcheck.offline.summary import select_summary
from factcheck.result import Claim
from factcheck.sentences import sentence_spans

Span = tuple[int, int]


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

    ``summary_sentences``: how many body sentences the summary takes (fewer when
    the body has fewer usable ones). ``max_claims``: keep only the strongest
    claims (None keeps all). ``split_clauses`` and ``resolve_pronouns`` switch
    off clause splitting and pronoun replacement.
    """

    summary_sentences: int = 3
    max_claims: int | None = None
    split_clauses: bool = True
    resolve_pronouns: bool = True

    name: ClassVar[str] = "offline"

    def __post_init__(self) -> None:
        if self.summary_sentences < 1:
            raise ConfigurationError("summary_sentences must be at least 1")
        if self.max_claims is not None and self.max_claims < 0:
            raise ConfigurationError("max_claims must be None or at least 0")

    def extract(self, article: Article) -> OfflineOutput:
        """Summary and claims of ``article.body``; never reads the title's text into either."""
        out = self.extract_text(article.body, title=article.title)
        out.claims = [_with_original_span(article, claim) for claim in out.claims]
        return out

    def extract_text(self, body: str, *, title: str | None = None) -> OfflineOutput:
        """The same for a bare body; ``title`` only keeps a repeated headline out."""
        spans = sentence_spans(body)
        notes: list[str] = []
        if not spans:
            return OfflineOutput("", [], [], ["offline engine: the body has no sentences"])
        chosen = select_summary(body, spans, count=self.summary_sentences, title=title)
        if len(chosen) == 1 and chosen[0] not in spans:
            notes.append("offline engine: the summary is the start of an unpunctuated run of text")
        elif len(chosen) < min(self.summary_sentences, len(spans)):
            notes.append(
                f"offline engine: the summary has {len(chosen)} sentence(s); the other "
                f"sentences are questions, fragments, quotations or repeats"
            )
        outcome = extract_claims(
            body,
            spans,
            title=title,
            options=ClaimOptions(self.split_clauses, self.resolve_pronouns),
            max_claims=self.max_claims,
        )
        notes.extend(outcome.notes)
        if not outcome.claims:
            notes.append("offline engine: no checkable claims found in the body")
        summary = " ".join(body[s:e] for s, e in chosen)
        return OfflineOutput(summary, chosen, outcome.claims, notes)


def _with_original_span(article: Article, claim: Claim) -> Claim:
    ev = claim.evidence
    if ev is None:
        return claim
    start, end = article.body_span_to_original(ev.start, ev.end)
    return replace(claim, evidence=replace(ev, original_start=start, original_end=end))
