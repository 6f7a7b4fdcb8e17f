"""hypothesis properties of evaluate on SYNTHETIC plans (kept small: each runs the projection
engine)."""

from __future__ import annotations

from conftest import synthetic_observations, synthetic_plan
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from indicator_forecast.evaluate import evaluate

ORDER = {"A": 0, "B": 1, "C": 2, "D": 3}
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _num(x: float) -> str:
    return f"{x:.12g}"


def _end_level(target, baseline, v2021, v2022, k=1.0, attr="预期性"):
    plan = synthetic_plan(
        [("1", "合成指标", "件", _num(target * k), "合成部门", attr, _num(baseline * k))]
    )
    obs = synthetic_observations(plan, [
        ("1", "2021", v2021 * k, "件", "level", "actual"),
        ("1", "2022", v2022 * k, "件", "level", "actual"),
    ])
    return evaluate(plan, obs, as_of="2023-06-30", progress=False)["1"]


def test_better_latest_value_concrete_case():
    # base 10, target 20; 2021 = 13.75. Raising 2022 from 14.38 to 14.69 is strictly better
    # (completion 0.438 -> 0.469, pace ratio 1.095 -> 1.172) and must not lower the grade.
    # This pair once gave B then C: the calibration bin was read off the whole window
    # (roughness 3.12/2.19 = 1.42 -> bin 3, then 2.81/2.345 = 1.198 -> bin 2).
    lo = _end_level(20, 10, 13.75, 14.38)
    hi = _end_level(20, 10, 13.75, 14.69)
    assert hi.progress.completion > lo.progress.completion
    assert hi.outlook.mean > lo.outlook.mean
    assert hi.outlook.p_meet >= lo.outlook.p_meet - 1e-9
    assert ORDER[hi.grade] <= ORDER[lo.grade]


@SETTINGS
@example(base=10, gain=1.0, first=0.375, latest=0.4375, extra=0.03125, binding=False)
@given(
    base=st.integers(10, 100),
    gain=st.floats(0.2, 1.5),
    first=st.floats(-0.2, 0.6),
    latest=st.floats(-0.3, 1.2),
    extra=st.floats(0.01, 0.5),
    binding=st.booleans(),
)
def test_better_latest_value_never_worse_grade(base, gain, first, latest, extra, binding):
    target = round(base * (1 + gain))
    d = target - base
    v2021 = round(base + first * d, 2)
    assume(v2021 != base)  # an unchanging history uses the whole window (stated in the README)
    lo = round(base + latest * d, 2)
    hi = round(lo + extra * d, 2)
    attr = "约束性" if binding else "预期性"
    r_lo = _end_level(target, base, v2021, lo, attr=attr)
    r_hi = _end_level(target, base, v2021, hi, attr=attr)
    g_lo, g_hi = r_lo.grade, r_hi.grade
    assert g_lo in ORDER and g_hi in ORDER
    assert ORDER[g_hi] <= ORDER[g_lo], (target, base, v2021, lo, hi, g_lo, g_hi)
    # P(meet) itself rises with the latest value wherever it can matter for the grade. Far
    # below the target (more than n-1+h scales away) a latest value that returns towards the
    # earlier trend shrinks the scale faster than it moves the forecast, so an already small
    # probability may dip; the README and the evaluation docs say so.
    if r_lo.outlook.p_meet >= r_lo.config.p_unlikely:
        assert r_hi.outlook.p_meet >= r_lo.outlook.p_meet - 1e-9, (target, base, v2021, lo, hi)


def _long_end_level(target, history, latest, attr="预期性", lower_is_better=False):
    # 2015..2021 history plus the 2022 value; base year 2020 is history[5].
    name = "合成死亡率" if lower_is_better else "合成水平"
    rows = [("1", name, "件", _num(target), "合成部门", attr, _num(history[5]))]
    plan = synthetic_plan(rows)
    vals = list(history) + [latest]
    obs = synthetic_observations(plan, [
        ("1", str(2015 + i), v, "件", "level", "actual") for i, v in enumerate(vals)
    ])
    return evaluate(plan, obs, as_of="2023-06-30", progress=False)["1"]


