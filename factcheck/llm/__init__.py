"""Schema-constrained model calls: one protocol, an OpenAI-compatible client, a cache.

>>> from factcheck.llm import OpenAICompatibleModel, ResponseCache
>>> model = OpenAICompatibleModel("gpt-4o-mini", cache=ResponseCache())  # doctest: +SKIP
>>> reply = model.complete_json_sync(request)  # doctest: +SKIP

Everything else (the format ladder, cache keys, reply parsing, retries) lives
in the private modules and may change.
"""

from factcheck.llm._cache import ResponseCache
from factcheck.llm._openai_model import OpenAICompatibleModel
from factcheck.llm._protocol import JsonModel, JsonReply, JsonRequest
from factcheck.llm._retrying import RetryPolicy

__all__ = [
    "JsonModel",
    "JsonReply",
    "JsonRequest",
    "OpenAICompatibleModel",
    "ResponseCache",
    "RetryPolicy",
]
