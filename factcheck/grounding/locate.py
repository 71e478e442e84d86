"""Find a quote in an article body: exact, then normalised, then fuzzy.

1. exact: ``str.find``, inside the window first, then in the whole body;
2. normalised: the same after ``normalise`` (quotes, dashes, whitespace,
   ellipses, case), inside the window first, then in the whole body; a quote
   that marks a cut with "..." is found when its pieces appear in order, close
   together;
3. fuzzy: rapidfuzz's best partial alignment, inside the window when one is
   given (the section the quote came from), else in the whole body; it must
   score at least ``threshold`` (0-100) and the quote must be long enough for
   a score to mean something.

Every span is in body coordinates and ``body[start:end]`` is the evidence.
"""

from __future__ import annotations

import re
from functools import cached_property

from rapidfuzz import fuzz

from factcheck.facts.names import ArticleCasing
from factcheck.grounding.compare import FactSet
from factcheck.grounding.excluded import ExcludedSpans
from factcheck.grounding.normalise import NormalisedText, normalise
from factcheck.grounding.overlap import SentenceIndex, TextsOnDemand
from factcheck.grounding.recent import Recent
from factcheck.grounding.tokenised import capitalised_words
from factcheck.result import Evidence, MatchMethod
from factcheck.sentences import sentence_containing, sentence_spans

DEFAULT_THRESHOLD = 90.0
MIN_FUZZY_LENGTH = 12  # normalised characters; shorter quotes match by chance
_SENTENCE_REACH = 4000  # how far to look for the enclosing sentence's edges
_CUT = re.compile(r"\s*(?:\.\.\.|\u2026|\[\.\.\.\]|\[\u2026\])\s*")
_OUTER = "\"' "
_MAX_PIECE_ATTEMPTS = 50
_KEPT_SPANS = 256  # facts of this many recent spans are kept for reuse
Window = tuple[int, int]


class BodyIndex:
    """A body prepared for many quote searches and fact checks.

    Everything is built on first use and kept: the normalised form, the spans
    excluded from evidence, and the facts of recently checked spans.
    """

    def __init__(self, body: str) -> None:
        self.body = body
        self._facts: Recent[Window, FactSet] = Recent(_KEPT_SPANS)
        self._previous: Recent[int, int] = Recent(_KEPT_SPANS)

    @cached_property
    def normalized(self) -> NormalisedText:
        return normalise(self.body)

    @cached_property
    def excluded(self) -> ExcludedSpans:
        """Text that addresses a model; never evidence (see excluded.py)."""
        return ExcludedSpans.of_body(self.body)

    @cached_property
    def sentences(self) -> list[Window]:
        return sentence_spans(self.body)

    @cached_property
    def words(self) -> SentenceIndex:
        """Which sentences hold which content words; their weights in this body."""
        return SentenceIndex(_SentenceTexts(self, self.sentences))

    @cached_property
    def capitalised(self) -> frozenset[str]:
        """Words the body writes only as names (see ``tokenised.capitalised_words``)."""
        return capitalised_words(self.body)

    @cached_property
    def casing(self) -> ArticleCasing:
        """How the body writes its words (tells names from sentence openers)."""
        return ArticleCasing.of(self.body)

    def text(self, start: int, end: int) -> str:
        """``body[start:end]`` without its excluded parts."""
        return self.excluded.text_outside(self.body, start, end)

    def facts(self, start: int, end: int) -> FactSet:
        """The facts of ``text(start, end)``; the same object for the same span while kept."""
        return self._facts.get((start, end), lambda: FactSet(self.text(start, end), self.casing))

    def _clip(self, window: Window | None) -> Window | None:
        if window is None:
            return None
        start = max(0, min(window[0], len(self.body)))
        end = max(start, min(window[1], len(self.body)))
        return start, end

    def locate(
        self, quote: str, *, window: Window | None = None, threshold: float = DEFAULT_THRESHOLD
    ) -> Evidence | None:
        """Evidence for ``quote`` (see the module notes) or None when it is not in the body."""
        window = self._clip(window)
        needle = quote.strip()
        if not needle or not self.body:
            return None
        found = self._exact(quote, window)
        if found is None and needle != quote:
            found = self._exact(needle, window)
        if found is not None:
            return self.evidence(found[0], found[1], "exact", 100.0)
        found = self._normalised(needle, window)
        if found is not None:
            return self.evidence(found[0], found[1], "normalized", 100.0)
        fuzzy = self._fuzzy(needle, window, threshold)
        if fuzzy is not None:
            return self.evidence(fuzzy[0], fuzzy[1], "fuzzy", fuzzy[2])
        return None

    def _exact(self, needle: str, window: Window | None) -> Window | None:
        if window is not None:
            i = self.body.find(needle, window[0], window[1])
            if i >= 0:
                return i, i + len(needle)
        i = self.body.find(needle)
        return (i, i + len(needle)) if i >= 0 else None

    def _norm_window(self, window: Window | None) -> Window | None:
        if window is None:
            return None
        norm = self.normalized
        return norm.norm_position(window[0]), norm.norm_position(window[1])

    def _normalised(self, needle: str, window: Window | None) -> Window | None:
        norm = self.normalized
        target = normalise(needle).text.strip()
        candidates = [target]
        if target.strip(_OUTER) != target:
            candidates.append(target.strip(_OUTER))
        norm_window = self._norm_window(window)
        for candidate in candidates:
            if not candidate:
                continue
            span = _find_in(norm.text, candidate, norm_window)
            if span is not None:
                return norm.source_span(*span)
        pieces = [p.strip(_OUTER) for p in _CUT.split(target)]
        pieces = [p for p in pieces if p]
        if len(pieces) > 1:
            span = self._find_pieces(pieces, norm_window, len(target))
            if span is not None:
                return norm.source_span(*span)
        return None

    def _find_pieces(self, pieces: list[str], window: Window | None, length: int) -> Window | None:
        """Pieces of a quote cut with "...", in order and close together."""
        text = self.normalized.text
        reach = 3 * length + 200
        ranges = [window] if window is not None else []
        ranges.append((0, len(text)))
        for lo, hi in ranges:
            first = text.find(pieces[0], lo, hi)
            attempts = 0
            while first >= 0 and attempts < _MAX_PIECE_ATTEMPTS:
                attempts += 1
                cursor = first + len(pieces[0])
                for piece in pieces[1:]:
                    i = text.find(piece, cursor, first + reach)
                    if i < 0:
                        break
                    cursor = i + len(piece)
                else:
                    return first, cursor
                first = text.find(pieces[0], first + 1, hi)
        return None

    def _fuzzy(
        self, needle: str, window: Window | None, threshold: float
    ) -> tuple[int, int, float] | None:
        target = normalise(needle).text.strip().strip(_OUTER)
        if len(target) < MIN_FUZZY_LENGTH:
            return None
        text = self.normalized.text
        lo, hi = self._norm_window(window) or (0, len(text))
        if hi <= lo:
            return None
        result = fuzz.partial_ratio_alignment(target, text[lo:hi], score_cutoff=threshold)
        if result is None or result.dest_end <= result.dest_start:
            return None
        start, end = _word_bounds(text, lo + result.dest_start, lo + result.dest_end, target)
        if end <= start:
            return None
        body_start, body_end = self.normalized.source_span(start, end)
        return body_start, body_end, float(result.score)

    def sentence_bounds(self, start: int, end: int) -> Window:
        """The sentence(s) around body span ``[start, end)``, at least the span itself.

        Looked up in the whole body's sentences: one split serves every quote,
        and the same sentences as the summary check and the judge read.
        """
        return _covering(self.sentences, start, end)

    def previous_sentence_start(self, sentence_start: int) -> int:
        """Start of the sentence before the one at ``sentence_start``, within its paragraph."""
        return self._previous.get(sentence_start, lambda: self._previous_start(sentence_start))

    def _previous_start(self, sentence_start: int) -> int:
        body = self.body
        lo = max(0, sentence_start - _SENTENCE_REACH)
        gap = body.rfind("\n\n", lo, sentence_start)
        lo = gap + 2 if gap >= 0 else lo
        spans = sentence_spans(body, lo, sentence_start)
        return spans[-1][0] if spans else sentence_start

    def evidence(self, start: int, end: int, method: MatchMethod, score: float) -> Evidence:
        sentence_start, sentence_end = self.sentence_bounds(start, end)
        return Evidence(
            start=start,
            end=end,
            text=self.body[start:end],
            method=method,
            score=score,
            sentence_start=sentence_start,
            sentence_end=sentence_end,
        )


