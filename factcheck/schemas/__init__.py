"""JSON Schemas the package publishes (the result shape)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent


@cache
def result_schema() -> dict[str, Any]:
    """The JSON Schema of ``Result.to_dict()``."""
    schema: dict[str, Any] = json.loads((_HERE / "result.schema.json").read_text("utf-8"))
    return schema
