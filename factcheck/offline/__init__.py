"""The built-in offline engine: extractive summary and claims, no model needed."""

from __future__ import annotations

from factcheck.offline.engine import OfflineEngine, OfflineOutput

__all__ = ["OfflineEngine", "OfflineOutput"]
