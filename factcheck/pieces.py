"""Sentence-aligned pieces of a text and their exact token counts, from one encoding pass.

A *piece* is a run of whole sentences ending where tiktoken's pre-tokenizer
always starts a new pre-token, whatever came before:

- right after a line break, when a non-space character follows; or
- at a single space between a sentence's closing punctuation and the first
  character of the next sentence.

BPE merges only within pre-tokens, so at those positions the tokens of the
whole text split cleanly and the pieces' counts add up exactly.

The text is encoded once, in blocks cut at line starts (also safe), on worker
threads: tiktoken releases the GIL while it encodes, so both cores work. The
sentence ends are then read off the token stream itself, with per-token lookup
tables and numpy: a terminal-punctuation token followed by a token that opens a
sentence (" The", " “", " 2019"), unless the token before the punctuation is
an abbreviation ("Mr", "U.S", "p.m", an initial). No regex pass over the text, and no
Python loop per token.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import tiktoken

from factcheck.facts.abbreviations import ABBREVIATIONS

_BLOCK_CHARS = 64_000
_CPUS = min(4, os.cpu_count() or 1)
# Below this size a thread pool costs more than it saves.
_PARALLEL_MIN_CHARS = 200_000

_TERMINAL = re.compile(r"""^[ "'”’»)\]]*[.!?…]+["'”’»)\]]*$""")
_OPENING_QUOTES = frozenset("\"'“‘«([")


def _opens_sentence(token: str) -> bool:
    """A space, then what can open a sentence: a capital, a digit or an opening quote."""
    if len(token) < 2 or token[0] != " ":
        return False
    first = token[1]
    return first in _OPENING_QUOTES or first.isupper() or first.isdigit()


Array = np.ndarray[Any, Any]


# One lookup per token id packs everything the scan needs: the low byte holds
# how many characters start inside the token (its UTF-8 lead bytes), the high
# byte holds these flags. One gather per block instead of one per fact.
_TERMINAL_BIT = 1 << 8  # closing punctuation: ".", "?”", ")."
_OPENER_BIT = 1 << 9  # " " followed by what can open a sentence
_ABBREVIATION_BIT = 1 << 10  # "Mr", " Gen", ".S" (of U.S.), a single capital initial
_ENDS_NEWLINE_BIT = 1 << 11  # the token's text ends with a line break
_BLANK_LINE_BIT = 1 << 12  # ... and holds two or more of them
_STARTS_SPACE_BIT = 1 << 13  # the token's text starts with whitespace
_CHARS_MASK = 0xFF


@dataclass(frozen=True)
class Pieces:
    """Parallel lists: piece ``k`` is ``text[starts[k]:ends[k]]`` with ``counts[k]`` tokens."""

    starts: list[int]
    ends: list[int]
    paragraph_end: list[bool]  # a blank line (or the end of the text) follows the piece
    counts: list[int]

    def __len__(self) -> int:
        return len(self.starts)


def _token_texts(encoding: tiktoken.Encoding) -> list[tuple[int, bytes]]:
    ranks: dict[bytes, int] | None = getattr(encoding, "_mergeable_ranks", None)
    if ranks is not None:
        return [(rank, token) for token, rank in ranks.items()]
    out = []
    for i in range(encoding.max_token_value + 1):
        try:
            out.append((i, encoding.decode_single_token_bytes(i)))
        except KeyError:
            continue
    return out


_TABLES: dict[str, Array] = {}
_TABLES_LOCK = threading.Lock()


def _table(encoding: tiktoken.Encoding) -> Array:
    """The packed lookup table of ``encoding``, built once per process.

    Built under a lock: a batch starts many threads at once, and each building
    its own copy of a 100,000-entry table would waste seconds.
    """
    table = _TABLES.get(encoding.name)
    if table is None:
        with _TABLES_LOCK:
            table = _TABLES.get(encoding.name)
            if table is None:
                table = _TABLES[encoding.name] = _build_table(encoding)
    return table


def _build_table(encoding: tiktoken.Encoding) -> Array:
    table = np.zeros(encoding.max_token_value + 1, dtype=np.uint16)
    for rank, token in _token_texts(encoding):
        # Continuation bytes look like 0b10xxxxxx; every other byte starts a character.
        value = min(_CHARS_MASK, sum(1 for byte in token if byte & 0xC0 != 0x80))
        text = token.decode("utf-8", errors="replace")
        if _TERMINAL.match(text):
            value |= _TERMINAL_BIT
        if _opens_sentence(text):
            value |= _OPENER_BIT
        word = text.strip().strip(".")
        # ".m" of "p.m." and ".S" of "U.S.": the inside of an initialism.
        initialism = len(word) == 1 and word.isalpha() and text.startswith(".")
        if word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper()) or initialism:
            value |= _ABBREVIATION_BIT
        if text.endswith("\n"):
            value |= _ENDS_NEWLINE_BIT
            if text.count("\n") >= 2:
                value |= _BLANK_LINE_BIT
        if text[:1].isspace():
            value |= _STARTS_SPACE_BIT
        table[rank] = value
    return table


