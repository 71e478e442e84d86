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
from factcheck.sentences import paragraph_spans

_COPYRIGHT = re.compile(
    r"(©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b|"
    r"\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed)\b)",
    re.I,
)
_URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+", re.I)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_CONTACT = re.compile(
    r"(\bget in touch\b|\bcontact (?:me|us|the author)\b|\bfollow (?:me|us|him|her)\b|"
    r"\bsubscribe\b|\bnewsletter\b|\bsign up\b)",
    re.I,
)
_NAVIGATION = re.compile(
    r"^(?:related(?: articles| stories| posts)?|read more|more from|recommended|"
    r"back to top(?: button)?|share(?: this)?(?: article)?|tags?|advertisement|"
    r"you may also like|trending|most read|previous(?: article)?|next(?: article)?|"
    r"comments?|leave a (?:reply|comment)|print|email|facebook|twitter|whatsapp)\b",
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
    if _BIO_OPENING.match(paragraph) and len(_BIO_WORDS.findall(paragraph)) >= 2:
        return "bio"
    if _PRONOUN_BIO.match(paragraph) and len(_BIO_WORDS.findall(paragraph)) >= 2:
        return "bio"
    if (_EMAIL.search(paragraph) or _CONTACT.search(paragraph)) and len(words) <= 40:
        return "contact"
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


def find_title(text: str, start: int, end: int) -> tuple[str | None, int]:
    """Headline and the offset where the body starts after it.

    The first line is a headline when it is short, stands alone (a blank line
    or the end of the line follows) and does not end like a sentence.
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
    return line, nl + 1
