"""Which body sentences say what a summary sentence says: weighted content-word overlap.

A summary paraphrases, so character-level similarity says little; the
content words (names, numbers, nouns and verbs, folded and crudely stemmed)
survive paraphrase. Each body sentence is scored by the share of the summary
sentence's content words it contains, each word weighted by its rarity in
the body (a name or a figure outweighs "said") for ranking. An inverted index makes one
lookup cost the postings of the sentence's words, not a pass over the body.
"""

from __future__ import annotations

import math
from abc import abstractmethod
from array import array
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import overload

from factcheck.facts.names import fold_letters
from factcheck.facts.vocabulary import word_set
from factcheck.grounding.words import WORD_OR_NUMBER

STOPWORDS = word_set(
    """
    a an the this that these those there here it its he she they we i you me him her them
    us our your their his my who whom whose which what when where why how whether if unless
    until while although though because since as so yet but and or nor not no both either
    neither each every all any some such only just even also still already again then than
    too very can could may might must shall should will would do does did done is are was
    were be been being have has had having of in on at by for from to into onto with within
    without about above below over under between after before during against among through
    per via s t said says say told according one
    """
)


@lru_cache(maxsize=1 << 16)
def _stem(token: str) -> str:
    """A token as the index knows it: a figure without its thousands separators, a word
    without its ending."""
    word = token.replace(",", "")
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    """Folded, stemmed content words of ``text`` ("Putin’s troops" -> {"putin", "troop"})."""
    # An apostrophe of either form ends a word (``WORD_OR_NUMBER``).
    tokens = set(WORD_OR_NUMBER.findall(fold_letters(text)))
    return {_stem(t) for t in tokens - STOPWORDS}


class TextsOnDemand(Sequence[str]):
    """Texts worked out one at a time when asked for (``text``), none kept.

    What a :class:`SentenceIndex` may be given: a body's sentences sliced
    from it only for the sentences a lookup needs.
    """

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def text(self, i: int) -> str:
        """Text ``i`` (a negative ``i`` counts from the end)."""

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[str]: ...

    def __getitem__(self, i: int | slice) -> str | Sequence[str]:
        if isinstance(i, slice):
            return [self.text(j) for j in range(*i.indices(len(self)))]
        return self.text(i)


class SentenceIndex:
    """Which sentences hold which content words, for overlap lookups.

    The postings are kept as arrays of sentence numbers (a few bytes per word
    occurrence); a sentence's own words are worked out from ``texts``, which
    may compute each text on demand, only for the sentences asked for.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self._postings: dict[str, array[int]] = {}
        self._words: dict[int, frozenset[str]] = {}
        for i, text in enumerate(texts):
            for word in content_words(text):
                posting = self._postings.get(word)
                if posting is None:
                    posting = self._postings[word] = array("i")
                posting.append(i)
        self._count = max(1, len(texts))

    def words(self, i: int) -> frozenset[str]:
        """The content words of sentence ``i``.

        Kept once asked for: the statements of one summary ask for the same few
        sentences again and again, and a sentence's words cost a read of it.
        """
        known = self._words.get(i)
        if known is None:
            known = self._words[i] = frozenset(content_words(self.texts[i]))
        return known

    def weight(self, word: str) -> float:
        """Rarer words weigh more; a word absent from the body weighs most."""
        return 1.0 + math.log(self._count / (1 + len(self._postings.get(word, ()))))

    def coverage(self, words: set[str], sentences: Sequence[int]) -> float:
        """Share of ``words`` found in the union of ``sentences`` (0-1), unweighted.

        Unweighted so that the share means the same on a short and a long body:
        rarity weights grow with the body and would let one invented word sink
        a sentence whose other words are all there.
        """
        if not words:
            return 0.0
        union: set[str] = set()
        for i in sentences:
            if 0 <= i < len(self.texts):
                union |= self.words(i)
        return len(words & union) / len(words)

    def ranked(self, words: set[str], limit: int) -> list[tuple[int, float]]:
        """Up to ``limit`` sentences by coverage of ``words``, best first (ties: earlier)."""
        ordered = sorted(words)  # a fixed summing order: see best_join
        total = sum(self.weight(w) for w in ordered)
        if total <= 0:
            return []
        scores: dict[int, float] = defaultdict(float)
        for word in ordered:
            w = self.weight(word)
            for i in self._postings.get(word, ()):
                scores[i] += w
        best = sorted(scores.items(), key=lambda kv: (-round(kv[1], 9), kv[0]))[:limit]
        return [(i, score / total) for i, score in best]

    def containing(self, words: set[str], limit: int) -> list[int]:
        """Sentences holding any of ``words``, rarest words first, at most ``limit``."""
        found: set[int] = set()
        for word in sorted(words, key=lambda w: len(self._postings.get(w, ()))):
            for i in self._postings.get(word, ()):
                if len(found) >= limit:
                    return sorted(found)
                found.add(i)
        return sorted(found)

    def best_join(self, words: set[str], limit: int, min_gain: float) -> list[int]:
        """Up to ``limit`` sentences that together cover the most of ``words`` (weighted).

        Greedy: the best sentence first, then each sentence that adds at least
        ``min_gain`` of the total weight; ties go to the earlier sentence.
        """
        # Sums run over the words in sorted order and gains are compared rounded:
        # a set's order changes with the hash seed, and so would the last bit of a
        # float sum, turning a tie between two sentences into a coin toss.
        ordered = sorted(words)
        weights = {w: self.weight(w) for w in ordered if w in self._postings}
        total = sum(self.weight(w) for w in ordered)
        chosen: list[int] = []
        left = dict(weights)
        while left and len(chosen) < limit:
            gains: dict[int, float] = defaultdict(float)
            for word, w in left.items():
                for i in self._postings[word]:
                    gains[i] += w
            for i in chosen:
                gains.pop(i, None)
            if not gains:
                break
            best, gain = min(gains.items(), key=lambda kv: (-round(kv[1], 9), kv[0]))
            if chosen and gain < min_gain * total:
                break
            chosen.append(best)
            for word in self.words(best) & left.keys():
                del left[word]
        return chosen
