"""Snapshots of the shipped plans' result frames, at several moments of their lives.

The frame is every number, code and reason the evaluation produces; a refactor must leave every
text cell identical and every number equal to 1e-12 relative (the last binary digits of a float
differ between maths libraries), and a deliberate change shows here as a diff to read.
Regenerate with ``UPDATE_SNAPSHOTS=1 python3 -m pytest tests/evaluate/test_frame_snapshot.py``
after a deliberate change, and say in the commit which numbers moved and why.
"""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicator_forecast import evaluate, read_observations, read_plan_folder

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = Path(__file__).parent / "snapshots"

CASES = [
    ("national-14th", "2022-06-30"),
    ("national-14th", "2023-06-30"),
    ("national-14th", "2026-06-30"),
    ("putuo-14th", "2023-06-30"),
    ("national-13th", "2018-06-30"),
    ("national-13th", "2016-12-31"),
    ("national-13th", "2016-06-30"),
]


def _frame_text(plan_dir: str, as_of: str, lang: str) -> str:
    folder = ROOT / "data" / plan_dir
    plan = read_plan_folder(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        obs = read_observations(folder / "observations.csv", plan)
        ev = evaluate(plan, obs, as_of=as_of, progress=False)
    return str(ev.to_frame(lang=lang).to_csv(index=False, lineterminator="\n"))


@pytest.mark.parametrize(("plan_dir", "as_of"), CASES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_frame_snapshot(plan_dir: str, as_of: str, lang: str) -> None:
    text = _frame_text(plan_dir, as_of, lang)
    path = SNAPSHOTS / f"frame_{plan_dir}_{as_of}_{lang}.csv"
    if os.environ.get("UPDATE_SNAPSHOTS") or not path.exists():
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    stored = path.read_text(encoding="utf-8")
    if text == stored:
        return
    new, old = (pd.read_csv(io.StringIO(t), dtype=str, keep_default_na=False)
                for t in (text, stored))
    assert list(new.columns) == list(old.columns) and new.shape == old.shape, path.name
    changed = []
    for col in new.columns:
        a, b = new[col], old[col]
        if a.equals(b):
            continue
        x, y = pd.to_numeric(a, errors="coerce"), pd.to_numeric(b, errors="coerce")
        same_text = (a == b) | (x.notna() & y.notna())
        close = np.isclose(x, y, rtol=1e-12, atol=0) | (a == b)
        if not (same_text & close).all():
            changed.append(col)
    assert not changed, (
        f"{path.name} changed in {changed}: diff the new frame against the snapshot and, if the "
        "change is deliberate, regenerate with UPDATE_SNAPSHOTS=1"
    )
