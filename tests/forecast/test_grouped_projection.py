"""Projections made together (``forecast._grouping``) equal the same projections made alone.

The reference is the unbatched engine: :func:`project_series` and :func:`project_amounts`, one
series at a time with one-row kernel calls. Every series here is SYNTHETIC (random walks from a
seeded generator and a few hand-written ones): every measure, every kind of quantity, lengths
2 to 10, part years, gaps and failures. Equality is exact, field by field, bit for bit.
"""

from __future__ import annotations

import dataclasses
import warnings
from typing import Any

import numpy as np
import pytest

from indicator_forecast.exceptions import ProjectionError, ShortSeriesWarning
from indicator_forecast.forecast import _grouping as G
from indicator_forecast.forecast import projection as P
from indicator_forecast.forecast.distribution import Predictive
from indicator_forecast.forecast.priors import NATURES


def same(a: Any, b: Any, where: str = "") -> None:
    """Exact equality of projections, distributions, arrays and plain values."""
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        assert type(a) is type(b), where
        for f in dataclasses.fields(a):
            same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, np.ndarray):
        assert isinstance(b, np.ndarray) and a.dtype == b.dtype and a.shape == b.shape, where
        assert np.array_equal(a, b, equal_nan=True), where
        # same bits (also tells -0.0 from 0.0)
        assert a.tobytes() == b.tobytes(), where
    elif isinstance(a, float):
        assert isinstance(b, float) and (a == b or (a != a and b != b)), where
    else:
        assert a == b, where


