"""A real HTTP server on loopback that speaks enough of the OpenAI API for tests.

The real ``openai`` SDK talks real HTTP to it, so tests exercise the same
code paths as production: headers, status codes, timeouts, dropped sockets.
Each chat request is answered, in order of precedence, by the next scripted
item (:meth:`FakeOpenAIServer.script`), by ``handler(request)`` when it
returns something, or by the default model (``_default_model``). Every
request is recorded for assertions. More endpoints plug in with
:meth:`FakeOpenAIServer.add_route`.

The server also counts the chat requests it is answering at any moment
(``in_flight``) and the most it has seen at once (``max_in_flight``, reset with
:meth:`FakeOpenAIServer.reset_max_in_flight`), so a benchmark can show that a
client kept to its concurrency bound. A process that only has the URL reads
the same figures from ``GET /_fake/in_flight`` and resets the peak with
``POST /_fake/in_flight/reset``.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import itertools
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from factcheck.testing._default_model import default_content
from factcheck.testing._script import Fault, Outcome, Reply, Response


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server saw it. Header names are lower-case."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any  # parsed JSON, or None when the body was empty or not JSON
    raw: bytes
    path_params: dict[str, str] = field(default_factory=dict)
    received_at: float = 0.0  # time.monotonic() when the body had been read

    @property
    def response_format_type(self) -> str | None:
        """``json_schema``, ``json_object``, or None (plain text) for chat requests."""
        fmt = self.body.get("response_format") if isinstance(self.body, dict) else None
        return fmt.get("type") if isinstance(fmt, dict) else None

    @property
    def strict(self) -> bool:
        fmt = self.body.get("response_format") if isinstance(self.body, dict) else None
        spec = fmt.get("json_schema") if isinstance(fmt, dict) else None
        return bool(isinstance(spec, dict) and spec.get("strict"))

    @property
    def ladder_mode(self) -> str:
        """The client's ladder step this request was sent at."""
        kind = self.response_format_type
        if kind == "json_schema":
            return "json_schema_strict" if self.strict else "json_schema"
        return kind or "text"


Handler = Callable[[RecordedRequest], "Outcome | None"]
RouteFunction = Callable[[RecordedRequest], Outcome]

CHAT_PATH = "/v1/chat/completions"
IN_FLIGHT_PATH = "/_fake/in_flight"


def _compile_route(pattern: str) -> re.Pattern[str]:
    """``/v1/files/{file_id}`` -> a regex with a named group per ``{name}``."""
    parts = re.split(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", pattern)
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>[^/]+)" for i, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$")


def count_tokens(text: str) -> int:
    """Tokens as the fake server bills them, with the bundled offline encoding."""
    import tiktoken

    from factcheck.tokens import OFFLINE_ENCODING

    return len(tiktoken.get_encoding(OFFLINE_ENCODING).encode_ordinary(text)) if text else 0


def billed_prompt_tokens(body: dict[str, Any]) -> int:
    """The prompt tokens the fake server bills for a chat request ``body``.

    Every message, and the response_format schema, as real servers bill it too.
    """
    text = "".join(
        str(m.get("content", "")) for m in body.get("messages", []) if isinstance(m, dict)
    )
    fmt = body.get("response_format")
    if isinstance(fmt, dict) and fmt.get("json_schema") is not None:
        text += json.dumps(fmt["json_schema"])
    return count_tokens(text)


