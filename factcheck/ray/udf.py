"""A callable class for ``Dataset.map_batches``: rows ``{id, text}`` in, result rows out.

>>> import ray
>>> from factcheck.ray import CheckArticles
>>> ds = ray.data.read_parquet("articles.parquet")  # doctest: +SKIP
>>> results = ds.map_batches(
...     CheckArticles,
...     fn_constructor_kwargs={"model": "gpt-4o-mini", "concurrency": 16},
...     batch_format="pyarrow",
...     batch_size=64,
...     compute=ray.data.ActorPoolStrategy(size=4),
... )  # doctest: +SKIP

Ray builds one instance per actor, so each actor has one model client, built
once, and one adaptive limiter for all its batches (see
:mod:`factcheck.batch.checker`). An article that fails is a row with ``ok``
false and its error, never a missing row; a batch raises only for input that
is not a batch of ``{id, text}`` rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import pyarrow as pa

from factcheck.batch.checker import ArticleChecker
from factcheck.batch.items import BatchItem
from factcheck.batch.limiter import DEFAULT_RECOVER_AFTER
from factcheck.batch.records import error_record
from factcheck.errors import BatchInputError
from factcheck.llm import JsonModel
from factcheck.model_options import ModelKeywords, ModelOptions, build_model
from factcheck.ray.rows import checked_at, row_of_record, rows_table
from factcheck.settings import CheckSettings
from factcheck.usage import Usage

if TYPE_CHECKING:
    from typing_extensions import Unpack

# A pyarrow Table (batch_format="pyarrow") or a mapping of column name to values.
Batch: TypeAlias = "pa.Table | Mapping[str, Sequence[Any]]"


def _columns(batch: Batch) -> tuple[list[Any], list[Any]]:
    if isinstance(batch, pa.Table):
        names = batch.column_names
        get: Callable[[str], list[Any]] = lambda name: batch.column(name).to_pylist()  # noqa: E731
    elif isinstance(batch, Mapping):
        names = list(batch)
        get = lambda name: list(batch[name])  # noqa: E731
    else:
        raise BatchInputError(
            f"expected a pyarrow Table or a mapping of columns, got {type(batch).__name__} "
            '(use batch_format="pyarrow")'
        )
    missing = [name for name in ("id", "text") if name not in names]
    if missing:
        raise BatchInputError(f"a batch needs 'id' and 'text' columns; missing {missing}")
    return get("id"), get("text")


class CheckArticles:
    """Checks each row's ``text``; one model client and one limiter per instance.

    ``options`` and the model keywords are those of :func:`factcheck.check`
    (:class:`ModelOptions`; no model: the offline engine); ``model_factory``,
    when given, builds the model instead (on the actor, so it can carry a
    client that cannot be pickled). ``concurrency`` bounds the requests this
    instance has in flight at once; 429s lower it for a while, as in
    ``factcheck batch``. Keys are best read on the actor from
    ``OPENAI_API_KEY``: :func:`run_ray_batch` never passes one through Ray.
    """

    def __init__(
        self,
        *,
        options: ModelOptions | None = None,
        settings: CheckSettings | None = None,
        recover_after: int = DEFAULT_RECOVER_AFTER,
        model_factory: Callable[[], JsonModel] | None = None,
        **model_keywords: Unpack[ModelKeywords],
    ) -> None:
        connection = ModelOptions.given(options, model_keywords)
        json_model = model_factory() if model_factory is not None else build_model(connection)
        self.checker = ArticleChecker(
            json_model,
            settings=settings,
            concurrency=connection.concurrency,
            recover_after=recover_after,
        )

    def __call__(self, batch: Batch) -> pa.Table:
        ids, texts = _columns(batch)
        when = checked_at()
        rows: list[dict[str, Any] | None] = [None] * len(ids)
        items: list[BatchItem] = []
        places: list[int] = []
        for place, (article_id, text) in enumerate(zip(ids, texts, strict=True)):
            if not isinstance(text, str):
                # A row without text is reported, as any failed article is.
                record = error_record(str(article_id), "BatchInputError", "'text' must be a string")
                rows[place] = row_of_record(record, Usage(), when)
                continue
            items.append(BatchItem(str(article_id), text))
            places.append(place)
        for place, (record, usage) in zip(places, self.checker.check(items), strict=True):
            rows[place] = row_of_record(record, usage, when)
        return rows_table([row for row in rows if row is not None])

    def close(self) -> None:
        self.checker.close()
