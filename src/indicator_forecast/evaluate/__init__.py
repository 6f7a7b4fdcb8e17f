"""The orchestration: plan + observations + evaluation date → :class:`Evaluation`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from indicator_forecast.adjust import propose
from indicator_forecast.classify import classify
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.data import Observations, read_observations
from indicator_forecast.evaluate._outlook import build_outlook
from indicator_forecast.evaluate.result import Evaluation, IndicatorResult
from indicator_forecast.plan import Plan
from indicator_forecast.progress import compute_progress


def _as_date(as_of: Any) -> dt.date:
    if isinstance(as_of, dt.datetime):
        return as_of.date()
    if isinstance(as_of, dt.date):
        return as_of
    return pd.Timestamp(str(as_of)).date()


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
    date = _as_date(as_of)
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
