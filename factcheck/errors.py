"""Every error the library raises on purpose, in one tree under ``FactcheckError``.

Input errors are the caller's to fix; model errors carry what a caller needs to
decide what to do next: the raw last reply, how many attempts were made and the
tokens already spent. The README's "Errors" section draws the tree and gives
the command line's exit status for each branch. Exceptions used only inside
the library for control flow (a retry, a request deferred to the next Batch
API round) do not derive from ``FactcheckError`` and never reach a caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from factcheck.usage import Usage

# How the reason of a case skipped for its missing external article begins.
EXTERNAL_MISSING = "external article not present"


class FactcheckError(Exception):
    """Base class of every error raised by factcheck on purpose."""


# --- input ---------------------------------------------------------------


class InputError(FactcheckError, ValueError):
    """The article (or another input) cannot be used as given."""


class EmptyArticleError(InputError):
    """The article is empty or holds only whitespace."""


class NotTextError(InputError):
    """The bytes are not text: NUL bytes, or not decodable as UTF-8."""


class ArticleNotFoundError(InputError, FileNotFoundError):
    """A path was given and nothing readable exists there."""


class OutputPathError(InputError):
    """A place to write output that cannot be used: a special file, a directory, no parent."""


class BatchInputError(InputError):
    """The batch input cannot be used: a bad JSONL line, a duplicate id, no articles."""


class GoldFileError(InputError):
    """A gold file cannot be used: unreadable, invalid, or naming an article it may not."""

    def __init__(self, message: str, *, path: Path | None = None) -> None:
        super().__init__(f"{path}: {message}" if path is not None else message)
        self.path = path


class ExternalArticleMissingError(InputError):
    """The case's external article is in none of the directories searched.

    Not a fault of the gold file: the case is skipped with ``str(error)`` as
    the reason, which starts with ``EXTERNAL_MISSING``.
    """

    def __init__(self, name: str, searched: Sequence[Path]) -> None:
        where = ", ".join(str(p) for p in searched) or "no directories given"
        super().__init__(f"{EXTERNAL_MISSING}: {name} (searched: {where})")
        self.name = name
        self.searched = tuple(searched)


class SystemOutputError(InputError):
    """A system under evaluation returned something that is not a summary, claims or a Result."""


class ConfigurationError(FactcheckError, ValueError):
    """An option has an impossible value (negative budget, unknown mode...)."""


# --- the installation ------------------------------------------------------


class PromptNotFoundError(FactcheckError, FileNotFoundError):
    """A prompt's files (or the prompts directory itself) are missing."""


class PromptFormatError(FactcheckError, ValueError):
    """A prompt file or schema does not have the expected shape."""


# --- model calls ---------------------------------------------------------


class ModelErrorRecord(TypedDict):
    """What a result keeps of a failed model call (a failed section, a failed judge call)."""

    error_type: str
    message: str
    attempts: int
    raw_reply: str | None


class ModelError(FactcheckError):
    """A model call failed. Carries the raw last reply, attempts and usage."""

    def __init__(
        self,
        message: str,
        *,
        raw_reply: str | None = None,
        attempts: int = 0,
        usage: Usage | None = None,
    ) -> None:
        from factcheck.redaction import redact

        # Servers and models echo keys back (error bodies, refusals): none stays in an error.
        message = redact(message)
        super().__init__(message)
        self.message = message
        self.raw_reply = None if raw_reply is None else redact(raw_reply)
        self.attempts = attempts
        self.usage = usage

    def __str__(self) -> str:
        return f"{self.message} (attempts: {self.attempts})"

    def record(self) -> ModelErrorRecord:
        """This failure as a result records it; message and reply are already redacted."""
        return {
            "error_type": type(self).__name__,
            "message": self.message,
            "attempts": self.attempts,
            "raw_reply": self.raw_reply,
        }


class TransportError(ModelError):
    """Timeouts, connection resets, 429 and 5xx that outlasted every retry."""


class ServerConfigurationError(ModelError):
    """The server cannot be used as configured: wrong URL, unreachable host, rejected key.

    Every request would fail the same way, so nothing is retried and a check
    stops at the first one instead of reporting each section as failed.
    """


class ServerUnreachableError(ServerConfigurationError, TransportError):
    """The connection was refused or the host name does not resolve. Never retried."""


class RateLimitError(TransportError):
    """The server kept answering 429 after every retry."""


class AuthenticationError(ServerConfigurationError):
    """401/403: the key is missing, wrong or not allowed. Never retried."""


class ModelNotFoundError(ModelError):
    """404: the server does not know the model (or the endpoint)."""


class BadRequestError(ModelError):
    """400 that is not about an unsupported response format. Never retried."""


class ContextLengthError(BadRequestError):
    """400: the request (prompt plus requested output) is longer than the model's context.

    The pipeline splits the section and tries again, as for a truncated reply.
    """


class InvalidReplyError(ModelError):
    """The reply was not JSON, or JSON that violates the schema, after every re-ask."""


class RefusalError(ModelError):
    """The model refused to answer."""


class TruncatedReplyError(ModelError):
    """The reply stopped at the output limit (finish_reason == "length")."""


class CacheMissError(ModelError):
    """Replay mode found no cached reply for a request."""


class InvalidCacheEntryError(CacheMissError):
    """Replay mode found a cached reply that does not satisfy the request's schema."""


# --- the OpenAI Batch API --------------------------------------------------


class BatchAPIError(FactcheckError):
    """The Batch API could not be used at all (upload or batch creation failed)."""


# --- worker processes ---------------------------------------------------------


class WorkerProcessError(FactcheckError):
    """A worker process of a batch ended before its articles did, or did not start.

    ``exit_code`` is the process's (negative: the signal that ended it), or
    None when it did not end. The articles it was checking have no line in the
    output, so running the batch again checks them.
    """

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.exit_code = exit_code
