"""Names in a sentence: people, organisations, places, other proper nouns.

A capitalised run of words is cut into what it names. Titles and nationality
words in front of a person's name are stripped ("Chinese President Xi Jinping"
names "Xi Jinping"); a single word names a person only when an earlier full
name contained it ("Putin" after "Vladimir Putin"). A lone word that opens a
sentence names something only when the article capitalises it inside a
sentence (``ArticleCasing.capitalises``, the rule grounding reads names by),
so a capitalised sentence opener is not mistaken for a name.

Words are read whole, as ``factcheck.facts.names`` reads them (``WORD_START``):
"3D" holds no "D", "iPhone" no "Phone", "@Work" no "Work"; links and e-mail
addresses hold no names. A word that opens with a digit ("3M") is never one
here: only a capital letter opens a run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, NamedTuple

from factcheck.facts.addresses import ADDRESS
from factcheck.facts.months import CALENDAR_WORDS
from factcheck.facts.names import WORD_START, ArticleCasing, strip_possessive
from factcheck.facts.vocabulary import NAME_PARTICLES
from factcheck.offline.lexicon import (
    COMPANY_WORDS,
    COUNTRY_ACRONYMS,
    DEMONYMS,
    MONTHS,
    NON_PERSON_WORDS,
    OPEN_QUOTES,
    ORG_SUFFIXES,
    PLACE_PHRASES,
    PLACES,
    SENTENCE_OPENERS,
    STOPWORDS,
    TITLES,
    UPPER,
    WEEKDAYS,
    scanner,
)

Kind = Literal["person", "org", "place", "other"]

_CAP_WORD = (
    r"(?:(?:[A-Z]\.){2,}"  # U.S.
    r"|(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|St)\."  # Mr.
    rf"|[{UPPER}][\w’'-]*\w|[{UPPER}])"
)
# Lower-case particles inside a name: "Institut Océanique de Brévannes", "Ana de Armas".
_PARTICLES = "|".join(sorted(NAME_PARTICLES, key=lambda w: (-len(w), w)))
# Capitalised words separated by single spaces, optionally joined by "of (the)"
# or a name particle.
_RUN = scanner(
    rf"{WORD_START}{_CAP_WORD}"
    rf"(?:[ \t]+(?:(?:of[ \t]+(?:the[ \t]+)?|(?:{_PARTICLES})[ \t]+))?{_CAP_WORD})*",
    UPPER,
)
# Links and addresses hold no names: "john.Smith@Example.com" names no Smith.
_ADDRESS = re.compile(ADDRESS)
_WORD_IN_RUN = re.compile(r"\S+")
_PLURAL_POSSESSIVE = re.compile(r"s[’']$")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z]{2,6}$")
_CONNECTORS = frozenset({"of", "the", *_PARTICLES.split("|")})
# Capitalised words that join or open sentences, never part of a name: where a
# caption runs into the next sentence without a full stop ("... in Menorca While
# Pat ..."), the name starts after them.
_NEVER_NAME = frozenset(
    """while but and or as when if although though because since after before so then
    the a an this that these those his her their its our my your we they he she it""".split()
)


class Mention(NamedTuple):
    """A named thing in the body: ``start``/``end`` are body offsets of the words used."""

    kind: Kind
    name: str  # canonical: a person's fullest known name, else the words as written
    start: int
    end: int


@dataclass
class PersonRegistry:
    """Full names seen so far, and which full names each of their words belongs to."""

    _by_word: dict[str, list[str]] = field(default_factory=dict)

    def add(self, full_name: str) -> None:
        for word in full_name.split():
            names = self._by_word.setdefault(word, [])
            if full_name not in names:
                names.append(full_name)

    def lookup(self, word: str) -> str | None:
        """The one person a single word stands for, or None when unknown or ambiguous."""
        names = self._by_word.get(word)
        if names is None or len(names) != 1:
            return None
        return names[0]

    def knows(self, word: str) -> bool:
        return word in self._by_word


@lru_cache(maxsize=65536)
def _is_name_word(word: str) -> bool:
    lower = word.lower().rstrip(".")
    return (
        word[:1].isupper()
        and not _ACRONYM.match(word)
        and any(c.islower() for c in word)
        and lower not in TITLES
        and lower not in DEMONYMS
        and lower not in PLACES
        and lower not in MONTHS
        and lower not in WEEKDAYS
        and lower not in NON_PERSON_WORDS
        and lower not in COMPANY_WORDS
        and lower not in _CONNECTORS
        and lower not in _NEVER_NAME
    )


@lru_cache(maxsize=65536)
def _classify(words: tuple[str, ...]) -> Kind:
    """The kind of a run that does not name a person."""
    lowers = [w.lower() for w in words if w.lower() not in _CONNECTORS]
    phrase = " ".join(lowers)
    if phrase in PLACE_PHRASES or (len(lowers) == 1 and lowers[0] in PLACES):
        return "place"
    if len(words) == 1 and words[0] in COUNTRY_ACRONYMS:
        return "place"
    if len(words) == 1 and _ACRONYM.match(words[0]):
        return "org"
    if any(w in ORG_SUFFIXES for w in lowers) or (len(lowers) > 1 and lowers[-1] in COMPANY_WORDS):
        return "org"
    return "other"


def kind_of_words(words: tuple[str, ...]) -> Kind:
    """The kind of a capitalised run when it names no person: "org", "place" or "other"."""
    return _classify(words)


def _person_tail(words: list[str], registry: PersonRegistry) -> tuple[int, str] | None:
    """Index where a person's name starts in ``words`` and the canonical name."""
    i = len(words)
    while i > 0 and _is_name_word(words[i - 1]):
        i -= 1
    tail = words[i:]
    if not tail or len(tail) > 4:
        return None
    if len(tail) == 1:
        known = registry.lookup(tail[0])
        return None if known is None else (i, known)
    full = " ".join(tail)
    # A longer name seen before ("Vladimir Putin") wins over a shorter one.
    known = registry.lookup(tail[-1])
    if known is not None and full in known:
        return i, known
    registry.add(full)
    return i, full


