"""Read what the pipeline sent: which prompt a request used, which article text it carried."""

from __future__ import annotations

import re

from factcheck.testing._server import RecordedRequest

_ARTICLE = re.compile(r"<article>\n?(.*?)\n?</article>", re.S)


def article_text(request: RecordedRequest) -> str | None:
    """The article text a chat request carried between its ``<article>`` delimiters."""
    body = request.body if isinstance(request.body, dict) else {}
    content = "".join(str(m.get("content", "")) for m in body.get("messages", []))
    matches = _ARTICLE.findall(content)
    # The last block is the article itself; earlier ones belong to a few-shot example.
    return matches[-1] if matches else None


def prompt_name(request: RecordedRequest) -> str | None:
    """The prompt (schema) name a request was built from, when it sent one."""
    body = request.body if isinstance(request.body, dict) else {}
    fmt = body.get("response_format")
    if isinstance(fmt, dict) and isinstance(fmt.get("json_schema"), dict):
        name = fmt["json_schema"].get("name")
        return str(name) if name else None
    return None
