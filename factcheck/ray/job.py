"""A whole run on Ray Data: read the articles, check them on a pool of actors, write shards.

The pipeline is ``input -> map_batches(CheckArticles) -> write_json | write_parquet``:
Ray streams blocks through a fixed pool of actors, each with its own model
client and limiter, and writes each finished block as a shard of the output
directory. A task whose actor dies is run again on a restarted actor; its
block is written only once it is whole, so every article has exactly one row
per run. The tally is read back from the shards this run wrote.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from factcheck.batch.limiter import DEFAULT_RECOVER_AFTER
from factcheck.batch.progress import BatchSummary
from factcheck.errors import BatchInputError, ConfigurationError
from factcheck.model_options import ModelKeywords, ModelOptions
from factcheck.ray.inputs import Todo, plan_input, todo_dataset
from factcheck.ray.rows import TALLY_COLUMNS
from factcheck.ray.shards import FORMATS, ShardDir, latest_rows, run_prefix
from factcheck.ray.udf import CheckArticles
from factcheck.settings import CheckSettings
from factcheck.usage import Usage

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from factcheck.llm import JsonModel

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 64
# What an actor reserves of a CPU. Its own work is the articles' (ingest,
# grounding: a few ms each) and waiting on the model; a whole CPU per actor
# would let a pool of one actor per CPU take them all, and the tasks that list,
# read and write files would wait for a CPU for ever.
ACTOR_CPUS = 0.5
# Two batches run side by side on an actor, so that while one ends (its last,
# slow articles hold few request slots) the next already fills the others.
CALLS_PER_ACTOR = 2


def _start_ray(address: str | None) -> bool:
    """Connect to (or start) a cluster unless this process already has; True if we did."""
    import ray

    if ray.is_initialized():
        return False
    ray.init(address=address, include_dashboard=False, log_to_driver=False)
    return True


def _cluster_cpus() -> int:
    import ray

    return max(1, int(ray.cluster_resources().get("CPU", 1)))  # type: ignore[no-untyped-call]


def _tally(shards: ShardDir, prefix: str, todo: Todo, summary: BatchSummary) -> None:
    seen: dict[str, int] = {}
    for row in shards.rows(shards.files(prefix), TALLY_COLUMNS):
        seen[row["id"]] = seen.get(row["id"], 0) + 1
        usage = Usage(
            prompt_tokens=int(row["prompt_tokens"]),
            completion_tokens=int(row["completion_tokens"]),
            requests=int(row["requests"]),
        )
        summary.add(row["id"], bool(row["ok"]), usage)
    twice = sorted(key for key, count in seen.items() if count > 1)
    if twice:  # a row per article per run is the contract; say so loudly if not
        log.error("ray: %d id(s) have more than one row in this run: %s", len(twice), twice[:5])
    missing = [key for key in todo.ids if key not in seen]
    if missing:
        log.error("ray: %d article(s) have no row: %s", len(missing), missing[:5])
        summary.failed += len(missing)
        summary.failed_ids.extend(missing)


def run_ray_batch(
    source: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    options: ModelOptions | None = None,
    model_factory: Callable[[], JsonModel] | None = None,
    actors: int | None = None,
    recover_after: int = DEFAULT_RECOVER_AFTER,
    settings: CheckSettings | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    out_format: Literal["jsonl", "parquet"] = "jsonl",
    skip_done: bool = False,
    address: str | None = None,
    **model_keywords: Unpack[ModelKeywords],
) -> BatchSummary:
    """Check every article of ``source`` on Ray into shards under ``out_dir``.

    ``source`` is a directory of ``*.txt`` files, a JSONL file of ``{id, text}``
    lines, or Parquet data with ``id`` and ``text`` columns. The model is
    ``options`` (a :class:`ModelOptions`) with ``model_keywords`` on top, or
    what ``model_factory`` builds on each actor; ``concurrency`` bounds the
    requests in flight per actor. Keys and clients stay out of it: each actor
    reads ``OPENAI_API_KEY`` itself. ``actors`` is the pool size (default: one
    per CPU of the cluster). ``address`` is a cluster to join (``auto``,
    ``ray://host:10001``); without one, a cluster already joined by this
    process is used, or a local one is started and stopped again. ``out_dir``
    must hold no shards yet unless ``skip_done``, which checks only the ids
    without an ``ok`` row there.
    """
    connection = ModelOptions.given(options, model_keywords)
    if batch_size < 1 or (actors is not None and actors < 1):
        raise ConfigurationError("batch size and actors must be >= 1")
    if out_format not in FORMATS:
        raise ConfigurationError(f"out_format must be one of {', '.join(FORMATS)}")
    if connection.model is None and model_factory is None and connection.base_url:
        raise ConfigurationError("a model name is required with a base URL")
    if connection.model is not None and not isinstance(connection.model, str):
        raise ConfigurationError("a ready model is not sent through Ray: pass model_factory")
    if connection.api_key or connection.client or connection.async_client:
        raise ConfigurationError(
            "a key or a client is not sent through Ray: each actor reads OPENAI_API_KEY "
            "(or pass model_factory to build the model on the actor)"
        )
    started = time.perf_counter()
    shards = ShardDir(out_dir)
    done: set[str] = set()
    if shards.files():
        if not skip_done:
            raise BatchInputError(
                f"{shards.uri} already holds results; pass --skip-done to check only the "
                "articles not yet ok there, or choose an empty directory"
            )
        done = {key for key, row in latest_rows(shards, ()).items() if row["ok"]}
    todo = plan_input(source, done)
    summary = BatchSummary(total=todo.total, skipped=todo.skipped)
    if todo.ids:
        owned = _start_ray(address)
        try:
            pool = actors or _cluster_cpus()
            pool = min(pool, -(-len(todo.ids) // batch_size))  # no actor without a batch
            prefix = run_prefix(uuid.uuid4().hex[:12])
            checked = todo_dataset(todo, blocks=pool * 4).map_batches(
                CheckArticles,
                fn_constructor_kwargs={
                    "options": connection,
                    "settings": settings,
                    "recover_after": recover_after,
                    "model_factory": model_factory,
                },
                batch_size=batch_size,
                batch_format="pyarrow",
                compute=_pool(pool),
                num_cpus=ACTOR_CPUS,
            )
            _write(checked, shards, prefix, out_format)
        finally:
            if owned:
                import ray

                ray.shutdown()
        written = shards.files(prefix)
        shards.make_private(written)
        _tally(shards, prefix, todo, summary)
    summary.wall_s = time.perf_counter() - started
    return summary


def _pool(size: int) -> Any:
    import ray.data

    return ray.data.ActorPoolStrategy(
        size=size,
        max_concurrent_calls_per_actor=CALLS_PER_ACTOR,
        enable_true_multi_threading=True,
    )


def _write(dataset: Any, shards: ShardDir, prefix: str, out_format: str) -> None:
    from ray.data.datasource import FilenameProvider

    names = FilenameProvider(dataset_uuid=prefix, file_format=FORMATS[out_format].lstrip("."))
    if shards.local:
        os.makedirs(shards.path, mode=0o700, exist_ok=True)
    options: dict[str, Any] = {"filename_provider": names}
    if out_format == "parquet":
        dataset.write_parquet(shards.uri, **options)
    else:
        # One JSON object per line, non-ASCII kept as it is, as factcheck batch writes.
        dataset.write_json(shards.uri, force_ascii=False, **options)
