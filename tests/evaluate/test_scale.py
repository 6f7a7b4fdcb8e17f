"""Evaluating at scale (issue 15): the index by indicator, the phased evaluate(), evaluate_many.

The references are the code paths these replace, kept here as they were at 2adb94c: the pandas
``Observations.select`` (boolean masks, a per-row period end, ``sort_values``) and the
indicator-by-indicator ``evaluate`` loop. Plans and figures are SYNTHETIC (the generator of
benchmarks/evaluate_scale.py, plans named ``synthetic-NNNN``) or the shipped plans in data/.
Speed is measured in benchmarks/evaluate_scale.py, never here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
from collections import namedtuple
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import scale_bench

from indicator_forecast import read_observations
from indicator_forecast.adjust import propose
from indicator_forecast.classify import classify
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.data import Observations, Period
from indicator_forecast.evaluate import Evaluation, IndicatorResult, _final_result, evaluate
from indicator_forecast.evaluate._outlook import build_outlook
from indicator_forecast.evaluate.many import evaluate_many
from indicator_forecast.exceptions import ConfigurationError
from indicator_forecast.final import PRELIMINARY_MARKS
from indicator_forecast.progress import compute_progress, plan_moment

ROOT = Path(__file__).resolve().parents[2]



@pytest.fixture(scope="module")
def shipped() -> list[tuple[str, Any, Observations]]:
    return list(scale_bench().shipped())


@pytest.fixture(scope="module")
def synthetic() -> list[tuple[str, Any, Observations]]:
    return list(scale_bench().synthetic_units(6, seed=77))


# --- the reference code paths (as at 2adb94c) -------------------------------------------------

def old_select(obs: Observations, indicator_id: str, *, role: Any = "actual",
               measure: Any = None, series: str | None = "", as_of: Any = None) -> pd.DataFrame:
    df = obs.frame
    roles = [role] if isinstance(role, str) else list(role)
    mask = (df["indicator_id"] == str(indicator_id)) & df["role"].isin(roles)
    if measure is not None:
        measures = [measure] if isinstance(measure, str) else list(measure)
        mask &= df["measure"].isin(measures)
    if series is not None:
        mask &= df["series"] == series
    out = df[mask]
    if as_of is not None:
        cut = pd.Timestamp(as_of).date()
        keep = np.array([Period(int(y), int(m)).end <= cut
                         for y, m in zip(out["year"], out["months"], strict=True)], dtype=bool)
        out = out[keep]
    return out.sort_values(["year", "months"]).reset_index(drop=True)


# The old select's rows carried every column of the frame, the basis among them (the shipped
# national-14th urbanisation rows have one since the 7th-census change of basis was labelled).
_Row = namedtuple("_Row", "year months value measure role series source note basis")


def _old_records(self: Observations, indicator_id: str, *, role: Any = "actual",
                 measure: Any = None, series: str | None = "", as_of: Any = None,
                 year: int | None = None) -> list[_Row]:
    """The rows the old select gave progress, as the records the new code reads."""
    df = old_select(self, indicator_id, role=role, measure=measure, series=series, as_of=as_of)
    return [_Row(int(r.year), int(r.months), float(r.value), r.measure, r.role, r.series,
                 r.source, r.note, r.basis) for r in df.itertuples()]


def old_is_preliminary(ind: Any, obs: Observations, year: int) -> bool:
    df = obs.frame
    rows = df[(df["indicator_id"] == ind.id) & (df["year"] == year)]
    notes = " ".join(str(n) for n in rows["note"].dropna().tolist()).lower()
    return any(mark in notes for mark in PRELIMINARY_MARKS)


def old_evaluate(plan: Any, obs: Observations, as_of: str,
                 config: EvaluationConfig | None = None) -> Evaluation:
    """evaluate() as it was: one indicator after the other, progress, projection, grade."""
    config = config or EvaluationConfig()
    date = pd.Timestamp(as_of).date()
    moment = plan_moment(date, plan.base_year, plan.target_year, config.moment)
    results = []
    for ind in plan.all_indicators():
        pr = compute_progress(ind, obs, date, plan=plan, config=config)
        if moment.is_final:
            results.append(_final_result(ind, pr, obs, moment, config))
            continue
        outlook, why = (None, None)
        if not pr.blocked:
            outlook, why = build_outlook(ind, pr, config)
        cls = classify(pr, outlook, binding=ind.binding, config=config)
        adj = propose(ind, pr, outlook, cls, config) if cls.grade != "insufficient_data" else None
        results.append(IndicatorResult(ind, pr, outlook, cls, adj, config,
                                       no_outlook_reason=why, moment=moment))
    return Evaluation(plan, obs, date, config, tuple(results), language=config.language,
                      moment=moment)


# --- the index ---------------------------------------------------------------------------------

def test_records_in_period_order_ties_in_frame_order() -> None:
    # SYNTHETIC figures, listed out of order; worked by hand: 2021 comes before 2022, and of the
    # two 2021 rows the parent's (listed first) before the jurisdiction's.
    frame = pd.DataFrame(
        [
            ("1", "2022", 5.0, "level", "actual"),
            ("1", "2021", 9.0, "level", "parent_actual"),
            ("1", "2021", 4.0, "level", "actual"),
            ("1", "2023H1", 6.0, "level", "actual"),
            ("1", "2022", 3.0, "growth_rate", "actual"),
            ("2", "2021", 1.0, "level", "actual"),
        ],
        columns=["indicator_id", "period", "value", "measure", "role"],
    )
    obs = read_observations(frame)
    got = obs.records("1", measure="level", as_of=dt.date(2023, 6, 30))
    assert [(r.year, r.months, r.value) for r in got] == [(2021, 12, 4.0), (2022, 12, 5.0),
                                                          (2023, 6, 6.0)]
    got = obs.records("1", measure="level", as_of=dt.date(2023, 5, 31))
    assert [r.value for r in got] == [4.0, 5.0]
    both = obs.records("1", role=("actual", "parent_actual"), measure="level")
    assert [r.value for r in both] == [9.0, 4.0, 5.0, 6.0]
    assert [r.value for r in obs.records("1", measure=None, as_of="2022-12-31")] == [4.0, 5.0,
                                                                                      3.0]
    assert obs.records("3") == ()
    assert list(obs.select("1", measure="level")["value"]) == [4.0, 5.0, 6.0]


def test_select_and_records_match_the_pandas_select(shipped, synthetic) -> None:
    n = 0
    for _, plan, obs in [*shipped, *synthetic[:3]]:
        for ind in plan.all_indicators():
            for role in ("actual", "parent_actual", ("annual_target", "parent_target")):
                for measure in (None, "level", ("flow", "running_total"), "growth_rate"):
                    for series in ("", None):
                        for as_of in (None, dt.date(2022, 12, 31), "2023-06-30"):
                            old = old_select(obs, ind.id, role=role, measure=measure,
                                             series=series, as_of=as_of)
                            new = obs.select(ind.id, role=role, measure=measure,
                                             series=series, as_of=as_of)
                            pd.testing.assert_frame_equal(new, old)
                            recs = obs.records(ind.id, role=role, measure=measure,
                                               series=series, as_of=as_of)
                            assert [(r.year, r.months, r.value) for r in recs] == list(
                                zip(old["year"], old["months"], old["value"], strict=True))
                            n += 1
    assert n > 1000


# --- evaluate() --------------------------------------------------------------------------------

@pytest.mark.parametrize("date", ["2023-06-30", "2026-03-31"])
def test_evaluate_identical_to_the_indicator_by_indicator_path(shipped, synthetic, date,
                                                               monkeypatch) -> None:
    new = {name: evaluate(plan, obs, as_of=date, progress=False).to_frame()
           for name, plan, obs in [*shipped, *synthetic]}
    with monkeypatch.context() as m:
        m.setattr(Observations, "records", _old_records)
        module = importlib.import_module("indicator_forecast.evaluate")
        m.setattr(module, "_is_preliminary", old_is_preliminary)
        old = {name: old_evaluate(plan, obs, date).to_frame()
               for name, plan, obs in [*shipped, *synthetic]}
    assert set(new) == {"putuo-14th", "national-14th", "national-13th",
                        *(f"synthetic-{k:04d}" for k in range(6))}
    for name in new:
        pd.testing.assert_frame_equal(new[name], old[name], obj=f"{name} at {date}")


# --- evaluate_many -----------------------------------------------------------------------------

def _check_many(frame: pd.DataFrame, singles: dict[str, pd.DataFrame]) -> None:
    assert list(frame["plan"].unique()) == list(singles)
    assert frame.columns[0] == "plan"
    for name, single in singles.items():
        part = frame[frame["plan"] == name].reset_index(drop=True)
        assert part.drop(columns=["plan", *single.columns]).isna().all().all()
        pd.testing.assert_frame_equal(part[single.columns], single, check_dtype=False)


def test_evaluate_many_is_evaluate_plan_by_plan(shipped, synthetic) -> None:
    items = [*shipped, *synthetic]
    singles = {name: evaluate(plan, obs, as_of="2023-06-30", progress=False).to_frame()
               for name, plan, obs in items}
    seen: list[str] = []
    frame = evaluate_many(items, as_of="2023-06-30", progress=False,
                          on_evaluation=lambda name, ev: seen.append(name))
    assert seen == list(singles)
    assert len(frame) == sum(len(f) for f in singles.values())
    _check_many(frame, singles)


def test_evaluate_many_names_plans_by_their_name(synthetic) -> None:
    frame = evaluate_many([(plan, obs) for _, plan, obs in synthetic[:2]], as_of="2026-03-31",
                          progress=False)
    assert list(frame["plan"].unique()) == [synthetic[0][1].name, synthetic[1][1].name]


def test_evaluate_many_refuses_what_it_cannot_tell_apart(synthetic) -> None:
    _, plan, obs = synthetic[0]
    with pytest.raises(ConfigurationError, match="two plans are named"):
        evaluate_many([(plan, obs), (plan, obs)], as_of="2023-06-30", progress=False)
    with pytest.raises(ConfigurationError, match="must hold a Plan"):
        evaluate_many([(obs, plan)], as_of="2023-06-30", progress=False)
    with pytest.raises(ConfigurationError, match="'workers' parameter"):
        evaluate_many([(plan, obs)], as_of="2023-06-30", workers=0)
    with pytest.raises(ConfigurationError, match="on_evaluation"):
        evaluate_many([(plan, obs)], as_of="2023-06-30", workers=2,
                      on_evaluation=lambda n, e: None)
    assert list(evaluate_many([], as_of="2023-06-30").columns) == ["plan"]


def _one_county(item: tuple[str, Any, Observations]) -> pd.DataFrame:
    """What a map over plans runs in each process (Dask, Ray, concurrent.futures alike)."""
    return evaluate_many([item], as_of="2023-06-30", progress=False)


def test_evaluate_many_in_processes(synthetic) -> None:
    items = synthetic[:4]
    singles = {name: evaluate(plan, obs, as_of="2023-06-30", progress=False).to_frame()
               for name, plan, obs in items}
    _check_many(evaluate_many(items, as_of="2023-06-30", progress=False, workers=2), singles)
    with ProcessPoolExecutor(max_workers=2) as pool:
        frames = list(pool.map(_one_county, items))
    _check_many(pd.concat(frames, ignore_index=True), singles)


def test_batch_command_writes_one_table_with_a_plan_column(tmp_path, capsys) -> None:
    import shutil

    from indicator_forecast.cli import EXIT_OK, main

    folder = tmp_path / "plans"
    for name in ("putuo-14th", "national-14th"):
        (folder / name).mkdir(parents=True)
        for f in ("plan.csv", "plan.json", "observations.csv"):
            shutil.copy(ROOT / "data" / name / f, folder / name / f)
    out = tmp_path / "out"
    assert main(["batch", str(folder), "--as-of", "2023-06-30", "--out", str(out)]) == EXIT_OK
    table = pd.read_csv(out / "batch.csv", dtype={"indicator_id": str})
    assert list(table["plan"].unique()) == ["national-14th", "putuo-14th"]
    assert (out / "putuo-14th" / "evaluation.csv").exists()
    from indicator_forecast.cli import _read_plan

    plan = _read_plan(str(folder / "putuo-14th" / "plan.csv"), argparse.Namespace())
    assert (table["plan"] == "putuo-14th").sum() == len(list(plan.all_indicators()))


def test_batch_table_follows_the_overwrite_rule(tmp_path) -> None:
    """batch.csv is replaced only with --overwrite (the earlier one backed up), and a batch.csv
    the user put in the folder is never replaced."""
    import shutil

    from indicator_forecast.cli import EXIT_EXISTS, EXIT_OK, main
    from indicator_forecast.report._io import written_by_package

    folder = tmp_path / "plans" / "national-14th"
    folder.mkdir(parents=True)
    for f in ("plan.csv", "plan.json", "observations.csv"):
        shutil.copy(ROOT / "data" / "national-14th" / f, folder / f)
    args = ["batch", str(tmp_path / "plans"), "--as-of", "2023-06-30"]
    out = tmp_path / "out"
    assert main([*args, "--out", str(out)]) == EXIT_OK
    assert written_by_package(out / "batch.csv")
    assert main([*args, "--out", str(out)]) == EXIT_EXISTS
    assert main([*args, "--out", str(out), "--overwrite"]) == EXIT_OK
    assert list(out.rglob("*batch*.csv")) != [out / "batch.csv"]  # the earlier one kept
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "batch.csv").write_text("the analyst's own\n", encoding="utf-8")
    assert main([*args, "--out", str(mine), "--overwrite"]) == EXIT_EXISTS
    assert (mine / "batch.csv").read_text(encoding="utf-8") == "the analyst's own\n"


def test_batch_skips_a_plan_not_yet_begun_and_evaluates_the_others(tmp_path, capsys) -> None:
    """At 2020-06-30 the 13th plan is in its last year and the 14th has not begun: the batch
    evaluates the first, says the second is skipped and why, and exits 0; a date before every
    plan is a usage error."""
    import shutil

    from indicator_forecast.cli import EXIT_OK, EXIT_USAGE, main

    folder = tmp_path / "plans"
    for name in ("national-13th", "national-14th"):
        (folder / name).mkdir(parents=True)
        for f in ("plan.csv", "plan.json", "observations.csv"):
            if (ROOT / "data" / name / f).exists():
                shutil.copy(ROOT / "data" / name / f, folder / name / f)
    out = tmp_path / "out"
    assert main(["batch", str(folder), "--as-of", "2020-06-30", "--out", str(out)]) == EXIT_OK
    said = capsys.readouterr().out
    assert "national-14th: 评估时点 2020-06-30 早于规划期第一年（2021年），本次不评估" in said
    table = pd.read_csv(out / "batch.csv")
    assert list(table["plan"].unique()) == ["national-13th"]
    assert not (out / "national-14th").exists()
    assert main(["batch", str(folder), "--as-of", "2015-06-30", "--out",
                 str(tmp_path / "o2")]) == EXIT_USAGE
    assert "no plan can be evaluated at 2015-06-30" in capsys.readouterr().err
