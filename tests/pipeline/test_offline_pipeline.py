from __future__ import annotations

import asyncio
from pathlib import Path

import jsonschema
import pytest

import factcheck
from factcheck import ConfigurationError, EmptyArticleError, Usage
from factcheck.pipeline import NO_LLM_NOTICE
from factcheck.schemas import result_schema


def test_offline_is_the_default(
    example_article_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    result = factcheck.check(example_article_path)
    assert result.engine == "offline" and result.model is None
    assert NO_LLM_NOTICE in result.warnings
    assert any(NO_LLM_NOTICE in r.getMessage() for r in caplog.records)
    assert result.calls == [] and result.usage == Usage()
    assert result.summary and result.claims
    for claim in result.claims:
        assert claim.evidence is not None
        assert result.body[claim.evidence.start : claim.evidence.end] == claim.quote
    text = result.to_json() + result.summary
    for boilerplate in ("Westmoor", "All rights reserved", "ellerygazette", "Back to top"):
        assert boilerplate not in result.summary
        assert all(boilerplate not in c.text for c in result.claims)
    assert "Westmoor" in text  # ... but the trailer is kept in the result
    assert [b["kind"] for b in result.trailer][:2] == ["copyright", "url"]
    jsonschema.validate(result.to_dict(), result_schema())


def test_markdown_names_statuses_and_engine(example_article_path: Path) -> None:
    md = factcheck.check(example_article_path).to_markdown()
    assert md.startswith("# Harbour city approves")
    assert "Engine: offline" in md and "## Claims" in md and "| supported |" in md


def test_async_twin_and_sync_inside_a_running_loop(example_article_path: Path) -> None:
    async def main() -> tuple[str, str]:
        direct = await factcheck.acheck(example_article_path)
        nested = factcheck.check(example_article_path)  # sync API called from async code
        return direct.summary, nested.summary

    direct, nested = asyncio.run(main())
    assert direct == nested


def test_bad_options_and_inputs_get_typed_errors() -> None:
    with pytest.raises(EmptyArticleError):
        factcheck.check("   ")
    with pytest.raises(ConfigurationError):
        factcheck.check("Some text.", base_url="http://127.0.0.1:9/v1")
    with pytest.raises(ConfigurationError):
        factcheck.check("Some text.", cache="replay")
    with pytest.raises(ConfigurationError):
        factcheck.check("Some text.", model="m", concurrency=0, base_url="http://127.0.0.1:9/v1")


def test_seed_article_offline(seed_article_path: Path) -> None:
    result = factcheck.check(seed_article_path)
    texts = " ".join(c.text for c in result.claims) + " " + result.summary
    for marker in ("Dailynationtoday", "Cambridge", "Copyright", "winknews"):
        assert marker not in texts
    assert all(c.status == "supported" for c in result.claims)
