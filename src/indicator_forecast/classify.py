"""The suggested conclusion A/B/C/D, the rules that gave it, and the published comparison measures.

Rules (thresholds from :class:`~indicator_forecast.config.EvaluationConfig`, carried in the result):

1. Blocking data missing → ``insufficient_data`` (数据待补充). Never a guessed grade.
2. With a projection, from :math:`p` = P(meeting the target in the target year) and the pace
   ratio :math:`\\rho` = completion ÷ time elapsed:

   * A — :math:`p \\ge p_{ahead}` and (:math:`\\rho \\ge` ahead_ratio, or the target is already
     met);
   * B — :math:`p \\ge p_{on\\,track}`;
   * C — :math:`p \\ge p_{unlikely}`;
   * D — otherwise.
3. Without a projection (fewer than two points), from :math:`\\rho` alone with the Eurostat
   ratio thresholds (≥ 0.95 on track, ≥ 0.60 needs acceleration), and A at ahead_ratio; the
   result says it is graded on progress alone. A target set by the parent each year: B when
   every year's assigned figure was met, C otherwise.
4. A binding (约束性) indicator behind the time schedule (:math:`\\rho` < behind_ratio) or not
   met now gets at best C.
5. With fewer than ``min_years_strong_grade`` full plan years of data (yearly monitoring early in
   the period), no A (unless the target is already met) and no D: at most B, at least C.

Comparison measures, reported beside the grade:

* ESCAP current status: completion vs time elapsed; anticipated progress
  :math:`(\\hat x_T - x_b)/(x^* - x_b)` (≥ 1 maintain, 0–1 accelerate, < 0 reverse).
* Eurostat / Statistics Canada: ratio of actual to required compound annual growth
  (≥ 95 % on track, 60–95 % moderate, 0–60 % limited, < 0 deterioration).
* UNSD progress chart: projected share of the distance to target (≥ 0.95 / ≥ 0.10).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeAlias

import numpy as np

from indicator_forecast.config import EvaluationConfig
from indicator_forecast.plan.targets import kind_class
from indicator_forecast.progress import Progress

_ORDER = {"A": 0, "B": 1, "C": 2, "D": 3}

PathRow: TypeAlias = tuple[int, float, float, float, float, float]
"""One projected year for the charts: year, mean, lo and hi at ``level``, lo and hi at
``wide_level``."""


@dataclass(frozen=True)
class Outlook:
    """The projected end of the plan period, in the indicator's own terms.

    ``quantile(q)`` and ``prob_at_least(x)`` describe the predictive distribution of the
    end-of-period value (a level, a five-year total, an average rate, a cumulative change or an
    average gap, as the kind requires).

    Attributes
    ----------
    mean : float
        Central projection of the end-of-period quantity.
    lo, hi : float
        Bounds of the central prediction interval at ``level`` %.
    level : int
        Coverage of the interval ``lo``–``hi``, in percent (e.g. 80).
    p_meet : float or None
        P(meeting the target in the target year); ``None`` where the target gives no bound.
    p_stretch : float or None
        P(meeting the "力争" stretch figure), when the target has one.
    model : str
        Code name of the projection method.
    model_reason : str
        Why that method, in Chinese (the nature of the series, then the engine's reason).
    what : str
        What the projection is of, as a code: level, flow, growth_rate, log_reduction,
        gap_average (written by ``labels(lang)["what"]``).
    quantile : callable
        ``quantile(q)``: the ``q``-quantile of the end-of-period quantity.
    prob_at_least : callable
        ``prob_at_least(x)``: P(end-of-period quantity ≥ ``x``).
    path_source : tuple of tuple, or callable
        The yearly path (see :attr:`path`), or a function without arguments that computes it
        when a chart first reads it (the evaluation's own numbers do not need it).
    notes : tuple of str
        Notes on the projection (the series' nature, warnings of the engine).
    only_rises : bool
        The quantity only rises (urbanisation, life expectancy …): a target it has reached
        stays reached, whatever the interval's lower tail says.
    model_reason_en : str
        ``model_reason`` in English.
    """

    mean: float
    lo: float
    hi: float
    level: int
    p_meet: float | None
    p_stretch: float | None
    model: str
    model_reason: str
    what: str
    """What the projection is of, as a code: level, flow, growth_rate, log_reduction,
    gap_average (written by ``labels(lang)["what"]``)."""
    quantile: Callable[[float], float] = field(repr=False, compare=False)
    prob_at_least: Callable[[float], float] = field(repr=False, compare=False)
    path_source: tuple[PathRow, ...] | Callable[[], tuple[PathRow, ...]] = field(
        default=(), repr=False, compare=False
    )
    """The yearly path, or a function that computes it on first read (see :attr:`path`)."""
    notes: tuple[str, ...] = ()
    only_rises: bool = False
    """The quantity only rises (urbanisation, life expectancy …): a target it has reached stays
    reached, whatever the interval's lower tail says."""
    model_reason_en: str = ""
    """``model_reason`` in English (the engine's own reason is English in both)."""
    wide_level: int = 95
    """The wider interval level of :attr:`path` (``EvaluationConfig.wide_level``)."""
    floor: tuple[int, float] | None = None
    """(year, figure) below which a quantity that only rises is not projected, when that
    censoring moved the projection or its intervals."""

    @cached_property
    def path(self) -> tuple[PathRow, ...]:
        """Yearly ``(year, mean, lo80, hi80, lo95, hi95)`` of the projection, for the charts.

        Computed from :attr:`path_source` on first read and then kept (the yearly amounts of a
        flow come from its simulated paths, a cost that only a chart needs).
        """
        src = self.path_source
        return src() if callable(src) else src

    def reason(self, lang: str = "zh") -> str:
        """Why this model, in ``lang``."""
        return self.model_reason if lang == "zh" else self.model_reason_en


@dataclass(frozen=True)
class Classification:
    """A suggested grade with the rule that gave it and the comparison measures.

    Attributes
    ----------
    grade : str
        ``"A"``, ``"B"``, ``"C"``, ``"D"`` or ``"insufficient_data"`` (a final-status code after
        the target year).
    rule : str
        The rule that gave the grade, with its numbers, in English (for the audit trail).
    pace_ratio : float or None
        Completion ÷ time elapsed, when both are known.
    p_meet : float or None
        P(meeting the target) the grade was read from, when projected.
    measures : dict
        The comparison measures of :func:`comparison_measures`.
    capped_binding : bool
        Whether the grade was capped at C because a binding indicator is behind.
    notes : tuple of (str, str)
        Sentences (Chinese, English) the reason must carry: why the grade and the numbers seem
        to point different ways (a threshold met now, a skewed projection).
    """

    grade: str
    rule: str
    pace_ratio: float | None
    p_meet: float | None
    measures: dict[str, Any]
    capped_binding: bool = False
    capped_on: str = ""
    """Why the binding cap applied: ``pace`` (behind the time schedule) or ``line`` (a floor,
    ceiling or band not reached or breached); empty when it did not."""
    notes: tuple[tuple[str, str], ...] = ()
    """Sentences (Chinese, English) the reason must carry: why the grade and the numbers seem to
    point different ways (a threshold met now, a skewed projection)."""


def _unsd(share: float, config: EvaluationConfig) -> dict[str, Any]:
    """UNSD progress-chart measure: the projected share of the distance, and its class."""
    return {
        "unsd_projected_share": share,
        "unsd_class": _band(
            share,
            (
                (config.unsd_on_track, "on track"),
                (config.unsd_fair, "fair progress, acceleration needed"),
            ),
            "limited or regression",
        ),
    }


def _band(value: float | None, cuts: tuple[tuple[float, str], ...], below: str) -> str | None:
    if value is None or not math.isfinite(value):
        return None
    for cut, label in cuts:
        if value >= cut:
            return label
    return below


def comparison_measures(
    progress: Progress, outlook: Outlook | None, config: EvaluationConfig
) -> dict[str, Any]:
    """ESCAP, Eurostat/Statistics Canada and UNSD measures where the kind allows them.

    Distances run from the base figure to the threshold that counts (a floor, a ceiling, a
    band's edge on the side that matters, an end value), in the direction that is better. A
    threshold already met at the base year has no distance to cover: the methods then ask
    whether it is kept — ESCAP "maintain" or "reverse" on the projection, Eurostat "on track" or
    "deterioration" and UNSD "target met" or "limited or regression" on the figure now.

    Parameters
    ----------
    progress : Progress
        The indicator's progress record (base figure, mid-term figure, completion, target).
    outlook : Outlook or None
        The projection of the end of the period; ``None`` when not projected (the measures that
        need it are left out).
    config : EvaluationConfig
        Supplies the UNSD and Eurostat class thresholds.

    Returns
    -------
    dict
        Only the measures that apply, by key: ``escap_current_status``, ``escap_time_elapsed``,
        ``escap_anticipated`` and ``escap_anticipated_class``; ``eurostat_ratio`` and
        ``eurostat_class``; ``unsd_projected_share`` and ``unsd_class``.
    """
    m: dict[str, Any] = {}
    pr = progress
    if pr.completion is not None and pr.time_elapsed:
        m["escap_current_status"] = pr.completion
        m["escap_time_elapsed"] = pr.time_elapsed
    sign = 1.0 if pr.direction == "higher" else -1.0
    base = pr.baseline
    target = pr.threshold if pr.threshold is not None else pr.target_value
    kind = kind_class(pr.kind)
    distance_kinds = kind.measured_as_distance
    met_at_base = (
        distance_kinds and base is not None and target is not None
        and sign * (target - base) <= 0
    )
    if met_at_base:
        assert target is not None
        if outlook is not None:
            kept = sign * (outlook.mean - target) >= 0
            m["escap_anticipated_class"] = "maintain" if kept else "reverse"
            m["unsd_class"] = "target met" if kept else "limited or regression"
        if pr.midterm_value is not None:
            m["eurostat_class"] = (
                "on track" if sign * (pr.midterm_value - target) >= 0 else "deterioration"
            )
        return m
    if outlook is not None and base is not None and target is not None and distance_kinds:
        share = (outlook.mean - base) / (target - base)
        m["escap_anticipated"] = share
        m["escap_anticipated_class"] = (
            "maintain" if share >= 1 else ("accelerate" if share >= 0 else "reverse")
        )
        m.update(_unsd(share, config))
    if outlook is not None and kind.completed_as_total and target:
        share = outlook.mean / target
        m.update(_unsd(share, config))
    # Eurostat: actual vs required compound annual growth of the level.
    ratio = None
    if kind.judged_as_rate and pr.realised_rate is not None and target:
        ratio = pr.realised_rate / target
    elif (
        distance_kinds
        and base
        and target
        and pr.midterm_value
        and pr.midterm_period
        and base > 0
        and target > 0
        and pr.midterm_value > 0
    ):
        start = pr.baseline_year if pr.baseline_year is not None else pr.base_year
        t_done = pr.midterm_period.year - start
        if t_done > 0 and target != base:
            actual = (pr.midterm_value / base) ** (1 / t_done) - 1
            required = (target / base) ** (1 / (pr.target_year - start)) - 1
            ratio = actual / required if required else None
    if ratio is not None:
        m["eurostat_ratio"] = ratio
        m["eurostat_class"] = _band(
            ratio,
            (
                (config.eurostat_on_track, "on track"),
                (config.eurostat_moderate, "moderate, acceleration needed"),
                (0.0, "limited"),
            ),
            "deterioration",
        )
    return m


def classify(
    progress: Progress, outlook: Outlook | None, *, binding: bool, config: EvaluationConfig
) -> Classification:
    """Suggest A/B/C/D (or insufficient_data) for one indicator; see the module docstring.

    Parameters
    ----------
    progress : Progress
        The indicator's progress record; blocking missing data gives ``insufficient_data``.
    outlook : Outlook or None
        The projection; without it the grade is read from the progress alone (rule 3).
    binding : bool
        Whether the indicator is binding (约束性): if behind schedule, or a threshold not met
        now, its grade is at best C (rule 4), unless the shortfall is within
        ``config.binding_noise_multiple`` times the series' noise.
    config : EvaluationConfig
        The thresholds of the rules.

    Returns
    -------
    Classification
        The grade, the rule that gave it, the comparison measures and the notes the reason must
        carry.
    """
    measures = comparison_measures(progress, outlook, config)
    rho = progress.pace_ratio
    if progress.blocked:
        return Classification("insufficient_data", "missing data", rho, None, measures)
    p = outlook.p_meet if outlook is not None else None
    kind = kind_class(progress.kind)
    already = progress.met_now is True and kind.met_early_counts
    notes_first: list[tuple[str, str]] = []
    if (
        p is not None and already and outlook is not None and outlook.only_rises
        and kind.stays_met_if_only_rises
    ):
        grade, rule = "A", "target already met on a quantity that only rises"
        notes_first = [("目标已提前实现，且该指标只升不降，可以提前完成",
                        "The target is already met and the quantity only rises: it will be "
                        "completed early")]
    elif p is not None:
        ps = _p_shown(p, config.p_ahead, config.p_on_track, config.p_unlikely)
        if p >= config.p_ahead and ((rho is not None and rho >= config.ahead_ratio) or already):
            grade, rule = (
                "A",
                f"P(meet)={ps} ≥ {config.p_ahead} and "
                + (
                    f"pace ratio {rho:.2f} ≥ {config.ahead_ratio}"
                    if rho is not None and rho >= config.ahead_ratio
                    else "target already met"
                ),
            )
        elif p >= config.p_on_track:
            grade, rule = "B", f"P(meet)={ps} ≥ {config.p_on_track}"
        elif p >= config.p_unlikely:
            grade, rule = "C", f"{config.p_unlikely} ≤ P(meet)={ps} < {config.p_on_track}"
        else:
            grade, rule = "D", f"P(meet)={ps} < {config.p_unlikely}"
    elif kind.judged_by_years and progress.yearly_met:
        all_met = all(m for *_, m in progress.yearly_met)
        grade, rule = (
            ("B", "every assigned yearly figure met")
            if all_met
            else ("C", "an assigned yearly figure missed")
        )
    elif kind.judged_by_gap and progress.met_now is not None:
        grade, rule = (
            ("B", "average gap within the relation (no projection)")
            if progress.met_now
            else ("C", "average gap outside the relation (no projection)")
        )
    elif rho is not None:
        if rho >= config.ahead_ratio:
            grade = "A"
        elif rho >= config.fallback_progress_on_track:
            grade = "B"
        elif rho >= config.fallback_progress_moderate:
            grade = "C"
        else:
            grade = "D"
        rule = (
            f"no projection: progress alone, pace ratio {rho:.2f} against {config.ahead_ratio}/"
            f"{config.fallback_progress_on_track}/{config.fallback_progress_moderate}"
        )
    elif progress.met_now is not None:
        grade, rule = (
            ("B", "met now (no projection)")
            if progress.met_now
            else ("C", "not met now (no projection)")
        )
    else:
        return Classification(
            "insufficient_data", "no progress measure and no projection", rho, p, measures
        )
    notes: list[tuple[str, str]] = list(notes_first)
    threshold = progress.threshold
    sign = 1.0 if progress.direction == "higher" else -1.0
    if (
        outlook is not None
        and kind.is_threshold
        and progress.met_now is True
        and threshold is not None
    ):
        keeps = sign * (outlook.mean - threshold) >= -_dust(threshold)
        if keeps and _ORDER[grade] > _ORDER["B"]:
            grade = "B"
            rule += "; met now and the central projection keeps it: at least B"
            notes.append((
                f"目前已达到目标要求，预测中值{outlook.mean:.4g}也保持在目标线内，"
                f"虽达标概率仅{p:.0%}（预测区间较宽），结论不低于B",
                f"The target is met now and the central projection keeps it "
                f"({outlook.mean:.4g}); P(meet) is only {p:.0%} because the interval is wide, so "
                "the grade is at least B",
            ) if p is not None else ("", ""))
        elif not keeps:
            notes.append((
                f"目前虽已达到目标要求，但预测中值{outlook.mean:.4g}已越过目标线，期末存在不达标风险",
                f"The target is met now, but the central projection ({outlook.mean:.4g}) crosses "
                "the line: it may be lost by the end of the period",
            ))
    if outlook is not None and p is not None and threshold is not None:
        central_meets = sign * (outlook.mean - threshold) >= -_dust(threshold)
        if central_meets != (p >= 0.5):
            above = "低于" if not central_meets else "达到"
            shown, goal = _apart(outlook.mean, threshold), _apart(threshold, outlook.mean)
            notes.append((
                f"预测中值{shown}{above}目标{goal}，而达标概率为{p:.0%}："
                "预测分布不对称（"
                + ("上行空间大于下行空间" if not central_meets else "下行风险大于上行空间")
                + "），概率按整个分布计算",
                f"The central projection ({shown}) "
                + ("falls short of" if not central_meets else "meets")
                + f" the target ({goal}) while P(meet) is {p:.0%}: "
                "the projected distribution is skewed, "
                "and the probability counts all of it",
            ))
    capped = False
    slow = rho is not None and rho < config.behind_ratio
    breached = kind.is_threshold and progress.met_now is False
    # A floor, ceiling or band not yet reached from a base year that did not reach it either is
    # a distance still being covered: judged on its straight path like a pace, not as a breach.
    approaching = (
        breached and progress.baseline is not None and threshold is not None
        and sign * (progress.baseline - threshold) < 0
    )
    noise = shortfall_noise(progress) if binding and (slow or approaching) else None
    within_noise = noise is not None and (
        noise[0] <= 0  # on or ahead of the straight path
        or (noise[1] is not None and config.binding_noise_multiple > 0
            and noise[0] <= config.binding_noise_multiple * noise[1])
    )
    behind = (slow and not within_noise) or (breached and not (approaching and within_noise))
    capped_on = ""
    if binding and behind and _ORDER[grade] < _ORDER["C"]:
        grade, capped = "C", True
        capped_on = "pace" if slow else "line"
        rule += (
            "; binding indicator behind schedule ("
            + (f"pace ratio below {config.behind_ratio}" if slow else "target line not reached")
            + (f", shortfall {noise[0]:.3g} > {config.binding_noise_multiple:g} × noise "
               f"{noise[1]:.3g}" if noise is not None and noise[1] is not None
               and config.binding_noise_multiple > 0 else "")
            + "): at best C"
        )
    elif binding and within_noise and noise is not None and _ORDER[grade] < _ORDER["C"]:
        what_zh = "进度略慢于时间进度" if slow else "目前尚未达到目标线"
        what_en = "slightly behind the time schedule" if slow else "not yet at its target line"
        if noise[0] <= 0 or noise[1] is None:
            rule += (f"; binding, target line not reached but on or ahead of the straight path "
                     f"(by {-noise[0]:.3g}): not capped")  # fmt: skip
            notes.append((
                f"约束性指标{what_zh}，但已在进度线上或超前（超前{-noise[0]:.3g}），"
                "结论不按“进度落后”封顶为C",
                f"A binding indicator {what_en}, but on or ahead of the straight path (by "
                f"{-noise[0]:.3g}): the grade is not capped at C",
            ))
        else:
            why = f"pace ratio below {config.behind_ratio}" if slow else "target line not reached"
            rule += (
                f"; binding, {why} but shortfall {noise[0]:.3g} from the straight path within "
                f"{config.binding_noise_multiple:g} × the series' noise {noise[1]:.3g}: not capped"
            )
            notes.append((
                f"约束性指标{what_zh}，但与进度线的差距（{noise[0]:.3g}）不超过该指标年际波动"
                f"（{noise[1]:.3g}）的{config.binding_noise_multiple:g}倍，属正常波动，"
                "结论不按“进度落后”封顶为C",
                f"A binding indicator {what_en}, but its shortfall from the straight path "
                f"({noise[0]:.3g}) is within {config.binding_noise_multiple:g} × its year-to-year "
                f"noise ({noise[1]:.3g}): ordinary variation, so the grade is not capped at C",
            ))
    years = _plan_years_of_data(progress)
    if years is not None and years < config.min_years_strong_grade:
        weak = {"A": "B", "D": "C"}
        if grade in weak and not (grade == "A" and already):
            grade = weak[grade]
            rule += (
                f"; only {years} full plan year(s) of data (< {config.min_years_strong_grade}): "
                "no A or D yet"
            )
    return Classification(grade, rule, rho, p, measures, capped_binding=capped, capped_on=capped_on,
                          notes=tuple(n for n in notes if n[0]))


def shortfall_noise(progress: Progress) -> tuple[float, float | None] | None:
    """(shortfall from the straight path, the series' noise at this point), in the quantity.

    The shortfall is how far the mid-term figure is behind the planned path (in the direction
    that matters). The noise is what year-to-year variation alone would put between them after
    the ``k`` plan years observed: for a level, the standard deviation of its yearly changes
    times √k; for yearly amounts summed into a total, the standard deviation of the amounts
    times √k; for an average rate, the standard deviation of the yearly rates divided by √k.
    The noise is None when the series is too short to say (fewer than two changes, amounts or
    rates); the whole is None without a planned path or a mid-term figure.

    Parameters
    ----------
    progress : Progress
        The indicator's progress record.

    Returns
    -------
    tuple or None
        ``(shortfall, noise)``, noise None when unknown.
    """
    s, k = progress.series, _plan_years_of_data(progress)
    if (s is None or not k or progress.expected_value is None
            or progress.midterm_value is None):
        return None
    sign = 1.0 if progress.direction == "higher" else -1.0
    shortfall = sign * (progress.expected_value - progress.midterm_value)
    values = np.asarray(s.values, dtype=float)
    if s.measure == "level":
        values = np.diff(values)
    if len(values) < 2:
        return shortfall, None
    sd = float(np.std(values, ddof=1))
    noise = sd / math.sqrt(k) if s.measure == "growth_rate" else sd * math.sqrt(k)
    return shortfall, noise


def _plan_years_of_data(progress: Progress) -> int | None:
    """Full plan years behind the mid-term figure (a part year does not count)."""
    per = progress.midterm_period
    if per is None:
        return None
    last_full = per.year if per.is_full_year else per.year - 1
    return max(0, last_full - progress.base_year)


def _apart(value: float, other: float) -> str:
    """``value`` with four significant digits, or as many more (up to eight) as it takes to
    tell it from ``other``: a central projection of 11.2996 against a target of 11.3 is
    "11.2996", not "11.3 below the target 11.3"."""
    for digits in range(4, 9):
        if f"{value:.{digits}g}" != f"{other:.{digits}g}":
            return f"{value:.{digits}g}"
    return f"{value:.8g}"


def _dust(threshold: float) -> float:
    """Float dust around a target: 10.9 + 4 × 0.1 is 11.299999999999999, which meets 11.3."""
    return 1e-9 * max(1.0, abs(threshold))


def _p_shown(p: float, *thresholds: float) -> str:
    """P(meet) with two decimals, or as many more (up to six) as it takes not to print a
    threshold it is below: 0.597 against 0.6 is "0.597", not "P(meet)=0.60 < 0.6"."""
    for digits in range(2, 7):
        text = f"{p:.{digits}f}"
        if not any(float(text) == t and p != t for t in thresholds):
            return text
    return f"{p:.6f}"
