"""What every target kind shares, and what a kind must provide.

A target is the text an official wrote in the plan's 目标值 column, parsed into numbers and a
kind. Each kind lives in its own module (a subclass of :class:`TargetBase` with a ``kind``
literal; defining it registers it, see :func:`kind_class`), and the evaluation and the reports
ask the kind rather than test its name. A kind provides:

* ``progress(ind, obs, as_of, plan=, config=)`` — its :class:`~indicator_forecast.progress.
  Progress` at a date: which figures it reads, its completion, its pace, its met-or-not now, and
  the series the projection engine extends (``SeriesInput.measure``/``transform``: the quantity
  it projects). The default is the level computation of :mod:`._level`, which asks the hooks
  ``level_target``, ``rebased_target``, ``needs_baseline``, ``level_met_now`` and
  ``trend_notes``; kinds judged on other figures (a total, a rate, a gap, yearly assigned
  figures) override ``progress`` in their module;
* ``outlook_bounds(target_value)`` — the bound(s) P(meet) and P(stretch) are computed at, and on
  which side;
* ``judged_threshold(target_value)`` — the line "met" is judged at (a band's edge, else the
  target value);
* ``planned_value(year, baseline)`` — the value on the straight path from the base year to the
  target (``None`` where the kind has no path, e.g. a target set each year by the parent);
* ``is_met(value)`` — whether an end-of-period value meets the target (``None`` when the target
  has no number of its own);
* ``describe(lang)`` — the target in words;
* the flags the grading and the final evaluation read: ``final_rule`` (which rule of the final
  evaluation, 总结评估, applies), ``measured_as_distance``, ``met_early_counts``,
  ``stays_met_if_only_rises``, ``is_threshold``, ``completed_as_total``, ``judged_as_rate``,
  ``judged_by_gap``, ``judged_by_years``, ``amount_over_period`` (each documented below).

* ``final_verdict(...)`` — its status at the final evaluation; and, for a kind the parser's
  built-in forms do not read, ``spellings`` / ``from_spelling`` (the texts that mean it).

A new kind is therefore one new module plus its tests: defining it registers it with
:func:`kind_class`, which the plan reader validates targets through, and its declared spellings
with the parser.
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, model_validator

from indicator_forecast._progress_kit import Missing, Progress
from indicator_forecast._typing import Direction, Language
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.plan.targets._final import FinalVerdict, task_verdict
from indicator_forecast.plan.targets._level import level_progress

if TYPE_CHECKING:
    from indicator_forecast.data import Observations
    from indicator_forecast.plan import Indicator, Plan

KINDS: dict[str, type[TargetBase]] = {}
"""Every target kind defined, by its ``kind`` name (filled as the classes are defined)."""


def bound_form(
    low: float | None, high: float | None, direction: str, approximate: bool = False
) -> tuple[str, dict[str, float]] | None:
    """How a target's bounds are said: the form's key and its numbers.

    Parameters
    ----------
    low, high : float or None
        The target's bounds.
    direction : {"higher", "lower"}
        Which way is better.
    approximate : bool
        Whether the target was written as approximate ("5左右").

    Returns
    -------
    tuple of (str, dict) or None
        ``("range", {"lo", "hi"})`` for two different bounds, else ``"about"``, ``"above"``
        (an open upper side when higher is better), ``"below"`` (an open lower side when lower
        is better) or ``"plain"`` with ``{"n"}``, the bound that counts as on track; None
        without a bound.
    """
    if low is not None and high is not None and low != high:
        return "range", {"lo": low, "hi": high}
    n = (low if low is not None else high) if direction == "higher" else (
        high if high is not None else low)
    if n is None:
        return None
    if approximate:
        return "about", {"n": n}
    if high is None and direction == "higher":
        return "above", {"n": n}
    if low is None and direction == "lower":
        return "below", {"n": n}
    return "plain", {"n": n}


def kind_class(kind: str) -> type[TargetBase]:
    """The target class of the kind named ``kind`` (``"floor"`` → :class:`FloorTarget`).

    Parameters
    ----------
    kind : str
        A kind's name, the ``kind`` literal of its class.

    Returns
    -------
    type of TargetBase
        The registered subclass of :class:`TargetBase` for that kind.

    Raises
    ------
    ValueError
        If no kind of that name is defined; the message lists the known kinds.
    """
    try:
        return KINDS[kind]
    except KeyError:
        raise ValueError(
            f"Unknown target kind {kind!r}. Known kinds: {', '.join(sorted(KINDS))}."
        ) from None


class TargetBase(BaseModel):
    """Fields shared by every target kind.

    Parameters
    ----------
    text : str
        The target as written in the plan, verbatim.
    low, high : float or None
        The target's numbers: equal for a single value, ``None`` for an open side or where the
        kind has no number (e.g. "与市保持同步").
    unit : str or None
        The indicator's unit (e.g. ``"%"``, ``"亿元"``).
    direction : {"higher", "lower"}
        Whether a higher or a lower value is better.
    base_year, target_year : int
        The plan's base year (2020 for a 2021–2025 plan) and target year.
    aspiration : str or None
        A "力争…" clause kept verbatim.
    aspiration_value : float or None
        The number of a "力争Y" stretch target ("2.5左右，力争3" → 3), judged as a second target:
        its probability is reported beside the main one, the grade stays on the main target.
    note : str or None
        A bracketed note from the text, e.g. "五年累计".
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    text: str
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    direction: Direction = "higher"
    base_year: int = 2020
    target_year: int = 2025
    aspiration: str | None = None
    aspiration_value: float | None = None
    note: str | None = None

    has_numbers: ClassVar[bool] = True
    label_zh: ClassVar[str] = ""
    label_en: ClassVar[str] = ""
    final_rule: ClassVar[str] = "task"
    """How the final evaluation (总结评估) judges the target-year figure: ``task`` (share of a
    distance or a total completed), ``threshold`` (a floor or ceiling kept), ``band``, ``rate``
    (realised average rate against the target rate), ``gap`` (average gap to a reference),
    ``years`` (yearly targets set by the parent) or ``direction``; see
    :func:`indicator_forecast.final.final_status`."""
    needs_baseline: ClassVar[bool] = True
    """Whether the level progress needs the base-year figure (a distance from it); without it
    the earliest plan-year figure stands in, else the progress is blocked."""
    measured_as_distance: ClassVar[bool] = True
    """Whether completion is a share of the distance from the base figure to the target (the
    ESCAP, Eurostat and UNSD distance measures apply)."""
    met_early_counts: ClassVar[bool] = True
    """Whether a target met now counts as achieved for the grade ("already met")."""
    stays_met_if_only_rises: ClassVar[bool] = True
    """Whether a target met now on a quantity that only rises is kept to the end (grade A)."""
    is_threshold: ClassVar[bool] = False
    """Whether the target is a line to keep (floor, ceiling, band): met now and kept by the
    central projection is at least B; missed now counts as behind."""
    completed_as_total: ClassVar[bool] = False
    """Whether completion is a running total ÷ the target total (UNSD share on the total)."""
    judged_as_rate: ClassVar[bool] = False
    """Whether the figure judged is an average annual rate (%)."""
    judged_by_gap: ClassVar[bool] = False
    """Whether the figure judged is an average gap to a reference growth (points)."""
    judged_by_years: ClassVar[bool] = False
    """Whether the target is judged year by year against figures set by the parent."""
    amount_over_period: ClassVar[bool] = False
    """Whether the end figure is an amount over the plan years (a five-year total or change),
    not the level of the target year."""
    charts_planned_path: ClassVar[bool] = True
    """Whether the planned path from the base year is meaningful in the charted quantity."""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        # A kind is named where its class declares ``kind``; a shared base (GapTarget) or a
        # subclass that keeps its parent's kind names none.
        if "kind" not in inspect.get_annotations(cls):
            return
        name = cls.model_fields["kind"].default
        if not isinstance(name, str):
            raise TypeError(f"{cls.__name__} must give its 'kind' a literal default (its name).")
        known = KINDS.get(name)
        if known is not None and known.__qualname__ != cls.__qualname__:
            raise TypeError(
                f"Target kind {name!r} is already defined by {known.__qualname__}; "
                f"{cls.__qualname__} needs a name of its own."
            )
        KINDS[name] = cls

    @model_validator(mode="after")
    def _check_bounds(self) -> TargetBase:
        for name in ("low", "high"):
            v = getattr(self, name)
            if v is not None and not math.isfinite(v):
                raise ValueError(
                    f"The {name!r} bound of target {self.text!r} must be finite. Got {v}."
                )
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(
                f"A target range must run from low to high: target {self.text!r} has "
                f"low={self.low} > high={self.high}."
            )
        if self.target_year <= self.base_year:
            raise ValueError(
                f"The target year must follow the base year. Got base_year={self.base_year}, "
                f"target_year={self.target_year}."
            )
        return self

    @property
    def years(self) -> int:
        """Number of years in the plan period (5 for 2021–2025)."""
        return self.target_year - self.base_year

    @property
    def point(self) -> float | None:
        """The single number the target is judged against on the 'on track' side.

        For a range this is the bound that counts as on track (the lower end when higher is
        better, the upper end when lower is better); for an open side, the closed one.
        """
        if self.direction == "higher":
            return self.low if self.low is not None else self.high
        return self.high if self.high is not None else self.low

    @property
    def stretch(self) -> float | None:
        """The far end of a range (the 'ahead' bound); equals :attr:`point` for a single value."""
        if self.direction == "higher":
            return self.high if self.high is not None else self.low
        return self.low if self.low is not None else self.high

    def planned_value(self, year: float, baseline: float | None) -> float | None:
        """Value on the straight path from ``baseline`` (base year) to the target at ``year``."""
        target = self.point
        if target is None or baseline is None:
            return None
        frac = (year - self.base_year) / self.years
        return baseline + (target - baseline) * frac

    def is_met(self, value: float) -> bool | None:
        """Whether an end-of-period ``value`` meets the target (the 'on track' bound)."""
        target = self.point
        if target is None:
            return None
        return value >= target if self.direction == "higher" else value <= target

    def progress(
        self,
        ind: Indicator,
        obs: Observations,
        as_of: dt.date,
        *,
        plan: Plan,
        config: EvaluationConfig,
    ) -> Progress:
        """Progress of ``ind`` (whose target this is) at ``as_of`` from ``obs``.

        The default judges a level (:func:`._level.level_progress`); a kind judged on other
        figures overrides it.
        """
        return level_progress(self, ind, obs, as_of, config)

    def level_target(
        self,
        baseline: float | None,
        full: dict[int, float],
        notes: list[str],
        missing: list[Missing],
    ) -> float | None:
        """The level the target asks for, given the base-year figure and the yearly figures
        (appending to ``notes`` and ``missing`` what it used or lacks): :attr:`point`."""
        return self.point

    def rebased_target(self, target_value: float | None, baseline: float) -> float | None:
        """The target value once an earlier figure stands in for a missing base-year one."""
        return target_value

    def level_met_now(
        self, baseline: float | None, value: float, target_value: float | None
    ) -> bool | None:
        """Whether the latest figure ``value`` meets the target now (``None``: no test)."""
        if target_value is None:
            return None
        return value >= target_value if self.direction == "higher" else value <= target_value

    def trend_notes(self, full: dict[int, float]) -> list[str]:
        """Sentences on the yearly figures' movement, for the progress notes."""
        return []

    def judged_threshold(self, target_value: float | None) -> float | None:
        """The line 'met' is judged at, given the progress' target value."""
        return target_value

    def outlook_bounds(
        self, target_value: float | None
    ) -> tuple[float, float | None, bool] | None:
        """(bound, stretch bound, upward) for P(meet) and P(stretch) in the projected quantity.

        ``upward``: met at or above the bound (P = P(quantity ≥ bound)), else at or below it.
        ``None`` when there is nothing to compute P(meet) at. A "X，力争Y" stretch target Y is
        judged as a second target beside the main one; without one, the far end of a range.
        """
        if target_value is None:
            return None
        stretch = self.aspiration_value if self.aspiration_value is not None else self.stretch
        return target_value, stretch, self.direction == "higher"

    def chart_running(self, yearly: dict[int, float]) -> list[tuple[int, float]] | None:
        """The running quantity charted at each plan year from the yearly figures, while the
        years are contiguous from the first plan year; ``None`` when the kind charts the
        figures themselves (a level, a rate, a gap)."""
        return None

    def chart_targets(self, target_value: float | None) -> dict[str, float]:
        """The target's bounds in the charted quantity (``target_low``, ``target_high``,
        ``target_point``): the target's own numbers."""
        return {k: float(v) for k, v in (("target_low", self.low), ("target_high", self.high))
                if v is not None}  # fmt: skip

    def chart_planned_path(
        self, baseline: float | None, target_value: float | None
    ) -> list[tuple[int, float]]:
        """The planned path (year, value) from the base year to the target year, or ``[]``."""
        if not self.charts_planned_path:
            return []
        out = []
        for y in range(self.base_year, self.target_year + 1):
            v = self.planned_value(y, baseline)
            if v is None:
                return []
            out.append((y, float(v)))
        return out

    def describe(self, lang: Language = "zh") -> str:
        """The target in words."""
        label = self.label_zh if lang == "zh" else self.label_en
        return f"{label}: {self.text}"

    # What the evaluation and the reports ask the kind besides its progress and outlook: which
    # sentence, chart, ask and final rule applies (the words stay in the label tables).
    is_change: ClassVar[bool] = False
    """Whether the target is a change from the base figure over the period (降低/提高 X), said
    and asked as a change when it compounds (:attr:`compounding`)."""
    reason_pace_applies: ClassVar[bool] = True
    """Whether progress is a distance covered towards an end value, so that the reason says
    the pace still needed, or that the end value is met already."""
    pace_is_amount: ClassVar[bool] = False
    """Whether the pace still needed is a yearly amount (a five-year total: 需年均完成300亿元)
    rather than a yearly change of a level (需年均提高0.49个百分点)."""
    proposes_adjustment: ClassVar[bool] = True
    """Whether a new target number may be proposed when the target looks out of reach or too
    easy (not for a gap to a reference growth, nor for figures the parent sets each year)."""
    chart_row_bounds: ClassVar[bool] = True
    """Whether the ``to_frame()`` target bounds are in the units the chart draws, so that a
    chart frame without target rows draws them."""
    reference_is_parent: ClassVar[bool] = False
    """Whether a growth gap is to the parent's growth (said as such, not read from the text)."""
    chart_target_style: ClassVar[str] = "bounds"
    """How a chart draws the target: ``bounds`` (a line, a range, a floor or a ceiling),
    ``shaded_band`` (the band shaded, its point dashed) or ``zero_gap`` (the zero gap and its
    tolerance)."""

    @property
    def compounding(self) -> bool:
        """Whether the yearly figures are percentage changes that compound (a change in %)."""
        return False

    def target_number(self, value: float, baseline: float | None) -> float:
        """The target's own number for an end ``value`` of the projected quantity (what a
        proposed target would write): the value itself."""
        return value

    def observed_measure(self, unit: str, name: str) -> str:
        """What a yearly figure of the indicator is when the table does not say, given its
        normalised ``unit`` and its ``name``: ``"level"`` (a year-end or whole-year figure)."""
        return "level"

    def asks_for(self) -> str:
        """Which figures the departments are asked for (:mod:`indicator_forecast.collect.asks`):
        ``level`` (the base figure and each year's level), ``flow`` (each year's new amount
        and the part-year one), ``growth`` (each year's growth rate), ``growth_and_parent``
        (and the parent's), ``assigned`` (the parent's yearly target and the year's figure, of
        a :class:`.ParentAssignedTarget`), ``reduction`` or ``increase`` (each year's rate of
        a compounded change)."""
        return "level"

    @classmethod
    def met_in_record(
        cls, low: float | None, high: float | None, higher: bool, value: float
    ) -> bool | None:
        """Whether ``value`` meets the target read from a results table's bounds (``None``: the
        table does not tell, e.g. the bounds are not in the figure's terms)."""
        return None

    def final_verdict(
        self, pr: Progress, value: float, unit: str, config: EvaluationConfig
    ) -> FinalVerdict | None:
        """The final evaluation (总结评估) of the end-of-period ``value`` (in the kind's terms,
        ``unit`` the indicator's): a task completed to a share of it by default
        (:func:`._final.task_verdict`); ``None`` when the figures needed are missing."""
        return task_verdict(self, pr, value, unit, config)

    def summary_dict(self) -> dict[str, Any]:
        """The target's fields as a flat dict (for tables)."""
        return {
            "kind": self.kind,
            "target_text": self.text,
            "low": self.low,
            "high": self.high,
            "direction": self.direction,
        }

    spellings: ClassVar[tuple[str, ...]] = ()
    """The kind's own spellings: regular expressions matched in full against a target text as
    the parser sees it (:func:`~indicator_forecast.plan.parser.normalise_text` applied: folded
    to half-width, spaces dropped, 〔〕【】 as ``[]``; a '力争…' clause and a trailing note in
    round brackets split off; enclosing brackets removed). Named groups ``low`` and ``high``
    give the numbers. Empty for the package's kinds, which the parser's built-in forms read;
    a kind defined elsewhere declares its spellings here and needs no change to the parser."""
    spellings_first: ClassVar[bool] = False
    """Whether :attr:`spellings` are tried before the parser's built-in forms (to claim a text
    they would read as another kind); by default after them, for texts they refuse. Within each
    group the kinds are tried by name; a text two kinds of one group both match is refused."""
    spelling_examples: ClassVar[tuple[str, ...]] = ()
    """Examples of :attr:`spellings`, listed with the accepted forms when a text is refused."""

    @classmethod
    def from_spelling(
        cls,
        groups: dict[str, str | None],
        *,
        name: str | None,
        direction: Direction,
        fields: dict[str, Any],
    ) -> TargetBase:
        """The target read from a text that one of :attr:`spellings` matched.

        Parameters
        ----------
        groups : dict of str to str or None
            The match's named groups; ``low`` and ``high`` are read as numbers.
        name : str or None
            The indicator's name.
        direction : {"higher", "lower"}
            The plan's 方向 column where given, else the name's rule.
        fields : dict
            The fields every target has: ``text``, ``unit``, ``base_year``, ``target_year``,
            ``aspiration``, ``aspiration_value`` and ``note``.

        Returns
        -------
        TargetBase
            By default the kind with ``fields``, ``direction`` and the numbers of ``low`` and
            ``high``; a kind with further fields overrides this.

        Raises
        ------
        ValueError
            If ``low`` or ``high`` is not a number.
        """
        numbers = {
            k: float(v.replace(",", "")) for k, v in groups.items()
            if k in ("low", "high") and v is not None
        }
        return cls(direction=direction, **fields, **numbers)
