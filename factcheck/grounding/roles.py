"""Who did what: the place a statement gives a name against what the evidence has there.

A statement attaches each of its names to the word that follows it, past
function words and asides ("Kestrel suggested", "Tindall's horse", "Veep, who
stars", "Maryland, 26, has been charged"): the *predicate*. Where the
evidence has that predicate, the word before it there is its *filler*, read
the same way ("Daniel Reyes, the hospital's chief executive, said" gives
Reyes; "the 54-year-old, who stars" gives "old"). A name after a word and its
prepositions ("covered by the Fund") is read the same way round, and so is a
name before a preposition and another name ("Eastgate at Millbrook's
schools"). The name is in the wrong role when no place of the evidence that
has the predicate can be the name's (``misplaced``):

- the filler is another name of the evidence that the statement does not
  give ("Maryland has been charged" against "Alexander Soumbadze, who has
  been charged"), unless the predicate is a reporting verb and the name is
  no person's (an organisation says what its spokesman said);
- the filler is a person ("the man", "the striker") and the name is not a
  person's, or "he"/"the 39-year-old" and the name is an organisation's or a
  place's (a horse is "he" too); or the filler is a thing ("it", "the
  company", "the city") and the name is a person's ("Dimitris Mardas is due
  to repay" against "The country is due to repay"); or "the company" for a
  place, "the city" for an organisation.

A filler that is the name itself, the word the statement has beside the name
(the evidence just leaves it out: "took part in the strike" for "the
Castellmar strike"), or any other common word ("Engineers expect") proves
nothing either way, and neither does a predicate the article gives the name
in another sentence. A "he" or "she" there is the person named before it
(``antecedents``): in its sentence, or in the one before when it opens its
sentence. Who is a person is read from the whole article
(``People``): a name the offline engine reads as a person's, in a sentence
that shows one. ``wrong_role`` also finds a name the statement gives twice
where no evidence sentence does (``repeated_name``), a name standing where
the evidence has another by the words around it (``_displaced_name``; not
where the statement only leaves that other out), a description the article
gives to another person than the evidence has (``misdescribed``) and a common
noun where the evidence has another doer (``displaced_noun``).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from factcheck.facts.demonyms import is_demonym
from factcheck.facts.names import fold
from factcheck.facts.titles import TITLES
from factcheck.grounding.compare import FactSet
from factcheck.grounding.overlap import STOPWORDS, SentenceIndex
from factcheck.grounding.polarity import stem
from factcheck.grounding.words import WORD, WORD_OR_NUMBER
from factcheck.offline.entities import PersonRegistry, find_mentions, kind_of_words
from factcheck.offline.gender import FEMALE_NOUNS, MALE_NOUNS
from factcheck.offline.lexicon import (
    COMPANY_WORDS,
    GENERIC_ORG_NOUNS,
    NON_PERSON_WORDS,
    ORG_NOUNS,
)

# Words and the punctuation clauses are read by (sentence ends, and the commas and
# brackets that set off asides); every comma is a token here, a figure's too.
_TOKEN = re.compile(rf"{WORD.pattern}|[.!?;:\n,()]")
_ENDS = frozenset(".!?;:\n")
_REACH = 6  # function words looked past between a name and its predicate
_NEIGHBOUR_REACH = 3  # words looked past (function words) for a name's neighbour
_NAME_TOKEN = WORD_OR_NUMBER
# A neighbour is looked for up to the end of its sentence, not past it.
_NEIGHBOUR_TOKEN = re.compile(rf"{WORD_OR_NUMBER.pattern}|[.!?;:\n]")
# Words that stand, as the one who acts, for a person already named.
PERSON_PRONOUNS = frozenset({"he", "she", "his", "her"})
# Nouns that stand for a person: "the man", "the 39-year-old" (its last word), a player.
PERSON_NOUNS = (
    MALE_NOUNS
    | FEMALE_NOUNS
    | frozenset(
        """old person people player star striker forward midfielder defender goalkeeper
        manager coach boss captain singer officer officials victim suspect driver pilot
        teenager engineers residents workers participants researchers scientists experts
        doctors nurses teachers students fans members voters customers passengers""".split()
    )
)
_AGE_WORDS = frozenset({"old"})
# The pronouns that do what follows them, read as the person named before them.
SUBJECT_PRONOUNS = frozenset({"he", "she"})
# Words that stand for one person named elsewhere; a noun such as "the director"
# may be another ("the director paid tribute" in an article about an actor).
STANDS_FOR_PERSON = PERSON_PRONOUNS | _AGE_WORDS
# Words that stand for a thing already named: an organisation, a place.
THING_PRONOUNS = frozenset({"it", "its"})
PLACE_NOUNS = frozenset("city town village country nation state region county capital".split())
THING_NOUNS = ORG_NOUNS | PLACE_NOUNS | NON_PERSON_WORDS
# Words that make a name a place's ("River Venn", "Quay Street").
PLACE_WORDS = frozenset(
    """river lake mount mountain island sea ocean bay coast valley street road avenue
    square bridge city county district province region""".split()
)
# Between a name and what it does there are only auxiliaries, adverbs and the like:
# a preposition means the word after it is not the name's ("move to Porto at the end").
PREPOSITIONS = frozenset(
    """of in on at by for from to into onto with within without about above below over
    under between after before during against among through per via near across around
    behind beside beyond inside outside towards toward upon off past since until""".split()
)
_BE = frozenset("is are was were be been being".split())
_RELATIVE = frozenset({"who", "which", "that", "whose"})
# Function words a predicate is looked for past; reporting verbs are predicates here.
_SKIPPED = (
    STOPWORDS - {"said", "says", "say", "told"} - PERSON_PRONOUNS - THING_PRONOUNS - PREPOSITIONS
) | {"s"}


class People:
    """The persons an article names: their full names, folded, as word tuples.

    Read when first asked for (``read``): most statements need no person, and
    reading an article's persons reads every sentence of it.
    """

    def __init__(self, read: Callable[[], frozenset[tuple[str, ...]]]) -> None:
        self._read = read

    @cached_property
    def names(self) -> frozenset[tuple[str, ...]]:
        return self._read()

    @classmethod
    def of(cls, sentences: Sequence[str]) -> People:
        """The persons named in ``sentences``: names the offline engine reads as a
        person's, in a sentence that shows a person (``_shows_person``)."""
        names = _persons_in(sentences)
        return cls(lambda: names)

    @classmethod
    def of_index(cls, index: SentenceIndex) -> People:
        """The persons of the article ``index`` reads (``people_of``), read when first asked."""
        return cls(lambda: people_of(index, index.texts).names)

    def includes(self, name: str) -> bool:
        """True when ``name`` is a person's: its last word ends a person's full name,
        or it is one word of one. A name read as an organisation or place is not."""
        parts = name.split()
        words = tuple(fold(w) for w in parts)
        if not words or kind_of_words(tuple(parts)) != "other" or _thing_words(words):
            return False
        if len(words) == 1:
            return any(words[0] in full for full in self.names)
        return any(full[-1] == words[-1] for full in self.names)

    def kind(self, name: str) -> str:
        """ "person", "place", "org", or "thing" (not a person, nothing more known)."""
        if self.includes(name) or is_demonym(name.lower()):
            return "person"  # a person, or a people ("the Polish")
        parts = name.split()
        kind = kind_of_words(tuple(parts)) if parts else "other"
        words = [fold(w) for w in parts]
        if kind == "place" or any(w in PLACE_WORDS for w in words):
            return "place"
        if kind == "org" or any(w in COMPANY_WORDS or w in ORG_NOUNS for w in words):
            return "org"
        return "thing"

    def same_person(self, name: str, other: str) -> bool:
        """True when one full name of the article holds a word of each ("Stan", "Freberg")."""
        mine = {fold(w) for w in name.split()}
        theirs = {fold(w) for w in other.split()}
        own, their_own = mine - theirs, theirs - mine  # "Donna Lane" is not "Peter Lane"
        return any(own & set(full) and their_own & set(full) for full in self.names)


