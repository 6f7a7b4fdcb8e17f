"""Turn a progress record's series into an :class:`~indicator_forecast.classify.Outlook`.

This is the one place that maps the projection engine's distribution back to the indicator's
own terms: a level; a five-year total; an average rate from chained growth; a compounded
cumulative reduction (yearly reductions as :math:`-100\\ln(1-d/100)`, which add up); an average
gap over the plan years.

Yearly amounts that add up (new investment, yearly reductions, yearly gaps) are projected as
their running total, a level series that starts at 0 the year before the first amount. Its
yearly changes are the amounts themselves, so the interval is scaled by the size of the amounts,
and a trend through the running total continues their average. Projected as separate yearly
amounts, the interval would be scaled by how much the amounts differ from year to year: with two
or three years, a better year that brought them closer together would narrow the interval and
could lower the probability of meeting the target, so a better figure could get a worse grade.

For the same reason a level's interval is scaled by the mean absolute change *before* its latest
value: a latest value that moved further in the good direction would otherwise widen the interval
and, with the projection already past the target, lower the probability of meeting it.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from functools import partial as _later

import numpy as np

from indicator_forecast.classify import Outlook
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.exceptions import ProjectionError, ShortSeriesWarning
from indicator_forecast.forecast import Partial
from indicator_forecast.forecast._grouping import Steps, run_grouped, run_one
from indicator_forecast.forecast.distribution import Predictive
from indicator_forecast.forecast.methods import ROUGHNESS_EDGES, roughness, roughness_bin
from indicator_forecast.forecast.priors import NATURES, Nature, to_logit
from indicator_forecast.forecast.projection import (
    AmountsProjection,
    SeriesProjection,
    amounts_steps,
    series_steps,
)
from indicator_forecast.forecast.width_scales import default_width_scales
from indicator_forecast.plan import Indicator
from indicator_forecast.progress import Progress, SeriesInput

#: What the outlook is of, as a code written by ``labels(lang)["what"]``.
_WHAT = ("level", "flow", "growth_rate", "log_reduction", "gap_average")


#: How the kind of a level quantity is read from the indicator: (kind, unit pattern, name
#: pattern, name pattern that excludes), first match wins; anything else is a plain level.
#: Decided from the unit and the name, never from an indicator's number; replace or extend the
#: tuple (or pass ``rules=`` to :func:`quantity_nature`) for other plans.
NATURE_RULES: tuple[tuple[str, str, str, str], ...] = (
    ("unemployment", r"^%$", r"失业率", r"$^"),
    ("rate", r"^%$", r"增长率|增速|利率|通胀|物价涨幅", r"$^"),
    ("demographic", r"", r"预期寿命|受教育年限", r"$^"),
    ("share", r"^%$", r"率|比重|比例|占比|覆盖|份额", r"增长|增速|降低|下降|减少"),
)

#: What each kind means for the projection, in words (zh, en), for the outlook's reason.
NATURE_WORDS: dict[str, tuple[str, str]] = {
    "share": (
        "按占比类指标在0～100%之间（logit尺度）预测，区间不越过上下限",
        "projected as a share on the logit scale, so no interval crosses 0 or 100",
    ),
    "rate": (
        "按年度比率类指标向其常年水平（已有年份均值{mean}）回归预测，不按单年升降外推趋势",
        "treated as a yearly rate returning toward its usual level (the mean of the years "
        "observed, {mean}), not extrapolated from one year's rise or fall",
    ),
    "unemployment": (
        "按失业率类指标向其常年水平（已有年份均值{mean}）回归预测，不按单年升降外推趋势",
        "treated as an unemployment rate returning toward its usual level (the mean of the "
        "years observed, {mean}), not extrapolated from one year's rise or fall",
    ),
    "demographic": (
        "按人口类缓变指标预测（年变化通常只有零点几）",
        "projected as a slow population average (changing by tenths a year)",
    ),
    "growth": (
        "年度增速连乘为指数后外推，即大体延续已有年份的平均增速，不外推增速本身的升降",
        "yearly growth rates chained into an index and extrapolated, which carries their "
        "average forward rather than extrapolating the rise or fall of the rate itself",
    ),
}


#: Quantities that, in practice, only rise (a target met now stays met): urbanisation, life
#: expectancy, years of schooling, forest cover. For classify's rule "a target already met on a
#: quantity that only rises is A"; configurable like :data:`NATURE_RULES`.
ONLY_RISES_PATTERN = r"城镇化率|预期寿命|受教育年限|森林覆盖率"


def only_rises(ind: Indicator, pattern: str = ONLY_RISES_PATTERN) -> bool:
    """Whether the indicator is a quantity that only rises (by its name; higher is better)."""
    return ind.direction == "higher" and _found(pattern, ind.name)


@lru_cache(maxsize=4096)
def _found(pattern: str, text: str) -> bool:
    """``re.search(pattern, text) is not None``, remembered (the same few names and units are
    asked about for every plan of a batch)."""
    return re.search(pattern, text) is not None


def quantity_nature(
    ind: Indicator, s: SeriesInput,
    rules: tuple[tuple[str, str, str, str], ...] = NATURE_RULES,
) -> Nature:
    """The kind of quantity a level series is (:data:`NATURE_RULES`); other measures: level."""
    if s.measure != "level" or s.transform != "none":
        return NATURES["level"]
    for name, unit_pat, name_pat, exclude in rules:
        if (_found(unit_pat, ind.unit or "") and _found(name_pat, ind.name)
                and not _found(exclude, ind.name)):
            return NATURES[name]
    return NATURES["level"]


@dataclass(frozen=True)
class IntervalBasis:
    """How an indicator's interval was calibrated, for its reason.

    Attributes
    ----------
    kind : str
        The kind of quantity whose errors calibrate it (a :class:`Nature`'s name, or
        ``"growth_rate"`` for yearly growth rates chained into an index).
    points : int
        Yearly figures used.
    before_base : int
        How many of them are before the base year.
    prior_weight : float
        Weight of the kind's pooled typical change in the interval's scale (0: the series' own).
    factor : float, optional
        Width scale at the target year (``forecast.width_scales``); None when none is fitted
        for the kind.
    roughness_bin : int
        Roughness bin of the values before the latest that chose the width factor (-1: the
        kind's pooled factor).
    pooled_factor : float, optional
        The kind's pooled width factor, when ``roughness_bin`` chose another.
    filled : tuple of int
        Years among the ``points`` that no figure gave, interpolated between their neighbours.
    """

    kind: str
    points: int
    before_base: int
    prior_weight: float
    factor: float | None
    roughness_bin: int = -1
    pooled_factor: float | None = None
    filled: tuple[int, ...] = ()


def interval_basis(ind: Indicator, pr: Progress) -> IntervalBasis | None:
    """What calibrates the interval :func:`build_outlook` projects for ``pr.series`` (the same
    kind, pooled prior and shipped width scales); None for yearly amounts (their own table).

    Parameters
    ----------
    ind : Indicator
        The indicator.
    pr : Progress
        Its progress record.

    Returns
    -------
    IntervalBasis or None
        The kind, points, prior weight and width factor; None without a series or for flows.
    """
    key = (id(ind), id(pr))
    known = _BASES.get(key)
    if known is not None and known[0] is ind and known[1] is pr:
        return known[2]
    basis = _interval_basis(ind, pr)
    if len(_BASES) >= _BASES_KEPT:
        del _BASES[next(iter(_BASES))]  # the oldest
    _BASES[key] = (ind, pr, basis)  # the objects kept, so that their ids are not reused
    return basis


#: interval_basis by the identity of its (immutable) arguments: build_outlook and the reason
#: both ask for it, the reason once a batch's chunk (up to ~6,000 projections) is projected.
_BASES_KEPT = 16384
_BASES: dict[tuple[int, int], tuple[Indicator, Progress, IntervalBasis | None]] = {}


def _interval_basis(ind: Indicator, pr: Progress) -> IntervalBasis | None:
    s = pr.series
    if s is None or s.measure not in ("level", "growth_rate") or not s.years:
        return None
    vals = np.asarray(s.values, dtype=float)
    ws = default_width_scales()
    rbin = -1
    if s.measure == "growth_rate":
        kind, weight = "growth_rate", 0.0
    else:
        nature = quantity_nature(ind, s)
        kind = nature.name
        before = vals if s.partial else vals[:-1]
        if nature.bounds is not None:
            before = to_logit(before, nature.bounds)
        weight = nature.prior_weight(before)
        if ws.by_roughness(kind, vals.size):  # as project_series reads it (calibration_bin)
            rbin = int(roughness_bin(roughness(before[None, :]))[0])
    h = pr.target_year - int(s.years[-1]) - (s.partial[1] / 12 if s.partial else 0.0)
    factor = pooled = None
    if h > 0 and kind in ws.scales:
        factor = float(ws.factor(kind, vals.size, np.array([h]), rbin)[0])
        pooled = float(ws.factor(kind, vals.size, np.array([h]))[0]) if rbin >= 0 else None
    before_base = sum(1 for y in s.years if y < pr.base_year)
    return IntervalBasis(kind, len(s.years), before_base, weight, factor, rbin, pooled, s.filled)


def _nature_notes(
    nature: Nature, s: SeriesInput, base_year: int, basis: IntervalBasis | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(zh, en) sentences on the kind of quantity and the points used, for the reason."""
    zh: list[str] = []
    en: list[str] = []
    if s.measure == "growth_rate":
        zh.append(NATURE_WORDS["growth"][0])
        en.append(NATURE_WORDS["growth"][1])
    elif nature.name in NATURE_WORDS:
        mean = f"{float(np.mean(s.values)):.3g}"
        z, e = NATURE_WORDS[nature.name]
        zh.append(z.format(mean=mean))
        en.append(e.format(mean=mean))
    n = len(s.years)
    before = sum(1 for y in s.years if y < base_year)
    used_zh = f"使用{n}个年度数据" + (f"（含基期{base_year}年之前{before}年）" if before else "")
    used_en = f"{n} yearly figures used" + (
        f" ({before} before the base year {base_year})" if before else "")
    if basis is not None and basis.prior_weight > 0:
        w = 1 - basis.prior_weight
        zh.append(f"{used_zh}，区间宽度按同类指标的经验（权重{1 - w:.0%}）与本指标自身历史（权重"
                  f"{w:.0%}）合成，数据越多越以自身为准")
        en.append(f"{used_en}; the interval width blends what series of the same kind did "
                  f"({1 - w:.0%}) with the series' own history ({w:.0%}), more its own as it grows")
    else:
        zh.append(used_zh)
        en.append(used_en)
    if basis is not None and basis.roughness_bin >= 0 and basis.factor is not None:
        b, c, c0 = basis.roughness_bin + 1, basis.factor, basis.pooled_factor
        bins = len(ROUGHNESS_EDGES) + 1
        zh.append(f"区间宽度系数按最新一年之前各年变化的平稳程度取（第{b}档，共{bins}档，由平稳到起伏；"
                  f"系数{c:.2f}，同类合并为{c0:.2f}）：城市回测中此前平稳的水平量后来更常偏离趋势，"
                  "起伏的反而较少；数据越多越按本指标所在档次，八个年度数据起完全按档次")
        en.append(f"the width factor follows how steady the changes before the latest year were "
                  f"(band {b} of {bins}, steady to rough: x{c:.2f}, the kind's pooled x{c0:.2f}); "
                  "on the city hindcast steadier levels later left their trend more often than "
                  "rougher ones; the series' own band counts the more the more figures it has, "
                  "fully from eight")
    return tuple(zh), tuple(en)


def _p_meet(
    ind: Indicator, pr: Progress, pal: Callable[[float], float]
) -> tuple[float | None, float | None]:
    """P(meeting the on-track bound) and P(meeting the stretch bound), in the projected quantity;
    the bounds and their side are the target kind's (:meth:`TargetBase.outlook_bounds`)."""
    bounds = ind.target.outlook_bounds(pr.target_value)
    if bounds is None:
        return None, None
    bound, stretch, upward = bounds

    def p(x: float) -> float:
        return pal(x) if upward else 1 - pal(x)

    return p(bound), (p(stretch) if stretch is not None else None)


@dataclass(frozen=True)
class Projected:
    """What the engine gave for one indicator's series, for :func:`build_outlook`.

    Attributes
    ----------
    nature : Nature
        The kind of quantity the series was projected as (:func:`quantity_nature`).
    result : SeriesProjection, AmountsProjection or ProjectionError
        The projection (yearly amounts: of their running total), or why it cannot be made.
    warnings : tuple of str
        The texts of the warnings (ShortSeriesWarning) raised while projecting, in order.
    """

    nature: Nature
    result: SeriesProjection | AmountsProjection | ProjectionError
    warnings: tuple[str, ...]

    @property
    def amounts(self) -> AmountsProjection | None:
        return self.result if isinstance(self.result, AmountsProjection) else None

    @property
    def series(self) -> SeriesProjection:
        r = self.result
        assert not isinstance(r, ProjectionError)
        return r.running if isinstance(r, AmountsProjection) else r


def _projection_steps(
    ind: Indicator, pr: Progress, config: EvaluationConfig, nature: Nature, together: bool
) -> Steps[SeriesProjection | AmountsProjection]:
    """The engine call for ``pr.series`` as steps (``forecast._grouping``): yearly amounts as
    their running total, anything else as itself."""
    s = pr.series
    assert s is not None
    partial = (
        Partial(year=s.partial[0], months=s.partial[1], value=s.partial[2]) if s.partial else None
    )
    level = (config.level, config.wide_level)
    if s.measure == "flow":
        # Amounts and yearly reductions add up like positive amounts (their own calibration);
        # yearly gaps, of either sign, use the generic table. Chosen by the kind, never by the
        # values, so that no value can switch the table.
        return (yield from amounts_steps(
            np.array(s.years), np.array(s.values, dtype=float), target_year=pr.target_year,
            level=level, method=config.method, partial=partial,
            series_class="level" if s.transform == "gap_average" else "running_total",
            # A gap between two yearly growth rates returns toward its level like the rates
            # themselves: its trend is not followed (amounts and reductions are).
            follow_trend=s.transform != "gap_average", together=together,
        ))
    return (yield from series_steps(
        np.array(s.years), np.array(s.values, dtype=float), target_year=pr.target_year,
        measure=s.measure, level=level, method=config.method, partial=partial,
        # A level's interval is scaled by the changes before its latest value, so that a better
        # latest figure moves the projection, never the width.
        series_class="history_scale" if s.measure == "level" else "level",
        nature=nature,
    ))


def _project(ind: Indicator, pr: Progress, config: EvaluationConfig, nature: Nature) -> Projected:
    """The projection of one indicator alone, its short-series warnings caught."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ShortSeriesWarning)
        try:
            result: SeriesProjection | AmountsProjection | ProjectionError = run_one(
                _projection_steps(ind, pr, config, nature, together=False))
        except ProjectionError as exc:
            result = exc
    return Projected(nature, result, tuple(str(w.message) for w in caught))


def build_outlooks(
    requests: Sequence[tuple[Indicator, Progress]], config: EvaluationConfig,
    *, progress: bool | None = False,
) -> list[tuple[Outlook | None, str | None]]:
    """:func:`build_outlook` of every request, the projections made together: one kernel call
    per group of series of the same method, length and horizon (``forecast._grouping``).

    Each result is the one :func:`build_outlook` gives alone. A projection that raised a warning
    other than :class:`ShortSeriesWarning` (none is expected) is made again alone, so that the
    warning filters in force treat it as they would there.
    """
    from indicator_forecast._progressbar import track

    todo = [(k, ind, pr, quantity_nature(ind, pr.series))
            for k, (ind, pr) in enumerate(requests) if pr.series is not None]
    ran = run_grouped([_projection_steps(ind, pr, config, nature, together=True)
                       for _, ind, pr, nature in todo])
    projected: list[Projected | None] = [None] * len(requests)
    for (k, _, _, nature), r in zip(todo, ran, strict=True):
        if all(issubclass(w.category, ShortSeriesWarning) for w in r.caught):
            result = r.error if r.error is not None else r.result
            assert result is not None
            projected[k] = Projected(nature, result, tuple(str(w.message) for w in r.caught))
    return [
        build_outlook(ind, pr, config, p)
        for (ind, pr), p in track(zip(requests, projected, strict=True), description="评估指标",
                                  show=progress, total=len(requests))
    ]


def build_outlook(
    ind: Indicator, pr: Progress, config: EvaluationConfig,
    projected: Projected | None = None,
) -> tuple[Outlook | None, str | None]:
    """Project ``pr.series`` and summarise the end of the plan period; (None, why) if it cannot.

    ``projected``: the projection already made for it in a batch (:func:`build_outlooks`).
    """
    s = pr.series
    if s is None:
        return None, "可用于预测的连续年度数据不足两个"
    T = pr.target_year
    level = config.level
    extra: tuple[str, ...] = ()
    extra_en: tuple[str, ...] = ()
    nature = quantity_nature(ind, s) if projected is None else projected.nature
    nature_zh, nature_en = _nature_notes(nature, s, pr.base_year, interval_basis(ind, pr))
    if projected is None:
        projected = _project(ind, pr, config, nature)
    if isinstance(projected.result, ProjectionError):
        return None, str(projected.result)
    amounts, proj = projected.amounts, projected.series
    if amounts is not None:
        extra = _amounts_notes(s, amounts)
        extra_en = _amounts_notes(s, amounts, "en")
    caught = projected.warnings
    engine_notes = tuple(proj.notes)
    if s.measure == "level" and not any("whole window" in n or "interval width is the typical" in n
                                        for n in engine_notes):
        extra += ("区间宽度按最新一年之前各年的平均变化确定，最新一年的数值只移动预测的中心",)
        extra_en += ("the interval width follows the changes before the latest year; the latest "
                     "figure only moves the centre of the projection",)
    extra = nature_zh + extra
    model_notes: tuple[tuple[str, str], ...] = ()
    floor: tuple[int, float] | None = None
    notes = (extra + tuple("en: " + e for e in nature_en) + caught
             + engine_notes)
    if int(s.years[-1]) >= T:
        return None, "已到规划期末，无需预测"

    q: Callable[[float], float]  # quantile of the end-of-plan quantity
    # the chart's yearly rows, or a function that builds them when a chart reads them
    path: tuple[PathRow, ...] | Callable[[], tuple[PathRow, ...]]
    pal: Callable[[float], float]  # P(quantity >= x)
    if s.measure == "level":
        dist = proj.distribution
        q = lambda p: float(dist.quantile(p, T))  # noqa: E731
        pal = lambda x: float(dist.prob_at_least(x, T))  # noqa: E731
        mean = float(dist.mean[-1])
        # Built now only where the floor reads it (whether it binds is said in the reason).
        path = _later(_path, dist, level, config.wide_level)
        if only_rises(ind) and s.partial is None:
            q, pal, path, mean, floor_notes = _floored(q, pal, path(), mean, s)
            model_notes = floor_notes + model_notes
            if floor_notes:
                floor = (int(s.years[-1]), float(s.values[-1]))
    elif s.measure == "growth_rate":
        dist = proj.end_growth_rate(base_year=pr.base_year, year=T)
        q = lambda p: float(dist.quantile(p, T))  # noqa: E731
        pal = lambda x: float(dist.prob_at_least(x, T))  # noqa: E731
        ydist = proj.distribution
        path = _later(_path, ydist, level, config.wide_level)
        mean = float(dist.mean[-1])
    else:  # flows, projected as their running total (see the module docstring)
        assert amounts is not None
        # The total = the plan years' amounts observed in full years + the running total's
        # growth after the last full year (a part year is nowcast inside that growth).
        observed = s.observed_total
        cdist = proj.distribution
        shift = observed - amounts.last_total
        raw_q: Callable[[float], float] = (  # noqa: E731
            lambda p: float(cdist.quantile(p, T)) + shift
        )
        raw_pal: Callable[[float], float] = (  # noqa: E731
            lambda x: float(cdist.prob_at_least(x - shift, T))
        )
        cum_mean = float(cdist.mean[-1]) + shift
        if s.transform == "log_reduction":
            q = lambda p: (1 - math.exp(-raw_q(p) / 100)) * 100  # noqa: E731
            pal = lambda x: raw_pal(-100 * math.log(1 - x / 100)) if x < 100 else 0.0  # noqa: E731
            mean = q(0.5)
        elif s.transform == "gap_average":
            n = T - pr.base_year
            q = lambda p: raw_q(p) / n  # noqa: E731
            pal = lambda x: raw_pal(x * n)  # noqa: E731
            mean = cum_mean / n
        else:
            q, pal = raw_q, raw_pal
            mean = cum_mean
        # Only when a chart reads it, and only the grid points its intervals are read from.
        path = _later(_amounts_path, amounts, level, config.wide_level)
    lo, hi = q((1 - level / 100) / 2), q(1 - (1 - level / 100) / 2)
    p_meet, p_stretch = _p_meet(ind, pr, pal)
    what = s.transform if s.transform != "none" else s.measure
    if what not in _WHAT:
        what = "level"
    return Outlook(
        mean=mean,
        lo=lo,
        hi=hi,
        level=level,
        p_meet=p_meet,
        p_stretch=p_stretch,
        model=proj.model,
        model_reason="".join(x + "；" for x in extra[: len(nature_zh) + 1])
        + "".join(zh + "；" for zh, _ in model_notes) + proj.model_reason,
        model_reason_en="".join(x + "; " for x in (nature_en + extra_en)[: len(nature_en) + 1])
        + "".join(en + "; " for _, en in model_notes) + proj.model_reason,
        what=what,
        quantile=q,
        prob_at_least=pal,
        path_source=path,
        notes=notes,
        only_rises=only_rises(ind),
        wide_level=config.wide_level,
        floor=floor,
    ), None


def _amounts_notes(s: SeriesInput, amounts: AmountsProjection,
                   lang: str = "zh") -> tuple[str, ...]:
    """What :func:`project_amounts` did, in the officials' language (or English)."""
    if lang != "zh":
        a = s.values
        way = "rise" if a[-1] > a[0] else "fall"
        en = [
            f"{len(s.years)} yearly amounts that {way} year by year, extended on their own trend "
            "and added up (not at their average); the interval follows their earlier changes"
            if amounts.trending else
            f"{len(s.years)} yearly amounts added up to a running total and extended (its "
            "average yearly increase is the average amount); the interval scales with the "
            "average amount"
        ]
        if s.partial is not None and amounts.nowcast is not None:
            year, months, amount = s.partial
            en.append(f"the amount of the first {months:g} months of {year} ({amount:g}) is "
                      f"scaled to the full year ({amounts.nowcast:g}) at an even pace as the "
                      "year's nowcast, with a wider interval")
        return tuple(en)
    if amounts.trending:
        a = s.values
        way = "逐年上升" if a[-1] > a[0] else "逐年下降"
        notes = [
            f"{len(s.years)}年年度量{way}，按年度量自身的趋势外推后逐年累加（不按其平均值延续），"
            "区间按年度量此前的变化幅度确定"
        ]
    else:
        notes = [
            f"{len(s.years)}年年度量逐年累加为累计值后外推（累计值的年均增量即年度量的平均），"
            "区间按年度量的平均大小缩放"
        ]
    if s.partial is not None and amounts.nowcast is not None:
        year, months, amount = s.partial
        notes.append(
            f"{year}年前{months:g}个月的量{amount:g}按全年均匀进度折算为全年"
            f"{amounts.nowcast:g}，作为当年累计值的即时估计，区间相应放宽"
        )
    return tuple(notes)


PathRow = tuple[int, float, float, float, float, float]


def _floored(
    q: Callable[[float], float],
    pal: Callable[[float], float],
    path: tuple[PathRow, ...],
    mean: float,
    s: SeriesInput,
) -> tuple[
    Callable[[float], float], Callable[[float], float], tuple[PathRow, ...], float,
    tuple[tuple[str, str], ...],
]:
    """The projection of a quantity that only rises (:func:`only_rises`), censored at its latest
    figure: no quantile, yearly band or mean below it, and P(≥ x) = 1 for x at or below it.

    The projection's lower tail otherwise says the quantity may fall back below a figure it has
    reached (urbanisation 65.22 % in 2022, 80 % interval from 64.41 %), which the rule "a target
    met on a quantity that only rises stays met" denies.
    """
    floor, year = float(s.values[-1]), int(s.years[-1])
    fq: Callable[[float], float] = lambda p: max(q(p), floor)  # noqa: E731
    fpal: Callable[[float], float] = lambda x: 1.0 if x <= floor else pal(x)  # noqa: E731
    fpath = tuple(
        (y, max(m, floor), max(l8, floor), max(h8, floor), max(l9, floor), max(h9, floor))
        for y, m, l8, h8, l9, h9 in path
    )
    binds = any(row[4] < floor for row in path)
    note = (
        (f"该指标只升不降，预测值及区间不低于{year}年的{floor:g}",
         f"the quantity only rises: the projection and its intervals are not below the {year} "
         f"figure ({floor:g})"),
    ) if binds else ()
    return fq, fpal, fpath, max(mean, floor), note


def _path_probs(level: float, wide: float) -> tuple[float, ...]:
    """The probabilities :func:`_path` reads: the bounds at ``level`` and at ``wide``."""
    return tuple(p for lv in (level, wide) for p in ((1 - lv / 100) / 2, 1 - (1 - lv / 100) / 2))


def _amounts_path(amounts: AmountsProjection, level: float, wide: float) -> tuple[PathRow, ...]:
    """The chart's path of a flow's yearly amounts (see :func:`_path`)."""
    return _path(amounts.yearly(at=_path_probs(level, wide)), level, wide)


def _path(dist: Predictive, level: float, wide: float) -> tuple[PathRow, ...]:
    """(year, mean, lo, hi at ``level``, lo, hi at ``wide``) per projected year (for charts).

    The bounds of ``dist.lo``/``dist.hi``: each row interpolated at the four probabilities in
    one call (``numpy.interp`` treats every point alike), read out with ``tolist``.
    """
    at = np.array(_path_probs(float(level), float(wide)))
    rows = [np.interp(at, dist.probs, row).tolist() for row in dist.values]
    return tuple(
        (y, m, r[0], r[1], r[2], r[3])
        for y, m, r in zip(dist.periods.tolist(), dist.mean.tolist(), rows, strict=True)
    )
