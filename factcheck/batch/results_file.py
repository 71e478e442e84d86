"""The batch output: an append-only JSONL file that survives crashes and resumes.

Each outcome is one line, written with a single ``os.write`` on an
``O_APPEND`` descriptor, so a line is either wholly in the file or (after a
crash mid-write) a truncated tail without its newline. Opening the file again
drops such a tail with a warning. Lines are fsynced in groups: every writer
waits until an fsync that began after its write has finished, and one fsync
covers every line written before it started.

When an id appears more than once (it failed, then a later run completed it),
the last line wins. The file is created private to its owner (mode 0600):
results carry the article text; an existing one readable by others is made
so, with a warning. Only a regular file can be resumed and appended to: a
device (``/dev/zero`` reads forever), a FIFO or a terminal is refused.

Known keys are redacted from every line. A result that cannot be written as
UTF-8 (a lone surrogate in its text) becomes a failed line for its id, so the
run goes on and the next run retries the article.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import stat
from pathlib import Path
from typing import Any

from factcheck.batch.records import error_record
from factcheck.errors import BatchInputError
from factcheck.private_files import tighten_private_file
from factcheck.redaction import redact

log = logging.getLogger(__name__)

try:  # POSIX only: keeps two runs from appending to one file at once.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

Record = dict[str, Any]


def _parse_lines(data: bytes, path: Path) -> dict[str, Record]:
    """The last well-formed record per id among the complete lines of ``data``."""
    records: dict[str, Record] = {}
    for number, raw in enumerate(data.split(b"\n")[:-1], 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except ValueError:
            log.warning("%s:%d: not a JSON line; ignored", path, number)
            continue
        if (
            not isinstance(record, dict)
            or not isinstance(record.get("id"), str)
            or not isinstance(record.get("ok"), bool)
        ):
            log.warning("%s:%d: not a batch result line (no 'id' and 'ok'); ignored", path, number)
            continue
        records.pop(record["id"], None)  # re-insert so iteration follows the latest lines
        records[record["id"]] = record
    return records


def read_results(path: str | os.PathLike[str]) -> dict[str, Record]:
    """The outcome of every article in a batch output file: the last line per id.

    A truncated last line (a crash mid-write) and malformed lines are skipped.
    """
    file = Path(path)
    data = file.read_bytes()
    return _parse_lines(data, file)


class ResultsFile:
    """An open batch output file. Use :meth:`open`; one writer per file at a time."""

    def __init__(self, path: Path, fd: int, records: dict[str, Record]) -> None:
        self.path = path
        self._fd: int | None = fd
        self.records = records
        self._written = 0
        self._synced = 0
        self._syncing: asyncio.Future[None] | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> ResultsFile:
        """Open (or create, mode 0600) ``path``; drop a truncated tail; read what is there."""
        file = Path(path)
        if file.parent and not file.parent.exists():
            file.parent.mkdir(parents=True, exist_ok=True)
        _refuse_special(file, file)  # before opening: opening a FIFO could block
        try:
            fd = os.open(file, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        except OSError as exc:
            raise BatchInputError(f"cannot open {file}: {exc.strerror or exc}") from None
        try:
            _refuse_special(fd, file)  # what was opened, should the path have changed
            tighten_private_file(fd, file)
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    raise BatchInputError(
                        f"{file} is being written by another batch run; wait for it to finish"
                    ) from None
            data = _read_all(fd)
            if data and not data.endswith(b"\n"):
                keep = data.rfind(b"\n") + 1
                log.warning(
                    "%s: the last line was cut off (%d bytes, an interrupted run); dropped it",
                    file,
                    len(data) - keep,
                )
                os.ftruncate(fd, keep)
                os.fsync(fd)
                data = data[:keep]
            records = _parse_lines(data, file)
        except BaseException:
            os.close(fd)
            raise
        return cls(file, fd, records)

    @property
    def completed(self) -> set[str]:
        """Ids whose latest line is a success."""
        return {key for key, record in self.records.items() if record.get("ok") is True}

    def append(self, record: Record) -> None:
        """Write ``record`` as one line (known keys redacted), whole or not at all."""
        if self._fd is None:
            raise ValueError("the results file is closed")
        line = redact(json.dumps(record, ensure_ascii=False, separators=(",", ":"))) + "\n"
        try:
            payload = line.encode("utf-8")
        except UnicodeEncodeError as exc:
            record = error_record(
                record["id"],
                "UnicodeEncodeError",
                f"the result holds text that is not valid Unicode ({exc.reason}: "
                f"{exc.object[exc.start : exc.end]!r}); fix the input text",
            )
            # ASCII escapes: the id itself may hold the unencodable character.
            payload = (json.dumps(record, separators=(",", ":")) + "\n").encode("ascii")
        before = os.fstat(self._fd).st_size
        written = os.write(self._fd, payload)
        if written != len(payload):
            # A short write (disk full): take the partial line back out.
            os.ftruncate(self._fd, before)
            raise OSError(f"short write to {self.path}: {written} of {len(payload)} bytes")
        self._written += 1
        self.records.pop(record["id"], None)
        self.records[record["id"]] = record

    async def commit(self) -> None:
        """Return once every line appended so far is on disk (fsyncs are shared)."""
        target = self._written
        while self._synced < target:
            if self._syncing is None:
                self._syncing = asyncio.ensure_future(self._sync_round())
            await asyncio.shield(self._syncing)

    async def settle(self) -> None:
        """Wait for an fsync in progress, which a cancelled ``commit`` leaves running
        (it is shielded: another caller may be waiting for it), so that the file is
        not closed under it. Its error, if any, is its waiters' to see."""
        if self._syncing is not None:
            await asyncio.gather(self._syncing, return_exceptions=True)

    async def _sync_round(self) -> None:
        upto = self._written
        try:
            if self._fd is not None:
                await asyncio.to_thread(os.fsync, self._fd)
            self._synced = max(self._synced, upto)
        finally:
            self._syncing = None

    def sync(self) -> None:
        if self._fd is not None:
            os.fsync(self._fd)
            self._synced = self._written

    def close(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                os.fsync(fd)
            finally:
                os.close(fd)  # closing releases the flock too

    def __enter__(self) -> ResultsFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _refuse_special(target: int | Path, name: Path) -> None:
    """BatchInputError unless ``target`` (a path or an open descriptor) is a regular file."""
    try:
        info = os.fstat(target) if isinstance(target, int) else os.stat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise BatchInputError(f"cannot open {name}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise BatchInputError(
            f"--out {name} is {kind}; batch results need a regular file to append to and resume"
        )


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks: list[bytes] = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
