"""Sentence and paragraph boundaries as character spans.

Sentences come from sentencex, a maintained rule-based segmenter (compiled,
linear time) that handles news English well: glued sentence ends
(``season.Scotland``), decimals, quotes, lower-cased tokenised text
(``tagalog . the``). Four rules on top of it, each linear:

- a line break always ends a sentence;
- sentencex never ends a sentence inside what it takes for quotation marks,
  and unpaired quotes and apostrophes are common in scraped copy, so a quote
  of three sentences (or a whole paragraph) would be one; a full stop after a
  word that is not an abbreviation, then a space and a capital, always ends
  one ("'I had a taste of it. It's a fantastic opportunity.'"), as does an
  initialism before a word that opens sentences ("the U.K. Officials");
- a break after an abbreviation or initialism ("M.D. Anderson", "U.S. Senate",
  "B.B. King") is undone unless the next word is one that opens sentences
  ("U.S. The", "U.S. Officials");
- a break before a lower-case word is undone when the full stop is attached to
  its word ("The border. of his country"), but kept in tokenised text where it
  stands alone (" . the").

A run of more than ``MAX_SENTENCE_CHARS`` characters with no sentence end
(text that lost its punctuation, or hostile input) is cut at white space into
pieces of at most that length: no sentence of prose comes near it (the longest
in 146 real scraped articles has 1,500 characters), and no consumer has to
hold ten megabytes of "sentence" as one unit.

It returns spans, never copies, so every consumer keeps exact offsets.

An article's text is split by several readers in turn (furniture detection,
grounding, the summary check, the judge), so the spans of the last few texts
are kept: the same ``(text, start, end)`` asked again is answered from the
kept spans, identical to a fresh split, in a new list each time. The split
reads nothing outside ``text[start:end]`` that could change it when the
stretch has white space (or the text's edge) on both sides, so such a
stretch's spans are also kept for the stretch as a string of its own: the
article body that ingest splits inside the whole text is then split once.
Only texts up to ``_KEPT_TEXT_CHARS`` are kept, so a huge input is never
held twice.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict

import sentencex

from factcheck.facts.abbreviations import is_abbreviation, is_initialism
from factcheck.facts.vocabulary import COMMON_WORDS
from factcheck.spans import Span, strip_span

MAX_SENTENCE_CHARS = 20_000
_WINDOW = 4_000  # characters sentencex reads at a time (see ``_library_ends``)
# Enough for the articles a batch has in progress (two or three entries each,
# read again when its replies are in), within a bound on the text held.
_KEPT_TEXTS = 256
_KEPT_CHARS = 8_000_000
_KEPT_TEXT_CHARS = 1_000_000  # longer texts are split afresh each time, never held

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\f\v\u00a0]*\n\s*")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_FIRST_WORD = re.compile(r"""["'“‘«(\[]*([A-Za-z]+)""")
# Where a sentence may end inside the library's sentence: terminal punctuation
# after a word character, closing quotes, white space, then a capital opener.
# A lower-case letter and a capital glued to it also count ("it said.Lord").
_INNER_END = re.compile(
    # The mark comes first and the look-behind after it, so the regex engine
    # can skip ahead to the next mark instead of trying every position.
    r"""[.!?](?:(?<=[\w)\]"'”’][.!?])["'”’»)\]]*(?=[^\S\n]+["'“‘«(\[]{0,2}[A-Z])"""
    r"""|(?:(?<=[a-z0-9][.!?])|(?<=[a-z]["”’)\]][.!?]))["'”’»)\]]*(?=["“‘]?[A-Z][a-z]))"""
)
_MARK = re.compile(r"[.!?]")
# Words that, capitalised, open a sentence and nothing else: mid-sentence they
# are written in lower case, and in a title the word after them is capitalised
# too ("Made In Chelsea", "told The Times"). Scraped copy loses the full stop
# between a photo caption and the story ("... in the spread As for her role,
# she said ..."); such a word after a lower-case word, before another
# lower-case word, marks the lost end. "I" and "No" stay out ("No 10
# officials"), and "A" counts except after a word it labels ("vitamin A").
LOST_STOP_OPENERS = frozenset(
    """the a an he she it they we his her its their this these those there and but as
    although though if when while after before since meanwhile however also later
    earlier last in on for with without during despite among here far two three four five
    six seven eight nine ten many most both each every yet""".split()
)
# Words after which a sentence cannot end: the capital that follows is a title
# or a name in running text ("to The Hague", "the In crowd").
CONTINUING_WORDS = frozenset(
    """and or but nor the a an of to with for from by in on at as than that which who
    whose whom this these those its their his our my your into onto upon is was
    are were be been being has have had said says told tells called named dubbed
    titled like via per""".split()
)
# Words a capital letter follows as a label, not as a sentence's "A":
# "vitamin A levels", "class A drugs", "a category A prisoner".
LETTER_LABELS = frozenset(
    """vitamin vitamins type class grade category group section plan exhibit hepatitis
    division tier level series row block gate wing ward platform terminal pool part
    appendix annex schedule option question route zone size cup list""".split()
)
_LETTER_LIST_WORDS = frozenset({"and", "or", "to"})
# Searched for without the quote that may precede the word: a pattern that
# opens on an optional character cannot skip ahead, and runs ten times slower.
_LOST_STOP = re.compile(
    r"(?:"
    + "|".join(sorted((w.capitalize() for w in LOST_STOP_OPENERS), key=len, reverse=True))
    + r")(?=[^\S\n]+[a-z0-9])"
)
_OPENING_QUOTES = "\"'‘“"
_CLOSING_QUOTES = "\"'”’"
_LOST_STOP_REACH = 40  # characters looked back for the word before
_GLUED_OPENER = 3  # "LinkedIn", "YouTube": a short word glued on is part of a name


