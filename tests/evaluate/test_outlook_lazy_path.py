"""The chart's yearly path of an outlook is built when a chart first reads it, once (issue 15).

Plans and figures are SYNTHETIC (the generator of benchmarks/evaluate_scale.py, plans named
``synthetic-NNNN``). That the path's numbers are those of the eager build is checked against
the old code paths in test_projection_speed_paths.py (the chart frame, exactly).
"""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from conftest import scale_bench

from indicator_forecast.classify import Outlook
from indicator_forecast.evaluate import evaluate
from indicator_forecast.forecast import projection as proj

ROW = (2024, 5.0, 4.0, 6.0, 3.5, 6.5)  # year, mean, lo80, hi80, lo95, hi95, by hand



def _outlook(path_source: Any) -> Outlook:
    return Outlook(mean=5.0, lo=4.0, hi=6.0, level=80, p_meet=0.5, p_stretch=None,
                   model="synthetic", model_reason="synthetic", what="level",
                   quantile=float, prob_at_least=float, path_source=path_source)


def test_path_is_computed_on_first_read_and_kept() -> None:
    calls: list[int] = []

    def build() -> tuple[tuple[int, float, float, float, float, float], ...]:
        calls.append(1)
        return (ROW,)

    o = _outlook(build)
    assert calls == []
    assert o.path == (ROW,)
    assert o.path == (ROW,)
    assert calls == [1]


def test_a_tuple_is_the_path_itself_and_the_default_is_empty() -> None:
    assert _outlook((ROW,)).path == (ROW,)
    assert Outlook(mean=1.0, lo=0.0, hi=2.0, level=80, p_meet=None, p_stretch=None, model="m",
                   model_reason="", what="level", quantile=float,
                   prob_at_least=float).path == ()


def test_an_outlook_with_a_plain_path_pickles() -> None:
    o = _outlook((ROW,))
    assert pickle.loads(pickle.dumps(o)).path == (ROW,)


def test_the_result_frame_does_not_build_the_yearly_amounts(monkeypatch) -> None:
    name, plan, obs = next(scale_bench().synthetic_units(1, seed=99))

    def refuse(self: Any, at: Any = None) -> Any:
        raise AssertionError("the yearly amounts were built")

    monkeypatch.setattr(proj.AmountsProjection, "yearly", refuse)
    ev = evaluate(plan, obs, as_of="2023-06-30", progress=False)
    frame = ev.to_frame()
    assert len(frame) == len(list(plan.all_indicators()))
    flows = [r for r in ev.results if r.outlook is not None and r.progress.series is not None
             and r.progress.series.measure == "flow"]
    assert flows, "no projected flow: the test would check nothing"
    with pytest.raises(AssertionError, match="yearly amounts were built"):
        ev.chart_frame()
