"""Helpers for the evaluation tests: SYNTHETIC plans and observations written to temporary files.

Every plan, indicator name, department and number here is invented (all names carry "合成",
"synthetic"); nothing is taken from a real plan.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from indicator_forecast import read_observations, read_plan

PLAN_HEADER = "类别,序号,指标,单位,目标值 2021-2025 年,责任部门,指标属性,基期值\n"
OBS_COLUMNS = ["indicator_id", "period", "value", "unit", "measure", "role", "series", "source_url"]


def synthetic_plan(rows: list[tuple], directory: Path | None = None):
    """rows: (序号, 指标, 单位, 目标值, 责任部门, 指标属性, 基期值) — a part of a composite has
    序号 ''."""
    directory = Path(directory or tempfile.mkdtemp(prefix="synthetic_"))
    lines = [PLAN_HEADER]
    for no, name, unit, target, dept, attr, base in rows:
        lines.append(
            f"合成类别,{no},{name},{unit},{target},{dept},{attr},{'' if base is None else base}\n"
        )
    path = directory / "synthetic_plan.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return read_plan(path)


def synthetic_observations(plan, rows: list[tuple], directory: Path | None = None):
    """rows: (indicator_id, period, value, unit, measure, role); written to CSV and read back."""
    directory = Path(directory or tempfile.mkdtemp(prefix="synthetic_"))
    df = pd.DataFrame(
        [(i, p, v, u, m, r, "", "synthetic://test") for i, p, v, u, m, r in rows],
        columns=OBS_COLUMNS,
    )
    path = directory / "synthetic_observations.csv"
    df.to_csv(path, index=False)
    return read_observations(path, plan)


def scale_bench() -> Any:
    """``benchmarks/evaluate_scale.py`` as a module (its SYNTHETIC plans and the shipped ones),
    loaded once and registered so that process pools can pickle its functions."""
    name = "evaluate_scale_bench"
    if name not in sys.modules:
        path = Path(__file__).resolve().parents[2] / "benchmarks" / "evaluate_scale.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
    return sys.modules[name]
