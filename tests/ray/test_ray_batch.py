"""factcheck batch --ray on a local Ray cluster, against the loopback server with faults."""

from __future__ import annotations

import collections
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("ray", reason="the ray extra is not installed")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from factcheck import load_article  # noqa: E402
from factcheck.batch import read_results, run_batch  # noqa: E402
from factcheck.cli import main  # noqa: E402
from factcheck.llm import JsonModel, OpenAICompatibleModel, RetryPolicy  # noqa: E402
from factcheck.ray import read_ray_results, run_ray_batch  # noqa: E402
from factcheck.ray.shards import ShardDir  # noqa: E402
from factcheck.testing import FakeOpenAIServer, Fault, RecordedRequest, Reply  # noqa: E402
from factcheck.testing._script import Outcome  # noqa: E402

pytestmark = pytest.mark.usefixtures("ray_cluster")


def prompt(request: RecordedRequest) -> str:
    return "".join(str(m.get("content", "")) for m in request.body["messages"])


def opening(text: str) -> str:
    """The start of an article's body, which its first (or only) section's prompt carries."""
    return load_article(text).body[:60]


def rows_per_id(out: Path) -> collections.Counter[str]:
    shards = ShardDir(out)
    return collections.Counter(row["id"] for row in shards.rows(shards.files(), ["id"]))


