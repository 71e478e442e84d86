"""A SQLite cache of validated replies: record once, replay for free.

Only successful, schema-valid replies are stored, with the tokens they cost.
Errors, refusals and truncated replies never are, and nothing about the
connection (keys, headers, URLs) is part of an entry. The file is private to
its owner (mode 0600). A file SQLite cannot read is moved aside and a fresh
cache started, with a warning: a cache is never worth a crash.
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
from typing import Any

import platformdirs

from factcheck.errors import ConfigurationError

log = logging.getLogger(__name__)

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


def cache_key(
    *,
    model: str,
    messages: list[dict[str, str]],
    schema: dict[str, Any],
    schema_name: str,
    prompt_version: str,
    temperature: float,
    max_output_tokens: int | None,
    mode: str,
) -> str:
    """sha256 over everything that determines a reply."""
    payload = {
        "model": model,
        "messages": messages,
        "schema": schema,
        "schema_name": schema_name,
        "prompt_version": prompt_version,
        "temperature": temperature,
        "max_output_tokens": max_output_tokens,
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
    os.close(fd)


class ResponseCache:
    """Validated replies on disk, keyed by :func:`cache_key`.

    Safe to share between threads and concurrent async calls of one process:
    every operation holds a lock for the few microseconds SQLite needs.
    """

    def __init__(
        self, path: str | os.PathLike[str] | None = None, mode: CacheMode | str = "read-write"
    ) -> None:
        self.mode = CacheMode.parse(mode)
        self.path = Path(path) if path is not None else default_cache_path()
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    # --- connection ------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        _create_private_file(self.path)
        conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            # quick_check reads every page, so damage anywhere shows up now, not mid-run.
            check = conn.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {check}")
            conn.execute(_SCHEMA_SQL)
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

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
            try:
                self._conn = self._open()
            except sqlite3.DatabaseError as exc:
                self._move_aside(exc)
                self._conn = self._open()
        return self._conn

    def _run(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        """Run one statement; a corrupt file is rebuilt once and the statement retried."""
        with self._lock:
            try:
                return self._connection().execute(sql, params).fetchall()
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                    raise
                self._move_aside(exc)
                return self._connection().execute(sql, params).fetchall()

    # --- entries ---------------------------------------------------------

    def get(self, key: str) -> CachedReply | None:
        rows = self._run(
            "SELECT mode, raw, data, prompt_tokens, completion_tokens, estimated"
            " FROM replies WHERE key = ?",
            (key,),
        )
        if not rows:
            return None
        mode, raw, data, prompt_tokens, completion_tokens, estimated = rows[0]
        try:
            parsed = json.loads(data)
        except ValueError:
            return None
        if not isinstance(parsed, dict):
            return None
        return CachedReply(
            mode=str(mode),
            raw=str(raw),
            data=parsed,
            prompt_tokens=int(prompt_tokens),
            completion_tokens=int(completion_tokens),
            estimated=bool(estimated),
        )

    def put(self, key: str, *, model: str, prompt_version: str, reply: CachedReply) -> None:
        self._run(
            "INSERT OR REPLACE INTO replies (key, model, prompt_version, mode, raw, data,"
            " prompt_tokens, completion_tokens, estimated, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                model,
                prompt_version,
                reply.mode,
                reply.raw,
                json.dumps(reply.data, ensure_ascii=False),
                reply.prompt_tokens,
                reply.completion_tokens,
                int(reply.estimated),
                time.time(),
            ),
        )

    def __len__(self) -> int:
        return int(self._run("SELECT count(*) FROM replies", ())[0][0])

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> ResponseCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