class _SentenceTexts(TextsOnDemand):
    """The text of each body sentence, sliced when asked for (none kept).

    A sentence that addresses a model (see excluded.py) reads as empty: it
    holds no words, so it is never evidence.
    """

    def __init__(self, body: BodyIndex, spans: list[Window]) -> None:
        self.body = body
        self.spans = spans

    def __len__(self) -> int:
        return len(self.spans)

    def text(self, i: int) -> str:
        start, end = self.spans[i]
        return "" if self.body.excluded.overlaps(start, end) else self.body.body[start:end]


def _covering(spans: list[Window], start: int, end: int) -> Window:
    first = sentence_containing(spans, start)
    last = sentence_containing(spans, max(start, end - 1))
    s = spans[first][0] if first is not None else start
    e = spans[last][1] if last is not None else end
    return min(s, start), max(e, end)


def _find_in(text: str, needle: str, window: Window | None) -> Window | None:
    if window is not None:
        i = text.find(needle, window[0], window[1])
        if i >= 0:
            return i, i + len(needle)
    i = text.find(needle)
    return (i, i + len(needle)) if i >= 0 else None


def _word_bounds(text: str, start: int, end: int, target: str) -> Window:
    """Widen a fuzzy alignment to whole words; trim edge punctuation the quote lacks.

    The alignment is as long as the quote, so a shorter or longer word inside
    shifts its edges into a neighbouring word or onto a full stop.
    """
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    first = target[:1]
    last = target[-1:]
    while start < end and not text[start].isalnum() and text[start] != first:
        start += 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] != last:
        end -= 1
    return start, end


def locate_quote(
    body: str,
    quote: str,
    *,
    window: Window | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> Evidence | None:
    """Where ``quote`` is in ``body`` (exact, normalised, then fuzzy), or None.

    ``window`` is a ``(start, end)`` body span searched first (exact and
    normalised) and alone (fuzzy); ``threshold`` is the fuzzy score (0-100) a
    match needs. The evidence carries the body span, the method, the score and
    the span of the enclosing sentence(s).
    """
    return BodyIndex(body).locate(quote, window=window, threshold=threshold)
