"""Write the report files (JSON, Markdown, HTML) with owner-only permissions.

Reports hold whole article bodies and model output, which may be private or
under copyright: see :mod:`factcheck.private_files`.
"""

from __future__ import annotations

from pathlib import Path

from factcheck.evals.report_html import report_html
from factcheck.evals.report_json import report_json
from factcheck.evals.report_markdown import report_markdown
from factcheck.evals.runner import SuiteRun
from factcheck.private_files import ensure_private_dir, write_private

REPORT_NAMES = ("report.json", "report.md", "report.html")


def write_reports(suite: SuiteRun, directory: Path, *, root: Path | None = None) -> list[Path]:
    """Write ``report.json``, ``report.md`` and ``report.html`` into ``directory``."""
    ensure_private_dir(directory)
    texts = (
        report_json(suite, root=root),
        report_markdown(suite, root=root),
        report_html(suite),
    )
    return [
        write_private(directory / name, text)
        for name, text in zip(REPORT_NAMES, texts, strict=True)
    ]
