"""Turn a str, bytes or a path into an Article."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from factcheck.article import Article
from factcheck.cleaning import repair_text
from factcheck.errors import ArticleNotFoundError, EmptyArticleError, NotTextError
from factcheck.furniture import find_furniture
from factcheck.trailer import find_title, find_trailer

log = logging.getLogger(__name__)

ArticleSource = str | bytes | os.PathLike[str]
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 (a BOM is kept as U+FEFF for cleaning to drop and map)."""
    if b"\x00" in data:
        raise NotTextError("the input contains NUL bytes; it looks binary, not like text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotTextError(
            f"the input is not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r})"
        ) from None


def read_source(source: ArticleSource) -> tuple[str, str | None]:
    """The decoded text and, when read from a file, its path."""
    if isinstance(source, bytes):
        return decode_bytes(source), None
    if isinstance(source, str):
        return source, None
    path = Path(source)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleNotFoundError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise ArticleNotFoundError(f"is a directory, not an article file: {path}") from None
    except PermissionError:
        raise ArticleNotFoundError(f"cannot read (permission denied): {path}") from None
    return decode_bytes(data), str(path)


def load_article(source: ArticleSource, *, detect_trailer: bool = True) -> Article:
    """Read, repair and split an article into title, body, furniture and trailer.

    A ``str`` is the article text itself; pass a ``pathlib.Path`` to read a file.
    Raises EmptyArticleError, NotTextError or ArticleNotFoundError.
    ``detect_trailer=False`` also keeps page furniture in the body.
    """
    original, path = read_source(source)
    if "\x00" in original:
        raise NotTextError("the input contains NUL characters; it looks binary, not like text")
    text, offsets, repairs = repair_text(original)
    notes = repairs.describe()
    for note in notes:
        log.warning("%s", note)
    if path is not None and _SURROGATE.search(path):
        # A file name that is not valid UTF-8 comes back with surrogate escapes,
        # which no JSON writer can encode.
        path = _SURROGATE.sub("\ufffd", path)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if start >= end:
        raise EmptyArticleError("the article is empty or holds only whitespace")
    title, body_start = find_title(text, start, end)
    trailer_start, trailer = find_trailer(text, body_start, end) if detect_trailer else (end, [])
    body_end = len(text[:trailer_start].rstrip())
    body_start += len(text[body_start:body_end]) - len(text[body_start:body_end].lstrip())
    if body_start >= body_end:
        # A headline alone is still an article: it is all there is to read.
        title, body_start, body_end = None, start, trailer_start
    furniture = find_furniture(text, body_start, body_end) if detect_trailer else []
    log.debug(
        "article: %d chars, title=%r, body %d..%d, %d trailer blocks, %d furniture blocks",
        len(text),
        title,
        body_start,
        body_end,
        len(trailer),
        len(furniture),
    )
    return Article(
        original=original,
        text=text,
        title=title,
        body_start=body_start,
        body_end=body_end,
        trailer=tuple(trailer),
        offsets=offsets,
        source=path,
        furniture=tuple(furniture),
        notes=tuple(notes),
    )
