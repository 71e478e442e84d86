"""Where log records go: nowhere by default, to stderr (made safe) for the command line.

A library leaves logging to its application: the package logger has a
``NullHandler``, so nothing is printed unless the application configures
logging. The ``factcheck`` command does, with :func:`cli_logging`: for the
length of a command, every line is prefixed ``factcheck:``, carries no key and
no URL credentials, and has terminal controls removed, because messages quote
file names, server error bodies and article text. A notice that every check repeats (the offline
engine's "no LLM was used") is shown once per process.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Iterator
from typing import TextIO

from factcheck.display_text import for_terminal
from factcheck.redaction import redact

PACKAGE_LOGGER = "factcheck"


class OnceFilter(logging.Filter):
    """Lets the first record whose message is ``message`` through, and drops the rest."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message
        self.seen = False
        self._lock = threading.Lock()  # records may come from several threads

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage() != self.message:
            return True
        with self._lock:
            first, self.seen = not self.seen, True
        return first


class SafeFormatter(logging.Formatter):
    """Formats as usual, then removes keys, URL credentials and terminal controls."""

    def format(self, record: logging.LogRecord) -> str:
        return for_terminal(redact(super().format(record)))


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is when a record arrives (tests replace it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:  # StreamHandler.__init__ assigns it
        pass


@contextlib.contextmanager
def cli_logging(verbose: bool) -> Iterator[logging.Handler]:
    """Log to stderr for the length of one command; the handler is removed afterwards."""
    from factcheck.pipeline import NO_LLM_NOTICE

    handler = _StderrHandler()
    handler.setFormatter(SafeFormatter("factcheck: %(message)s"))
    handler.addFilter(OnceFilter(NO_LLM_NOTICE))
    wanted = logging.INFO if verbose else logging.WARNING
    handler.setLevel(wanted)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    # Lowered when it would hide what the handler shows; never raised over what the
    # application (or a test's log capture) asked for.
    if level > wanted:
        root.setLevel(wanted)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
