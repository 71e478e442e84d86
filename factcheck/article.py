"""The article as the rest of the library sees it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from factcheck.offsets import OffsetMap


@dataclass(frozen=True)
class TrailerBlock:
    """One block of page text kept out of the body a model reads (kept, never sent).

    Boilerplate after the body (the trailer) or page furniture inside it
    (``factcheck.furniture``).
    """

    # trailer: copyright | url | byline | bio | contact | navigation
    # furniture: video-prompt | caption | share-bar | promo | credit | table
    kind: str
    text: str
    start: int  # offsets into Article.text
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Article:
    """A cleaned article: ``text`` is the whole cleaned text; ``body`` is what a model reads.

    Offsets named "body" are into ``body``; ``body_start`` converts them to
    offsets into ``text``; ``to_original`` converts those to offsets into the
    text exactly as the caller gave it.

    ``body`` has its page furniture blanked (same length, so every offset
    holds); ``raw_body`` is the same stretch of ``text`` as it is. ``notes``
    says what ingest repaired that a reader should know of.
    """

    original: str
    text: str
    title: str | None
    body_start: int
    body_end: int
    trailer: tuple[TrailerBlock, ...] = ()
    offsets: OffsetMap = field(default_factory=OffsetMap, repr=False, compare=False)
    source: str | None = None  # a path, when read from a file
    furniture: tuple[TrailerBlock, ...] = ()  # offsets into ``text``, inside the body
    notes: tuple[str, ...] = ()

    @cached_property
    def body(self) -> str:
        """What a model and the offline engine read: the body without its furniture."""
        if not self.furniture:
            return self.raw_body
        from factcheck.furniture import blank_furniture

        return blank_furniture(self.text, self.furniture, self.body_start, self.body_end)

    @property
    def raw_body(self) -> str:
        return self.text[self.body_start : self.body_end]

    def to_original(self, pos: int) -> int:
        """Offset into ``original`` of offset ``pos`` into ``text``."""
        return self.offsets.to_original(pos)

    def body_span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original-text span of a body span."""
        return self.offsets.span_to_original(self.body_start + start, self.body_start + end)

    def trailer_text(self) -> str:
        return "\n\n".join(block.text for block in self.trailer)
