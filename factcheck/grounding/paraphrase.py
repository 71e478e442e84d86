"""A statement in its own words, checked against the article as a whole.

A sentence that copies the article (most of its words inside runs of three
or more words the body also has) says what one passage says, and is held to
that passage: "Carver was assistant to Gullit" against a body that says it of
another name is an error of the passage, even though every word is in the
article. A sentence written in its own words (an abstractive summary's
"a former teacher has been banned from the profession") states facts drawn
from several places; no one passage carries all of its words, and what tells
a faithful one from an invented one is whether its content is in the article
at all.

``ArticleVocabulary`` answers both questions for one body: ``copied_share``
(how much of a statement is copied) and ``absent_words`` (its informative
words, inflections aside, that the body never uses).
"""

from __future__ import annotations

from functools import cached_property

from factcheck.facts.names import fold_letters
from factcheck.grounding.support import has_inflection, inflection_keys, informative_words
from factcheck.grounding.words import WORD

RUN = 3  # words in a row that count as copied


def _words(text: str) -> list[str]:
    return WORD.findall(fold_letters(text).lower())


class ArticleVocabulary:
    """The words and the word runs of one body, built on first use."""

    def __init__(self, body: str) -> None:
        self.body = body

    @cached_property
    def _runs(self) -> frozenset[tuple[str, ...]]:
        words = _words(self.body)
        return frozenset(tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1))

    @cached_property
    def _informative(self) -> set[str]:
        return informative_words(self.body)

    @cached_property
    def _keys(self) -> list[str]:
        return inflection_keys(self._informative)

    def copied_share(self, statement: str) -> float:
        """Share of the statement's words inside a run of ``RUN`` words the body has (0-1)."""
        words = _words(statement)
        if not words:
            return 0.0
        copied = [False] * len(words)
        for i in range(len(words) - RUN + 1):
            if tuple(words[i : i + RUN]) in self._runs:
                copied[i : i + RUN] = [True] * RUN
        return sum(copied) / len(words)

    def absent_words(self, statement: str) -> list[str]:
        """Informative words of ``statement`` that the body has in no inflection, sorted."""
        return sorted(
            w
            for w in informative_words(statement)
            if not has_inflection(w, self._informative, self._keys)
        )