@SETTINGS
@given(
    steps=st.lists(st.floats(-0.5, 2.0), min_size=6, max_size=6),
    latest=st.floats(-1.0, 3.0),
    extra=st.floats(0.02, 1.0),
    gain=st.floats(3.0, 12.0),
    binding=st.booleans(),
)
def test_better_latest_value_never_worse_grade_long_history(steps, latest, extra, gain, binding):
    # Eight yearly values, so the default combination (damped trend + drift) is used.
    hist = [50.0]
    for d in steps:
        hist.append(round(hist[-1] + d, 2))
    hist = hist[:7]
    target = round(hist[5] + gain, 1)
    lo = round(hist[-1] + latest, 2)
    hi = round(lo + extra, 2)
    attr = "约束性" if binding else "预期性"
    r_lo = _long_end_level(target, hist, lo, attr)
    r_hi = _long_end_level(target, hist, hi, attr)
    assert r_lo.grade in ORDER and r_hi.grade in ORDER
    assert ORDER[r_hi.grade] <= ORDER[r_lo.grade], (hist, target, lo, hi, r_lo.grade, r_hi.grade)


@SETTINGS
@given(
    base=st.integers(10, 100),
    gain=st.floats(0.1, 1.0),
    first=st.floats(-0.2, 0.8),
    latest=st.floats(-0.2, 1.2),
    k=st.sampled_from([0.01, 0.37, 2.5, 10.0, 1000.0]),
)
def test_unit_rescaling_leaves_grade_and_p_unchanged(base, gain, first, latest, k):
    target = round(base * (1 + gain))
    d = target - base
    v2021 = round(base + first * d, 2)
    v2022 = round(base + latest * d, 2)
    r1 = _end_level(target, base, v2021, v2022)
    rk = _end_level(target, base, v2021, v2022, k=k)
    assert r1.grade == rk.grade, (k, r1.grade, rk.grade)
    assert r1.progress.completion is not None
    assert abs(r1.progress.completion - rk.progress.completion) < 1e-9
    assert (r1.outlook is None) == (rk.outlook is None)
    if r1.outlook is not None:
        assert abs(r1.outlook.p_meet - rk.outlook.p_meet) <= 0.02


@SETTINGS
@given(
    base=st.floats(1, 50),
    v=st.lists(st.floats(1, 80), min_size=4, max_size=4),
    k=st.sampled_from([0.1, 3.0, 100.0]),
)
def test_cumulative_rescaling(base, v, k):
    def run(k):
        plan = synthetic_plan(
            [("1", "合成新增数", "个", f"累计 {_num(1400 * k)}", "合成部门", "预期性", None)]
        )
        obs = synthetic_observations(
            plan,
            [
                ("1", "2019", v[0] * k, "个", "flow", "actual"),
                ("1", "2020", v[1] * k, "个", "flow", "actual"),
                ("1", "2021", v[2] * k * 10, "个", "flow", "actual"),
                ("1", "2022", v[3] * k * 10, "个", "flow", "actual"),
                ("1", "2023H1", base * k * 5, "个", "flow", "actual"),
            ],
        )
        return evaluate(plan, obs, as_of="2023-06-30", progress=False)["1"]
    r1, rk = run(1.0), run(k)
    assert r1.grade == rk.grade
    if r1.outlook is not None:
        assert abs(r1.outlook.p_meet - rk.outlook.p_meet) <= 0.02


