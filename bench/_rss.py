"""Peak resident memory of this process, measured from a clean start.

``ru_maxrss`` is inherited across fork and exec on Linux, so a child started by
a large parent reports the parent's peak. Where the kernel allows it, the
high-water mark is reset first and read back from /proc.
"""

from __future__ import annotations

import resource
from pathlib import Path


def reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark for this process; False where unsupported."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def peak_rss_mb() -> float:
    """Peak RSS in MB since the last :func:`reset_peak` (or since the process started)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
