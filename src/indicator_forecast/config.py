"""Thresholds and options of an evaluation, held in one frozen object carried by every result.

Defaults and where they come from:

* ``ahead_ratio = 1.2`` — progress at least 20 % ahead of the time elapsed counts as ahead
  (our choice; the NDRC 时序进度 rule compares progress with 20/40/60/80/100 % of the period).
* ``p_ahead = 0.9``, ``p_on_track = 0.6``, ``p_unlikely = 0.2`` — the probability of meeting the
  target in the target year that separates A/B/C/D (OECD reports the probability of meeting a
  target; the cut-offs are ours and configurable).
* ``eurostat_on_track = 0.95``, ``eurostat_moderate = 0.60`` — Eurostat / Statistics Canada
  (Open SDG) ratio of actual to required compound annual growth: ≥ 95 % on track, 60–95 %
  needs acceleration, 0–60 % limited progress, < 0 deterioration.
* ``unsd_on_track = 0.95``, ``unsd_fair = 0.10`` — UNSD SDG progress chart: projected share of
  the distance to target.
* ``fallback_progress_*`` — used only when no projection can be made (fewer than two points):
  the Eurostat ratio thresholds applied to progress ÷ time elapsed, and the result says so.
* ``adjust_probability = 0.7`` — a proposed adjusted target is one reached with this probability.
* ``moment = "auto"`` — which moment of the plan's life an evaluation is: 总结评估 (final) once
  the target year is a full year behind the date, 中期评估 (mid-term) when the last full year is
  the middle of the period (2022 or 2023 of 2021–2025), 年度监测 (yearly monitoring) otherwise.
* ``min_years_strong_grade = 2`` — with fewer full plan years of data, no A or D is given (at most
  B, at least C): one year is too little evidence for "ahead" or "unlikely" (our rule).
* Final evaluation (总结评估), on the target year's actual figure, no projection:
  ``final_exceed_share = 1.10`` — 超额完成 when the share of the task completed (or the realised
  rate ÷ the target rate) is at least 110 %; ``final_basic_tolerance = 0.05`` — 基本完成 when a
  task falls short by at most 5 % of it; ``final_threshold_tolerance = 0.02`` — 基本完成 when a
  floor, a ceiling or a band's edge is missed by at most 2 % of its value;
  ``final_gap_tolerance = 0.5`` — the same for a growth kept in step with the parent, in
  percentage points of the average gap; ``final_years_share = 0.8`` — a target set by the parent
  each year is 基本完成 when at least 80 % of the years (4 of 5) were met, the last one among
  them. These cut-offs are ours, configurable, and printed in every final status.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class EvaluationConfig(BaseModel):
    """Every threshold and option of an evaluation (frozen; carried by every result).

    The module docstring says where the defaults come from.

    Parameters
    ----------
    level : int
        Interval level (%) reported beside the projection, 1–99 (default 80).
    ahead_ratio : float
        Progress ÷ time elapsed at or above which progress is ahead (default 1.2; ≥ 1).
    behind_ratio : float
        Pace ratio below which progress is behind schedule: a binding (约束性) indicator behind
        schedule is graded at best C (default 0.9; ≤ 1).
    binding_noise_multiple : float
        A binding indicator is behind schedule only when its shortfall from the straight path
        exceeds this many times the series' own year-to-year noise; 0 applies the cap on the
        pace ratio alone (default 1.0; ≥ 0).
    p_ahead, p_on_track, p_unlikely : float
        P(meet) cut-offs of A (with progress ahead), B and D (below ``p_unlikely``); defaults
        0.9, 0.6 and 0.2, each in (0, 1), with ``p_unlikely < p_on_track <= p_ahead``.
    eurostat_on_track, eurostat_moderate : float
        Eurostat / Statistics Canada classes of actual ÷ required growth (0.95, 0.60).
    unsd_on_track, unsd_fair : float
        UNSD progress-chart classes of the projected share of the distance (0.95, 0.10).
    fallback_progress_on_track, fallback_progress_moderate : float
        Pace-ratio cut-offs of B and C when there is no projection (0.95, 0.60).
    adjust_probability : float
        Probability with which a proposed adjusted target is reached (default 0.7; in (0, 1)).
    raise_margin : float
        Propose raising a target when the value reached with ``adjust_probability`` exceeds it
        by this share (default 0.15).
    max_staleness_years : float
        The latest figure may lag the last full year by at most this many years (default 1.0).
    method : str
        Projection method passed to the forecast engine (default ``"default"``).
    moment : {"auto", "monitoring", "midterm", "final"}
        The plan moment; ``"auto"`` reads it from the date (default).
    min_years_strong_grade : int
        Full plan years of data needed before an A or a D is given (default 2; ≥ 1).
    final_exceed_share : float
        Share of the task completed at or above which 超额完成 (default 1.10; > 1).
    final_basic_tolerance : float
        Shortfall, as a share of the task, still counted 基本完成 (default 0.05; in [0, 1)).
    final_threshold_tolerance : float
        Miss of a floor, ceiling or band edge, as a share of its value, still counted 基本完成
        (default 0.02; in [0, 1)).
    final_gap_tolerance : float
        Miss of the average growth gap, in percentage points, still counted 基本完成 (default
        0.5; ≥ 0).
    final_years_share : float
        Share of the yearly assigned targets met (the last among them) for 基本完成 (default
        0.8; in (0, 1]).
    language : {"zh", "en"}
        Default language of the outputs (default ``"zh"``).

    Raises
    ------
    pydantic.ValidationError
        If a value is outside the range given above, or a field is unknown.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    level: int = Field(80, description="Interval level (%) reported beside the projection.")
    wide_level: int = Field(
        95, description="The wider interval level (%) drawn around it in the charts."
    )
    ahead_ratio: float = Field(
        1.2, description="Progress ÷ time elapsed at or above which progress is ahead."
    )
    behind_ratio: float = Field(
        0.9,
        description="Pace ratio below which progress is behind schedule: a binding (约束性) "
        "indicator behind schedule is graded at best C.",
    )
    binding_noise_multiple: float = Field(
        1.0,
        ge=0,
        description="A binding indicator is behind schedule only when its shortfall from the "
        "straight path exceeds this many times the series' own year-to-year noise (σ·√k for "
        "levels and running totals, σ/√k for an average rate, after k plan years); 0 applies "
        "the cap on the pace ratio alone.",
    )
    p_ahead: float = Field(
        0.9, description="P(meet) at or above which an indicator ahead of schedule is graded A."
    )
    p_on_track: float = Field(
        0.6, description="P(meet) at or above which the target is expected to be met (B)."
    )
    p_unlikely: float = Field(0.2, description="P(meet) below which completion is unlikely (D).")
    eurostat_on_track: float = 0.95
    eurostat_moderate: float = 0.60
    unsd_on_track: float = 0.95
    unsd_fair: float = 0.10
    fallback_progress_on_track: float = 0.95
    fallback_progress_moderate: float = 0.60
    adjust_probability: float = Field(
        0.7, description="Probability with which a proposed adjusted target is reached."
    )
    raise_margin: float = Field(
        0.15,
        description="Propose raising a target when the value reached with adjust_probability "
        "exceeds it by this share.",
    )
    max_staleness_years: float = Field(
        1.0, description="Latest figure may lag the last full year by at most this many years."
    )
    method: str = Field("default", description="Projection method passed to the forecast engine.")
    moment: str = Field(
        "auto",
        pattern="^(auto|monitoring|midterm|final)$",
        description="The plan moment: auto (from the date), monitoring, midterm or final.",
    )
    min_years_strong_grade: int = Field(
        2, ge=1, description="Full plan years of data needed before an A or a D is given."
    )
    final_exceed_share: float = Field(
        1.10, gt=1, description="Share of the task completed at or above which 超额完成."
    )
    final_basic_tolerance: float = Field(
        0.05, ge=0, lt=1, description="Shortfall (share of the task) still counted 基本完成."
    )
    final_threshold_tolerance: float = Field(
        0.02,
        ge=0,
        lt=1,
        description="Miss of a floor, ceiling or band edge (share of its value) still 基本完成.",
    )
    final_gap_tolerance: float = Field(
        0.5, ge=0, description="Average-gap miss (percentage points) still counted 基本完成."
    )
    final_years_share: float = Field(
        0.8,
        gt=0,
        le=1,
        description="Share of yearly assigned targets met (the last included) for 基本完成.",
    )
    language: str = Field("zh", pattern="^(zh|en)$")

    @model_validator(mode="after")
    def _check(self) -> EvaluationConfig:
        for name in ("p_ahead", "p_on_track", "p_unlikely", "adjust_probability"):
            v = getattr(self, name)
            if not 0 < v < 1:
                raise ValueError(
                    f"The {name!r} parameter of EvaluationConfig must be in (0, 1). Got {v} "
                    f"instead."
                )
        if not self.p_unlikely < self.p_on_track <= self.p_ahead:
            raise ValueError(
                "EvaluationConfig needs p_unlikely < p_on_track <= p_ahead. "
                f"Got {self.p_unlikely}, {self.p_on_track}, {self.p_ahead}."
            )
        if not 0 < self.level < self.wide_level < 100:
            raise ValueError(
                "EvaluationConfig needs 0 < level < wide_level < 100 (two interval levels, the "
                f"second wider). Got level={self.level}, wide_level={self.wide_level}."
            )
        if not self.behind_ratio <= 1 <= self.ahead_ratio:
            raise ValueError(
                f"EvaluationConfig needs behind_ratio <= 1 <= ahead_ratio. Got "
                f"{self.behind_ratio}, {self.ahead_ratio}."
            )
        if self.level not in range(1, 100):
            raise ValueError(
                f"The 'level' parameter of EvaluationConfig must be between 1 and 99. Got "
                f"{self.level} instead."
            )
        return self

    def to_dict(self) -> dict[str, Any]:
        """Every field by name (``model_dump``), for the result frames and the audit trail."""
        return self.model_dump()
