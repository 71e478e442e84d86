"""ModelOptions: one set of model options, its defaults, its builder, the flags that map to it."""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
from pathlib import Path

import pytest

import factcheck
from factcheck.batch.answers import AnsweringModel
from factcheck.batch.articles import OnCall
from factcheck.batch.limited_model import LimitedModel
from factcheck.batch.limiter import AdaptiveLimiter
from factcheck.chunker import chunk_text
from factcheck.cli import build_parser, model_options_from_args
from factcheck.errors import ConfigurationError
from factcheck.llm import JsonModel, OpenAICompatibleModel, ResponseCache, RetryPolicy
from factcheck.llm._cache import CacheMode
from factcheck.model_options import (
    CACHE_MODES,
    DEFAULT_CACHE_MODE,
    DEFAULT_CONCURRENCY,
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_MAX_RETRY_SECONDS,
    DEFAULT_TIMEOUT_S,
    ModelKeywords,
    ModelOptions,
    build_model,
    release_model,
)
from factcheck.settings import DEFAULT_SECTION_TOKENS
from factcheck.sync_bridge import run_sync
from factcheck.testing import FakeOpenAIServer
from factcheck.usage import Pricing

ARTICLE = (
    "Valdane opens a public library\n\n"
    "Valdane opened its new public library on Saturday after 26 months of building work.\n"
)


def test_the_keywords_name_every_option_and_nothing_else() -> None:
    fields = {f.name for f in dataclasses.fields(ModelOptions)}
    assert set(ModelKeywords.__annotations__) == fields


@pytest.mark.parametrize(
    ("name", "default"),
    [
        ("model", None),
        ("base_url", None),
        ("api_key", None),
        ("client", None),
        ("async_client", None),
        ("cache", DEFAULT_CACHE_MODE),
        ("cache_path", None),
        ("timeout", DEFAULT_TIMEOUT_S),
        ("max_attempts", DEFAULT_MAX_ATTEMPTS),
        ("max_retry_seconds", DEFAULT_MAX_RETRY_SECONDS),
        ("concurrency", DEFAULT_CONCURRENCY),
        ("pricing", None),
    ],
)
def test_each_default(name: str, default: object) -> None:
    assert getattr(ModelOptions(), name) == default


def test_the_constants_are_the_ones_the_model_and_the_chunker_use() -> None:
    policy = RetryPolicy()
    assert (policy.max_attempts, policy.max_seconds) == (
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_MAX_RETRY_SECONDS,
    )
    assert OpenAICompatibleModel("m", api_key="k").timeout == DEFAULT_TIMEOUT_S
    default_budget = inspect.signature(chunk_text).parameters["max_tokens"].default
    assert default_budget == DEFAULT_SECTION_TOKENS == factcheck.CheckSettings().max_section_tokens


@pytest.mark.parametrize("mode", CACHE_MODES)
def test_each_cache_mode_is_a_cache_mode(mode: str) -> None:
    assert CacheMode.parse(mode).value == mode
    assert ModelOptions(cache=mode).cache == mode


def test_the_cache_modes_are_all_of_them() -> None:
    assert set(CACHE_MODES) == {mode.value for mode in CacheMode}
    assert DEFAULT_CACHE_MODE in CACHE_MODES


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("concurrency", 0),
        ("timeout", 0.0),
        ("max_attempts", 0),
        ("max_retry_seconds", -1.0),
        ("cache", "sometimes"),
    ],
)
def test_a_bad_value_is_a_configuration_error_naming_the_field(field: str, value: object) -> None:
    with pytest.raises(ConfigurationError, match=field):
        ModelOptions(**{field: value})  # type: ignore[arg-type]


def test_given_keywords_build_on_the_options_and_none_keeps_the_value() -> None:
    base = ModelOptions(model="a", timeout=5.0, concurrency=2)
    given = ModelOptions.given(base, {"concurrency": 7, "timeout": None, "base_url": "http://x/v1"})
    assert given == dataclasses.replace(base, concurrency=7, base_url="http://x/v1")
    assert ModelOptions.given(None, {}) == ModelOptions()
    assert ModelOptions.given(base, {}) is base


def test_a_misspelt_keyword_is_a_type_error_and_a_callers_own_is_left_to_it() -> None:
    with pytest.raises(TypeError, match="modle"):
        ModelOptions.given(None, {"modle": "m"})
    with pytest.raises(TypeError, match="modle"):
        factcheck.check(ARTICLE, modle="m")  # type: ignore[call-arg]
    own = ModelOptions.given(None, {"judge": True, "timeout": 3.0}, besides=("judge",))
    assert own == ModelOptions(timeout=3.0)


def test_the_key_and_clients_stay_out_of_the_repr() -> None:
    assert "secret" not in repr(ModelOptions(model="m", api_key="secret"))


def test_build_model_passes_every_connection_option_on(fake_openai: FakeOpenAIServer) -> None:
    pricing = Pricing(prompt_per_million=1.0, completion_per_million=2.0)
    options = ModelOptions(
        model="fake-model",
        base_url=fake_openai.base_url,
        api_key="k",
        timeout=7.0,
        max_attempts=3,
        max_retry_seconds=9.0,
        pricing=pricing,
    )
    model = build_model(options)
    assert isinstance(model, OpenAICompatibleModel)
    assert (model.name, model.timeout, model.pricing) == ("fake-model", 7.0, pricing)
    assert (model.retry.max_attempts, model.retry.max_seconds) == (3, 9.0)
    assert model.base_url.rstrip("/") == fake_openai.base_url.rstrip("/")
    assert model.cache is None


