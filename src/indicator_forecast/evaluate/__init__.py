"""The orchestration: plan + observations + evaluation date → :class:`Evaluation`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from indicator_forecast._dates import parse_date
from indicator_forecast.adjust import propose
from indicator_forecast.classify import Classification, classify, comparison_measures
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.data import Observations, read_observations
from indicator_forecast.evaluate._outlook import build_outlook
from indicator_forecast.evaluate.result import Evaluation, IndicatorResult
from indicator_forecast.exceptions import ConfigurationError
from indicator_forecast.final import PRELIMINARY_MARKS, final_status
from indicator_forecast.plan import Indicator, Plan
from indicator_forecast.progress import Moment, Progress, compute_progress, plan_moment


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
        The date sets the moment (``config.moment="auto"``): 年度监测 (yearly monitoring),
        中期评估 (mid-term) or, once the target year is over, 总结评估 (final evaluation), where
        each indicator gets a final status from its target-year figure (see
        :mod:`indicator_forecast.final`) instead of a grade A–D.
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
    moment = plan_moment(date, plan.base_year, plan.target_year, config.moment)
    indicators = list(plan.all_indicators())
    results = []
    from indicator_forecast._progressbar import track

    for ind in track(indicators, description="评估指标", show=progress):
        pr = compute_progress(ind, obs, date, plan=plan, config=config)
        if moment.is_final:
            results.append(_final_result(ind, pr, obs, moment, config))
            continue
        outlook, why = (None, None)
        if not pr.blocked:
            outlook, why = build_outlook(ind, pr, config)
        cls = classify(pr, outlook, binding=ind.binding, config=config)
        adj = propose(ind, pr, outlook, cls, config) if cls.grade != "insufficient_data" else None
        results.append(
            IndicatorResult(ind, pr, outlook, cls, adj, config, no_outlook_reason=why,
                            moment=moment)
        )
    return Evaluation(plan, obs, date, config, tuple(results), language=config.language,
                      moment=moment)


def _is_preliminary(ind: Indicator, obs: Observations, year: int) -> bool:
    """Whether the target year's figure is marked as a preliminary estimate in its note."""
    df = obs.frame
    rows = df[(df["indicator_id"] == ind.id) & (df["year"] == year)]
    notes = " ".join(str(n) for n in rows["note"].dropna().tolist()).lower()
    return any(mark in notes for mark in PRELIMINARY_MARKS)


def _final_result(
    ind: Indicator, pr: Progress, obs: Observations, moment: Moment, config: EvaluationConfig
) -> IndicatorResult:
    """The final evaluation of one indicator: its status on the target-year figure.

    With the figure in hand, no projection is made. Without it, where the years before allow a
    projection (the figure is not stale), the status is judged on the projected value and marked
    provisional; otherwise the indicator is 数据待补充.
    """
    T = ind.target.target_year
    per = pr.midterm_period
    has_final = per is not None and per.is_full_year and per.year >= T
    measures = comparison_measures(pr, None, config)
    if pr.blocked or per is None:
        cls = classify(pr, None, binding=ind.binding, config=config)
        cls = Classification("insufficient_data", "final evaluation: " + cls.rule, cls.pace_ratio,
                             None, measures)
        return IndicatorResult(ind, pr, None, cls, None, config,
                               no_outlook_reason="期末数据待补充", moment=moment)
    if has_final:
        # A year estimated inside a total is a projection of the missing part: provisional.
        fs = final_status(ind, pr, config, preliminary=_is_preliminary(ind, obs, T),
                          provisional=bool(pr.estimated_years))
        cls = Classification(fs.code, f"final evaluation ({fs.rule}) on the {T} figure",
                             pr.pace_ratio, None, measures)
        return IndicatorResult(ind, pr, None, cls, None, config,
                               no_outlook_reason=f"已到规划期末，按{T}年实际完成值评估",
                               moment=moment, final=fs)
    outlook, why = build_outlook(ind, pr, config)
    if outlook is None:
        cls = Classification("insufficient_data", f"final evaluation: no {T} figure and no "
                             f"projection ({why})", pr.pace_ratio, None, measures)
        return IndicatorResult(ind, pr, None, cls, None, config, no_outlook_reason=why,
                               moment=moment)
    fs = final_status(ind, pr, config, value=outlook.mean, provisional=True,
                      p_meet=outlook.p_meet)
    cls = Classification(fs.code, f"final evaluation ({fs.rule}) on the projected {T} value "
                         "(provisional)", pr.pace_ratio, outlook.p_meet,
                         comparison_measures(pr, outlook, config))
    return IndicatorResult(ind, pr, outlook, cls, None, config, no_outlook_reason=why,
                           moment=moment, final=fs)


__all__ = ["Evaluation", "EvaluationConfig", "IndicatorResult", "evaluate"]
