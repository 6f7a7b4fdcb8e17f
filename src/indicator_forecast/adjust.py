"""Adjusted-target proposals with their basis (调整理由 and 测算依据), and analyst overrides.

For an indicator projected to miss (grade C or D), the proposed target is the value reached with
probability ``adjust_probability`` (70 % by default) under the projection: the
:math:`1 - q` quantile of the end-of-period distribution when higher is better, the :math:`q`
quantile when lower is better. It is rounded to the granularity in which the original target is
written (1400 → hundreds: 1187.3 → 1200; 16 → units; 1.1 → tenths), and the probability of the
rounded value is reported too. A binding (约束性) indicator is in principle not lowered: its
proposal keeps the target and says so, with the calculation beside it. When the value reached
with that probability exceeds the target by more than ``raise_margin``, raising is offered.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from indicator_forecast._format import fmt, fmt_unit
from indicator_forecast._words import Pace, Verb, unit_label, verb_of
from indicator_forecast.classify import Classification, Outlook
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.forecast.methods import method_label
from indicator_forecast.plan import Indicator
from indicator_forecast.progress import Progress


@dataclass(frozen=True)
class Adjustment:
    """A proposed target change with its reason and calculation basis.

    Attributes
    ----------
    indicator_id : str
        The indicator's id in the plan.
    direction : {"lower", "raise", "keep"}
        下调, 上调, or keep the target (a binding indicator is not lowered).
    original_target : str
        The target as written in the plan.
    suggested_target : str
        The proposed target written the way the original is ("累计 1200"); for ``"keep"`` the
        Chinese "维持…" wording (see :meth:`suggested` for English).
    suggested_value : float or None
        The proposed target's number; ``None`` for ``"keep"``.
    probability : float or None
        P(reaching the proposed target) under the projection; for ``"keep"``, P(meeting the
        original target).
    reason_zh, reason_en : str
        Why the change is proposed (调整理由), in Chinese and English.
    basis_zh, basis_en : str
        The calculation behind the proposed figure (测算依据): projection, quantile, rounding.
    binding_note, binding_note_en : str or None
        For a binding indicator, why the target is kept rather than lowered.
    """

    indicator_id: str
    direction: str  # "lower" (下调), "raise" (上调) or "keep" (binding: not lowered)
    original_target: str
    suggested_target: str
    suggested_value: float | None
    probability: float | None
    reason_zh: str
    basis_zh: str
    reason_en: str
    basis_en: str
    binding_note: str | None = None
    binding_note_en: str | None = None

    def suggested(self, lang: str = "zh") -> str:
        """The suggested target in ``lang`` ("维持…" / "keep …" for a binding one)."""
        if self.direction == "keep":
            return str(_labels(lang)["adjustment"]["keep"].format(target=self.original_target))
        return self.suggested_target


@dataclass(frozen=True)
class Override:
    """An analyst's decision kept beside the suggestion.

    Attributes
    ----------
    grade : str
        The grade the analyst decided on.
    reason : str
        The analyst's reason, as written.
    adjusted_target : str or None
        The target the analyst proposes instead of the suggested one, if any.
    analyst : str or None
        Who decided.
    """

    grade: str
    reason: str
    adjusted_target: str | None = None
    analyst: str | None = None


def _labels(lang: str) -> dict[str, Any]:
    # Imported late: the report package imports the evaluation, which imports this module.
    from indicator_forecast.report._labels import labels

    return labels(lang)


def _pace(value: float | None, pace_unit: str) -> str:
    """A yearly pace with the decimals of its unit ("-0.0333" in %/年 → "-0.033")."""
    return fmt_unit(value, pace_unit.removesuffix("/年"), missing="—")


def granularity(text: str, value: float) -> float:
    """The step in which a target is written: 1400 → 100, 16 → 1, 1.1 → 0.1, 0.01 → 0.01.

    Parameters
    ----------
    text : str
        The target as written in the plan.
    value : float
        The target's number: the number of ``text`` equal to it is the one read (else the
        first number of ``text``, else ``value`` itself).

    Returns
    -------
    float
        One unit of the last decimal written; for a whole number, the power of ten of its
        trailing zeros, keeping at least two significant figures (1400 → 100, 40 → 1).
    """
    nums = re.findall(r"\d+(?:\.\d+)?", text)
    s = next((n for n in nums if math.isclose(float(n), value)), nums[0] if nums else f"{value:g}")
    if "." in s:
        return 10.0 ** -len(s.split(".")[1])
    stripped = s.rstrip("0")
    zeros = len(s) - len(stripped)
    if not stripped:
        return 1.0
    # Keep at least two significant figures so that 1400 moves in hundreds, not thousands.
    return 10.0 ** min(zeros, max(len(s) - 2, 0))


def round_to(value: float, step: float) -> float:
    """``value`` rounded to the nearest multiple of ``step`` (1187.3, 100 → 1200).

    Parameters
    ----------
    value : float
        The value to round.
    step : float
        The step, positive (e.g. from :func:`granularity`).

    Returns
    -------
    float
        The nearest multiple (ties as Python's :func:`round`, to even), with the decimals of a
        step below 1 so that no float noise is left (0.30000000000000004 → 0.3).
    """
    out = round(value / step) * step
    decimals = max(0, -int(math.floor(math.log10(step)))) if step < 1 else 0
    return round(out, decimals)


def _chance(p: float, lang: str, verb: str = "") -> str:
    """A probability as the report says it: "48%", and "不足1%" / "99%以上" at the ends (a
    rounded "0%" or "100%" would claim a certainty the projection does not have). ``verb`` is
    the Chinese copula before a plain percentage ("为", "仅为"), dropped before 不足."""
    if p < 0.01:
        return "不足1%" if lang == "zh" else "under 1%"
    if p > 0.99:
        return f"{verb}99%以上" if lang == "zh" else "over 99%"
    return f"{verb if lang == 'zh' else ''}{p:.0%}"


def _fmt(v: float | None) -> str:
    return fmt(v, 4) if v is not None and abs(v) < 1 else fmt(v)


def rewrite_target_text(text: str, old: float, new: float, width: float | None) -> str:
    """Write the new value the way the original is written ("累计 1400" → "累计 1200").

    Parameters
    ----------
    text : str
        The target as written in the plan.
    old : float
        The target's current number (not read: the first number, or range, of ``text`` is
        the one replaced).
    new : float
        The new number.
    width : float or None
        For a range target, ``high - low``: the first range of ``text`` becomes
        ``new``–``new + width``. ``None`` (or 0) for a single value.

    Returns
    -------
    str
        ``text`` with its first number (or range) replaced; just ``new`` when ``text`` has no
        number.
    """
    if width:
        m = re.search(r"(\d+(?:\.\d+)?)\s*([-–—~～至到])\s*(\d+(?:\.\d+)?)", text)
        if m:
            return (
                text[: m.start()] + f"{_fmt(new)}{m.group(2)}{_fmt(new + width)}" + text[m.end() :]
            )
    m = re.search(r"\d+(?:\.\d+)?", text)
    if not m:
        return _fmt(new)
    return text[: m.start()] + _fmt(new) + text[m.end():]


def propose(
    ind: Indicator,
    progress: Progress,
    outlook: Outlook | None,
    classification: Classification,
    config: EvaluationConfig,
) -> Adjustment | None:
    """An adjustment proposal where the projection says the target will be missed or far
    exceeded.

    The proposed value is the one reached with probability ``config.adjust_probability`` under
    the projection, rounded to the target's :func:`granularity` (for a cumulative change in a
    level, the change from the base figure). Lowering is proposed for grade C or D (kept, not
    lowered, for a binding indicator); raising for grade A when the reachable value passes the
    target by more than ``config.raise_margin``.

    Parameters
    ----------
    ind : Indicator
        The indicator and its target.
    progress : Progress
        Its progress record (target value, base figure, paces for the basis text).
    outlook : Outlook or None
        Its projection.
    classification : Classification
        Its grade.
    config : EvaluationConfig
        Supplies ``adjust_probability`` and ``raise_margin``.

    Returns
    -------
    Adjustment or None
        The proposal; ``None`` when there is no projection or target number, for kinds judged
        by a gap or by yearly assigned figures, for grades that ask for no change, or when the
        rounded value is the target itself.
    """
    t = ind.target
    if (
        outlook is None
        or t.point is None
        or not t.proposes_adjustment
    ):
        return None
    q = config.adjust_probability
    higher = ind.direction == "higher"
    reach = outlook.quantile(1 - q) if higher else outlook.quantile(q)
    target = progress.target_value if progress.target_value is not None else t.point
    if target is None:
        return None
    lowering = classification.grade in ("C", "D")
    raising = classification.grade == "A" and (
        (higher and reach > target * (1 + config.raise_margin))
        or (not higher and reach < target * (1 - config.raise_margin))
    )
    if not (lowering or raising):
        return None
    step = granularity(t.text, t.point)
    # Nearest step, as the example asks (1187.3 → 1200); the rounded value's own
    # probability is reported beside it.
    rounded = round_to(reach, step)
    new_point = t.target_number(rounded, progress.baseline)
    p_new = outlook.prob_at_least(rounded) if higher else 1 - outlook.prob_at_least(rounded)
    width = (
        (t.high - t.low) if (t.low is not None and t.high is not None and t.high != t.low) else None
    )
    new_text = rewrite_target_text(t.text, t.point, new_point, width)
    if new_point == t.point or new_text == t.text:
        # Rounding brought the reachable value back to the target itself ("由“>84”调整为“>84”"):
        # there is nothing to propose, and the grade's reason carries the explanation.
        return None
    figures: dict[str, Any] = {
        "year": t.target_year, "mean": _fmt(outlook.mean), "level": outlook.level,
        "lo": _fmt(outlook.lo), "hi": _fmt(outlook.hi), "q": f"{q:.0%}", "reach": _fmt(reach),
        "step": _fmt(step), "rounded": _fmt(rounded), "target": _fmt(target),
        "recent": _pace(progress.recent_pace, progress.pace_unit),
        "pace": _pace(progress.required_pace, progress.pace_unit),
        # a level's paces are said with their direction: "需年均降低0.033个百分点，近年年均
        # 提高0.4个百分点", not "需年均变化-0.033个百分点"
        "pace_abs": _pace(None if progress.required_pace is None else abs(progress.required_pace),
                          progress.pace_unit),
        "recent_abs": _pace(None if progress.recent_pace is None else abs(progress.recent_pace),
                            progress.pace_unit),
    }

    unit = progress.pace_unit.removesuffix("/年")

    def moved(v: float | None, lang: str) -> str:
        """A level's yearly change with its direction, printed with the unit's decimals."""
        return "—" if v is None else Pace(v, unit, by_unit=True).label(lang)

    def text(code: str, lang: str) -> str:
        pm = outlook.p_meet or 0.0
        chances = {
            "p_new": _chance(p_new, lang), "p_meet": _chance(pm, lang),
            "p_new_is": _chance(p_new, lang, "为"), "p_meet_is": _chance(pm, lang, "为"),
            "p_meet_only": _chance(pm, lang, "仅为"),
        }  # fmt: skip
        down = "降低" in ind.name or "下降" in ind.name
        return str(_labels(lang)["adjustment"][code]).format(
            **chances,
            verb=Verb("reduction" if down else "rise").label(lang),
            recent_verb=Verb(verb_of(progress.recent_pace or 0.0, down)).label(lang),
            pace_moved=moved(progress.required_pace, lang),
            recent_moved=moved(progress.recent_pace, lang),
            method=method_label(outlook.model, lang),
            what=_labels(lang)["what"][outlook.what],
            unit=unit_label(unit, lang),  # 年均…个百分点, not …/年
            **figures,
        )

    basis_zh, basis_en = text("basis", "zh"), text("basis", "en")
    if raising:
        return Adjustment(
            ind.id,
            "raise",
            t.text,
            new_text,
            new_point,
            p_new,
            text("raise", "zh"),
            basis_zh,
            text("raise", "en"),
            basis_en,
        )
    # a rate's remaining years need a growth rate, not a yearly "change" of one
    lower = ("lower_rate" if t.judged_as_rate
             else "lower_change" if t.is_change and t.compounding else "lower")
    reason_zh, reason_en = text(lower, "zh"), text(lower, "en")
    if ind.binding:
        return Adjustment(
            ind.id,
            "keep",
            t.text,
            str(_labels("zh")["adjustment"]["keep"].format(target=t.text)),
            None,
            outlook.p_meet,
            reason_zh,
            basis_zh,
            reason_en,
            basis_en + text("binding_basis", "en"),
            binding_note=text("binding_note", "zh"),
            binding_note_en=text("binding_note", "en"),
        )
    return Adjustment(
        ind.id,
        "lower",
        t.text,
        new_text,
        new_point,
        p_new,
        reason_zh,
        basis_zh,
        reason_en,
        basis_en,
    )
