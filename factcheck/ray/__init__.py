"""Checking articles on Ray Data, beyond one machine (the ``ray`` extra).

>>> from factcheck.ray import run_ray_batch, read_ray_results
>>> summary = run_ray_batch("articles.parquet", "results/", model="gpt-4o-mini")  # doctest: +SKIP
>>> read_ray_results("results/")["some-id"]["ok"]  # doctest: +SKIP

:class:`CheckArticles` is the callable class for ``Dataset.map_batches`` in
pipelines of your own; :func:`run_ray_batch` is ``factcheck batch --ray``.
Importing :mod:`factcheck` never imports Ray; this package imports pyarrow,
and Ray itself only when a run starts.
"""

try:
    import pyarrow  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "factcheck.ray needs the ray extra: pip install 'llm-factcheck[ray]'"
    ) from exc

from factcheck.ray.job import run_ray_batch
from factcheck.ray.shards import read_ray_results
from factcheck.ray.udf import CheckArticles

__all__ = ["CheckArticles", "read_ray_results", "run_ray_batch"]
