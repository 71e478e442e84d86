"""Whether a statement and its evidence say the same thing or its opposite.

Two ways a sentence turns into its opposite while keeping its words:

- negation: "did not approve", "no one was hurt", "never", "without". A
  negator governs the next few words of its sentence; a word of the
  statement that the evidence negates (or the other way round) is a flip.
  Two negators in a row cancel ("not without"), and "No 2" is a number.
- opposite words: "approved"/"rejected", "rose"/"fell", "won"/"lost",
  "admitted"/"denied" (``OPPOSITES``). A statement word and an evidence word
  of one pair, with the same negation, are a flip; "did not win" against
  "lost" is not.

Evidence of several sentences (``flips_across``) flips a word only when no
sentence says it the statement's way. Words are compared lower-cased and
stemmed (``stem``), so "approve" and "approved" are one word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from factcheck.facts.vocabulary import word_set

# Words that negate what follows them.
NEGATORS = word_set(
    """
    not no never none nobody nothing neither nor without cannot n't nowhere
    """
)
NEGATION_REACH = 4  # a negator governs this many words after it
# Pairs of opposite meaning: (one side, the other side), every inflection listed.
OPPOSITES: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (
        word_set("approve approved approves approving approval"),
        word_set("reject rejected rejects rejecting rejection veto vetoed"),
    ),
    (
        word_set(
            "rise rose risen rises rising increase increased increases increasing "
            "grew grow grows growing climb climbed climbs soar soared jump jumped "
            "surge surged rally rallied"
        ),
        word_set(
            "fall fell fallen falls falling decrease decreased decreases decreasing "
            "decline declined declines declining drop dropped drops dropping "
            "shrank shrink shrinks plunge plunged slump slumped slip slipped slips "
            "sank sink tumble tumbled dip dipped plummet plummeted"
        ),
    ),
    (
        word_set("win won wins winning winner victory victorious"),
        word_set("lose lost loses losing loser defeat defeated"),
    ),
    (
        word_set("admit admitted admits admitting confirm confirmed confirms"),
        word_set("deny denied denies denying denial"),
    ),
    (
        word_set("allow allowed allows permit permitted permits legalise legalised"),
        word_set("ban banned bans forbid forbade forbidden prohibit prohibited prohibits"),
    ),
    (
        word_set("guilty convicted convict"),
        word_set("innocent acquitted acquit cleared"),
    ),
    (
        word_set("alive survived survive survives survivor survivors"),
        word_set("dead died die dies killed"),
    ),
    (
        word_set("support supported supports supporting backed backs"),
        word_set("oppose opposed opposes opposing"),
    ),
    (
        word_set("accept accepted accepts accepting"),
        word_set("refuse refused refuses refusing"),
    ),
    (
        word_set("succeed succeeded succeeds success successful"),
        word_set("fail failed fails failure unsuccessful"),
    ),
    (
        word_set("higher larger bigger"),
        word_set("lower smaller"),
    ),
    (word_set("legal lawful"), word_set("illegal unlawful")),
    (word_set("best"), word_set("worst")),
    (word_set("opened reopened"), word_set("closed shut")),
    (word_set("unanimous unanimously"), word_set("divided split narrowly")),
)
_SIDE: dict[str, tuple[int, int]] = {}
for _pair, (_plus, _minus) in enumerate(OPPOSITES):
    for _word in _plus:
        _SIDE.setdefault(_word, (_pair, 1))
    for _word in _minus:
        _SIDE.setdefault(_word, (_pair, -1))

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|n't|[.!?;]|\d+(?:[.,]\d+)*")
# A negator's reach ends with its sentence: "you shouldn't say no.' The early
# favourite is ..." does not negate "early".
_END = frozenset(".!?;")
_CLITIC = re.compile(r"n['’]t\b")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude stem, enough to tell inflections apart from other words."""
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    if word.endswith("e") and len(word) > 4:
        return word[:-1]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lower-case words of ``text``, "n't" split off ("didn't" -> "did", "n't")."""
    return [t for t in _tokens(text) if t not in _END and not t[0].isdigit()]


def _tokens(text: str) -> list[str]:
    """``words`` with the sentence ends kept as tokens of their own."""
    lowered = _CLITIC.sub(" n't", text.lower().replace("’", "'"))
    return ["n't" if w == "n't" else w.removesuffix("'s") for w in _WORD.findall(lowered)]


@dataclass(frozen=True)
class Flip:
    """A statement word whose sense the evidence reverses."""

    said: str  # as the statement says it ("not approve", "rejected")
    evidence: str  # as the evidence says it

    def message(self) -> str:
        return f"the claim says {self.said!r}, the evidence says {self.evidence!r}"


def _spelled(negator: str) -> str:
    return "not" if negator == "n't" else negator


@dataclass(frozen=True)
class _Reading:
    """Each stemmed word of a text, with whether a negator governs it."""

    negated: dict[str, list[bool]]
    opposites: dict[int, list[tuple[int, str]]]  # pair -> (sign after negation, as written)
    first: dict[str, str]  # stem -> the word as written


def _read(text: str) -> _Reading:
    tokens = _tokens(text)
    negated: dict[str, list[bool]] = {}
    opposites: dict[int, list[tuple[int, str]]] = {}
    first: dict[str, str] = {}
    negator = ""  # the negator waiting for the word it governs
    reach = -1
    for i, token in enumerate(tokens):
        if token in _END:
            negator, reach = "", -1
            continue
        if token[0].isdigit():
            # "No 2", "No 10": "no" before a figure abbreviates "number".
            if negator == "no" and tokens[i - 1] == "no":
                negator, reach = "", -1
            continue
        if token in NEGATORS:
            # "no more than 40", "not only": a bound or an addition, not a denial.
            after = tokens[i + 1 : i + 3]
            if after[:1] == ["only"] or (len(after) == 2 and after[1] == "than"):
                continue
            if negator and i <= reach:
                # "not no evidence", "not without": two negations cancel.
                negator, reach = "", -1
                continue
            negator, reach = token, i + NEGATION_REACH
            continue
        # A negator governs the first word after it that says something.
        under = bool(negator) and i <= reach and token not in _NEUTRAL
        if under or i > reach:
            negator_now, negator = (negator if under else ""), ("" if under else negator)
        else:
            negator_now = ""
        key = stem(token)
        negated.setdefault(key, []).append(bool(negator_now))
        written = f"{_spelled(negator_now)} {token}" if negator_now else token
        first.setdefault(key, written)
        side = _SIDE.get(token)
        if side is not None:
            pair, sign = side
            opposites.setdefault(pair, []).append((-sign if negator_now else sign, written))
    return _Reading(negated, opposites, first)


def flips(statement: str, evidence: str, *, shared: set[str] | None = None) -> list[Flip]:
    """Where ``evidence`` says the opposite of ``statement`` (see the module notes).

    ``shared`` limits the negation test to those stems (the words the two
    texts are matched on); by default every word of the statement is tested.
    """
    said = _read(statement)
    seen = _read(evidence)
    found: list[Flip] = []
    for pair, claimed in said.opposites.items():
        stated = seen.opposites.get(pair)
        if not stated:
            continue
        for sign, written in claimed:
            if all(other != sign for other, _ in stated):
                found.append(Flip(written, stated[0][1]))
    flipped_pairs = {f.said for f in found}
    for key, marks in said.negated.items():
        if shared is not None and key not in shared:
            continue
        if key in _NEUTRAL:
            continue
        if _SIDE.get(said.first[key].split()[-1]) is not None and said.first[key] in flipped_pairs:
            continue
        other = seen.negated.get(key)
        if not other:
            continue
        claim_negated = any(marks)
        if (claim_negated and not any(other)) or (not claim_negated and all(other)):
            found.append(Flip(said.first[key], seen.first[key]))
    return found


def flips_across(statement: str, parts: Sequence[str]) -> list[Flip]:
    """The flips of ``statement`` against each of ``parts``, but none another part denies.

    A flip stands when no part speaks of the flipped word the statement's
    way: "a warning about wasting time" against "a warning about wasting
    time" in one sentence and "should not waste police time" in the next is
    said by the first.
    """
    readings = [_read(p) for p in parts]
    each = [flips(statement, p) for p in parts]
    found: list[Flip] = []
    seen: set[Flip] = set()
    for i, part_flips in enumerate(each):
        for flip in part_flips:
            if flip in seen:
                continue
            if any(_agrees(readings[j], each[j], flip) for j in range(len(parts)) if j != i):
                continue
            seen.add(flip)
            found.append(flip)
    return found


def _agrees(reading: _Reading, part_flips: list[Flip], flip: Flip) -> bool:
    """True when a part (``reading``, with the statement's flips against it,
    ``part_flips``) speaks of the word of ``flip`` and says it the statement's way."""
    word = flip.said.split()[-1]
    side = _SIDE.get(word)
    if side is not None:
        if side[0] not in reading.opposites:
            return False
    elif stem(word) not in reading.negated:
        return False
    return all(other.said != flip.said for other in part_flips)


# Words a negator passes over on its way to what it negates ("did not", "was not").
_NEUTRAL = word_set(
    """
    a an the be is are was were been being do does did has have had will would shall
    should can could may might must to of one any more than longer only just yet
    in on at for with by from into about as so that been ever even also
    """
)


def polarity_words(statement: str) -> list[str]:
    """The statement's negators and opposite-pair words, as written, for reporting."""
    return [t for t in words(statement) if t in NEGATORS or t in _SIDE]


def turning_words(statement: str, passage: str) -> list[str]:
    """Words of ``statement`` that may turn ``passage`` round, and that it does not use.

    A negator ("never backed") or a word whose opposite the passage uses
    ("fell" where it says "rose"); "died" where the passage says nothing of
    surviving is no such word.
    """
    said = set(words(passage))
    sides = {_SIDE[w] for w in said if w in _SIDE}
    found = []
    for word in polarity_words(statement):
        if word in said:
            continue
        side = _SIDE.get(word)
        if side is None or (side[0], -side[1]) in sides:
            found.append(word)
    return found


def has_opposite(word: str) -> bool:
    """True when ``word`` belongs to one of ``OPPOSITES``."""
    return word in _SIDE
