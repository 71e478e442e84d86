"""The OpenAI Files and Batch endpoints on :class:`FakeOpenAIServer`, enough for batch clients.

Routes: ``POST /v1/files`` (multipart upload), ``GET /v1/files/{id}``,
``GET /v1/files/{id}/content``, ``POST /v1/batches``, ``GET /v1/batches/{id}``,
``POST /v1/batches/{id}/cancel``. A created batch runs in a background
thread: each input line is sent, over real HTTP, to the same server's
``/v1/chat/completions`` (so scripted replies, the ``handler``, faults,
latency and request records all apply), then the batch completes with an
output file (status 200 replies) and an error file (everything else), in the
Batch API's line format.

>>> with FakeOpenAIServer() as server:  # doctest: +SKIP
...     batches = FakeBatchAPI(server)
...     ...  # client.files.create(...); client.batches.create(...)
"""

from __future__ import annotations

import email.parser
import email.policy
import http.client
import itertools
import json
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from factcheck.testing._script import Fault, Outcome, Response
from factcheck.testing._server import FakeOpenAIServer, RecordedRequest

ENDPOINT = "/v1/chat/completions"


@dataclass
class StoredFile:
    id: str
    filename: str
    purpose: str
    data: bytes
    created_at: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "file",
            "bytes": len(self.data),
            "created_at": self.created_at,
            "filename": self.filename,
            "purpose": self.purpose,
            "status": "processed",
        }


def _not_found(kind: str, key: str) -> Fault:
    return Fault.http(404, f"No such {kind}: '{key}'", code=f"{kind}_not_found")


def _multipart(request: RecordedRequest) -> dict[str, tuple[str | None, bytes]]:
    """Form fields of a multipart body: name -> (filename, bytes)."""
    content_type = request.headers.get("content-type", "")
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.raw)
    fields: dict[str, tuple[str | None, bytes]] = {}
    if not message.is_multipart():
        return fields
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            payload = b"" if payload is None else str(payload).encode("utf-8")
        if name:
            fields[str(name)] = (part.get_filename(), payload)
    return fields


