"""Growth in step with, or above, the parent jurisdiction ("与市保持同步", "高于全市").

Progress is the district's growth minus the parent's, year by year and on average. In step: the
target is met when the average gap is not below ``-tolerance`` percentage points; above: when it
is above zero.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar, Literal

from indicator_forecast._progress_kit import growth_by_year
from indicator_forecast.plan.targets._gap import GapTarget, ReferenceGrowth

if TYPE_CHECKING:
    from indicator_forecast.data import Observations
    from indicator_forecast.plan import Indicator, Plan


class ParentSyncedTarget(GapTarget):
    """Growth kept in step with (or above) the parent (city, province, nation).

    The fields of :class:`.TargetBase` (``text``, ``low``, ``high``, ``unit``, ``direction``,
    ``base_year``, ``target_year``, ``aspiration``, ``note`` …) and the following.

    Parameters
    ----------
    kind : {"parent_synced"}
        The kind's name.
    parent : str
        The parent jurisdiction whose growth is the reference (default ``"市"``).
    relation : {"in_step", "above"}
        ``"in_step"``: met when the average gap is not below ``-tolerance`` points;
        ``"above"``: when it is above zero.
    tolerance : float
        Percentage points the average growth may fall short of the parent's and still count as
        in step (default 0).
    """

    kind: Literal["parent_synced"] = "parent_synced"
    parent: str = "市"
    label_zh: ClassVar[str] = "与上级同步或高于上级"
    label_en: ClassVar[str] = "in step with or above the parent"

    def reference_growth(
        self, ind: Indicator, obs: Observations, as_of: dt.date, plan: Plan
    ) -> ReferenceGrowth:
        ref, notes, sources = growth_by_year(ind, obs, as_of, role="parent_actual")
        return ref, notes, sources, f"{self.parent}（上级）同期增速", "the parent's growth rate"

    reference_is_parent: ClassVar[bool] = True

    def asks_for(self) -> str:
        return "growth_and_parent"
