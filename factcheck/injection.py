"""Spot text in an article that addresses a language model instead of a reader.

Articles are untrusted input. The prompts already fence the article off as
data; this is the second line: the result warns when such text is present, so
a person looks twice at anything the model returned.
"""

from __future__ import annotations

import re

_PATTERNS = re.compile(
    r"ignore (?:all |any )?(?:the )?(?:previous|prior|above|earlier|preceding) "
    r"(?:instructions|prompts?|rules|directions)"
    r"|disregard (?:all |any )?(?:the )?(?:previous|prior|above|system) "
    r"|(?:new|updated) instructions?:"
    r"|you are now (?:a|an|the) "
    r"|(?:system|developer) prompt"
    r"|as an ai(?: language)? model"
    r"|(?:^|\n)\s*(?:system|assistant)\s*:",
    re.IGNORECASE,
)


def find_injections(text: str, *, context: int = 60) -> list[str]:
    """Short excerpts of ``text`` around each instruction-like phrase."""
    excerpts = []
    for m in _PATTERNS.finditer(text):
        start = max(0, m.start() - context // 3)
        end = min(len(text), m.end() + context)
        excerpts.append(" ".join(text[start:end].split()))
    return excerpts
