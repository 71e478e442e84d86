"""Page furniture inside an article's body, found by what it is.

Scraped news carries the page around the story into the text, often glued to
the sentence after it (``Copy this linkResearchers found ...``):

- ``video-prompt``: a prompt about the page's video player ("Scroll down for
  video", "Media playback is not supported on this device");
- ``caption``: the photo captions a scraper lifts in after "Scroll down for
  video": unpunctuated labels ("Strictly business: Julia ... covers ...");
- ``share-bar``: "Share this with" and a row of platform names;
- ``promo``: a call to action about the page ("Follow us on Twitter",
  "Read more on this story and other news from Suffolk", "Listen: ...");
- ``credit``: an inline byline or credit ("CNN's Jethro Mullen contributed to
  this report", "Additional reporting by ...");
- ``table``: three or more rows in a row of names, codes and times or scores
  ("7. Daniel Ricciardo (Australia) RedBull - Renault 1:37.540").

None of it is what the article says. It is kept out of what a model reads and
out of claims and summaries, and listed in the result beside the trailer, so
nothing is dropped unseen. Nothing here knows any particular article: only
the shapes of page furniture and the names of sharing platforms.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from factcheck.article import TrailerBlock
from factcheck.facts.casing import lower_for_matching
from factcheck.sentences import opens_after_lost_stop, sentence_spans
from factcheck.spans import Span, strip_span

# Sharing platforms and actions a share bar lists (lower case, spaces removed).
SHARE_TARGETS = frozenset(
    """email facebook messenger twitter x pinterest whatsapp linkedin reddit tumblr
    telegram flipboard googleplus print sms""".split()
)
_SHARE_TARGET = "|".join(sorted(SHARE_TARGETS, key=len, reverse=True))
_SHARE_BAR = re.compile(
    rf"\bshare (?:this|the story|this article|on|via)(?: with| on| via)?:?[ \t]*"
    rf"(?:(?:{_SHARE_TARGET}|google\+)[ \t,|/]*){{2,}}(?:copy (?:this )?link)?",
    re.I,
)
_VIDEO_PROMPT = re.compile(
    r"\bscroll down for (?:the )?(?:video|videos|more)\b"
    r"|\b(?:media )?playback (?:is not|isn't|is un)\s?supported"
    r" on (?:this|your) (?:device|browser)",
    re.I,
)
_SCROLL = re.compile(r"scroll", re.I)
# Words each match of the two patterns above holds: a body whose
# ``lower_for_matching`` form holds none of them is not searched (most bodies).
_SHARE_BAR_WORDS = ("share this", "share the story", "share on", "share via")
_VIDEO_PROMPT_WORDS = ("scroll down for ", "playback ")


def _any_of(phrases: str) -> re.Pattern[str]:
    """Any of the ``|``-separated phrases as whole words, in any case."""
    return re.compile(rf"\b(?:{phrases})\b", re.I)


# A call to action about the page: its verb, then what it points at on the page.
_PROMO_VERBS = (
    "follow|read more|find out more|more on|listen|watch|subscribe|sign up|click|download"
    "|get news|get the latest|related|see also"
)
_PROMO_START = _any_of(_PROMO_VERBS)
_PROMO_OBJECT = _any_of(
    "this story|other news|the latest|twitter|facebook|instagram|youtube|tiktok|newsletter"
    "|podcast|live coverage|updates|inbox|app|here|@\\w+"
)
_LABEL = re.compile(r"(?:listen|watch|read more|related|see also|more on)\s*:", re.I)
_CREDIT = re.compile(
    r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)\W*$"
    r"|^(?:\(?(?:additional |extra )?(?:reporting|writing|editing|research|photographs?|"
    r"pictures?|images?) by\b)"
    r"|^(?:written|edited|compiled|produced) by\b"
    r"|^(?:image|photo|picture|video)s? (?:copyright|courtesy of|credit)\b",
    re.I,
)
_CREDIT_WORDS = 25  # a credit is a short line, never a long sentence
# What a sentence must hold for a promo or a credit to open it: a promo's verb
# at its start, or a word every credit above has. Most sentences have neither,
# and are passed over before their line breaks are looked for. Both are
# matched in the sentence's ``lower_for_matching`` form.
_PROMO_VERB_LOWER = re.compile(rf"(?:{_PROMO_VERBS})")
_CREDIT_WORD_LOWER = re.compile(r"contributed|by|copyright|courtesy|credit")
# Lower-case letter glued to a capitalised word: where a scraper lost a line break.
# "EssexA woman": a one-letter word glued on counts too.
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z](?:[a-z]|\s))")
# A row of a results table: a time, a lap or a score; and few lower-case words.
# "1:37.540", "1.234", "3-1", each a number of its own. Written digit first,
# not as ``\b\d...``: a pattern that opens on a word boundary gives the regex
# engine nothing to skip ahead to, and is tried at every character.
_ROW_FIGURE = re.compile(r"\d(?<!\w\d)(?:\d?:\d{2}(?:[.:]\d+)?\b|\d*\.\d{3}\b|\d{0,2}-\d{1,3}\b)")
_ROWS = 3
# Every row figure holds a digit, one of ":.-" and a digit: found at the first.
_ROW_HINT = re.compile(r"\d(?=[:.\-]\d)")
_RANK = re.compile(r"\d{1,3}\.")
_ROW_WORDS = 30
# A caption opens on a short capitalised label and a colon ("Strictly business:").
_CAPTION_LABEL = re.compile(r"['‘\"“]?[A-Z][\w'’-]*(?: [\w'’-]+){0,5}:['’\"”]? ")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_END_MARKS = ".!?…"
_CLOSERS = "\"'”’»)]"
_QUOTE_CLOSE = re.compile(r"""\w['’"”](?!\w)""")
# Words that open a sentence of the story but not a photo caption's label.
STORY_OPENERS = frozenset(
    """the a an he she it they we his her its their this that these those there and but
    so yet or according after before when while as although though if since meanwhile
    however also later earlier last one some many most""".split()
)
# Where one caption (or the story) may begin: a capital after a word, no stop.
_CAPTION_BREAK = re.compile(r"(?<=[a-z0-9)’'])\s+(?=['‘\"“]?[A-Z])")


def _glue_end(text: str, start: int, end: int) -> int:
    """End of furniture at ``start``: the first place a line break was lost, else ``end``.

    A handle or a hashtag ("@BBCNewsEnts") is written in camel case on purpose.
    """
    for m in _GLUE.finditer(text, start + 1, end):
        word_start = text.rfind(" ", start, m.start()) + 1
        if text[max(word_start, start)] not in "@#":
            return m.start()
    return end


def _row_like(sentence: str) -> bool:
    if not _ROW_FIGURE.search(sentence):
        return False
    words = sentence.split()
    if not words or len(words) > _ROW_WORDS:
        return False
    lower = sum(1 for w in words if w[:1].islower())
    return lower * 5 <= len(words)


def _rows(text: str, sentences: list[Span], starts: list[int]) -> set[int]:
    """Indices of the sentences that read as rows of a table (``starts``: theirs).

    Only a sentence holding a digit, one of ":.-" and a digit in a row can
    hold a row figure; the rest (most) are not read.
    """
    rows: set[int] = set()
    read: set[int] = set()
    if not sentences:
        return rows
    for m in _ROW_HINT.finditer(text, sentences[0][0], sentences[-1][1]):
        i = bisect_right(starts, m.start()) - 1
        if i < 0 or i in read:
            continue
        start, end = sentences[i]
        if m.start() + 2 < end:
            read.add(i)
            if _row_like(text[start:end]):
                rows.add(i)
    return rows


def _tables(text: str, sentences: list[Span], starts: list[int]) -> Iterable[tuple[str, int, int]]:
    rows = _rows(text, sentences, starts)
    run: list[Span] = []
    previous: Span | None = None
    for i, span in enumerate([*sentences, (-1, -1)]):
        if i in rows:
            if not run and previous is not None and _RANK.fullmatch(text, *previous):
                run.append(previous)  # the first row's rank ("1.") stands alone
            run.append(span)
        else:
            if len(run) >= _ROWS:
                yield "table", run[0][0], run[-1][1]
            run = []
        previous = span


def _captions_end(text: str, start: int, sentences: list[Span], i: int) -> int:
    """Where the captions after a scroll prompt stop: the end of the prompt's sentence,
    or earlier, where a sentence of the story begins glued to the last caption."""
    end = sentences[i][1]
    last = -1
    for m in _CAPTION_BREAK.finditer(text, start, end):
        if _CAPTION_LABEL.match(text, m.end()):
            continue  # the next caption's label
        if text[m.end()] in "'‘\"“":
            # The story resumes with a quotation; a quoted name ("'Ismol Family'") closes soon.
            close = _QUOTE_CLOSE.search(text, m.end() + 1, min(end, m.end() + 40))
            if close is None or len(text[m.end() : close.start()].split()) >= 4:
                return m.start()  # what follows is the quotation, not captions
            continue
        opener = _WORD.match(text, m.end())
        if opener is not None and opener.group(0).lower() in STORY_OPENERS:
            last = m.start()  # the story resumes: "... Labour And he warned that ..."
    return last if last > start else end


def _lost_stop_captions(text: str, sentences: list[Span]) -> Iterable[tuple[str, int, int]]:
    """Sentences with no end mark of their own, run into the next one on their line.

    A story's sentences end on a full stop, a question or exclamation mark; a
    photo caption ends on nothing, and a scraper that lifts it into the body
    without its line break glues it to what follows ("... at the event As for
    her role, she said ..."). Where the sentence layer found such a lost stop,
    the words before it are a caption; so are words with no end mark that
    begin at a lost stop and end their line or the body: the last caption of a
    run, or of a list of linked headlines glued together.
    """
    for i, (start, end) in enumerate(sentences):
        if text[start:end].rstrip(_CLOSERS)[-1:] in _END_MARKS:
            continue
        following = sentences[i + 1][0] if i + 1 < len(sentences) else None
        if following is not None and "\n" not in text[end:following]:
            if opens_after_lost_stop(text, following, start):
                yield "caption", start, end
            continue
        if i == 0:
            continue
        before_start, before_end = sentences[i - 1]
        if "\n" not in text[before_end:start] and opens_after_lost_stop(text, start, before_start):
            yield "caption", start, end


def _may_open_furniture(text: str, sentences: list[Span], lowered: str, offset: int) -> list[Span]:
    """The sentences a promo or a credit could open: a promo's verb at the start
    or a credit's word inside. ``lowered`` is ``lower_for_matching`` of the text from
    ``offset`` on."""
    # A sentence is trimmed, so a verb at its start is at a word boundary.
    verb = _PROMO_VERB_LOWER.match
    word = _CREDIT_WORD_LOWER.search
    return [
        (s, e)
        for s, e in sentences
        if verb(lowered, s - offset, e - offset) or word(lowered, s - offset, e - offset)
    ]


def _sentence_furniture(text: str, start: int, end: int) -> Iterable[tuple[str, int, int]]:
    # The piece before a lost line break is a line of its own.
    first_end = _glue_end(text, start, end)
    head = text[start:first_end]
    if _PROMO_START.match(head) and (_LABEL.match(head) or _PROMO_OBJECT.search(head)):
        yield "promo", start, first_end
        return
    if len(head.split()) <= _CREDIT_WORDS and _CREDIT.search(head):
        yield "credit", start, first_end


def find_furniture(text: str, start: int = 0, end: int | None = None) -> list[TrailerBlock]:
    """Furniture blocks in ``text[start:end]``, in order, never overlapping.

    Offsets are into ``text``. Each block's kind is one of the module's list.
    """
    stop = len(text) if end is None else end
    found: list[tuple[str, int, int]] = []
    lowered = lower_for_matching(text[start:stop])
    if any(word in lowered for word in _SHARE_BAR_WORDS):
        for m in _SHARE_BAR.finditer(text, start, stop):
            found.append(("share-bar", m.start(), m.end()))
    sentences = sentence_spans(text, start, stop)
    starts = [s for s, _ in sentences]
    prompts = _VIDEO_PROMPT.finditer(text, start, stop)
    for m in prompts if any(word in lowered for word in _VIDEO_PROMPT_WORDS) else ():
        found.append(("video-prompt", m.start(), m.end()))
        if _SCROLL.match(text, m.start()):
            i = _sentence_index(starts, m.start())
            caption_start = m.end()
            while caption_start < stop and text[caption_start].isspace():
                caption_start += 1
            caption_end = _captions_end(text, caption_start, sentences, i)
            if caption_end > caption_start and not _ends_sentence_right_after(text, m.end()):
                found.append(("caption", caption_start, caption_end))
    for s, e in _may_open_furniture(text, sentences, lowered, start):
        found.extend(_sentence_furniture(text, s, e))
    found.extend(_tables(text, sentences, starts))
    # Captions the scroll prompt announced are found above, with the prompt kept apart.
    taken = sorted((s, e) for _, s, e in found)
    found.extend(
        block for block in _lost_stop_captions(text, sentences) if not _overlaps(taken, *block[1:])
    )
    blocks = _merged(text, found)
    # A body that is furniture end to end is all there is to read: it stays.
    return blocks if _leaves_text(text, blocks, start, stop) else []


def _leaves_text(text: str, blocks: list[TrailerBlock], start: int, stop: int) -> bool:
    """True when ``text[start:stop]`` holds something besides white space outside ``blocks``."""
    pos = start
    for block in blocks:
        if text[pos : max(pos, block.start)].strip():
            return True
        pos = max(pos, block.end)
    return bool(text[pos:stop].strip())


def _overlaps(spans: list[Span], start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps one of ``spans`` (sorted by start)."""
    i = bisect_left(spans, (end, end))
    return any(s < end and start < e for s, e in spans[:i])


def _ends_sentence_right_after(text: str, pos: int) -> bool:
    """True when the prompt is followed by terminal punctuation (no captions follow it)."""
    return pos < len(text) and text[pos] in ".!?"


def _sentence_index(starts: list[int], pos: int) -> int:
    return max(0, bisect_right(starts, pos) - 1)


def _merged(text: str, found: list[tuple[str, int, int]]) -> list[TrailerBlock]:
    blocks: list[TrailerBlock] = []
    for kind, first, stop in sorted(found, key=lambda f: (f[1], -f[2])):
        s, e = strip_span(text, first, stop)
        if s >= e:
            continue
        if blocks and s < blocks[-1].end:
            last = blocks[-1]
            if e > last.end:
                blocks[-1] = TrailerBlock(last.kind, text[last.start : e], last.start, e)
            continue
        blocks.append(TrailerBlock(kind, text[s:e], s, e))
    return blocks


def blank_furniture(text: str, blocks: Iterable[TrailerBlock], start: int, end: int) -> str:
    """``text[start:end]`` with each block inside it blanked, at the same length.

    A block becomes a line break and spaces: every offset stays where it was,
    and the words on either side of a block never read as one sentence.
    """
    pieces: list[str] = []
    pos = start
    for block in blocks:
        s, e = max(block.start, start), min(block.end, end)
        if s >= e:
            continue
        pieces.append(text[pos:s])
        pieces.append("\n" + " " * (e - s - 1))
        pos = e
    if not pieces:
        return text[start:end]
    pieces.append(text[pos:end])
    return "".join(pieces)
