"""Who "he", "she", "it" and "they" are: a small, conservative discourse model.

After each sentence the model keeps one person in focus (for he/she) and one
organisation, country or pair of them (for it/they). The person in focus is
the sentence's speaker, else its subject, else the only person it names; a
sentence naming several people with none of them speaking or acting as subject
leaves nobody in focus, and so does a sentence whose subject is somebody
unnamed ("The daughter of Carlos Romero ...", "Putin's spokesman ...", "The
woman ..."), so an ambiguous pronoun stays a pronoun. "He" and "she" never
stand for a person the text has shown to be of the other gender (see gender).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import NamedTuple

from factcheck.offline.entities import Mention
from factcheck.offline.features import Tokens, verb_index
from factcheck.offline.gender import (
    Gender,
    noun_genders,
    pronoun_gender,
    pronoun_genders,
    title_gender,
)
from factcheck.offline.lexicon import (
    DISCOURSE_MARKER,
    GENERIC_ORG_NOUNS,
    MARKER_OPENERS,
    ORG_NOUNS,
    SUBJECT_PRONOUNS,
    words,
)

# Openers of a leading adverbial ("In August, ...", "Although ..., X said").
_ADVERBIAL_OPENERS = words(
    """in on at after before although though while when if as since because during
    despite beyond following with without under unlike for from by amid last earlier
    later once until upon speaking asked"""
)
_SUBJECT_WINDOW = 8  # a subject longer than this is a clause, not a name
_FOCUS_LIFETIME = 2  # sentences without any person before the focus fades
_AND = re.compile(r"\s+and\s+")


class Roles(NamedTuple):
    """What one sentence contributes to the discourse."""

    speaker_person: str | None = None
    subject_person: str | None = None
    subject_group: str | None = None
    subject_plural: bool = False
    subject_pronoun: str | None = None  # lower-case, when the subject is a pronoun
    subject_org_noun: bool = False  # "the company ...": the organisation in focus goes on
    # "The harbour merchants' association": an organisation named by a common
    # noun phrase, and that phrase's organisation noun ("association").
    subject_org_phrase: str | None = None
    subject_org_head: str | None = None
    persons: tuple[str, ...] = ()
    # The subject is a person left unnamed, or named only as someone's relation.
    subject_hidden: bool = False
    nouns: frozenset[Gender] = frozenset()  # genders of common nouns for people ("daughter")
    pronouns: frozenset[Gender] = frozenset()  # genders of the pronouns the sentence uses
    titled: tuple[tuple[str, Gender], ...] = ()  # persons named after a title ("Mrs Okafor")


def main_clause_start(text: str, tokens: Tokens) -> int:
    """Index of the first token of the main clause, past a marker and an adverbial."""
    words, starts = tokens.words, tokens.starts
    count = len(words)
    if not count:
        return 0
    i = 0
    if words[0].lower() in MARKER_OPENERS:
        marker = DISCOURSE_MARKER.match(text, starts[0])
        if marker is not None:
            i = bisect_left(starts, marker.end())
    if i < count and words[i].lower() in _ADVERBIAL_OPENERS:
        comma = text.find(",", starts[i], tokens.ends[-1])
        if comma != -1:
            j = bisect_left(starts, comma, i)
            if j < count:
                return j
    return i


def _is_title_word(word: str) -> bool:
    return word[:1].isupper() or word in ("the", "of")


def _org_phrase(words: Sequence[str]) -> int | None:
    """Index of the organisation noun heading a subject such as "The harbour
    merchants' association" or "The city council of Port Ellery", or None.

    The noun must end the subject or be followed only by "of" and a name, so
    "The chair of the association" (a person) is not an organisation.
    """
    if len(words) < 2 or words[0].lower() != "the":
        return None
    for h in range(1, len(words)):
        word = words[h]
        if word in ORG_NOUNS:
            tail = words[h + 1 :]
            if not tail:
                return h
            named = tail[0] == "of" and len(tail) > 1
            if named and all(w[:1].isupper() or w in ("of", "the") for w in tail[1:]):
                return h
            return None
        if word in ("of", "and", "or") or word.lower() in SUBJECT_PRONOUNS:
            return None
    return None


def _titled(text: str, mentions: Sequence[Mention]) -> tuple[tuple[str, Gender], ...]:
    found: list[tuple[str, Gender]] = []
    for m in mentions:
        if m.kind != "person":
            continue
        before = text[max(0, m.start - 12) : m.start].split()
        gender = title_gender(before[-1]) if before else None
        if gender is not None:
            found.append((m.name, gender))
    return tuple(found)


def sentence_roles(
    text: str,
    tokens: Tokens,
    mentions: Sequence[Mention],
    speaker_person: str | None,
    main: tuple[int, int | None] | None = None,
) -> Roles:
    """What the sentence ``tokens`` contributes to the discourse (see ``Roles``).

    ``main``: the main clause's first word and first verb (counted from that
    word), when the caller has worked them out.
    """
    if main is None:
        start = main_clause_start(text, tokens)
        verb = verb_index(tokens.words[start:], _SUBJECT_WINDOW + 1)
    else:
        start, verb = main
        if verb is not None and verb > _SUBJECT_WINDOW:
            verb = None
    roles = _subject_roles(text, tokens, mentions, speaker_person, (start, verb))
    lower = [w.lower() for w in tokens.words]
    return roles._replace(
        nouns=frozenset(noun_genders(lower)),
        pronouns=frozenset(pronoun_genders(lower)),
        titled=_titled(text, mentions),
    )


def _subject_roles(
    text: str,
    tokens: Tokens,
    mentions: Sequence[Mention],
    speaker_person: str | None,
    main: tuple[int, int | None],
) -> Roles:
    """The speaker and subject of a sentence; ``main``: the word where its main
    clause starts and that clause's first verb (counted from there), if any."""
    start, verb = main
    persons = tuple(dict.fromkeys(m.name for m in mentions if m.kind == "person"))
    rest = tokens.words[start:]
    if not rest or verb is None or verb == 0:
        return Roles(speaker_person=speaker_person, persons=persons)
    region_start, region_end = tokens.starts[start], tokens.ends[start + verb - 1]
    first_word = rest[0].lower()
    if verb == 1 and first_word in SUBJECT_PRONOUNS:
        return Roles(speaker_person=speaker_person, subject_pronoun=first_word, persons=persons)
    head_noun = _org_phrase(rest[:verb])
    if head_noun is not None:
        noun = rest[head_noun]
        return Roles(
            speaker_person=speaker_person,
            subject_org_noun=True,
            subject_org_phrase=text[region_start:region_end],
            subject_org_head=noun,
            subject_plural=noun.endswith("s") and not noun.endswith("ss"),
            persons=persons,
        )
    inside = [m for m in mentions if region_start <= m.start < region_end]
    if not inside:
        org_noun = first_word == "the" and any(w in ORG_NOUNS for w in rest[1:verb])
        hidden = bool(noun_genders(w.lower() for w in rest[:verb]))  # "The woman said"
        return Roles(
            speaker_person=speaker_person,
            subject_org_noun=org_noun,
            persons=persons,
            subject_hidden=hidden,
        )
    head = inside[0]
    # Only titles may come before the head: "Foreign Minister Wang Yi said".
    if any(
        s < head.start and not _is_title_word(w)
        for w, s in zip(rest[:verb], tokens.starts[start : start + verb], strict=True)
    ):
        # "The daughter of Carlos Romero was ...": someone else acts ("Former
        # coach Ivo Brandt joined ..." is still Ivo Brandt).
        before = [
            w.lower() for w, s in zip(rest, tokens.starts[start:], strict=False) if s < head.start
        ]
        hidden = head.kind == "person" and ("of" in before or bool(noun_genders(before)))
        return Roles(speaker_person=speaker_person, persons=persons, subject_hidden=hidden)
    if text[head.end : head.end + 1] in ("’", "'"):
        # "Putin's talks", "Putin's spokesman": not Putin.
        return Roles(speaker_person=speaker_person, persons=persons, subject_hidden=True)
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
        self.group_named = False  # a proper name, not a phrase like "the association"
        self._idle = 0
        self.genders: dict[str, Gender] = {}  # what the text has shown of each person
        self._last_nouns: frozenset[Gender] = frozenset()  # of the previous sentence

    def may_be(self, person: str | None, pronoun: str) -> str | None:
        """``person`` when "he"/"she" (``pronoun``) can stand for them, else None.

        Not when the text showed the other gender, and not when the sentence
        before named someone of the pronoun's gender by a common noun ("his
        daughter ... Her pictures") and the person's own gender is unknown.
        """
        gender = pronoun_gender(pronoun)
        if person is None or gender is None:
            return person
        known = self.genders.get(person)
        if known is not None:
            return person if known == gender else None
        return None if gender in self._last_nouns else person

    def resolve(self, pronoun: str) -> str | None:
        """The antecedent of a subject pronoun, or None when unsure."""
        lower = pronoun.lower()
        if lower in ("he", "she", "his", "her"):
            return self.may_be(self.person, lower)
        if not self.group_named and lower in ("it", "they"):
            # After "The harbour merchants' association ...", "Its chair" is the
            # association's; a bare "It" is as often the thing it acted on.
            return None
        if lower in ("it", "its"):
            return None if self.group_plural else self.group
        if lower in ("they", "their"):
            return self.group
        return None

    def anchor(self, pronoun: str) -> int | None:
        lower = pronoun.lower()
        return self.person_anchor if lower in ("he", "she", "his", "her") else self.group_anchor

    def fits(self, noun: str) -> bool:
        """True when "the <noun>" can only mean the named organisation in focus.

        "the company" fits any organisation; "the authority" only a name with
        "Authority" in it.
        """
        if self.group is None or not self.group_named or self.group_plural:
            return False
        lower = noun.lower()
        return lower in GENERIC_ORG_NOUNS or lower in self.group.lower().split()

    def advance(self, roles: Roles, sentence_start: int) -> None:
        """Move the focus past a sentence (call after its claims are built)."""
        resolved = None if roles.subject_pronoun is None else self.resolve(roles.subject_pronoun)
        self._learn_genders(roles, resolved)
        self._advance_person(roles, resolved, sentence_start)
        if roles.subject_group is not None:
            self.group, self.group_plural = roles.subject_group, roles.subject_plural
            self.group_anchor, self.group_named = sentence_start, True
        elif roles.subject_org_phrase is not None and roles.subject_org_head is not None:
            if not self.fits(roles.subject_org_head):
                # A new organisation named by a phrase: "The harbour merchants'
                # association has denied ...". Its "Its chair ..." follows.
                self.group, self.group_plural = roles.subject_org_phrase, roles.subject_plural
                self.group_anchor, self.group_named = sentence_start, False
        elif (roles.subject_pronoun in ("it", "they") and resolved is not None) or (
            roles.subject_org_noun
        ):
            pass  # "It ...", "The company ..." continue the same organisation
        else:
            self.group, self.group_plural, self.group_anchor = None, False, None
            self.group_named = False

    def _learn_genders(self, roles: Roles, resolved: str | None) -> None:
        genders = self.genders
        for name, gender in roles.titled:
            genders.setdefault(name, gender)
        if len(roles.persons) == 1 and len(roles.pronouns) == 1:
            # "Ilse Brandt said her school ...": the only person named is the one meant.
            genders.setdefault(roles.persons[0], next(iter(roles.pronouns)))
        subject_gender = pronoun_gender(roles.subject_pronoun or "")
        if resolved is not None and subject_gender is not None:
            genders.setdefault(resolved, subject_gender)
        self._last_nouns = roles.nouns

    def _advance_person(self, roles: Roles, resolved: str | None, sentence_start: int) -> None:
        if roles.speaker_person is not None:
            chosen: str | None = roles.speaker_person
        elif roles.subject_person is not None:
            chosen = roles.subject_person
        elif roles.subject_pronoun in ("he", "she") and resolved is not None:
            self._idle = 0  # the same person goes on; the name is still where it was
            return
        elif roles.subject_hidden or roles.subject_pronoun in ("he", "she"):
            # Somebody unnamed acts ("He", whoever he is, "The daughter of X"):
            # the person the sentence names is not the one a later pronoun means.
            self.person, self.person_anchor, self._idle = None, None, 0
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
