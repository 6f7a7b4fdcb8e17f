"""The statistical basis (统计口径) through a round of forms, on the shipped Putuo plan with
SYNTHETIC returns: a previous table's bases are written back, a returned figure lands on the
basis in force, and nothing is duplicated."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicator_forecast import read_observations
from indicator_forecast.collect import collect
from indicator_forecast.plan import Plan

IND = "14"  # a level indicator of the Putuo plan; its forms ask 2016–2022


def _previous(plan: Plan, filled: list[Path], tmp_path: Path, *, drop: str | None) -> Path:
    """A first round's table with indicator IND's years before 2020 on 合成旧口径, from 2020 on
    合成新口径, an overlap row 2020 on 合成旧口径 and (optionally) one period dropped; the
    basis under its Chinese header."""
    first = tmp_path / "round1.csv"
    collect(plan, filled, out=first, collected="2023-07-10")
    df = pd.read_csv(first, dtype=str, keep_default_na=False)
    mine = df["indicator_id"] == IND
    df.loc[mine, "basis"] = [
        "合成旧口径" if int(p) < 2020 else "合成新口径" for p in df.loc[mine, "period"]
    ]
    overlap = df[mine & (df["period"] == "2020")].copy()
    overlap["basis"] = "合成旧口径"
    overlap["value"] = str(float(overlap["value"].iloc[0]) - 1)
    df = pd.concat([df, overlap], ignore_index=True)
    if drop is not None:
        df = df[~(mine.reindex(df.index, fill_value=False) & (df["period"] == drop)
                  & (df["basis"] == "合成新口径"))]
    df = df.rename(columns={"basis": "统计口径"})
    path = tmp_path / "previous.csv"
    df.to_csv(path, index=False, encoding="utf-8-sig")
    return path


def _bases(path: Path) -> list[tuple[str, str]]:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows = df[df["indicator_id"] == IND]
    return sorted(zip(rows["period"], rows["basis"], strict=True))


EXPECTED = sorted(
    [(str(y), "合成旧口径") for y in range(2016, 2021)]
    + [(str(y), "合成新口径") for y in range(2020, 2023)]
)


def test_the_bases_of_the_previous_table_are_written_back(
    plan: Plan, filled: list[Path], tmp_path: Path
) -> None:
    prev = _previous(plan, filled, tmp_path, drop=None)
    out = tmp_path / "round2.csv"
    res = collect(plan, filled, out=out, previous=prev, collected="2023-07-20")
    assert res.ok, str(res.problems)
    assert len(res.reminders) == 0
    # the same returns again: every figure credited, none replaced, none added
    assert res.changes == []
    assert len(res.observations) == len(pd.read_csv(prev, dtype=str))
    assert _bases(out) == EXPECTED
    # and the table reads back with its bases
    recs = read_observations(out, plan).records(IND)
    assert sorted((str(r.year), r.basis) for r in recs) == EXPECTED


def test_a_returned_figure_lands_on_the_basis_in_force(
    plan: Plan, filled: list[Path], tmp_path: Path
) -> None:
    prev = _previous(plan, filled, tmp_path, drop="2021")
    df0 = pd.read_csv(prev, dtype=str, keep_default_na=False)
    assert not ((df0["indicator_id"] == IND) & (df0["period"] == "2021")).any()
    out = tmp_path / "round2.xlsx"
    res = collect(plan, filled, out=out, previous=prev, collected="2023-07-20")
    assert res.ok, str(res.problems)
    df = res.observations
    got = df[(df["indicator_id"] == IND) & (df["period"] == "2021")]
    # the latest figure held (2022) is on 合成新口径, so the returned 2021 is too
    assert got["basis"].tolist() == ["合成新口径"]
    recs = read_observations(out, plan).records(IND)
    assert sorted((str(r.year), r.basis) for r in recs) == EXPECTED


def test_a_gap_among_an_earlier_basis_is_filled_on_that_basis(
    plan: Plan, filled: list[Path], tmp_path: Path
) -> None:
    # 2018 is not held (2016, 2017, 2019 on 合成旧口径, 2020 on both, 2021-2022 on 合成新口径):
    # the returned 2018 goes on 合成旧口径, the basis of the next year held, so the earlier
    # basis does not resume after a figure on the later one.
    prev = _previous(plan, filled, tmp_path, drop=None)
    df0 = pd.read_csv(prev, dtype=str, keep_default_na=False)
    df0 = df0[~((df0["indicator_id"] == IND) & (df0["period"] == "2018"))]
    df0.to_csv(prev, index=False, encoding="utf-8-sig")
    out = tmp_path / "round2.csv"
    res = collect(plan, filled, out=out, previous=prev, collected="2023-07-20")
    assert res.ok, str(res.problems)
    df = res.observations
    got = df[(df["indicator_id"] == IND) & (df["period"] == "2018")]
    assert got["basis"].tolist() == ["合成旧口径"]
    assert _bases(out) == EXPECTED