def _encoder(encoding: tiktoken.Encoding) -> Callable[[str], Array]:
    """Token ids of ``text`` exactly as ``encode_ordinary`` gives them, as an array.

    tiktoken's buffer encoder hands the ids back as raw bytes, skipping a list
    of Python ints; use it where it exists, the public API otherwise.
    """
    core = getattr(encoding, "_core_bpe", None)
    to_buffer = getattr(core, "encode_to_tiktoken_buffer", None)
    encode = encoding.encode_ordinary
    no_special: set[str] = set()

    def ids(text: str) -> Array:
        if to_buffer is not None:
            try:
                return np.frombuffer(to_buffer(text, no_special), dtype=np.uint32)
            except UnicodeEncodeError:
                pass  # lone surrogates: tiktoken's own fix-up in encode_ordinary applies
        return np.asarray(encode(text), dtype=np.uint32)

    return ids


def _scan_block(
    encoding: tiktoken.Encoding, text: str, start: int, end: int
) -> tuple[Array, Array, Array]:
    """(piece ends, paragraph flags, token counts) of ``text[start:end]``."""
    block = text[start:end]
    ids = _encoder(encoding)(block)
    trailing = block[len(block.rstrip()) :]
    last_is_paragraph = end >= len(text) or trailing.count("\n") >= 2
    facts = _table(encoding)[ids]
    char_ends = np.cumsum(facts & _CHARS_MASK, dtype=np.int64)
    if len(ids) == 0 or int(char_ends[-1]) != len(block):
        # Text tiktoken rewrites (lone surrogates) breaks the offset arithmetic:
        # the block stays one piece, counted as encode_ordinary counts it.
        count = len(encoding.encode_ordinary(block))
        return (np.array([end]), np.array([last_is_paragraph]), np.array([count]))
    before, after = facts[:-1], facts[1:]
    # cut[i]: a piece ends after token i. The block's last token always ends one.
    cut = np.ones(len(ids), dtype=bool)
    cut[:-1] = (before & _TERMINAL_BIT).astype(bool) & (after & _OPENER_BIT).astype(bool)
    cut[1:-1] &= (facts[:-2] & _ABBREVIATION_BIT) == 0
    cut[:-1] |= (before & _ENDS_NEWLINE_BIT).astype(bool) & ((after & _STARTS_SPACE_BIT) == 0)
    last_tokens = np.flatnonzero(cut)
    ends = char_ends[last_tokens] + start
    paragraph = (facts[last_tokens] & _BLANK_LINE_BIT) != 0
    paragraph[-1] = last_is_paragraph
    counts = last_tokens + 1
    counts[1:] -= last_tokens[:-1] + 1
    return ends, paragraph, counts


def _blocks(text: str, size: int) -> list[tuple[int, int]]:
    """Split at line starts (always safe cuts) into blocks of about ``size`` chars."""
    blocks: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        cut = len(text)
        probe = start + size
        while probe < len(text):
            nl = text.find("\n", probe)
            if nl == -1 or nl + 1 >= len(text):
                break
            if not text[nl + 1].isspace():
                cut = nl + 1
                break
            probe = nl + 1
        blocks.append((start, cut))
        start = cut
    return blocks


def find_pieces(encoding: tiktoken.Encoding, text: str, threads: int | None = None) -> Pieces:
    """All pieces of ``text`` with their token counts (summing to the text's count)."""
    if not text:
        return Pieces([], [], [], [])
    workers = threads if threads is not None else _CPUS
    blocks = _blocks(text, _BLOCK_CHARS)
    if workers <= 1 or len(text) < _PARALLEL_MIN_CHARS:
        parts = [_scan_block(encoding, text, s, e) for s, e in blocks]
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(lambda b: _scan_block(encoding, text, *b), blocks))
    if len(parts) == 1:
        ends, paragraph, counts = parts[0]
    else:
        ends = np.concatenate([p[0] for p in parts])
        paragraph = np.concatenate([p[1] for p in parts])
        counts = np.concatenate([p[2] for p in parts])
    end_list: list[int] = ends.tolist()
    return Pieces(
        starts=[0, *end_list[:-1]],
        ends=end_list,
        paragraph_end=paragraph.tolist(),
        counts=counts.tolist(),
    )
