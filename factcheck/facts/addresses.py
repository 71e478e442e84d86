"""Addresses in running text: web links, e-mail addresses, social-media handles and hashtags.

Their words are not prose: "john.Smith@Example.com" names no one called
"Smith", and "@BBCNews" or "#MeToo" is an account or a tag, not a name as a
summary would write it. Every reader that must step over them (name finding,
boilerplate and contact notices) uses these patterns.
"""

from __future__ import annotations

import re

URL = r"https?://\S+|www\.\S+"
EMAIL = r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b"
# "@BBCNews", "#MeToo": the sign glued to a word. "# 2 million" (a tokenised
# summary's pound sign) and "me @ home" have a space and are no tag.
HANDLE_OR_TAG = r"[@#][^\W_][\w]*"

URL_OR_EMAIL = re.compile(f"{URL}|{EMAIL}")
EMAIL_ADDRESS = re.compile(EMAIL)
# Whatever is not prose, for readers that skip it: links, e-mail addresses, handles, tags.
ADDRESS = f"{URL}|{EMAIL}|{HANDLE_OR_TAG}"