def test_without_a_model_there_is_none_unless_something_needs_one() -> None:
    assert build_model(ModelOptions()) is None
    with pytest.raises(ConfigurationError, match="model name is required"):
        build_model(ModelOptions(base_url="http://127.0.0.1:9/v1"))
    with pytest.raises(ConfigurationError, match="cache needs a model"):
        build_model(ModelOptions(cache="replay"))


def test_release_closes_only_what_build_model_opened(tmp_path: Path) -> None:
    built = ModelOptions(model="m", api_key="k", cache="read-write", cache_path=str(tmp_path / "a"))
    model = build_model(built)
    assert isinstance(model, OpenAICompatibleModel) and model.cache is not None
    model.cache.get("no-such-key")  # opens the connection
    asyncio.run(release_model(model, built))
    assert model.cache._conn is None

    yours = ResponseCache(tmp_path / "b", mode="read-write")
    given = ModelOptions(model="m", api_key="k", cache=yours)
    model = build_model(given)
    yours.get("no-such-key")
    asyncio.run(release_model(model, given))  # type: ignore[arg-type]
    assert yours._conn is not None
    yours.close()

    ready = OpenAICompatibleModel("m", api_key="k", cache=ResponseCache(tmp_path / "c"))
    assert build_model(ModelOptions(model=ready)) is ready
    assert not ModelOptions(model=ready).owns_model


@pytest.mark.parametrize(
    "command",
    [
        ["run", "a.txt"],
        ["verify", "--source", "a.txt", "--summary", "s.txt"],
        ["eval", "evals"],
        ["batch", "in", "--out", "out.jsonl"],
    ],
)
def test_every_command_maps_its_model_flags_the_same_way(
    command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FACTCHECK_MODEL", raising=False)
    parser = build_parser()
    assert model_options_from_args(parser.parse_args(command)) == ModelOptions()
    flags = ["--model", "m", "--base-url", "http://h/v1", "--cache", "read-write"]
    flags += ["--cache-path", "c.sqlite", "--timeout", "5", "--concurrency", "3"]
    assert model_options_from_args(parser.parse_args([*command, *flags])) == ModelOptions(
        model="m",
        base_url="http://h/v1",
        cache="read-write",
        cache_path="c.sqlite",
        timeout=5.0,
        concurrency=3,
    )


def test_check_takes_options_or_keywords_alike(fake_openai: FakeOpenAIServer) -> None:
    options = ModelOptions(model="fake-model", base_url=fake_openai.base_url, api_key="k")
    by_options = factcheck.check(ARTICLE, options=options)
    by_keywords = factcheck.check(
        ARTICLE, model="fake-model", base_url=fake_openai.base_url, api_key="k"
    )
    timing = {"usage": None, "calls": None}  # latencies differ from run to run
    assert by_options.to_dict() | timing == by_keywords.to_dict() | timing
    assert by_options.model == "fake-model" and by_options.usage.requests == 1


def test_every_model_the_package_builds_or_wraps_is_a_json_model() -> None:
    inner = OpenAICompatibleModel("m", api_key="k")
    wrapped = LimitedModel(inner, AdaptiveLimiter(2))
    for model in (
        inner,
        wrapped,
        OnCall(wrapped, lambda: None),
        AnsweringModel("m", inner.context_window, {}),
    ):
        assert isinstance(model, JsonModel)
        assert (model.name, model.context_window) == ("m", inner.context_window)
    assert not hasattr(JsonModel, "complete_json_sync")


def test_run_sync_inside_a_running_loop_returns_and_raises() -> None:
    async def value() -> int:
        await asyncio.sleep(0)
        return 7

    async def fails() -> int:
        raise ConfigurationError("no")

    async def caller() -> int:
        with pytest.raises(ConfigurationError):
            run_sync(fails())
        return run_sync(value())

    assert run_sync(value()) == 7
    assert asyncio.run(caller()) == 7


def test_result_usage_is_the_sum_of_its_calls_in_the_published_shape() -> None:
    from factcheck.result import CallRecord, Result
    from factcheck.usage import Usage

    fetched = Usage(
        prompt_tokens=100, completion_tokens=20, requests=2, latency_s=0.25, cost_usd=0.1 + 0.2
    )
    cached = Usage(prompt_tokens=50, completion_tokens=5, cached_requests=1, estimated=True)
    calls = [CallRecord("extract[1]", fetched), CallRecord("reduce", cached)]
    result = Result("s", [], "openai", "m", "v", calls=calls)
    assert result.usage == fetched + cached
    assert result.to_dict()["usage"] == {
        "prompt_tokens": 150,
        "completion_tokens": 25,
        "total_tokens": 175,
        "requests": 2,
        "cached_requests": 1,
        "latency_s": 0.25,
        "cost_usd": 0.3,  # 0.30000000000000004, rounded as the schema's figures are
        "estimated": True,
    }
    assert [call.to_dict() for call in calls] == [
        {
            "label": "extract[1]",
            "prompt_tokens": 100,
            "completion_tokens": 20,
            "requests": 2,
            "latency_s": 0.25,
            "cost_usd": 0.1 + 0.2,
            "estimated": False,
            "cached": False,
        },
        {
            "label": "reduce",
            "prompt_tokens": 50,
            "completion_tokens": 5,
            "requests": 0,
            "latency_s": 0.0,
            "cost_usd": None,
            "estimated": True,
            "cached": True,
        },
    ]
