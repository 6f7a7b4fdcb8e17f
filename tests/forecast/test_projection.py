"""project_series and project: the evaluation's entry points. Synthetic series only."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from indicator_forecast.exceptions import ConfigurationError, ProjectionError, ShortSeriesWarning
from indicator_forecast.forecast import DEFAULT_METHOD, Partial, project, project_series

SYNTHETIC_YEARS = np.arange(2015, 2023)
SYNTHETIC_LEVEL = np.array([50.0, 52.1, 53.0, 55.4, 56.0, 58.3, 59.1, 61.0])
SYNTHETIC_FLOW = np.array([12.0, 13.5, 12.8, 14.1, 15.0, 14.2, 15.8, 16.1])


def test_fewer_than_two_points_is_a_clear_error() -> None:
    with pytest.raises(ProjectionError, match="at least two"):
        project_series([2022], [5.0])
    with pytest.raises(ProjectionError, match="at least two"):
        project_series([2021, 2022], [5.0, np.nan])


def test_short_series_states_the_model_used_and_warns() -> None:
    with pytest.warns(ShortSeriesWarning, match="drift"):
        p = project_series([2020, 2021, 2022], [1.0, 2.0, 2.5])
    assert p.model == "drift" and p.fell_back
    assert "3 points" in p.model_reason and "drift" in p.model_reason
    assert p.method != p.model  # the failed request is never reported as the model


def test_default_model_on_enough_points_is_the_default_method() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = project_series(SYNTHETIC_YEARS, SYNTHETIC_LEVEL)
    assert p.model == DEFAULT_METHOD and not p.fell_back
    np.testing.assert_array_equal(p.periods, [2023, 2024, 2025])
    assert p.mean.shape == p.lo(80).shape == (3,)
    assert np.all(p.lo(80) < p.mean) and np.all(p.mean < p.hi(80))


def test_bad_parameters_say_what_was_expected() -> None:
    with pytest.raises(ConfigurationError, match="between 0 and 100"):
        project_series(SYNTHETIC_YEARS, SYNTHETIC_LEVEL, level=(80, 120))
    with pytest.raises(ConfigurationError, match="method"):
        project_series(SYNTHETIC_YEARS, SYNTHETIC_LEVEL, method="arima")
    with pytest.raises(ConfigurationError, match="target_year"):
        project_series(SYNTHETIC_YEARS, SYNTHETIC_LEVEL, target_year=2020)


def test_quantile_and_probability_are_inverse() -> None:
    p = project_series(SYNTHETIC_YEARS, SYNTHETIC_LEVEL)
    for q in (0.1, 0.3, 0.5, 0.77, 0.95):
        x = p.quantile(q)
        assert p.prob_at_most(x) == pytest.approx(q, abs=1e-9)
        assert p.prob_at_least(x) == pytest.approx(1 - q, abs=1e-9)
    assert p.prob_between(p.lo(80)[-1], p.hi(80)[-1]) == pytest.approx(0.8, abs=1e-9)
    assert p.quantile(0.5, year=2023) == pytest.approx(
        float(np.interp(0.5, p.distribution.probs, p.distribution.values[0]))
    )


def test_gaps_are_interpolated_and_said() -> None:
    p = project_series([2016, 2017, 2019, 2020, 2021, 2022], [1, 2, 4, 5, 6, 7.5])
    assert any("2018" in n and "interpolation" in n for n in p.notes)


def test_flow_cumulative_mean_adds_observed_total_and_projected_flows() -> None:
    p = project_series(SYNTHETIC_YEARS, SYNTHETIC_FLOW, measure="flow")
    c = p.cumulative(observed_total=31.9)
    assert c.mean[-1] == pytest.approx(31.9 + p.mean.sum())
    assert c.lo(95)[0] < c.lo(80)[0] < c.mean[0] < c.hi(80)[0] < c.hi(95)[0]
    with pytest.raises(ConfigurationError):
        project_series(SYNTHETIC_YEARS, SYNTHETIC_LEVEL).cumulative()


def test_partial_flow_default_share_is_elapsed_time_and_widens_the_interval() -> None:
    # 8.0 after 6 months at an even pace -> 16.0 for the year
    p = project_series(SYNTHETIC_YEARS, SYNTHETIC_FLOW, measure="flow",
                       partial=Partial(year=2023, months=6, value=8.0))
    assert p.mean[0] == pytest.approx(16.0)
    assert any("50%" in n for n in p.notes)
    full = project_series(np.append(SYNTHETIC_YEARS, 2023), np.append(SYNTHETIC_FLOW, 16.0),
                          measure="flow")
    # same data point, but a known full year has no interval at 2023; the nowcast does
    assert p.hi(80)[0] - p.lo(80)[0] > 0
    # later years are wider than when the whole year is known
    w_partial = p.hi(80)[-1] - p.lo(80)[-1]
    w_full = full.hi(80)[-1] - full.lo(80)[-1]
    assert w_partial > w_full
    # an explicit historical share is used as given: 8.0 / 0.4 = 20.0
    q = project_series(SYNTHETIC_YEARS, SYNTHETIC_FLOW, measure="flow",
                       partial=Partial(year=2023, months=6, value=8.0, share=0.4))
    assert q.mean[0] == pytest.approx(20.0)


def test_partial_must_follow_the_last_full_year() -> None:
    with pytest.raises(ConfigurationError, match="2023"):
        project_series(SYNTHETIC_YEARS, SYNTHETIC_FLOW, partial=Partial(2024, 6, 1.0))


def test_growth_rate_required_rate_hand_worked() -> None:
    # rates 2019..2022 = 6, 4, 5, 3 -> index (2018 = 100); I_2020 = 100*1.06*1.04 = 110.24,
    # I_2022 = 110.24*1.05*1.03 = 119.22456. Average 6 % over 2021-2025 needs
    # I_2025 = 110.24*1.06^5 = 147.5254...; the 3 remaining years need
    # (147.5254/119.22456)^(1/3) - 1 = 7.3584 %
    p = project_series([2019, 2020, 2021, 2022], [6, 4, 5, 3], measure="growth_rate")
    goal = 110.24 * 1.06**5
    expected = 100 * ((goal / (110.24 * 1.05 * 1.03)) ** (1 / 3) - 1)
    assert p.required_rate(6.0, base_year=2020) == pytest.approx(expected, rel=1e-9)
    assert 7.3 < expected < 7.4
    g = p.end_growth_rate(base_year=2020)
    assert g.periods.tolist() == [2025]
    # the probability of reaching a 6 % average equals that of the index reaching goal (up to
    # linear interpolation between grid quantiles on two different scales)
    assert g.prob_at_least(6.0) == pytest.approx(p.base.prob_at_least(goal), abs=2e-3)


def test_growth_rate_partial_ytd_is_the_nowcast() -> None:
    p = project_series([2019, 2020, 2021, 2022], [6, 4, 5, 3], measure="growth_rate",
                       partial=Partial(2023, 6, 4.5))
    assert p.periods[0] == 2023
    assert p.mean[0] == pytest.approx(4.5)
    assert p.lo(80)[0] < 4.5 < p.hi(80)[0]


def test_running_total_projects_the_total() -> None:
    totals = np.cumsum(SYNTHETIC_FLOW)
    p = project_series(SYNTHETIC_YEARS, totals, measure="running_total")
    f = project_series(SYNTHETIC_YEARS[1:], SYNTHETIC_FLOW[1:], measure="flow")
    np.testing.assert_allclose(p.mean, totals[-1] + np.cumsum(f.mean))


def test_display() -> None:
    p = project_series(SYNTHETIC_YEARS, SYNTHETIC_LEVEL)
    assert "\n" not in repr(p) and "2025" in repr(p)
    assert p.model in p.summary() and "why:" in p.summary()
    assert "<table" in p._repr_html_()
    df = p.to_frame()
    assert list(df.columns) == ["period", "model", "mean", "lo-80", "hi-80", "lo-95", "hi-95"]
    with pytest.raises(AttributeError):
        p.model = "x"  # type: ignore[misc]


def _synthetic_long_frame(n_series: int, n_points: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    vals = 100 + np.cumsum(rng.normal(1, 2, size=(n_series, n_points)), axis=1)
    return pd.DataFrame({
        "series_id": np.repeat([f"s{i}" for i in range(n_series)], n_points),
        "period": np.tile(np.arange(2023 - n_points, 2023), n_series),
        "value": vals.ravel(),
    })


def test_batch_matches_single_series() -> None:
    df = _synthetic_long_frame(20, 8, seed=1)
    df = pd.concat([df, _synthetic_long_frame(3, 3, seed=2).assign(
        series_id=lambda d: "short-" + d["series_id"])])
    out = project(df, 3, level=(80, 95))
    assert list(out.columns) == ["series_id", "period", "mean", "lo-80", "hi-80", "lo-95",
                                 "hi-95", "model"]
    for sid in ["s0", "s7", "short-s1"]:
        d = df[df.series_id == sid]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ShortSeriesWarning)
            p = project_series(d.period, d.value, target_year=2025)
        o = out[out.series_id == sid]
        np.testing.assert_allclose(o["mean"], p.mean, rtol=1e-10)
        np.testing.assert_allclose(o["lo-80"], p.lo(80), rtol=1e-10)
        np.testing.assert_allclose(o["hi-95"], p.hi(95), rtol=1e-10)
        assert (o["model"] == p.model).all()


def test_batch_states_what_it_cannot_project() -> None:
    df = pd.DataFrame({"series_id": ["a", "b", "b", "c", "c"],
                       "period": [2022, 2021, 2022, 2019, 2022],
                       "value": [1.0, 1.0, 2.0, 1.0, 2.0]})
    out = project(df, 2)
    assert out.loc[out.series_id == "a", "model"].iloc[0].startswith("cannot project")
    assert out.loc[out.series_id == "a", "mean"].isna().all()
    assert "missing" in out.loc[out.series_id == "c", "model"].iloc[0]
    assert out.loc[out.series_id == "b", "mean"].tolist() == [3.0, 4.0]
