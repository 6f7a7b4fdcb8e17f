"""The orchestration: plan + observations + evaluation date → :class:`Evaluation`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from indicator_forecast._dates import parse_date
from indicator_forecast.adjust import propose
from indicator_forecast.classify import Classification, Outlook, classify, comparison_measures
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.data import Observations, read_observations
from indicator_forecast.evaluate._outlook import build_outlook, build_outlooks
from indicator_forecast.evaluate.result import Evaluation, IndicatorResult
from indicator_forecast.exceptions import ConfigurationError
from indicator_forecast.final import PRELIMINARY_MARKS, final_status
from indicator_forecast.plan import Indicator, Plan
from indicator_forecast.progress import (
    Moment,
    Progress,
    _dropped,
    compute_progress,
    plan_moment,
)


def has_begun(plan: Plan, date: dt.date) -> bool:
    """Whether ``date`` lies in or after the plan's first year (something can be evaluated).

    Parameters
    ----------
    plan : Plan
        The plan (its base year).
    date : datetime.date
        The evaluation date.

    Returns
    -------
    bool
        True from 1 January of the first plan year on.
    """
    return date.year > plan.base_year


def _check_date(plan: Plan, date: dt.date) -> None:
    """Refuse an evaluation date before the plan's first year: nothing of the plan has happened."""
    if not has_begun(plan, date):
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
        ``plan``; figures read without a plan are checked against it first, see
        :meth:`~indicator_forecast.data.Observations.for_plan`).
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
    prepared = _prepare(plan, observations, as_of=as_of, config=config)
    outlooks = _outlooks(prepared.requests(), prepared.config, progress=progress)
    return _finish(prepared, outlooks)


Outcome = tuple[Outlook | None, str | None]
"""What :func:`build_outlook` returns: the outlook, or None and why not."""


@dataclass(frozen=True)
class _Prepared:
    """A plan's evaluation before its projections: the moment and every indicator's progress.

    Evaluating is three phases: progress for every indicator (this), the projections of the
    indicators that need one (:func:`_outlooks`, across one or many plans), then the grades
    (:func:`_finish`).
    """

    plan: Plan
    obs: Observations
    date: dt.date
    config: EvaluationConfig
    moment: Moment
    indicators: tuple[Indicator, ...]
    progress: tuple[Progress, ...]

    def needs_outlook(self, ind: Indicator, pr: Progress) -> bool:
        """Whether the indicator's result is built on a projection (as in :func:`_final_result`
        for the final evaluation)."""
        if not self.moment.is_final:
            return not pr.blocked
        per = pr.midterm_period
        if pr.blocked or per is None:
            return False
        return not (per.is_full_year and per.year >= ind.target.target_year)

    def requests(self) -> list[tuple[Indicator, Progress]]:
        return [
            (ind, pr)
            for ind, pr in zip(self.indicators, self.progress, strict=True)
            if self.needs_outlook(ind, pr)
        ]


def _prepare(
    plan: Plan,
    observations: Observations | pd.DataFrame | str,
    *,
    as_of: Any,
    config: EvaluationConfig | None,
) -> _Prepared:
    """Phase 1: the date checked, the observations read, every indicator's progress."""
    config = config or EvaluationConfig()
    date = parse_date(as_of)
    _check_date(plan, date)
    obs = (
        observations.for_plan(plan)
        if isinstance(observations, Observations)
        else read_observations(observations, plan)
    )
    moment = plan_moment(date, plan.base_year, plan.target_year, config.moment)
    indicators = tuple(plan.all_indicators())
    progress = tuple(
        compute_progress(ind, obs, date, plan=plan, config=config) for ind in indicators
    )
    return _Prepared(plan, obs, date, config, moment, indicators, progress)


def _outlooks(
    requests: list[tuple[Indicator, Progress]],
    config: EvaluationConfig,
    *,
    progress: bool | None = False,
) -> dict[int, Outcome]:
    """Phase 2: the projection of every requested indicator, keyed by ``id(progress)``; the
    engine's kernels called once per group of alike series (:func:`build_outlooks`)."""
    outcomes = build_outlooks(requests, config, progress=progress)
    return {id(pr): out for (_, pr), out in zip(requests, outcomes, strict=True)}


