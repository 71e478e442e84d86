"""A test kit: an OpenAI-compatible server on loopback, with scripted replies and faults.

Code that talks to an OpenAI-compatible server is tested against this one,
over real HTTP with the real SDK, instead of mocks (as httpx's
``MockTransport`` does one level lower):

>>> from factcheck.testing import FakeOpenAIServer, Fault, Reply
>>> with FakeOpenAIServer() as server:  # doctest: +SKIP
...     server.script(Fault.rate_limited(retry_after=0), Reply.with_json({"summary": "..."}))
...     ...  # point a client at server.base_url
...     assert server.chat_requests[0].body["model"] == "fake-model"

A chat request nothing was scripted for gets a reply valid for its
``response_format`` schema. The pytest fixture ``fake_openai`` (a started
server, stopped after the test) is in :mod:`factcheck.testing.fixtures`. The
underscored modules (the Batch API endpoints, token counting, the default
model) serve this project's own tests and may change.
"""

from factcheck.testing._script import Fault, Reply
from factcheck.testing._server import FakeOpenAIServer, RecordedRequest

__all__ = ["FakeOpenAIServer", "Fault", "RecordedRequest", "Reply"]