def _persons_in(sentences: Sequence[str]) -> frozenset[tuple[str, ...]]:
    """The full names of the persons named in ``sentences`` (``People.of``)."""
    registry = PersonRegistry()
    found: set[tuple[str, ...]] = set()
    texts = list(sentences)  # each read once: ``sentences`` may build a text when asked
    for i, text in enumerate(texts):
        following = texts[i + 1] if i + 1 < len(texts) else ""
        for m in find_mentions(text, 0, len(text), registry):
            if m.kind != "person" or not _shows_person(text, m.start, m.end, following):
                continue
            # "Hanna Vetter of the University of Lindqvist" is Hanna Vetter.
            words = tuple(fold(w) for w in m.name.split(" of ")[0].split())
            if words and not _thing_words(words):
                found.add(words)
        for aged in _AGED.finditer(text):  # "Okafor, 44,": one the engine may not know
            found.add(tuple(fold(w) for w in aged.group(1).split()))
    return frozenset(found)


_AGE = re.compile(r"\s*,\s*\d{1,3}\s*,")
_REPORTED = frozenset("said says told added".split())
_AGED = re.compile(r"\b([A-Z][^\W\d_]+(?:[’'-][^\W\d_]+)*(?: [A-Z][^\W\d_]+)*), \d{1,3},")
# ", the mayor of Riverton,": a title or a person's noun within a few words of the comma.
_APPOSITION = re.compile(r",\s+((?:[\w’'-]+\s+){0,3}[\w’'-]+)")


def _shows_person(text: str, start: int, end: int, following: str = "") -> bool:
    """True when the sentence shows the name at ``start:end`` to be a person's: a
    title before it ("Mayor Teodora Brisk"), an age after it ("Łukasiewicz, 44,"),
    a title or a person's noun just after it (", the mayor of Riverton"), a
    reporting verb before it ("said Marguerite Okafor"), a byline, "he"/"she" in
    the sentence or opening the next one. "Dunmore said" is no sign: an
    organisation says things too."""
    before = text[max(0, start - 20) : start].split()
    last = before[-1].lower().strip(".,") if before else ""
    if last in TITLES or last in _REPORTED or (last == "by" and len(before) == 1):
        return True  # "Mayor X", "premier, X", "said X", the byline "By X"
    if _AGE.match(text, end):
        return True
    apposition = _APPOSITION.match(text, end)
    if apposition is not None and any(
        w in TITLES or w in PERSON_NOUNS for w in apposition.group(1).lower().split()
    ):
        return True
    if any(t in PERSON_PRONOUNS for t in _tokens(text)):
        return True
    opener = _tokens(following)[:1]
    return bool(opener) and opener[0] in PERSON_PRONOUNS  # "... opened a bridge. She said"


def _thing_words(words: Sequence[str]) -> bool:
    return any(w in NON_PERSON_WORDS or w in COMPANY_WORDS for w in words)


_kept: weakref.WeakKeyDictionary[object, People] = weakref.WeakKeyDictionary()


def people_of(owner: object, sentences: Sequence[str]) -> People:
    """``People.of(sentences)``, kept for as long as ``owner`` (the article's index) lives."""
    known = _kept.get(owner)
    if known is None:
        known = _kept[owner] = People.of(sentences)
    return known


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _find(tokens: list[str], inner: list[str], start: int = 0) -> int:
    n = len(inner)
    for i in range(start, len(tokens) - n + 1):
        if tokens[i : i + n] == inner:
            return i
    return -1


Spans = list[tuple[int, int, str]]


@dataclass(frozen=True)
class _View:
    """A text read for roles: its facts, lower-case tokens and where its names stand."""

    facts: FactSet
    tokens: list[str]
    spans: Spans

    @classmethod
    def of(cls, facts: FactSet) -> _View:
        tokens = _tokens(facts.text)
        return cls(facts, tokens, _spans(tokens, facts.names))


def _spans(tokens: list[str], names: Sequence[str]) -> Spans:
    """Where each of ``names`` stands in ``tokens``: (first, past last, name)."""
    found: Spans = []
    for name in names:
        inner = _tokens(name)
        found += [(i, i + len(inner), name) for i in _occurrences(tokens, inner)]
    return found


def _name_at(spans: Spans, i: int) -> tuple[int, int, str] | None:
    for span in spans:
        if span[0] <= i < span[1]:
            return span
    return None


@dataclass(frozen=True)
class Slot:
    """Where a predicate's doer is: its index, and whether a form of "be" came between."""

    index: int
    passive: bool


