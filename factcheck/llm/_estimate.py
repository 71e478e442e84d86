"""Token estimates for servers that do not report ``usage``."""

from __future__ import annotations

from factcheck.tokens import count_tokens, resolve_encoding

# OpenAI's chat format spends a few tokens per message on role markers, and
# primes the reply with a few more; close enough for every chat template.
_PER_MESSAGE = 4
_REPLY_PRIMING = 3


def estimate_text_tokens(text: str, model: str | None) -> int:
    return count_tokens(text, resolve_encoding(model))


def estimate_prompt_tokens(messages: list[dict[str, str]], model: str | None) -> int:
    encoding = resolve_encoding(model)
    total = _REPLY_PRIMING
    for message in messages:
        total += _PER_MESSAGE + count_tokens(message.get("content", ""), encoding)
    return total
