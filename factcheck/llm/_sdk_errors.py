"""Sorting the SDK's exceptions into retry, step down the ladder, or fail.

Every message that leaves this module has had the API key(s) removed: servers
and proxies sometimes echo a rejected key back in their error text.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import openai

from factcheck.errors import (
    AuthenticationError,
    BadRequestError,
    ContextLengthError,
    InvalidReplyError,
    ModelError,
    ModelNotFoundError,
    ServerUnreachableError,
    TransportError,
)
from factcheck.llm._ladder import Mode, is_unsupported_format_error, rejected_parameter
from factcheck.llm._retrying import TransientError, is_retryable_status, parse_retry_after
from factcheck.redaction import redact

_MAX_MESSAGE = 500
# How OpenAI ("context_length_exceeded"), vLLM, llama.cpp and Ollama word a
# request longer than the model's context window.
_CONTEXT_LENGTH = re.compile(
    r"context[ _-]length|maximum context|context window|context size|prompt is too long",
    re.IGNORECASE,
)


class ParameterRejected(Exception):
    """Internal: the server rejected a request parameter we can drop or rename."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


class FormatUnsupported(Exception):
    """Internal: the server rejected the response format of the current ladder step."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def safe_message(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` redacted whole, then cut to a message's length.

    In this order: a cut first could split a key and leave its first
    characters, which no longer match it, in the message.
    """
    text = redact(text, secrets)
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def safe_url(url: str) -> str:
    """``url`` without user info, query or fragment, fit for logs and messages."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "(unparseable URL)"
    netloc = parts.hostname or ""
    if parts.port is not None:
        netloc = f"{netloc}:{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def unreachable_reason(exc: BaseException) -> str | None:
    """Why no connection can be made at all (refused, unknown host); None for other faults.

    Such a fault repeats on every try, unlike a reset or a timeout, so it is
    not retried.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ConnectionRefusedError):
            return "connection refused"
        if isinstance(current, socket.gaierror):
            return f"host name not resolved ({current.strerror or current})"
        current = current.__cause__ or current.__context__
    return None


def server_message(exc: openai.APIStatusError, secrets: Iterable[str] = ()) -> str:
    """The human part of an error reply (``error.message`` when the body has one), redacted."""
    body: Any = exc.body
    text: str | None = None
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            text = str(inner["message"])
        elif isinstance(inner, str):
            text = inner
    if text is None:
        text = (exc.response.text if exc.response is not None else "") or exc.message
    return safe_message(text, secrets)


def classify(
    exc: openai.OpenAIError,
    *,
    mode: Mode,
    model: str,
    base_url: str,
    secrets: Iterable[str],
    timeout: float,
    on_rate_limit: Callable[[float | None], None] | None,
) -> Exception:
    """The exception to raise instead of ``exc``.

    TransientError, FormatUnsupported and ParameterRejected are internal (retry,
    step down the ladder, adapt the request);
    anything else is a final :class:`ModelError` carrying no key.
    """
    secret_list = list(secrets)
    if isinstance(exc, openai.APITimeoutError):
        return TransientError(f"request timed out after {timeout:g} s")
    if isinstance(exc, openai.APIConnectionError):
        unreachable = unreachable_reason(exc)
        if unreachable is not None:
            return ServerUnreachableError(f"cannot connect to {safe_url(base_url)}: {unreachable}")
        cause = exc.__cause__
        detail = f"{type(cause).__name__}: {cause}" if cause is not None else exc.message
        return TransientError(redact(f"connection failed ({detail})", secret_list))
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        message = server_message(exc, secret_list)
        if mode != "text" and is_unsupported_format_error(status, message):
            return FormatUnsupported(message)
        rejected = rejected_parameter(status, message, exc.param)
        if rejected is not None:
            return ParameterRejected(rejected, message)
        if is_retryable_status(status):
            retry_after = parse_retry_after(dict(exc.response.headers))
            if status == 429 and on_rate_limit is not None:
                on_rate_limit(retry_after)
            return TransientError(
                f"HTTP {status}: {message}", status=status, retry_after=retry_after
            )
        where = safe_url(base_url)
        if status in (401, 403):
            return AuthenticationError(
                f"HTTP {status} from {where}: {message} (check the API key for this server)",
                raw_reply=message,
            )
        if status == 404:
            return ModelNotFoundError(
                f"HTTP 404 from {where}: {message} (is model {model!r} served there?)",
                raw_reply=message,
            )
        if status == 400 and (
            getattr(exc, "code", None) == "context_length_exceeded"
            or _CONTEXT_LENGTH.search(message)
        ):
            return ContextLengthError(
                f"HTTP 400 from {where}: {message} (the request is longer than the model's "
                "context window)",
                raw_reply=message,
            )
        return BadRequestError(f"HTTP {status} from {where}: {message}", raw_reply=message)
    if isinstance(exc, openai.APIResponseValidationError):
        return InvalidReplyError(redact(f"malformed response: {exc.message}", secret_list))
    return TransportError(redact(f"{type(exc).__name__}: {exc}", secret_list))


def with_progress(error: ModelError, *, attempts: int, usage: Any) -> ModelError:
    """``error`` with the call's attempt count and usage so far filled in."""
    error.attempts = attempts
    error.usage = usage
    return error
