"""Pipeline throughput and prompt cost through the batch runner, beside a peer pipeline.

N articles (default 200) of 1,000-1,900 body tokens each (one section at the
default 2,000-token budget), built from the paragraphs of the articles this
repository ships with numbers and names varied, go through ``factcheck``'s
batch runner at concurrency C (default 16), its articles checked in P worker
processes (``--processes``, default one per core up to 4; they share the C
request slots), against the loopback fake server
with a fixed per-call latency (default 200 ms: every reply is written that
long after its request arrived). The server runs in a child process so its
work does not share the benchmark's interpreter lock.

Each pipeline makes an untimed warm-up pass over the same articles with the
same client first, as a long run would have done long before: the client is
built (for ours, the worker processes are started), one connection per request
slot is open, and the server has composed each reply (its offline engine run)
once. The timed pass then finds the
replies ready, so the server's CPU, which shares this machine's cores with the
client under test, stays small (``server_cpu_s`` reports it).

Figures per pipeline:
- ``requests_per_article``: chat requests the server received / articles;
- ``prompt_tokens_per_article_token``: prompt tokens the server billed (every
  message of every request plus the response_format schema, with the same
  tiktoken encoding as the article bodies) / article body tokens;
  ``message_tokens_per_article_token`` counts the messages alone;
- ``max_in_flight``: the most chat requests the server was answering at once
  during the timed pass; above C the script stops with an error, since the
  figures would then compare unequal work;
- ``wall_s``, ``ideal_s`` (= requests x latency / C) and ``ratio_to_ideal``;
- ``client_cpu_s``: CPU time of the process under test (with its worker
  processes, read from /proc) during the timed pass, and
  ``client_cpu_ms_per_article``: the same per article. This, not the wall
  time, is the figure to optimise on a loaded machine: other processes' load
  stretches wall time but not the CPU an article costs;
- ours only, from the batch's request limiter: ``all_slots_busy``, the share
  of the wall time during which every one of the C request slots was taken
  (with worker processes, the least of their shares: an upper bound), and
  ``slots_in_use``, the mean share of slots taken;
- ours in one process only (the rows ``ours_one_process``: the same runner
  with no worker processes), what the slots waited for, from the time of
  every model call (taken between the limiter and the client): ``slots_first_full_s``, from the
  start until C calls were first in flight at once (the first articles'
  preparation); ``reply_read_late_ms`` (median and 90th percentile), how much
  longer than the latency a call held its slot (sending the request, and
  reading the reply once it was written, which waits for the interpreter lock
  while an article is worked on); and ``after_last_reply_s``, from the last
  reply read to the end (the last articles' grounding and results);
- ``load_average``: the machine's 1-minute load average as the pass ended (on
  a quiet machine it is below its core count; above, wall times are stretched).

A smaller multi-section set (4,200-5,800 body tokens) is reported separately.
The same articles also go through LangChain's map-reduce summarisation
(``langchain-classic`` ``load_summarize_chain`` with ``langchain-openai``'s
``ChatOpenAI`` on the same server). Its bound on requests is its HTTP client's
connection pool (``max_connections=C``): ``abatch``'s ``max_concurrency``
counts chains, and a chain's map step sends all its sections at once. It runs
2 x C chains at a time, as ours has 2 x C articles in progress.
LangChain has no way to spread its chains over processes, so it runs in one;
``ours_one_process`` rows show factcheck on those terms too.
``multi_section_wall_to_peer`` is ours / LangChain's wall time on the
multi-section set. The last line printed is one JSON object.

    python bench/pipeline.py [--articles 200] [--concurrency 16] [--latency 0.2]
                             [--multi-articles 24] [--processes P] [--no-peer]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import importlib
import json
import math
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx2
import openai
import tiktoken
from _corpus import shipped_paragraphs, vary
from _proc_cpu import cpu_seconds

from factcheck import load_article
from factcheck.batch import ArticleProcesses, arun_batch, read_results
from factcheck.batch.limited_model import ModelWrapper
from factcheck.batch.progress import BatchSummary
from factcheck.llm import JsonModel, JsonReply, JsonRequest, OpenAICompatibleModel
from factcheck.model_options import ModelOptions
from factcheck.sentences import clear_sentence_cache
from factcheck.tokens import resolve_encoding

# The batch runner's worker processes: one per core, the benchmark's server beside them.
DEFAULT_PROCESSES = max(1, min(4, len(os.sched_getaffinity(0))))

TARGETS = {
    "ratio_to_ideal": 1.15,
    "multi_section_ratio_to_ideal": 1.15,
    "multi_section_wall_to_peer": 1.05,
    "prompt_tokens_per_article_token": 1.25,
}


def build_article(
    paragraphs: Sequence[str], low: int, high: int, rng: random.Random, enc: tiktoken.Encoding
) -> tuple[str, int]:
    """An article whose body has between ``low`` and ``high`` tokens, and that count."""
    target = rng.randint(low, high)
    while True:
        title = f"{vary('Council report', rng)} number {rng.randint(1, 999)}"
        parts: list[str] = []
        tokens = 0
        while tokens < target:
            paragraph = vary(rng.choice(paragraphs), rng)
            if tokens + len(enc.encode_ordinary(paragraph)) > high:
                break
            parts.append(paragraph)
            tokens = len(enc.encode_ordinary("\n\n".join(parts)))
        text = title + "\n\n" + "\n\n".join(parts) + "\n"
        body_tokens = len(enc.encode_ordinary(load_article(text).body))
        if low <= body_tokens <= high:
            return text, body_tokens


def build_set(
    count: int, low: int, high: int, seed: int, enc: tiktoken.Encoding
) -> tuple[list[tuple[str, str]], int]:
    paragraphs = shipped_paragraphs(min_chars=80)
    rng = random.Random(seed)
    items: list[tuple[str, str]] = []
    total = 0
    for i in range(count):
        text, tokens = build_article(paragraphs, low, high, rng, enc)
        items.append((f"a{i:04d}", text))
        total += tokens
    return items, total


# --- the server, in a child process ------------------------------------------


def _message_tokens(body: dict[str, Any]) -> int:
    """The tokens of a request's messages alone (what the server bills, less the schema)."""
    from factcheck.testing._server import count_tokens

    return count_tokens("".join(str(m.get("content", "")) for m in body.get("messages", [])))


