"""CPU time of another process, read from /proc (Linux)."""

from __future__ import annotations

import os

_TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of process ``pid`` so far; OSError once it is gone."""
    with open(f"/proc/{pid}/stat", "rb") as stat:
        # utime and stime are fields 14 and 15 of stat, 12 and 13 after the name,
        # which may hold spaces and brackets: split after its last ")".
        fields = stat.read().rsplit(b")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK
