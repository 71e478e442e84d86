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
in another sentence. Who is a person is read from the whole article
(``People``): a name the offline engine reads as a person's, in a sentence
that shows one. ``wrong_role`` also finds a name the statement gives twice
where no evidence sentence does (``repeated_name``) and a name standing where
the evidence has another by the words around it (``_displaced_name``).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True)
class People:
    """The persons an article names: their full names, folded, as word tuples."""

    names: frozenset[tuple[str, ...]]

    @classmethod
    def of(cls, sentences: Sequence[str]) -> People:
        """The persons named in ``sentences``: names the offline engine reads as a
        person's, in a sentence that shows a person (``_shows_person``)."""
        registry = PersonRegistry()
        found: set[tuple[str, ...]] = set()
        for i, text in enumerate(sentences):
            following = sentences[i + 1] if i + 1 < len(sentences) else ""
            for m in find_mentions(text, 0, len(text), registry):
                if m.kind != "person" or not _shows_person(text, m.start, m.end, following):
                    continue
                # "Hanna Vetter of the University of Lindqvist" is Hanna Vetter.
                words = tuple(fold(w) for w in m.name.split(" of ")[0].split())
                if words and not _thing_words(words):
                    found.add(words)
            for aged in _AGED.finditer(text):  # "Okafor, 44,": one the engine may not know
                found.add(tuple(fold(w) for w in aged.group(1).split()))
        return cls(frozenset(found))

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
    found = []
    for name in names:
        inner = _tokens(name)
        if not inner:
            continue
        i = _find(tokens, inner)
        while i >= 0:
            found.append((i, i + len(inner), name))
            i = _find(tokens, inner, i + 1)
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
        found = _wrong_place(name, said, there, people)
        if found is None:
            found = _wrong_object(name, said, there, people)
        if found is None:
            found = _wrong_head(name, said, there, people)
        if found is not None and not _said_anywhere(name, found[1], article):
            return name, found[0]
    return None


def _wrong_place(
    name: str, said: _View, there: _View, people: People | None
) -> tuple[str, str] | None:
    """What the evidence has where ``statement`` has ``name``, and the predicate word."""
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
    verdicts: list[bool | None] = []
    other = ""
    for j, token in enumerate(e_tokens):
        if token != predicate and stem(token) != key:
            continue
        filler = doer_before(e_tokens, j, e_spans)
        if filler is None or filler.passive != slot.passive:
            verdicts.append(None)
            continue
        fits = _filler_fits(name, filler.index, statement, there, beside=before, people=people)
        if (
            fits is False
            and predicate in _REPORTED
            and _name_at(e_spans, filler.index) is not None
            and (people is None or people.kind(name) != "person")
        ):
            fits = None  # "BHA said" where its spokesman Tony Welsh said it
        verdicts.append(fits)
        if fits is False and not other:
            holder = _name_at(e_spans, filler.index)
            other = holder[2] if holder is not None else f'"{e_tokens[filler.index]}"'
    if verdicts and all(v is False for v in verdicts):
        return other, predicate
    return None


_DETERMINERS = frozenset("the a an this that these those".split())


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


def _said_anywhere(name: str, predicate: str, article: Sequence[str]) -> bool:
    """True when a sentence of ``article`` puts ``name`` in the same relation to
    ``predicate``: as its doer, or right after it."""
    inner = _tokens(name)
    lower = name.lower()
    key = stem(predicate)
    for text in article:
        if lower not in text.lower():
            continue
        tokens = _tokens(text)
        spans = [(i, i + len(inner), name) for i in _occurrences(tokens, inner)]
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
    lower = name.lower()
    for text in article:
        if lower not in text.lower():
            continue
        found = _tokens(text)
        spans = [(i, i + len(inner), name) for i in _occurrences(found, inner)]
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
    word that cannot stand for it (``misplaced``).
    """
    article = weights.texts
    for facts in readings:
        displaced = _displaced_name(statement, facts)
        if displaced is not None and displacement_holds(*displaced, statement, people, article):
            return f"{displaced[0]}: the evidence says this of {displaced[1]}"
    twice = repeated_name(statement, parts)
    if twice is not None:
        return f"{twice} twice: the evidence has someone else in one place"
    for facts in readings:
        wrong = misplaced(statement, facts, people, article)
        if wrong is not None:
            return f"{wrong[0]}: the evidence has {wrong[1]} there"
    return None


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
    """The first content word, not past the end of a sentence."""
    for token in tokens:
        if token in _ENDS:
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
            if around & _neighbours(evidence.text, other):
                return name, other
    return None


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