def _split_possessives(words: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    """Cut "Russia’s Foreign Ministry" in two runs: the owner and the owned.

    A plural possessive inside a run is part of one name: "Eastfield Nurses’
    Union", "Alvern Consumers' League".
    """
    groups: list[list[tuple[str, int]]] = [[]]
    last = len(words) - 1
    for i, (word, pos) in enumerate(words):
        if i < last and _PLURAL_POSSESSIVE.search(word):
            groups[-1].append((word, pos))
            continue
        bare = strip_possessive(word) if len(word) > 2 else word
        groups[-1].append((bare, pos))
        if bare != word:
            groups.append([])
    return [g for g in groups if g]


def find_mentions(
    text: str,
    start: int,
    end: int,
    registry: PersonRegistry,
    casing: ArticleCasing | None = None,
) -> list[Mention]:
    """Named things in the sentence ``text[start:end]``, in reading order.

    New full person names are added to ``registry`` as a side effect, so later
    sentences can refer to a person by one word of the name. ``casing``: how
    the article writes its words; a lone word that opens the sentence is a name
    only when the article capitalises it elsewhere (``ArticleCasing.capitalises``)
    or the registry knows it as a person's: a claim is better without a name
    than with a sentence opener taken for one.
    """
    mentions: list[Mention] = []
    addresses = _addresses(text, start, end)
    for run in _RUN.finditer(text, start, end):
        found = run.group()
        run_start = run.start()
        if addresses and any(a <= run_start < b for a, b in addresses):
            continue
        if " " in found or "\t" in found:
            words = [(m.group(), run_start + m.start()) for m in _WORD_IN_RUN.finditer(found)]
        elif found.lower() in STOPWORDS:
            continue  # "The", "In", "But": a capital letter, not a name
        else:
            words = [(found, run_start)]
        # Sentence-initial: at the start, or right after an opening quote.
        before = run_start
        while before > start and text[before - 1] in OPEN_QUOTES:
            before -= 1
        at_start = before == start
        while words and (
            words[0][0].lower() in STOPWORDS
            or (at_start and words[0][0].lower() in SENTENCE_OPENERS)
        ):
            words = words[1:]
            at_start = False
        groups = (
            _split_possessives(words) if "'" in found or "’" in found else [words] if words else []
        )
        for group in groups:
            mention = _mention(group, registry, casing, sentence_initial=at_start)
            at_start = False
            if mention is not None:
                mentions.append(mention)
    return mentions


def _addresses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the links and e-mail addresses in ``text[start:end]`` (most sentences have none)."""
    if all(text.find(sign, start, end) < 0 for sign in ("@", "://", "www.")):
        return []
    return [m.span() for m in _ADDRESS.finditer(text, start, end)]


def _mention(
    group: list[tuple[str, int]],
    registry: PersonRegistry,
    casing: ArticleCasing | None,
    *,
    sentence_initial: bool,
) -> Mention | None:
    while group and group[0][0].lower() in _CONNECTORS:
        group = group[1:]
    if not group:
        return None
    words = [w for w, _ in group]
    first_pos = group[0][1]
    last_end = group[-1][1] + len(group[-1][0])
    if CALENDAR_WORDS.issuperset(map(str.lower, words)):
        return None
    kind = _classify(tuple(words))
    if kind == "other":
        tail = _person_tail(words, registry)
        if tail is not None:
            index, name = tail
            return Mention("person", name, group[index][1], last_end)
        # A lone capitalised word opening a sentence is just a capital letter,
        # unless the article shows it is a name.
        if (
            sentence_initial
            and len(words) == 1
            and not registry.knows(words[0])
            and (casing is None or not casing.capitalises(words[0]))
        ):
            return None
    return Mention(kind, " ".join(words), first_pos, last_end)
