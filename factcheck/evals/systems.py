"""Your own summariser as the engine of the eval suite, named by its import path.

A system is any callable named ``package.module:callable`` (the attribute
part may be dotted: ``package.module:Class.method``). It is called with the
article text, and with the case id as a second argument when it takes one
(a second positional parameter, a ``case_id`` keyword or ``**kwargs``). It
returns one of:

- a summary ``str``;
- a ``(summary, claims)`` pair, or a mapping with ``summary`` and ``claims``;
  claims are strings or dicts with ``text`` and optional ``quote``,
  ``stance``, ``category`` and ``speaker``;
- a :class:`factcheck.Result` (or anything with ``to_dict()`` giving that shape).

A coroutine function works too; it runs on an event loop of its own. Only the
summary and the claims' wording and quotes are kept: statuses, problems and
spans are the check's business (see ``grounded_output``).
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.errors import ConfigurationError, SystemOutputError

# The claim fields a system may say something about; everything else is recomputed.
CLAIM_FIELDS = ("text", "quote", "stance", "category", "speaker")


@dataclass(frozen=True)
class SystemOutput:
    """What a system said about one article, reduced to what may be scored."""

    summary: str
    claims: tuple[str | dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"summary": self.summary, "claims": list(self.claims)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SystemOutput:
        return normalize_output(data)


def load_system(path: str) -> Callable[..., Any]:
    """The callable ``package.module:callable`` names; ConfigurationError when it cannot."""
    module_name, colon, attribute = path.partition(":")
    if not colon or not module_name.strip() or not attribute.strip():
        raise ConfigurationError(f"a system is named package.module:callable, got {path!r}")
    try:
        target: Any = importlib.import_module(module_name)
    except ImportError as exc:
        raise ConfigurationError(
            f"cannot import {module_name!r} for system {path!r}: {exc}"
        ) from None
    for part in attribute.split("."):
        try:
            target = getattr(target, part)
        except AttributeError:
            raise ConfigurationError(
                f"system {path!r}: {module_name} has no {attribute!r}"
            ) from None
    if not callable(target):
        raise ConfigurationError(f"system {path!r} is not callable")
    return target  # type: ignore[no-any-return]


def case_id_style(func: Callable[..., Any]) -> str | None:
    """How ``func`` takes the case id: "positional", "keyword", or None (it does not)."""
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):  # a builtin without a signature: call it plainly
        return None
    for style, args, kwargs in (
        ("positional", ("article", "case"), {}),
        ("keyword", ("article",), {"case_id": "case"}),
    ):
        try:
            signature.bind(*args, **kwargs)
        except TypeError:
            continue
        return style
    return None


def takes_case_id(func: Callable[..., Any]) -> bool:
    """Whether ``func`` accepts the case id after the article text."""
    return case_id_style(func) is not None


def call_system(func: Callable[..., Any], article: str, case_id: str) -> SystemOutput:
    """Run ``func`` on one article (awaiting it when it is async) and normalise its answer."""
    style = case_id_style(func)
    if style == "positional":
        value = func(article, case_id)
    elif style == "keyword":
        value = func(article, case_id=case_id)
    else:
        value = func(article)
    if inspect.isawaitable(value):
        from factcheck.sync_bridge import run_sync

        value = run_sync(_awaited(value))
    return normalize_output(value)


async def _awaited(value: Any) -> Any:
    return await value


def _claim(item: Any, index: int) -> str | dict[str, Any]:
    if isinstance(item, str):
        return item
    if isinstance(item, Mapping) and isinstance(item.get("text"), str):
        return {k: item[k] for k in CLAIM_FIELDS if k in item and item[k] is not None}
    raise SystemOutputError(
        f"claim {index} is {type(item).__name__}; a claim is a string or a dict with 'text'"
    )


def _claims(raw: Any) -> tuple[str | dict[str, Any], ...]:
    if raw is None:
        return ()
    if isinstance(raw, (str, bytes)) or not isinstance(raw, Sequence):
        raise SystemOutputError("claims must be a list of strings or dicts")
    return tuple(_claim(item, index) for index, item in enumerate(raw))


def normalize_output(value: Any) -> SystemOutput:
    """A system's answer as a SystemOutput (see the module notes for the accepted shapes)."""
    if isinstance(value, str):
        return SystemOutput(value)
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
        return SystemOutput(value[0], _claims(value[1]))
    if not isinstance(value, Mapping) and callable(getattr(value, "to_dict", None)):
        value = value.to_dict()
    if isinstance(value, Mapping) and isinstance(value.get("summary", ""), str):
        return SystemOutput(str(value.get("summary", "")), _claims(value.get("claims")))
    raise SystemOutputError(
        f"a system returned {type(value).__name__}; expected a summary string, "
        "(summary, claims), a dict with 'summary' and 'claims', or a Result"
    )