def _trim(text: str, start: int, end: int) -> Span | None:
    start, end = strip_span(text, start, end)
    return (start, end) if start < end else None


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Non-empty paragraphs (blocks separated by blank lines), whitespace-trimmed."""
    stop = len(text) if end is None else end
    spans: list[Span] = []
    pos = start
    for m in _PARAGRAPH_BREAK.finditer(text, start, stop):
        span = _trim(text, pos, m.start())
        if span:
            spans.append(span)
        pos = m.end()
    span = _trim(text, pos, stop)
    if span:
        spans.append(span)
    return spans


def _call_library(piece: str) -> list[int]:
    """Offsets into ``piece`` where sentencex ends a sentence (the last is ``len(piece)``)."""
    try:
        found = sentencex.get_sentence_boundaries("en", piece)
    except UnicodeEncodeError:
        # A lone surrogate cannot cross into the compiled library; U+FFFD has
        # the same length in characters, so offsets stay valid.
        found = sentencex.get_sentence_boundaries("en", _SURROGATE.sub("\ufffd", piece))
    ends = [int(b["end_index"]) for b in found]
    if not ends or ends[-1] != len(piece):
        ends.append(len(piece))
    return ends


def _library_ends(text: str, start: int, stop: int) -> list[int]:
    """Where sentencex ends sentences in ``text[start:stop]``, as offsets into ``text``.

    The library is given windows of at most ``_WINDOW`` characters: its time
    grows with the square of a text's length when the text holds many "!"
    ("<!--" repeated), so it never sees a long one. A window ends at white
    space, and its last sentence, which may run on, is read again at the
    start of the next window (or, when it is the window's only one, read on).
    """
    ends: list[int] = []
    pos = start
    while pos < stop:
        limit = min(stop, pos + _WINDOW)
        if limit < stop:
            space = max(text.rfind(" ", pos, limit), text.rfind("\n", pos, limit))
            if space > pos:
                limit = space + 1
        found = [pos + end for end in _call_library(text[pos:limit])]
        if limit < stop:
            # The window's last sentence may run on. When it is the only one,
            # reading goes on from the window's end: the next end found there
            # ends this sentence too.
            found.pop()
        ends.extend(found)
        pos = found[-1] if found else limit
    return ends


def _keeps_going(text: str, end: int, next_start: int) -> bool:
    """True when the break between ``text[:end]`` and ``text[next_start:]`` ends no sentence."""
    last = text[end - 1]
    if last != ".":
        return False
    if text[next_start].islower():
        # "border. of his country" goes on; tokenised " . the" is two sentences.
        return end >= 2 and not text[end - 2].isspace()
    opener = _FIRST_WORD.match(text, next_start, next_start + 40)
    if opener is None or opener.group(1).lower() in COMMON_WORDS:
        return False  # most sentences open on a common word: no abbreviation to look for
    return is_abbreviation(text, end - 1)


def _inner_ends(text: str, start: int, end: int) -> list[int]:
    """The sentence ends the library missed inside ``text[start:end]`` (see module doc)."""
    found: list[int] = []
    # An end needs its mark and a character after it: most of the library's
    # sentences have no mark before their last character, and are passed over.
    if _MARK.search(text, start, end - 1) is None:
        return found
    for m in _INNER_END.finditer(text, start, end):
        dot = m.start()
        if text[dot] == "." and is_abbreviation(text, dot):
            # "the U.K. Officials said" ends one; "M.D. Anderson", "Mr. Smith" do not.
            nxt = m.end()
            while nxt < end and text[nxt].isspace():
                nxt += 1
            opener = _FIRST_WORD.match(text, nxt, nxt + 40)
            if not is_initialism(text, dot) or opener is None:
                continue
            if opener.group(1).lower() not in COMMON_WORDS:
                continue
        found.append(m.end())
    return found


def opens_after_lost_stop(text: str, pos: int, start: int = 0) -> bool:
    """True when the word at ``pos`` opens a sentence after one whose full stop was lost.

    The word is one of ``LOST_STOP_OPENERS``, capitalised, before a lower-case
    word or a digit; an opening quote before it counts only after a closing
    bracket. Either a lower-case letter is glued to it and it has at
    least three letters ("cost £106.8mLast month"), or the word before it ends
    in a lower-case letter, a digit or a bracket, begins with no capital
    ("Radio Four listeners" is a name) and is not one of ``CONTINUING_WORDS``.
    ``start`` bounds the look back.
    """
    quoted = pos < len(text) and text[pos] in _OPENING_QUOTES
    if _LOST_STOP.match(text, pos + quoted) is None:
        return False
    return _after_lost_stop(text, pos, start)


def _after_lost_stop(text: str, pos: int, start: int) -> bool:
    """``opens_after_lost_stop`` once the opener at ``pos`` is known to match."""
    before = text[pos - 1] if pos > start else ""
    if text[pos] in _OPENING_QUOTES:
        # A quotation opens the story after a caption's closing bracket:
        # "... on holiday (file photo) 'The mind boggles,' one reader wrote."
        i = pos - 1
        while i > start and text[i].isspace():
            i -= 1
        return before.isspace() and i < pos - 1 and text[i] == ")"
    if "a" <= before <= "z":
        # Glued on: the missing line break is evident whatever the word before.
        opener = _FIRST_WORD.match(text, pos)
        return opener is not None and len(opener.group(1)) >= _GLUED_OPENER
    if not before.isspace():
        return False
    word_end = pos - 1
    while word_end > start and text[word_end - 1].isspace() and text[word_end - 1] != "\n":
        word_end -= 1
    if word_end <= start or text[word_end - 1] == "\n":
        return False
    last = text[word_end - 1]
    if last in "'’\"”" and word_end - 2 > start:
        # A quotation closed on a lower-case word ("... till we fall to bits'
        # The friends ...") ends where the quote does.
        last = text[word_end - 2]
    if not ("a" <= last <= "z" or last.isdigit() or last in ")]"):
        return False
    word_start = word_end - 1
    floor = max(start, word_end - _LOST_STOP_REACH)
    while word_start > floor and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:word_end]
    first = next((c for c in word if c.isalnum()), "")
    if not first or first.isupper():
        return False
    if word.lower() in CONTINUING_WORDS:
        return False
    if text.startswith("A ", pos):
        # "images A and B", "from A to Z": a letter in a list, not a sentence.
        after = _FIRST_WORD.match(text, pos + 2)
        return word.lower() not in LETTER_LABELS and (
            after is None or after.group(1) not in _LETTER_LIST_WORDS
        )
    return True


def _lost_ends(text: str, start: int, end: int) -> list[int]:
    """Where a sentence begins after a lost full stop inside ``text[start:end]``."""
    found = []
    for m in _LOST_STOP.finditer(text, start, end):
        pos = m.start()
        if pos > start and text[pos - 1] in _OPENING_QUOTES:
            pos -= 1
        elif pos - 1 > start and text[pos - 1] == " " and text[pos - 2] in ".!?":
            continue  # the common case: after a mark and a space, no stop was lost
        if _after_lost_stop(text, pos, start):
            found.append(pos)
    return found


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences in ``text[start:end]``, whitespace-trimmed; line breaks always end one."""
    # Bounds are read as a slice reads them, so a range past the text ends with it.
    start, stop, _ = slice(start, end).indices(len(text))
    if len(text) > _KEPT_TEXT_CHARS:
        return _split(text, start, stop)
    return list(_KEPT.spans(text, start, stop))


def clear_sentence_cache() -> None:
    """Forget the kept spans (a benchmark's timed pass starts from none)."""
    _KEPT.clear()


class _KeptSpans:
    """The spans of the last (text, start, stop) split, safe across threads.

    At most ``size`` entries whose texts hold at most ``chars`` characters in all.
    """

    def __init__(self, size: int, chars: int) -> None:
        self.size = size
        self.chars = chars
        self._spans: OrderedDict[tuple[str, int, int], tuple[Span, ...]] = OrderedDict()
        self._held = 0  # characters of the kept texts
        self._lock = threading.Lock()

    def spans(self, text: str, start: int, stop: int) -> tuple[Span, ...]:
        key = (text, start, stop)
        with self._lock:
            found = self._spans.get(key)
            if found is not None:
                self._spans.move_to_end(key)
                return found
        found = tuple(_split(text, start, stop))
        self._keep(key, found)
        inner = start > 0 or stop < len(text)
        if inner and start < stop and _space_around(text, start, stop):
            # The same spans, counted from the stretch's start, for the stretch alone.
            shifted = tuple((s - start, e - start) for s, e in found)
            self._keep((text[start:stop], 0, stop - start), shifted)
        return found

    def _keep(self, key: tuple[str, int, int], spans: tuple[Span, ...]) -> None:
        with self._lock:
            if key not in self._spans:
                self._held += len(key[0])
            self._spans[key] = spans
            self._spans.move_to_end(key)
            while len(self._spans) > self.size or self._held > self.chars:
                (text, _, _), _ = self._spans.popitem(last=False)
                self._held -= len(text)

    def clear(self) -> None:
        with self._lock:
            self._spans.clear()
            self._held = 0


def _space_around(text: str, start: int, stop: int) -> bool:
    """True when ``text[start:stop]`` has white space or the text's edge on either side."""
    before = start == 0 or text[start - 1].isspace()
    return before and (stop == len(text) or text[stop].isspace())


_KEPT = _KeptSpans(_KEPT_TEXTS, _KEPT_CHARS)


def _split(text: str, start: int, stop: int) -> list[Span]:
    spans: list[Span] = []
    if start >= stop:
        return spans
    cuts: list[int] = []
    pos = start
    lost = _lost_ends(text, start, stop)  # one search over the text, not one a sentence
    taken = 0
    for library_end in _library_ends(text, start, stop):
        cut = library_end
        if (
            cut < stop
            and text[cut] in _CLOSING_QUOTES
            and (cut + 1 == stop or text[cut + 1].isspace())
        ):
            # A quote mark with white space after it closes the sentence before
            # it ('it was cheap." Then'): it opens nothing.
            cut += 1
        if cut <= pos:
            continue
        inner = _inner_ends(text, pos, cut)
        while taken < len(lost) and lost[taken] < cut:
            if lost[taken] > pos:
                inner.append(lost[taken])
            taken += 1
        # A line break inside the library's sentence ends one too.
        nl = text.find("\n", pos, cut)
        while nl != -1:
            inner.append(nl)
            nl = text.find("\n", nl + 1, cut)
        cuts.extend(sorted(inner))
        cuts.append(cut)
        pos = cut
    pos = start
    for cut in cuts:
        span = strip_span(text, pos, cut)
        pos = cut
        if span[0] >= span[1]:
            continue
        if span[1] - span[0] > MAX_SENTENCE_CHARS:
            spans.extend(_cut_run(text, *span))
            continue
        same_line = spans and text.find("\n", spans[-1][1], span[0]) == -1
        if same_line and _keeps_going(text, spans[-1][1], span[0]):
            spans[-1] = (spans[-1][0], span[1])
            continue
        spans.append(span)
    return spans


def _cut_run(text: str, start: int, end: int) -> list[Span]:
    """``text[start:end]`` in pieces of at most ``MAX_SENTENCE_CHARS``, cut at white space."""
    pieces: list[Span] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = limit
        while cut > start and not text[cut].isspace():
            cut -= 1
        if cut == start:
            cut = limit  # no white space at all: a plain cut
        span = _trim(text, start, cut)
        if span:
            pieces.append(span)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def sentence_containing(spans: list[Span], pos: int) -> int | None:
    """Index of the span containing ``pos`` (spans sorted, non-overlapping)."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        s, e = spans[mid]
        if pos < s:
            hi = mid
        elif pos >= e:
            lo = mid + 1
        else:
            return mid
    return None
