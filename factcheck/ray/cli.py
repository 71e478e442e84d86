"""``factcheck batch INPUT --out DIR --ray``: the batch command's route onto Ray Data."""

from __future__ import annotations

import argparse
import importlib.util
import logging

from factcheck.batch.progress import BatchSummary
from factcheck.errors import ConfigurationError
from factcheck.model_options import DEFAULT_CACHE_MODE, ModelOptions
from factcheck.settings import CheckSettings


def quiet_ray() -> None:
    """Ray Data's progress lines and plan logs off: the run ends with its own tally."""
    from ray.data import DataContext

    context = DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.WARNING)


def run_on_ray(
    args: argparse.Namespace, options: ModelOptions, settings: CheckSettings | None
) -> BatchSummary:
    if getattr(args, "openai_batch", False):
        raise ConfigurationError("--ray and --openai-batch are two routes; choose one")
    if options.cache != DEFAULT_CACHE_MODE:
        raise ConfigurationError("--cache is a file on one machine; it does not apply to --ray")
    if importlib.util.find_spec("ray") is None or importlib.util.find_spec("pyarrow") is None:
        raise ConfigurationError("--ray needs the ray extra: pip install 'llm-factcheck[ray]'")
    from factcheck.ray.job import run_ray_batch

    if not logging.getLogger("factcheck").isEnabledFor(logging.INFO):
        quiet_ray()
    return run_ray_batch(
        args.input,
        args.out,
        options=options,
        settings=settings,
        actors=args.ray_actors,
        out_format=args.out_format,
        skip_done=args.skip_done,
        address=args.ray_address,
    )
