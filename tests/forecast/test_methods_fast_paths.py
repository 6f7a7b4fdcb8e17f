"""series_scale, roughness and roughness_bin give the numbers of their numpy spellings (issue 15).

The references are the formulas as they were written before (np.diff, .mean(axis=1),
np.nan_to_num), on SYNTHETIC random rows: steady, rounded (ties), flat and all-zero ones.
"""

from __future__ import annotations

import numpy as np

from indicator_forecast.forecast.methods import (
    ROUGHNESS_EDGES,
    roughness,
    roughness_bin,
    series_scale,
)


def _old_scale(y: np.ndarray) -> np.ndarray:
    s = np.abs(np.diff(y, axis=1)).mean(axis=1)
    return np.where(s > 0, s, 1e-3 * np.abs(y).mean(axis=1))


def _old_roughness(y: np.ndarray) -> np.ndarray:
    if y.shape[1] < 3:
        return np.full(y.shape[0], np.nan)
    d = np.diff(y, axis=1)
    den = np.abs(d).mean(axis=1)
    num = np.abs(np.diff(d, axis=1)).mean(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0)


def test_bit_for_bit_on_random_rows() -> None:
    rng = np.random.default_rng(15)
    for trial in range(600):
        n = int(rng.integers(2, 12))
        y = rng.standard_normal((int(rng.integers(1, 4)), n)) * 10 ** rng.uniform(-3, 4)
        y = y + rng.uniform(-100, 1000)
        if trial % 5 == 0:
            y = np.round(y)
        if trial % 11 == 0:
            y[:, :] = y[:, :1]
        if trial % 13 == 0:
            y = np.zeros_like(y)
        assert np.array_equal(series_scale(y), _old_scale(y))
        assert np.array_equal(roughness(y), _old_roughness(y), equal_nan=True)


def test_hand_worked_scale_roughness_and_bins() -> None:
    y = np.array([[1.0, 3.0, 4.0, 8.0]])  # changes 2, 1, 4; their changes -1, 3
    assert series_scale(y).tolist() == [7 / 3]
    assert roughness(y).tolist() == [2.0 / (7 / 3)]
    r = np.array([np.nan, np.inf, -np.inf, 0.29, 0.3, 0.7, 1.2, 5.0])
    assert ROUGHNESS_EDGES == (0.3, 0.7, 1.2)
    assert roughness_bin(r).tolist() == [-1, -1, -1, 0, 1, 2, 3, 3]
