"""While a batch runs, the objects that were there before it are left out of collection."""

from __future__ import annotations

import gc
import logging
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.batch import read_results, run_batch
from factcheck.batch.frozen_heap import older_objects_frozen


class _Cycle:
    """An object only the collector can free: it refers to itself."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def unfrozen() -> Iterator[None]:
    assert gc.get_freeze_count() == 0
    try:
        yield
    finally:
        gc.unfreeze()


def test_an_older_cycle_waits_for_the_block_to_end_a_newer_one_does_not(
    unfrozen: None,
) -> None:
    older = _Cycle()
    older_ref = weakref.ref(older)
    with older_objects_frozen():
        assert gc.get_freeze_count() > 0
        newer = _Cycle()
        newer_ref = weakref.ref(newer)
        del older, newer
        gc.collect()
        assert older_ref() is not None  # frozen: no collection looks at it
        assert newer_ref() is None  # made in the block: collected as ever
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert older_ref() is None


def test_the_block_unfreezes_even_when_it_raises(unfrozen: None) -> None:
    with pytest.raises(RuntimeError), older_objects_frozen():
        raise RuntimeError("stop")
    assert gc.get_freeze_count() == 0


def test_a_caller_that_froze_objects_itself_keeps_them_frozen(unfrozen: None) -> None:
    # The counts themselves are no measure: a frozen object that another thread
    # frees leaves the frozen generation, so they are read through what happens.
    gc.freeze()
    kept = _Cycle()
    kept_ref = weakref.ref(kept)
    gc.freeze()  # the caller's own freeze now holds ``kept``
    later = _Cycle()  # made after the caller's freeze, before the block
    later_ref = weakref.ref(later)
    with older_objects_frozen():
        del kept, later
        gc.collect()
        assert later_ref() is None  # nothing more frozen: it is collected as ever
        assert kept_ref() is not None  # the caller's freeze stands inside the block
    gc.collect()
    assert kept_ref() is not None  # and after it: nothing was unfrozen
    assert gc.get_freeze_count() > 0


class _FreezeCounts(logging.Handler):
    """The freeze count at each record logged (the offline engine logs as each article runs)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.counts: list[int] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.counts.append(gc.get_freeze_count())


def test_a_batch_freezes_while_it_runs_and_unfreezes_after(tmp_path: Path, unfrozen: None) -> None:
    handler = _FreezeCounts()
    logger = logging.getLogger("factcheck")
    logger.addHandler(handler)
    try:
        summary = run_batch(
            [("a", "Harbour plan\n\nThe harbour board approved a plan on Monday.\n")],
            tmp_path / "out.jsonl",
        )
    finally:
        logger.removeHandler(handler)
    assert summary.ok == 1 and list(read_results(tmp_path / "out.jsonl")) == ["a"]
    assert handler.counts and all(count > 0 for count in handler.counts)
    assert gc.get_freeze_count() == 0
