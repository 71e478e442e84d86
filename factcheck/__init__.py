"""llm-factcheck: summaries and grounded, checkable claims from news articles."""

import logging
from typing import TYPE_CHECKING, Any

from factcheck._version import __version__
from factcheck.article import Article, TrailerBlock
from factcheck.errors import (
    ArticleNotFoundError,
    AuthenticationError,
    BadRequestError,
    CacheMissError,
    ConfigurationError,
    ContextLengthError,
    EmptyArticleError,
    FactcheckError,
    InputError,
    InvalidCacheEntryError,
    InvalidReplyError,
    ModelError,
    ModelNotFoundError,
    NotTextError,
    OutputPathError,
    RateLimitError,
    RefusalError,
    ServerConfigurationError,
    ServerUnreachableError,
    TransportError,
    TruncatedReplyError,
)
from factcheck.ingest import load_article
from factcheck.result import Claim, Evidence, Result, SentenceCheck
from factcheck.usage import Usage

# A library leaves output to its application: without this, Python's last-resort
# handler would print every warning (the offline engine's notice, per call) to stderr.
logging.getLogger("factcheck").addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from factcheck.model_options import ModelOptions
    from factcheck.pipeline import acheck, check
    from factcheck.settings import CheckSettings

# The pipeline pulls in numpy, tiktoken and the grounding code; load it on first
# use so that importing the package (as the pytest plugin does in every run) stays cheap.
_LAZY = {
    "check": "factcheck.pipeline",
    "acheck": "factcheck.pipeline",
    "CheckSettings": "factcheck.settings",
    "ModelOptions": "factcheck.model_options",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Article",
    "ArticleNotFoundError",
    "AuthenticationError",
    "BadRequestError",
    "CacheMissError",
    "CheckSettings",
    "Claim",
    "ConfigurationError",
    "ContextLengthError",
    "EmptyArticleError",
    "Evidence",
    "FactcheckError",
    "InputError",
    "InvalidCacheEntryError",
    "InvalidReplyError",
    "ModelError",
    "ModelNotFoundError",
    "ModelOptions",
    "NotTextError",
    "OutputPathError",
    "RateLimitError",
    "RefusalError",
    "Result",
    "SentenceCheck",
    "ServerConfigurationError",
    "ServerUnreachableError",
    "TrailerBlock",
    "TransportError",
    "TruncatedReplyError",
    "Usage",
    "__version__",
    "acheck",
    "check",
    "load_article",
]
