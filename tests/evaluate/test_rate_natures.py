"""Which pooled scale a yearly rate read as a level borrows: an unemployment rate that of
unemployment rates, any other yearly rate (growth, interest, inflation) that of growth rates.

Before, both shared the unemployment spread (0.1076 of the level a year), with which the city
growth rates were covered 45 % of the time by their 80 % interval (benchmarks/rate_prior.py).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from indicator_forecast.evaluate._outlook import quantity_nature
from indicator_forecast.plan import Indicator, parse_target

LEVEL = SimpleNamespace(measure="level", transform="none")


def _ind(name: str, text: str) -> Indicator:
    return Indicator(id="1", name=name, unit="%", attribute="预期性",
                     target=parse_target(text, unit="%", name=name))


@pytest.mark.parametrize(
    ("name", "text", "nature", "spread"),
    [("城镇调查失业率", "＜5.5", "unemployment", 0.1076),
     ("城镇登记失业率", "＜4.5", "unemployment", 0.1076),
     ("一年期贷款利率", "＜5", "rate", 0.386),
     ("居民消费价格涨幅（通胀）", "3左右", "rate", 0.386)],
)
def test_each_yearly_rate_borrows_its_own_kind(name, text, nature, spread):
    got = quantity_nature(_ind(name, text), LEVEL)  # type: ignore[arg-type]
    assert got.name == nature and got.revert == 0.9
    assert got.spread == pytest.approx(spread)