class FakeOpenAIServer:
    """OpenAI-compatible server on 127.0.0.1 in a background thread.

    ``latency`` is how long every chat call takes, counted from the request's
    arrival (requests are served concurrently);
    ``include_usage=False`` omits ``usage`` everywhere. ``accept_strict``,
    ``accept_json_schema`` and ``accept_json_object`` say which response
    formats the server supports; others get the 400 such servers send.
    ``api_key`` makes the server demand that bearer key (a wrong one gets a
    401 that echoes it back, as careless proxies do). ``known_models``, when
    given, makes other model names a 404. ``context_window``, when given,
    answers a request whose prompt tokens plus requested output tokens exceed
    it with OpenAI's ``context_length_exceeded`` 400.

    A chat request counts as in flight from the moment its request line has
    been read until its reply starts to go out (or its connection is dropped).
    It stops counting before the client can have read the reply, so a client
    that sends its next request only once a reply is in can never be seen
    above its own bound.
    """

    def __init__(
        self,
        *,
        models: Collection[str] = ("fake-model",),
        latency: float = 0.0,
        include_usage: bool = True,
        accept_strict: bool = True,
        accept_json_schema: bool = True,
        accept_json_object: bool = True,
        api_key: str | None = None,
        known_models: Collection[str] | None = None,
        handler: Handler | None = None,
        context_window: int | None = None,
    ) -> None:
        self.models = list(models)
        self.latency = latency
        self.include_usage = include_usage
        self.accept_strict = accept_strict
        self.accept_json_schema = accept_json_schema
        self.accept_json_object = accept_json_object
        self.api_key = api_key
        self.known_models = None if known_models is None else set(known_models)
        self.handler = handler
        self.context_window = context_window
        self._lock = threading.Lock()
        self._script: collections.deque[Outcome] = collections.deque()
        self._requests: list[RecordedRequest] = []
        self._routes: list[tuple[str, re.Pattern[str], RouteFunction]] = []
        self._ids = itertools.count(1)
        self._in_flight = 0
        self._max_in_flight = 0
        self._stopping = threading.Event()
        # When the chat reply being answered on this handler thread is due.
        self._reply_due = threading.local()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.add_route("POST", CHAT_PATH, self._chat_completions)
        self.add_route("GET", "/v1/models", self._list_models)
        self.add_route("GET", "/v1/models/{model}", self._get_model)
        self.add_route("GET", IN_FLIGHT_PATH, self._in_flight_figures)
        self.add_route("POST", IN_FLIGHT_PATH + "/reset", self._reset_in_flight_route)

    # --- lifecycle -------------------------------------------------------

    def start(self) -> FakeOpenAIServer:
        if self._httpd is not None:
            return self
        self._stopping.clear()
        self._httpd = _HTTPServer(("127.0.0.1", 0), _RequestHandler, self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.01},
            name="fake-openai-server",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._stopping.set()  # wakes handlers that are sleeping in a delay
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the server is not running; call start() first")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # --- scripting and records --------------------------------------------

    def script(self, *outcomes: Outcome) -> None:
        """Queue answers for the next chat requests, consumed in order."""
        with self._lock:
            self._script.extend(outcomes)

    @property
    def pending(self) -> int:
        """Scripted answers not yet consumed."""
        with self._lock:
            return len(self._script)

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == CHAT_PATH]

    @property
    def in_flight(self) -> int:
        """Chat requests being answered right now."""
        with self._lock:
            return self._in_flight

    @property
    def max_in_flight(self) -> int:
        """The most chat requests in flight at once since start or the last reset."""
        with self._lock:
            return self._max_in_flight

    def reset_max_in_flight(self) -> int:
        """Start a new peak (from the requests in flight now); returns the old one.

        Call it between two passes of a benchmark so that each pass reports
        its own ``max_in_flight``.
        """
        with self._lock:
            peak, self._max_in_flight = self._max_in_flight, self._in_flight
            return peak

    def clear(self) -> None:
        with self._lock:
            self._requests.clear()
            self._script.clear()

    def add_route(self, method: str, pattern: str, function: RouteFunction) -> None:
        """Serve ``method pattern`` with ``function``; later routes win over earlier ones.

        ``pattern`` may hold ``{name}`` segments, passed as ``request.path_params``.
        """
        with self._lock:
            self._routes.insert(0, (method.upper(), _compile_route(pattern), function))

    def sleep(self, seconds: float) -> bool:
        """Wait ``seconds`` unless the server stops first (True when it did)."""
        return self._stopping.wait(seconds)

    def _take_reply_due(self) -> float:
        due: float = getattr(self._reply_due, "at", 0.0)
        self._reply_due.at = 0.0
        return due

    # --- dispatch (called from handler threads) ---------------------------

    def _enter(self) -> None:
        with self._lock:
            self._in_flight += 1
            self._max_in_flight = max(self._max_in_flight, self._in_flight)

    def _leave(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _route(self, method: str, path: str) -> tuple[RouteFunction, dict[str, str]] | None:
        with self._lock:
            routes = list(self._routes)
        for route_method, regex, function in routes:
            match = regex.match(path)
            if route_method == method and match:
                return function, match.groupdict()
        return None

    def _next_scripted(self) -> Outcome | None:
        with self._lock:
            return self._script.popleft() if self._script else None

    # --- built-in routes ---------------------------------------------------

    def _list_models(self, request: RecordedRequest) -> Outcome:
        data = [{"id": m, "object": "model", "created": 0, "owned_by": "fake"} for m in self.models]
        return Response(body={"object": "list", "data": data})

    def _get_model(self, request: RecordedRequest) -> Outcome:
        model = request.path_params["model"]
        if model not in self.models:
            return Fault.model_not_found(model)
        return Response(body={"id": model, "object": "model", "created": 0, "owned_by": "fake"})

    def _in_flight_figures(self, request: RecordedRequest) -> Outcome:
        with self._lock:
            body = {"in_flight": self._in_flight, "max_in_flight": self._max_in_flight}
        return Response(body=body)

    def _reset_in_flight_route(self, request: RecordedRequest) -> Outcome:
        return Response(body={"max_in_flight": self.reset_max_in_flight()})

    def _format_rejection(self, request: RecordedRequest) -> Fault | None:
        mode = request.ladder_mode
        if mode == "json_schema_strict" and not self.accept_strict:
            return (
                Fault.json_schema_unsupported()
                if not self.accept_json_schema
                else (Fault.strict_unsupported())
            )
        if mode == "json_schema" and not self.accept_json_schema:
            return Fault.json_schema_unsupported()
        if mode == "json_object" and not self.accept_json_object:
            return Fault.json_object_unsupported()
        return None

    def _length_rejection(self, body: dict[str, Any]) -> Fault | None:
        if self.context_window is None:
            return None
        prompt = billed_prompt_tokens(body)
        requested = body.get("max_completion_tokens", body.get("max_tokens"))
        completion = requested if isinstance(requested, int) else 0
        if prompt + completion <= self.context_window:
            return None
        return Fault.context_length_exceeded(self.context_window, prompt, completion)

    def _chat_completions(self, request: RecordedRequest) -> Outcome:
        body = request.body if isinstance(request.body, dict) else None
        if body is None:
            return Fault.bad_request("We could not parse the JSON body of your request.")
        if self.api_key is not None:
            given = request.headers.get("authorization", "")
            if given != f"Bearer {self.api_key}":
                # Echo the key back: clients must keep it out of their errors.
                return Fault.unauthorized(
                    f"Incorrect API key provided: {given.removeprefix('Bearer ')}."
                )
        model = str(body.get("model", ""))
        if self.known_models is not None and model not in self.known_models:
            return Fault.model_not_found(model)
        rejection = self._format_rejection(request) or self._length_rejection(body)
        if rejection is not None:
            return rejection
        outcome = self._next_scripted()
        if outcome is None and self.handler is not None:
            outcome = self.handler(request)
        if outcome is None:
            outcome = Reply(content=default_content(body))
        if self.latency > 0:
            self._reply_due.at = request.received_at + self.latency
        return outcome

    def completion_body(self, request: RecordedRequest, reply: Reply) -> dict[str, Any]:
        """The JSON of a chat completion carrying ``reply``."""
        body = request.body if isinstance(request.body, dict) else {}
        result: dict[str, Any] = {
            "id": f"chatcmpl-fake-{next(self._ids)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": str(body.get("model", "fake-model")),
            "system_fingerprint": None,
            "choices": [
                {
                    "index": 0,
                    "message": {
                        "role": "assistant",
                        "content": reply.content,
                        "refusal": reply.refusal,
                    },
                    "finish_reason": reply.finish_reason,
                    "logprobs": None,
                }
            ],
        }
        if self.include_usage and not reply.omit_usage:
            if reply.usage is not None:
                prompt, completion = reply.usage
            else:
                prompt = billed_prompt_tokens(body)
                completion = count_tokens(reply.content or reply.refusal or "")
            result["usage"] = {
                "prompt_tokens": prompt,
                "completion_tokens": completion,
                "total_tokens": prompt + completion,
            }
        return result


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # benches open many connections at once

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        owner: FakeOpenAIServer,
    ) -> None:
        self.owner = owner
        super().__init__(address, handler)


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle's algorithm on,
    # the client's delayed ACK would stall every response by ~40 ms.
    disable_nagle_algorithm = True
    server: _HTTPServer
    _counted = False  # whether the request being answered counts as in flight

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the per-request stderr line."""

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def _read_request(self, method: str) -> RecordedRequest:
        split = urlsplit(self.path)
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length > 0 else b""
        body: Any = None
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
        return RecordedRequest(
            method=method,
            path=split.path,
            query=parse_qs(split.query),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            raw=raw,
            received_at=time.monotonic(),
        )

    def _dispatch(self, method: str) -> None:
        owner = self.server.owner
        # Counted from here, before the body is read: the client holds its
        # slot from the moment it started sending.
        self._counted = method == "POST" and urlsplit(self.path).path == CHAT_PATH
        if self._counted:
            owner._enter()
        try:
            self._dispatch_counted(method)
        finally:
            self._stop_counting()

    def _stop_counting(self) -> None:
        """This request no longer counts as in flight (once, however it ends)."""
        if self._counted:
            self._counted = False
            self.server.owner._leave()

    def _dispatch_counted(self, method: str) -> None:
        owner = self.server.owner
        request = self._read_request(method)
        found = owner._route(method, request.path)
        outcome: Outcome
        if found is None:
            owner._record(request)
            outcome = Fault.http(404, f"Unknown request URL: {method} {request.path}.")
        else:
            function, params = found
            request = dataclasses.replace(request, path_params=params)
            owner._record(request)
            outcome = function(request)
        with contextlib.suppress(ConnectionError, TimeoutError):
            self._answer(request, outcome)

    def _answer(self, request: RecordedRequest, outcome: Outcome) -> None:
        owner = self.server.owner
        # ``latency`` is the whole call's, counted from the request's arrival.
        # The reply is composed and encoded first and only written when due,
        # as a real server's own work happens within its latency: every call
        # takes ``latency`` however many replies this process has to compose
        # at the same moment.
        due = owner._take_reply_due()
        while isinstance(outcome, Fault) and outcome.kind == "delay":
            if owner.sleep(outcome.seconds):
                self.close_connection = True
                return
            outcome = outcome.then or Reply(
                content=default_content(request.body if isinstance(request.body, dict) else {})
            )
        if isinstance(outcome, Fault) and outcome.kind == "drop":
            owner.sleep(max(0.0, due - time.monotonic()))
            self._stop_counting()
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        if isinstance(outcome, Fault):
            status, payload = outcome.status, json.dumps(outcome.error_body()).encode()
            content_type, headers = "application/json", dict(outcome.headers)
        elif isinstance(outcome, Reply):
            status, content_type, headers = 200, "application/json", {}
            payload = json.dumps(owner.completion_body(request, outcome)).encode()
        else:
            payload, content_type = outcome.payload()
            status, headers = outcome.status, outcome.headers
        if owner.sleep(max(0.0, due - time.monotonic())):
            self.close_connection = True
            return
        # Before the first byte goes out: once the client has the reply it
        # may send its next request, which must not meet this one still counted.
        self._stop_counting()
        self._send(status, payload, content_type, headers)

    def _send(
        self, status: int, payload: bytes, content_type: str, headers: dict[str, str]
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            if name.lower() not in ("content-type", "content-length"):
                self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()
