"""An extractive summary: the body sentences that best stand for the whole.

Each sentence is scored by a lead prior (news puts the point first), its
similarity to the document's term centroid (tf-idf over sentences), a little
overlap with the title's terms, and penalties for long sentences. Flawed
sentences are never taken: questions, fragments, bare quotations, boilerplate,
run-on pieces that open in lower case, and sentences that open with a pronoun
("He argued ...", "Its chair ...", "This wall ..."): the summary is verbatim,
so a pronoun in it could never be resolved. The best are taken greedily,
skipping any that repeat an already chosen one, and returned in reading order.

Sentences arrive one at a time (``SummaryBuilder.add``) and are kept as a few
integers each (term ids in one flat array), so a 10 MB body costs megabytes,
not a set object per sentence; every step is linear in the body. The costlier
flaw tests run when the summary is picked, on the best-scored sentences only.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from factcheck.facts.addresses import URL_OR_EMAIL
from factcheck.offline.coref import main_clause_start
from factcheck.offline.features import tokenize
from factcheck.offline.lexicon import (
    BOILERPLATE,
    BOILERPLATE_WORDS,
    OPEN_QUOTES,
    REPORTING_VERB,
    STOPWORDS,
    TOKEN,
    words,
)
from factcheck.offline.reading_units import Reading, readings
from factcheck.spans import Span

_W_POSITION = 0.4
_W_CENTROID = 0.6
_W_TITLE = 0.2
_MIN_WORDS = 6
_LONG_WORDS = 70
_MAX_CHARS = 1500
_NOT_ALNUM = re.compile(r"[\W_]+")
_REDUNDANT = 0.5  # Jaccard overlap of terms above which a sentence repeats another
MAX_SHARE = 1 / 3  # of the body's text a summary may take: a summary, not a copy
_CLOSERS = " ”’\"')"
# A sentence whose subject is one of these points back to something the summary may
# not hold. "I" and "we" stay: in a column or a statement they are the writer's own.
_PRONOUNS = words("he she it they its his her their this these those him them")


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
    found = TOKEN.findall(text, start, len(text) if end is None else end)
    stems = (_stem(w) for w in found if not w[0].isdigit())
    return [s for s in stems if s is not None], len(found)


def _key(text: str) -> str:
    return _NOT_ALNUM.sub(" ", text.lower()).strip()


class _TermIds(dict[str, int]):
    """Word -> id of its term (-1 for stopwords and numbers), filled on first sight."""

    def __init__(self) -> None:
        super().__init__()
        self.terms: dict[str, int] = {}

    def __missing__(self, word: str) -> int:
        stem = None if word[0].isdigit() else _stem(word)
        value = -1 if stem is None else self.terms.setdefault(stem, len(self.terms))
        self[word] = value
        return value


def _is_question(body: str, start: int, end: int) -> bool:
    i = end
    while i > start and body[i - 1] in _CLOSERS:
        i -= 1
    return i > start and body[i - 1] == "?"


class SummaryBuilder:
    """Collects sentence statistics in one pass, then picks the summary."""

    def __init__(self, body: str, title: str | None = None) -> None:
        self.body = body
        self.title_key = _key(title) if title else None
        self.title_chars = len(title) if title else 0
        self.title = title
        self._ids = _TermIds()
        self._every = array("i")  # every word's term id (-1: none), for term frequencies
        self._terms = array("i")  # each sentence's distinct term ids, one after another
        self._offsets = array("q", [0])
        self._spans = array("q")
        self._long = bytearray()
        # 1 for a unit known to be flawed as it is read (an instruction, a run-on
        # piece); the costlier tests run in select(), on the few best units only.
        self._flawed = bytearray()
        self.clipped = False  # the summary is the start of an over-long run of text

    def __len__(self) -> int:
        return len(self._flawed)

    def add(self, reading: Reading) -> None:
        """One reading unit of the body, in reading order."""
        unit, tokens = reading.unit, reading.tokens
        ids = list(map(self._ids.__getitem__, tokens.words))
        self._every.extend(ids)
        distinct = set(ids)
        distinct.discard(-1)
        self._terms.extend(distinct)
        self._offsets.append(len(self._terms))
        self._spans.extend((unit.start, unit.end))
        self._long.append(len(tokens) > _LONG_WORDS)
        self._flawed.append(reading.instruction or unit.lower_start)

    def _flawed_text(self, start: int, end: int) -> bool:
        body = self.body
        tokens = tokenize(body, start, end)
        if len(tokens) < _MIN_WORDS or end - start > _MAX_CHARS or _is_question(body, start, end):
            return True
        if (
            not BOILERPLATE_WORDS.isdisjoint(map(str.lower, tokens.words))
            or body.find("©", start, end) != -1
            or body.find("://", start, end) != -1
            or body.find("www.", start, end) != -1
        ) and BOILERPLATE.match(body, start, end):
            return True
        if (
            body.find("@", start, end) != -1
            or body.find("http", start, end) != -1
            or body.find("www.", start, end) != -1
        ) and URL_OR_EMAIL.search(body, start, end):
            return True
        # A quotation with nobody named as saying it is colour, not content.
        if body[start] in OPEN_QUOTES and REPORTING_VERB.search(body, start, end) is None:
            return True
        # "He argued ...", "In a letter, he wrote ...": whom it means is not in the summary.
        found = tokens.words
        subject = main_clause_start(body, tokens)
        if found[0].lower() in _PRONOUNS or (
            subject < len(found) and found[subject].lower() in _PRONOUNS
        ):
            return True
        # A headline repeated at the top of the body is not a summary.
        return (
            self.title_key is not None
            and end - start <= 2 * self.title_chars + 20
            and _key(body[start:end]) == self.title_key
        )

    def _scores(self) -> list[float]:
        count = len(self._flawed)
        idf = [0.0] * len(self._ids.terms)
        # Each sentence's ids are distinct: counting them all gives each term's
        # number of sentences.
        for term, df in Counter(self._terms).items():
            idf[term] = math.log((count + 1) / (df + 0.5))
        squared = [w * w for w in idf]
        weighted = [0.0] * len(idf)
        for term, freq in Counter(self._every).items():
            if term >= 0:
                weighted[term] = freq * squared[term]
        title_terms: set[int] = set()
        if self.title:
            known = self._ids.terms
            title_terms = {known[t] for t in terms_of(self.title)[0] if t in known}
            title_size = len(set(terms_of(self.title)[0]))
        similarity: list[float] = []
        terms, offsets = self._terms, self._offsets
        for i in range(count):
            ids = terms[offsets[i] : offsets[i + 1]]
            dot = sum(map(weighted.__getitem__, ids))
            norm = math.sqrt(sum(map(squared.__getitem__, ids))) or 1.0
            similarity.append(dot / norm)
        top = max(similarity, default=0.0) or 1.0
        scores: list[float] = []
        for i, sim in enumerate(similarity):
            score = _W_POSITION / math.sqrt(1 + i) + _W_CENTROID * sim / top
            if title_terms:
                overlap = len(title_terms.intersection(terms[offsets[i] : offsets[i + 1]]))
                score += _W_TITLE * overlap / title_size
            if self._long[i]:
                score -= 0.3
            scores.append(score)
        return scores

    def _span(self, i: int) -> Span:
        return self._spans[2 * i], self._spans[2 * i + 1]

    def _budget(self, share: float) -> int:
        """Characters the summary may take: ``share`` of the body's sentences."""
        spans = self._spans
        return int(share * sum(spans[i + 1] - spans[i] for i in range(0, len(spans), 2)))

    def select(self, count: int = 3, share: float = MAX_SHARE) -> list[Span]:
        """Spans of the chosen sentences, in reading order.

        At most ``count`` sentences, and together at most ``share`` of the
        body's characters: a sentence that would pass that is skipped for a
        shorter one. When no usable sentence is that short (a body of one or
        two sentences), the best of them is the summary.
        """
        if not self._flawed or count <= 0:
            return []
        scores = self._scores()
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        budget = self._budget(share)
        used = 0
        chosen: list[tuple[Span, frozenset[int]]] = []
        too_long: list[Span] = []
        for i in order:
            if self._flawed[i] or self._flawed_text(*self._span(i)):
                continue
            start, end = self._span(i)
            # The summary joins its sentences with a space each.
            if used + end - start + bool(chosen) > budget:
                too_long.append((start, end))
                continue
            terms = frozenset(self._terms[self._offsets[i] : self._offsets[i + 1]])
            if any(_jaccard(terms, other) > _REDUNDANT for _, other in chosen):
                continue
            chosen.append(((start, end), terms))
            used += end - start + (len(chosen) > 1)
            if len(chosen) == count:
                break
        if not chosen and too_long:
            return [too_long[0]]  # a body of one or two sentences: its best one
        if not chosen:
            # Nothing but questions or fragments: the best of them still says something.
            best = self._span(order[0])
            clipped = _clipped(self.body, best)
            self.clipped = clipped != best
            return [clipped]
        return sorted(span for span, _ in chosen)


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 1.0


def select_summary(
    body: str,
    spans: Sequence[Span],
    *,
    count: int = 3,
    title: str | None = None,
    share: float = MAX_SHARE,
) -> list[Span]:
    """Spans of the chosen sentences of ``spans``, in reading order (see ``select``)."""
    builder = SummaryBuilder(body, title)
    for reading in readings(body, spans):
        builder.add(reading)
    return builder.select(count, share)


def _clipped(body: str, span: Span) -> Span:
    """A run-on "sentence" (lost punctuation) is cut at a space near the limit."""
    start, end = span
    if end - start <= _MAX_CHARS:
        return span
    cut = body.rfind(" ", start, start + _MAX_CHARS)
    return start, cut if cut > start else start + _MAX_CHARS
