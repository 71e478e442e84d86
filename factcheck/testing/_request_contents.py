"""Read what the pipeline sent: which prompt a request used, which article text it carried."""

from __future__ import annotations

from factcheck.testing._server import RecordedRequest


def article_text(request: RecordedRequest) -> str | None:
    """The article text a chat request carried between its ``<article>`` delimiters.

    The last user message holds the article; instructions and a few-shot example
    may mention or use the same tags earlier, so the last pair wins.
    """
    body = request.body if isinstance(request.body, dict) else {}
    users = [m for m in body.get("messages", []) if isinstance(m, dict) and m.get("role") == "user"]
    if not users:
        return None
    content = str(users[-1].get("content", ""))
    end = content.rfind("</article>")
    start = content.rfind("<article>", 0, end)
    if start == -1 or end == -1:
        return None
    return content[start + len("<article>") : end].strip("\n")


def prompt_name(request: RecordedRequest) -> str | None:
    """The prompt (schema) name a request was built from, when it sent one."""
    body = request.body if isinstance(request.body, dict) else {}
    fmt = body.get("response_format")
    if isinstance(fmt, dict) and isinstance(fmt.get("json_schema"), dict):
        name = fmt["json_schema"].get("name")
        return str(name) if name else None
    return None
