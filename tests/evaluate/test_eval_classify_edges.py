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


def _level(values, completion, *, midterm, expected):
    """A level series 2018–2022 (base 2020), k = 2 plan years, hand-built (synthetic)."""
    from indicator_forecast.data.periods import Period
    from indicator_forecast.progress import SeriesInput

    return Progress(
        "9", "end_level", AS_OF, completion=completion, time_elapsed=0.4,
        midterm_value=midterm, midterm_period=Period(2022), expected_value=expected,
        series=SeriesInput(years=(2018, 2019, 2020, 2021, 2022), values=values, measure="level"),
    )  # fmt: skip


def test_binding_cap_needs_a_shortfall_beyond_the_series_noise():
    """18.4. Target 110 from 100 (2020) in 2025: the path says 104 in 2022, the figure is 103
    (completion 0.3 at time 0.4: pace 0.75 < 0.9). Shortfall 1.
    Steady series 96, 98, 100, 101, 103: changes 2, 2, 1, 2, sd 0.5, noise 0.5·√2 = 0.707 < 1:
    behind beyond its noise → capped at C.
    Rough series 92, 99, 100, 98, 103: changes 7, 1, −2, 5, sd √(48.75/3) = 4.03, noise 5.70 ≥ 1:
    the shortfall is ordinary variation → not capped, and the note says so."""
    steady = _level((96.0, 98.0, 100.0, 101.0, 103.0), 0.3, midterm=103.0, expected=104.0)
    c = classify(steady, outlook(0.95), binding=True, config=CFG)
    assert c.grade == "C" and c.capped_binding
    assert "shortfall 1 > 1 × noise 0.707" in c.rule
    rough = _level((92.0, 99.0, 100.0, 98.0, 103.0), 0.3, midterm=103.0, expected=104.0)
    c = classify(rough, outlook(0.95), binding=True, config=CFG)
    assert c.grade == "B" and not c.capped_binding
    assert "within 1 × the series' noise 5.7" in c.rule
    assert any("属正常波动" in zh and "ordinary variation" in en for zh, en in c.notes)
    # the multiple is configuration: 0 caps on the pace alone, 0.1 lets even the rough one cap
    for m in (0, 0.1):
        cfg = EvaluationConfig(binding_noise_multiple=m)
        assert classify(rough, outlook(0.95), binding=True, config=cfg).grade == "C"
    # too short to know the noise (one change): the cap applies as written
    short = _level((100.0, 103.0), 0.3, midterm=103.0, expected=104.0)
    short = Progress(**{**short.__dict__, "series": short.series.__class__(
        years=(2020, 2022), values=(100.0, 103.0), measure="level")})
    assert classify(short, outlook(0.95), binding=True, config=CFG).capped_binding


def test_binding_cap_noise_of_an_average_rate_shrinks_with_the_years():
    """An average rate's noise is sd/√k: rates 5.0, 6.0 (sd 0.707) over k = 2 give 0.5, so a
    realised 5.5 against a 6.0 target (shortfall 0.5, pace 0.8 set by the kind) is within it;
    rates 5.3, 5.7 (sd 0.283, noise 0.2) are not."""
    from indicator_forecast.data.periods import Period
    from indicator_forecast.progress import SeriesInput

    def rate(values):
        return Progress(
            "9", "annual_rate", AS_OF, time_elapsed=0.4, pace=0.8, midterm_value=5.5,
            midterm_period=Period(2022), expected_value=6.0,
            series=SeriesInput(years=(2021, 2022), values=values, measure="growth_rate"),
        )  # fmt: skip

    assert not classify(rate((5.0, 6.0)), outlook(0.95), binding=True, config=CFG).capped_binding
    assert classify(rate((5.3, 5.7)), outlook(0.95), binding=True, config=CFG).capped_binding


def test_a_floor_not_yet_reached_is_judged_on_its_path_not_as_a_breach():
    """Air quality in the 13th plan: base 76.7 (2015), floor ＞80 in 2020, 78.8 in 2016. The path
    says 76.7 + 3.3/5 = 77.36 in 2016: 1.44 ahead, so not behind although below the line yet.
    A ceiling met at the base year and breached now (5.2 → 5.6 against ＜5.5) is a breach:
    capped."""
    from indicator_forecast.data.periods import Period
    from indicator_forecast.progress import SeriesInput

    floor = Progress(
        "11", "floor", AS_OF, completion=0.64, time_elapsed=0.2, met_now=False, baseline=76.7,
        threshold=80.0, expected_value=77.36, midterm_value=78.8, midterm_period=Period(2016),
        base_year=2015, target_year=2020,
        series=SeriesInput(years=(2015, 2016), values=(76.7, 78.8), measure="level"),
    )  # fmt: skip
    c = classify(floor, outlook(0.96), binding=True, config=CFG)
    assert not c.capped_binding and c.grade == "B"  # B: one plan year only, no A yet
    assert "ahead of the straight path (by 1.44)" in c.rule
    ceiling = Progress(
        "8", "ceiling", AS_OF, time_elapsed=0.4, met_now=False, baseline=5.2, threshold=5.5,
        expected_value=5.5, midterm_value=5.6, midterm_period=Period(2022), direction="lower",
        series=SeriesInput(years=(2020, 2021, 2022), values=(5.2, 5.1, 5.6), measure="level"),
    )  # fmt: skip
    c = classify(ceiling, outlook(0.95), binding=True, config=CFG)
    assert c.capped_binding and c.capped_on == "line" and c.grade == "C"


@pytest.mark.parametrize(
    ("p", "expected_grade", "shown"),
    [(0.597, "C", "P(meet)=0.597 < 0.6"), (0.6, "B", "P(meet)=0.60 ≥ 0.6"),
     (0.45, "C", "P(meet)=0.45 < 0.6"), (0.19996, "D", "P(meet)=0.19996 < 0.2")],
)
def test_rule_never_prints_a_probability_equal_to_the_threshold_it_misses(
    p, expected_grade, shown
):
    # 0.597 rounds to 0.60: "P(meet)=0.60 < 0.6" contradicted itself.
    c = classify(prog(), outlook(p), binding=False, config=CFG)
    assert c.grade == expected_grade
    assert shown in c.rule
