"""Text repair and cleaning that records every edit in an OffsetMap.

Only edits a reader would not miss:

- the BOM, carriage returns, stray HTML tags and HTML entities;
- mojibake: UTF-8 read as Windows-1252 or Latin-1 (``Â£``, ``â€™``), repaired
  by ftfy, one run of suspect characters at a time so each repair is an edit
  of its own;
- glued sentence ends (``season.Scotland``, ``said."Life``): a space goes in
  after the full stop (and its closing quote), so a reader, a model and the
  chunker all see two sentences;
- lone surrogates (a ``str`` that cannot be encoded): each becomes U+FFFD, so
  whatever is built from the text can always be written out.

Everything else stays verbatim so quotes stay verbatim, and the map takes any
span of the cleaned text back to the text as it was given.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

import ftfy

from factcheck.offsets import OffsetMap

# Characters that UTF-8 bytes turn into when read as Windows-1252 or Latin-1.
# Two or more in a row are a mojibake suspect; ftfy decides.
_MOJIBAKE_CHARS = (
    "\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)

# One pass finds every edit. A comment may not run over the start of another,
# so an unclosed "<!--" costs one scan to the next one, not to the end.
_EDITS = re.compile(
    r"(?P<newline>\r\n?)"
    r"|(?P<bom>\ufeff)"
    r"|(?P<comment><!--(?:(?!<!--|-->).)*-->)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>]{0,300})?/?>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<surrogate>[\ud800-\udfff])"
    rf"|(?P<mojibake>[{_MOJIBAKE_CHARS}]{{2,}})"
    # A full stop after a lower-case word or a bracket, glued to a capitalised
    # word. Two letters before it, so initialisms ("U.S.A") never match.
    # The mark comes first so the engine can skip to candidates (see sentences).
    # After a number or a closing quote too ("has 330.The", "was "poor".The"),
    # never between digits ("3.5") or before a lower-case letter ("p.m. on").
    r"""|(?P<glued>[.!?](?:(?<=[a-z][a-z][.!?])|(?<=[)\]0-9][.!?])|(?<=[a-z]["”’][.!?]))"""
    r"""["'”’)\]]?(?=["“‘]?[A-Z][a-z]))""",
    re.DOTALL,
)
# The first character of every edit above. The alternation gives the regex
# engine no first character to skip ahead to, so it would try every branch at
# every character; a class alone it scans for quickly. A mark counts only
# before what a glued sentence end has after its mark: most marks end a
# sentence before a space, and would each cost a match.
_EDIT_START = re.compile(
    rf"[\r\ufeff<&\ud800-\udfff{_MOJIBAKE_CHARS}.!?]"
    r"""(?:(?<![.!?])|(?=["'”’)\]]?["“‘]?[A-Z][a-z]))"""
)
_BLOCK_TAGS = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article)\b", re.I)
# A web address or an email holds full stops before capitals that end nothing.
_ADDRESS = re.compile(r"://|www\.|@")
_ADDRESS_REACH = 200
_QUOTE_REACH = 2_000  # characters looked back for the quote before a glued one


@dataclass
class Repairs:
    """How many edits of each kind were made (only kinds a reader should hear of)."""

    mojibake: int = 0
    glued: int = 0
    surrogates: int = 0

    def describe(self) -> list[str]:
        """One line per kind of repair made, for a result's warnings."""
        out = []
        if self.surrogates:
            out.append(
                f"the input held {self.surrogates} lone surrogate code point(s) (text that is "
                "not valid Unicode); each was replaced by U+FFFD"
            )
        if self.mojibake:
            out.append(
                f"mojibake repaired in {self.mojibake} place(s) (e.g. 'Â£' read as '£'); "
                "spans still point into the text as given"
            )
        return out


