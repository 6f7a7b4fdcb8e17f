"""Turn a progress record's series into an :class:`~indicator_forecast.classify.Outlook`.

This is the one place that maps the projection engine's distribution back to the indicator's
own terms: a level; a five-year total (observed total + projected yearly flows); an average
rate from chained growth; a compounded cumulative reduction (yearly reductions as
:math:`-100\\ln(1-d/100)`, which add up); an average gap over the plan years.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable

import numpy as np

from indicator_forecast.classify import Outlook
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.exceptions import ProjectionError, ShortSeriesWarning
from indicator_forecast.forecast import Partial, project_series
from indicator_forecast.plan import Indicator
from indicator_forecast.plan.targets import BandTarget
from indicator_forecast.progress import Progress

_WHAT_ZH = {
    "level": "期末值",
    "flow": "五年累计值",
    "growth_rate": "年均增速",
    "log_reduction": "五年累计降低率",
    "gap_average": "与参照增速的年均差距",
}


def _p_meet(
    ind: Indicator, pr: Progress, pal: Callable[[float], float]
) -> tuple[float | None, float | None]:
    """P(meeting the on-track bound) and P(meeting the stretch bound), in the projected quantity."""
    t = ind.target
    kind = ind.kind
    if kind in ("parent_synced", "relative_to_indicator"):
        tol = getattr(t, "tolerance", 0.0)
        if getattr(t, "relation", None) == "above":
            return pal(1e-9), None
        return pal(-tol), None
    target = pr.target_value
    if target is None:
        return None, None
    stretch = t.stretch if kind not in ("cumulative_change",) else target
    if isinstance(t, BandTarget):  # kind == "band": the discriminator picks BandTarget
        edge = t.band_low if ind.direction == "higher" else t.band_high
        target = edge if edge is not None else target
    if ind.direction == "higher":
        return pal(target), (pal(stretch) if stretch is not None else None)
    return 1 - pal(target), (1 - pal(stretch) if stretch is not None else None)


def build_outlook(
    ind: Indicator, pr: Progress, config: EvaluationConfig
) -> tuple[Outlook | None, str | None]:
    """Project ``pr.series`` and summarise the end of the plan period; (None, why) if it cannot."""
    s = pr.series
    if s is None:
        return None, "可用于预测的连续年度数据不足两个"
    T = pr.target_year
    partial = (
        Partial(year=s.partial[0], months=s.partial[1], value=s.partial[2]) if s.partial else None
    )
    level = config.level
    method = config.method
    extra: tuple[str, ...] = ()
    if s.measure == "flow" and len(s.years) < 4 and method == "default":
        # A trend drawn through two or three yearly amounts (or yearly changes) extrapolates
        # one swing for years; carry the latest year's amount forward instead, and say so.
        method = "naive"
        extra = (f"年度新增/变化量仅{len(s.years)}年，采用naive（延续最近一年）而非趋势外推",)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ShortSeriesWarning)
        try:
            proj = project_series(
                np.array(s.years), np.array(s.values, dtype=float), target_year=T,
                measure=s.measure,
                level=(level, 95), method=method, partial=partial,
            )
        except ProjectionError as exc:
            return None, str(exc)
    notes = extra + tuple(str(w.message) for w in caught) + tuple(proj.notes)
    if int(s.years[-1]) >= T:
        return None, "已到规划期末，无需预测"

    q: Callable[[float], float]  # quantile of the end-of-plan quantity
    pal: Callable[[float], float]  # P(quantity >= x)
    if s.measure == "level":
        dist = proj.distribution
        q = lambda p: float(dist.quantile(p, T))  # noqa: E731
        pal = lambda x: float(dist.prob_at_least(x, T))  # noqa: E731
        path = tuple(
            (int(y), float(m), float(l8), float(h8), float(l9), float(h9))
            for y, m, l8, h8, l9, h9 in zip(
                dist.periods,
                dist.mean,
                dist.lo(level),
                dist.hi(level),
                dist.lo(95),
                dist.hi(95),
                strict=True,
            )
        )
        mean = float(dist.mean[-1])
    elif s.measure == "growth_rate":
        dist = proj.end_growth_rate(base_year=pr.base_year, year=T)
        q = lambda p: float(dist.quantile(p, T))  # noqa: E731
        pal = lambda x: float(dist.prob_at_least(x, T))  # noqa: E731
        ydist = proj.distribution
        path = tuple(
            (int(y), float(m), float(l8), float(h8), float(l9), float(h9))
            for y, m, l8, h8, l9, h9 in zip(
                ydist.periods,
                ydist.mean,
                ydist.lo(level),
                ydist.hi(level),
                ydist.lo(95),
                ydist.hi(95),
                strict=True,
            )
        )
        mean = float(dist.mean[-1])
    else:  # flows: a five-year total, a compounded reduction, or an average gap
        # With a part-year figure the partial year is projected (its nowcast replaces the part),
        # so the observed total must not already count it.
        observed = s.observed_total
        first_projected = int(proj.base.periods[0])
        cum = proj.cumulative(observed_total=observed, from_year=first_projected)
        raw_q: Callable[[float], float] = lambda p: float(cum.quantile(p, T))  # noqa: E731
        raw_pal: Callable[[float], float] = lambda x: float(cum.prob_at_least(x, T))  # noqa: E731
        if s.transform == "log_reduction":
            q = lambda p: (1 - math.exp(-raw_q(p) / 100)) * 100  # noqa: E731
            pal = lambda x: raw_pal(-100 * math.log(1 - x / 100)) if x < 100 else 0.0  # noqa: E731
            mean = q(0.5)
        elif s.transform == "gap_average":
            n = T - pr.base_year
            q = lambda p: raw_q(p) / n  # noqa: E731
            pal = lambda x: raw_pal(x * n)  # noqa: E731
            mean = float(cum.mean[-1]) / n
        else:
            q, pal = raw_q, raw_pal
            mean = float(cum.mean[-1])
        ydist = proj.distribution
        path = tuple(
            (int(y), float(m), float(l8), float(h8), float(l9), float(h9))
            for y, m, l8, h8, l9, h9 in zip(
                ydist.periods,
                ydist.mean,
                ydist.lo(level),
                ydist.hi(level),
                ydist.lo(95),
                ydist.hi(95),
                strict=True,
            )
        )
    lo, hi = q((1 - level / 100) / 2), q(1 - (1 - level / 100) / 2)
    p_meet, p_stretch = _p_meet(ind, pr, pal)
    what = _WHAT_ZH.get(s.transform if s.transform != "none" else s.measure, "期末值")
    return Outlook(
        mean=mean,
        lo=lo,
        hi=hi,
        level=level,
        p_meet=p_meet,
        p_stretch=p_stretch,
        model=proj.model,
        model_reason=(extra[0] + "；" if extra else "") + proj.model_reason,
        what=what,
        quantile=q,
        prob_at_least=pal,
        path=path,
        notes=notes,
    ), None