def predicate_after(tokens: list[str], i: int, names: Spans) -> Slot | None:
    """The first word from ``tokens[i]`` on that is not a function word: what the name does.

    An aside between commas or brackets is passed ("Maryland, 26, has been
    charged" gives "charged"); a relative clause is the name's ("Veep, who
    stars" gives "stars"). None past a preposition, the end of a clause or a name.
    """
    jumped = passive = False
    seen = 0
    while i < len(tokens) and seen < _REACH:
        token = tokens[i]
        if token in _ENDS or token in PREPOSITIONS or token == ")":
            return None
        if token in (",", "("):
            if token == "," and i + 1 < len(tokens) and tokens[i + 1] in _RELATIVE:
                i += 2
                continue
            close = _closing(tokens, i)
            if jumped or close is None:
                return None
            i, jumped = close + 1, True
            continue
        if token in _SKIPPED or token.isdigit():
            passive = passive or token in _BE
            i += 1
            seen += 1
            continue
        return None if _name_at(names, i) else Slot(i, passive)
    return None


def _closing(tokens: list[str], i: int) -> int | None:
    """The comma or bracket that closes the aside opened at ``tokens[i]``."""
    want = ")" if tokens[i] == "(" else ","
    for j in range(i + 1, len(tokens)):
        if tokens[j] in _ENDS:
            return None
        if tokens[j] == want:
            return j
    return None


def _opening(tokens: list[str], i: int) -> int | None:
    """The comma or bracket that opens the aside closed at ``tokens[i]``."""
    want = "(" if tokens[i] == ")" else ","
    for j in range(i - 1, -1, -1):
        if tokens[j] in _ENDS:
            return None
        if tokens[j] == want:
            return j
    return None


def doer_before(tokens: list[str], j: int, names: Spans) -> Slot | None:
    """The word before ``tokens[j]`` that does it, read as ``predicate_after`` reads.

    An aside that is names only ("Tbilisi, Georgia,") is passed whole.
    """
    i = j - 1
    jumped = passive = relative = False
    seen = 0
    while i >= 0 and seen < _REACH:
        token = tokens[i]
        if token in _ENDS or token in PREPOSITIONS or token == "(":
            return None
        if token in (",", ")"):
            if relative and token == ",":
                relative = False
                i -= 1
                continue
            opening = _opening(tokens, i)
            if jumped or opening is None:
                return None
            if (
                opening > 0
                and _name_at(names, opening - 1)
                and all(_name_at(names, k) for k in range(opening + 1, i))
            ):
                # "a native of Tbilisi, Georgia,": the two places are one aside.
                wider = _opening(tokens, opening)
                opening = opening if wider is None else wider
            i, jumped = opening - 1, True
            continue
        if token in _RELATIVE:
            relative = True
            i -= 1
            continue
        if token in _SKIPPED or token.isdigit():
            passive = passive or token in _BE
            i -= 1
            seen += 1
            continue
        return Slot(i, passive)
    return None


def _words(name: str) -> set[str]:
    return {fold(w) for w in _tokens(name)}


def _same_name(name: str, other: str, people: People | None) -> bool:
    """One word in common (a demonym counts as its place: "Georgia", "Georgian")."""
    mine, theirs = _words(name), _words(other)
    if mine & theirs or (people is not None and people.same_person(name, other)):
        return True
    return any(
        len(a) >= 5 and len(b) >= 5 and (a.startswith(b) or b.startswith(a))
        for a in mine
        for b in theirs
    )


def _fits(filler: str, name: str, before: str | None, people: People | None) -> bool | None:
    """True when the common word ``filler`` may stand for ``name``, False when it
    cannot, None when it tells nothing."""
    if filler in _words(name) or (before is not None and filler == before):
        return True
    if people is None:
        return None
    kind = people.kind(name)
    if filler in PERSON_PRONOUNS or filler in _AGE_WORDS:
        # "he" and "the 10-year-old" may be a horse or a ship: only a name known to
        # be an organisation's or a place's cannot be meant.
        return kind not in ("org", "place")
    if filler in PERSON_NOUNS:
        return kind == "person"
    if filler in GENERIC_ORG_NOUNS:
        return kind not in ("person", "place")  # "the company" is no river
    if filler in PLACE_NOUNS:
        return kind not in ("person", "org")  # "the city" is no company
    if filler in THING_PRONOUNS or filler in THING_NOUNS:
        return kind != "person"
    return None


def misplaced(
    statement: FactSet,
    evidence: FactSet,
    people: People | None = None,
    article: Sequence[str] = (),
) -> tuple[str, str] | None:
    """A name of ``statement`` and what the evidence has in its place (module notes).

    ``people``: the article's persons; without it, only another name in the
    place is found. ``article``: the body's sentences; a name one of them puts
    before the same word is in its place.
    """
    names = statement.names
    if not names:
        return None
    said, there = _View.of(statement), _View.of(evidence)
    for name in names:
        found = _wrong_place(name, said, there, people, article)
        if found is None:
            found = _wrong_object(name, said, there, people)
        if found is None:
            found = _wrong_head(name, said, there, people)
        if found is not None and not _said_anywhere(name, found[1], article):
            return name, found[0]
    return None


def _wrong_place(
    name: str,
    said: _View,
    there: _View,
    people: People | None,
    article: Sequence[str] = (),
) -> tuple[str, str] | None:
    """What the evidence has where ``statement`` has ``name``, and the predicate word.

    A "he" or "she" there is read as the person it stands for (``antecedents``).
    """
    found = _place_fillers(name, said, there, people, article)
    if found is None:
        return None
    predicate, fillers = found
    if fillers and all(fits is False for fits, _, _ in fillers):
        return next(other for _, _, other in fillers), predicate
    return None


