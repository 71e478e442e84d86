"""llm-factcheck: summaries and grounded, checkable claims from news articles.

The public API is what ``__all__`` lists here and in ``factcheck.batch``,
``factcheck.evals``, ``factcheck.grounding``, ``factcheck.judge``,
``factcheck.llm``, ``factcheck.ray`` and ``factcheck.testing``; the README
documents every name. Other modules are the implementation and may change.
"""

import logging
from typing import TYPE_CHECKING, Any

from factcheck._version import __version__ as __version__
from factcheck.article import Article, TrailerBlock
from factcheck.errors import (
    ArticleNotFoundError,
    AuthenticationError,
    BadRequestError,
    BatchAPIError,
    BatchInputError,
    CacheMissError,
    ConfigurationError,
    ContextLengthError,
    EmptyArticleError,
    ExternalArticleMissingError,
    FactcheckError,
    GoldFileError,
    InputError,
    InvalidCacheEntryError,
    InvalidReplyError,
    ModelError,
    ModelNotFoundError,
    NotTextError,
    OutputPathError,
    PromptFormatError,
    PromptNotFoundError,
    RateLimitError,
    RefusalError,
    ServerConfigurationError,
    ServerUnreachableError,
    SystemOutputError,
    TransportError,
    TruncatedReplyError,
    WorkerProcessError,
)
from factcheck.ingest import load_article
from factcheck.result import CallRecord, Claim, Evidence, Finding, Result, SentenceCheck
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


# ``__version__`` is an attribute, not an export (``factcheck --version`` prints it).
__all__ = [
    "Article",
    "ArticleNotFoundError",
    "AuthenticationError",
    "BadRequestError",
    "BatchAPIError",
    "BatchInputError",
    "CacheMissError",
    "CallRecord",
    "CheckSettings",
    "Claim",
    "ConfigurationError",
    "ContextLengthError",
    "EmptyArticleError",
    "Evidence",
    "ExternalArticleMissingError",
    "FactcheckError",
    "Finding",
    "GoldFileError",
    "InputError",
    "InvalidCacheEntryError",
    "InvalidReplyError",
    "ModelError",
    "ModelNotFoundError",
    "ModelOptions",
    "NotTextError",
    "OutputPathError",
    "PromptFormatError",
    "PromptNotFoundError",
    "RateLimitError",
    "RefusalError",
    "Result",
    "SentenceCheck",
    "ServerConfigurationError",
    "ServerUnreachableError",
    "SystemOutputError",
    "TrailerBlock",
    "TransportError",
    "TruncatedReplyError",
    "Usage",
    "WorkerProcessError",
    "acheck",
    "check",
    "load_article",
]
