"""Text cleaning that records every edit in an OffsetMap.

Only edits a reader would not miss: the BOM, carriage returns, stray HTML tags
and HTML entities. Everything else stays verbatim so quotes stay verbatim.
"""

from __future__ import annotations

import html
import re

from factcheck.offsets import OffsetMap

# One pass finds every edit: CRLF/CR, a BOM, an HTML tag, an HTML entity.
_EDITS = re.compile(
    r"\r\n?"
    r"|\ufeff"
    r"|<!--.*?-->"
    r"|</?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>]{0,300})?/?>"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",
    re.DOTALL,
)
_BLOCK_TAGS = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article)\b", re.I)


def _replacement(token: str) -> str:
    if token[0] == "\r":
        return "\n"
    if token == "\ufeff" or token.startswith("<!--"):
        return ""
    if token[0] == "<":
        # Block-level tags separate words; inline ones (<b>, <a ...>) do not.
        return "\n" if _BLOCK_TAGS.match(token) else ""
    decoded = html.unescape(token)
    if decoded == token:
        return token  # not an entity html knows; leave it alone
    return " " if decoded == "\u00a0" else decoded


def clean_text(original: str) -> tuple[str, OffsetMap]:
    """Return the cleaned text and the map back to ``original``."""
    offsets = OffsetMap()
    pieces: list[str] = []
    pos = 0
    for m in _EDITS.finditer(original):
        if m.start() > pos:
            pieces.append(original[pos : m.start()])
            offsets.keep(m.start() - pos)
        token = m.group(0)
        replacement = _replacement(token)
        if replacement == token:
            pieces.append(token)
            offsets.keep(len(token))
        else:
            pieces.append(replacement)
            offsets.replace(len(token), len(replacement))
        pos = m.end()
    if pos < len(original):
        pieces.append(original[pos:])
        offsets.keep(len(original) - pos)
    return "".join(pieces), offsets
