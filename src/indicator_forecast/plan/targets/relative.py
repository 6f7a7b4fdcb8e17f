"""A target relative to another indicator ("高于GDP增长", "与经济增长基本同步").

The reference indicator is named in the text; its figures are supplied as data (another
indicator of the plan, matched by name, or a series named in the observations).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar, Literal

from indicator_forecast._progress_kit import growth_by_year
from indicator_forecast.plan.targets._gap import GapTarget, ReferenceGrowth

if TYPE_CHECKING:
    from indicator_forecast.data import Observations
    from indicator_forecast.plan import Indicator, Plan


class RelativeToIndicatorTarget(GapTarget):
    """Grow ``above`` or ``in_step`` with ``reference``.

    The fields of :class:`.TargetBase` (``text``, ``low``, ``high``, ``unit``, ``direction``,
    ``base_year``, ``target_year``, ``aspiration``, ``note`` …) and the following.

    Parameters
    ----------
    kind : {"relative_to_indicator"}
        The kind's name.
    reference : str
        The reference indicator as named in the text ("GDP增长").
    relation : {"above", "in_step"}
        ``"above"``: met when the average growth gap to the reference is above zero;
        ``"in_step"``: when it is not below ``-tolerance`` points.
    tolerance : float
        Percentage points the average growth may fall short of the reference's and still count
        as in step (default 0.5).
    """

    kind: Literal["relative_to_indicator"] = "relative_to_indicator"
    reference: str
    relation: Literal["above", "in_step"]
    tolerance: float = 0.5
    label_zh: ClassVar[str] = "相对其他指标"
    label_en: ClassVar[str] = "relative to another indicator"

    def reference_growth(
        self, ind: Indicator, obs: Observations, as_of: dt.date, plan: Plan
    ) -> ReferenceGrowth:
        other = find_reference(plan, ind, self.reference)
        if other is None:
            return (
                {},
                [],
                (),
                f"参照指标“{self.reference}”增速",
                f"growth of the reference indicator {self.reference!r}",
            )
        ref, notes, sources = growth_by_year(other, obs, as_of)
        return ref, notes, sources, f"参照指标“{other.name}”增速", f"growth of {other.name}"


def find_reference(plan: Plan, ind: Indicator, reference: str) -> Indicator | None:
    """The plan's indicator a relative target refers to ("GDP增长" → "国内生产总值(GDP)增长").

    Names are compared without spaces and brackets, and with 增速/增幅 read as 增长 (a growth
    rate by any of its names: "经济增速" is "经济增长"); "经济增长" also matches "GDP增长", and
    "GDP" also matches "国内生产总值" and "地区生产总值". The first indicator whose name contains
    one of these forms is taken.

    Parameters
    ----------
    plan : Plan
        The plan whose indicators (all levels) are searched.
    ind : Indicator
        The indicator carrying the relative target; it is never its own reference.
    reference : str
        The reference as named in the target text.

    Returns
    -------
    Indicator or None
        The first matching other indicator, or ``None`` if none matches.
    """

    def squeeze(s: str) -> str:
        s = "".join(ch for ch in s if ch not in " ()（）")
        return s.replace("增速", "增长").replace("增幅", "增长")

    ref = squeeze(reference)
    gdp = ref.replace("经济增长", "GDP增长")
    aliases = {
        ref,
        gdp,
        gdp.replace("GDP", "国内生产总值"),
        gdp.replace("GDP", "地区生产总值"),
    }
    for other in plan.all_indicators():
        if other.id == ind.id:
            continue
        name = squeeze(other.name)
        if any(a and a in name for a in aliases):
            return other
    return None
