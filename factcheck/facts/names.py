"""Proper names in running text, and whether a name is present in other text.

A name is a run of capitalised words on one line ("Xi Jinping", "Nabila
Massrali", "Zoë Kovačević"), an acronym ("NATO", "U.S.") or a mixed token
("COVID-19", "G7", "iPhone"), with lower-case particles inside ("Sea of
Japan", "de Gaulle"). Titles before a name are dropped ("Chinese Foreign
Minister Wang Yi" gives "Wang Yi"), as are possessives ("Putin’s" gives
"Putin"), weekday and month names (they are dates) and capitalised function
words and their contractions ("The", "However", "I'm").

Words are read whole: "3D" holds no name "D", "iPhone" no "Phone". Links,
e-mail addresses, handles and hashtags ("@BBCNews", "#MeToo") are addresses
and tags, not names as prose writes them, and none of their words is read.
A word that opens with a digit and has a capital ("3M", "3D", "4K", "5G")
is a name only where it is written as one: in the possessive ("3M's
shares"), with a capitalised word joined by a hyphen ("7-Eleven") or right
after it ("3M Company"), in the text or, given its casing, anywhere in the
article. "3D printing", "a 4K TV" and "5G" are not; a bare "3M" is a name
only in an article that writes it so (it also reads as "3 million").

A capitalised word that opens a sentence (a line, a list item after "- " or
"2)", a quotation, or the body after its dateline "OSLO — ") counts only
when it is not a common word: the built-in list decides, and so does the
text itself when the same word appears in lower case elsewhere in it
("Major" in "Major events ... a major shift"). A word whose capitals no
sentence start explains ("NATO", "U2", "McLaren") is a name wherever it
stands. Given the article's casing (``ArticleCasing``), a lone word that
opens a sentence is a name only when the article writes it capitalised
inside a sentence, or never in lower case ("Riders" is not a name in an
article that speaks of "riders"; an unknown "Brown" still is). A word in
brackets alone ("(Spain)") does not open a sentence.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.facts.addresses import ADDRESS
from factcheck.facts.datelines import DATELINE
from factcheck.facts.demonyms import NATIONS
from factcheck.facts.months import CALENDAR_WORDS
from factcheck.facts.numbers import NUMBER_WORDS
from factcheck.facts.titles import TITLES
from factcheck.facts.vocabulary import COMMON_WORDS, NAME_PARTICLES, word_set
from factcheck.offline.lexicon import UPPER
from factcheck.spans import Span

# Where a word of a name may start: not inside another word ("3D" holds no "D",
# "iPhone" no "Phone") nor after the sign of a handle or a tag ("@Work").
WORD_START = r"(?<![\w@#])"
# Words: dotted acronyms ("U.S."), words with inner hyphens and apostrophes, and
# words that open with a digit ("3D", "3M", "1990s", "7-Eleven"), read whole.
# A number alone is no word here. Each branch opens with its first character
# and only then looks behind it (WORD_START, one character further back): a
# pattern that opens with a character class lets the engine skip to the next
# letter or digit, where one that opens with a lookbehind tries it at every
# position, and took twice as long over a body.
_AFTER_WORD_START = r"(?<![\w@#].)"
_TOKEN = re.compile(
    rf"[^\W\d_]{_AFTER_WORD_START}(?:\.(?:[^\W\d_]\.)+|[\w]*(?:[-’'][\w]+)*)"
    rf"|\d{_AFTER_WORD_START}\d*[-’']?[^\W\d_][\w]*(?:[-’'][\w]+)*"
)
# The words of links, e-mail addresses, handles and tags are read by no one
# (module notes); only a text with one of these signs is searched for them.
_ADDRESS = re.compile(ADDRESS)
_ADDRESS_SIGNS = ("@", "#", "://", "www.")
_PARTICLES = NAME_PARTICLES | {"of"}
_GAP = re.compile(r"[ \u00a0]+")
_OPENING = "\n\r\"'“‘«„([{•*#>|"
_CLOSING = "”’»)]}"
_SENTENCE_ENDS = ".!?:;…"
_BRACKETS = "([{"
# Up to four capitalised words and the closing bracket: "(Spain)", "(Toro Rosso)".
_BRACKETED_NAME = re.compile(rf"(?:[{UPPER}][\w’'.-]*[ \u00a0]){{0,3}}[{UPPER}][\w’'.-]*[)\]}}]")
# A list item's mark at the start of a line: a dash or a bullet, or "2)", "b)", "(iv)".
_LIST_MARK = re.compile(r"(?:^|\n)[ \t\u00a0]*(?:[-–—·▪]|\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})\))\Z")
_LIST_MARK_ENDS = "-–—·▪)"
_LONGEST_DATELINE = 80
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$", re.I)
_POSSESSIVE_ENDS = "sSſ'’"  # the last character of every possessive ending (re.I: ſ is s)
_PART_SEPARATOR = re.compile(r"[-’']")
_CONTRACTION = re.compile(r"(?:['’](?:m|re|ve|ll|d)|n['’]t)$")
_NEXT_WORD = re.compile(r"[ \u00a0]+([^\W\d_][\w’'-]*)")
# Letters that Unicode decomposition leaves whole but a reader would call "the same".
_FOLD = str.maketrans(
    {
        "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
        "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "þ": "th", "ħ": "h", "Ħ": "H",
    }
)  # fmt: skip
# The combining marks of Latin, Greek and Cyrillic letters; others are found one by one.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_FOLD_CHARS = re.compile("[øØłŁđĐßæÆœŒıðþħĦ]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NON_ASCII_RUN = re.compile(r"([^\x00-\x7f]+)")
# Names that mean the same thing and are written both ways in the news.
_NAMES_OF_ONE = (
    frozenset({"us", "usa", "united states", "america", "united states of america"}),
    frozenset({"uk", "britain", "united kingdom", "great britain"}),
    frozenset({"eu", "european union"}),
    frozenset({"un", "united nations"}),
    frozenset({"uae", "united arab emirates"}),
)


def _with_nations(groups: tuple[frozenset[str], ...]) -> tuple[frozenset[str], ...]:
    """``groups``, each place joined by the words for its people ("scotland", "scottish")."""
    words: dict[str, set[str]] = {}
    for word, place in NATIONS.items():
        words.setdefault(place, {place}).update({word, _plural(word)})
    merged = [set(g) | {w for place in g for w in words.pop(place, ())} for g in groups]
    return tuple(frozenset(g) for g in [*merged, *words.values()])


def _plural(word: str) -> str:
    """The plural of a noun ("scots", "irishmen"); an adjective ("scottish", "swiss") has none."""
    if word.endswith("man"):
        return word[:-3] + "men"
    return word if word.endswith(("sh", "ch", "ss", "ese")) else word + "s"


_ALIASES = _with_nations(_NAMES_OF_ONE)


def fold_letters(text: str) -> str:
    """Case- and diacritic-insensitive form, punctuation kept: "Kovačević" -> "kovacevic"."""
    if text.isascii():
        return text.casefold()
    # Each step reads one character at a time (decomposition reorders only marks, which
    # never sit next to an ASCII character), so a long text with a few quotation marks and
    # dashes is lower-cased as it is and only its runs of other characters are decomposed.
    parts = _NON_ASCII_RUN.split(text)
    parts[0::2] = [part.lower() for part in parts[0::2]]
    parts[1::2] = [_fold_run(part) for part in parts[1::2]]
    stripped = "".join(parts)
    if any(unicodedata.combining(c) for c in set(_NON_ASCII.findall(stripped))):
        stripped = "".join(c for c in stripped if not unicodedata.combining(c))
    return stripped


def _fold_run(run: str) -> str:
    """``run``, of characters none of them ASCII, folded but for loose combining marks."""
    if _FOLD_CHARS.search(run):
        run = run.translate(_FOLD)
    return _MARKS.sub("", unicodedata.normalize("NFKD", run.casefold()))


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form: "Kovačević" -> "kovacevic", "U.S." -> "us"."""
    return fold_letters(text).replace(".", "")


