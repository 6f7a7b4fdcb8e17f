"""Calibration.scaled_quantiles and .correlation give the same numbers when remembered (issue 15).

References: the shipped table's own entries read by hand (the quantiles at horizon 1 and 2,
half a year as sqrt(0.5) times horizon 1, the correlation's rows and columns), and a fresh copy
of the table that has remembered nothing.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from indicator_forecast.forecast.calibration import default_calibration
from indicator_forecast.forecast.methods import DEFAULT_METHOD, canonical


def test_remembered_results_equal_the_entries_and_a_fresh_table() -> None:
    cal = default_calibration()
    method = canonical(DEFAULT_METHOD)
    hz = np.array([0.5, 1.0, 2.0])
    first = cal.scaled_quantiles(method, 6, hz, 1)
    again = cal.scaled_quantiles(method, 6, hz.copy(), 1)
    assert again is first
    entry = cal.tables[method][cal.group_key(6, 1)]
    q = np.asarray(entry["quantiles"], dtype=float)
    hand = np.maximum.accumulate(np.vstack([np.sqrt(0.5) * q[0], q[0], q[1]]), axis=1)
    assert np.array_equal(first, hand)
    fresh = dataclasses.replace(cal)
    assert np.array_equal(fresh.scaled_quantiles(method, 6, hz, 1), first)
    with pytest.raises(ValueError):
        first[0, 0] = 1.0  # read-only: a caller cannot change what others get

    c = cal.correlation(method, 6, np.array([1.0, 2.0, 3.0]), 1)
    assert cal.correlation(method, 6, np.array([1.0, 2.0, 3.0]), 1) is c
    r = np.asarray(entry["corr"], dtype=float)
    assert c[0, 0] == c[1, 1] == c[2, 2] == 1.0
    assert c[0, 1] == r[0, 1] and c[1, 2] == r[1, 2] and c[0, 2] == r[0, 2]
    assert np.array_equal(fresh.correlation(method, 6, np.array([1.0, 2.0, 3.0]), 1), c)


def test_other_arguments_are_not_confused() -> None:
    cal = default_calibration()
    method = canonical(DEFAULT_METHOD)
    a = cal.scaled_quantiles(method, 6, np.array([1.0, 2.0]), 1)
    b = cal.scaled_quantiles(method, 6, np.array([1.0, 3.0]), 1)
    c = cal.scaled_quantiles(method, 6, np.array([1.0, 2.0]), 3)
    assert not np.array_equal(a[1], b[1])
    assert not np.array_equal(a, c)  # another roughness bin, another entry
    assert a.shape == b.shape == c.shape == (2, cal.probs.size)


def test_width_factors_remembered_equal_a_fresh_table_and_the_table_itself() -> None:
    from indicator_forecast.forecast.width_scales import default_width_scales

    ws = default_width_scales()
    kind = sorted(ws.scales)[0]
    n = ws.points[0]
    hz = np.array([float(h) for h in ws.horizons])
    f = ws.factor(kind, n, hz)
    assert ws.factor(kind, n, hz.copy()) is f
    # at a tabulated number of points and tabulated horizons: the table's own row
    assert np.array_equal(f, ws.scales[kind][0])
    assert np.array_equal(dataclasses.replace(ws).factor(kind, n, hz), f)
    assert ws.factor(None, n, hz).tolist() == [1.0] * hz.size
    with pytest.raises(ValueError):
        f[0] = 2.0
