"""What the fake server answers: scripted replies and faults, and raw responses."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class Reply:
    """One chat completion the fake server sends back.

    ``usage`` is ``(prompt_tokens, completion_tokens)``; None lets the server
    count (about four characters a token). ``omit_usage`` leaves the field out,
    as some local servers do.
    """

    content: str | None = None
    finish_reason: str = "stop"
    refusal: str | None = None
    usage: tuple[int, int] | None = None
    omit_usage: bool = False

    @classmethod
    def with_json(cls, data: Any, **kwargs: Any) -> Reply:
        """A reply whose content is ``data`` as JSON (valid for the schema or not)."""
        return cls(content=json.dumps(data, ensure_ascii=False), **kwargs)

    @classmethod
    def not_json(cls, text: str = "Sure! The claims are listed below.", **kwargs: Any) -> Reply:
        return cls(content=text, **kwargs)

    @classmethod
    def truncated(cls, content: str = '{"summary": "The council vot', **kwargs: Any) -> Reply:
        """Content cut off at the output limit (``finish_reason == "length"``)."""
        return cls(content=content, finish_reason="length", **kwargs)

    @classmethod
    def refused(cls, message: str = "I can't help with that.", **kwargs: Any) -> Reply:
        return cls(content=None, refusal=message, **kwargs)


FaultKind = Literal["status", "drop", "delay"]


@dataclass(frozen=True)
class Fault:
    """Something other than a normal reply: an HTTP error, a dropped connection, a stall."""

    kind: FaultKind
    status: int = 500
    message: str = ""
    error_type: str = "server_error"
    code: str | None = None
    param: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    seconds: float = 0.0
    then: Reply | Fault | None = None  # after a delay; None: the default model answers

    @classmethod
    def http(
        cls,
        status: int,
        message: str,
        *,
        error_type: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Fault:
        return cls(
            kind="status",
            status=status,
            message=message,
            error_type=error_type,
            code=code,
            param=param,
            headers=tuple((headers or {}).items()),
        )

    @classmethod
    def rate_limited(
        cls, retry_after: float | None = 1, *, retry_after_ms: float | None = None
    ) -> Fault:
        headers: dict[str, str] = {}
        if retry_after is not None:
            headers["retry-after"] = f"{retry_after:g}"
        if retry_after_ms is not None:
            headers["retry-after-ms"] = f"{retry_after_ms:g}"
        return cls.http(
            429,
            "Rate limit reached for requests. Please try again later.",
            error_type="requests",
            code="rate_limit_exceeded",
            headers=headers,
        )

    @classmethod
    def server_error(
        cls,
        status: int = 500,
        message: str = "The server had an error while processing your request.",
    ) -> Fault:
        return cls.http(status, message, error_type="server_error")

    @classmethod
    def unavailable(cls) -> Fault:
        return cls.server_error(503, "The engine is currently overloaded, please try again later.")

    @classmethod
    def unauthorized(cls, message: str = "Incorrect API key provided.") -> Fault:
        return cls.http(401, message, code="invalid_api_key")

    @classmethod
    def model_not_found(cls, model: str = "fake-model") -> Fault:
        return cls.http(
            404,
            f"The model `{model}` does not exist or you do not have access to it.",
            code="model_not_found",
        )

    @classmethod
    def bad_request(cls, message: str, *, param: str | None = None) -> Fault:
        return cls.http(400, message, param=param)

    @classmethod
    def context_length_exceeded(cls, window: int, prompt: int, completion: int) -> Fault:
        """The 400 OpenAI sends for a request longer than the model's context window."""
        return cls.http(
            400,
            f"This model's maximum context length is {window} tokens. However, you requested "
            f"{prompt + completion} tokens ({prompt} in the messages, {completion} in the "
            "completion). Please reduce the length of the messages or completion.",
            param="messages",
            code="context_length_exceeded",
        )

    @classmethod
    def strict_unsupported(cls) -> Fault:
        """A 400 rejecting ``strict`` json_schema, as servers without strict mode send."""
        return cls.http(
            400,
            "Invalid parameter: 'response_format.json_schema.strict' is not supported.",
            param="response_format",
            code="invalid_parameter",
        )

    @classmethod
    def response_format_unsupported(cls, kind: str) -> Fault:
        """The 400 of a server that does not offer ``response_format`` type ``kind``."""
        return cls.http(
            400,
            f"response_format of type '{kind}' is not supported by this server.",
            param="response_format",
        )

    @classmethod
    def json_schema_unsupported(cls) -> Fault:
        return cls.response_format_unsupported("json_schema")

    @classmethod
    def json_object_unsupported(cls) -> Fault:
        return cls.response_format_unsupported("json_object")

    @classmethod
    def drop(cls) -> Fault:
        """Close the connection without sending a response."""
        return cls(kind="drop")

    @classmethod
    def delay(cls, seconds: float, then: Reply | Fault | None = None) -> Fault:
        """Stall for ``seconds`` (past a client's timeout, say), then answer ``then``."""
        return cls(kind="delay", seconds=seconds, then=then)

    def error_body(self) -> dict[str, Any]:
        return {
            "error": {
                "message": self.message,
                "type": self.error_type,
                "param": self.param,
                "code": self.code,
            }
        }


@dataclass(frozen=True)
class Response:
    """A raw HTTP response from a route: JSON (any value) or bytes."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)

    def payload(self) -> tuple[bytes, str]:
        if isinstance(self.body, bytes):
            return self.body, self.headers.get("content-type", "application/octet-stream")
        return json.dumps(self.body).encode("utf-8"), "application/json"


Outcome = Reply | Fault | Response
