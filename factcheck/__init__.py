"""llm-factcheck: summaries and grounded, checkable claims from news articles."""

from factcheck._version import __version__
from factcheck.article import Article, TrailerBlock
from factcheck.errors import (
    ArticleNotFoundError,
    AuthenticationError,
    BadRequestError,
    CacheMissError,
    ConfigurationError,
    EmptyArticleError,
    FactcheckError,
    InputError,
    InvalidReplyError,
    ModelError,
    ModelNotFoundError,
    NotTextError,
    RateLimitError,
    RefusalError,
    TransportError,
    TruncatedReplyError,
)
from factcheck.ingest import load_article
from factcheck.pipeline import acheck, check
from factcheck.result import Claim, Evidence, Result, SentenceCheck
from factcheck.settings import CheckSettings
from factcheck.usage import Usage

__all__ = [
    "Article",
    "ArticleNotFoundError",
    "AuthenticationError",
    "BadRequestError",
    "CacheMissError",
    "CheckSettings",
    "Claim",
    "ConfigurationError",
    "EmptyArticleError",
    "Evidence",
    "FactcheckError",
    "InputError",
    "InvalidReplyError",
    "ModelError",
    "ModelNotFoundError",
    "NotTextError",
    "RateLimitError",
    "RefusalError",
    "Result",
    "SentenceCheck",
    "TrailerBlock",
    "TransportError",
    "TruncatedReplyError",
    "Usage",
    "__version__",
    "acheck",
    "check",
    "load_article",
]
