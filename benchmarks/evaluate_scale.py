"""Evaluate at the scale of a province (issue 15): synthetic plans of 25 indicators.

Every plan and every figure here is SYNTHETIC (named ``synthetic-NNNN``): the Putuo table's
indicators and kinds (data/putuo-14th/plan.csv, 25 indicators and the 4 parts of the composite)
with targets scaled at random, and random yearly figures in each kind's measures (levels, new
amounts, growth rates, parent figures, yearly targets, part-year running totals), some rows
dropped at random so that missing, estimated and blocked indicators are all exercised.

Usage (from the repository root)::

    PYTHONPATH=$PWD/src python3 benchmarks/evaluate_scale.py speed --units 10 100 1000
    PYTHONPATH=$PWD/src python3 benchmarks/evaluate_scale.py capture DIR   # frames → DIR
    PYTHONPATH=$PWD/src python3 benchmarks/evaluate_scale.py compare DIR   # frames == DIR?
    PYTHONPATH=$PWD/src python3 benchmarks/evaluate_scale.py speed --units 100 --draws 2000
    PYTHONPATH=$PWD/src python3 benchmarks/evaluate_scale.py mc-error --units 100 --draws 2000

``--draws N`` is a what-if, not a setting of the package: it sets the number of simulated joint
paths (``forecast.projection.N_DRAWS``, 20,000) for the run, so the numbers are NOT those of
``evaluate()``; ``mc-error`` measures how far they move (Monte-Carlo error against the default).

``capture`` with the old code and ``compare`` with the new one check that the results are
identical (``pandas.testing.assert_frame_equal`` on ``to_frame()``) on the shipped plans at
2023-06-30 and 2026-03-31 and on 100 random synthetic plans at the same dates.
"""

from __future__ import annotations

import argparse
import pickle
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from indicator_forecast import read_observations, read_plan
from indicator_forecast.data import Observations
from indicator_forecast.evaluate import evaluate
from indicator_forecast.plan import Plan

ROOT = Path(__file__).resolve().parents[1]
PUTUO = ROOT / "data" / "putuo-14th" / "plan.csv"
SHIPPED = ("putuo-14th", "national-14th", "national-13th")
DATES = ("2023-06-30", "2026-03-31")


def _fmt(x: float) -> str:
    return str(np.format_float_positional(x, precision=3, fractional=False, trim="-"))


def synthetic_plan(rng: np.random.Generator, name: str) -> Plan:
    """The Putuo table with every target number scaled by a random factor (0.6–1.6)."""
    lines = PUTUO.read_text(encoding="utf-8").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        f = float(rng.uniform(0.6, 1.6))
        cells[4] = re.sub(r"\d+(?:\.\d+)?", lambda m, f=f: _fmt(float(m.group()) * f), cells[4])
        out.append(",".join(cells))
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d) / "plan.csv"
        tmp.write_text("\n".join(out), encoding="utf-8")
        return read_plan(tmp, name=name, jurisdiction="synthetic区", parent="市")


def _series(rng: np.random.Generator, start: float, years: range, drift: float,
            noise: float) -> dict[int, float]:
    v, out = start, {}
    for y in years:
        v = v + drift + noise * float(rng.standard_normal())
        out[y] = round(v, 3)
    return out


def synthetic_observations(rng: np.random.Generator, plan: Plan) -> Observations:
    """Random figures for every indicator of ``plan``, 2016–2025, in its kind's measures."""
    rows: list[dict[str, object]] = []
    p_drop = float(rng.uniform(0.0, 0.25))

    def add(ind_id: str, period: str, value: float, measure: str = "", role: str = "actual",
            note: str = "") -> None:
        if rng.random() < p_drop:
            return
        rows.append(dict(indicator_id=ind_id, period=period, value=value, measure=measure,
                         role=role, source=f"synthetic://{plan.name}/{ind_id}", note=note))

    years = range(2016, 2026)
    for ind in plan.all_indicators():
        i, kind = ind.id, ind.kind
        target = getattr(ind.target, "point", None) or 10.0
        if kind in ("parent_synced", "annual_rate"):
            own = _series(rng, float(rng.uniform(2, 9)), years, 0.0, 1.5)
            for y, v in own.items():
                add(i, str(y), v, "growth_rate")
            add(i, "2023H1", own[2023] + 0.5, "growth_rate")
            if kind == "parent_synced":
                for y, v in own.items():
                    add(i, str(y), round(v + float(rng.normal(0, 1)), 3), "growth_rate",
                        "parent_actual")
        elif kind == "cumulative_total":
            per_year = target / 5 * float(rng.uniform(0.5, 1.4))
            flows = {y: round(max(0.0, per_year * float(rng.uniform(0.5, 1.5))), 3)
                     for y in years}
            for y, v in flows.items():
                if rng.random() < 0.15 and y > 2021:
                    total = sum(flows[k] for k in range(2021, y + 1))
                    add(i, str(y), round(total, 3), "running_total")
                else:
                    add(i, str(y), v, "flow")
            add(i, "2023H1", round(flows[2023] / 2, 3), "flow")
            add(i, "2026H1", round(flows[2025] / 2, 3), "flow")
        elif kind == "parent_assigned":
            measure = "change" if ind.unit == "%" else "level"
            for y in range(2021, 2026):
                t = round(float(rng.uniform(2, 4)) if ind.unit == "%" else target * 1000, 3)
                add(i, str(y), t, measure, "parent_target")
                add(i, str(y), round(t * float(rng.uniform(0.8, 1.2)), 3), measure)
        else:
            base = target * float(rng.uniform(0.6, 1.1))
            step = (target - base) / 5 * float(rng.uniform(0.3, 1.6))
            lv = _series(rng, base - step * 4, years, step, abs(step) * 0.5 + 0.01 * target)
            for y, v in lv.items():
                note = "初步统计" if y == 2025 and rng.random() < 0.2 else ""
                add(i, str(y), v, "level", note=note)
            add(i, "2023H1", lv[2023], "level")
    frame = pd.DataFrame(rows)
    return read_observations(frame, plan)


