"""Making a clause self-contained: which words go in front of its verbatim quote.

A claim's text is its quote with, at most, a few words put in front: the name
a leading pronoun stands for ("She said ..." -> "Maria Okafor said ..."), the
named organisation behind "the company" or "its", or the subject a verb phrase
borrows from its sentence ("... but has urged" -> "Russia has urged"). Every
such word is copied from the body, and the draft records where (its anchor),
so the claim's evidence window reaches back to it. When nothing is certain the
quote stays as written: a pronoun is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from factcheck.facts.datelines import DATELINE as _DATELINE
from factcheck.offline.clauses import Piece, stands_alone, subject_span
from factcheck.offline.coref import Discourse, Roles
from factcheck.offline.entities import Mention
from factcheck.offline.features import Tokens
from factcheck.offline.lexicon import (
    DISCOURSE_MARKER,
    MARKER_OPENERS,
    ORG_NOUNS,
    REPORTING_VERBS,
)

# Lower case too: a later clause opens with "its", "he".
_LEADING_PRONOUN = re.compile(r"(he|she|it|they|his|her|its|their)\b", re.I)
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})
# "It is unclear whether ...", "It was time to ...": an "it" that refers to nothing.
_DUMMY_IT = re.compile(
    r"(?i:it)\s+(?:is|was|'s|’s|has been|had been|seems|seemed|appears|appeared|remains|"
    r"remained|will be|would be|isn't|isn’t|wasn't|wasn’t|is not|was not)\b"
    r"(?:\s+\w+){0,3}?\s+(?:that|to|whether|if|how|why)\b"
)
_PRONOUN_FRAME = re.compile(
    rf"(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey)\s+(?:also\s+|later\s+|then\s+)?(?:{REPORTING_VERBS})"
    r"(?:\s+that)?\s+"
)
# "The authority ...", "the company’s ...": an organisation named by its noun.
_THE_NOUN = re.compile(r"[Tt]he\s+([a-z]+)([’']s)?\b")
_SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they"})
# Pronouns that leave a claim opening on them without its subject.
_LOOSE_PRONOUNS = frozenset(
    "he she it they i we you him them us his her its their our my your".split()
)
_FIRST_WORD = re.compile(r"[^\w]*?([^\W\d_][\w’']*)")


def opens_on_loose_pronoun(text: str) -> bool:
    """True for a claim text that opens on a pronoun standing for someone it does not
    name ("He was sentenced ...", "“We had no warning"); "It is unclear whether" names
    nobody and is kept."""
    first = _FIRST_WORD.match(text)
    if first is None or first.group(1).lower() not in _LOOSE_PRONOUNS:
        return False
    return _DUMMY_IT.match(text, first.start(1)) is None


@dataclass
class Draft:
    """A clause on its way to becoming a claim."""

    start: int
    end: int
    prefix: str = ""  # text put in front of the quote (a resolved name, a subject)
    skip: int = 0  # characters of the quote the prefix replaces (a pronoun)
    anchor: int | None = None  # sentence start where a borrowed name is written
    named: bool = False
    resolved: bool = False  # a leading pronoun or noun was replaced by a name
    speaker_dropped: bool = False


class SentenceView(Protocol):
    """What drafting needs to know about the sentence a clause comes from."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def tokens(self) -> Tokens: ...
    @property
    def mentions(self) -> list[Mention]: ...
    @property
    def roles(self) -> Roles: ...


def _first_word(text: str, start: int, end: int) -> str:
    head = text[start : min(end, start + 16)].split(None, 1)
    return head[0].rstrip(",").lower() if head else ""


def _possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


