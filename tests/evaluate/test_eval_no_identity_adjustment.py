"""An adjustment equal to the original target is never proposed (SYNTHETIC plan)."""

from __future__ import annotations

from conftest import synthetic_observations, synthetic_plan

from indicator_forecast.evaluate import evaluate


def test_no_adjustment_that_repeats_the_target():
    # Synthetic floor ">84" falling by 0.1 a year to 84.2: any proposal rounds back to 84.
    plan = synthetic_plan([("1", "合成预期寿命", "岁", ">84", "合成局", "预期性", 84.4)])
    obs = synthetic_observations(
        plan,
        [("1", str(y), v, "岁", "level", "actual")
         for y, v in [(2018, 84.6), (2019, 84.5), (2020, 84.4), (2021, 84.3), (2022, 84.2)]],
    )
    ev = evaluate(plan, obs, as_of="2023-06-30")
    for r in ev.results:
        if r.adjustment is not None:
            assert r.adjustment.suggested_target != r.adjustment.original_target
            assert r.adjustment.suggested_value != r.indicator.target.point
