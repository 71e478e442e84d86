"""Batch API rounds: a request without a reply yet holds its article back, and costs nothing more.

An article waiting for a reply is not run on as if the call had failed: the
next batch asks only for what the article needs next, never for a reduce call
built from the sections that happened to be answered.
"""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.batch import read_results, run_batch, run_openai_batch
from factcheck.testing import FakeOpenAIServer, RecordedRequest, Reply
from factcheck.testing._batch_api import FakeBatchAPI
from factcheck.testing._request_contents import article_text, prompt_name
from factcheck.testing._script import Outcome


def ferry_article() -> str:
    """Two sections at the default budget; paragraph k names route k and nothing else does."""
    lines = ["Ferry operator reports a year of route changes", ""]
    for k in range(1, 46):
        lines += [
            f"Route {k}, which links quay {k + 2} with the island terminal, carried "
            f"{2400 + 53 * k} passengers in March, the operator said on Tuesday. Its crew "
            f"logged {k % 4 + 2} delays caused by fog and one caused by a broken ramp. "
            f"The route manager, Tomas Berg, said route {k} would keep its timetable.",
            "",
        ]
    return "\n".join(lines)


def _truncates_first_section(request: RecordedRequest) -> Outcome | None:
    """Cut off the reply for the section holding routes 1 and 20 (never one of its halves)."""
    text = article_text(request) or ""
    if prompt_name(request) == "extract_section" and "Route 1," in text and "Route 20," in text:
        return Reply.truncated()
    return None


def _batch_prompts(api: FakeBatchAPI) -> list[list[str]]:
    batches = []
    for batch_id in api.created:
        data = api.files[api.batches[batch_id]["input_file_id"]].data.decode()
        bodies = [json.loads(line)["body"] for line in data.splitlines()]
        batches.append(sorted(b["response_format"]["json_schema"]["name"] for b in bodies))
    return batches


def test_a_split_section_is_asked_for_alone_and_the_reduce_call_waits_for_it(
    fake_openai: FakeOpenAIServer, tmp_path: Path
) -> None:
    fake_openai.handler = _truncates_first_section
    items = [("ferries", ferry_article())]
    live_out, batch_out = tmp_path / "live.jsonl", tmp_path / "batch.jsonl"
    run_batch(items, live_out, model="fake-model", base_url=fake_openai.base_url, api_key="k")
    live_bodies = {json.dumps(r.body, sort_keys=True) for r in fake_openai.chat_requests}
    fake_openai.clear()

    api = FakeBatchAPI(fake_openai)
    summary = run_openai_batch(
        items, batch_out, model="fake-model", base_url=fake_openai.base_url, api_key="k",
        poll_interval=0.01,
    )  # fmt: skip
    assert (summary.ok, summary.failed) == (1, 0)
    live, batched = read_results(live_out)["ferries"], read_results(batch_out)["ferries"]
    assert len(batched["result"]["sections"]) == 3  # the truncated section became two
    assert batched["result"]["summary"] == live["result"]["summary"]
    assert batched["result"]["claims"] == live["result"]["claims"]

    # The sections; the halves of the truncated one, and no reduce call yet; the reduce call.
    assert _batch_prompts(api) == [
        ["extract_section", "extract_section"],
        ["extract_section", "extract_section"],
        ["reduce"],
    ]
    batched_bodies = {
        json.dumps(json.loads(line)["body"], sort_keys=True)
        for batch_id in api.created
        for line in api.files[api.batches[batch_id]["input_file_id"]].data.decode().splitlines()
    }
    assert batched_bodies == live_bodies  # nothing asked that the live pipeline did not ask
