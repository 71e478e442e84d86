"""A SQLite cache of validated replies: record once, replay for free.

Only successful, schema-valid replies are stored, with the tokens they cost.
Errors, refusals and truncated replies never are. The server a reply came
from is part of its key (without credentials), and nothing else about the
connection is stored; known keys are redacted from what is. The file is
private to its owner (mode 0600; an existing file readable by others is made
so, with a warning).

A cache is never worth a crash, nor worth anyone else's file:

- a path that holds something other than a SQLite database (or is not a
  regular file) is refused with a ConfigurationError before any request;
- a database locked by another process is waited for, then the run goes on
  without the cache, with a warning (the other process keeps its file);
- a damaged database (SQLite's header intact, pages it cannot read, a
  truncated file) is moved aside and a fresh cache started, with a warning;
- replay mode opens the file read-only and never creates, changes or moves it.
"""

from __future__ import annotations

import enum
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from factcheck._attributes import attributes
from factcheck.errors import ConfigurationError
from factcheck.private_files import tighten_private_file
from factcheck.redaction import redact

if TYPE_CHECKING:
    from factcheck.llm._protocol import JsonRequest

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
# Seconds to wait for another process's lock before going on without the cache.
LOCK_TIMEOUT_S = 5.0

_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS replies (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    mode TEXT NOT NULL,
    raw TEXT NOT NULL,
    data TEXT NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    estimated INTEGER NOT NULL,
    created_at REAL NOT NULL
)
"""


class CacheMode(str, enum.Enum):
    """``off``: no cache; ``read-write``: use and fill it; ``replay``: use it, miss = error."""

    OFF = "off"
    READ_WRITE = "read-write"
    REPLAY = "replay"

    @classmethod
    def parse(cls, value: CacheMode | str) -> CacheMode:
        try:
            return cls(value)
        except ValueError:
            allowed = ", ".join(m.value for m in cls)
            raise ConfigurationError(
                f"unknown cache mode {value!r} (expected one of: {allowed})"
            ) from None


def default_cache_path() -> Path:
    return Path(platformdirs.user_cache_dir("llm-factcheck")) / "responses.sqlite3"


def cache_key(request: JsonRequest, *, server: str, model: str, mode: str) -> str:
    """sha256 over everything that determines a reply to ``request``.

    ``server`` is the base URL without credentials: the same model name on
    two servers is two different models. The request's ``label`` only names
    the call in logs and is left out.
    """
    payload = {
        "server": server,
        "model": model,
        **attributes(
            request,
            "messages",
            "schema",
            "schema_name",
            "prompt_version",
            "temperature",
            "max_output_tokens",
        ),
        "mode": mode,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CachedReply:
    mode: str
    raw: str
    data: dict[str, Any]
    prompt_tokens: int
    completion_tokens: int
    estimated: bool


def _create_private_file(path: Path) -> None:
    """Create ``path`` with mode 0600 before SQLite opens it (SQLite would use 0644)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        tighten_private_file(fd, path)
    finally:
        os.close(fd)


def _has_sqlite_header(path: Path) -> bool:
    """True for an empty file (SQLite starts it) or one that begins like a database."""
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    return head in (b"", SQLITE_HEADER)


def check_cache_path(path: Path) -> None:
    """Refuse a path the cache must not use: not a regular file, or not a SQLite database."""
    if not path.exists():
        return
    if not path.is_file():
        raise ConfigurationError(f"cache path {path} is not a regular file")
    try:
        usable = _has_sqlite_header(path)
    except OSError as exc:
        raise ConfigurationError(f"cannot read cache file {path}: {exc.strerror or exc}") from None
    if not usable:
        raise ConfigurationError(
            f"cache path {path} holds something other than a SQLite database; "
            "refusing to replace it (remove it or choose another --cache-path)"
        )


