"""The fast paths of the projections inside evaluate() give exactly the numbers of the plain ones.

The references are written here as the engine was before (8aba41c): the copula's draws made afresh
for every series (random normals, eigen-root, normal CDF, ``numpy.interp`` per year), every
yearly distribution read on the whole probability grid by ``numpy.quantile`` of the 2-d draws,
and the damped trend's recursion on arrays. Plans and figures are the shipped plans
in data/ and SYNTHETIC plans (the generator of benchmarks/evaluate_scale.py, named
``synthetic-NNNN``). Equality is exact (``check_exact=True``, bit for bit on the draws). Speed is
measured in benchmarks/evaluate_scale.py, never here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import scale_bench
from scipy.stats import norm

from indicator_forecast.data import Observations
from indicator_forecast.evaluate import evaluate
from indicator_forecast.forecast import _kernels as kernels
from indicator_forecast.forecast import projection as proj
from indicator_forecast.forecast.calibration import default_calibration
from indicator_forecast.forecast.distribution import Predictive, from_samples, sorted_quantiles

DATES = ("2023-06-30", "2026-03-31")



def old_simulate(base: Predictive, horizons: np.ndarray, corr: np.ndarray,
                 seed: int) -> np.ndarray:
    """The copula's draws as they were made: afresh for each series."""
    rng = np.random.default_rng(seed)
    k = len(base.periods)
    w, v = np.linalg.eigh(corr)
    root = v * np.sqrt(np.clip(w, 0, None))
    u = norm.cdf(rng.standard_normal((proj.N_DRAWS, k)) @ root.T)
    out = np.empty_like(u)
    for j in range(k):
        out[:, j] = np.interp(u[:, j], base.probs, base.values[j])
    return out


def old_from_samples(periods: np.ndarray, mean: np.ndarray, samples: np.ndarray,
                     probs: np.ndarray, level: tuple[float, ...], label: str,
                     order: np.ndarray | None = None) -> Predictive:
    """Quantiles of the draws by numpy.quantile, as they were read."""
    values = np.quantile(samples, probs, axis=0).T
    return Predictive(np.asarray(periods), np.asarray(mean, float), probs, np.asarray(values),
                      level, label)


def old_change_distribution(periods: np.ndarray, mean: np.ndarray, paths: np.ndarray,
                            start: float, probs: np.ndarray, level: tuple[float, ...],
                            order: np.ndarray) -> Predictive:
    """Each year's change as it was taken: the shifted paths subtracted, numpy.quantile."""
    prev = np.concatenate([np.full((paths.shape[0], 1), start), paths[:, :-1]], axis=1)
    return old_from_samples(periods, mean, paths - prev, probs, level, "change")


def old_holt_damped(y: np.ndarray, alpha: Any, beta: Any, phi: Any) -> tuple[np.ndarray, ...]:
    """The damped trend's recursion on arrays, as it was run for every series."""
    level = y[:, 0].copy()
    trend = y[:, 1] - y[:, 0]
    sse = np.zeros(y.shape[0])
    for t in range(1, y.shape[1]):
        pred = level + phi * trend
        err = y[:, t] - pred
        if t >= 2:
            sse += err * err
        new_level = pred + alpha * err
        trend = beta * (new_level - level) + (1 - beta) * phi * trend
        level = new_level
    return level, trend, sse


def old_yearly(self: proj.AmountsProjection, at: Sequence[float] | None = None) -> Predictive:
    """Every yearly distribution on the whole grid."""
    if self.running.measure == "running_total":
        return self.running.base
    return self.running.changes(self.last_total)


@pytest.fixture(scope="module")
def plans() -> list[tuple[str, Any, Observations]]:
    bench = scale_bench()
    return [*bench.shipped(), *bench.synthetic_units(12, seed=515)]


def _frames(plan: Any, obs: Observations, date: str) -> pd.DataFrame:
    """The result frame and the chart frame (whose yearly paths are built only when read)."""
    ev = evaluate(plan, obs, as_of=date, progress=False)
    return pd.concat({"result": ev.to_frame(), "chart": ev.chart_frame()})


@pytest.mark.parametrize("date", DATES)
def test_evaluate_identical_to_fresh_draws_and_whole_grids(plans, date, monkeypatch) -> None:
    proj._COPULAS.clear()
    new = {name: _frames(plan, obs, date) for name, plan, obs in plans}
    assert proj._COPULAS, "the evaluation drew no joint paths: the test would check nothing"
    with monkeypatch.context() as m:
        m.setattr(proj, "_simulate", old_simulate)
        m.setattr(proj, "from_samples", old_from_samples)
        m.setattr(proj, "_change_distribution", old_change_distribution)
        m.setattr(kernels, "_holt_damped", old_holt_damped)
        m.setattr(proj.AmountsProjection, "yearly", old_yearly)
        old = {name: _frames(plan, obs, date) for name, plan, obs in plans}
    assert {"putuo-14th", "national-14th", "national-13th", "synthetic-0011"} <= set(new)
    for name in new:
        pd.testing.assert_frame_equal(new[name], old[name], check_exact=True,
                                      obj=f"{name} at {date}")


