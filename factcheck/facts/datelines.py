"""The dateline that opens a news report: "WASHINGTON (AP) — ", "TESSEL — ".

A dateline names the place the report is filed from, in capitals, before a
dash; the agency may follow in brackets and a date after a comma. It is the
place the whole report is set in: a summary may name it where a later
passage only says "the mine" or "the city".
"""

from __future__ import annotations

import re

from factcheck.offline.lexicon import UPPER

_CAPS = rf"[{UPPER}][{UPPER}.'’/-]+"
DATELINE = re.compile(
    rf"({_CAPS}(?:\s+{_CAPS}){{0,3}})(?:,\s+[^—–\n]{{1,30}}?)?(?:\s+\([^)]{{1,20}}\))?"
    r"\s+(?:—|–|--)\s+"
)


def dateline_place(body: str) -> str | None:
    """The place the dateline at the start of ``body`` names, as written ("OSLO/CHICAGO")."""
    text = body.lstrip()
    if not text[:2].isupper():
        return None
    found = DATELINE.match(text)
    return None if found is None else found.group(1)
