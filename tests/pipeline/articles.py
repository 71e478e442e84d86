"""An invented article of many sections, for the tests that run the model pipeline."""

from __future__ import annotations


def long_article(paragraphs: int = 24) -> str:
    """An article of many short paragraphs, each with its own checkable numbers."""
    parts = ["Port authority reports a record year", ""]
    for i in range(paragraphs):
        parts.append(
            f"In district {i + 1}, inspectors counted {1000 + 37 * i} containers on "
            f"pier {i + 3}, the authority said. Crews worked {8 + i % 5} shifts that week. "
            f"The harbour master, Elena Vos, said the figures for district {i + 1} were final."
        )
        parts.append("")
    parts += ["© 2026 Port Daily. All rights reserved.", "", "Back to top"]
    return "\n".join(parts)