def test_copula_draws_are_numpy_interp_bit_for_bit() -> None:
    probs = default_calibration().probs
    rng = np.random.default_rng(3)
    for t in range(40):
        k = int(rng.integers(1, 6))
        corr = np.atleast_2d(np.corrcoef(rng.standard_normal((k, k + 3))))
        values = np.maximum.accumulate(
            rng.standard_normal((k, probs.size)) * 10 ** rng.uniform(-3, 6), axis=1)
        if t % 4 == 0:
            values[:, 3:7] = values[:, 3:4]  # a flat stretch: equal quantiles
        base = Predictive(np.arange(k), values[:, 14].copy(), probs, values)
        ref = old_simulate(base, np.arange(1.0, k + 1), corr, seed=12345 + t)
        got = proj._simulate(base, np.arange(1.0, k + 1), corr, seed=12345 + t)
        assert np.array_equal(ref.view(np.int64), got.view(np.int64))


def test_draws_at_grid_points_and_outside_the_grid() -> None:
    # Worked by hand on a three-point grid 0.25 / 0.5 / 0.75 with quantiles 10 / 20 / 40:
    # below the grid 10, at 0.5 exactly 20, at 0.625 halfway from 20 to 40 = 30, at and above
    # the top 40.
    probs = np.array([0.25, 0.5, 0.75])
    cop = proj._Copula(
        cell=np.array([[0], [2], [2], [3], [3]], dtype=np.intp),
        offset=np.array([[0.0], [0.0], [0.125], [0.0], [0.0]]),
        order=np.arange(5),
    )
    got = cop.draws(probs, np.array([[10.0, 20.0, 40.0]]))
    assert got.ravel().tolist() == [10.0, 20.0, 30.0, 40.0, 40.0]


def test_grid_for_reads_the_same_quantiles_as_the_whole_grid() -> None:
    probs = default_calibration().probs
    rng = np.random.default_rng(8)
    values = np.sort(rng.standard_normal((3, probs.size)) * 5, axis=1)
    full = Predictive(np.arange(3), values[:, 14].copy(), probs, values)
    at = (0.1, 0.9, 0.025, 0.975, 0.3, 0.0001, 0.99999)
    keep = proj.grid_for(probs, at)
    assert 0 < keep.sum() < probs.size
    part = Predictive(np.arange(3), values[:, 14].copy(), probs[keep], values[:, keep])
    for p in at:
        assert np.array_equal(part._quantiles(p), full._quantiles(p))


def test_sorted_quantiles_are_numpy_quantile_bit_for_bit() -> None:
    probs = default_calibration().probs
    rng = np.random.default_rng(11)
    for n in (1, 2, 3, 7, 20_000):
        x = np.sort(rng.standard_normal(n) * 10 ** rng.uniform(-4, 8))
        ref = np.quantile(x, probs)
        assert np.array_equal(sorted_quantiles(x, probs).view(np.int64), ref.view(np.int64))
    # Worked by hand: 0, 10, 20, 30 at p = 0.5 sits at index 1.5, halfway from 10 to 20.
    assert sorted_quantiles(np.array([0.0, 10.0, 20.0, 30.0]), np.array([0.5])).tolist() == [15.0]


def test_from_samples_with_an_order_is_from_samples_without() -> None:
    probs = default_calibration().probs
    rng = np.random.default_rng(12)
    u = rng.random((5_000, 3))
    order = np.argsort(u[:, 0], kind="stable")
    rising = np.column_stack([np.exp(3 * u[:, 0]), u[:, 1] - u[:, 0], u[:, 2]])
    falling = -rising  # the order does not sort it: the check refuses it
    for samples in (rising, falling, rising[:, :1]):
        k = samples.shape[1]
        a = from_samples(np.arange(k), samples.mean(axis=0), samples, probs, (80.0,), "x",
                         order=order)
        b = old_from_samples(np.arange(k), samples.mean(axis=0), samples, probs, (80.0,), "x")
        assert np.array_equal(a.values, b.values)


def test_damped_recursion_of_one_series_is_the_array_recursion_bit_for_bit() -> None:
    rng = np.random.default_rng(21)
    y = np.cumsum(rng.standard_normal((300, 7)) * 10 ** rng.uniform(-3, 6, (300, 1)), axis=1)
    y[::17, 3] = np.nan  # a missing figure propagates the same way
    for a, b, p in [kernels.DAMPED_FIXED, (0.1, 0.02, 0.8), (0.55, 0.35, 0.95)]:
        batch = old_holt_damped(y, np.full(300, a), np.full(300, b), np.full(300, p))
        for i in range(0, 300, 7):
            one = kernels._holt_damped(y[i : i + 1], a, b, p)
            for got, ref in zip(one, batch, strict=True):
                assert np.array_equal(got.view(np.int64), ref[i : i + 1].view(np.int64))
    # Worked by hand: 1, 3, 4 with alpha 0.5, beta 0.5, phi 1 -> level 1, trend 2; step 1:
    # pred 3, err 0, level 3, trend 2; step 2: pred 5, err -1, sse 1, level 4.5, trend 1.75.
    lv, tr, sse = kernels._holt_damped(np.array([[1.0, 3.0, 4.0]]), 0.5, 0.5, 1.0)
    assert (lv.tolist(), tr.tolist(), sse.tolist()) == ([4.5], [1.75], [1.0])
