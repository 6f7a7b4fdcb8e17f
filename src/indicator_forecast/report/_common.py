"""Small helpers shared by the Excel, Word and chart writers."""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Any

from indicator_forecast import _generations as gen
from indicator_forecast.plan.targets import TargetBase, kind_class

from ._labels import labels


def plan_period(plan_name: str, lang: str = "zh",
                years: tuple[int, int] | None = None) -> str:  # fmt: skip
    """The plan generation as printed, e.g. ``“十四五”``.

    Read from the plan's name when it says ("…“十五五”规划…"); otherwise from the plan years
    (base year, target year): the generation of a five-year period of the national cycle, or the
    years themselves ("2024—2028年") for another period; "本期" / "this" when neither is known.
    """
    n = gen.number_of_word(plan_name)
    if n is None and years is not None:
        base, target = years
        n = gen.number_of(base + 1) if target - base == 5 else None
        if n is None:
            return f"{base + 1}—{target}年" if lang == "zh" else f"{base + 1}–{target}"
    if n is None:
        return "本期" if lang == "zh" else "this"
    return f"“{gen.word(n)}”" if lang == "zh" else f"{gen.ordinal_en(n)} Five-Year"


def plan_period_of(ev: Any, lang: str = "zh") -> str:
    """:func:`plan_period` of an evaluation: its plan's name, else its plan years."""
    return plan_period(ev.plan_name, lang, (ev.base_year, ev.target_year))


def no_plan_year_ended(ev: Any) -> bool:
    """No year of the plan period has ended at the evaluation date (nothing can be judged)."""
    return annual_year(ev.as_of) <= int(ev.base_year)


def annual_year(as_of: _dt.date) -> int:
    """Latest complete calendar year at ``as_of`` (the year of the annual 中期完成数)."""
    return as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1


def fmt_date(d: _dt.date, lang: str) -> str:
    return str(labels(lang)["date_format"].format(y=d.year, m=d.month, d=d.day))


def fmt_month(d: _dt.date, lang: str) -> str:
    return str(labels(lang)["month_format"].format(y=d.year, m=d.month))


def is_blank(x: Any) -> bool:
    """True for None, NaN, pandas NA and empty / whitespace strings."""
    if x is None:
        return True
    if isinstance(x, str):
        return not x.strip()
    try:
        return bool(x != x)  # NaN, NA
    except (TypeError, ValueError):
        return False


def text(x: Any, default: str = "") -> str:
    """``x`` as printed text, ``default`` when blank."""
    if is_blank(x):
        return default
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def as_float(x: Any) -> float:
    """``x`` as a float, NaN when blank or not numeric."""
    if is_blank(x):
        return math.nan
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


_NUMBER_RE = re.compile(r"^[+-]?\d+(?:\.(\d+))?$")


def number_cell(printed: str) -> tuple[float | None, str | None]:
    """If ``printed`` is a plain number, return (value, Excel number format) that prints it
    identically; else ``(None, None)`` and the text is written as text."""
    s = printed.strip().replace(",", "")
    m = _NUMBER_RE.match(s)
    if not m:
        return None, None
    decimals = len(m.group(1) or "")
    fmt = "#,##0" + ("." + "0" * decimals if decimals else "") if "," in printed else (
        "0" + ("." + "0" * decimals if decimals else "")
    )
    return float(s), fmt


def percent(x: Any, lang: str) -> str:
    v = as_float(x)
    lab = labels(lang)
    text: str = lab["not_applicable"] if math.isnan(v) else lab["percent"].format(100 * v)
    return text


def words(text_: Any, lang: str) -> str:
    """Text from the computation layer in the output language: in English, the Chinese terms
    that layer still writes (``labels("en")["zh_terms"]``) translated; as it is in Chinese."""
    out = text(text_)
    for zh, en in labels(lang)["zh_terms"]:
        out = out.replace(zh, en)
    return out


def unit_text(unit: Any, lang: str) -> str:
    """A plan unit in the output language (English names in English)."""
    u = text(unit)
    return str(labels(lang)["narr"]["units"].get(u, u)) if lang == "en" else u


def indicator_label(indicator_id: str, name: str, unit: str, lang: str) -> str:
    """``"3、新增固定资产投资总额（亿元）"`` — the 附件6 spelling of an indicator."""
    lab = labels(lang)
    key = "indicator_label" if not is_blank(unit) else "indicator_label_nounit"
    shown = unit_text(unit, lang)
    if not shown:
        key = "indicator_label_nounit"
    return str(lab[key].format(no=indicator_id, name=name, unit=shown))


def part_label(name: str, target_text: str, lang: str) -> str:
    """``"智能软件 12"`` — a composite part as the seed's 附件6 prints it."""
    return str(labels(lang)["part_label"].format(name=name, target=text(target_text))).strip()


def final_grade(row: Any) -> str:
    """The grade that stands: the analyst's override if any, else the computed one."""
    fg = row.get("final_grade")
    if not is_blank(fg):
        return str(fg)
    og = row.get("override_grade")
    return str(og) if not is_blank(og) else str(row.get("grade"))


def has_override(row: Any) -> bool:
    og = row.get("override_grade")
    return not is_blank(og) and str(og) != str(row.get("grade"))


def kind_of(rec: dict[Any, Any]) -> type[TargetBase]:
    """The target kind of a results row (its ``kind`` column), to ask what it reports and how.

    Raises
    ------
    ValueError
        If the row names no known kind.
    """
    return kind_class(str(rec.get("kind")))