# Complete synthetic data for several kinds, and which rows a conclusion cannot do without.
CASES = {
    "end_level": (
        ("1", "合成水平", "件", "16", "合成部门", "预期性", None),
        [
            ("1", "2020", 8, "件", "level", "actual"),
            ("1", "2021", 10, "件", "level", "actual"),
            ("1", "2022", 12, "件", "level", "actual"),
        ],
        [],
    ),  # the base-year value may be missing: progress is measured from 2021 (issue 18.5)
    "cumulative_total": (
        ("1", "合成新增", "亿元", "累计 1400", "合成部门", "预期性", None),
        [
            ("1", "2021", 300, "亿元", "flow", "actual"),
            ("1", "2022", 250, "亿元", "flow", "actual"),
            ("1", "2023H1", 100, "亿元", "flow", "actual"),
        ],
        [],
    ),  # a missing year is estimated and marked, or moves the position back (issue 18.5)
    "annual_rate": (
        ("1", "合成收入增长率", "%", "3-5", "合成部门", "预期性", None),
        [
            ("1", "2021", 6, "%", "growth_rate", "actual"),
            ("1", "2022", 2, "%", "growth_rate", "actual"),
        ],
        [0, 1],
    ),
    "parent_synced": (
        ("1", "合成增长率", "%", "与市保持同步", "合成部门", "预期性", None),
        [
            ("1", "2021", 8, "%", "growth_rate", "actual"),
            ("1", "2022", 3, "%", "growth_rate", "actual"),
            ("1", "2021", 8.6, "%", "growth_rate", "parent_actual"),
            ("1", "2022", 2, "%", "growth_rate", "parent_actual"),
        ],
        [0, 1, 2, 3],
    ),
    "parent_assigned": (
        ("1", "合成降低率", "%", "完成市下达目标", "合成部门", "约束性", None),
        [
            ("1", "2021", 3.0, "%", "change", "actual"),
            ("1", "2022", 3.2, "%", "change", "actual"),
            ("1", "2021", 2.5, "%", "change", "parent_target"),
            ("1", "2022", 3.5, "%", "change", "parent_target"),
        ],
        [0, 1, 2, 3],
    ),
}


def test_complete_cases_are_graded():
    for kind, (row, obs_rows, _) in CASES.items():
        plan = synthetic_plan([row])
        r = evaluate(
            plan, synthetic_observations(plan, obs_rows), as_of="2023-06-30", progress=False
        )["1"]
        assert r.indicator.kind == kind
        assert r.grade in ORDER, (kind, r.grade)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_removing_a_required_figure_never_grades(data):
    kind = data.draw(st.sampled_from(sorted(k for k, case in CASES.items() if case[2])))
    row, obs_rows, required = CASES[kind]
    drop = data.draw(st.sampled_from(required))
    plan = synthetic_plan([row])
    kept = [r for i, r in enumerate(obs_rows) if i != drop]
    r = evaluate(plan, synthetic_observations(plan, kept), as_of="2023-06-30", progress=False)["1"]
    assert r.grade == "insufficient_data", (kind, drop, r.grade)
    assert r.reason().startswith("数据待补充")
    assert "合成部门" in r.reason()


# Yearly amounts that add up: every plan-year figure counts, so raising any of them is better.
def _cumulative_total(a, b, h1, attr="预期性"):
    plan = synthetic_plan([("1", "合成新增投资", "亿元", "累计 1400", "合成部门", attr, None)])
    obs = synthetic_observations(plan, [
        ("1", "2021", a, "亿元", "flow", "actual"), ("1", "2022", b, "亿元", "flow", "actual"),
        ("1", "2023H1", h1, "亿元", "flow", "actual"),
    ])
    return evaluate(plan, obs, as_of="2023-06-30", progress=False)["1"]


@SETTINGS
@example(a=225.4, b=167.8, h1=114.3, which=1, extra=41.2)  # once C then D (p .28 -> .09)
@given(
    a=st.floats(50, 450), b=st.floats(50, 450), h1=st.floats(20, 250),
    which=st.integers(0, 2), extra=st.floats(1, 80),
)
def test_cumulative_total_higher_amount_never_worse(a, b, h1, which, extra):
    vals = [round(a, 1), round(b, 1), round(h1, 1)]
    better = list(vals)
    better[which] = round(better[which] + extra, 1)
    r_lo, r_hi = _cumulative_total(*vals), _cumulative_total(*better)
    assert ORDER[r_hi.grade] <= ORDER[r_lo.grade], (vals, better, r_lo.grade, r_hi.grade)
    assert r_hi.outlook.p_meet >= r_lo.outlook.p_meet - 1e-9, (vals, better)


