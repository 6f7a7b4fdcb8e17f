"""Many plans at once: every county of a province, one frame out.

:func:`evaluate_many` evaluates plans in chunks: the progress of every indicator of the chunk's
plans, then their projections together, then the grades; each plan's rows are exactly those of
:func:`~indicator_forecast.evaluate.evaluate` on that plan, with a ``plan`` column in front.

Plans are independent of each other, so beyond one machine the batch is a map over plans: run
this function (or :func:`evaluate` per plan) on an existing engine such as Dask (``bag`` or
``delayed``) or Ray, as the README shows; ``workers`` uses the standard library's
:class:`concurrent.futures.ProcessPoolExecutor` on one machine.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeAlias

import pandas as pd

from indicator_forecast._dates import parse_date
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.data import Observations
from indicator_forecast.evaluate import _finish, _outlooks, _prepare
from indicator_forecast.evaluate.result import BatchRows, Evaluation
from indicator_forecast.exceptions import ConfigurationError
from indicator_forecast.plan import Plan

Item: TypeAlias = "tuple[Plan, Observations | pd.DataFrame | str] | tuple[str, Plan, Observations | pd.DataFrame | str]"  # noqa: E501
"""``(plan, observations)`` or ``(name, plan, observations)``."""

Named: TypeAlias = "tuple[str, Plan, Observations | pd.DataFrame | str]"

CHUNK = 200
"""Plans evaluated together (their projections in one phase); bounds the memory held."""


def _named(items: Iterable[Item]) -> Iterator[Named]:
    """Every item as (name, plan, observations); the name defaults to the plan's."""
    seen: set[str] = set()
    for k, item in enumerate(items):
        if len(item) == 3:
            name, plan, obs = item
        elif len(item) == 2:
            plan, obs = item
            name = getattr(plan, "name", "")
        else:
            raise ConfigurationError(
                "The 'items' parameter of evaluate_many must hold (plan, observations) or "
                f"(name, plan, observations) pairs. Got {len(item)} values at position {k}."
            )
        if not isinstance(plan, Plan):
            raise ConfigurationError(
                "The 'items' parameter of evaluate_many must hold a Plan (from read_plan) "
                f"before the observations. Got {type(plan).__name__} at position {k}."
            )
        name = str(name)
        if name in seen:
            raise ConfigurationError(
                f"evaluate_many: two plans are named {name!r} (position {k}); name them "
                "apart with (name, plan, observations) so that the 'plan' column tells them "
                "apart / 规划名称重复"
            )
        seen.add(name)
        yield name, plan, obs


def _chunks(items: Iterable[Named], size: int) -> Iterator[list[Named]]:
    chunk: list[Named] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for a block, then restored as it was.

    A chunk allocates hundreds of thousands of small objects that live to its end; with the
    collector running, its passes over them (and over every plan held) cost about a fifth of
    the time, and half of the time of concatenating a thousand plans' frames. Freed memory
    does not wait: objects go when their last reference does, and the few reference cycles of
    a chunk are collected once it is done.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def evaluate_chunk(
    chunk: Sequence[Named], as_of: Any, config: EvaluationConfig | None = None
) -> list[tuple[str, Evaluation]]:
    """Evaluate a few plans together: progress of all, projections of all, then the grades.

    Each :class:`Evaluation` is the one :func:`~indicator_forecast.evaluate.evaluate` returns
    for that plan.

    Parameters
    ----------
    chunk : sequence of (str, Plan, observations)
        The plans with their names and observations (an
        :class:`~indicator_forecast.data.Observations`, a frame or a path).
    as_of : date or str
        The evaluation date, the same for every plan.
    config : EvaluationConfig, optional
        The same thresholds and options for every plan; the defaults when ``None``.

    Returns
    -------
    list of (str, Evaluation)
        Each plan's name with its evaluation, in the order of ``chunk``.
    """
    with _cyclic_gc_paused():
        prepared = [(name, _prepare(plan, obs, as_of=as_of, config=config))
                    for name, plan, obs in chunk]
        requests = [r for _, p in prepared for r in p.requests()]
        cfg = config or EvaluationConfig()
        outlooks = _outlooks(requests, cfg)
        return [(name, _finish(p, outlooks)) for name, p in prepared]