def alone(fn: Any, *args: Any, **kw: Any) -> tuple[Any, tuple[str, ...]]:
    """The unbatched projection, its error and its short-series warnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ShortSeriesWarning)
        try:
            out: Any = fn(*args, **kw)
        except ProjectionError as exc:
            out = exc
    return out, tuple(str(w.message) for w in caught)


def together(steps: list[Any]) -> list[tuple[Any, tuple[str, ...]]]:
    ran = G.run_grouped(steps)
    return [(r.error if r.error is not None else r.result,
             tuple(str(w.message) for w in r.caught)) for r in ran]


def synthetic_cases(seed: int = 7) -> list[tuple[str, np.ndarray, np.ndarray, dict[str, Any]]]:
    """(kind, years, values, keyword arguments) of SYNTHETIC series of every sort."""
    rng = np.random.default_rng(seed)
    cases: list[tuple[str, np.ndarray, np.ndarray, dict[str, Any]]] = []
    natures = [None, *NATURES.values()]
    for n in range(2, 11):
        for _ in range(6):
            years = np.arange(2025 - n - 1, 2025 - 1)  # last year 2023
            nature = natures[int(rng.integers(len(natures)))]
            level = 50 + np.cumsum(rng.normal(0.5, 2.0, n))
            if nature is not None and nature.bounds is not None:
                level = np.clip(level, 1, 99)
            partial = (P.Partial(year=2024, months=6, value=float(level[-1] + rng.normal()))
                       if rng.random() < 0.4 else None)
            sc = ["level", "history_scale"][int(rng.integers(2))]
            cases.append(("series", years, level, dict(
                target_year=2025 + int(rng.integers(0, 3)), measure="level", partial=partial,
                series_class=sc, nature=nature, level=(80, 95))))
            rates = rng.normal(6, 1.5, n)
            gpartial = P.Partial(year=2024, months=3, value=5.0) if rng.random() < 0.3 else None
            cases.append(("series", years, rates, dict(
                target_year=2025, measure="growth_rate", partial=gpartial)))
            amounts = np.abs(rng.normal(10, 3, n))
            if rng.random() < 0.3:
                amounts = np.sort(amounts)[:: 1 if rng.random() < 0.5 else -1]  # a trend
            apartial = P.Partial(year=2024, months=6, value=4.0) if rng.random() < 0.4 else None
            cases.append(("amounts", years, amounts, dict(
                target_year=2025, partial=apartial,
                series_class=["running_total", "level"][int(rng.integers(2))],
                follow_trend=bool(rng.random() < 0.8))))
            cases.append(("series", years, np.cumsum(amounts), dict(
                target_year=2025, measure=["flow", "running_total"][int(rng.integers(2))])))
            method = ["default", "naive", "drift", "damped", "escap", "linear", "theta",
                      "combo(damped_fixed,drift)", "loglinear"][int(rng.integers(9))]
            cases.append(("series", years, level, dict(target_year=2026, method=method)))
    # hand-written: a gap, an unsorted series, missing values, too short, flat histories
    cases += [
        ("series", np.array([2019, 2020, 2022]), np.array([1.0, 2.0, 4.0]), {}),
        ("series", np.array([2022, 2020, 2021]), np.array([3.0, 1.0, 2.0]), {}),
        ("series", np.array([2020, 2021, 2022]), np.array([1.0, np.nan, 2.0]), {}),
        ("series", np.array([2022]), np.array([1.0]), {}),
        ("series", np.array([2021, 2022]), np.array([5.0, 7.0]),
         dict(measure="running_total")),
        ("series", np.array([2020, 2021, 2022]), np.array([2.0, 2.0, 2.0]),
         dict(series_class="history_scale", nature=NATURES["share"])),
        ("series", np.array([2021, 2022]), np.array([30.0, 31.0]),
         dict(series_class="history_scale", nature=NATURES["demographic"])),
        ("amounts", np.array([2021, 2022, 2023]), np.array([5.0, 3.7, 3.1]), {}),
        ("amounts", np.array([2022]), np.array([5.0]), {}),
    ]
    return cases


def steps_of(kind: str, years: np.ndarray, values: np.ndarray, kw: dict[str, Any]) -> Any:
    if kind == "amounts":
        return P.amounts_steps(years, values, together=True, **kw)
    return P.series_steps(years, values, **kw)


def test_together_equals_alone_on_every_kind_of_series(monkeypatch: Any) -> None:
    cases = synthetic_cases()
    ref = [alone(P.project_amounts if k == "amounts" else P.project_series, y, v, **kw)
           for k, y, v, kw in cases]
    sizes: list[tuple[str, int]] = []
    answer_group = G.answer_group

    def spy(reqs: Any) -> Any:
        sizes.append((reqs[0].method, len(reqs)))
        return answer_group(reqs)

    monkeypatch.setattr(G, "answer_group", spy)
    got = together([steps_of(*c) for c in cases])
    # stacked calls of several rows were made, for stackable methods and for the others
    assert any(n > 3 and G._stackable(m) for m, n in sizes)
    assert any(n > 1 and not G._stackable(m) for m, n in sizes)
    assert any(m == "revert" and n > 1 for m, n in sizes)
    kinds = set()
    for (r, rw), (g, gw), c in zip(ref, got, cases, strict=True):
        if isinstance(r, ProjectionError):
            assert isinstance(g, ProjectionError) and str(g) == str(r)
            kinds.add("error")
        else:
            same(r, g, f"{c[0]} {c[1].tolist()} {c[3]}")
            kinds.add(type(r).__name__)
        assert gw == rw
    assert kinds == {"error", "SeriesProjection", "AmountsProjection"}
    # the short series' fall-backs are among them, and so are several series per kernel call
    assert any(w for _, w in ref)


def test_trending_amounts_ask_for_both_kernels_at_once() -> None:
    steps = P.amounts_steps(np.array([2021, 2022, 2023]), np.array([5.0, 3.7, 3.1]),
                            target_year=2025, together=True)
    first = next(steps)
    # the running total of 3 amounts (4 points), then the same differenced into its 3 flows
    assert [r.y.size for r in first] == [4, 3]
    steps.close()


@pytest.mark.parametrize("method", ["naive", "drift", "damped", "damped_fixed",
                                    "combo(damped_fixed,drift)", "revert"])
def test_stacked_kernels_equal_one_row_calls(method: str) -> None:
    rng = np.random.default_rng(3)
    for n in range(2, 13):
        for h in (0, 1, 3):
            reqs = [G.KernelRequest(method, 0.9 if method == "revert" else None,
                                    rng.normal(0, 10, n) * rng.choice([1e-3, 1, 1e4]), h, True)
                    for _ in range(40)]
            for (s1, m1, b1), (s2, m2, b2) in zip(
                    G.answer_group(reqs), [G.answer_one(r) for r in reqs], strict=True):
                assert s1 == s2 and b1 == b2
                assert m1.tobytes() == m2.tobytes() and m1.shape == (h,)


def test_a_warning_in_a_kernel_is_recorded_with_its_own_series() -> None:
    # a running total whose flows overflow: numpy warns in the stacked call; made again row by
    # row, the warning goes to that series only
    big = np.array([0.0, 1e308, -1e308, 1e308])
    ok = np.array([1.0, 2.0, 3.0, 4.0])
    steps = [P.series_steps(np.arange(2020, 2024), v, target_year=2025, method="drift")
             for v in (ok, big, ok)]
    ran = G.run_grouped(steps)
    assert [bool(r.caught) for r in ran] == [False, True, False]
    assert all(issubclass(w.category, RuntimeWarning) for w in ran[1].caught)
    same(ran[0].result, P.project_series(np.arange(2020, 2024), ok, target_year=2025,
                                         method="drift"))


def test_clean_fast_path_gives_what_the_general_path_gives(monkeypatch: Any) -> None:
    years = [2018, 2019, 2020, 2021]
    values = [1.5, -0.0, 2.25, 3.0]
    fast = P._clean(years, values)
    already = P._clean_already
    monkeypatch.setattr(P, "_clean_already", lambda *a: False)
    slow = P._clean(years, values)
    assert fast[2] == slow[2] == []
    for a, b in zip(fast[:2], slow[:2], strict=True):
        assert a.dtype == b.dtype and a.tobytes() == b.tobytes()
    # hand-checked: whole consecutive years only; anything else is cleaned as before
    assert already([2018.0, 2019.0], [1.0, 2.0])
    assert not already([2018.0, 2020.0], [1.0, 2.0])
    assert not already([2018.5, 2019.5], [1.0, 2.0])
    assert not already([2019.0, 2018.0], [1.0, 2.0])
    assert not already([2018.0, 2019.0], [1.0, float("nan")])
    assert not already([2018.0], [1.0])


def test_path_rows_are_the_distributions_bounds() -> None:
    from indicator_forecast.evaluate._outlook import _path

    proj = P.project_series([2019, 2020, 2021, 2022], [1.0, 2.5, 2.0, 4.0], target_year=2025)
    d: Predictive = proj.distribution
    rows = _path(d, 80, 95)
    ref = tuple(
        (int(y), float(m), float(a), float(b), float(c), float(e))
        for y, m, a, b, c, e in zip(d.periods, d.mean, d.lo(80), d.hi(80), d.lo(95), d.hi(95),
                                    strict=True)
    )
    assert rows == ref
    assert [type(x) for x in rows[0]] == [int] + [float] * 5
    assert [r[0] for r in rows] == [2023, 2024, 2025]


def test_project_many_is_project_series_and_project_amounts_of_each() -> None:
    from indicator_forecast.forecast import project_many

    calls = [dict(years=[2019, 2020, 2021, 2022], values=[1.0, 2.0, 3.0, 4.5]),
             dict(years=[2018, 2019, 2020, 2021, 2022], values=[3.0, 2.0, 2.5, 4.0, 4.1],
                  measure="growth_rate", target_year=2026),
             dict(years=[2022], values=[1.0])]
    got = project_many(calls)
    for c, g in zip(calls, got, strict=True):
        ref, warned = alone(P.project_series, **c)
        if isinstance(ref, ProjectionError):
            assert g.result is None and str(g.error) == str(ref)
        else:
            same(ref, g.result)
            assert tuple(str(w.message) for w in g.caught) == warned
    # 4 points: damped_fixed needs 5, so the default fell back to drift, with a warning
    assert got[0].result.model == "drift" and got[0].caught
    acalls = [dict(years=[2021, 2022, 2023], amounts=[5.0, 3.7, 3.1]),
              dict(years=[2021, 2022], amounts=[5.0, 6.0], partial=P.Partial(2023, 6, 2.0))]
    for c, g in zip(acalls, project_many(acalls, amounts=True), strict=True):
        same(alone(P.project_amounts, **c)[0], g.result)


def test_a_nowcast_of_amounts_is_not_called_a_reading() -> None:
    part = P.Partial(2023, 6, 2.0)
    level = P.project_series([2021, 2022], [5.0, 6.0], partial=part, target_year=2025)
    assert any("reading after 6 months" in n for n in level.notes)
    flows = P.project_amounts([2021, 2022], [5.0, 6.0], partial=part, target_year=2025)
    # hand-worked: running total 0, 5, 11; nowcast 2.0 / 0.5 = 4, so 15 in 2023; four points
    # leave drift alone in the default combination: slope (15 - 0) / 3 = 5 a year
    assert flows.running.notes == ()
    assert flows.running.mean.tolist() == [15.0, 20.0, 25.0]
