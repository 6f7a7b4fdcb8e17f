"""How the figures of ../shared/data came into data/, and a check that none was lost or changed.

The shared tables record figures as found (year + a loose period word, a 'kind' of figure); the
conversion below only re-labels them into the package's observation format (period, measure,
role, related series) by the explicit decisions listed below. No value is changed, estimated or
added.

It was the first import. Since then data/ has been extended by hand, row by row with a source
(data/national-14th/SOURCES.md: 118 national rows where the shared table has 55, a ``basis``
column, targets sourced later), so rewriting data/ from the shared tables would lose figures.
The script therefore writes nothing into data/:

``python data/build_from_shared.py [SHARED]``
    checks that every converted shared row is in the shipped files with the same value, period,
    role, series, unit and source (Putuo's file must equal the conversion), lists each
    difference and exits 1 if there is one;
``python data/build_from_shared.py [SHARED] --out DIR``
    writes the converted files into DIR (which must not be data/) to compare by hand.

SHARED defaults to ../shared/data beside the repository.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared" / "data"
OUT_COLUMNS = ["indicator_id", "indicator_name", "period", "value", "unit", "measure", "role", "series", "source_url", "evidence"]
ROLE = {"actual": "actual", "annual_target": "annual_target", "city_actual": "parent_actual", "city_target": "parent_target"}

# (indicator, year, period word, value) -> overrides. Each says why.
PUTUO_DECISIONS: dict[tuple[str, str, str, str], dict[str, str]] = {
    # 2022 'other' 3.1 is the city's Q1 growth (the bulletin commentary lists Q1, H1, Q1-Q3, year).
    ("1", "2022", "other", "3.1"): {"period": "2022Q1"},
    # The city plan's five-year average growth target, not a yearly target.
    ("1", "2025", "other", "5"): {"series": "市十四五规划年均增长目标"},
    ("2", "2016", "other", "11.07"): {"series": "2012-2016年均增长率"},
    ("2", "2024", "other", "10.8"): {"series": "十四五以来年均增长率(2025年9月发布,区间未注明)"},
    ("3", "2023", "annual", "21.5"): {"series": "固定资产投资总额增速", "measure": "growth_rate"},
    ("3", "2024", "other", "8.8"): {"series": "十四五以来固定资产投资年均增速(2025年9月发布)", "measure": "growth_rate"},
    ("4", "2023", "annual", "40.78"): {"series": "四大产业区级税收(亿元)"},
    # 'As of 2023-06-30' mid-term figures of the city.
    ("5", "2023", "other", "40.9"): {"period": "2023H1"},
    ("17", "2023", "other", "83.2"): {"period": "2023H1"},
    ("22", "2023", "other", "42"): {"period": "2023H1"},
    # City surface-water measure and target: a different monitoring network from Putuo's rivers.
    ("20", "2023", "other", "95.6"): {"series": "全市地表水优于III类比例(不同口径)", "period": "2023H1"},
    ("20", "2025", "annual", "60"): {"series": "全市地表水优于III类比例目标(不同口径)"},
    # City satisfaction is a score (分), not Putuo's % measure.
    ("25", "2020", "annual", "78.1"): {"series": "全市公众生态环境满意度(分)"},
}
MEASURE_BY_UNIT = {"百分点": "change"}


def convert_putuo(shared: Path) -> list[dict[str, str]]:
    rows = []
    with open(shared / "putuo-14th" / "observations.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            key = (r["indicator_no"], r["year"], r["period"], r["value"])
            d = PUTUO_DECISIONS.get(key, {})
            period_word = r["period"]
            period = d.get("period") or (
                r["year"] if period_word in ("annual", "other") else f"{r['year']}{period_word}"
            )
            if period_word == "other" and "period" not in d and "series" not in d:
                raise SystemExit(f"undecided 'other' period: {key}")
            series = d.get("series", "")
            unit = r["unit"]
            measure = d.get("measure") or MEASURE_BY_UNIT.get(unit, "")
            if not series and unit == "亿元" and r["indicator_no"] == "2":
                measure = "level"  # revenue level beside the growth-rate indicator
            if not series and unit == "%" and r["indicator_no"] == "2":
                measure = "growth_rate"
            rows.append({
                "indicator_id": r["indicator_no"], "indicator_name": r["indicator_name"], "period": period,
                "value": r["value"], "unit": unit, "measure": measure, "role": ROLE[r["kind"]],
                "series": series, "source_url": r["source_url"], "evidence": r["evidence"],
            })
    return rows


# National: the period cell says what a figure is; rows of an auxiliary series are named.
NATIONAL_SERIES = {
    "研发经费投入强度(辅助)": "研发经费投入强度(%)",
    "基本养老保险参保人数(辅助)": "基本养老保险参保人数(亿人)",
}
NATIONAL_DECISIONS: dict[tuple[str, str, str], dict[str, str]] = {
    # The R&D target is judged in real terms; nominal growth is kept as a related series.
    ("4", "2020", "annual(nominal)"): {"series": "研发经费名义增长率"},
    ("4", "2021", "annual(nominal)"): {"series": "研发经费名义增长率"},
    ("4", "2022", "annual(nominal)"): {"series": "研发经费名义增长率"},
    ("4", "2022", "annual(real, constant prices)"): {"period": "2022"},
    # Unemployment: the target is the yearly average surveyed rate; December rates are a related series.
    ("8", "2020", "year-end (Dec)"): {"series": "年末城镇调查失业率"},
    ("8", "2022", "year-end (Dec)"): {"series": "年末城镇调查失业率"},
    # Urbanisation 2020: the census figure (2020-11-01) is the year's value.
    ("3", "2020", "census 2020-11-01"): {"period": "2020"},
    ("11", "2020", "十三五末"): {"period": "2020"},
}


def convert_national(shared: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    plan_rows = []
    with open(shared / "national-14th" / "plan.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            plan_rows.append({
                "类别": r["category"], "序号": r["no"], "指标": r["indicator"], "单位": r["unit"],
                "目标值 2021-2025 年": r["target_text"], "指标属性": r["attribute"],
                "基期值": r["baseline_2020"], "来源": r["source_url"],
            })
    rows = []
    with open(shared / "national-14th" / "observations.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            d = NATIONAL_DECISIONS.get((r["no"], r["year"], r["period"]), {})
            series = NATIONAL_SERIES.get(r["indicator"], d.get("series", ""))
            if "粮食产量" in r["indicator"]:
                series = ""  # grain output is the measure of production capacity; units convert (万吨, 亿斤 -> 亿吨)
            period = d.get("period") or r["year"]
            measure = "level" if r["indicator"] in NATIONAL_SERIES else ""
            rows.append({
                "indicator_id": r["no"], "indicator_name": r["indicator"], "period": period, "value": r["value"],
                "unit": r["unit"], "measure": measure, "role": ROLE.get(r["kind"], r["kind"]), "series": series,
                "source_url": r["source_url"], "evidence": f"[{r['period']}] {r['evidence']}",
            })
    return plan_rows, rows


def write(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


CHECKED = ("indicator_id", "period", "value", "unit", "measure", "role", "series", "source_url")
PLAN_CHECKED = ("类别", "序号", "指标", "单位", "目标值 2021-2025 年", "指标属性", "基期值")


def check(shared: Path, data: Path) -> list[str]:
    """Every difference between the conversion of ``shared`` and the shipped files in ``data``.

    Parameters
    ----------
    shared : Path
        The research folder (``putuo-14th/observations.csv``, ``national-14th/plan.csv`` and
        ``national-14th/observations.csv``).
    data : Path
        The package's data folder.

    Returns
    -------
    list of str
        One line per difference, naming the file, the row of the shared table and the field;
        empty when every shared figure is shipped as converted.
    """
    problems = []
    putuo = data / "putuo-14th" / "observations.csv"
    shipped = _read(putuo)
    converted = convert_putuo(shared)
    for k, row in enumerate(converted, start=2):
        got = shipped[k - 2] if k - 2 < len(shipped) else None
        if got is None or any(got.get(c, "") != row[c] for c in OUT_COLUMNS):
            problems.append(f"{putuo} row {k}: expected the converted shared row {row}, found {got}")
    if len(shipped) > len(converted):
        problems.append(f"{putuo}: {len(shipped)} rows where the shared table converts to "
                        f"{len(converted)}")
    plan_rows, obs = convert_national(shared)
    plan_file = data / "national-14th" / "plan.csv"
    by_no = {r["序号"]: r for r in _read(plan_file)}
    for row in plan_rows:
        got = by_no.get(row["序号"])
        bad = [c for c in PLAN_CHECKED if got is None or got.get(c, "") != row[c]]
        if bad:
            problems.append(f"{plan_file} 序号 {row['序号']}: {', '.join(bad)} differ from the shared plan")
    obs_file = data / "national-14th" / "observations.csv"
    shipped_obs = {tuple(r[c] for c in ("indicator_id", "period", "value", "role", "source_url")): r
                   for r in _read(obs_file)}
    for k, row in enumerate(obs, start=2):
        got = shipped_obs.get(tuple(row[c] for c in ("indicator_id", "period", "value", "role", "source_url")))
        if got is None:
            problems.append(f"{obs_file}: shared national-14th/observations.csv row {k} "
                            f"(indicator {row['indicator_id']}, {row['period']}, {row['value']}) is missing")
            continue
        bad = [c for c in CHECKED if got.get(c, "") != row[c]]
        if bad:
            problems.append(f"{obs_file}: shared row {k} (indicator {row['indicator_id']}, {row['period']}): "
                            f"{', '.join(bad)} differ")
    return problems


def main(argv: list[str]) -> int:
    out = None
    if "--out" in argv:
        i = argv.index("--out")
        out = Path(argv[i + 1]).resolve()
        argv = argv[:i] + argv[i + 2:]
    shared = Path(argv[0]) if argv else DEFAULT_SHARED
    if out is not None:
        if out == (ROOT / "data").resolve() or (ROOT / "data").resolve() in out.parents:
            print(f"--out {out}: refusing to write into data/ (it holds figures added by hand)")
            return 2
        write(out / "putuo-14th" / "observations.csv", convert_putuo(shared), OUT_COLUMNS)
        plan_rows, obs = convert_national(shared)
        write(out / "national-14th" / "plan.csv", plan_rows, list(plan_rows[0].keys()))
        write(out / "national-14th" / "observations.csv", obs, OUT_COLUMNS)
        print(f"written to {out}")
        return 0
    problems = check(shared, ROOT / "data")
    for p in problems:
        print(p)
    print(f"{len(problems)} difference(s) between {shared} and data/")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
