"""An extractive summary: the body sentences that best stand for the whole.

Each sentence is scored by a lead prior (news puts the point first), its
similarity to the document's term centroid (tf-idf over sentences), a little
overlap with the title's terms, and penalties for questions, fragments, bare
quotations and boilerplate. The best are taken greedily, skipping any that
repeat an already chosen one, and returned in reading order. Every step is a
single pass over the sentences (no all-pairs similarity), so 10 MB bodies are
fine.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from factcheck.offline.features import addresses_a_model
from factcheck.offline.lexicon import (
    BOILERPLATE,
    OPEN_QUOTES,
    REPORTING_VERB,
    STOPWORDS,
    TOKEN,
    URL_OR_EMAIL,
)

Span = tuple[int, int]

_W_POSITION = 0.4
_W_CENTROID = 0.6
_W_TITLE = 0.2
_MIN_WORDS = 6
_LONG_WORDS = 70
_MAX_CHARS = 1500
_NOT_ALNUM = re.compile(r"[\W_]+")
_REDUNDANT = 0.5  # Jaccard overlap of terms above which a sentence repeats another


@dataclass(frozen=True)
class _Sentence:
    index: int
    span: Span
    terms: frozenset[str]
    words: int
    flawed: bool  # a question, fragment, bare quote or boilerplate


@lru_cache(maxsize=65536)
def _stem(word: str) -> str | None:
    """A crude stem ("talks" -> "talk", "Putin's" -> "putin"); None for a stopword."""
    word = word.lower()
    for suffix in ("’s", "'s"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return None if word in STOPWORDS or len(word) < 3 else word


def terms_of(text: str, start: int = 0, end: int | None = None) -> tuple[list[str], int]:
    """Content terms of ``text[start:end]`` and its word count."""
    words = TOKEN.findall(text, start, len(text) if end is None else end)
    stems = (_stem(w) for w in words if not w[0].isdigit())
    return [s for s in stems if s is not None], len(words)


def _flawed(body: str, start: int, end: int, words: int) -> bool:
    text = body[start:end]
    if words < _MIN_WORDS or end - start > _MAX_CHARS:
        return True
    if text.rstrip(" ”’\"')").endswith("?"):
        return True
    if BOILERPLATE.match(text) or URL_OR_EMAIL.search(text) or addresses_a_model(text):
        return True
    # A quotation with nobody named as saying it is colour, not content.
    return text[0] in OPEN_QUOTES and REPORTING_VERB.search(text) is None


def _key(text: str) -> str:
    return _NOT_ALNUM.sub(" ", text.lower()).strip()


def _analyse(
    body: str, spans: Sequence[Span], title: str | None
) -> tuple[list[_Sentence], Counter[str]]:
    sentences: list[_Sentence] = []
    frequency: Counter[str] = Counter()
    title_key = _key(title) if title else None
    for index, (start, end) in enumerate(spans):
        terms, words = terms_of(body, start, end)
        frequency.update(terms)
        flawed = _flawed(body, start, end, words) or (
            # A headline repeated at the top of the body is not a summary.
            title_key is not None and _key(body[start:end]) == title_key
        )
        sentences.append(_Sentence(index, (start, end), frozenset(terms), words, flawed))
    return sentences, frequency


def _scores(sentences: list[_Sentence], frequency: Counter[str], title: str | None) -> list[float]:
    count = len(sentences)
    spread: Counter[str] = Counter()
    for sentence in sentences:
        spread.update(sentence.terms)
    idf = {t: math.log((count + 1) / (df + 0.5)) for t, df in spread.items()}
    # Cosine with the centroid, up to the centroid's norm (the same for all).
    similarity: list[float] = []
    for sentence in sentences:
        dot = sum(frequency[t] * idf[t] * idf[t] for t in sentence.terms)
        norm = math.sqrt(sum(idf[t] * idf[t] for t in sentence.terms)) or 1.0
        similarity.append(dot / norm)
    top = max(similarity, default=0.0) or 1.0
    title_terms = frozenset(terms_of(title)[0]) if title else frozenset()
    scores: list[float] = []
    for sentence, sim in zip(sentences, similarity, strict=True):
        score = _W_POSITION / math.sqrt(1 + sentence.index) + _W_CENTROID * sim / top
        if title_terms:
            score += _W_TITLE * len(sentence.terms & title_terms) / len(title_terms)
        if sentence.words > _LONG_WORDS:
            score -= 0.3
        scores.append(score)
    return scores


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 1.0


def select_summary(
    body: str, spans: Sequence[Span], *, count: int = 3, title: str | None = None
) -> list[Span]:
    """Spans of the chosen sentences, in reading order."""
    if not spans or count <= 0:
        return []
    sentences, frequency = _analyse(body, spans, title)
    scores = _scores(sentences, frequency, title)
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    chosen: list[_Sentence] = []
    for i in order:
        sentence = sentences[i]
        if sentence.flawed:
            continue
        if any(_jaccard(sentence.terms, c.terms) > _REDUNDANT for c in chosen):
            continue
        chosen.append(sentence)
        if len(chosen) == count:
            break
    if not chosen:
        # Nothing but questions or fragments: the best of them still says something.
        return [_clipped(body, sentences[order[0]].span)]
    return sorted(c.span for c in chosen)


def _clipped(body: str, span: Span) -> Span:
    """A run-on "sentence" (lost punctuation) is cut at a space near the limit."""
    start, end = span
    if end - start <= _MAX_CHARS:
        return span
    cut = body.rfind(" ", start, start + _MAX_CHARS)
    return start, cut if cut > start else start + _MAX_CHARS
