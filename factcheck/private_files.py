"""Files the package writes hold article text and model output: owner-only, written atomically.

Files are created 0600 and a directory we create is 0700. Each file is written
to a temporary name beside it and renamed into place, so a reader never sees
half a file and an existing file (or a symlink planted in its place) is
replaced, never written through. Only a regular file, a symlink or a new name
is replaced: renaming over ``/dev/null``, a FIFO or a directory would turn it
into something else, so those are refused (OutputPathError), as is a path whose
directory does not exist. Known keys are redacted from every text written.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import tempfile
from pathlib import Path

from factcheck.errors import OutputPathError
from factcheck.redaction import redact

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


def check_replaceable(path: Path) -> None:
    """Raise OutputPathError unless ``path`` is new, a regular file or a symlink in a directory."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputPathError(f"cannot write {path}: {exc.strerror or exc}") from None
    if info is not None and not (stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)):
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise OutputPathError(f"cannot write {path}: it is {kind}; refusing to replace it")
    if not path.parent.is_dir():
        raise OutputPathError(f"cannot write {path}: directory {path.parent} does not exist")


def write_private(path: Path, text: str) -> Path:
    """Write ``text`` (known keys redacted) to ``path`` atomically with mode 0600."""
    check_replaceable(path)
    data = redact(text)
    # mkstemp creates the file 0600 (whatever the umask), so it is never readable by others.
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as exc:
        raise OutputPathError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise OutputPathError(f"cannot write {path}: {exc.strerror or exc}") from None
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