def _place_fillers(
    name: str,
    said: _View,
    there: _View,
    people: People | None,
    article: Sequence[str],
) -> tuple[str, list[tuple[bool | None, int, str]]] | None:
    """The predicate the statement gives ``name``, and for each place of the
    evidence that has it: whether its doer may be the name, the doer's index
    (-1: none read) and what to call it."""
    s_tokens, s_spans = said.tokens, said.spans
    e_tokens, e_spans = there.tokens, there.spans
    statement = said.facts
    inner = _tokens(name)
    at = _find(s_tokens, inner) if inner else -1
    if at < 0:
        return None
    k = at - 1
    while k >= 0 and (s_tokens[k] in _DETERMINERS or s_tokens[k] in TITLES):
        k -= 1
    if k >= 0 and s_tokens[k] in PREPOSITIONS:
        return None  # "led by Dr Hanna Vetter": the name does not do what follows
    slot = predicate_after(s_tokens, at + len(inner), s_spans)
    if slot is None:
        return None
    predicate = s_tokens[slot.index]
    doer = doer_before(s_tokens, at, s_spans)
    before = None if doer is None else s_tokens[doer.index]
    key = stem(predicate)
    fillers: list[tuple[bool | None, int, str]] = []
    for j, token in enumerate(e_tokens):
        if token != predicate and stem(token) != key:
            continue
        filler = doer_before(e_tokens, j, e_spans)
        if filler is None or filler.passive != slot.passive:
            fillers.append((None, -1, ""))
            continue
        fits = _filler_fits(name, filler.index, statement, there, beside=before, people=people)
        holder = _name_at(e_spans, filler.index)
        other = holder[2] if holder is not None else f'"{e_tokens[filler.index]}"'
        if fits and people is not None and e_tokens[filler.index] in SUBJECT_PRONOUNS:
            meant = antecedents(there, filler.index, people, article, name)
            if meant and not any(_same_name(name, m, people) for m in meant):
                fits, other = False, meant[0]
        if (
            fits is False
            and predicate in _REPORTED
            and holder is not None
            and (people is None or people.kind(name) != "person")
        ):
            fits = None  # "BHA said" where its spokesman Tony Welsh said it
        fillers.append((fits, filler.index, other))
    return predicate, fillers


def stands_in_place(
    name: str, statement: FactSet, evidence: FactSet, people: People, article: Sequence[str]
) -> bool:
    """True when the evidence gives the statement's predicate of ``name`` to a
    word that stands for it: "he", "she" or "the 39-year-old" for a person,
    "it" for anything else ("Locke paid tribute" where the passage says "the
    39-year-old paid tribute"). The names the passage does give are then in
    other places."""
    found = _place_fillers(name, _View.of(statement), _View.of(evidence), people, article)
    if found is None:
        return False
    tokens = _tokens(evidence.text)
    spans = _spans(tokens, evidence.names)
    words = STANDS_FOR_PERSON if people.includes(name) else THING_PRONOUNS
    return any(
        fits is True and _name_at(spans, i) is None and tokens[i] in words
        for fits, i, _ in found[1]
    )


def antecedents(
    there: _View, at: int, people: People, article: Sequence[str], name: str
) -> list[str]:
    """The persons the "he" or "she" at ``there.tokens[at]`` may stand for.

    The persons the sentence names before it ("Phillip Pama covered his face as
    he left"); for a pronoun that opens the sentence, the persons of the
    article's sentence before ("Jonjo O'Neill hosted a visit. He trains
    Shutthefrontdoor"), unless ``name`` opens the clause after the pronoun's:
    a pronoun may come before the name it stands for ("When she arrived,
    Okafor said").
    Empty when nothing is known, or the evidence quotes someone: a quoted "he"
    is whoever the speaker means.
    """
    tokens, spans = there.tokens, there.spans
    if _QUOTES.search(there.facts.text):
        return []  # quoted speech: "'He was brilliant,' Smith said of Jones"
    start = at
    while start > 0 and tokens[start - 1] not in _ENDS:
        start -= 1
    if start != at or _named_next(tokens, spans, at, name):
        return _persons(tokens, spans, start, at, people)
    if start > 0:  # the evidence holds the sentence before
        first = start - 1
        while first > 0 and tokens[first - 1] not in _ENDS:
            first -= 1
        return _persons(tokens, spans, first, start, people)
    text = there.facts.text
    for i, sentence in enumerate(article):
        if sentence == text:
            if i == 0:
                return []
            previous = _View.of(FactSet(article[i - 1]))
            return _persons(previous.tokens, previous.spans, 0, len(previous.tokens), people)
    return []


# Quotation marks: double ones, and a single one that opens a word (not the
# apostrophe of "jockeys' championship").
_QUOTES = re.compile(r"[\"“”]|(?<!\w)['‘](?=\w)")


def described_in_place(
    name: str, statement: FactSet, evidence: FactSet, people: People, article: Sequence[str]
) -> bool:
    """True when the evidence gives the statement's predicate of ``name`` to a
    description the article gives to that person alone: "Michael Redwood paid
    tribute" where the passage says "The director also paid tribute" and the
    article writes "director Michael Redwood" and calls no one else the director."""
    found = _place_fillers(name, _View.of(statement), _View.of(evidence), people, article)
    if found is None:
        return False
    tokens = _tokens(evidence.text)
    spans = _spans(tokens, evidence.names)
    for fits, i, _ in found[1]:
        if fits is not True or _name_at(spans, i) is not None:
            continue
        if tokens[i] not in PERSON_NOUNS and tokens[i] not in TITLES:
            continue
        given = [n for n in _described(_description(tokens, i), article) if people.includes(n)]
        if given and all(_same_name(name, n, people) for n in given):
            return True
    return False


def _description(tokens: list[str], i: int) -> list[str]:
    """The words of the description that ends at ``tokens[i]``, back to its determiner."""
    start = i
    while start > 0 and tokens[start - 1] not in _DESCRIPTION_ENDS:
        start -= 1
    return tokens[start : i + 1]


def _persons(tokens: list[str], spans: Spans, start: int, end: int, people: People) -> list[str]:
    """The persons named in ``tokens[start:end]``; none when a word there that is
    no name may be the one meant ("Jim Mann" in "the 39-year-old ... with
    chairman Jim Mann since he replaced")."""
    found = [n for s, _, n in sorted(spans) if start <= s < end and people.kind(n) == "person"]
    unnamed = (
        t in PERSON_NOUNS or t in TITLES
        for i, t in enumerate(tokens[start:end], start)
        if _name_at(spans, i) is None and _name_at(spans, i + 1) is None  # "chairman Jim Mann"
    )
    return [] if any(unnamed) else found


_DETERMINERS = frozenset("the a an this that these those".split())
# What ends a description read backwards from its noun ("the former England captain").
_DESCRIPTION_ENDS = _DETERMINERS | _ENDS | {",", "(", ")", "s"}


def object_after(tokens: list[str], i: int) -> tuple[int, tuple[str, ...]] | None:
    """The first word after ``tokens[i]`` past determiners and prepositions, and those
    prepositions: "covered by the Fund" gives "fund" and ("by",)."""
    prepositions: list[str] = []
    for j in range(i + 1, min(len(tokens), i + 1 + _REACH)):
        token = tokens[j]
        if token in PREPOSITIONS:
            prepositions.append(token)
        elif token not in _DETERMINERS and not token.isdigit():
            if token in _ENDS or token in (",", "(", ")") or token in STOPWORDS:
                return None
            return j, tuple(prepositions)
    return None