def _replacement(kind: str, token: str) -> str:
    if kind == "newline":
        return "\n"
    if kind in ("bom", "comment"):
        return ""
    if kind == "tag":
        # Block-level tags separate words; inline ones (<b>, <a ...>) do not.
        return "\n" if _BLOCK_TAGS.match(token) else ""
    if kind == "surrogate":
        return "\ufffd"
    if kind == "mojibake":
        return ftfy.fix_encoding(token)
    decoded = html.unescape(token)
    if decoded == token:
        return token  # not an entity html knows; leave it alone
    return " " if decoded == "\u00a0" else decoded


def _quote_shape(text: str, pos: int) -> str:
    """ "open" for a straight quote set like an opening one (space before, a word
    after), "close" for one set like a closing one, "" when glued on both sides."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if (before.isspace() or before in "([{—–") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ",.;:!?)]"):
        return "close"
    return ""


def _quote_opens(text: str, pos: int) -> bool:
    """Whether the straight quote at ``pos``, glued to a full stop on one side and a
    capital on the other (``said."The``), opens the next sentence or closes this one.

    The nearest quote before it on its line tells: after an opening one this
    one closes, after a closing one (or none) it opens. One stray quote earlier
    in a long line cannot turn every later answer round, as counting them
    would. A quote glued on both sides before it most often opened a quotation
    (news copy opens each paragraph of a long one anew), so this one closes.
    """
    line_start = text.rfind("\n", max(0, pos - _QUOTE_REACH), pos) + 1
    previous = text.rfind('"', max(line_start, pos - _QUOTE_REACH), pos)
    return previous == -1 or _quote_shape(text, previous) == "close"


def _glued_cut(original: str, m: re.Match[str]) -> int | None:
    """Where the space goes in a glued sentence end, or None to leave it alone."""
    reach = max(0, m.start() - _ADDRESS_REACH)
    # The word ends the look-back: no further than ``_ADDRESS_REACH`` characters.
    word_start = max(
        original.rfind(" ", reach, m.start()), original.rfind("\n", reach, m.start()), reach - 1
    )
    if _ADDRESS.search(original, word_start + 1, m.end() + 4):
        return None
    token = m.group(0)
    if token.endswith('"') and _quote_opens(original, m.end() - 1):
        return m.end() - 1  # said."Life: the quote opens the next sentence
    return m.end()


def _edits(original: str) -> Iterator[re.Match[str]]:
    """The matches of ``_EDITS`` in ``original``, as ``finditer`` gives them."""
    pos = 0
    while (candidate := _EDIT_START.search(original, pos)) is not None:
        m = _EDITS.match(original, candidate.start())
        if m is None:
            pos = candidate.start() + 1
        else:
            yield m
            pos = m.end()


def repair_text(original: str) -> tuple[str, OffsetMap, Repairs]:
    """The cleaned text, the map back to ``original`` and what was repaired."""
    offsets = OffsetMap()
    repairs = Repairs()
    pieces: list[str] = []
    pos = 0
    for m in _edits(original):
        kind = m.lastgroup or ""
        token = m.group(0)
        if kind == "glued":
            cut = _glued_cut(original, m)
            if cut is None:
                continue
            pieces.append(original[pos:cut])
            offsets.keep(cut - pos)
            pieces.append(" ")
            offsets.replace(0, 1)
            repairs.glued += 1
            pos = cut
            continue
        replacement = _replacement(kind, token)
        if replacement == token:
            continue  # nothing to change: it stays in the kept run
        if m.start() > pos:
            pieces.append(original[pos : m.start()])
            offsets.keep(m.start() - pos)
        pieces.append(replacement)
        offsets.replace(len(token), len(replacement))
        if kind == "mojibake":
            repairs.mojibake += 1
        elif kind == "surrogate":
            repairs.surrogates += 1
        pos = m.end()
    if pos < len(original):
        pieces.append(original[pos:])
        offsets.keep(len(original) - pos)
    return "".join(pieces), offsets, repairs


def clean_text(original: str) -> tuple[str, OffsetMap]:
    """Return the cleaned text and the map back to ``original``."""
    text, offsets, _ = repair_text(original)
    return text, offsets