def synthetic_units(n: int, seed: int = 15) -> Iterator[tuple[str, Plan, Observations]]:
    rng = np.random.default_rng(seed)
    for k in range(n):
        name = f"synthetic-{k:04d}"
        plan = synthetic_plan(rng, name)
        yield name, plan, synthetic_observations(rng, plan)


def shipped() -> Iterator[tuple[str, Plan, Observations]]:
    from indicator_forecast.cli import _read_plan

    for name in SHIPPED:
        folder = ROOT / "data" / name
        plan = _read_plan(str(folder / "plan.csv"), argparse.Namespace())
        yield name, plan, read_observations(folder / "observations.csv", plan)


def cases() -> Iterator[tuple[str, str, Plan, Observations]]:
    for name, plan, obs in [*shipped(), *synthetic_units(100, seed=2023)]:
        for date in DATES:
            yield f"{name}@{date}", date, plan, obs


def cmd_capture(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    frames = {}
    for key, date, plan, obs in cases():
        frames[key] = evaluate(plan, obs, as_of=date, progress=False).to_frame()
    (folder / "frames.pkl").write_bytes(pickle.dumps(frames))
    print(f"{len(frames)} frames written to {folder / 'frames.pkl'}")


def cmd_compare(folder: Path) -> int:
    before = pickle.loads((folder / "frames.pkl").read_bytes())
    bad = 0
    n = 0
    for key, date, plan, obs in cases():
        now = evaluate(plan, obs, as_of=date, progress=False).to_frame()
        n += 1
        try:
            pd.testing.assert_frame_equal(now, before[key], check_exact=True)
        except AssertionError as exc:
            bad += 1
            print(f"DIFFERENT {key}: {str(exc).splitlines()[0:3]}")
    try:
        from indicator_forecast.evaluate.many import evaluate_many
    except ImportError:
        print(f"{n - bad}/{n} frames identical")
        return 1 if bad else 0
    items = [(key, plan, obs) for key, date, plan, obs in cases() if date == DATES[0]]
    many = evaluate_many(items, as_of=DATES[0], progress=False)
    for key, _, _ in items:
        part = many[many["plan"] == key].reset_index(drop=True)
        ref = before[key]
        # Plans differ in which comparison columns they have; the batch frame has all of them,
        # empty where a plan has none, and dtypes widened where plans differ.
        extra = part.drop(columns=["plan", *ref.columns])
        try:
            assert extra.isna().all().all(), f"{key}: extra columns not empty"
            pd.testing.assert_frame_equal(part[ref.columns], ref, check_dtype=False,
                                          check_exact=True)
        except AssertionError as exc:
            bad += 1
            print(f"DIFFERENT evaluate_many {key}: {str(exc).splitlines()[0:3]}")
    print(f"{n - bad}/{n} frames identical (evaluate); evaluate_many checked on "
          f"{len(items)} plans at {DATES[0]}")
    return 1 if bad else 0


def _set_draws(draws: int | None) -> None:
    """The what-if number of simulated paths (None: the package's own, 20,000)."""
    from indicator_forecast.forecast import projection

    if draws is not None:
        projection.N_DRAWS = draws
    projection._COPULAS.clear()  # its key does not hold the number of draws


def cmd_mc_error(n: int, date: str, draws: int) -> None:
    """How far ``draws`` simulated paths move the results from the default's 20,000."""
    from indicator_forecast.evaluate.many import evaluate_many
    from indicator_forecast.forecast import projection

    data = list(synthetic_units(n))
    default = projection.N_DRAWS
    _set_draws(None)
    ref = evaluate_many(data, as_of=date, progress=False)
    _set_draws(draws)
    got = evaluate_many(data, as_of=date, progress=False)
    _set_draws(default)
    both = ref["p_meet"].notna() & got["p_meet"].notna()
    dp = (got["p_meet"] - ref["p_meet"]).abs()[both]
    width = (ref["projected_hi"] - ref["projected_lo"]).abs()
    has = ref["projected_lo"].notna() & (width > 0)
    rel = pd.concat([((got[c] - ref[c]).abs() / width)[has]
                     for c in ("projected_lo", "projected_hi")])
    print(f"{draws} draws against {default}, {len(ref)} indicators of {n} synthetic units at "
          f"{date}:")
    print(f"  |P(meet) difference|: mean {dp.mean():.4f}, 95th pct {dp.quantile(0.95):.4f}, "
          f"max {dp.max():.4f} ({int(both.sum())} indicators, {int((dp > 0).sum())} changed: "
          "the others' probability is read from a distribution that is not simulated)")
    print(f"  |interval bound difference| / interval width: mean {rel.mean():.4f}, 95th pct "
          f"{rel.quantile(0.95):.4f}, max {rel.max():.4f}")
    print(f"  same grade: {(got['grade'] == ref['grade']).mean():.2%}")


def cmd_speed(units: list[int], date: str, many: bool, trace: bool,
              draws: int | None = None) -> None:
    """Time without tracemalloc (it slows Python several times over); memory as max RSS, and
    the peak of traced allocations in a separate run when ``trace``. The CPU time of the
    process is printed beside the wall time: on a shared machine it is the steadier figure."""
    print(f"python {sys.version.split()[0]}, pandas {pd.__version__}, numpy {np.__version__}")
    if draws is not None:
        _set_draws(draws)
        print(f"WHAT-IF: {draws} simulated paths (the package uses 20,000): not evaluate()'s "
              "numbers")
    for n in units:
        data = list(synthetic_units(n))
        n_ind = sum(len(list(p.all_indicators())) for _, p, _ in data)

        def run(data: list[tuple[str, Plan, Observations]] = data) -> None:
            if many:
                from indicator_forecast.evaluate.many import evaluate_many

                evaluate_many(data, as_of=date, progress=False)
            else:
                for _, plan, obs in data:
                    evaluate(plan, obs, as_of=date, progress=False).to_frame()

        t0, c0 = time.perf_counter(), time.process_time()
        run()
        dt_s = time.perf_counter() - t0
        cpu_s = time.process_time() - c0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        peak = float("nan")
        if trace:
            tracemalloc.start()
            run()
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        print(f"units {n:5d}  indicators {n_ind:6d}  {dt_s:8.2f} s  "
              f"{n_ind / dt_s:8.0f} indicators/s  {dt_s / n * 1000:7.1f} ms/unit  "
              f"CPU {cpu_s:8.2f} s ({n_ind / cpu_s:6.0f} indicators per CPU-second)  "
              f"max RSS {rss:7.0f} MiB  peak traced {peak:7.1f} MiB", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("speed")
    s.add_argument("--units", type=int, nargs="+", default=[10, 100, 1000])
    s.add_argument("--as-of", default="2023-06-30")
    s.add_argument("--loop", action="store_true", help="evaluate() per plan, not evaluate_many")
    s.add_argument("--trace", action="store_true", help="also a tracemalloc run for the peak")
    s.add_argument("--draws", type=int, default=None,
                   help="what-if: this many simulated paths instead of 20,000 (numbers differ)")
    e = sub.add_parser("mc-error")
    e.add_argument("--units", type=int, default=100)
    e.add_argument("--as-of", default="2023-06-30")
    e.add_argument("--draws", type=int, required=True)
    c = sub.add_parser("capture")
    c.add_argument("folder", type=Path)
    k = sub.add_parser("compare")
    k.add_argument("folder", type=Path)
    a = ap.parse_args()
    if a.cmd == "speed":
        many = not a.loop
        if many:
            try:
                import indicator_forecast.evaluate.many  # noqa: F401
            except ImportError:
                many = False
        cmd_speed(a.units, a.as_of, many, a.trace, a.draws)
        return 0
    if a.cmd == "mc-error":
        cmd_mc_error(a.units, a.as_of, a.draws)
        return 0
    if a.cmd == "capture":
        cmd_capture(a.folder)
        return 0
    return cmd_compare(a.folder)


if __name__ == "__main__":
    raise SystemExit(main())