def _serve(latency: float, conn: Connection) -> None:
    from factcheck.testing import FakeOpenAIServer, RecordedRequest, Reply
    from factcheck.testing._default_model import default_content
    from factcheck.testing._server import billed_prompt_tokens, count_tokens

    # Replies are composed once per distinct request and then served from
    # here: the warm-up pass composes them, the timed pass only looks them
    # up. Composing one runs the offline engine over the article (a few ms),
    # and on a two-core machine that CPU would be taken from the client being
    # measured, which a real, remote server never does.
    # The usage each reply reports is counted once too, as the server would.
    replies: dict[bytes, tuple[str, tuple[int, int]]] = {}

    def composed(request: RecordedRequest) -> Reply:
        body = request.body if isinstance(request.body, dict) else {}
        key = hashlib.sha256(request.raw).digest()
        if key not in replies:
            content = default_content(body)
            replies[key] = (content, (billed_prompt_tokens(body), count_tokens(content)))
        content, usage = replies[key]
        return Reply(content=content, usage=usage)

    with FakeOpenAIServer(latency=latency, handler=composed) as server:
        conn.send(server.base_url)
        cpu_at_reset = time.process_time()
        while True:
            command = conn.recv()
            if command == "stats":
                bodies = [r.body for r in server.chat_requests if isinstance(r.body, dict)]
                billed = sum(billed_prompt_tokens(body) for body in bodies)
                messages = sum(_message_tokens(body) for body in bodies)
                conn.send(
                    {
                        "requests": len(server.chat_requests),
                        "max_in_flight": server.max_in_flight,
                        "prompt_tokens": billed,
                        "message_tokens": messages,
                        "server_cpu_s": time.process_time() - cpu_at_reset,
                    }
                )
            elif command == "reset":
                server.clear()
                server.reset_max_in_flight()
                cpu_at_reset = time.process_time()
                conn.send("ok")
            else:
                conn.send("bye")
                return


