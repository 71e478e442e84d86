"""The lines of a batch output file, one per article outcome.

- success: ``{"id", "ok": true, "result": <Result.to_dict()>}``
- failure: ``{"id", "ok": false, "error": {"type", "message"}}``; when the
  check ran but some section failed (a partial result), the partial result is
  kept too, under ``"result"``, and the article counts as failed so that the
  next run retries it.
"""

from __future__ import annotations

from typing import Any

from factcheck.redaction import redact
from factcheck.result import Result

Record = dict[str, Any]

_MAX_MESSAGE = 2000


def success_record(article_id: str, result: Result) -> Record:
    return {"id": article_id, "ok": True, "result": result.to_dict()}


def error_record(article_id: str, error_type: str, message: str) -> Record:
    return {
        "id": article_id,
        "ok": False,
        # Redacted before the cut, which could otherwise leave a key's first characters.
        "error": {"type": error_type, "message": redact(message)[:_MAX_MESSAGE]},
    }


def failure_record(article_id: str, error: BaseException) -> Record:
    """A failed line for an exception raised while checking the article."""
    return error_record(article_id, type(error).__name__, str(error) or repr(error))


def partial_record(article_id: str, result: Result) -> Record:
    """A failed line for a result some of whose sections failed."""
    failed = result.failed_sections
    first = failed[0]
    count = len(result.sections) or len(failed)
    message = f"{len(failed)} of {count} section(s) failed; first: {first.message}"
    record = error_record(article_id, first.error_type, message)
    record["result"] = result.to_dict()
    return record


def outcome_record(article_id: str, result: Result) -> Record:
    """The line for a finished check: success, or failure when the result is partial."""
    return (
        partial_record(article_id, result) if result.partial else success_record(article_id, result)
    )