def _linked_later(
    tokens: list[str], j: int, linked: tuple[str, ...]
) -> tuple[int, tuple[str, ...]] | None:
    """The object of ``linked`` (prepositions) found later in the clause of ``tokens[j]``."""
    for i in range(j + 1, min(len(tokens), j + 1 + 2 * _REACH)):
        if tokens[i] in _ENDS or tokens[i] == ",":
            return None
        if tokens[i] == linked[0]:
            found = object_after(tokens, i - 1)
            return found if found is not None and found[1] == linked else None
    return None


def _wrong_object(
    name: str, said: _View, there: _View, people: People | None
) -> tuple[str, str] | None:
    """What the evidence has after the word the statement puts ``name`` after.

    "covered by the Harlow" against "covered by the National Heritage Fund";
    "cross the Ilse Brandt" against "cross the bridge" (a thing, not a person).
    """
    s_tokens, s_spans = said.tokens, said.spans
    e_tokens, e_spans = there.tokens, there.spans
    statement = said.facts
    inner = _tokens(name)
    at = _find(s_tokens, inner) if inner else -1
    if at <= 0:
        return None
    k = at - 1
    while k >= 0 and (s_tokens[k] in PREPOSITIONS or s_tokens[k] in _DETERMINERS):
        k -= 1
    if k < 0 or k == at - 1 or _name_at(s_spans, k):
        return None
    found = object_after(s_tokens, k)
    if found is None or found[0] != at:
        return None
    predicate, linked = s_tokens[k], found[1]
    after = at + len(inner)
    follower = s_tokens[after] if after < len(s_tokens) else None
    key = stem(predicate)
    verdicts: list[bool | None] = []
    other = ""
    for j, token in enumerate(e_tokens):
        if token != predicate and stem(token) != key:
            continue
        filled = object_after(e_tokens, j)
        if filled is not None and filled[1] != linked and linked:
            # "photographed near Kolm" against "photographed by a camera trap near
            # Kolm": the same preposition further on in the clause.
            filled = _linked_later(e_tokens, j, linked)
        if filled is None or filled[1] != linked:
            verdicts.append(None)
            continue
        filler = filled[0]
        fits = _filler_fits(name, filler, statement, there, beside=follower, people=people)
        verdicts.append(fits)
        if fits is False and not other:
            holder = _name_at(e_spans, filler)
            other = holder[2] if holder is not None else f'"{e_tokens[filler]}"'
    if verdicts and all(v is False for v in verdicts):
        return other, predicate
    return None


def _filler_fits(
    name: str,
    filler: int,
    said: FactSet,
    there: _View,
    *,
    beside: str | None,
    people: People | None,
) -> bool | None:
    """Whether the evidence word at ``filler`` may be ``name``; ``beside``: the word
    the statement has next to the name (the evidence may just leave the name out)."""
    inner, e_tokens, e_spans, statement = _tokens(name), there.tokens, there.spans, said
    holder = _name_at(e_spans, filler)
    if holder is None:
        return _fits(e_tokens[filler], name, beside, people)
    if is_demonym(name.lower()):
        return None  # "the Briton" may be the one the evidence names
    if any(_same_name(n, holder[2], people) for n in statement.names):
        return _same_name(name, holder[2], people) or None
    if is_demonym(holder[2].lower()):
        return None  # "Scottish" is no one
    if _find(e_tokens[max(0, holder[0] - _REACH) : holder[1] + _REACH], inner) >= 0:
        return None  # "Avengers: Age of Ultron movie": the name is beside it
    return False


def _wrong_head(
    name: str, said: _View, there: _View, people: People | None
) -> tuple[str, str] | None:
    """The word the evidence has where the statement has ``name`` before a preposition
    and another name: "Eastgate at Millbrook's schools" against "classes at
    Millbrook's schools". Only a word that can stand for the name fits."""
    s_tokens, s_spans = said.tokens, said.spans
    e_tokens, e_spans = there.tokens, there.spans
    inner = _tokens(name)
    at = _find(s_tokens, inner) if inner else -1
    if at < 0:
        return None
    linked = object_after(s_tokens, at + len(inner) - 1)
    if linked is None or not linked[1]:
        return None
    target = _name_at(s_spans, linked[0])
    if target is None or target[2] == name:
        return None
    verdicts: list[bool] = []
    other = ""
    for start, _, _ in (span for span in e_spans if span[2] == target[2]):
        k = start - 1
        while k >= 0 and e_tokens[k] in _DETERMINERS:
            k -= 1
        preps: list[str] = []
        while k >= 0 and e_tokens[k] in PREPOSITIONS:
            preps.insert(0, e_tokens[k])
            k -= 1
        if tuple(preps) != linked[1] or k < 0 or e_tokens[k] in _ENDS or e_tokens[k] == ",":
            continue
        head = e_tokens[k]
        if head in STOPWORDS or head.isdigit():
            continue
        holder = _name_at(e_spans, k)
        fits = (
            _same_name(name, holder[2], people)
            if holder is not None
            else bool(_fits(head, name, None, people))
        )
        verdicts.append(fits)
        if not fits and not other:
            other = holder[2] if holder is not None else f'"{head}"'
    if verdicts and not any(verdicts):
        return other, s_tokens[linked[0]]
    return None


def _mentions(name: str, article: Sequence[str]) -> Iterator[tuple[list[str], Spans]]:
    """Each sentence of ``article`` that writes ``name``: its tokens and where the name stands."""
    inner = _tokens(name)
    lower = name.lower()
    for text in article:
        if lower not in text.lower():
            continue
        tokens = _tokens(text)
        yield tokens, [(i, i + len(inner), name) for i in _occurrences(tokens, inner)]


def _said_anywhere(name: str, predicate: str, article: Sequence[str]) -> bool:
    """True when a sentence of ``article`` puts ``name`` in the same relation to
    ``predicate``: as its doer, or right after it."""
    key = stem(predicate)
    for tokens, spans in _mentions(name, article):
        for start, end, _ in spans:
            slot = predicate_after(tokens, end, spans)
            if slot is not None and stem(tokens[slot.index]) == key:
                return True
            k = start - 1
            while k >= 0 and (tokens[k] in PREPOSITIONS or tokens[k] in _DETERMINERS):
                k -= 1
            if k >= 0 and stem(tokens[k]) == key:
                return True
    return False


