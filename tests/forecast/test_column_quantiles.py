"""Quantiles of simulated draws read one column at a time are numpy.quantile's, bit for bit.

The reference is ``numpy.quantile(samples, probs, axis=0)`` itself (the call
``distribution.from_samples`` made before issue 15's speed work) on SYNTHETIC draws: random
normal paths, rounded draws with ties, one column, no column.
"""

from __future__ import annotations

import numpy as np
import pytest

from indicator_forecast.forecast.calibration import default_calibration
from indicator_forecast.forecast.distribution import _column_quantiles, from_samples


@pytest.mark.parametrize("k", [0, 1, 2, 5])
def test_column_quantiles_equal_numpy_quantile_on_axis_0(k: int) -> None:
    probs = default_calibration().probs
    rng = np.random.default_rng(k)
    samples = np.cumsum(rng.standard_normal((20_000, k)), axis=1) * 37.5 + 1200.0
    ref = np.quantile(samples, probs, axis=0)
    got = _column_quantiles(samples, probs)
    assert got.shape == ref.shape == (probs.size, k)
    assert np.array_equal(got, ref)


def test_ties_and_a_hand_worked_median() -> None:
    rng = np.random.default_rng(7)
    samples = np.round(rng.standard_normal((1001, 3)), 1)
    probs = np.array([0.1, 0.5, 0.9])
    assert np.array_equal(_column_quantiles(samples, probs), np.quantile(samples, probs, axis=0))
    # 1, 2, 3, 4: the median is halfway between 2 and 3, the 0.25-quantile 1 + 0.75 * (2 - 1)
    four = np.array([[4.0], [1.0], [3.0], [2.0]])
    assert _column_quantiles(four, np.array([0.25, 0.5])).tolist() == [[1.75], [2.5]]


def test_from_samples_reads_the_same_quantiles() -> None:
    probs = default_calibration().probs
    rng = np.random.default_rng(3)
    samples = np.cumsum(rng.gamma(2.0, 5.0, (20_000, 4)), axis=1)
    d = from_samples(np.arange(2023, 2027), samples.mean(axis=0), samples, probs, (80.0, 95.0),
                     "synthetic")
    assert np.array_equal(d.values, np.quantile(samples, probs, axis=0).T)