class Drafter:
    def __init__(self, body: str, discourse: Discourse, resolve: bool) -> None:
        self.body = body
        self.discourse = discourse
        self.resolve = resolve

    def borrowed_subject(self, sent: SentenceView, start: int, end: int) -> str:
        """The words of a borrowed subject, without an appositive between commas.

        "The town's mayor, Lejla Hadžić" is written "Lejla Hadžić" (the one
        person it names) or else "The town's mayor".
        """
        subject = self.body[start:end]
        if "," not in subject:
            return subject
        persons = [m for m in sent.mentions if start <= m.start < end and m.kind == "person"]
        if len(persons) == 1:
            return persons[0].name
        return subject[: subject.index(",")].rstrip()

    def antecedent(
        self, sent: SentenceView, word: str, index: int
    ) -> tuple[str | None, int | None]:
        if not self.resolve:
            return None, None
        lower = word.lower()
        if index > 0:  # a later clause of the same sentence: its own subject first
            local = (
                sent.roles.speaker_person or sent.roles.subject_person
                if lower in ("he", "she", "his", "her")
                else sent.roles.subject_group
            )
            if local is None and lower in ("it", "its"):
                # "The plant opened in 2021, and its cost rose": the first subject.
                span = subject_span(self.body, sent.start, sent.end, sent.tokens)
                subject = None if span is None else self.borrowed_subject(sent, *span)
                if subject is not None and subject.lower() in ("it", "they"):
                    return self.antecedent(sent, subject, 0)
                local = subject
            if lower in ("he", "she", "his", "her"):
                local = self.discourse.may_be(local, lower)
            if local is not None:
                return local, sent.start
        return self.discourse.resolve(lower), self.discourse.anchor(lower)

    def draft(self, sent: SentenceView, piece: Piece, index: int, *, quoted: bool) -> Draft:
        """``quoted``: the clause is inside a quotation, where pronouns are the speaker's."""
        body = self.body
        start, end = piece.start, piece.end
        # "TESSEL — ...": only a word in capitals can open a dateline.
        if body[start : start + 2].isupper():
            found = _DATELINE.match(body, start, end)
            if found is not None and found.end() < end:
                start = found.end()
        # A quotation keeps its "But" and "However": the speaker's words are quoted whole.
        if not quoted and _first_word(body, start, end) in MARKER_OPENERS:
            found = DISCOURSE_MARKER.match(body, start, end)
            if found is not None and found.end() < end:
                start = found.end()
        draft = Draft(start, end)
        if piece.subject is not None:
            subject = self.borrowed_subject(sent, *piece.subject)
            owner = subject.split(None, 1)[0]
            if owner.lower() in _POSSESSIVE_PRONOUNS and owner != subject:
                # "Her team sequenced ..., and identified ...": whose team, as above.
                name, anchor = self.antecedent(sent, owner, 0)
                if name is not None:
                    draft.prefix = _possessive(name) + subject[len(owner) :] + " "
                    draft.anchor, draft.named, draft.resolved = anchor, True, True
                    return draft
            name, anchor = (
                self.antecedent(sent, subject, 0)
                if subject.lower() in _SUBJECT_PRONOUNS
                else (None, None)
            )
            draft.prefix = (name or subject) + " "
            draft.anchor = anchor if name else None
            draft.named = name is not None or any(c.isupper() for c in subject)
            draft.resolved = name is not None or subject.lower() not in _SUBJECT_PRONOUNS
            return draft
        if quoted:
            return draft
        pronoun = _LEADING_PRONOUN.match(body, start, end)
        if pronoun is not None and piece.timed:
            # "... to catch the runoff before it reached the water": in an
            # "after"/"before" clause the pronoun is as often the object as the subject.
            return draft
        if pronoun is None:
            return self._organisation_noun(draft)
        word = pronoun.group(1)
        if word.lower() == "it" and _DUMMY_IT.match(body, start, end):
            return draft
        name, anchor = self.antecedent(sent, word, index)
        if name is not None:
            possessive = word.lower() in _POSSESSIVE_PRONOUNS
            draft.prefix = _possessive(name) if possessive else name
            draft.skip, draft.anchor, draft.named, draft.resolved = len(word), anchor, True, True
            return draft
        frame = _PRONOUN_FRAME.match(body, start, end)
        if frame is not None and stands_alone(body, frame.end(), end, sent.tokens):
            # "He said that X" with "he" unknown: the claim is X itself.
            draft.start, draft.speaker_dropped = frame.end(), True
        return draft

    def _organisation_noun(self, draft: Draft) -> Draft:
        """ "The authority built ..." after "Saren Basin Authority ...": name it."""
        if not self.resolve:
            return draft
        found = _THE_NOUN.match(self.body, draft.start, draft.end)
        if found is None or found.group(1) not in ORG_NOUNS:
            return draft
        if not self.discourse.fits(found.group(1)) or self.discourse.group is None:
            return draft
        name = self.discourse.group
        draft.prefix = _possessive(name) if found.group(2) else name
        draft.skip = found.end() - draft.start
        draft.anchor, draft.named, draft.resolved = self.discourse.group_anchor, True, True
        return draft
