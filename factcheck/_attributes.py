"""Plain attributes of an object as a JSON-ready dict, in the order named."""

from __future__ import annotations

from typing import Any


def attributes(obj: object, *names: str) -> dict[str, Any]:
    """``{name: obj.name}`` for each of ``names``, in that order (the order JSON keys keep)."""
    return {name: getattr(obj, name) for name in names}