def _occurrences(tokens: list[str], inner: list[str]) -> list[int]:
    found = []
    i = _find(tokens, inner) if inner else -1
    while i >= 0:
        found.append(i)
        i = _find(tokens, inner, i + 1)
    return found


def may_stand_for(name: str, passage: str, people: People) -> bool:
    """True when ``passage`` may speak of ``name`` without naming it.

    The stand-in rule lets a statement name what its passage calls "the
    company" or "she". A person must then be there as a person: "he", "his",
    "the man", a title ("the mayor said"); a passage that speaks of no one
    does not speak of Teodora Brisk. Anything else may go unnamed ("Two of
    the lanes" for "Two Vellmar cycle lanes").
    """
    if people.kind(name) != "person":
        return True
    tokens = _tokens(passage)
    return any(t in PERSON_PRONOUNS or t in PERSON_NOUNS or t in TITLES for t in tokens) or bool(
        _words(name) & {fold(t) for t in tokens}
    )


def written_in_place(name: str, statement: FactSet, evidence: FactSet, people: People) -> bool:
    """True when the evidence writes part of ``name`` where the statement writes it whole.

    "Paul McGowan was handed his third conviction" where the passage says
    "McGowan was handed his third conviction": the same words around it, and
    no other person of the article has that part ("Donna Lane" is not meant
    where the passage says "Lane" of Peter Lane). The caller must find the
    whole name in the article.
    """
    words = _tokens(name)
    there = set(_tokens(evidence.text))
    part = [w for w in words if w in there and w not in TITLES]
    if not part or len(part) == len(words):
        return False
    around = _neighbours(statement.text, name)
    if not around & _neighbours(evidence.text, " ".join(part)):
        return False
    mine, shared = _words(name), {fold(w) for w in part}
    return not any(shared & set(full) and not set(full) <= mine for full in people.names)


def displacement_holds(
    name: str, other: str, statement: FactSet, people: People, article: Sequence[str] = ()
) -> bool:
    """True unless a name found standing where the evidence has ``other`` is the
    same one after all: one person's given name and surname ("Stan", "Freberg"),
    or a place and its people's word ("Georgia", "Georgian"); or unless another
    sentence of ``article`` says what the statement does of the name, its
    predicate and the word after ("Sterling was exposed for" where the passage
    says it of Sturridge)."""
    if people.same_person(name, other):
        return False
    if article and _said_elsewhere(name, statement, article):
        return False
    if is_demonym(name.lower()) or is_demonym(other.lower()):
        a, b = fold(name), fold(other)
        return not (len(a) >= 5 and len(b) >= 5 and (a.startswith(b[:5]) and b.startswith(a[:5])))
    return True


def _said_elsewhere(name: str, statement: FactSet, article: Sequence[str]) -> bool:
    """True when a sentence of ``article`` puts ``name`` before the statement's
    predicate of it and the word after that predicate."""
    tokens = _tokens(statement.text)
    inner = _tokens(name)
    at = _find(tokens, inner) if inner else -1
    if at < 0:
        return False
    slot = predicate_after(tokens, at + len(inner), _spans(tokens, statement.names))
    if slot is None:
        return False
    then = object_after(tokens, slot.index)
    if then is None:
        return False
    words = (stem(tokens[slot.index]), stem(tokens[then[0]]))
    for found, spans in _mentions(name, article):
        for _, end, _ in spans:
            there = predicate_after(found, end, spans)
            if there is None or stem(found[there.index]) != words[0]:
                continue
            after = object_after(found, there.index)
            if after is not None and stem(found[after[0]]) == words[1]:
                return True
    return False


def repeated_name(statement: FactSet, parts: Sequence[str]) -> str | None:
    """A name the statement gives twice, which no sentence of the evidence does.

    "Gullit was assistant to former Newcastle manager Ruud Gullit" where the
    passage says "His first in the dugout was as assistant to Ruud Gullit";
    "Myleene Klass made a swipe at Myleene Klass" where Ben Elton took it: one
    name on both sides of what happened, where the evidence has someone else
    on one side. The two mentions must be the same name or one part of the
    other ("Gullit", "Ruud Gullit"), not two people of one family ("Stan
    Freberg", "Donna Freberg").
    """
    tokens = _tokens(statement.text)
    spans = sorted(_spans(tokens, statement.names))
    for i, (start, end, name) in enumerate(spans):
        words = set(tokens[start:end])
        for later, later_end, other in spans[i + 1 :]:
            if later < end + 2:
                continue
            others = set(tokens[later:later_end])
            if not (words <= others or others <= words):
                continue
            last = tokens[end - 1] if words <= others else tokens[later_end - 1]
            if not any(_separate_twice(_tokens(p), last) for p in parts):
                return other if len(other) >= len(name) else name
    return None


def _separate_twice(tokens: list[str], word: str) -> bool:
    """True when ``word`` is in ``tokens`` twice, with other words between."""
    places = [i for i, t in enumerate(tokens) if t == word]
    return len(places) >= 2 and places[-1] - places[0] >= 2


def wrong_role(
    statement: FactSet,
    readings: Sequence[FactSet],
    parts: Sequence[str],
    people: People,
    weights: SentenceIndex,
) -> str | None:
    """Why a name of ``statement`` is in the wrong role, or None.

    ``readings``: the evidence sentences that say most of what the statement
    says; ``parts``: every evidence sentence; ``weights``: the article's
    sentence index (its sentences are the article, read for its persons).
    In order: a name standing where the evidence has another by the words
    around it (``_displaced_name``), a name given twice (``repeated_name``),
    a name before or after a predicate where the evidence has another or a
    word that cannot stand for it (``misplaced``), a description the article
    gives to another person than the evidence has (``misdescribed``), a
    common noun where the evidence has another doer (``displaced_noun``).
    """
    article = weights.texts
    for facts in readings:
        displaced = _displaced_name(statement, facts)
        if displaced is not None and displacement_holds(*displaced, statement, people, article):
            return f"{displaced[0]}: the evidence says this of {displaced[1]}"
    twice = repeated_name(statement, parts)
    # A name the article never gives is missing from it, not in someone else's place.
    if twice is not None and any(twice in sentence for sentence in article):
        return f"{twice} twice: the evidence has someone else in one place"
    for facts in readings:
        wrong = misplaced(statement, facts, people, article)
        if wrong is not None:
            return f"{wrong[0]}: the evidence has {wrong[1]} there"
    # A description is read against every evidence sentence: the one that gives
    # its predicate to a name may hold few of the statement's other words.
    described = misdescribed(statement, parts, people, article)
    if described is not None:
        said, meant, there = described
        return f"{said}: the article says this of {meant}, the evidence has {there} there"
    noun = displaced_noun(statement, parts)
    if noun is not None:
        return f'"{noun[0]}": the evidence has "{noun[1]}" there'
    return None


