"""Checking many articles: resumable JSONL output, bounded and adaptive concurrency.

>>> from factcheck.batch import run_batch
>>> summary = run_batch("articles/", "results.jsonl", model="gpt-4o-mini")  # doctest: +SKIP
>>> summary.ok, summary.failed  # doctest: +SKIP

``run_openai_batch`` does the same through the OpenAI Batch API;
``read_results`` reads an output file back (the last line per id wins).
``ArticleProcesses`` checks a batch's articles in worker processes
(``processes=`` of ``run_batch``), kept for several batches when started once.
"""

from factcheck.batch.items import BatchItem
from factcheck.batch.openai_batch import run_openai_batch
from factcheck.batch.processes import ArticleProcesses
from factcheck.batch.progress import BatchSummary
from factcheck.batch.results_file import read_results
from factcheck.batch.runner import arun_batch, run_batch

__all__ = [
    "ArticleProcesses",
    "BatchItem",
    "BatchSummary",
    "arun_batch",
    "read_results",
    "run_batch",
    "run_openai_batch",
]
