"""An approximate level ("85 左右"): a band of ``tolerance`` around the value.

For a higher-is-better indicator the band's lower edge is what must be kept; being above the
band is not a miss. For a lower-is-better one, the upper edge. The tolerance is configuration:
by default 2 % of the value (85 左右 → ±1.7), set ``band_tolerance`` in :func:`parse_target`
or in the plan's reading options.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import model_validator

from indicator_forecast import _format as F  # noqa: N812
from indicator_forecast._progress_kit import Progress
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.plan.targets._final import FinalVerdict, edge_miss, pct, points
from indicator_forecast.plan.targets.base import TargetBase

DEFAULT_BAND_TOLERANCE_SHARE = 0.02
"""Default half-width of a "左右" band as a share of the value."""


class BandTarget(TargetBase):
    """Approximately ``low`` (= ``high``), within ``tolerance`` either side.

    The fields of :class:`.TargetBase` (``text``, ``low``, ``high``, ``unit``, ``direction``,
    ``base_year``, ``target_year``, ``aspiration``, ``note`` …) and the following.

    Parameters
    ----------
    kind : {"band"}
        The kind's name.
    tolerance : float
        Half-width of the band, in the indicator's unit (non-negative; by default 2 % of the
        value, see ``DEFAULT_BAND_TOLERANCE_SHARE``).
    """

    kind: Literal["band"] = "band"
    tolerance: float
    label_zh: ClassVar[str] = "左右"
    label_en: ClassVar[str] = "approximately"
    final_rule: ClassVar[str] = "band"
    needs_baseline: ClassVar[bool] = False
    is_threshold: ClassVar[bool] = True
    charts_planned_path: ClassVar[bool] = False
    stays_met_if_only_rises: ClassVar[bool] = False

    @model_validator(mode="after")
    def _check_tolerance(self) -> BandTarget:
        if not self.tolerance >= 0:
            raise ValueError(
                f"The 'tolerance' of band target {self.text!r} must be a non-negative number. "
                f"Got {self.tolerance} instead."
            )
        return self

    @property
    def band_low(self) -> float | None:
        return None if self.low is None else self.low - self.tolerance

    @property
    def band_high(self) -> float | None:
        return None if self.high is None else self.high + self.tolerance

    def is_met(self, value: float) -> bool | None:
        if self.direction == "higher":
            return None if self.band_low is None else value >= self.band_low
        return None if self.band_high is None else value <= self.band_high

    def level_met_now(
        self, baseline: float | None, value: float, target_value: float | None
    ) -> bool | None:
        return self.is_met(value)

    @property
    def kept_edge(self) -> float | None:
        """The band's edge that must be kept: the lower one when higher is better."""
        return self.band_low if self.direction == "higher" else self.band_high

    def chart_targets(self, target_value: float | None) -> dict[str, float]:
        nan = float("nan")
        return {
            "target_low": nan if self.band_low is None else float(self.band_low),
            "target_high": nan if self.band_high is None else float(self.band_high),
            "target_point": nan if self.point is None else float(self.point),
        }

    def judged_threshold(self, target_value: float | None) -> float | None:
        return self.kept_edge

    def outlook_bounds(
        self, target_value: float | None
    ) -> tuple[float, float | None, bool] | None:
        bounds = super().outlook_bounds(target_value)
        if bounds is None:
            return None
        edge = self.kept_edge
        return (edge if edge is not None else bounds[0]), bounds[1], bounds[2]

    reason_pace_applies: ClassVar[bool] = False
    chart_row_bounds: ClassVar[bool] = False
    chart_target_style: ClassVar[str] = "shaded_band"

    @classmethod
    def met_in_record(
        cls, low: float | None, high: float | None, higher: bool, value: float
    ) -> bool | None:
        return None if low is None or high is None else low <= value <= high

    def final_verdict(
        self, pr: Progress, value: float, unit: str, config: EvaluationConfig
    ) -> FinalVerdict | None:
        """Inside the band completed, beyond it on the good side exceeded, else the kept edge
        missed by a share of its value."""
        lo, hi, v, u, ty = self.band_low, self.band_high, value, unit, self.target_year
        if lo is None or hi is None:
            return None
        higher = self.direction == "higher"
        target = lo if higher else hi
        band = f"{F.fmt(lo)}～{F.fmt(hi)}{u}"
        if lo <= v <= hi:
            code = "completed"
            zh = f"{ty}年为{F.fmt(v)}{u}，在目标“{self.text}”的区间{band}内"
            en = f"{F.fmt(v)} {u} in {ty}, inside the band {band} of {self.text}"
        elif (v > hi) if higher else (v < lo):
            code = "exceeded"
            zh = f"{ty}年为{F.fmt(v)}{u}，好于目标“{self.text}”的区间{band}"
            en = f"{F.fmt(v)} {u} in {ty}, better than the band {band} of {self.text}"
        else:
            code, miss, end_zh, end_en = edge_miss(higher, v, target, config)
            du, du_en = points(u)
            zh = (
                f"{ty}年为{F.fmt(v)}{u}，未达到目标“{self.text}”的区间{band}，"
                f"距区间边界{F.fmt(abs(v - target))}{du}（{pct(miss)}{end_zh}"
            )
            en = (
                f"{F.fmt(v)} {u} in {ty}, outside the band {band} of {self.text} by "
                f"{F.fmt(abs(v - target))} {du_en} ({pct(miss)} of its edge{end_en}"
            )
        return FinalVerdict(code, v, target, None, zh, en)