@SETTINGS
@example(g1=2.66, g2=2.33, extra=0.1)  # once C with p falling as the 2022 reduction rose
@given(g1=st.floats(0.0, 5.0), g2=st.floats(0.0, 5.0), extra=st.floats(0.05, 1.5))
def test_cumulative_reduction_higher_reduction_never_worse(g1, g2, extra):
    def run(x, y):
        plan = synthetic_plan([("1", "合成能耗降低", "%", "〔13.5〕", "合成部门", "约束性", None)])
        obs = synthetic_observations(plan, [
            ("1", "2021", x, "%", "change", "actual"), ("1", "2022", y, "%", "change", "actual"),
        ])
        return evaluate(plan, obs, as_of="2023-06-30", progress=False)["1"]
    g1, g2 = round(g1, 2), round(g2, 2)
    r_lo, r_hi = run(g1, g2), run(g1, round(g2 + extra, 2))
    assert ORDER[r_hi.grade] <= ORDER[r_lo.grade], (g1, g2, extra, r_lo.grade, r_hi.grade)
    if r_lo.outlook.p_meet >= r_lo.config.p_unlikely:
        assert r_hi.outlook.p_meet >= r_lo.outlook.p_meet - 1e-9, (g1, g2, extra)


@SETTINGS
@example(own=(7.15, 6.46), city=(7.56, 7.92), extra=0.83)  # once C then D
@given(
    own=st.tuples(st.floats(0, 9), st.floats(0, 9)),
    city=st.tuples(st.floats(0, 9), st.floats(0, 9)),
    extra=st.floats(0.05, 1.5),
)
def test_parent_synced_higher_own_growth_never_worse(own, city, extra):
    def run(o2):
        row = ("1", "合成增长率", "%", "与市保持同步", "合成部门", "预期性", None)
        plan = synthetic_plan([row])
        obs = synthetic_observations(plan, [
            ("1", "2021", round(own[0], 2), "%", "growth_rate", "actual"),
            ("1", "2022", o2, "%", "growth_rate", "actual"),
            ("1", "2021", round(city[0], 2), "%", "growth_rate", "parent_actual"),
            ("1", "2022", round(city[1], 2), "%", "growth_rate", "parent_actual"),
        ])
        return evaluate(plan, obs, as_of="2023-06-30", progress=False)["1"]
    o2 = round(own[1], 2)
    r_lo, r_hi = run(o2), run(round(o2 + extra, 2))
    assert ORDER[r_hi.grade] <= ORDER[r_lo.grade], (own, city, extra, r_lo.grade, r_hi.grade)


@SETTINGS
@example(v20=5.03, v21=4.98, v22=4.88, drop=0.54, binding=True)  # once A then B (p .93 -> .87)
@given(
    v20=st.floats(4.0, 7.0), v21=st.floats(4.0, 7.0), v22=st.floats(4.0, 7.0),
    drop=st.floats(0.02, 0.8), binding=st.booleans(),
)
def test_ceiling_lower_latest_value_never_worse(v20, v21, v22, drop, binding):
    def run(latest):
        row = ("1", "合成失业率", "%", "<5.5", "合成部门", "约束性" if binding else "预期性", None)
        plan = synthetic_plan([row])
        obs = synthetic_observations(plan, [
            ("1", "2020", round(v20, 2), "%", "level", "actual"),
            ("1", "2021", round(v21, 2), "%", "level", "actual"),
            ("1", "2022", latest, "%", "level", "actual"),
        ])
        return evaluate(plan, obs, as_of="2023-06-30", progress=False)["1"]
    # An unchanging history has no scale of its own; the whole window is used, and says so.
    assume(round(v20, 2) != round(v21, 2))
    worse, better = run(round(v22, 2)), run(round(v22 - drop, 2))
    assert ORDER[better.grade] <= ORDER[worse.grade], (v20, v21, v22, drop, worse.grade)
    assert better.outlook.p_meet >= worse.outlook.p_meet - 1e-9, (v20, v21, v22, drop)
