"""The words the grounding checks compare: runs of letters and digits, and whole figures.

``WORD`` is a run of letters and digits; an apostrophe, a hyphen or a full
stop ends it ("Putin's" gives "Putin" and "s", "pro-EU" gives "pro" and
"EU"), so two texts that write a word with other punctuation still share it.
``WORD_OR_NUMBER`` also keeps a figure's decimal and thousands separators
("100,000", "3.2"), so that a figure is one token and "3.2" does not match
"3" and "2". The overlap index, the role check and the paraphrase check read
text with these; a reader that needs more (sentence ends, clause
punctuation) builds on them where it lives.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+")
WORD_OR_NUMBER = re.compile(r"[^\W_]+(?:[.,]\d+)*")
