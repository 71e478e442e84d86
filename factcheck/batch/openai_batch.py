"""The OpenAI Batch API route: the same checks, at half the price, within 24 hours.

Rounds (see :mod:`factcheck.batch.answers`): run every pending article
through the pipeline against the replies collected so far; write the ones
that asked for nothing new; put the requests of the others into one Batch
API input file (``custom_id``, ``method``, ``url``, ``body`` per line, the
body exactly what the live client sends at the strict json_schema step),
upload it, create the batch, poll it, download its output and error files,
and go again. Single-section articles are done after the first batch,
multi-section ones after the second (the reduce call).

A run that is interrupted while a batch is pending keeps the batch ids in
``OUT.openai-batch.json``; the next run with the same ``--out`` collects
those batches instead of paying for them again.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TextIO

import openai

from factcheck.batch.answers import AnsweringModel, AwaitingBatch, request_body
from factcheck.batch.items import BatchItem, BatchSource, as_items
from factcheck.batch.progress import BatchSummary, Progress
from factcheck.batch.records import Record, error_record, failure_record, outcome_record
from factcheck.batch.results_file import ResultsFile
from factcheck.errors import BatchAPIError, ConfigurationError, FactcheckError
from factcheck.ingest import load_article
from factcheck.llm import JsonRequest
from factcheck.llm._clients import resolve_api_key
from factcheck.llm._context import context_window_for
from factcheck.model_options import ModelKeywords, ModelOptions
from factcheck.pipeline import acheck
from factcheck.redaction import redact
from factcheck.settings import DEFAULT_REASKS, CheckSettings
from factcheck.sync_bridge import run_sync
from factcheck.usage import Usage

if TYPE_CHECKING:
    from typing_extensions import Unpack

log = logging.getLogger(__name__)

ENDPOINT: Final = "/v1/chat/completions"
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})
# The Batch API takes at most 50,000 requests and 200 MB per input file.
MAX_REQUESTS_PER_BATCH = 50_000
MAX_BYTES_PER_BATCH = 190 * 1024 * 1024
# One round for the sections, one for the reduce call, and room for the
# halvings of sections whose replies hit the output limit.
DEFAULT_MAX_ROUNDS = 6
_LABEL_CHARS = re.compile(r"[^A-Za-z0-9_-]")


def state_path_for(out_path: str | os.PathLike[str]) -> Path:
    return Path(f"{os.fspath(out_path)}.openai-batch.json")


class _State:
    """Batches submitted and not yet fully used, kept beside the output file."""

    def __init__(self, path: Path, model: str) -> None:
        self.path = path
        self.model = model
        self.batches: list[dict[str, Any]] = []
        if path.is_file():
            try:
                data = json.loads(path.read_text("utf-8"))
            except ValueError:
                log.warning("%s is not valid JSON; ignoring it", path)
                return
            if isinstance(data, dict) and data.get("model") == model:
                self.batches = [b for b in data.get("batches", []) if isinstance(b, dict)]

    def add(self, batch_id: str, requests: dict[str, str]) -> None:
        self.batches.append({"id": batch_id, "requests": requests})
        payload = json.dumps({"model": self.model, "batches": self.batches}).encode("utf-8")
        temporary = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, self.path)

    def clear(self) -> None:
        self.batches = []
        self.path.unlink(missing_ok=True)


@dataclass(eq=False)
class OpenAIBatchRoute:
    """One Batch API run over a results file."""

    client: openai.OpenAI = field(repr=False)
    model: str
    _: KW_ONLY
    settings: CheckSettings | None = None
    poll_interval: float = 30.0
    max_rounds: int = DEFAULT_MAX_ROUNDS
    progress: TextIO | None = None
    secrets: Sequence[str] = field(default=(), repr=False)  # keys: never in a repr
    max_reasks: int = DEFAULT_REASKS
    context_window: int = field(init=False)
    # The output or error line of each request the batches answered, by request key.
    lines: dict[str, dict[str, Any]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.secrets = [s for s in self.secrets if s]
        self.context_window = context_window_for(self.model)

    # --- rounds -------------------------------------------------------------

    async def _round(
        self, pending: list[tuple[BatchItem, Any]]
    ) -> tuple[list[Record], list[tuple[BatchItem, Any]], dict[str, JsonRequest]]:
        """Finished records, articles still waiting, and the requests they wait for."""
        finished: list[Record] = []
        waiting: list[tuple[BatchItem, Any]] = []
        asks: dict[str, JsonRequest] = {}
        for item, article in pending:
            model = AnsweringModel(
                self.model, self.context_window, self.lines, self.secrets, self.max_reasks
            )
            try:
                result = await acheck(article, model=model, settings=self.settings)
            except AwaitingBatch:  # model.pending holds every request it waits for
                asks.update(model.pending)
                waiting.append((item, article))
                continue
            except Exception as exc:  # one article's failure never stops the batch
                finished.append(failure_record(item.id, exc))
                continue
            if model.pending:
                asks.update(model.pending)
                waiting.append((item, article))
            else:
                finished.append(outcome_record(item.id, result))
        return finished, waiting, asks

    def run(self, items: list[BatchItem], out: ResultsFile, state: _State) -> BatchSummary:
        started = time.perf_counter()
        done = out.completed
        todo = [item for item in items if item.id not in done]
        summary = BatchSummary(total=len(items), skipped=len(items) - len(todo))
        counter = Progress(summary, self.progress)
        for batch in state.batches:
            self._collect(batch["id"], batch.get("requests", {}))
        pending: list[tuple[BatchItem, Any]] = []
        for item in todo:
            try:
                pending.append((item, load_article(item.text)))
            except FactcheckError as exc:
                self._write(out, summary, failure_record(item.id, exc))
        for round_number in range(1, self.max_rounds + 1):
            finished, pending, asks = run_sync(self._round(pending))
            for record in finished:
                self._write(out, summary, record)
            counter.update(force=True)
            if not pending or round_number == self.max_rounds:
                break
            log.info(
                "batch API round %d: %d request(s) for %d article(s)",
                round_number,
                len(asks),
                len(pending),
            )
            for batch_id, requests in self._submit(asks, round_number, state):
                self._collect(batch_id, requests)
                summary.requests += len(requests)
        for item, _article in pending:
            self._write(
                out,
                summary,
                error_record(
                    item.id,
                    "TransportError",
                    f"no result after {self.max_rounds} Batch API round(s)",
                ),
            )
        out.sync()
        state.clear()
        counter.finish()
        summary.wall_s = time.perf_counter() - started
        return summary

    @staticmethod
    def _write(out: ResultsFile, summary: BatchSummary, record: Record) -> None:
        out.append(record)
        result = record.get("result")
        usage = result.get("usage", {}) if isinstance(result, dict) else {}
        # Requests are counted as they are submitted, a batch at a time.
        tokens = Usage(
            prompt_tokens=int(usage.get("prompt_tokens", 0)),
            completion_tokens=int(usage.get("completion_tokens", 0)),
        )
        summary.add(record["id"], bool(record["ok"]), tokens)

    # --- one batch --------------------------------------------------------

    def _input_files(
        self, asks: dict[str, JsonRequest], round_number: int
    ) -> list[tuple[bytes, dict[str, str]]]:
        """Batch input JSONL (split at the API's limits) with custom_id -> request key."""
        files: list[tuple[bytes, dict[str, str]]] = []
        lines: list[bytes] = []
        ids: dict[str, str] = {}
        size = 0
        for n, (key, request) in enumerate(asks.items(), 1):
            label = _LABEL_CHARS.sub("_", request.label or request.schema_name)[:40]
            custom_id = f"r{round_number}-{n}-{label}"
            line = (
                json.dumps(
                    {
                        "custom_id": custom_id,
                        "method": "POST",
                        "url": ENDPOINT,
                        "body": request_body(self.model, request),
                    },
                    ensure_ascii=False,
                ).encode("utf-8")
                + b"\n"
            )
            if lines and (
                len(lines) >= MAX_REQUESTS_PER_BATCH or size + len(line) > MAX_BYTES_PER_BATCH
            ):
                files.append((b"".join(lines), ids))
                lines, ids, size = [], {}, 0
            lines.append(line)
            ids[custom_id] = key
            size += len(line)
        if lines:
            files.append((b"".join(lines), ids))
        return files

    def _submit(
        self, asks: dict[str, JsonRequest], round_number: int, state: _State
    ) -> list[tuple[str, dict[str, str]]]:
        submitted = []
        for data, ids in self._input_files(asks, round_number):
            try:
                uploaded = self.client.files.create(
                    file=(f"factcheck-round{round_number}.jsonl", data, "application/jsonl"),
                    purpose="batch",
                )
                batch = self.client.batches.create(
                    input_file_id=uploaded.id,
                    endpoint=ENDPOINT,
                    completion_window="24h",
                    metadata={"created_by": "llm-factcheck", "round": str(round_number)},
                )
            except openai.OpenAIError as exc:
                raise BatchAPIError(
                    redact(f"could not submit the batch: {type(exc).__name__}: {exc}", self.secrets)
                ) from None
            log.info("batch API: submitted %s with %d request(s)", batch.id, len(ids))
            state.add(batch.id, ids)
            submitted.append((batch.id, ids))
        return submitted

    def _wait(self, batch_id: str) -> Any:
        while True:
            try:
                batch = self.client.batches.retrieve(batch_id)
            except openai.OpenAIError as exc:
                raise BatchAPIError(
                    redact(f"could not poll batch {batch_id}: {exc}", self.secrets)
                ) from None
            counts = batch.request_counts
            if self.progress is not None:
                done = 0 if counts is None else counts.completed + counts.failed
                total = 0 if counts is None else counts.total
                self.progress.write(f"\rbatch {batch_id}: {batch.status} {done}/{total}   ")
                self.progress.flush()
            if batch.status in TERMINAL:
                if self.progress is not None:
                    self.progress.write("\n")
                return batch
            time.sleep(self.poll_interval)

    def _download(self, file_id: str | None) -> list[dict[str, Any]]:
        if not file_id:
            return []
        try:
            data = self.client.files.content(file_id).content
        except openai.OpenAIError as exc:
            raise BatchAPIError(
                redact(f"could not download {file_id}: {exc}", self.secrets)
            ) from None
        lines = []
        for raw in data.splitlines():
            if raw.strip():
                try:
                    line = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(line, dict):
                    lines.append(line)
        return lines

    def _collect(self, batch_id: str, requests: dict[str, str]) -> None:
        """Wait for ``batch_id`` and file every request's line under its request key."""
        batch = self._wait(batch_id)
        found = 0
        for line in [*self._download(batch.output_file_id), *self._download(batch.error_file_id)]:
            key = requests.get(str(line.get("custom_id")))
            if key is not None:
                self.lines[key] = line
                found += 1
        if batch.status == "failed" and batch.errors is not None and batch.errors.data:
            reason = "; ".join(str(e.message) for e in batch.errors.data[:3])
        else:
            reason = f"the batch ended as {batch.status} without a reply for it"
        for custom_id, key in requests.items():
            if key not in self.lines:
                self.lines[key] = {
                    "custom_id": custom_id,
                    "response": None,
                    "error": {"code": f"batch_{batch.status}", "message": reason},
                }
        log.info("batch API: %s %s, %d of %d replies", batch_id, batch.status, found, len(requests))


def _client(options: ModelOptions) -> tuple[openai.OpenAI, bool, list[str]]:
    api_key, client = options.api_key, options.client
    if client is not None:
        return client, False, [s for s in (api_key, client.api_key) if s]
    built = openai.OpenAI(
        api_key=resolve_api_key(api_key, options.base_url),
        base_url=options.base_url,
        timeout=options.timeout,
    )
    return built, True, [s for s in (api_key, built.api_key, os.environ.get("OPENAI_API_KEY")) if s]


def run_openai_batch(
    source: BatchSource,
    out_path: str | os.PathLike[str],
    *,
    options: ModelOptions | None = None,
    settings: CheckSettings | None = None,
    poll_interval: float = 30.0,
    max_rounds: int = DEFAULT_MAX_ROUNDS,
    max_reasks: int = DEFAULT_REASKS,
    progress: TextIO | None = None,
    **model_keywords: Unpack[ModelKeywords],
) -> BatchSummary:
    """Check every article of ``source`` through the OpenAI Batch API into ``out_path``.

    Same input, output lines and resume rules as :func:`factcheck.batch.run_batch`.
    The model is ``options`` with ``model_keywords`` on top (a name, its server,
    key or sync client and timeout; the cache and concurrency are the live
    route's). An invalid reply is re-asked in the next batch, up to
    ``max_reasks`` times.
    """
    connection = ModelOptions.given(options, model_keywords)
    model = connection.model
    if not isinstance(model, str) or not model:
        raise ConfigurationError("the Batch API route needs a model name")
    if poll_interval < 0 or max_rounds < 1 or max_reasks < 0:
        raise ConfigurationError("poll_interval must be >= 0, max_rounds >= 1 and max_reasks >= 0")
    items = as_items(source)
    sdk, owned, secrets = _client(connection)
    try:
        with ResultsFile.open(out_path) as out:
            route = OpenAIBatchRoute(
                sdk,
                model,
                settings=settings,
                poll_interval=poll_interval,
                max_rounds=max_rounds,
                progress=progress,
                secrets=secrets,
                max_reasks=max_reasks,
            )
            return route.run(items, out, _State(state_path_for(out_path), model))
    finally:
        if owned:
            sdk.close()
