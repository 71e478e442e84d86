"""Options of a check, with their defaults and validation in one place.

How the model is reached (URL, key, timeout, retries, cache, concurrency) is
:class:`factcheck.model_options.ModelOptions`; this is what the check does
with it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TypeVar

from factcheck.errors import ConfigurationError

DEFAULT_SECTION_TOKENS = 2000
DEFAULT_OVERLAP_SENTENCES = 1
DEFAULT_OUTPUT_TOKENS = 4096
# A truncated section is split in two and retried; this bounds the halvings.
DEFAULT_MAX_SPLITS = 2
# Times an invalid reply (not JSON, or JSON against the schema) is asked again.
DEFAULT_REASKS = 2

Options = TypeVar("Options")


def with_given(options: Options, **given: object) -> Options:
    """``options`` (a frozen dataclass) with the values given, leaving out those given as None."""
    changes = {name: value for name, value in given.items() if value is not None}
    return dataclasses.replace(options, **changes) if changes else options  # type: ignore[type-var]


@dataclass(frozen=True)
class CheckSettings:
    """How a check runs; every field has a sensible default.

    ``max_section_tokens`` caps a section; the effective budget is also bounded
    by the model's context window minus the prompt and ``max_output_tokens``.
    """

    max_section_tokens: int = DEFAULT_SECTION_TOKENS
    overlap_sentences: int = DEFAULT_OVERLAP_SENTENCES
    max_output_tokens: int = DEFAULT_OUTPUT_TOKENS
    max_splits: int = DEFAULT_MAX_SPLITS
    temperature: float = 0.0
    # A model judges every claim and summary sentence after the rules (costs calls).
    judge: bool = False

    def __post_init__(self) -> None:
        problems = []
        if self.max_section_tokens < 16:
            problems.append(f"max_section_tokens must be >= 16, got {self.max_section_tokens}")
        if self.overlap_sentences < 0:
            problems.append(f"overlap_sentences must be >= 0, got {self.overlap_sentences}")
        if self.max_output_tokens < 16:
            problems.append(f"max_output_tokens must be >= 16, got {self.max_output_tokens}")
        if self.max_splits < 0:
            problems.append(f"max_splits must be >= 0, got {self.max_splits}")
        if not 0.0 <= self.temperature <= 2.0:
            problems.append(f"temperature must be within 0..2, got {self.temperature}")
        if problems:
            raise ConfigurationError("; ".join(problems))
