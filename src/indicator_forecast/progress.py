"""Half-time progress ("时间过半、任务过半") of one indicator at an evaluation date.

For each target kind, from the observed figures up to the evaluation date ``as_of``:

* 中期完成数 (the mid-term figure): for an indicator measured per year, the last full year
  (2022 at the seed's dates); for a five-year cumulative one, the running total to the latest
  month (January–June 2023).
* time elapsed: (position of the mid-term figure − base year) ÷ plan years; 2.5/5 = 50 % for a
  running total at June 2023, 2/5 = 40 % for a 2022 annual figure.
* completion: the share of the task done — running total ÷ target (cumulative);
  :math:`(x_t - x_b)/(x^* - x_b)` (end level); realised ÷ target average rate (annual rate).
* the value expected on the straight path from the base year to the target at that date;
  the pace the remaining years need (per year) against the average and the best recent pace;
  met-or-not now for floors, ceilings and bands; the gap to the parent's (or the reference
  indicator's) growth year by year and on average.

It also lists what is missing and whether that blocks a conclusion, and prepares the series the
projection engine will extend. It knows nothing of projections.

The per-kind part — which figures a kind reads and what its completion, pace and met test are —
is the target kind's own (its ``progress`` method, in its module under
:mod:`indicator_forecast.plan.targets`); this module keeps what every kind shares: the moment of
the plan, the cut-off of the figures and the judged threshold.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from typing import Any

from indicator_forecast._progress_kit import (
    Missing,
    Progress,
    Rows,
    SeriesInput,
    first_year_pending,
    last_full_year,
)
from indicator_forecast._progress_kit import dropped as _dropped
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.data import Observations
from indicator_forecast.exceptions import ConfigurationError
from indicator_forecast.plan import Indicator, Plan
from indicator_forecast.plan.targets import KINDS
from indicator_forecast.plan.targets.relative import find_reference

GAP_KINDS = tuple(name for name, cls in KINDS.items() if cls.judged_by_gap)
"""The kinds judged by a growth gap (kept for callers that list them)."""

__all__ = [
    "GAP_KINDS",
    "MOMENT_LABELS",
    "Missing",
    "Moment",
    "Progress",
    "Rows",
    "SeriesInput",
    "_dropped",
    "compute_progress",
    "find_reference",
    "last_full_year",
    "plan_moment",
]

MOMENT_LABELS: dict[str, tuple[str, str]] = {
    "monitoring": ("年度监测", "yearly monitoring"),
    "midterm": ("中期评估", "mid-term review"),
    "final": ("总结评估", "final evaluation"),
}


@dataclass(frozen=True)
class Moment:
    """Which moment of a plan's life an evaluation date is, and what time elapsed means then.

    Parameters
    ----------
    code : {"monitoring", "midterm", "final"}
        年度监测, 中期评估 or 总结评估.
    as_of : date
        The evaluation date.
    base_year, target_year : int
        The plan period (2020 and 2025 for 2021–2025).
    data_year : int
        The last full year the evaluation looks at: the last full year before ``as_of``, never
        after the target year (figures after the plan period are not part of its evaluation).
    """

    code: str
    as_of: dt.date
    base_year: int
    target_year: int
    data_year: int

    @property
    def years_elapsed(self) -> int:
        """Full plan years behind the evaluation (0 before the first one has ended)."""
        return max(0, self.data_year - self.base_year)

    @property
    def time_elapsed(self) -> float:
        """Full plan years behind ÷ plan years (1.0 at the final evaluation)."""
        return self.years_elapsed / (self.target_year - self.base_year)

    @property
    def is_final(self) -> bool:
        return self.code == "final"

    @property
    def cutoff(self) -> dt.date:
        """The date figures are taken up to: ``as_of``, or 31 December of the target year."""
        return min(self.as_of, dt.date(self.target_year, 12, 31))

    def label(self, lang: str = "zh") -> str:
        zh, en = MOMENT_LABELS[self.code]
        return zh if lang == "zh" else en

    def describe(self, lang: str = "zh") -> str:
        """What the moment is and what "time elapsed" means at it, in one sentence."""
        b, T, n = self.base_year, self.target_year, self.target_year - self.base_year
        k = self.years_elapsed
        if self.is_final:
            if lang == "zh":
                return f"规划期（{b + 1}—{T}年）已结束，按{T}年实际完成情况总结评估，时间进度100%"
            return (
                f"the plan period ({b + 1}–{T}) is over: judged on the actual figures of {T}, "
                "time elapsed 100%"
            )
        if k == 0:
            if lang == "zh":
                return f"规划期首个完整年度（{b + 1}年）尚未结束，只能看当年已有的月度累计数"
            return f"the plan's first full year ({b + 1}) has not ended: only part-year figures"
        if lang == "zh":
            return (
                f"{self.label(lang)}：截至{self.data_year}年末，规划期{n}年已过{k}年，"
                f"时间进度{k / n:.0%}"
            )
        return (
            f"{self.label(lang)}: by the end of {self.data_year}, {k} of the plan's {n} years "
            f"have passed (time elapsed {k / n:.0%})"
        )


def plan_moment(
    as_of: dt.date, base_year: int, target_year: int, setting: str = "auto"
) -> Moment:
    """The moment of the plan an evaluation at ``as_of`` is (see :class:`Moment`).

    ``setting="auto"``: 总结评估 once the target year is a full year behind ``as_of``; 中期评估
    when the last full year is the middle of the period (years ⌊n/2⌋ or ⌈n/2⌉ of n: 2022 or 2023
    of 2021–2025); 年度监测 otherwise. An explicit ``"final"`` before the target year has ended is
    refused: there is no final figure to judge.

    Parameters
    ----------
    as_of : datetime.date
        The evaluation date.
    base_year, target_year : int
        The plan's base year and target year (2020 and 2025 for a 2021–2025 plan).
    setting : {"auto", "monitoring", "midterm", "final"}
        ``EvaluationConfig.moment``: ``"auto"`` reads the moment from the date, any other value
        is taken as given.

    Returns
    -------
    Moment
        The moment's code, the date, the plan years and the last full year of data (at most the
        target year).

    Raises
    ------
    ConfigurationError
        If ``setting="final"`` while the target year is not yet over at ``as_of``.
    """
    lfy = min(last_full_year(as_of), target_year)
    n = target_year - base_year
    if setting == "auto":
        if lfy >= target_year:
            code = "final"
        elif lfy - base_year in (n // 2, (n + 1) // 2):
            code = "midterm"
        else:
            code = "monitoring"
    else:
        code = setting
        if code == "final" and lfy < target_year:
            raise ConfigurationError(
                f"总结评估须在规划目标年（{target_year}年）结束之后进行，评估时点为{as_of}"
                f" / a final evaluation needs the target year {target_year} to be over; the "
                f"evaluation date is {as_of}"
            )
    return Moment(code, as_of, base_year, target_year, lfy)


def compute_progress(
    ind: Indicator,
    obs: Observations,
    as_of: dt.date,
    *,
    plan: Plan,
    config: EvaluationConfig | None = None,
) -> Progress:
    """Progress of ``ind`` at ``as_of`` from ``obs`` (figures after ``as_of`` are ignored).

    The target kind's own ``progress`` does the work; figures after the target year are not
    part of the plan's evaluation, so ``as_of`` is taken as at most 31 December of the target
    year.

    Parameters
    ----------
    ind : Indicator
        The indicator and its parsed target.
    obs : Observations
        The observed figures (of this and other indicators: a relative target reads its
        reference's).
    as_of : datetime.date
        The evaluation date.
    plan : Plan
        The plan ``ind`` belongs to (for targets relative to another indicator).
    config : EvaluationConfig or None
        The evaluation's options (staleness limit …); the defaults when ``None``.

    Returns
    -------
    Progress
        The kind's progress record, with the plan years, the better direction and the judged
        threshold filled in.
    """
    config = config or EvaluationConfig()
    # Figures after the plan period are not part of its evaluation: a final evaluation in 2026
    # looks at the plan years only, and the part-year figures of 2026 are not asked for.
    as_of = min(as_of, dt.date(ind.target.target_year, 12, 31))
    t = ind.target
    pr = t.progress(ind, obs, as_of, plan=plan, config=config)
    if pr.midterm_value is None and last_full_year(as_of) <= t.base_year and not pr.missing:
        # No plan year has ended and the kind asks for nothing (a total asks for the months so
        # far): say so, rather than an insufficient-data verdict with nothing named as missing.
        pr = _replaced(pr, missing=(*pr.missing, first_year_pending(t.base_year)))
    return _replaced(pr, base_year=t.base_year, target_year=t.target_year,
                     direction=ind.direction, threshold=t.judged_threshold(pr.target_value))


def _replaced(pr: Progress, **changes: Any) -> Progress:
    """``dataclasses.replace(pr, **changes)``, the fields copied rather than passed through the
    generated ``__init__`` of 34 arguments (a tenth of a batch's progress phase): the same
    record, since a :class:`Progress` has no ``__post_init__`` and no field outside
    ``__init__``."""
    cls = type(pr)
    if cls is not Progress or not _PLAIN_INIT:
        return replace(pr, **changes)
    unknown = changes.keys() - _FIELDS
    if unknown:
        raise TypeError(f"Progress has no field {sorted(unknown)[0]!r}")
    new = object.__new__(cls)
    state = new.__dict__
    state.update(pr.__dict__)
    state.update(changes)
    return new


_FIELDS = frozenset(f.name for f in fields(Progress))
_PLAIN_INIT = (not hasattr(Progress, "__post_init__")
               and all(f.init for f in fields(Progress)))