def _is_lock(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


class _Unavailable(Exception):
    """Internal: the cache cannot be used now; the call goes on without it."""


class ResponseCache:
    """Validated replies on disk, keyed by :func:`cache_key`.

    Safe to share between threads and concurrent async calls of one process:
    every operation holds a lock for the few microseconds SQLite needs.
    Another process's lock is waited for up to ``lock_timeout`` seconds.
    Raises ConfigurationError when ``path`` is not a place for a cache (see
    the module doc).
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        mode: CacheMode | str = "read-write",
        *,
        lock_timeout: float = LOCK_TIMEOUT_S,
    ) -> None:
        self.mode = CacheMode.parse(mode)
        self.path = Path(path) if path is not None else default_cache_path()
        self.lock_timeout = lock_timeout
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._disabled: str | None = None  # why the cache is not used any more
        if self.mode is not CacheMode.OFF:
            check_cache_path(self.path)

    # --- connection ------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        options: dict[str, Any] = {
            "timeout": self.lock_timeout,
            "check_same_thread": False,
            "isolation_level": None,
        }
        conn: sqlite3.Connection
        if self.mode is CacheMode.REPLAY:
            if not self.path.is_file():
                raise _Unavailable(f"{self.path} does not exist")
            # Read-only: replay works on a cache the user may not write to, and never changes it.
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, **options)
        else:
            _create_private_file(self.path)
            if not _has_sqlite_header(self.path):
                # Changed under us since the path was checked: not ours to replace.
                raise _Unavailable(f"{self.path} is no longer a SQLite database")
            conn = sqlite3.connect(self.path, **options)
        try:
            # quick_check reads every page, so damage anywhere shows up now, not mid-run.
            check = conn.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {check}")
            if self.mode is not CacheMode.REPLAY:
                conn.execute(_SCHEMA_SQL)
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def _disable(self, reason: str) -> _Unavailable:
        """Stop using the cache for the rest of this object's life, with one warning."""
        if self._disabled is None:
            self._disabled = reason
            log.warning("response cache %s: %s; going on without the cache", self.path, reason)
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        return _Unavailable(reason)

    def _move_aside(self, reason: BaseException) -> None:
        aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time() * 1000)}")
        log.warning(
            "response cache %s is unreadable (%s); moved it to %s and started a new one",
            self.path,
            reason,
            aside.name,
        )
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        for suffix in ("", "-journal", "-wal", "-shm"):
            part = Path(f"{self.path}{suffix}")
            if part.exists():
                part.replace(Path(f"{aside}{suffix}"))

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = self._open()
        return self._conn

    def _execute(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        return self._connection().execute(sql, params).fetchall()

    def _run(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        """Run one statement; a damaged file is rebuilt once and the statement retried.

        Raises _Unavailable when the cache cannot be used: locked by another
        process past the timeout, changed into something else, or damaged in
        replay mode (which never writes).
        """
        with self._lock:
            if self._disabled is not None:
                raise _Unavailable(self._disabled)
            try:
                try:
                    return self._execute(sql, params)
                except sqlite3.DatabaseError as exc:
                    if _is_lock(exc):
                        raise self._disable(
                            f"locked by another process for more than {self.lock_timeout:g} s"
                        ) from None
                    if self.mode is CacheMode.REPLAY:
                        raise self._disable(f"unreadable ({exc})") from None
                    self._move_aside(exc)
                    return self._execute(sql, params)
            except sqlite3.DatabaseError as exc:
                raise self._disable(f"unusable ({exc})") from None
            except _Unavailable as exc:
                raise self._disable(str(exc)) from None

    # --- entries ---------------------------------------------------------

    def get(self, key: str) -> CachedReply | None:
        """The entry under ``key``; None for none, an unreadable entry, or no usable cache."""
        try:
            rows = self._run(
                "SELECT mode, raw, data, prompt_tokens, completion_tokens, estimated"
                " FROM replies WHERE key = ?",
                (key,),
            )
        except _Unavailable:
            return None
        if not rows:
            return None
        mode, raw, data, prompt_tokens, completion_tokens, estimated = rows[0]
        try:
            parsed = json.loads(data)
            if not isinstance(parsed, dict) or not isinstance(raw, str):
                raise ValueError("not a JSON object")
            return CachedReply(
                mode=str(mode),
                raw=raw,
                data=parsed,
                prompt_tokens=_count(prompt_tokens),
                completion_tokens=_count(completion_tokens),
                estimated=bool(estimated),
            )
        except (TypeError, ValueError) as exc:
            log.warning("response cache %s: entry %s is unreadable (%s)", self.path, key[:12], exc)
            return None

    def put(self, key: str, *, model: str, prompt_version: str, reply: CachedReply) -> None:
        """Store ``reply`` under ``key`` with every known key redacted (no-op without a cache)."""
        try:
            self._run(
                "INSERT OR REPLACE INTO replies (key, model, prompt_version, mode, raw, data,"
                " prompt_tokens, completion_tokens, estimated, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key,
                    model,
                    prompt_version,
                    reply.mode,
                    redact(reply.raw),
                    redact(json.dumps(reply.data, ensure_ascii=False)),
                    reply.prompt_tokens,
                    reply.completion_tokens,
                    int(reply.estimated),
                    time.time(),
                ),
            )
        except _Unavailable:
            return

    def __len__(self) -> int:
        try:
            return int(self._run("SELECT count(*) FROM replies", ())[0][0])
        except _Unavailable:
            return 0

    def close(self) -> None:
        """Close the connection; a later call opens it again (a disabled cache stays off)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> ResponseCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"token count {value!r} is not a count")
    return value
