"""The orchestration: plan + observations + evaluation date → :class:`Evaluation`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from indicator_forecast._dates import parse_date
from indicator_forecast.adjust import propose
from indicator_forecast.classify import classify
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.data import Observations, read_observations
from indicator_forecast.evaluate._outlook import build_outlook
from indicator_forecast.evaluate.result import Evaluation, IndicatorResult
from indicator_forecast.exceptions import ConfigurationError
from indicator_forecast.plan import Plan
from indicator_forecast.progress import compute_progress


def _check_date(plan: Plan, date: dt.date) -> None:
    """Refuse an evaluation date before the plan's first year: nothing of the plan has happened."""
    if date.year <= plan.base_year:
        raise ConfigurationError(
            f"评估时点 {date} 早于规划期第一年（{plan.base_year + 1}年），"
            "规划尚未开始执行，无法评估"
            f" / evaluation date {date} is before the plan's first year {plan.base_year + 1}: "
            f"nothing can be evaluated yet (the base year {plan.base_year} is the starting "
            "point)"
        )


def evaluate(
    plan: Plan,
    observations: Observations | pd.DataFrame | str,
    *,
    as_of: Any,
    config: EvaluationConfig | None = None,
    progress: bool | None = None,
) -> Evaluation:
    """Evaluate every indicator of ``plan`` at ``as_of``.

    Parameters
    ----------
    plan : Plan
        From :func:`~indicator_forecast.read_plan`.
    observations : Observations, DataFrame or path
        From :func:`~indicator_forecast.read_observations` (a frame or a path is read against
        ``plan``).
    as_of : date or str
        The evaluation date, e.g. ``"2023-06-30"``: figures whose period ends later are ignored;
        annual indicators use the last full year before it, cumulative ones the latest month.
    config : EvaluationConfig, optional
        Thresholds and options; carried in every result.
    progress : bool, optional
        Show a progress bar (default: only in a terminal).

    Returns
    -------
    Evaluation
        Per-indicator results (composite parts included), with ``to_frame()``,
        ``adjustments_frame()``, ``missing_frame()``, ``evidence_frame()``, ``override()``.

    Examples
    --------
    >>> ev = evaluate(plan, obs, as_of="2023-06-30")      # doctest: +SKIP
    >>> ev.to_frame()[["indicator_id", "grade", "p_meet"]]  # doctest: +SKIP
    """
    config = config or EvaluationConfig()
    date = parse_date(as_of)
    _check_date(plan, date)
    obs = (
        observations
        if isinstance(observations, Observations)
        else read_observations(observations, plan)
    )
    indicators = list(plan.all_indicators())
    results = []
    from indicator_forecast._progressbar import track

    for ind in track(indicators, description="评估指标", show=progress):
        pr = compute_progress(ind, obs, date, plan=plan, config=config)
        outlook, why = (None, None)
        if not pr.blocked:
            outlook, why = build_outlook(ind, pr, config)
        cls = classify(pr, outlook, binding=ind.binding, config=config)
        adj = propose(ind, pr, outlook, cls, config) if cls.grade != "insufficient_data" else None
        results.append(IndicatorResult(ind, pr, outlook, cls, adj, config, no_outlook_reason=why))
    return Evaluation(plan, obs, date, config, tuple(results), language=config.language)


__all__ = ["Evaluation", "EvaluationConfig", "IndicatorResult", "evaluate"]