def _frames(chunk: Sequence[Named], as_of: Any, config: EvaluationConfig | None) -> pd.DataFrame:
    """One chunk's rows, with the plan column (what a worker process sends back)."""
    evaluations = evaluate_chunk(chunk, as_of, config)
    with _cyclic_gc_paused():
        return _concat([_with_plan(name, ev.to_frame()) for name, ev in evaluations])


def _with_plan(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    frame.insert(0, "plan", name)
    return frame


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    if not frames:
        return pd.DataFrame(columns=["plan"])
    return pd.concat(frames, ignore_index=True)


def evaluate_many(
    items: Iterable[Item],
    *,
    as_of: Any,
    config: EvaluationConfig | None = None,
    progress: bool | None = None,
    workers: int | None = None,
    on_evaluation: Callable[[str, Evaluation], None] | None = None,
) -> pd.DataFrame:
    """Evaluate many plans at one date into one frame with a ``plan`` column.

    Parameters
    ----------
    items : iterable
        ``(plan, observations)`` or ``(name, plan, observations)`` tuples; the name (by default
        ``plan.name``) fills the ``plan`` column and must differ from plan to plan.
        Observations as for :func:`~indicator_forecast.evaluate.evaluate` (an
        :class:`~indicator_forecast.data.Observations`, a frame or a path).
    as_of : date or str
        The evaluation date, the same for every plan.
    config : EvaluationConfig, optional
        The same thresholds and options for every plan.
    progress : bool, optional
        Show a progress bar over the plans (default: only in a terminal).
    workers : int, optional
        Evaluate chunks of plans in this many processes
        (:class:`concurrent.futures.ProcessPoolExecutor`); default: in this process.
    on_evaluation : callable, optional
        Called with ``(name, Evaluation)`` for each plan as it is done (e.g. to write its
        report); only without ``workers`` (an evaluation holds its projections' functions, which
        do not travel between processes).

    Returns
    -------
    DataFrame
        ``plan`` and then the columns of :meth:`Evaluation.to_frame`, plan after plan in the
        order given; each plan's rows are those of ``evaluate(plan, observations, ...)``.

    Raises
    ------
    ConfigurationError
        For an item that is not a plan and its observations, two plans of the same name, or
        ``workers`` with ``on_evaluation``.

    Examples
    --------
    >>> frame = evaluate_many([(p, o) for p, o in counties], as_of="2023-06-30")  # doctest: +SKIP
    >>> frame.groupby("plan")["grade"].value_counts()                              # doctest: +SKIP
    """
    parse_date(as_of)  # a bad date is refused before any plan is read
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise ConfigurationError(
            f"The 'workers' parameter of evaluate_many must be an int >= 1 or None. "
            f"Got {workers!r} instead."
        )
    if workers is not None and on_evaluation is not None:
        raise ConfigurationError(
            "evaluate_many: on_evaluation needs the evaluations in this process; leave "
            "'workers' unset to use it"
        )
    from indicator_forecast._progressbar import track

    named = list(_named(items))
    if workers is None:
        plans = track(named, description="评估规划 / plans", show=progress, total=len(named))
        rows = BatchRows()
        if on_evaluation is None:
            # One pause for the whole batch: an evaluation makes no reference cycles (none
            # found after 1,000 plans), while each pass of the collector once the chunk is
            # done walks every plan the caller holds (~5-10 % of the CPU at 1,000 plans).
            with _cyclic_gc_paused():
                for chunk in _chunks(plans, CHUNK):
                    for name, ev in evaluate_chunk(chunk, as_of, config):
                        rows.add(name, ev)
                return rows.frame()
        for chunk in _chunks(plans, CHUNK):
            # The collector runs between chunks and during the caller's function, which may
            # make cycles (a chart's figure, say); one pause for a chunk's evaluations and
            # rows, not one per plan (re-enabling it walked everything held, ~12 %).
            with _cyclic_gc_paused():
                evaluations = evaluate_chunk(chunk, as_of, config)
                for name, ev in evaluations:
                    rows.add(name, ev)
            for name, ev in evaluations:
                on_evaluation(name, ev)
            del evaluations
        with _cyclic_gc_paused():
            return rows.frame()
    size = max(1, min(CHUNK, -(-len(named) // (4 * workers))))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_frames, chunk, as_of, config) for chunk in _chunks(named, size)]
        done = track(futures, description="评估规划 / plans", show=progress,
                     total=len(futures))
        frames = [f.result() for f in done]
    with _cyclic_gc_paused():
        return _concat(frames)


__all__ = ["evaluate_chunk", "evaluate_many"]