def _finish(prepared: _Prepared, outlooks: dict[int, Outcome]) -> Evaluation:
    """Phase 3: classification, proposed adjustments and the results."""
    config, moment, obs = prepared.config, prepared.moment, prepared.obs
    results = []
    for ind, pr in zip(prepared.indicators, prepared.progress, strict=True):
        if moment.is_final:
            results.append(_final_result(ind, pr, obs, moment, config, outlooks.get(id(pr))))
            continue
        outlook, why = (None, None)
        if not pr.blocked:
            outlook, why = outlooks[id(pr)]
        cls = classify(pr, outlook, binding=ind.binding, config=config)
        adj = propose(ind, pr, outlook, cls, config) if cls.grade != "insufficient_data" else None
        results.append(
            IndicatorResult(ind, pr, outlook, cls, adj, config, no_outlook_reason=why,
                            moment=moment)
        )
    return Evaluation(prepared.plan, obs, prepared.date, config, tuple(results),
                      language=config.language, moment=moment)


def _is_preliminary(ind: Indicator, obs: Observations, year: int) -> bool:
    """Whether the target year's figure is marked as a preliminary estimate in its note."""
    rows = sorted(obs.records(ind.id, role=None, series=None, year=year),
                  key=lambda r: r.position)  # every row of the year, in the frame's order
    notes = " ".join(str(r.note) for r in rows if not _dropped(r.note)).lower()
    return any(mark in notes for mark in PRELIMINARY_MARKS)


def _final_result(
    ind: Indicator, pr: Progress, obs: Observations, moment: Moment, config: EvaluationConfig,
    outcome: Outcome | None = None,
) -> IndicatorResult:
    """The final evaluation of one indicator: its status on the target-year figure.

    With the figure in hand, no projection is made. Without it, where the years before allow a
    projection (the figure is not stale), the status is judged on the projected value and marked
    provisional; otherwise the indicator is 数据待补充.
    """
    ty = ind.target.target_year
    per = pr.midterm_period
    has_final = per is not None and per.is_full_year and per.year >= ty
    measures = comparison_measures(pr, None, config)
    if pr.blocked or per is None:
        cls = classify(pr, None, binding=ind.binding, config=config)
        cls = Classification("insufficient_data", "final evaluation: " + cls.rule, cls.pace_ratio,
                             None, measures)
        return IndicatorResult(ind, pr, None, cls, None, config,
                               no_outlook_reason="期末数据待补充", moment=moment)
    if has_final:
        # A year estimated inside a total is a projection of the missing part: provisional.
        fs = final_status(ind, pr, config, preliminary=_is_preliminary(ind, obs, ty),
                          provisional=bool(pr.estimated_years))
        cls = Classification(fs.code, f"final evaluation ({fs.rule}) on the {ty} figure",
                             pr.pace_ratio, None, measures)
        return IndicatorResult(ind, pr, None, cls, None, config,
                               no_outlook_reason=f"已到规划期末，按{ty}年实际完成值评估",
                               moment=moment, final=fs)
    # The projection made in phase 2 (:func:`_outlooks`), the same as building it here.
    outlook, why = outcome if outcome is not None else build_outlook(ind, pr, config)
    if outlook is None:
        cls = Classification("insufficient_data", f"final evaluation: no {ty} figure and no "
                             f"projection ({why})", pr.pace_ratio, None, measures)
        return IndicatorResult(ind, pr, None, cls, None, config, no_outlook_reason=why,
                               moment=moment)
    fs = final_status(ind, pr, config, value=outlook.mean, provisional=True,
                      p_meet=outlook.p_meet)
    cls = Classification(fs.code, f"final evaluation ({fs.rule}) on the projected {ty} value "
                         "(provisional)", pr.pace_ratio, outlook.p_meet,
                         comparison_measures(pr, outlook, config))
    return IndicatorResult(ind, pr, outlook, cls, None, config, no_outlook_reason=why,
                           moment=moment, final=fs)


__all__ = ["Evaluation", "EvaluationConfig", "IndicatorResult", "evaluate"]
