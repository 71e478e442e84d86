"""Keys this process knows of, removed from every text it writes or logs.

A server or a model may echo a key back (in an error body, or in a reply), and
a base URL may carry credentials (``http://user:KEY@host/v1``). Every model
registers the keys it uses here; the response cache, batch results, reports,
``-o`` files and the CLI's log lines pass their text through :func:`redact`
before it leaves the process. Redaction always runs on whole texts, before
anything is cut to length, so a cut can never leave a key's first characters
behind.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable

REDACTED = "[redacted]"
# Shorter strings are not plausible keys, and replacing them would mangle text.
MIN_SECRET_LENGTH = 8

_lock = threading.Lock()
_known: set[str] = set()
# scheme://user:password@ or scheme://token@ in any URL inside a text.
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^\s/@?#]+@")
# Keys this process was never told of can still pass through it: a server that
# echoes another client's key, or a proxy that repeats the request's headers.
# These shapes are removed too: OpenAI-style secret keys (``sk-`` and its
# project, service-account and admin forms, then at least 20 key characters)
# and the credential after ``Bearer`` (at least 16 token characters, so the
# word in prose, "a bearer of bad news", stays).
_KEY_SHAPES = re.compile(
    r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"
    r"|(?<=\b[Bb]earer )[A-Za-z0-9._~+/=-]{16,}"
)


def remember(*secrets: str | None) -> None:
    """Add keys to the process-wide set that :func:`redact` removes."""
    with _lock:
        _known.update(s for s in secrets if s and len(s) >= MIN_SECRET_LENGTH)


def known() -> list[str]:
    """Every key remembered so far, plus ``OPENAI_API_KEY`` from the environment, longest first."""
    with _lock:
        found = set(_known)
    env = os.environ.get("OPENAI_API_KEY")
    if env and len(env) >= MIN_SECRET_LENGTH:
        found.add(env)
    # Longest first, so a key that contains another is replaced whole.
    return sorted(found, key=len, reverse=True)


def redact_url_credentials(text: str) -> str:
    """``text`` with the user info of every URL in it replaced."""
    return _URL_CREDENTIALS.sub(lambda m: f"{m.group(1)}{REDACTED}@", text)


def redact_key_shapes(text: str) -> str:
    """``text`` with every string shaped like an API key or bearer token replaced."""
    if "sk-" not in text and "earer " not in text:
        return text
    return _KEY_SHAPES.sub(REDACTED, text)


def redact(text: str, extra: Iterable[str] = ()) -> str:
    """``text`` without any known key, any of ``extra``, key-shaped strings or URL credentials."""
    secrets = sorted({*known(), *(s for s in extra if s and len(s) >= 4)}, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    text = redact_key_shapes(text)
    return redact_url_credentials(text) if "@" in text else text
