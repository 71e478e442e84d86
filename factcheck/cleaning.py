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
    r"""|(?P<glued>[.!?](?:(?<=[a-z][a-z][.!?])|(?<=[)\]][.!?]))["'”’)\]]?(?=["“‘]?[A-Z][a-z]))""",
    re.DOTALL,
)
_BLOCK_TAGS = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article)\b", re.I)
# A web address or an email holds full stops before capitals that end nothing.
_ADDRESS = re.compile(r"://|www\.|@")
_ADDRESS_REACH = 200


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


class _QuoteParity:
    """Whether a straight double quote at a position opens or closes, per line.

    Counted incrementally, so asking at every glued end of a long line stays linear.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.count = 0

    def opens(self, pos: int) -> bool:
        line_start = self.text.rfind("\n", self.pos, pos)
        if line_start != -1:
            self.pos, self.count = line_start, 0
        self.count += self.text.count('"', self.pos, pos)
        self.pos = pos
        return self.count % 2 == 0


def _glued_cut(original: str, m: re.Match[str], parity: _QuoteParity) -> int | None:
    """Where the space goes in a glued sentence end, or None to leave it alone."""
    reach = max(0, m.start() - _ADDRESS_REACH)
    # The word ends the look-back: no further than ``_ADDRESS_REACH`` characters.
    word_start = max(
        original.rfind(" ", reach, m.start()), original.rfind("\n", reach, m.start()), reach - 1
    )
    if _ADDRESS.search(original, word_start + 1, m.end() + 4):
        return None
    token = m.group(0)
    if token.endswith('"') and parity.opens(m.end() - 1):
        return m.end() - 1  # said."Life: the quote opens the next sentence
    return m.end()


def repair_text(original: str) -> tuple[str, OffsetMap, Repairs]:
    """The cleaned text, the map back to ``original`` and what was repaired."""
    offsets = OffsetMap()
    repairs = Repairs()
    parity = _QuoteParity(original)
    pieces: list[str] = []
    pos = 0
    for m in _EDITS.finditer(original):
        kind = m.lastgroup or ""
        token = m.group(0)
        if kind == "glued":
            cut = _glued_cut(original, m, parity)
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