class ServerProcess:
    def __init__(self, latency: float) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(latency, child), daemon=True)
        self.process.start()
        self.base_url: str = self.conn.recv()

    def ask(self, command: str) -> Any:
        self.conn.send(command)
        return self.conn.recv()

    def close(self) -> None:
        self.ask("stop")
        self.process.join(timeout=10)


# --- pipelines ----------------------------------------------------------------


class CallTimes(ModelWrapper):
    """``inner``, keeping when each call began and ended (perf_counter seconds)."""

    def __init__(self, inner: JsonModel) -> None:
        super().__init__(inner)
        self.calls: list[tuple[float, float]] = []

    async def complete_json(self, request: JsonRequest) -> JsonReply:
        began = time.perf_counter()
        try:
            return await self.inner.complete_json(request)
        finally:
            self.calls.append((began, time.perf_counter()))


def slot_waits(
    calls: Sequence[tuple[float, float]], started: float, ended: float, latency: float, c: int
) -> dict[str, Any]:
    """What kept slots from being busy: the first fill, late replies, the work after the last."""
    changes = sorted([(b, 1) for b, _ in calls] + [(e, -1) for _, e in calls])
    in_flight, first_full = 0, None
    for moment, step in changes:
        in_flight += step
        if in_flight >= c:
            first_full = moment - started
            break
    late = sorted(1000 * (end - began - latency) for began, end in calls)
    return {
        "slots_first_full_s": None if first_full is None else round(first_full, 3),
        "reply_read_late_ms": {
            "median": round(statistics.median(late), 1),
            "p90": round(late[math.ceil(0.9 * len(late)) - 1], 1),  # nearest rank
        },
        "after_last_reply_s": round(ended - max(end for _, end in calls), 3),
    }


class Pass:
    """What the timed pass of one pipeline measured in this process."""

    def __init__(
        self,
        wall: float,
        cpu: float,
        summary: BatchSummary | None = None,
        waits: dict[str, Any] | None = None,
    ) -> None:
        self.wall = wall
        self.cpu = cpu
        self.summary = summary
        self.waits = waits


async def run_ours(
    items: list[tuple[str, str]],
    base_url: str,
    concurrency: int,
    server: ServerProcess,
    latency: float | None = None,
) -> Pass:
    model = OpenAICompatibleModel("fake-model", base_url=base_url, api_key="bench", timeout=60)
    with tempfile.TemporaryDirectory() as tmp:
        # Warm-up pass in this loop with this client: it builds its HTTP
        # client and opens one connection per request slot, as a long run has
        # long done, and the server composes every reply once.
        await arun_batch(items, Path(tmp) / "warm.jsonl", model=model, concurrency=concurrency)
        server.ask("reset")
        # The warm-up pass read these very texts; a long run never reads one twice.
        clear_sentence_cache()
        out = Path(tmp) / "out.jsonl"
        timed = CallTimes(model)
        cpu = time.process_time()
        started = time.perf_counter()
        summary = await arun_batch(items, out, model=timed, concurrency=concurrency)
        ended = time.perf_counter()
        cpu = time.process_time() - cpu
        wall = ended - started
        if summary.failed:
            failed = {k: r["error"] for k, r in read_results(out).items() if not r["ok"]}
            raise SystemExit(f"{summary.failed} article(s) failed: {failed}")
    await model.aclose()
    waits = None
    if latency is not None and timed.calls:
        waits = slot_waits(timed.calls, started, ended, latency, concurrency)
    return Pass(wall, cpu, summary, waits)


async def run_ours_in_processes(
    items: list[tuple[str, str]],
    base_url: str,
    concurrency: int,
    server: ServerProcess,
    processes: int,
) -> Pass:
    options = ModelOptions(
        model="fake-model", base_url=base_url, api_key="bench", timeout=60, concurrency=concurrency
    )
    async with ArticleProcesses(processes, options=options) as pool:
        with tempfile.TemporaryDirectory() as tmp:
            # The warm-up pass starts nothing new: the workers, their clients and
            # connections are up already, as in a long run; the server composes its replies.
            await arun_batch(items, Path(tmp) / "warm.jsonl", processes=pool)
            server.ask("reset")
            pool.clear_sentence_cache()
            clear_sentence_cache()
            out = Path(tmp) / "out.jsonl"
            cpu = time.process_time() + _cpu_seconds(pool.pids)
            started = time.perf_counter()
            summary = await arun_batch(items, out, processes=pool)
            wall = time.perf_counter() - started
            cpu = time.process_time() + _cpu_seconds(pool.pids) - cpu
            if summary.failed:
                failed = {k: r["error"] for k, r in read_results(out).items() if not r["ok"]}
                raise SystemExit(f"{summary.failed} article(s) failed: {failed}")
    return Pass(wall, cpu, summary)


