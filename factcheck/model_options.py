"""How a check reaches its model: one set of connection and retry options, one builder.

Every entry point (``check``/``acheck``, the batch runner, the eval runner,
the judge, Ray and the ``factcheck`` command) takes a :class:`ModelOptions`,
or keywords that build one, so the set and its defaults are written here only.
Nothing heavy is imported at module level: the command line reads the
defaults from here while it builds its parser.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from factcheck.errors import ConfigurationError
from factcheck.settings import with_given
from factcheck.usage import Pricing

if TYPE_CHECKING:
    import openai

    from factcheck.llm import JsonModel, ResponseCache

# Seconds one HTTP request may take.
DEFAULT_TIMEOUT_S = 60.0
# Tries of one HTTP request (the first included) on 429, 5xx, timeouts and dropped
# connections, and the time all of them may take together.
DEFAULT_MAX_ATTEMPTS = 6
DEFAULT_MAX_RETRY_SECONDS = 120.0
# Model calls in flight at once.
DEFAULT_CONCURRENCY = 4
CACHE_MODES = ("off", "read-write", "replay")
DEFAULT_CACHE_MODE = "off"


@dataclass(frozen=True)
class ModelOptions:
    """The model to use and how to talk to it; every field has a default.

    ``model`` names a model on an OpenAI-compatible server (``base_url``,
    ``api_key``, or the SDK's ``OPENAI_*`` variables; ``client`` /
    ``async_client`` to bring your own), or is a ready
    :class:`factcheck.llm.JsonModel`; None runs the offline engine.
    ``cache`` is one of :data:`CACHE_MODES` (``cache_path`` names the SQLite
    file) or a ResponseCache. ``timeout`` bounds each HTTP request;
    ``max_attempts`` and ``max_retry_seconds`` bound the retries of one.
    ``concurrency`` bounds the model calls in flight at once (of one check,
    or of a whole batch). ``pricing`` prices the tokens for the cost in results.
    """

    model: str | JsonModel | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    client: openai.OpenAI | None = field(default=None, repr=False)
    async_client: openai.AsyncOpenAI | None = field(default=None, repr=False)
    cache: str | ResponseCache = DEFAULT_CACHE_MODE
    cache_path: str | None = None
    timeout: float = DEFAULT_TIMEOUT_S
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    max_retry_seconds: float = DEFAULT_MAX_RETRY_SECONDS
    concurrency: int = DEFAULT_CONCURRENCY
    pricing: Pricing | None = None

    def __post_init__(self) -> None:
        problems = []
        if self.concurrency < 1:
            problems.append(f"concurrency must be >= 1, got {self.concurrency}")
        if not self.timeout > 0:
            problems.append(f"timeout must be > 0, got {self.timeout}")
        if self.max_attempts < 1:
            problems.append(f"max_attempts must be >= 1, got {self.max_attempts}")
        if not self.max_retry_seconds > 0:
            problems.append(f"max_retry_seconds must be > 0, got {self.max_retry_seconds}")
        if isinstance(self.cache, str) and self.cache not in CACHE_MODES:
            problems.append(f"cache must be one of {', '.join(CACHE_MODES)}, got {self.cache!r}")
        if problems:
            raise ConfigurationError("; ".join(problems))

    @staticmethod
    def given(
        options: ModelOptions | None,
        keywords: Mapping[str, object],
        *,
        besides: Collection[str] = (),
    ) -> ModelOptions:
        """``options`` (default: all defaults) with the fields among ``keywords`` on top.

        A keyword given as None keeps the value. ``besides`` names the
        caller's own keywords, which are left to it; any other name is a
        TypeError, as a misspelt keyword argument is.
        """
        fields = ModelOptions.__dataclass_fields__
        unknown = sorted(set(keywords) - set(fields) - set(besides))
        if unknown:
            raise TypeError(f"unexpected keyword argument(s): {', '.join(unknown)}")
        ours = {name: value for name, value in keywords.items() if name in fields}
        return with_given(options or ModelOptions(), **ours)

    @property
    def owns_model(self) -> bool:
        """True when :func:`build_model` builds the model (and so it is ours to close)."""
        return isinstance(self.model, str)


class ModelKeywords(TypedDict, total=False):
    """The fields of :class:`ModelOptions` as keyword arguments (None: the default)."""

    model: str | JsonModel | None
    base_url: str | None
    api_key: str | None
    client: openai.OpenAI | None
    async_client: openai.AsyncOpenAI | None
    cache: str | ResponseCache | None
    cache_path: str | None
    timeout: float | None
    max_attempts: int | None
    max_retry_seconds: float | None
    concurrency: int | None
    pricing: Pricing | None


def build_model(options: ModelOptions) -> JsonModel | None:
    """The model ``options`` name, or None for the offline engine."""
    model = options.model
    if model is not None and not isinstance(model, str):
        return model
    cache = options.cache
    if model is None:
        if options.base_url or options.client or options.async_client:
            raise ConfigurationError("a model name is required with a base URL or a client")
        if cache != DEFAULT_CACHE_MODE and isinstance(cache, str):
            raise ConfigurationError("the response cache needs a model; none is configured")
        return None
    from factcheck.llm import OpenAICompatibleModel, ResponseCache

    response_cache: ResponseCache | None
    if isinstance(cache, str):
        response_cache = None if cache == "off" else ResponseCache(options.cache_path, mode=cache)
    else:
        response_cache = cache
    return OpenAICompatibleModel(
        model,
        base_url=options.base_url,
        api_key=options.api_key,
        client=options.client,
        async_client=options.async_client,
        cache=response_cache,
        timeout=options.timeout,
        max_attempts=options.max_attempts,
        max_retry_seconds=options.max_retry_seconds,
        pricing=options.pricing,
    )


async def release_model(model: JsonModel, options: ModelOptions) -> None:
    """Close what :func:`build_model` opened for ``options``: a model it built, its cache.

    A model or a cache passed in ready-made is the caller's, and left open.
    """
    if not options.owns_model:
        return
    await model.aclose()
    from factcheck.llm import OpenAICompatibleModel

    # A cache given by mode was opened for this model; one given ready-made was not.
    cache = model.cache if isinstance(model, OpenAICompatibleModel) else None
    if isinstance(options.cache, str) and cache is not None:
        cache.close()
