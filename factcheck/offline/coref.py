"""Who "he", "she", "it" and "they" are: a small, conservative discourse model.

After each sentence the model keeps one person in focus (for he/she) and one
organisation, country or pair of them (for it/they). The person in focus is
the sentence's speaker, else its subject, else the only person it names; a
sentence naming several people with none of them speaking or acting as subject
leaves nobody in focus, so an ambiguous pronoun stays a pronoun.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.offline.entities import Mention
from factcheck.offline.features import Token, verb_index
from factcheck.offline.lexicon import DISCOURSE_MARKER, ORG_NOUNS, SUBJECT_PRONOUNS, words

# Openers of a leading adverbial ("In August, ...", "Although ..., X said").
_ADVERBIAL_OPENERS = words(
    """in on at after before although though while when if as since because during
    despite beyond following with without under unlike for from by amid last earlier
    later once until upon speaking asked"""
)
_SUBJECT_WINDOW = 8  # a subject longer than this is a clause, not a name
_FOCUS_LIFETIME = 2  # sentences without any person before the focus fades
_AND = re.compile(r"\s+and\s+")


@dataclass(frozen=True)
class Roles:
    """What one sentence contributes to the discourse."""

    speaker_person: str | None = None
    subject_person: str | None = None
    subject_group: str | None = None
    subject_plural: bool = False
    subject_pronoun: str | None = None  # lower-case, when the subject is a pronoun
    subject_org_noun: bool = False  # "the company ...": the organisation in focus goes on
    persons: tuple[str, ...] = ()


def main_clause_start(text: str, tokens: Sequence[Token]) -> int:
    """Index of the first token of the main clause, past a marker and an adverbial."""
    if not tokens:
        return 0
    i = 0
    first_start = tokens[0][1]
    marker = DISCOURSE_MARKER.match(text, first_start)
    if marker is not None:
        while i < len(tokens) and tokens[i][1] < marker.end():
            i += 1
    if i < len(tokens) and tokens[i][0].lower() in _ADVERBIAL_OPENERS:
        comma = text.find(",", tokens[i][1], tokens[-1][2])
        if comma != -1:
            j = i
            while j < len(tokens) and tokens[j][1] < comma:
                j += 1
            if j < len(tokens):
                return j
    return i


def _is_title_word(word: str) -> bool:
    return word[:1].isupper() or word in ("the", "of")


def sentence_roles(
    text: str,
    tokens: Sequence[Token],
    mentions: Sequence[Mention],
    speaker_person: str | None,
) -> Roles:
    persons = tuple(dict.fromkeys(m.name for m in mentions if m.kind == "person"))
    start = main_clause_start(text, tokens)
    rest = tokens[start:]
    verb = verb_index(rest, _SUBJECT_WINDOW + 1)
    if not rest or verb is None or verb == 0:
        return Roles(speaker_person=speaker_person, persons=persons)
    region_start, region_end = rest[0][1], rest[verb - 1][2]
    first_word = rest[0][0].lower()
    if verb == 1 and first_word in SUBJECT_PRONOUNS:
        return Roles(speaker_person=speaker_person, subject_pronoun=first_word, persons=persons)
    inside = [m for m in mentions if region_start <= m.start < region_end]
    if not inside:
        org_noun = first_word == "the" and any(t[0] in ORG_NOUNS for t in rest[1:verb])
        return Roles(speaker_person=speaker_person, subject_org_noun=org_noun, persons=persons)
    head = inside[0]
    # Only titles may come before the head: "Foreign Minister Wang Yi said".
    if any(t[1] < head.start and not _is_title_word(t[0]) for t in rest[:verb]):
        return Roles(speaker_person=speaker_person, persons=persons)
    if text[head.end : head.end + 1] in ("’", "'"):
        return Roles(speaker_person=speaker_person, persons=persons)  # "Putin's talks": not Putin
    if head.kind == "person":
        return Roles(speaker_person=speaker_person, subject_person=head.name, persons=persons)
    if head.kind not in ("org", "place"):
        return Roles(speaker_person=speaker_person, persons=persons)
    pair = [m for m in inside if m.kind in ("org", "place")]
    if (
        len(pair) == 2
        and pair[1].end == region_end
        and _AND.fullmatch(text, head.end, pair[1].start) is not None
    ):
        return Roles(
            speaker_person=speaker_person,
            subject_group=f"{head.name} and {pair[1].name}",
            subject_plural=True,
            persons=persons,
        )
    return Roles(speaker_person=speaker_person, subject_group=head.name, persons=persons)


class Discourse:
    """The entities in focus between sentences.

    ``person_anchor``/``group_anchor`` are the body offsets of the sentence that
    last named the entity in focus, so a claim that replaces a pronoun can point
    its evidence window back to where the name is written.
    """

    def __init__(self) -> None:
        self.person: str | None = None
        self.person_anchor: int | None = None
        self.group: str | None = None
        self.group_plural = False
        self.group_anchor: int | None = None
        self._idle = 0

    def resolve(self, pronoun: str) -> str | None:
        """The antecedent of a subject pronoun, or None when unsure."""
        lower = pronoun.lower()
        if lower in ("he", "she", "his", "her"):
            return self.person
        if lower in ("it", "its"):
            return None if self.group_plural else self.group
        if lower in ("they", "their"):
            return self.group
        return None

    def anchor(self, pronoun: str) -> int | None:
        lower = pronoun.lower()
        return self.person_anchor if lower in ("he", "she", "his", "her") else self.group_anchor

    def advance(self, roles: Roles, sentence_start: int) -> None:
        """Move the focus past a sentence (call after its claims are built)."""
        resolved = None if roles.subject_pronoun is None else self.resolve(roles.subject_pronoun)
        self._advance_person(roles, resolved, sentence_start)
        if roles.subject_group is not None:
            self.group, self.group_plural = roles.subject_group, roles.subject_plural
            self.group_anchor = sentence_start
        elif (roles.subject_pronoun in ("it", "they") and resolved is not None) or (
            roles.subject_org_noun
        ):
            pass  # "It ...", "The company ..." continue the same organisation
        else:
            self.group, self.group_plural, self.group_anchor = None, False, None

    def _advance_person(self, roles: Roles, resolved: str | None, sentence_start: int) -> None:
        if roles.speaker_person is not None:
            chosen: str | None = roles.speaker_person
        elif roles.subject_person is not None:
            chosen = roles.subject_person
        elif roles.subject_pronoun in ("he", "she") and resolved is not None:
            self._idle = 0  # the same person goes on; the name is still where it was
            return
        elif len(roles.persons) == 1:
            chosen = roles.persons[0]
        elif len(roles.persons) > 1:
            self.person, self.person_anchor, self._idle = None, None, 0
            return
        else:
            chosen = None
        if chosen is not None:
            if chosen not in roles.persons:
                # Named only through a pronoun ("..., he said"): keep the old anchor.
                self.person, self._idle = chosen, 0
                return
            self.person, self.person_anchor, self._idle = chosen, sentence_start, 0
            return
        self._idle += 1
        if self._idle > _FOCUS_LIFETIME:
            self.person, self.person_anchor = None, None