def _cpu_seconds(pids: Sequence[int]) -> float:
    """User and system CPU time of the processes ``pids`` so far, from /proc."""
    return sum(cpu_seconds(pid) for pid in pids)


async def run_langchain(
    items: list[tuple[str, str]],
    base_url: str,
    concurrency: int,
    enc: tiktoken.Encoding,
    server: ServerProcess,
) -> Pass:
    # Imported by name: the peer is an optional extra, absent where only the
    # dev extras are installed (and then there is nothing to type-check).
    load_summarize_chain = importlib.import_module(
        "langchain_classic.chains.summarize"
    ).load_summarize_chain
    Document = importlib.import_module("langchain_core.documents").Document
    ChatOpenAI = importlib.import_module("langchain_openai").ChatOpenAI
    RecursiveCharacterTextSplitter = importlib.import_module(
        "langchain_text_splitters"
    ).RecursiveCharacterTextSplitter

    def count(text: str) -> int:
        return len(enc.encode_ordinary(text))

    # The bound on model requests: a chain's map step sends all its sections
    # at once, so ``max_concurrency`` (chains in flight) alone would let up to
    # sections x C requests out. The connection pool holds them to C.
    http_client = openai.DefaultAsyncHttpxClient(
        limits=httpx2.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    )
    llm = ChatOpenAI(
        model="fake-model",
        http_async_client=http_client,
        base_url=base_url,
        api_key="bench",
        temperature=0,
        max_retries=0,
        timeout=60,
        # The same offline encoding for the chain's own token counting.
        custom_get_token_ids=enc.encode_ordinary,
    )
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=2000, chunk_overlap=0, length_function=count
    )
    chain = load_summarize_chain(llm, chain_type="map_reduce")
    inputs = [
        {"input_documents": [Document(page_content=c) for c in splitter.split_text(text)]}
        for _, text in items
    ]
    # The same warm-up pass as ours: this client, one connection per slot,
    # every reply composed once.
    # As many chains in progress as ours has articles (twice the bound), so
    # that a chain between its map and reduce steps never leaves a slot idle.
    config = {"max_concurrency": 2 * concurrency}
    await chain.abatch(inputs, config=config)
    server.ask("reset")
    cpu = time.process_time()
    started = time.perf_counter()
    await chain.abatch(inputs, config=config)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu
    await http_client.aclose()  # in this loop, not after it is gone
    return Pass(wall, cpu)


def figures(
    stats: dict[str, float],
    timed: Pass,
    *,
    articles: int,
    body_tokens: int,
    latency: float,
    c: int,
) -> dict[str, Any]:
    ideal = stats["requests"] * latency / c
    wall, cpu = timed.wall, timed.cpu
    result: dict[str, Any] = {
        "articles": articles,
        "requests": stats["requests"],
        "requests_per_article": round(stats["requests"] / articles, 4),
        # What a server bills: messages plus the response_format schema.
        "prompt_tokens_per_article_token": round(stats["prompt_tokens"] / body_tokens, 4),
        "message_tokens_per_article_token": round(stats["message_tokens"] / body_tokens, 4),
        "max_in_flight": stats["max_in_flight"],
        "wall_s": round(wall, 3),
        "ideal_s": round(ideal, 3),
        "ratio_to_ideal": round(wall / ideal, 4),
        "client_cpu_s": round(cpu, 3),
        "client_cpu_ms_per_article": round(1000 * cpu / articles, 3),
        "server_cpu_s": round(stats["server_cpu_s"], 3),
        "load_average": round(os.getloadavg()[0], 2),
    }
    if timed.summary is not None:
        result["all_slots_busy"] = round(timed.summary.all_slots_busy, 4)
        result["slots_in_use"] = round(timed.summary.slots_in_use, 4)
    if timed.waits is not None:
        result.update(timed.waits)
    return result


