"""The edges of every threshold in classify.classify, on Progress/Outlook objects built by hand."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from indicator_forecast.classify import Outlook, classify
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.progress import Missing, Progress

CFG = EvaluationConfig()
AS_OF = dt.date(2023, 6, 30)


def prog(kind="end_level", completion=0.5, elapsed=0.5, met_now=None, missing=()):
    return Progress(
        "9",
        kind,
        AS_OF,
        completion=completion,
        time_elapsed=elapsed,
        met_now=met_now,
        missing=missing,
    )


def outlook(p):
    return Outlook(
        mean=1.0,
        lo=0.0,
        hi=2.0,
        level=80,
        p_meet=p,
        p_stretch=None,
        model="synthetic",
        model_reason="synthetic",
        what="level",
        quantile=lambda q: q,
        prob_at_least=lambda x: p,
    )


def grade(pr, p, binding=False):
    return classify(pr, None if p is None else outlook(p), binding=binding, config=CFG).grade


def test_defaults_are_the_documented_ones():
    assert (CFG.p_ahead, CFG.p_on_track, CFG.p_unlikely, CFG.ahead_ratio) == (0.9, 0.6, 0.2, 1.2)


AHEAD = prog(completion=0.75, elapsed=0.5)  # pace ratio 1.5 ≥ 1.2
SLOW = prog(completion=0.5, elapsed=0.5)  # pace ratio 1.0


@pytest.mark.parametrize("p, pr, expected", [
    (0.9, AHEAD, "A"),
    (math.nextafter(0.9, 0), AHEAD, "B"),
    (0.9, SLOW, "B"),  # p high enough but not ahead of schedule
    (1.0, SLOW, "B"),
    (0.6, SLOW, "B"),
    (math.nextafter(0.6, 0), SLOW, "C"),
    (0.2, SLOW, "C"),
    (math.nextafter(0.2, 0), SLOW, "D"),
    (0.0, AHEAD, "D"),
])
def test_p_meet_edges(p, pr, expected):
    assert grade(pr, p) == expected


def test_ahead_ratio_edge_exact():
    at = prog(completion=0.6, elapsed=0.5)
    assert at.pace_ratio == 1.2
    assert grade(at, 0.95) == "A"
    below = prog(completion=math.nextafter(0.6, 0), elapsed=0.5)
    assert below.pace_ratio < 1.2
    assert grade(below, 0.95) == "B"


def test_a_when_already_met_without_pace_ratio():
    floor = prog(kind="floor", completion=None, elapsed=0.4, met_now=True)
    assert floor.pace_ratio is None
    assert grade(floor, 0.9) == "A"
    assert grade(prog(kind="floor", completion=None, elapsed=0.4, met_now=False), 0.9) == "B"


def test_binding_cap():
    behind = prog(completion=0.40, elapsed=0.5)  # ratio 0.8 < behind_ratio 0.9
    c = classify(behind, outlook(0.95), binding=True, config=CFG)
    assert c.grade == "C" and c.capped_binding
    assert classify(behind, outlook(0.95), binding=False, config=CFG).grade == "B"
    # exactly on schedule (ratio 1) is not behind, nor is a tenth behind (ratio 0.9, the
    # threshold itself): the cap needs the pace ratio below behind_ratio
    on = prog(completion=0.5, elapsed=0.5)
    assert classify(on, outlook(0.95), binding=True, config=CFG).grade == "B"
    near = prog(completion=0.45, elapsed=0.5)
    assert classify(near, outlook(0.95), binding=True, config=CFG).grade == "B"
    # already C or D is unchanged, not flagged as capped
    d = classify(behind, outlook(0.05), binding=True, config=CFG)
    assert d.grade == "D" and not d.capped_binding


def test_binding_ceiling_not_met_now_is_capped():
    ceiling = prog(kind="ceiling", completion=None, elapsed=0.4, met_now=False)
    c = classify(ceiling, outlook(0.99), binding=True, config=CFG)
    assert c.grade == "C" and c.capped_binding


def test_blocking_missing_gives_insufficient_data_even_with_high_p():
    m = Missing("基期值", "base-year value", ("2020年",), blocking=True)
    pr = prog(completion=0.9, elapsed=0.5, missing=(m,))
    c = classify(pr, outlook(0.99), binding=False, config=CFG)
    assert c.grade == "insufficient_data"
    assert c.p_meet is None


def test_non_blocking_missing_still_graded():
    m = Missing("1-6月新增数", "new amount", ("2023年",), blocking=False)
    pr = prog(completion=0.5, elapsed=0.5, missing=(m,))
    assert grade(pr, 0.7) == "B"


@pytest.mark.parametrize("completion, expected", [
    (0.6, "A"),  # 0.6 / 0.5 = 1.2
    (0.475, "B"),  # 0.95
    (0.474, "C"),
    (0.3, "C"),  # 0.60
    (0.299, "D"),
])
def test_fallback_on_pace_ratio_without_projection(completion, expected):
    assert grade(prog(completion=completion, elapsed=0.5), None) == expected


def test_no_measure_and_no_projection_is_insufficient():
    pr = Progress("9", "end_level", AS_OF)
    assert grade(pr, None) == "insufficient_data"