class FakeBatchAPI:
    """Files and batches held in memory, served by ``server``.

    ``expire_after``: process only that many requests of each batch, then end
    it as ``expired`` (the rest go to the error file as ``batch_expired``).
    ``created`` lists the id of every batch created, in order.
    """

    def __init__(self, server: FakeOpenAIServer, *, expire_after: int | None = None) -> None:
        self.server = server
        self.expire_after = expire_after
        self.files: dict[str, StoredFile] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.created: list[str] = []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._threads: list[threading.Thread] = []
        server.add_route("POST", "/v1/files", self._upload)
        server.add_route("GET", "/v1/files/{file_id}", self._file)
        server.add_route("GET", "/v1/files/{file_id}/content", self._file_content)
        server.add_route("POST", "/v1/batches", self._create)
        server.add_route("GET", "/v1/batches/{batch_id}", self._retrieve)
        server.add_route("POST", "/v1/batches/{batch_id}/cancel", self._cancel)

    # --- files ------------------------------------------------------------

    def _store(self, filename: str, purpose: str, data: bytes) -> StoredFile:
        with self._lock:
            stored = StoredFile(
                f"file-fake{next(self._ids)}", filename, purpose, data, int(time.time())
            )
            self.files[stored.id] = stored
        return stored

    def _upload(self, request: RecordedRequest) -> Outcome:
        fields = _multipart(request)
        if "file" not in fields or "purpose" not in fields:
            return Fault.bad_request("A multipart body with 'file' and 'purpose' is required.")
        filename, data = fields["file"]
        purpose = fields["purpose"][1].decode("utf-8", "replace")
        return Response(body=self._store(filename or "upload.jsonl", purpose, data).to_dict())

    def _file(self, request: RecordedRequest) -> Outcome:
        stored = self.files.get(request.path_params["file_id"])
        if stored is None:
            return _not_found("file", request.path_params["file_id"])
        return Response(body=stored.to_dict())

    def _file_content(self, request: RecordedRequest) -> Outcome:
        stored = self.files.get(request.path_params["file_id"])
        if stored is None:
            return _not_found("file", request.path_params["file_id"])
        return Response(body=stored.data, headers={"content-type": "application/octet-stream"})

    # --- batches ----------------------------------------------------------

    def _create(self, request: RecordedRequest) -> Outcome:
        body = request.body if isinstance(request.body, dict) else {}
        input_id = str(body.get("input_file_id", ""))
        if input_id not in self.files:
            return _not_found("file", input_id)
        if body.get("endpoint") != ENDPOINT:
            return Fault.bad_request(f"This fake serves only the {ENDPOINT} endpoint.")
        now = int(time.time())
        with self._lock:
            batch_id = f"batch_fake{next(self._ids)}"
            batch: dict[str, Any] = {
                "id": batch_id,
                "object": "batch",
                "endpoint": ENDPOINT,
                "errors": None,
                "input_file_id": input_id,
                "completion_window": str(body.get("completion_window", "24h")),
                "status": "validating",
                "output_file_id": None,
                "error_file_id": None,
                "created_at": now,
                "in_progress_at": None,
                "expires_at": now + 86400,
                "completed_at": None,
                "request_counts": {"total": 0, "completed": 0, "failed": 0},
                "metadata": body.get("metadata"),
            }
            self.batches[batch_id] = batch
            self.created.append(batch_id)
        authorization = request.headers.get("authorization", "")
        thread = threading.Thread(
            target=self._process,
            args=(batch_id, authorization),
            name=f"fake-batch-{batch_id}",
            daemon=True,
        )
        self._threads.append(thread)
        thread.start()
        return Response(body=dict(batch))

    def _retrieve(self, request: RecordedRequest) -> Outcome:
        batch_id = request.path_params["batch_id"]
        with self._lock:
            batch = self.batches.get(batch_id)
            return _not_found("batch", batch_id) if batch is None else Response(body=dict(batch))

    def _cancel(self, request: RecordedRequest) -> Outcome:
        batch_id = request.path_params["batch_id"]
        with self._lock:
            batch = self.batches.get(batch_id)
            if batch is None:
                return _not_found("batch", batch_id)
            if batch["status"] in ("validating", "in_progress"):
                batch["status"] = "cancelling"
            return Response(body=dict(batch))

    def wait(self, timeout: float = 10.0) -> None:
        """Block until every batch created so far has finished processing."""
        for thread in list(self._threads):
            thread.join(timeout)

    # --- processing (background thread) ------------------------------------

    def _update(self, batch_id: str, **changes: Any) -> None:
        with self._lock:
            self.batches[batch_id].update(changes)

    def _fail(self, batch_id: str, errors: list[dict[str, Any]]) -> None:
        self._update(
            batch_id,
            status="failed",
            failed_at=int(time.time()),
            errors={"object": "list", "data": errors},
        )

    def _process(self, batch_id: str, authorization: str) -> None:
        batch = self.batches[batch_id]
        lines = self.files[batch["input_file_id"]].data.decode("utf-8").splitlines()
        requests: list[dict[str, Any]] = []
        seen: set[str] = set()
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError:
                self._fail(
                    batch_id, [{"code": "invalid_json", "message": "bad JSON", "line": number}]
                )
                return
            custom_id = item.get("custom_id") if isinstance(item, dict) else None
            if not isinstance(custom_id, str) or custom_id in seen or item.get("url") != ENDPOINT:
                message = "each line needs a unique custom_id and url " + ENDPOINT
                self._fail(
                    batch_id, [{"code": "invalid_request", "message": message, "line": number}]
                )
                return
            seen.add(custom_id)
            requests.append(item)
        self._update(
            batch_id,
            status="in_progress",
            in_progress_at=int(time.time()),
            request_counts={"total": len(requests), "completed": 0, "failed": 0},
        )
        output: list[str] = []
        errors: list[str] = []
        status = "completed"
        for index, item in enumerate(requests):
            cancelled = self.batches[batch_id]["status"] == "cancelling"
            if cancelled or (self.expire_after is not None and index >= self.expire_after):
                status = "cancelled" if cancelled else "expired"
                code = "batch_cancelled" if cancelled else "batch_expired"
                errors.extend(
                    _expired_line(batch_id, k, r, code)
                    for k, r in enumerate(requests[index:], index)
                )
                break
            line, ok = self._run_one(batch_id, index, item, authorization)
            (output if ok else errors).append(line)
            with self._lock:
                counts = self.batches[batch_id]["request_counts"]
                counts["completed" if ok else "failed"] += 1
        changes: dict[str, Any] = {"status": status, f"{status}_at": int(time.time())}
        if output:
            changes["output_file_id"] = self._store(
                f"{batch_id}_output.jsonl", "batch_output", _jsonl(output)
            ).id
        if errors:
            changes["error_file_id"] = self._store(
                f"{batch_id}_error.jsonl", "batch_output", _jsonl(errors)
            ).id
        self._update(batch_id, **changes)

    def _run_one(
        self, batch_id: str, index: int, item: dict[str, Any], authorization: str
    ) -> tuple[str, bool]:
        """One request through the server's own chat endpoint: (output line, ok)."""
        body = json.dumps(item.get("body", {})).encode("utf-8")
        split = urlsplit(self.server.base_url)
        connection = http.client.HTTPConnection(
            split.hostname or "127.0.0.1", split.port, timeout=60
        )
        headers = {
            "content-type": "application/json",
            "authorization": authorization,
            "x-fake-batch-id": batch_id,
        }
        line: dict[str, Any] = {
            "id": f"batch_req_{batch_id}_{index}",
            "custom_id": item["custom_id"],
        }
        try:
            connection.request("POST", ENDPOINT, body=body, headers=headers)
            reply = connection.getresponse()
            payload = reply.read()
            status = reply.status
        except (OSError, http.client.HTTPException) as exc:
            line.update(
                response=None,
                error={"code": "server_error", "message": f"the request failed: {exc}"},
            )
            return json.dumps(line), False
        finally:
            connection.close()
        try:
            parsed: Any = json.loads(payload)
        except ValueError:
            parsed = payload.decode("utf-8", "replace")
        line.update(
            response={"status_code": status, "request_id": f"req_{index}", "body": parsed},
            error=None,
        )
        return json.dumps(line), status == 200


def _expired_line(batch_id: str, index: int, item: dict[str, Any], code: str) -> str:
    return json.dumps(
        {
            "id": f"batch_req_{batch_id}_{index}",
            "custom_id": item["custom_id"],
            "response": None,
            "error": {"code": code, "message": "This request could not be executed in time."},
        }
    )


def _jsonl(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")