def measure(
    name: str,
    server: ServerProcess,
    *,
    items: list[tuple[str, str]],
    body_tokens: int,
    args: argparse.Namespace,
    enc: tiktoken.Encoding,
) -> dict[str, Any]:
    if name.startswith("ours_one_process"):
        timed = asyncio.run(
            run_ours(items, server.base_url, args.concurrency, server, args.latency)
        )
    elif name.startswith("ours"):
        timed = asyncio.run(
            run_ours_in_processes(items, server.base_url, args.concurrency, server, args.processes)
        )
    else:
        timed = asyncio.run(run_langchain(items, server.base_url, args.concurrency, enc, server))
    result = figures(
        server.ask("stats"),
        timed,
        articles=len(items),
        body_tokens=body_tokens,
        latency=args.latency,
        c=args.concurrency,
    )
    print(f"{name}: {json.dumps(result)}", file=sys.stderr)
    if result["max_in_flight"] > args.concurrency:
        raise SystemExit(
            f"{name}: the server saw {result['max_in_flight']} requests in flight at once, "
            f"above the bound of {args.concurrency}; its figures compare unequal work"
        )
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--multi-articles", type=int, default=24)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per call")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--processes",
        type=int,
        default=DEFAULT_PROCESSES,
        help=f"factcheck's worker processes (default: this machine's cores, at most 4: "
        f"{DEFAULT_PROCESSES})",
    )
    parser.add_argument("--no-peer", action="store_true", help="skip the LangChain run")
    args = parser.parse_args(argv)

    enc = resolve_encoding(None)
    single, single_tokens = build_set(args.articles, 1000, 1900, args.seed, enc)
    multi, multi_tokens = build_set(args.multi_articles, 4200, 5800, args.seed + 1, enc)
    server = ServerProcess(args.latency)
    common: dict[str, Any] = {"args": args, "enc": enc}
    try:
        report: dict[str, Any] = {
            "latency_s": args.latency,
            "concurrency": args.concurrency,
            "processes": args.processes,
            "targets": TARGETS,
            "ours": measure(
                "ours", server, items=single, body_tokens=single_tokens, args=args, enc=enc
            ),
            "ours_multi_section": measure(
                "ours_multi", server, items=multi, body_tokens=multi_tokens, args=args, enc=enc
            ),
            "ours_one_process": measure(
                "ours_one_process", server, items=single, body_tokens=single_tokens, **common
            ),
            "ours_one_process_multi_section": measure(
                "ours_one_process_multi", server, items=multi, body_tokens=multi_tokens, **common
            ),
        }
        if not args.no_peer:
            report["langchain_map_reduce"] = measure(
                "langchain", server, items=single, body_tokens=single_tokens, args=args, enc=enc
            )
            report["langchain_map_reduce_multi_section"] = measure(
                "langchain_multi", server, items=multi, body_tokens=multi_tokens, args=args, enc=enc
            )
    finally:
        server.close()
    ours, multi = report["ours"], report["ours_multi_section"]
    meets = {
        "ratio_to_ideal": ours["ratio_to_ideal"] <= TARGETS["ratio_to_ideal"],
        "multi_section_ratio_to_ideal": multi["ratio_to_ideal"]
        <= TARGETS["multi_section_ratio_to_ideal"],
        "prompt_tokens_per_article_token": ours["prompt_tokens_per_article_token"]
        <= TARGETS["prompt_tokens_per_article_token"],
        "one_request_per_single_section_article": ours["requests_per_article"] == 1.0,
    }
    if not args.no_peer:
        peer = report["langchain_map_reduce_multi_section"]
        report["multi_section_wall_to_peer"] = round(multi["wall_s"] / peer["wall_s"], 4)
        meets["multi_section_wall_to_peer"] = (
            report["multi_section_wall_to_peer"] <= TARGETS["multi_section_wall_to_peer"]
        )
    report["meets_targets"] = meets
    print(json.dumps(report))


if __name__ == "__main__":
    main()
