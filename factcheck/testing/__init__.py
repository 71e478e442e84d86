"""Test helpers shipped with the package: an OpenAI-compatible server on loopback.

>>> from factcheck.testing import FakeOpenAIServer, Fault, Reply
>>> with FakeOpenAIServer() as server:  # doctest: +SKIP
...     server.script(Fault.rate_limited(retry_after=0), Reply.with_json({"summary": "..."}))
...     ...  # point a client at server.base_url

The pytest fixture ``fake_openai`` lives in :mod:`factcheck.testing.fixtures`.
"""

from factcheck.testing._batch_api import FakeBatchAPI as FakeBatchAPI
from factcheck.testing._default_model import default_content
from factcheck.testing._script import Fault, Outcome, Reply, Response
from factcheck.testing._server import (
    FakeOpenAIServer,
    RecordedRequest,
    billed_prompt_tokens,
    count_tokens,
)

__all__ = [
    "FakeOpenAIServer",
    "Fault",
    "Outcome",
    "RecordedRequest",
    "Reply",
    "Response",
    "billed_prompt_tokens",
    "count_tokens",
    "default_content",
]
