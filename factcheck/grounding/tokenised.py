"""Summaries as summarisation systems write them: lower-cased and tokenised.

Research systems trained on tokenised corpora write ``-lrb-`` for "(", put
spaces around punctuation (``police , who`` ``ms moon 's``), use `` `` `` and
``''`` for quotation marks and ``#`` for the pound sign, leave the whole
text in lower case and write ``UNK`` for a word they could not produce.
Checked as it is, such a text reads as one long sentence with no names and
no dates. ``sentences`` splits it, and ``readable`` gives each sentence the
form the checks read: tokens joined again, month and weekday names next to
a figure capitalised so that "march 3" is a date rather than a bare 3,
"# 2" read as "£2", ``UNK`` dropped (it stands for a word the system
did not know, never for a name), and a quotation mark escaped as a program
writes it into a string (``city\\'s``) read as the mark.
"""

from __future__ import annotations

import re

from factcheck.facts.months import MONTHS, WEEKDAYS
from factcheck.sentences import sentence_spans
from factcheck.spans import Span, strip_span

UNKNOWN = "UNK"
# Bracket tokens of the Penn Treebank convention, as CNN/DailyMail summaries write them.
BRACKETS = {
    "-lrb-": "(",
    "-rrb-": ")",
    "-lsb-": "[",
    "-rsb-": "]",
    "-lcb-": "{",
    "-rcb-": "}",
}
_BRACKET = re.compile("|".join(re.escape(b) for b in BRACKETS), re.I)
_UNKNOWN = re.compile(rf"(?<![\w-]){UNKNOWN}(?![\w-])")
# A space before punctuation or a clitic that belongs to the word before it.
_SPACE_BEFORE = re.compile(r" +(?=(?:[,.;:!?%)\]}]|['’](?:s|re|ve|ll|d|m)\b|n't\b))", re.I)
_SPACE_AFTER = re.compile(r"(?<=[(\[{$£€]) +")
_DOUBLE_QUOTES = re.compile(r"``|''")
# A quotation mark escaped as a program writes it into a string ("city\\'s").
_ESCAPED_QUOTE = re.compile(r"\\(['\"])")
_SPACES = re.compile(r"  +")
_LOOSE_PUNCTUATION = re.compile(r" (?:[,.;:!?]|['’]s|n't)(?= |$)")
# The tokenised corpora write the pound sign as "#": "# 2 million" is "£2 million".
_POUND = re.compile(r"(?<![\w#])# (?=\d)")
_CLOCK = re.compile(r"(?<=\d) (?=[ap]\.?m\b)", re.I)
# Sentence ends of a text that has no capitals: the next sentence opens in lower case.
_CASELESS_END = re.compile(r"[.!?]+(?:\s+['\"`’”]+)?(?=\s+\S)")
_DATE_WORD = "|".join(sorted([*MONTHS, *WEEKDAYS], key=len, reverse=True))
# A month or weekday name beside a figure or another such name: "march 3", "3 march 2015".
_DATE_NAME = re.compile(
    rf"\b(?:{_DATE_WORD})\b(?=,?\s+(?:\d|the\s+\d))|(?<=\d\s)(?:{_DATE_WORD})\b"
    rf"|(?<=\d(?:st|nd|rd|th)\s)(?:{_DATE_WORD})\b|\b(?:{'|'.join(WEEKDAYS)})\b"
)


def is_caseless(text: str) -> bool:
    """True when ``text`` has letters and none of them upper case (``UNK`` aside)."""
    letters = _UNKNOWN.sub("", text)
    return any(c.isalpha() for c in letters) and not any(c.isupper() for c in letters)


def is_tokenised(text: str) -> bool:
    """True when ``text`` is written as tokens: brackets as words, spaces before commas."""
    return bool(_BRACKET.search(text) or _LOOSE_PUNCTUATION.search(text))


def sentences(text: str) -> list[Span]:
    """Sentence spans of a summary, also when it has no capitals to open a sentence."""
    if not is_caseless(text):
        return sentence_spans(text)
    spans: list[Span] = []
    pos = 0
    for m in _CASELESS_END.finditer(text):
        spans.extend(_trimmed(text, pos, m.end()))
        pos = m.end()
    spans.extend(_trimmed(text, pos, len(text)))
    return spans


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    start, end = strip_span(text, start, end)
    return [(start, end)] if start < end else []


def readable(text: str) -> str:
    """The form of one sentence that the checks read (see the module notes)."""
    if UNKNOWN in text:
        text = _UNKNOWN.sub(" ", text)
    if "\\" in text:
        text = _ESCAPED_QUOTE.sub(r"\1", text)
    if is_tokenised(text):
        text = _BRACKET.sub(lambda m: BRACKETS[m.group(0).lower()], text)
        text = _DOUBLE_QUOTES.sub('"', text)
        text = _SPACE_BEFORE.sub("", text)
        text = _SPACE_AFTER.sub("", text)
        text = _CLOCK.sub("", text)
        text = _POUND.sub("£", text)
    if is_caseless(text):
        text = _DATE_NAME.sub(lambda m: m.group(0).capitalize(), text)
    return _SPACES.sub(" ", text).strip()


_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s?$")


def capitalised_words(body: str) -> frozenset[str]:
    """Lower-cased words the body writes capitalised inside a sentence and never in lower case.

    They are the body's names ("Okafor", "Kilmarnock"); a summary without
    capitals gets their capitals back from here (``recase``).
    """
    # Words are gathered as written and made bare once each: a body repeats its words.
    lower: set[str] = set()
    capital: set[str] = set()
    for m in _NAME_TOKEN.finditer(body):
        word = m[0]
        if word[0].islower():
            lower.add(word)
        elif word not in capital and _inside_sentence(body, m.start()):
            capital.add(word)
    bare_lower = {_bare(word) for word in lower}
    return frozenset({_bare(word) for word in capital} - bare_lower - {UNKNOWN.lower()})


_QUOTE_CLOSES = "\"'”’"


def _inside_sentence(body: str, start: int) -> bool:
    """True when the word at ``start`` follows a word or a comma, or a quotation closed by one.

    "... a lot stronger," Curtis added: a quotation that ends in a comma goes
    on after its closing mark, so the word there opens no sentence.
    """
    if start < 2 or body[start - 1] != " ":
        return False
    mark = body[start - 2]
    if mark.isalnum() or mark == ",":
        return True
    return mark in _QUOTE_CLOSES and start >= 3 and body[start - 3] == ","


def recase(text: str, capitalised: frozenset[str]) -> str:
    """``text`` with each word of ``capitalised`` given its capital back."""
    return _NAME_TOKEN.sub(
        lambda m: (
            m.group(0)[0].upper() + m.group(0)[1:]
            if _bare(m.group(0)) in capitalised
            else m.group(0)
        ),
        text,
    )


def _bare(word: str) -> str:
    """Lower case, without a possessive ending."""
    return _POSSESSIVE.sub("", word.lower())
