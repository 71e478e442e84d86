"""Opt-in cache of a system's outputs, so re-scoring a suite costs no model calls.

One JSON file per (system, case, article) in a directory the caller names:
the key is the system's import path, the case id and the SHA-256 of the
article text, so an edited article is a miss while a changed scorer or gold
file reuses every output. A changed system is not detected (its code is not
hashed): clear the directory, or point the suite at another one, when the
system changes. Files are owner-only (they hold the article's wording) and
written atomically; an unreadable or foreign entry is a miss.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from factcheck.errors import SystemOutputError
from factcheck.evals.systems import SystemOutput
from factcheck.private_files import ensure_private_dir, write_private

CACHE_FORMAT = "llm-factcheck system output"


def article_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class OutputCache:
    """Outputs kept under ``directory``, one file per key."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)

    def _key(self, system: str, case_id: str, article: str) -> tuple[dict[str, str], Path]:
        key = {"system": system, "case_id": case_id, "article_sha256": article_hash(article)}
        digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()
        return key, self.directory / f"{digest}.json"

    def get(self, system: str, case_id: str, article: str) -> SystemOutput | None:
        key, path = self._key(system, case_id, article)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
            return None
        if data.get("key") != key or not isinstance(data.get("output"), dict):
            return None
        try:
            return SystemOutput.from_dict(data["output"])
        except SystemOutputError:
            return None

    def put(self, system: str, case_id: str, article: str, output: SystemOutput) -> bool:
        """Store ``output``; False (nothing stored) when it does not serialise as JSON."""
        key, path = self._key(system, case_id, article)
        try:
            text = json.dumps(
                {"format": CACHE_FORMAT, "key": key, "output": output.to_dict()},
                ensure_ascii=False,
            )
        except (TypeError, ValueError):
            return False
        ensure_private_dir(self.directory)
        write_private(path, text + "\n")
        return True
