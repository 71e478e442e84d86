"""The batch runner in one process against Ray Data with 1 and 2 actors, on the same articles.

The same N articles (default 200, 1,000-1,900 body tokens each) as
``bench/pipeline.py``, built by its ``build_set``, go against its
latency-simulating loopback server (``ServerProcess``: a child process that
writes each reply ``latency`` seconds after its request arrived):

- ``single_process``: ``factcheck batch``'s runner at concurrency C, after an
  untimed warm-up pass (``pipeline.run_ours``); the warm-up also has the
  server compose every reply once, for the Ray runs too;
- ``ray_1_actor`` and ``ray_2_actors``: :func:`factcheck.ray.run_ray_batch` on
  a local Ray cluster, each actor at concurrency C (so C x actors requests in
  flight at most), JSONL in, JSONL shards out.

Figures per run: ``wall_s``; ``ideal_s`` = requests x latency / (C x actors);
``ratio_to_ideal``; for Ray also ``first_batch_s`` (from the call to the first
batch starting on an actor: the actors' start-up) and
``ratio_to_ideal_after_start`` (the same ratio without it); and
``client_cpu_ms_per_article``: the CPU the client spends per article (this
process for the runner; the actor processes for Ray, read from ``/proc``
while they run, so Linux only). ``max_in_flight`` is what the server
reports, where it counts requests in flight (None where it does not); above
C x actors the script stops with an error.
The last line printed is one JSON object.

    python bench/ray_batch.py [--articles 200] [--concurrency 16] [--latency 0.2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from _proc_cpu import cpu_seconds
from pipeline import ServerProcess, build_set, run_ours

from factcheck.ray import read_ray_results, run_ray_batch
from factcheck.ray.shards import ShardDir
from factcheck.tokens import resolve_encoding

ACTOR_NAME = b"ray::MapWorker"


class ActorCpu:
    """Sums the CPU time of Ray's map actors, sampled from /proc until :meth:`stop`."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.seen: dict[int, float] = {}  # pid -> CPU seconds at the last sample
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/cmdline", "rb") as f:
                    if not f.read().startswith(ACTOR_NAME):
                        continue
                self.seen[int(entry.name)] = cpu_seconds(int(entry.name))
            except OSError:
                continue  # gone between listing and reading

    def _run(self) -> None:
        while not self._done.wait(self.interval):
            self._sample()

    def stop(self) -> float:
        self._done.set()
        self._thread.join()
        return sum(self.seen.values())


def _ratio(wall: float, ideal: float) -> float:
    return round(wall / ideal, 4) if ideal > 0 else float("nan")


def single_process(
    items: list[tuple[str, str]], server: ServerProcess, args: argparse.Namespace
) -> dict[str, Any]:
    # run_ours resets the server between its warm-up and its timed pass, and
    # counts the client's CPU for the timed pass alone.
    timed = asyncio.run(run_ours(items, server.base_url, args.concurrency, server))
    stats = server.ask("stats")
    ideal = stats["requests"] * args.latency / args.concurrency
    return {
        "requests": stats["requests"],
        "wall_s": round(timed.wall, 3),
        "ideal_s": round(ideal, 3),
        "ratio_to_ideal": _ratio(timed.wall, ideal),
        "client_cpu_ms_per_article": round(1000 * timed.cpu / len(items), 3),
        "max_in_flight": _within_bound(stats, args.concurrency, "single_process"),
    }


def _within_bound(stats: dict[str, Any], bound: int, name: str) -> int | None:
    """The server's count of requests in flight at most; above ``bound`` the run stops."""
    peak = stats.get("max_in_flight")
    if peak is not None and peak > bound:
        raise SystemExit(
            f"{name}: the server saw {peak} requests in flight at once, above the bound of "
            f"{bound}; its figures compare unequal work"
        )
    return None if peak is None else int(peak)


def on_ray(
    source: Path, items: int, actors: int, server: ServerProcess, args: argparse.Namespace
) -> dict[str, Any]:
    server.ask("reset")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        cpu = ActorCpu()
        started_at = time.time()
        started = time.perf_counter()
        summary = run_ray_batch(
            source,
            out,
            model="fake-model",
            base_url=server.base_url,
            timeout=60,
            concurrency=args.concurrency,
            actors=actors,
            batch_size=2 * args.concurrency,
        )
        wall = time.perf_counter() - started
        actor_cpu = cpu.stop()
        if summary.failed:
            failed = {k: r["error"] for k, r in read_ray_results(out).items() if not r["ok"]}
            raise SystemExit(f"{summary.failed} article(s) failed on Ray: {failed}")
        shards = ShardDir(out)
        first = min(
            datetime.fromisoformat(row["checked_at"]).timestamp()
            for row in shards.rows(shards.files(), ["checked_at"])
        )
    stats = server.ask("stats")
    ideal = stats["requests"] * args.latency / (args.concurrency * actors)
    first_batch = max(0.0, first - started_at)
    return {
        "actors": actors,
        "requests": stats["requests"],
        "wall_s": round(wall, 3),
        "ideal_s": round(ideal, 3),
        "ratio_to_ideal": _ratio(wall, ideal),
        "first_batch_s": round(first_batch, 3),
        "ratio_to_ideal_after_start": _ratio(wall - first_batch, ideal),
        "client_cpu_ms_per_article": round(1000 * actor_cpu / items, 3),
        "max_in_flight": _within_bound(stats, args.concurrency * actors, f"ray_{actors}"),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=16, help="per process or actor")
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per call")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cpus", type=int, default=2, help="CPUs of the local Ray cluster")
    args = parser.parse_args(argv)

    import ray

    from factcheck.ray.cli import quiet_ray

    items, _ = build_set(args.articles, 1000, 1900, args.seed, resolve_encoding(None))
    server = ServerProcess(args.latency)
    ray.init(num_cpus=args.cpus, include_dashboard=False, log_to_driver=False)
    quiet_ray()
    try:
        report: dict[str, Any] = {
            "articles": len(items),
            "latency_s": args.latency,
            "concurrency": args.concurrency,
            "single_process": single_process(items, server, args),
        }
        print(f"single_process: {json.dumps(report['single_process'])}", file=sys.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "articles.jsonl"
            source.write_text(
                "".join(json.dumps({"id": k, "text": t}) + "\n" for k, t in items), "utf-8"
            )
            for actors, name in ((1, "ray_1_actor"), (2, "ray_2_actors")):
                report[name] = on_ray(source, len(items), actors, server, args)
                print(f"{name}: {json.dumps(report[name])}", file=sys.stderr)
    finally:
        ray.shutdown()
        server.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
