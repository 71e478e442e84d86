"""Context windows of well-known models, for sizing sections."""

from __future__ import annotations

# Conservative for unknown models: most local servers run 8k contexts or more.
DEFAULT_CONTEXT_WINDOW = 8192

# Longest prefix wins, so "gpt-4o-mini" is matched before "gpt-4".
_KNOWN: dict[str, int] = {
    "gpt-5": 400_000,
    "gpt-4.1": 1_047_576,
    "gpt-4o": 128_000,
    "gpt-4-turbo": 128_000,
    "gpt-4": 8_192,
    "gpt-3.5-turbo": 16_385,
    "o1": 200_000,
    "o3": 200_000,
    "o4-mini": 200_000,
}


def context_window_for(model: str) -> int:
    """The context window of ``model`` in tokens, or a conservative default."""
    name = model.lower().rsplit("/", 1)[-1]
    for prefix in sorted(_KNOWN, key=len, reverse=True):
        if name.startswith(prefix):
            return _KNOWN[prefix]
    return DEFAULT_CONTEXT_WINDOW