def displaced_noun(statement: FactSet, parts: Sequence[str]) -> tuple[str, str] | None:
    """A common noun standing where the evidence has another doer, the noun and that doer.

    "the train found the homeless man" where the passage says "the lawmen found
    a homeless man" and "the train pulled into the station": what the
    statement says of the train, the passage says of the lawmen, and it has
    the train do something else. The statement must copy the clause (the
    predicate and the word after it) and the noun must head its phrase ("the
    train", "one of the men"); a noun the passage gives no deed of its own may
    be a paraphrase ("the scientists" for "boffins").
    """
    said = _View.of(statement)
    tokens, names = said.tokens, said.spans
    own = {stem(t) for t in tokens}
    views = _Views(parts)
    for i, noun in enumerate(tokens):
        if i == 0 or tokens[i - 1] not in _DETERMINERS or not _common(noun):
            continue
        if _name_at(names, i) is not None:
            continue
        slot = predicate_after(tokens, i + 1, names)
        if slot is None or tokens[slot.index] in _REPORTED:
            continue
        then = _next_content(tokens, slot.index)
        if then is None:
            continue
        key, then_key = stem(tokens[slot.index]), stem(then)
        for there in views.holding(tokens[slot.index]):
            doer = _copied_doer(there, noun, key, then_key, slot.passive)
            if doer is None or stem(doer) in own or not _common(doer) or doer in PERSON_NOUNS:
                continue  # "the man" may be the statement's "holidaymaker"
            if _does_else(noun, key, views.holding(noun)):
                return noun, doer
    return None


class _Views:
    """The evidence sentences read for roles, each only when first needed."""

    def __init__(self, parts: Sequence[str]) -> None:
        self.parts = parts
        self._read: dict[int, _View] = {}

    def holding(self, word: str) -> list[_View]:
        """The sentences that may hold ``word`` in some inflection (its stem's start)."""
        start = stem(word)[:4]
        found = []
        for i, part in enumerate(self.parts):
            if start not in part.lower():
                continue
            if i not in self._read:
                self._read[i] = _View.of(FactSet(part))
            found.append(self._read[i])
        return found


def _common(word: str) -> bool:
    """A word that may head a noun phrase: no function word, figure or pronoun."""
    return (
        len(word) > 2
        and not word.isdigit()
        and word not in STOPWORDS
        and word not in PERSON_PRONOUNS
        and word not in THING_PRONOUNS
        and word not in _ENDS
    )


def _next_content(tokens: list[str], i: int, reach: int = 3) -> str | None:
    """The first content word after ``tokens[i]``, within ``reach`` words of one clause."""
    for token in tokens[i + 1 : i + 1 + reach]:
        if token in _ENDS or token in (",", "(", ")"):
            return None
        if token not in STOPWORDS and token not in PREPOSITIONS:
            return token
    return None


def _copied_doer(there: _View, noun: str, key: str, then_key: str, passive: bool) -> str | None:
    """The common word ``there`` has before the predicate ``key`` followed by
    ``then_key``; None where ``noun`` is in the same clause before it ("the
    popstar - who claimed it would hit grannies - had made her money")."""
    for j, token in enumerate(there.tokens):
        if stem(token) != key:
            continue
        then = _next_content(there.tokens, j)
        if then is None or stem(then) != then_key:
            continue
        start = j
        while start > 0 and there.tokens[start - 1] not in _ENDS | {","}:
            start -= 1
        if stem(noun) in {stem(t) for t in there.tokens[start:j]}:
            continue
        doer = doer_before(there.tokens, j, there.spans)
        if doer is None or doer.passive != passive or _name_at(there.spans, doer.index):
            continue
        if not _joined(there.tokens[doer.index + 1 : j]):
            return there.tokens[doer.index]
    return None


def _joined(between: list[str]) -> bool:
    """True when an "and" after the last comma of ``between`` (the words from a
    doer to a predicate) joins the predicate to another clause: "the ruling
    gives them 90 days, plus interest, and orders an audit" ("interest" does
    not order), "Rangers and is hopeful"."""
    return "and" in between[_last(between, ",") + 1 :]


def _does_else(noun: str, key: str, views: Sequence[_View]) -> bool:
    """True when the evidence has ``noun`` do something other than ``key``."""
    for there in views:
        for i, token in enumerate(there.tokens):
            if stem(token) != stem(noun):
                continue
            slot = predicate_after(there.tokens, i + 1, there.spans)
            if slot is not None and stem(there.tokens[slot.index]) != key:
                return True
    return False


# A capitalised name as the article writes it: "Michael Vaughan", "O'Neill".
_WRITTEN_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"


def misdescribed(
    statement: FactSet, parts: Sequence[str], people: People, article: Sequence[str]
) -> tuple[str, str, str] | None:
    """A description of a person that the article gives to someone else than the
    one the evidence has in its place: "the former England captain has not been
    approached" where the passage says "Stewart ... has not been approached" and
    the article "Michael Vaughan, the former England captain". The description,
    the person the article gives it to, the person the evidence has.

    The description is a person's noun and the words before it ("former England
    captain", "23-year-old defender"); the article gives it to a person in
    apposition ("Vaughan, the former England captain") or as a title
    ("former England captain Michael Vaughan"), an age also as "Vaughan, 40,".
    Every evidence sentence (``parts``) is read: the one that gives the
    predicate to a name may hold few of the statement's other words.
    """
    said = _View.of(statement)
    tokens = said.tokens
    views = _Views(parts)
    for i, token in enumerate(tokens):
        if token not in PERSON_NOUNS or _name_at(said.spans, i) is not None:
            continue
        slot = predicate_after(tokens, i + 1, said.spans)
        if slot is None:
            continue
        predicate = tokens[slot.index]
        doers = [
            n
            for there in views.holding(predicate)
            for n in _name_doers(there, predicate, slot.passive)
            if people.kind(n) == "person"
        ]
        if not doers:
            continue
        words = _description(tokens, i)
        given = [n for n in _described(words, article) if people.kind(n) == "person"]
        if given and not any(_same_name(n, d, people) for n in given for d in doers):
            return " ".join(words), given[0], doers[0]
    return None


