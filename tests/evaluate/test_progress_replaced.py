"""compute_progress fills the plan years into the kind's record by copying its fields, not by
``dataclasses.replace`` (issue 15, speed): the record must be the one ``replace`` makes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from indicator_forecast.progress import Missing, Progress, _replaced


def test_replaced_is_dataclasses_replace() -> None:
    pr = Progress("3", "level", dt.date(2023, 6, 30), midterm_value=1.5,
                  missing=(Missing("2022年数据", "2022 figure", ("2022年",), True),),
                  notes=("synthetic",), threshold=2.0)
    changes = {"base_year": 2015, "target_year": 2020, "direction": "lower", "threshold": None}
    got = _replaced(pr, **changes)
    want = dataclasses.replace(pr, **changes)
    assert got == want and type(got) is Progress
    assert (got.base_year, got.target_year, got.direction, got.threshold) == (
        2015, 2020, "lower", None)
    assert got.missing is pr.missing and got.midterm_value == 1.5
    assert pr.base_year == 2020 and pr.threshold == 2.0  # the original is unchanged
    with pytest.raises(dataclasses.FrozenInstanceError):
        got.base_year = 2016  # type: ignore[misc]
    with pytest.raises(TypeError, match="no field 'year'"):
        _replaced(pr, year=2021)
