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
words, inflections aside, that the body never uses). ``misquoted`` names the
words a statement puts inside quotation marks that the body never uses: a
quotation gives someone's own words, which no paraphrase of the article
excuses ("a " serious " problem" where nobody said "serious").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property

from factcheck.facts.names import fold_letters
from factcheck.grounding.support import (
    has_inflection,
    inflection_keys,
    informative_words,
    word_keys,
)
from factcheck.grounding.words import WORD

RUN = 3  # words in a row that count as copied
# Words between double quotation marks, as written or as tokenised corpora write them.
_QUOTED = re.compile(r"(?:\"|“|``)([^\"“”`]+?)(?:\"|”|'')")


def _words(text: str) -> list[str]:
    return WORD.findall(fold_letters(text).lower())


def _runs(words: list[str]) -> zip[tuple[str, ...]]:
    """Every ``RUN`` words in a row, in order."""
    return zip(*(words[i:] for i in range(RUN)), strict=False)  # the shorter ends it


class ArticleVocabulary:
    """The words and the word runs of one body, built on first use."""

    def __init__(self, body: str) -> None:
        self.body = body

    @cached_property
    def _runs(self) -> frozenset[tuple[str, ...]]:
        return frozenset(_runs(_words(self.body)))

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
        for i, run in enumerate(_runs(words)):
            if run in self._runs:
                copied[i : i + RUN] = [True] * RUN
        return sum(copied) / len(words)

    def absent_words(self, statement: str) -> list[str]:
        """Informative words of ``statement`` that the body has in no inflection, sorted."""
        return sorted(
            w
            for w in informative_words(statement)
            if not has_inflection(w, self._informative, self._keys)
        )

    def misquoted(self, statement: str) -> list[str]:
        """Words of ``statement`` inside quotation marks that the body has in no inflection."""
        quoted = " ".join(m.group(1) for m in _QUOTED.finditer(statement))
        if not quoted:
            return []
        absent = set(self.absent_words(quoted))
        return [w for w in WORD.findall(quoted) if informative_words(w) & absent]

    @cached_property
    def _forms(self) -> dict[str, list[str]]:
        forms: dict[str, list[str]] = {}
        for word in sorted(self._informative):
            for key in word_keys(word):
                forms.setdefault(key, []).append(word)
        return forms

    def body_forms(self, words: set[str], weight: Callable[[str], float]) -> set[str]:
        """``words``, each one the body lacks given in the body's own inflection of it.

        The sentence index knows a word by its form: "offences" finds no
        sentence of a body that writes "the offence", nor "saved" one that
        writes "save". Of several body forms the commonest (lightest
        ``weight``) is taken.
        """
        return {self._body_form(w, weight) for w in words}

    def _body_form(self, word: str, weight: Callable[[str], float]) -> str:
        if word in self._informative:
            return word
        forms = {f for key in word_keys(word) for f in self._forms.get(key, ())}
        return word if not forms else min(forms, key=lambda f: (weight(f), f))