def _name_doers(there: _View, predicate: str, passive: bool) -> list[str]:
    """The names the evidence puts before ``predicate`` (in the same voice)."""
    key = stem(predicate)
    found = []
    for j, token in enumerate(there.tokens):
        if token != predicate and stem(token) != key:
            continue
        doer = doer_before(there.tokens, j, there.spans)
        holder = None if doer is None else _name_at(there.spans, doer.index)
        if doer is None or doer.passive != passive or holder is None:
            continue
        if not _joined(there.tokens[doer.index + 1 : j]):
            found.append(holder[2])
    return found


def _last(tokens: list[str], token: str) -> int:
    """The index of the last ``token`` in ``tokens``, or -1."""
    return max((i for i, t in enumerate(tokens) if t == token), default=-1)


def _described(words: list[str], article: Sequence[str]) -> list[str]:
    """The names ``article`` gives the description ``words`` to, in its order."""
    phrase = "(?i:" + r"[\s-]+".join(re.escape(w) for w in words) + ")"
    patterns = [
        rf"({_WRITTEN_NAME})\s*,\s+(?:(?:the|a|an)\s+)?{phrase}\b",
        rf"\b{phrase}\s+({_WRITTEN_NAME})",
    ]
    if len(words) >= 3 and words[0].isdigit() and words[1:3] == ["year", "old"]:
        patterns.append(rf"({_WRITTEN_NAME}),\s*{words[0]}\s*,")
    found: list[str] = []
    for text in article:
        for pattern in patterns:
            for match in re.finditer(pattern, text):
                name = match.group(1).strip(" .")
                if name not in found:
                    found.append(name)
    return found


def swapped_name(
    name: str, statement: FactSet, evidence: FactSet, people: People, article: Sequence[str]
) -> str | None:
    """The evidence name in the place where the statement has ``name`` (missing from
    the evidence), if another: "McCoy had seven seasons" against "Wright, who had
    seven seasons" (``displacement_holds`` decides whether it is another)."""
    other = _swapped_name(name, statement, evidence)
    if other is None or not displacement_holds(name, other, statement, people, article):
        return None
    return other


def _neighbours(text: str, phrase: str) -> set[str]:
    """The first content word before and after ``phrase`` in ``text``, within a few words.

    Stemmed and marked with the side: "Wright, who had seven seasons" gives
    {">seven"} for "Wright".
    """
    tokens = _NEIGHBOUR_TOKEN.findall(text.lower())
    inner = _NAME_TOKEN.findall(phrase.lower())
    if not inner:
        return set()
    found: set[str] = set()
    for i in range(len(tokens) - len(inner) + 1):
        if tokens[i : i + len(inner)] != inner:
            continue
        before = _content(reversed(tokens[max(0, i - _NEIGHBOUR_REACH) : i]))
        after = _content(tokens[i + len(inner) : i + len(inner) + _NEIGHBOUR_REACH])
        if before:
            found.add("<" + stem(before))
        if after:
            found.add(">" + stem(after))
    return found


def _content(tokens: Iterable[str]) -> str | None:
    """The first content word, not past the end of a sentence nor past "he" or
    "she", who does what follows ("Jim Mann since he replaced Johnston"), unless
    a reporting verb came first ("Travolta said he believed")."""
    reported = False
    for token in tokens:
        reported = reported or token in _REPORTED
        if token in _ENDS or (token in SUBJECT_PRONOUNS and not reported):
            return None
        if token not in STOPWORDS:
            return token
    return None


def _displaced_name(statement: FactSet, evidence: FactSet) -> tuple[str, str] | None:
    """A name of the statement standing where the evidence has another name.

    "AP McCoy had seven seasons at Arsenal" against "Wright, who had seven
    seasons at Arsenal, will hand over McCoy's trophy": McCoy is in the
    evidence, but what the statement says of him the evidence says of Wright.
    """
    others = [n for n in evidence.names if not statement.has_name(n)]
    if not others:
        return None
    for name in statement.names:
        if not evidence.has_name(name):
            continue
        around = _neighbours(statement.text, name)
        if not around or around & _neighbours(evidence.text, name):
            continue
        for other in others:
            if around & _neighbours(evidence.text, other) and not any(
                around & _neighbours(text, name) for text in _left_out(evidence.text, other)
            ):
                return name, other
    return None


# The prepositions and determiner that go with a name ("by the", "on").
_LEADING = r"(?:\b(?:{})\s+)*".format("|".join(sorted(PREPOSITIONS | _DETERMINERS)))
# An aside between commas or brackets, within one clause.
_ASIDE = r"[,(][^,()\n.!?;:]*?{name}[^,()\n.!?;:]*?[,)]"


def _left_out(text: str, other: str) -> tuple[str, str]:
    """``text`` without ``other``, and without the aside that holds it.

    A statement that leaves a name out of its passage ("his studio in Chevy
    Chase" for "his studio on Wisconsin Avenue in Chevy Chase"; "Frankie took"
    for "Frankie, an academy player with Redbridge Football Club, took") puts
    the words around the name next to another name without moving anyone.
    """
    name = re.escape(other)
    without = re.sub(rf"{_LEADING}\b{name}\b", " ", text, flags=re.I)
    return without, re.sub(_ASIDE.format(name=name), " ", text, flags=re.I)


def _swapped_name(name: str, statement: FactSet, evidence: FactSet) -> str | None:
    """The evidence name in the place where the statement has ``name``, if another."""
    around = _neighbours(statement.text, name)
    if not around:
        return None
    for other in evidence.names:
        if statement.has_name(other):
            continue
        if around & _neighbours(evidence.text, other):
            return other
    return None


def _named_next(tokens: list[str], spans: Spans, at: int, name: str) -> bool:
    """True when ``name`` opens the clause after the one of ``tokens[at]``."""
    for i in range(at + 1, len(tokens)):
        if tokens[i] in _ENDS:
            return False
        if tokens[i] == ",":
            k = i + 1
            while k < len(tokens) and (tokens[k] in _DETERMINERS or tokens[k] in TITLES):
                k += 1
            held = _name_at(spans, k)
            return held is not None and bool(_words(held[2]) & _words(name))
    return False
