"""Files the package writes hold article text and model output: owner-only, written atomically.

Files are created 0600 and a directory we create is 0700. Each file is written
to a temporary name beside it and renamed into place, so a reader never sees
half a file and an existing file (or a symlink planted in its place) is
replaced, never written through.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import tempfile
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600

log = logging.getLogger(__name__)


def ensure_private_dir(directory: Path) -> Path:
    """Create ``directory`` (0700) when missing; an existing directory keeps its mode."""
    if not directory.is_dir():
        directory.mkdir(parents=True, mode=DIR_MODE)
        # mkdir's mode is filtered by the umask, which may only remove bits; set it exactly.
        directory.chmod(DIR_MODE)
    return directory


def write_private(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically with mode 0600."""
    # mkstemp creates the file 0600 (whatever the umask), so it is never readable by others.
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return path


def tighten_private_file(fd: int, name: str | os.PathLike[str]) -> None:
    """Make the open file ``fd`` owner-only when others can read it; warn when we cannot.

    A cache or results file created by an older version, or copied in with
    ``cp``, may be readable by everyone on the machine.
    """
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or not stat.S_IMODE(info.st_mode) & 0o077:
        return
    try:
        os.fchmod(fd, FILE_MODE)
    except OSError as exc:
        log.warning(
            "%s is readable by other users and its mode cannot be changed (%s); "
            "it holds article text and model output",
            name,
            exc.strerror or exc,
        )
        return
    log.warning("%s was readable by other users; made it owner-only (0600)", name)
