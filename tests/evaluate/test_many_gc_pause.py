"""evaluate_many pauses the cyclic garbage collector (issue 15, branch scale4).

Without ``on_evaluation`` the whole batch runs with the collector paused; that is only sound
if an evaluation leaves no reference cycles behind, which is checked here. With
``on_evaluation`` the caller's function runs with the collector as the caller had it. Plans and
figures are SYNTHETIC (the generator of benchmarks/evaluate_scale.py). Speed is measured in
benchmarks/evaluate_scale.py, never here.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from conftest import scale_bench

from indicator_forecast.evaluate import evaluate
from indicator_forecast.evaluate.many import evaluate_many


@pytest.fixture(scope="module")
def synthetic() -> list[tuple[str, Any, Any]]:
    return list(scale_bench().synthetic_units(4, seed=91))


@pytest.fixture
def gc_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_batch_leaves_no_reference_cycles(synthetic, gc_restored) -> None:
    evaluate_many(synthetic[:1], as_of="2023-06-30", progress=False)  # caches warmed
    gc.collect()
    gc.disable()
    frame = evaluate_many(synthetic, as_of="2023-06-30", progress=False)
    del frame
    assert gc.collect() == 0  # nothing unreachable: the pause keeps no garbage back


@pytest.mark.parametrize("enabled", [True, False])
def test_collector_restored_and_on_during_callback(synthetic, gc_restored, enabled) -> None:
    gc.enable() if enabled else gc.disable()
    states: list[bool] = []
    frame = evaluate_many(synthetic, as_of="2023-06-30", progress=False,
                          on_evaluation=lambda name, ev: states.append(gc.isenabled()))
    assert states == [enabled] * len(synthetic)
    assert gc.isenabled() is enabled
    plain = evaluate_many(synthetic, as_of="2023-06-30", progress=False)
    assert gc.isenabled() is enabled
    pd.testing.assert_frame_equal(frame, plain, check_exact=True)
    one = evaluate(synthetic[2][1], synthetic[2][2], as_of="2023-06-30", progress=False)
    part = plain[plain["plan"] == synthetic[2][0]].drop(columns="plan").reset_index(drop=True)
    pd.testing.assert_frame_equal(part, one.to_frame(), check_exact=True, check_dtype=False)