def write_jsonl(path: Path, items: list[tuple[str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for key, text in items:
            f.write(json.dumps({"id": key, "text": text}) + "\n")
    return path


class Faults:
    """Scripted per article, whatever order requests come in: the same for both routes."""

    def __init__(self, shipped: list[tuple[str, str]]) -> None:
        texts = dict(shipped)
        self.refused = opening(texts["court-ruling"])
        self.not_json = opening(texts["diacritics"])
        self.broken = opening(texts["storm-units"])

    def __call__(self, request: RecordedRequest) -> Outcome | None:
        text = prompt(request)
        if self.refused in text:
            return Reply.refused("I can't help with that.")
        if self.broken in text:
            return Fault.server_error()
        reasked = len(request.body["messages"]) > 2
        if self.not_json in text and not reasked:
            return Reply.not_json()
        return None


def test_results_equal_the_batch_runner_and_skip_done_checks_only_what_failed(
    fake_openai: FakeOpenAIServer,
    model_factory: Callable[[], JsonModel],
    shipped: list[tuple[str, str]],
    comparable: Callable[[Any], Any],
    tmp_path: Path,
) -> None:
    fake_openai.handler = Faults(shipped)
    run_batch(shipped, tmp_path / "plain.jsonl", model=model_factory(), concurrency=4)
    expected = read_results(tmp_path / "plain.jsonl")
    assert {k for k, r in expected.items() if not r["ok"]} == {"court-ruling", "storm-units"}

    # Parquet in, Parquet shards out, two actors.
    source = tmp_path / "articles.parquet"
    pq.write_table(
        pa.table({"id": [k for k, _ in shipped], "text": [t for _, t in shipped]}), source
    )
    out = tmp_path / "ray-out"
    summary = run_ray_batch(
        source,
        out,
        model_factory=model_factory,
        concurrency=4,
        actors=2,
        batch_size=3,
        out_format="parquet",
    )
    assert (summary.total, summary.ok, summary.failed, summary.skipped) == (len(shipped), 14, 2, 0)
    assert sorted(summary.failed_ids) == ["court-ruling", "storm-units"]
    assert rows_per_id(out) == collections.Counter(k for k, _ in shipped)  # each id once
    assert all(name.endswith(".parquet") for name in os.listdir(out))
    got = read_ray_results(out)
    assert comparable(got) == comparable(expected)
    assert got["court-ruling"]["error"]["type"] == "RefusalError"
    assert got["storm-units"]["error"]["type"] == "TransportError"
    assert summary.requests == sum(
        r["result"]["usage"]["requests"] for r in got.values() if "result" in r
    )

    # The server mends; a second run checks the two failed articles and nothing else.
    fake_openai.handler = None
    fake_openai.clear()
    again = run_ray_batch(
        source, out, model_factory=model_factory, skip_done=True, out_format="parquet"
    )
    assert (again.total, again.skipped, again.ok, again.failed) == (len(shipped), 14, 2, 0)
    asked = {
        k for k, t in shipped if any(opening(t) in prompt(r) for r in fake_openai.chat_requests)
    }
    assert asked == {"court-ruling", "storm-units"}
    final = read_ray_results(out)
    assert all(record["ok"] for record in final.values())
    assert final["diacritics"] == got["diacritics"]  # untouched
    assert rows_per_id(out)["court-ruling"] == 2  # the failure and the success both kept


def test_the_command_line_route_on_a_directory_writes_jsonl_shards_and_a_tally(
    shipped: list[tuple[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = tmp_path / "articles"
    for key, text in shipped[:6]:
        (articles / "news").mkdir(parents=True, exist_ok=True)
        (articles / "news" / f"{key}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(articles), "--out", str(out), "--ray", "--ray-actors", "2"]) == 0
    tally = capsys.readouterr().err.strip().splitlines()
    assert tally == [
        "factcheck: batch: 6 article(s): 6 ok, 0 failed; 0 already done; "
        f"0 request(s); 0 tokens; {tally[0].rsplit('; ', 1)[1]}"
    ]
    shards = os.listdir(out)
    assert shards and all(name.endswith(".jsonl") for name in shards)
    assert all(os.stat(out / name).st_mode & 0o777 == 0o600 for name in shards)
    # The offline engine's results, equal to factcheck batch's without Ray.
    assert main(["batch", str(articles), "--out", str(tmp_path / "plain.jsonl")]) == 0
    capsys.readouterr()
    expected = read_results(tmp_path / "plain.jsonl")
    assert set(expected) == {f"news/{k}" for k, _ in shipped[:6]}
    assert read_ray_results(out) == expected

    # Results are never overwritten or doubled by accident.
    assert main(["batch", str(articles), "--out", str(out), "--ray"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "--skip-done" in err
    assert main(["batch", str(articles), "--out", str(out), "--ray", "--skip-done"]) == 0
    assert "6 already done" in capsys.readouterr().err
    assert os.listdir(out) == shards


class InFlight:
    """The server's view: requests in flight at each arrival; the first ``wave`` get a 429.

    A request of the wave is held ``wave_hold``, long enough for the whole wave
    to be in flight together even on a machine busy with other tests; the
    others are held ``hold``.
    """

    def __init__(self, wave: int, hold: float, wave_hold: float = 0.5) -> None:
        self.wave, self.hold, self.wave_hold = wave, hold, wave_hold
        self.lock = threading.Lock()
        self.now = 0
        self.arrived = 0
        # number, in flight at arrival, start, end, the request's messages
        self.seen: list[tuple[int, int, float, float, str]] = []

    def __call__(self, request: RecordedRequest) -> Outcome | None:
        with self.lock:
            self.arrived += 1
            self.now += 1
            number, level = self.arrived, self.now
        start = time.monotonic()
        time.sleep(self.wave_hold if number <= self.wave else self.hold)
        with self.lock:
            self.now -= 1
            messages = json.dumps(request.body["messages"], sort_keys=True)
            self.seen.append((number, level, start, time.monotonic(), messages))
        return Fault.rate_limited(retry_after=0) if number <= self.wave else None


def test_429s_halve_an_actors_requests_in_flight(
    fake_openai: FakeOpenAIServer,
    model_factory: Callable[[], JsonModel],
    shipped: list[tuple[str, str]],
    tmp_path: Path,
) -> None:
    bound = 8
    gauge = InFlight(wave=bound, hold=0.05)
    fake_openai.handler = gauge
    single = [(k, t) for k, t in shipped if k != "long-investigation"]
    # Each copy's body differs, so a request and its retries are told from other copies'.
    items = [
        (f"{k}-{n}", t.replace("\n\n", f"\n\nReport {n}. ", 1)) for n in range(5) for k, t in single
    ]
    summary = run_ray_batch(
        write_jsonl(tmp_path / "in.jsonl", items),
        tmp_path / "out",
        model_factory=model_factory,
        concurrency=bound,
        recover_after=10_000,  # no recovery within the test
        actors=1,
        batch_size=len(items),
    )
    assert summary.ok == len(items) and summary.failed == 0
    wave = [entry for entry in gauge.seen if entry[0] <= bound]
    assert max(entry[1] for entry in wave) == bound  # the wave ran at the full bound
    # The wave's calls keep their slots while they retry: the lowered limit
    # shows once the last of them is answered.
    retried = {entry[4] for entry in wave}
    wave_over = max(entry[3] for entry in gauge.seen if entry[4] in retried)
    later = [entry[1] for entry in gauge.seen if entry[2] > wave_over]
    assert len(later) >= bound, "the test should run well past the wave"
    # From then on the server never sees more than half the bound from the actor.
    assert 2 <= max(later) <= bound // 2


class PidHeaderModel:
    """Builds, on the actor, a model whose requests say which process sent them."""

    def __init__(self, base_url: str, retry: RetryPolicy) -> None:
        self.base_url, self.retry = base_url, retry

    def __call__(self) -> JsonModel:
        import openai

        client = openai.AsyncOpenAI(
            base_url=self.base_url,
            api_key="test-key",
            default_headers={"x-actor-pid": str(os.getpid())},
        )
        return OpenAICompatibleModel(
            "fake-model", async_client=client, retry=self.retry, timeout=5.0
        )


def test_a_killed_actors_batch_is_run_again_without_duplicate_rows(
    fake_openai: FakeOpenAIServer,
    make_model: Callable[..., OpenAICompatibleModel],
    shipped: list[tuple[str, str]],
    tmp_path: Path,
) -> None:
    import ray.cloudpickle

    # This module is not importable on the actors; its factory travels by value.
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # type: ignore[no-untyped-call]
    victim = opening(dict(shipped)["money-percentages"])
    killed: list[int] = []
    senders: list[int] = []

    def kill_once(request: RecordedRequest) -> Outcome | None:
        if victim not in prompt(request):
            return None
        pid = int(request.headers["x-actor-pid"])
        senders.append(pid)
        if not killed:
            killed.append(pid)
            os.kill(pid, signal.SIGKILL)
        return None

    fake_openai.handler = kill_once
    retry = make_model().retry
    out = tmp_path / "out"
    summary = run_ray_batch(
        write_jsonl(tmp_path / "in.jsonl", shipped),
        out,
        model_factory=PidHeaderModel(fake_openai.base_url, retry),
        actors=2,
        batch_size=4,
    )
    assert killed, "the victim's request never arrived"
    assert senders[-1] != killed[0]  # asked again, by a restarted actor
    assert summary.ok == len(shipped) and summary.failed == 0
    assert rows_per_id(out) == collections.Counter(k for k, _ in shipped)
