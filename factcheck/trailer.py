"""Find the boilerplate that follows an article's body.

News pages end with copyright notices, bare URLs, bylines with author bios
(sometimes of another outlet, contradicting the article), contact lines and
navigation ("Related Articles", "Back to top"). Walking back from the end,
each paragraph is classified; the trailer is the longest tail of boilerplate.
Nothing here knows any particular article.
"""

from __future__ import annotations

import re

from factcheck.article import TrailerBlock
from factcheck.facts.addresses import EMAIL_ADDRESS, URL
from factcheck.sentences import paragraph_spans

# A notice, not prose about copyright: it opens with the sign or the word, or
# uses the phrases such notices are made of.
_COPYRIGHT = re.compile(
    r"(^\s*(?:©|\(c\)|copyright\b)|\ball rights reserved\b|"
    r"\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed)\b)",
    re.I,
)
_URL_LINE = re.compile(rf"^\s*(?:{URL})", re.I)
# Calls to action at the start of a paragraph, or addressed in the first person.
_CONTACT = re.compile(
    r"(^\s*(?:subscribe|sign up|follow (?:me|us)|contact (?:me|us|the author)|"
    r"get in touch|email (?:me|us))\b|\b(?:get in touch with|contact|email|follow) me\b)",
    re.I,
)
_NAVIGATION = re.compile(
    r"^(?:related(?: articles| stories| posts)?|read more|more from|recommended|"
    r"back to top(?: button)?|share(?: this)?(?: article)?|tags?|advertisement|"
    r"you may also like|trending|most read|previous(?: article)?|next(?: article)?|"
    r"comments?|leave a (?:reply|comment)|print|email|facebook|twitter|whatsapp)\b",
    re.I,
)
# A label that introduces a link to another story.
_LINK_LABEL = re.compile(
    r"^(?:read more|read also|also read|related(?: stories| articles)?|see also|more|"
    r"recommended|watch|listen|tags?)\s*:",
    re.I,
)
# "Jane Doe is a reporter ...", "Jane Doe joined ...": a bio opening.
_BIO_OPENING = re.compile(r"^(?:[A-Z][\w'’.-]*\s+){1,3}(?:is|was|has been|joined|covers|writes)\b")
_BIO_WORDS = re.compile(
    r"\b(reporter|journalist|correspondent|editor|writer|columnist|based in|joined|"
    r"graduate|covers|covered|focus|freelance|contributor|author of)\b",
    re.I,
)
_PRONOUN_BIO = re.compile(r"^(?:He|She|They)\s+(?:is|was|has|covers|joined|writes)\b")
_NAME_LINE = re.compile(r"^(?:By\s+)?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}$")

_SHORT_WORDS = 8


def _classify(paragraph: str) -> str | None:
    """Kind of boilerplate ``paragraph`` is, or None when it reads like body text."""
    first_line = paragraph.split("\n", 1)[0].strip()
    words = paragraph.split()
    if _COPYRIGHT.search(paragraph) and len(words) <= 80:
        return "copyright"
    if _URL_LINE.match(first_line) and len(words) <= 40:
        return "url"
    bio_words = len(_BIO_WORDS.findall(paragraph))
    one_sentence = paragraph.count(". ") == 0 and "\n" not in paragraph
    if _BIO_OPENING.match(paragraph) and (bio_words >= 2 or (one_sentence and bio_words)):
        return "bio"
    if _PRONOUN_BIO.match(paragraph) and len(_BIO_WORDS.findall(paragraph)) >= 2:
        return "bio"
    if (EMAIL_ADDRESS.search(paragraph) or _CONTACT.search(paragraph)) and len(words) <= 40:
        return "contact"
    if _LINK_LABEL.match(first_line) and len(words) <= 2 * _SHORT_WORDS and "\n" not in paragraph:
        return "navigation"  # "Read more: <a headline>", "Related: <a headline>"
    if len(words) <= _SHORT_WORDS and not re.search(r"[.!?:\"”]$", paragraph.rstrip()):
        if _NAVIGATION.match(first_line):
            return "navigation"
        if _NAME_LINE.match(paragraph.strip()):
            return "byline"
        return "navigation-like"
    return None


def find_trailer(text: str, start: int, end: int) -> tuple[int, list[TrailerBlock]]:
    """Split ``text[start:end]`` into body and trailer.

    Returns the offset where the trailer starts (``end`` when there is none)
    and the trailer blocks, in reading order.
    """
    paragraphs = paragraph_spans(text, start, end)
    blocks: list[TrailerBlock] = []
    cut = end
    pending: list[TrailerBlock] = []
    # A body keeps at least its first paragraph, so it is never a candidate.
    for p_start, p_end in reversed(paragraphs[1:]):
        paragraph = text[p_start:p_end]
        kind = _classify(paragraph)
        if kind is None:
            break
        if kind == "navigation-like":
            # A short line only counts when real boilerplate lies before it
            # (closer to the body); otherwise it may be the body's last line.
            pending.append(TrailerBlock("navigation", paragraph, p_start, p_end))
            continue
        blocks.extend(pending)
        pending = []
        blocks.append(TrailerBlock(kind, paragraph, p_start, p_end))
        cut = p_start
    blocks.reverse()
    return cut, blocks


_OPENING_QUOTES = "\"'“‘«"
_CLOSING_QUOTES = "\"'”’»"


def _is_quotation(line: str) -> bool:
    """True for a line that is a quotation: wrapped in quote marks ("‘It was the
    best day of my life’"), or a sentence closed inside one ("We will fight on.”)."""
    if line[0] in _OPENING_QUOTES and line[-1] in _CLOSING_QUOTES:
        return True
    inner = line.rstrip(_CLOSING_QUOTES)
    return len(inner) < len(line) and inner.endswith((".", "!", "?", ","))


def find_title(text: str, start: int, end: int) -> tuple[str | None, int]:
    """Headline and the offset where the body starts after it.

    The first line is a headline when it is short, stands alone (a blank line
    or the end of the line follows), does not end like a sentence and is no
    quotation.
    """
    nl = text.find("\n", start, end)
    if nl == -1:
        return None, start
    line = text[start:nl].strip()
    words = line.split()
    rest = text[nl:end].strip()
    if not line or not rest or len(words) > 25 or len(line) > 200:
        return None, start
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return None, start
    if _is_quotation(line):
        return None, start  # somebody speaking opens the story: body text
    if re.match(r"(?i)by\s+\S", line):
        return None, start  # a byline, not a headline
    return line, nl + 1
