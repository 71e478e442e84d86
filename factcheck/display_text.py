"""Text from articles, gold files and servers made safe to show to a person.

Such text is data, yet a terminal obeys the escape sequences in it (moving the
cursor, rewriting earlier lines, setting the window title, writing to the
clipboard) and bidirectional overrides reorder how a line reads without
changing what it holds. Before any of it is shown, terminal controls are
removed and bidi controls made visible.
"""

from __future__ import annotations

import re

# An escape sequence whole (CSI, OSC, DCS/SOS/PM/APC strings, two-byte ESC
# forms), then any single C0 or C1 control except tab and newline. Each
# alternative is a bounded or single-class run, so the scan is linear.
_TERMINAL_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI: ESC [ params intermediates final
    r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"  # DCS, SOS, PM, APC ... ST
    r"|\x1b[ -/]*[0-~]?"  # other ESC sequences (charset selection, RIS, ...)
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # the one-byte CSI of C1
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)

# Characters that change the display order of the text around them: the
# embeddings, overrides and isolates of Unicode's bidi algorithm and the
# invisible direction marks.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")


def strip_terminal_controls(text: str) -> str:
    """``text`` without escape sequences and control characters (tab and newline stay)."""
    return _TERMINAL_CONTROL.sub("", text)


def visible_bidi(text: str) -> str:
    """``text`` with every bidi control replaced by its code point, e.g. ``[U+202E]``."""
    return _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def for_terminal(text: str) -> str:
    """``text`` fit to print: no terminal controls, bidi controls shown as code points."""
    return visible_bidi(strip_terminal_controls(text))