def strip_possessive(token: str) -> str:
    """``token`` without a possessive ending: "Putin’s" -> "Putin", "NATO'S" -> "NATO"."""
    return _POSSESSIVE.sub("", token) or token


def _is_capitalised(token: str) -> bool:
    """ "Putin", "NATO", "iPhone" (a capital in second place), not "putin"."""
    return token[0].isupper() or (token[0].isalpha() and token[1:2].isupper())


def _words(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` (``_TOKEN``), but for those of its links, addresses,
    handles and tags."""
    if not any(sign in text for sign in _ADDRESS_SIGNS):
        return _TOKEN.finditer(text)
    return _outside(_TOKEN.finditer(text), [m.span() for m in _ADDRESS.finditer(text)])


def _outside(words: Iterator[re.Match[str]], spans: list[Span]) -> Iterator[re.Match[str]]:
    """The ``words`` that start outside every one of ``spans`` (in order, not overlapping)."""
    i = 0
    for m in words:
        start = m.start()
        while i < len(spans) and spans[i][1] <= start:
            i += 1
        if i == len(spans) or start < spans[i][0]:
            yield m


def _opens_sentence(text: str, start: int) -> bool:
    """True when the word at ``start`` is the first of a sentence, a line, a list item
    or a quotation."""
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    if i < 0:
        return True
    if text[i] in _OPENING:
        # "(Spain)", "[Allardyce]": a bracket around a name alone opens nothing.
        return text[i] not in _BRACKETS or _BRACKETED_NAME.match(text, start) is None
    if text[i] in _LIST_MARK_ENDS and (
        _LIST_MARK.search(text, max(0, i - 8), i + 1) or _after_dateline(text, i, start)
    ):
        return True  # "- Riders under 18 ...", "2) Riders ...", "OSLO — Riders ..."
    while i >= 0 and text[i] in _CLOSING:  # "... it said.” Next"
        i -= 1
    return i < 0 or text[i] in _SENTENCE_ENDS


def _after_dateline(text: str, dash: int, start: int) -> bool:
    """True when a dateline ("EASTFIELD — ", "OSLO, March 3 (Reuters) — ") ends at ``start``."""
    line = text.rfind("\n", 0, dash) + 1
    if dash - line > _LONGEST_DATELINE:
        return False
    found = DATELINE.match(text, line)
    return found is not None and found.end() == start


Token = tuple[str, int, int]  # (word, start, end)


@dataclass(frozen=True)
class ArticleCasing:
    """How an article writes its words: the evidence for telling a name from a sentence opener."""

    capitalised: frozenset[str]  # folded words written capitalised inside a sentence
    lower: frozenset[str]  # folded words written in lower case
    figures: frozenset[str] = frozenset()  # folded words opening with a digit, written as names

    @classmethod
    def of(cls, body: str) -> ArticleCasing:
        """The casing of ``body``; the engine's own check, grounding and the summary
        check each ask for it, so the last bodies' casings are kept (a read of the
        whole body, which on a long text costs more than the rest of an index)."""
        return _casing_of(body)

    def capitalises(self, word: str) -> bool:
        """True when the article shows ``word`` is a name wherever it stands.

        It does when the word has capitals no sentence start explains ("NATO",
        "U2", "McLaren"), or when the article writes it capitalised inside a
        sentence ("... said Okafor"); never for a common word ("I'm", "The").
        """
        if not capitalised_by_position(word):
            return True
        key = fold(strip_possessive(word))
        return key in self.capitalised and not is_common_word(key)

    def opener_is_name(self, word: str) -> bool:
        """True when ``word``, opening a sentence, may be a name by this article's usage.

        It is when the article capitalises it (``capitalises``), or never
        writes it (nor its singular or plural) in lower case: a statement's own
        name ("Brown resigned") must be found so that its absence can be
        reported, and a word the article writes only at sentence starts
        ("Wright, who ...") may be a name the check must see. A word it also
        writes in lower case ("Riders ... riders") is not; nor is a common word.
        """
        if self.capitalises(word):
            return True
        key = fold(strip_possessive(word))
        return not (
            is_common_word(key)
            or key in self.lower
            or (len(key) >= 4 and key.endswith("s") and key[:-1] in self.lower)
            or key + "s" in self.lower
        )

    def writes_figure_as_name(self, word: str) -> bool:
        """True when the article writes ``word`` ("3M"), which opens with a digit, as a name."""
        return fold(strip_possessive(word)) in self.figures


@functools.lru_cache(maxsize=2)
def _casing_of(body: str) -> ArticleCasing:
    # Words are gathered as written and folded once each: a body repeats its words, and
    # a word already known to be written as a name needs no second look at its place.
    capitalised: set[str] = set()
    lower: set[str] = set()
    figures: set[str] = set()
    for m in _words(body):
        word = m[0]
        first = word[0]
        if first.islower():
            lower.add(word)
        elif first.isdigit():
            if word not in figures and _figure_is_name(body, m.start(), m.end()):
                figures.add(word)
        elif (
            word not in capitalised
            and _is_capitalised(word)
            and not _opens_sentence(body, m.start())
        ):
            capitalised.add(word)
    return ArticleCasing(_keys(capitalised), _keys(lower), _keys(figures))


def _keys(words: set[str]) -> frozenset[str]:
    """The folded forms of ``words``, possessive endings dropped."""
    return frozenset(
        fold(strip_possessive(word) if word[-1] in _POSSESSIVE_ENDS else word) for word in words
    )


def is_common_word(lower: str) -> bool:
    """True for a common word in lower case, or its contraction: "the", "i'm", "shouldn't".

    "I" is capitalised everywhere, so only the word list tells it (and "I'm",
    "I've") from a name; a name's apostrophe is no contraction ("O'Brien").
    """
    if lower in COMMON_WORDS:
        return True
    bare = _CONTRACTION.sub("", lower)
    return bare != lower and bare in COMMON_WORDS


def _figure_is_name(text: str, start: int, end: int) -> bool:
    """True when the word at ``text[start:end]``, opening with a digit, is written as a name.

    It is when it has a capital letter and is in the possessive ("3M's
    shares"), has a capitalised word joined by a hyphen ("7-Eleven"), or comes
    right before a capitalised word that is neither an acronym nor a common
    word ("3M Company", "3D Touch"); "3D printing", "a 4K TV" and "5G" are not.
    """
    word = text[start:end]
    if word.islower():
        return False
    if _POSSESSIVE.search(word):
        return True
    if any(_is_plain_capitalised(part) for part in _PART_SEPARATOR.split(word)[1:]):
        return True
    following = _NEXT_WORD.match(text, end)
    return following is not None and _is_plain_capitalised(following[1])


def _is_plain_capitalised(word: str) -> bool:
    """ "Company", "Eleven": a capital, then lower case; not an acronym, nor a common word."""
    if not (word[:1].isupper() and any(c.islower() for c in word)):
        return False
    lower = word.lower()
    return not is_common_word(lower) and lower not in CALENDAR_WORDS


def _groups(text: str) -> tuple[list[list[Token]], set[str]]:
    """Runs of capitalised tokens joined by single-line gaps and lower-case particles.

    Also returns the lower-cased words of ``text`` that open with a lower-case
    letter. One pass; only the tokens that join a run are kept.
    """
    groups: list[list[Token]] = []
    lower_words: set[str] = set()
    group: list[Token] = []
    pending: list[Token] = []  # particles waiting for a capitalised token
    prev_end = -1  # end of the last token in ``group`` or ``pending``
    for m in _words(text):  # a link, an address, a handle or a tag ends a name: no gap
        word = m[0]
        first = word[0]
        if first.islower():
            lower_words.add(word.lower())
        if (
            first.isupper()
            or (first.isalpha() and word[1:2].isupper())  # _is_capitalised
            or (first.isdigit() and not word.islower())  # "3M": see _figure_is_name
        ):
            start = m.start()
            if group and _GAP.fullmatch(text, prev_end, start) is None:
                groups.append(group)
                group, pending = [], []
            prev_end = m.end()
            group.extend(pending)
            pending = []
            group.append((word, start, prev_end))
            if word[-1] in _POSSESSIVE_ENDS and _POSSESSIVE.search(word):
                # "Putin’s talks": a possessive closes the name.
                groups.append(group)
                group = []
        elif group:
            start = m.start()
            if _GAP.fullmatch(text, prev_end, start) is not None and (
                word.lower() in _PARTICLES or _joins_for(word, group, pending)
            ):
                prev_end = m.end()
                pending.append((word, start, prev_end))
            else:
                groups.append(group)
                group, pending = [], []
    if group:
        groups.append(group)
    return groups, lower_words


# Bodies whose names go on with "for": "Department for Education", "Institute for
# Fiscal Studies". Elsewhere "for" parts two names ("left Arsenal for Chelsea").
_FOR_BODIES = word_set(
    """
    department ministry office institute institution commission committee campaign centre
    center council society association alliance foundation trust fund agency federation
    coalition school college academy hospital movement network board authority service
    """
)


def _joins_for(word: str, group: list[Token], pending: list[Token]) -> bool:
    """True for the "for" after a body's name ("Department for Education")."""
    return (
        word.lower() == "for"
        and not pending
        and strip_possessive(group[-1][0]).lower() in _FOR_BODIES
    )


def _trim_group(
    text: str,
    group: list[tuple[str, int, int]],
    lower_words: set[str],
    casing: ArticleCasing | None = None,
) -> tuple[int, int] | None:
    """The span of the name inside ``group`` after dropping titles and common words."""
    # Drop everything up to the last title that has a name after it.
    last_title = -1
    for i, (word, _, _) in enumerate(group):
        if strip_possessive(word).rstrip(".").lower() in TITLES and i + 1 < len(group):
            last_title = i
    items = group[last_title + 1 :]
    if last_title >= 0 and len(items) >= 3 and items[0][0] == "of":
        items = items[2:]  # "Secretary of State Antony Blinken": the office is not the name
    while items and items[0][0].lower() in _PARTICLES:
        items = items[1:]
    while items:
        word = strip_possessive(items[0][0])
        lower = word.lower()
        if is_common_word(lower) or lower in CALENDAR_WORDS or lower in NUMBER_WORDS:
            items = items[1:]
            continue
        if (
            _opens_sentence(text, items[0][1])
            and capitalised_by_position(word)
            and lower in lower_words
        ):
            items = items[1:]
            continue
        break
    while items and items[-1][0].lower() in _PARTICLES:
        items = items[:-1]
    # A word that opens with a digit is a name only where it is written as one.
    while items and not _named_unless_figure(text, items[0], casing):
        items = items[1:]
    while items and not _named_unless_figure(text, items[-1], casing):
        items = items[:-1]
    if all(strip_possessive(w).rstrip(".").lower() in TITLES for w, _, _ in items):
        return None
    if len(items) == 1:
        word = items[0][0]
        if word.lower() in CALENDAR_WORDS:
            return None
        if (
            casing is not None
            and capitalised_by_position(word)
            and _opens_sentence(text, items[0][1])
            and not casing.opener_is_name(word)
        ):
            return None
    start = items[0][1]
    end = items[-1][2]
    last = text[items[-1][1] : end]
    end -= len(last) - len(strip_possessive(last))
    return start, end


def _named_unless_figure(text: str, item: Token, casing: ArticleCasing | None) -> bool:
    """False for a word opening with a digit that is not written as a name (``_figure_is_name``)."""
    word, start, end = item
    if not word[0].isdigit():
        return True
    return _figure_is_name(text, start, end) or (
        casing is not None and casing.writes_figure_as_name(word)
    )


def capitalised_by_position(word: str) -> bool:
    """True when the only capital of ``word`` is its first letter and it has no digit.

    A sentence start may explain such a capital ("Riders", "Okafor"); it
    explains none of "NATO", "U2", "iPhone" or "McLaren", which are names
    wherever they stand.
    """
    return word[:1].isupper() and not any(c.isupper() or c.isdigit() for c in word[1:])


def find_names(text: str, casing: ArticleCasing | None = None) -> list[str]:
    """Capitalised names and proper-noun phrases, first occurrence order, no duplicates.

    ``casing``: how the article ``text`` comes from (or is checked against)
    writes its words, to tell names from sentence openers (module notes).
    """
    groups, lower_words = _groups(text)
    names: list[str] = []
    seen: set[str] = set()
    for group in groups:
        span = _trim_group(text, group, lower_words, casing)
        if span is None:
            continue
        name = text[span[0] : span[1]]
        key = fold(name)
        if key not in seen:
            seen.add(key)
            names.append(name)
    return names


def name_tokens(text: str) -> list[str]:
    """Folded tokens of ``text`` with possessives dropped and hyphenated parts split."""
    out: list[str] = []
    for m in _words(text):
        found = m[0]
        token = strip_possessive(found) if found[-1] in _POSSESSIVE_ENDS else found
        # "7-Eleven" and "10-year-old" stay whole: "10" alone is a figure, not a word.
        split = not found[0].isdigit() and _PART_SEPARATOR.search(token)
        parts = _PART_SEPARATOR.split(token) if split else (token,)
        for part in parts:
            # ``fold`` of an ASCII word is its lower case without full stops.
            folded = part.lower().replace(".", "") if part.isascii() else fold(part)
            if folded:
                out.append(folded)
    return out


def name_present(name: str, evidence_tokens: set[str], evidence_folded: str) -> bool:
    """True when ``name`` is in the evidence: the whole name, an alias of it, or one of its words.

    "Vladimir Putin" is present where the evidence says "Putin" and "Xi Jinping"
    where it says "Xi": self-contained claims add given names that the quoted
    sentence leaves out. Letters must be the same up to case and diacritics:
    "Kovacevic" matches "Kovačević", "Kovalevic" does not. A plural "s" is
    ignored ("Uighurs" and "Uighur").
    """
    tokens = [t for t in name_tokens(name) if t not in TITLES]
    if not tokens or _alias_in(tokens, evidence_tokens, evidence_folded):
        return True
    # Particles ("de", "da") say little on their own, unless the name is nothing else.
    words = [t for t in tokens if t not in _PARTICLES] or tokens
    return any(_token_in(t, evidence_tokens) for t in words)


def name_written(name: str, evidence_tokens: set[str], evidence_folded: str) -> bool:
    """True when ``name`` is present (``name_present``) with every word of it, or whole.

    Stricter than ``name_present``: "Dunmore Card" is present where the evidence
    says "Dunmore", but written there only if "card" is there too (titles and
    particles aside). An alias ("US" for "United States") is written.
    """
    tokens = [t for t in name_tokens(name) if t not in TITLES]
    if not tokens or _alias_in(tokens, evidence_tokens, evidence_folded):
        return True
    words = [t for t in tokens if t not in _PARTICLES] or tokens
    if all(_token_in(t, evidence_tokens) for t in words):
        return True
    return _phrase_in(" ".join(tokens), evidence_tokens, evidence_folded)


def _alias_in(tokens: list[str], evidence_tokens: set[str], evidence_folded: str) -> bool:
    """True when the name of ``tokens`` has an alias group and the evidence has one of it."""
    key = " ".join(tokens)
    return any(
        key in group and any(_phrase_in(a, evidence_tokens, evidence_folded) for a in group)
        for group in _ALIASES
    )


def _token_in(token: str, tokens: set[str]) -> bool:
    """Exact folded word, or the same word with or without a plural "s" ("Uighurs")."""
    if token in tokens:
        return True
    if len(token) >= 4 and token.endswith("s") and token[:-1] in tokens:
        return True
    return len(token) >= 3 and token + "s" in tokens


def _phrase_in(phrase: str, tokens: set[str], folded: str) -> bool:
    if " " not in phrase:
        return phrase in tokens
    return re.search(rf"\b{re.escape(phrase)}\b", folded) is not None
