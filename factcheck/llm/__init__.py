"""Schema-constrained model calls: one protocol, an OpenAI-compatible client, a cache.

>>> from factcheck.llm import OpenAICompatibleModel, ResponseCache
>>> model = OpenAICompatibleModel("gpt-4o-mini", cache=ResponseCache())  # doctest: +SKIP
>>> reply = model.complete_json_sync(request)  # doctest: +SKIP
"""

from factcheck.llm._cache import CacheMode, ResponseCache, cache_key, default_cache_path
from factcheck.llm._clients import NO_KEY_PLACEHOLDER
from factcheck.llm._context import DEFAULT_CONTEXT_WINDOW, context_window_for
from factcheck.llm._ladder import LADDER, LADDER_MEMORY, LadderMemory, Mode
from factcheck.llm._openai_model import OpenAICompatibleModel
from factcheck.llm._protocol import JsonModel, JsonReply, JsonRequest
from factcheck.llm._replies import extract_json_object, schema_problems
from factcheck.llm._retrying import RetryPolicy, parse_retry_after

__all__ = [
    "DEFAULT_CONTEXT_WINDOW",
    "LADDER",
    "LADDER_MEMORY",
    "NO_KEY_PLACEHOLDER",
    "CacheMode",
    "JsonModel",
    "JsonReply",
    "JsonRequest",
    "LadderMemory",
    "Mode",
    "OpenAICompatibleModel",
    "ResponseCache",
    "RetryPolicy",
    "cache_key",
    "context_window_for",
    "default_cache_path",
    "extract_json_object",
    "parse_retry_after",
    "schema_problems",
]
