"""Part one of the 附件5 report in the sentences evaluation reports are written in.

Facts first: :func:`indicator_facts` gathers, per indicator, the figures a sentence may state
(from ``to_frame()`` and, where the evaluation carries them, the progress details such as the
pace still needed). Then one function per conclusion writes the sentences
(:data:`MIDTERM_SENTENCES`: ``"A"`` achieved or ahead, ``"B"`` on track, ``"C"`` behind with the
pace needed, ``"D"`` unlikely with the reason and the proposal, ``"insufficient_data"`` what is
missing and who supplies it). A final-evaluation version adds its own table of functions beside
this one. Every template is in ``_labels.py`` (key ``"narr"``); nothing here is spelled in a
language.

Rules the sentences keep: a field is said once; a missing figure is said in words, never as a
placeholder; numbers carry their unit and are rounded by :mod:`indicator_forecast._format`; the
projection's interval appears only where the target lies inside it (it then says how uncertain
the outcome is), in words; a gap between growth rates is said in percentage points.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from indicator_forecast._format import fmt_figure, fmt_unit
from indicator_forecast._progress_kit import awaited_periods
from indicator_forecast.plan.targets import TargetBase, bound_form, kind_class

from . import _common as c
from ._labels import labels

_NUM_RE = re.compile(r"^\s*([＞>＜<≥≤]?)\s*(-?\d+(?:\.\d+)?)\s*(左右|以上|以内|以下)?\s*$")
_TOTAL_RE = re.compile(r"^\s*累计\s*(\d+(?:\.\d+)?)(?:\s*[-－~～]\s*(\d+(?:\.\d+)?))?\s*$")


def _english_periods(text: str) -> str:
    """Chinese period labels that reach English text from the data ("2021年", "2023年1-6月")
    in English ("2021", "2023 Jan-Jun"); known Chinese words of the data layer translated."""
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    text = re.sub(r"(\d{4})年1-(\d{1,2})月",
                  lambda m: f"{m.group(1)} Jan–{months[int(m.group(2)) - 1]}", text)
    text = re.sub(r"(\d{4})年", r"\1", text)
    names = ("January February March April May June July August September October November "
             "December").split()
    text = re.sub(r"Jan–month (\d{1,2})", lambda m: f"January to {names[int(m.group(1)) - 1]}",
                  text)  # fmt: skip
    for zh, en in labels("en")["zh_terms"]:
        text = text.replace(zh, en)
    return text


def _stem(name: str) -> str:
    """A growth indicator's name without its trailing 增长/增长率 (the sentence says it)."""
    for suffix in ("年均增长率", "年均增长", "增长率", "增速", "增长"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class Facts:
    """What the sentences about one indicator may state (None: not known)."""

    indicator_id: str
    name: str
    unit: str
    kind: str
    direction: str
    attribute: str
    binding: bool
    target_text: str
    grade: str
    computed_grade: str
    midterm: float | None
    period: str
    completion: float | None
    time_elapsed: float | None
    projected: float | None
    lo: float | None
    hi: float | None
    p_meet: float | None
    baseline: float | None
    target_low: float | None
    target_high: float | None
    met_now: bool | None
    base_year: int
    target_year: int
    required_pace: float | None = None
    recent_pace: float | None = None
    pace_unit: str = ""
    compounding: bool = False
    level: int = 80
    missing: str = ""
    awaited: tuple[str, ...] = ()
    departments: str = ""
    suggested_target: str = ""
    binding_note: str = ""
    override_reason: str = ""
    years_met: tuple[int, int] | None = None
    """A target set each year by the parent: (years met, years assessed)."""
    parts: tuple[Facts, ...] = field(default=())

    @property
    def target_kind(self) -> type[TargetBase]:
        """The class of the target kind, asked which figure is judged and how it is said."""
        return kind_class(self.kind)

    @property
    def states_change(self) -> bool:
        """Whether the target is said as a compounded change over the period (降低X%)."""
        return self.target_kind.is_change and self.compounding

    @property
    def behind_schedule(self) -> bool:
        """Completion behind the time elapsed, or a floor/ceiling not met now."""
        if self.completion is not None and self.time_elapsed:
            return self.completion / self.time_elapsed < 0.95
        if self.met_now is False:
            return True
        return self.grade in ("C", "D")


def _num(x: Any) -> float | None:
    v = c.as_float(x)
    return None if math.isnan(v) else v


def _met_now(rec: dict[str, Any], mid: float | None) -> bool | None:
    if mid is None:
        return None
    lo, hi = _num(rec.get("target_low")), _num(rec.get("target_high"))
    higher = rec.get("direction", "higher") != "lower"
    return c.kind_of(rec).met_in_record(lo, hi, higher, mid)


def indicator_facts(ev: Any, lang: str) -> list[Facts]:
    """The facts of every top-level indicator, composite parts attached, in table order."""
    frame = ev.to_frame(lang=lang)
    extra = {str(r.indicator.id): r for r in getattr(ev, "results", ())
             if hasattr(r, "progress") and hasattr(r, "indicator")}  # fmt: skip
    adj = {str(r["indicator_id"]): r for r in ev.adjustments_frame().to_dict("records")}
    out: list[Facts] = []
    parts: dict[str, list[Facts]] = {}
    for rec in frame.to_dict("records"):
        f = _facts(rec, extra.get(str(rec["indicator_id"])), adj.get(str(rec["indicator_id"])),
                   (ev.base_year, ev.target_year))
        if c.is_blank(rec.get("parent_id")):
            out.append(f)
        else:
            parts.setdefault(str(rec["parent_id"]), []).append(f)
    return [Facts(**{**f.__dict__, "parts": tuple(parts.get(f.indicator_id, ()))}) for f in out]


def _facts(rec: dict[str, Any], result: Any, adj: dict[str, Any] | None,
           plan_years: tuple[int, int]) -> Facts:
    pr = getattr(result, "progress", None)
    target = getattr(getattr(result, "indicator", None), "target", None)
    compounding = bool(getattr(target, "compounding", False)) if target is not None else (
        "降低" in str(rec["name"]) or "下降" in str(rec["name"]))
    outlook = getattr(result, "outlook", None)
    level = getattr(outlook, "level", None)
    if level is None:
        m = re.search(r"(\d+)%", c.text(rec.get("projected_text")))
        level = int(m.group(1)) if m else 80
    mid = _num(rec.get("midterm_value"))
    grade = c.final_grade(rec)
    if str(rec.get("grade")) == "insufficient_data" and not c.has_override(rec):
        mid = None
    met = getattr(pr, "met_now", None) if pr is not None else None
    return Facts(
        indicator_id=str(rec["indicator_id"]), name=str(rec["name"]), unit=c.text(rec.get("unit")),
        kind=str(rec.get("kind", "")), direction=str(rec.get("direction") or "higher"),
        attribute=c.text(rec.get("attribute")),
        binding=c.text(rec.get("attribute")) in ("约束性", "binding"),
        target_text=c.text(rec.get("target_text")), grade=grade,
        computed_grade=str(rec.get("grade")), midterm=mid,
        period=c.text(rec.get("midterm_period")) if mid is not None else "",
        completion=_num(rec.get("progress")), time_elapsed=_num(rec.get("time_elapsed")),
        projected=_num(rec.get("projected_end")), lo=_num(rec.get("projected_lo")),
        hi=_num(rec.get("projected_hi")), p_meet=_num(rec.get("p_meet")),
        baseline=_num(rec.get("baseline")),
        target_low=_num(rec.get("target_low")), target_high=_num(rec.get("target_high")),
        met_now=met if met is not None else _met_now(rec, mid),
        required_pace=getattr(pr, "required_pace", None),
        recent_pace=getattr(pr, "recent_pace", None),
        pace_unit=str(getattr(pr, "pace_unit", "") or ""),
        base_year=int(getattr(pr, "base_year", None) or plan_years[0]),
        target_year=int(getattr(pr, "target_year", None) or plan_years[1]),
        compounding=compounding, level=int(level),
        missing=c.text(rec.get("missing")), departments=c.text(rec.get("departments")),
        awaited=awaited_periods(getattr(pr, "missing", ())),
        suggested_target=c.text(adj["suggested_target"]) if adj else "",
        binding_note=c.text(adj["binding_note"]) if adj else "",
        override_reason=c.text(rec.get("override_reason")) if c.has_override(rec) else "",
        years_met=_years_met(pr),
    )  # fmt: skip


def _years_met(pr: Any) -> tuple[int, int] | None:
    """(years whose assigned target was met, years assessed) of a target set each year."""
    yearly = tuple(getattr(pr, "yearly_met", ()) or ())
    if not yearly:
        return None
    return sum(1 for *_, met in yearly if met), len(yearly)


# ----------------------------------------------------------------------------- phrases


class _Say:
    """Phrase builders for one language (templates from ``labels(lang)["narr"]``)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.lab = labels(lang)
        self.t: dict[str, Any] = self.lab["narr"]

    def unit(self, unit: str) -> str:
        """The unit as printed after a number ("" for none; English names in English)."""
        if self.lang == "en":
            u = self.t["units"].get(unit, unit)
            return u if u in ("%", "") else f" {u}"
        return unit

    def num(self, v: float | None, unit: str, *, with_unit: bool = True) -> str:
        s = fmt_unit(v, unit)
        return s + (self.unit(unit) if with_unit else "")

    def pct(self, v: float | None) -> str:
        return "" if v is None else f"{v * 100:.0f}%"

    def chance(self, p: float) -> str:
        """A probability in words: "约83%", "99%以上", "不足1%"."""
        if p > 0.99:
            return str(self.t["p_high"])
        if p < 0.01:
            return str(self.t["p_low"])
        return str(self.t["p_about"].format(p=self.pct(p)))

    def target(self, f: Facts) -> str:
        """The target in words: "65%", "6.5亿吨以上", "累计1400亿元", or the text quoted."""
        text = f.target_text.replace(" ", "")
        if f.states_change and f.target_low is not None:
            down = "降低" in f.name or "下降" in f.name
            key = "target_change_down" if down else "target_change_up"
            return str(self.t[key].format(n=fmt_unit(f.target_low, f.unit), u=self.unit(f.unit)))
        if f.target_kind.judged_as_rate:
            goal = self.rate_goal(f)
            if goal:
                return str(self.t["target_rate"].format(g=goal))
        if (f.target_kind.is_change and not f.compounding and f.target_low is not None
                and f.baseline is not None):
            # "〔1〕(提高1岁)" in words: "提高1岁（即78.93岁）" (the bound is the change)
            up = f.direction != "lower"
            n = abs(f.target_low)
            return str(self.t["target_change_level"].format(
                verb=self.t["up" if up else "down"], n=fmt_unit(n, f.unit),
                v=fmt_figure(f.baseline + (n if up else -n), f.unit), u=self.unit(f.unit)))
        m = _NUM_RE.match(f.target_text)
        if m:
            return self._bound(m.group(1), m.group(3) or "", m.group(2), f.unit)
        m = _TOTAL_RE.match(f.target_text)
        if m:
            if m.group(2):
                return str(self.t["target_total_range"].format(lo=m.group(1), hi=m.group(2),
                                                               u=self.unit(f.unit)))  # fmt: skip
            return str(self.t["target_total"].format(n=m.group(1), u=self.unit(f.unit)))
        return str(self.t["target_quoted"].format(text=text))

    def _bound(self, sign: str, suffix: str, n: str, unit: str) -> str:
        key = {"＞": "above", ">": "above", "≥": "above", "＜": "below", "<": "below",
               "≤": "below"}.get(sign) or {"以上": "above", "以内": "below", "以下": "below",
                                           "左右": "about"}.get(suffix, "plain")  # fmt: skip
        return str(self.t["target_" + key].format(n=n, u=self.unit(unit)))

    def rate_goal(self, f: Facts) -> str:
        """A target rate without 年均: "7%以上", "5%左右", "3%～5%" ("" when not known).

        Read from the target text when it is a plain bound ("＞7"), else from the parsed bounds
        (a text such as "＞7、力争投入强度高于“十三五”时期实际" would not read well quoted)."""
        m = _NUM_RE.match(f.target_text)
        if m:
            return self._bound(m.group(1), m.group(3) or "", m.group(2), "%")
        form = bound_form(f.target_low, f.target_high, f.direction)
        if form is None:
            return ""
        key, nums = form
        return str(self.t["target_" + key].format(
            u=self.unit("%"), **{k: fmt_unit(v, "%") for k, v in nums.items()}))

    def status(self, f: Facts) -> str:
        """Where the indicator stands at mid-term, one clause, without the conclusion."""
        t, v = self.t, self.num(f.midterm, f.unit)
        kind = f.target_kind
        if kind.completed_as_total:
            return str(t["status_total"].format(name=f.name, period=f.period, v=v,
                                                target=self.target(f),
                                                c=self.pct(f.completion)))  # fmt: skip
        if f.states_change:
            down = "降低" in f.name or "下降" in f.name
            key = "status_change_down" if down else "status_change_up"
            return str(t[key].format(name=f.name, period=f.period, v=v))
        if kind.judged_as_rate:
            years = self.years(f)
            key = "status_rate" if years != f.period else "status_rate_one"  # one year: no 年均
            return str(t[key].format(name=_stem(f.name), years=years, v=self.num(f.midterm, "%")))
        if kind.judged_by_gap and f.midterm is not None:
            years = self.years(f)
            key = "status_gap_above" if f.midterm >= 0 else "status_gap_below"
            key += "" if years != f.period else "_one"  # one year: no 年均
            return str(t[key].format(name=_stem(f.name), years=years,
                                     v=fmt_unit(abs(f.midterm), "个百分点"),
                                     ref=self.reference(f)))  # fmt: skip
        if kind.judged_by_years:
            return str(t["status_assigned"].format(name=f.name, period=f.period))
        key = "status_level_met" if f.met_now else "status_level"
        return str(t[key].format(name=f.name, period=f.period,
                                 v=fmt_figure(f.midterm, f.unit) + self.unit(f.unit)))

    def years(self, f: Facts) -> str:
        year = re.match(r"\d{4}", f.period)
        first = f.base_year + 1
        if year is None or int(year.group(0)) <= first:
            return f.period
        return str(self.t["years"].format(a=first, b=year.group(0)))

    def reference(self, f: Facts) -> str:
        """What a growth rate is compared with, read from the target text."""
        if f.target_kind.reference_is_parent:
            return str(self.t["ref_parent"])
        m = re.search(r"(?:高于|低于|与)(.+?)(?:增长|增速)", f.target_text)
        if m and self.lang == "zh":
            return f"{m.group(1)}增速"
        if m and m.group(1).strip().upper() == "GDP":
            return str(self.t["ref_gdp"])
        return str(self.t["ref_other"])

    def pace(self, f: Facts) -> str:
        """Completion against time elapsed, as a clause ("" when either is unknown)."""
        if f.target_kind.judged_by_years and f.years_met is not None:
            # the years whose assigned target was met: not a distance against time
            k, n = f.years_met
            return str(self.t["assigned_years"].format(k=k, n=n))
        if f.target_kind.judged_by_years and f.completion is not None:
            return str(self.t["assigned_share"].format(c=self.pct(f.completion)))
        if f.target_kind.judged_as_rate:
            return self.rate_against_target(f)
        if f.completion is None or f.time_elapsed is None:
            return ""
        if f.completion < 0 and f.baseline is not None:
            down = (f.midterm or 0) < f.baseline
            return str(self.t["pace_reverse"].format(
                year=f.base_year, b=fmt_figure(f.baseline, f.unit) + self.unit(f.unit),
                verb=self.t["down" if down else "up"]))  # fmt: skip
        ratio = f.completion / f.time_elapsed if f.time_elapsed else 1.0
        key = "pace_ahead" if ratio >= 1.05 else ("pace_even" if ratio >= 0.95 else "pace_behind")
        return str(self.t[key].format(c=self.pct(f.completion), te=self.pct(f.time_elapsed)))

    def rate_against_target(self, f: Facts) -> str:
        """An average rate so far against the target rate: a rate has no share of time elapsed
        (two years at 8.55 % against 7 % are not "122 % done"), so it is met so far or not."""
        goal = f.target_high if f.direction == "lower" else f.target_low
        if f.met_now is None or goal is None:
            return ""
        key = "rate_met" if f.met_now else "rate_short"
        return str(self.t[key].format(target=self.rate_goal(f) or self.num(goal, "%")))

    def needed(self, f: Facts) -> str:
        """The yearly pace still needed against the recent pace ("" when not known)."""
        if f.required_pace is None or f.recent_pace is None or f.target_kind.judged_by_gap:
            return ""
        if f.target_kind.judged_as_rate:
            # a rate the remaining years must average: "需年均增长6.3%", not "提高6.3个百分点"
            def said(v: float) -> tuple[str, str]:
                return str(self.t["grow" if v >= 0 else "shrink"]), self.num(abs(v), "%")

            verb, req = said(f.required_pace)
            rverb, rv = said(f.recent_pace)
            recent = str(self.t["recent"].format(verb=rverb, v=rv))
            return str(self.t["needed"].format(verb=verb, req=req, recent=recent))
        unit = f.pace_unit.removesuffix("/年") if f.pace_unit else f.unit
        if unit == "%" and not f.compounding:
            unit = "个百分点"  # the yearly change of a percentage is in percentage points
        # The pace is signed (target − latest over the years left); it is a task only in the
        # better direction, said with its verb: a ceiling's "需年均降低0.03个百分点" too.
        good = -f.required_pace if f.direction == "lower" else f.required_pace
        if good <= 0:
            return ""
        # A compounded reduction ("单位GDP能耗降低") counts its reduction up: a positive pace
        # is a fall of the quantity.
        reduction = f.compounding and "降低" in f.name

        def moved(v: float) -> str:
            return str(self.t["down" if (v > 0) == reduction else "up"])

        flat = fmt_unit(abs(f.recent_pace), unit) == fmt_unit(0.0, unit)
        recent = (str(self.t["recent_flat"]) if flat else str(self.t["recent"].format(
            verb=moved(f.recent_pace), v=self.num(abs(f.recent_pace), unit))))
        return str(self.t["needed"].format(verb=moved(f.required_pace),
                                           req=self.num(abs(f.required_pace), unit),
                                           recent=recent))  # fmt: skip

    def projection(self, f: Facts, *, interval: bool) -> str:
        """The projection at the target year in words; the interval only when asked."""
        if f.projected is None:
            return ""
        gap = f.target_kind.judged_by_gap
        unit = "个百分点" if gap else f.unit
        if gap:
            s = str(self.t["projection_gap"].format(
                year=f.target_year, v=self.num(abs(f.projected), unit),
                dir=self.t["above" if f.projected >= 0 else "below"], ref=self.reference(f)))
        elif f.states_change:
            # a compounded change over the period: "预计到2025年累计降低6.07%", not "2025年为6.07%"
            down = "降低" in f.name or "下降" in f.name
            key = "projection_change_down" if down else "projection_change_up"
            s = str(self.t[key].format(year=f.target_year, v=self.num(f.projected, unit)))
        elif f.target_kind.judged_as_rate:
            years = str(self.t["years"].format(a=f.base_year + 1, b=f.target_year))
            verb = self.t["grow" if f.projected >= 0 else "shrink"]
            v = self.num(abs(f.projected), unit)
            s = str(self.t["projection_rate"].format(years=years, verb=verb, v=v))
        else:
            s = str(self.t["projection"].format(year=f.target_year,
                                                v=self.num(f.projected, unit)))  # fmt: skip
        if interval and f.lo is not None and f.hi is not None:
            lo, hi = fmt_unit(f.lo, unit, coarse=True), fmt_unit(f.hi, unit, coarse=True)
            s += str(self.t["interval"].format(level=f.level, lo=lo, hi=hi + self.unit(unit)))
        if f.p_meet is not None:
            s += str(self.t["chance"].format(p=self.chance(f.p_meet)))
        return s

    def skew(self, f: Facts) -> str:
        """Why the chance and the central projection point different ways, where they do."""
        if None in (f.projected, f.p_meet, f.lo, f.hi):
            return ""
        goal = f.target_low if f.direction != "lower" else f.target_high
        if goal is None or f.target_kind.judged_by_gap:
            return ""
        assert f.projected is not None and f.p_meet is not None  # for mypy
        assert f.lo is not None and f.hi is not None
        shown, target = float(fmt_unit(f.projected, f.unit)), float(fmt_unit(goal, f.unit))
        if shown == target:
            return ""
        misses = shown < target if f.direction != "lower" else shown > target
        if misses and f.p_meet >= 0.5:
            return self.join(self.t["skew_up"])
        if not misses and f.p_meet < 0.5:
            return self.join(self.t["skew_down"])
        return ""

    def periods(self, items: tuple[str, ...]) -> str:
        """Period labels as one enumeration ("2021年"; "2021" in English)."""
        text = str(self.lab["enum_sep"]).join(items)
        return text if self.lang == "zh" else _english_periods(text)

    def join(self, *clauses: str) -> str:
        """Clauses of one sentence, joined with the language's comma, closed with a stop."""
        parts = [x for x in clauses if x]
        if not parts:
            return ""
        text = str(self.t["comma"].join(parts) + self.t["stop"])
        if self.lang == "en":
            text = _english_periods(text[:1].upper() + text[1:])
        return text


# ----------------------------------------------------------------------------- per conclusion


def _achieved(f: Facts, s: _Say) -> list[str]:
    t = s.t
    if f.met_now:
        return [s.join(s.status(f), t["met_early"].format(target=s.target(f)))]
    return [s.join(s.status(f), s.pace(f), t["ahead"].format(target=s.target(f))),
            s.join(s.projection(f, interval=False))]  # fmt: skip


def _on_track(f: Facts, s: _Say) -> list[str]:
    t = s.t
    kept = f.met_now and f.target_kind.is_threshold
    met = t["met_keep"].format(target=s.target(f)) if kept else ""
    first = s.join(s.status(f), met or s.pace(f))
    if f.target_kind.judged_by_gap:
        second = s.join(s.projection(f, interval=False), t["on_track_gap"])
    else:
        second = s.join(s.projection(f, interval=False),
                        t["on_track"].format(target=s.target(f)))  # fmt: skip
    return [first, second, s.skew(f)]


def _recent_suffices(f: Facts) -> bool:
    """Whether the recent yearly pace already reaches the pace the remaining years need."""
    if f.required_pace is None or f.recent_pace is None:
        return False
    if f.target_kind.judged_as_rate and f.direction == "lower":
        return f.recent_pace <= f.required_pace  # a ceiling on a signed rate
    return f.recent_pace >= f.required_pace


def _behind(f: Facts, s: _Say) -> list[str]:
    t = s.t
    first = s.join(s.status(f), s.pace(f) or (t["not_met"] if f.met_now is False else ""))
    needed = s.needed(f)
    # "需加快推进" right after a recent pace that already suffices would contradict it: the
    # conclusion then rests on the projection, which the next sentence gives.
    second = (s.join(needed) if needed and _recent_suffices(f)
              else s.join(needed, t["accelerate"]) if needed else s.join(t["accelerate"]))
    third = s.join(s.projection(f, interval=True))
    binding = s.join(t["binding_ensure"]) if f.binding else ""
    return [first, second, third, s.skew(f), binding]


def _unlikely(f: Facts, s: _Say) -> list[str]:
    t = s.t
    first = s.join(s.status(f), s.pace(f) or (t["not_met"] if f.met_now is False else ""))
    needed = s.needed(f)
    second = s.join(s.projection(f, interval=False), t["unlikely"].format(target=s.target(f)))
    reason = s.join(t["reason"].format(text=needed)) if needed else ""
    if f.binding:
        proposal = s.join(t["binding_keep"])
    elif f.suggested_target and f.suggested_target != f.target_text:
        proposal = s.join(t["propose"].format(orig=f.target_text, new=f.suggested_target))
    else:
        proposal = ""
    return [first, second, reason, s.skew(f), proposal]


def _pending(f: Facts, s: _Say) -> list[str]:
    t = s.t
    who = f.departments.replace("、", s.lab["enum_sep"]) if f.departments else t["dept_unknown"]
    out = []
    if f.missing or not f.awaited:
        what = f.missing or t["missing_unknown"]
        out.append(s.join(t["pending"].format(name=f.name, what=what, who=who)))
    if f.awaited:
        key = "awaited_more" if out else "awaited"
        out.append(s.join(t[key].format(name=f.name, periods=s.periods(f.awaited))))
    if f.target_kind.judged_by_years:
        out.append(s.join(t["pending_assigned"]))
    return out


#: The mid-term sentences, one function per conclusion (a final evaluation adds its own table).
MIDTERM_SENTENCES: dict[str, Callable[[Facts, _Say], list[str]]] = {
    "A": _achieved,
    "B": _on_track,
    "C": _behind,
    "D": _unlikely,
    "insufficient_data": _pending,
}


def indicator_text(f: Facts, lang: str) -> str:
    """The sentences about one indicator (its parts included), as one paragraph."""
    s = _Say(lang)
    write = MIDTERM_SENTENCES.get(f.grade, _pending)
    sentences = [x for x in write(f, s) if x]
    if f.override_reason:
        sentences.append(s.join(s.t["override"].format(
            computed=s.lab["grade_short"].get(f.computed_grade, f.computed_grade),
            final=s.lab["grade_short"].get(f.grade, f.grade),
            reason=f.override_reason.rstrip("。.；; "))))  # fmt: skip
    pending_parts = [p for p in f.parts if p.grade == "insufficient_data" or p.midterm is None]
    if f.grade == "insufficient_data" and f.parts and len(pending_parts) == len(f.parts):
        sentences.append(s.join(s.t["parts_all_pending"].format(
            names=s.lab["enum_sep"].join(p.name for p in f.parts), k=len(f.parts))))
    else:
        sentences += [part_text(f, p, s) for p in f.parts]
    return "".join(sentences) if lang == "zh" else _singular_en(" ".join(sentences))


def part_text(parent: Facts, p: Facts, s: _Say) -> str:
    """One sentence on a composite part."""
    t = s.t
    if p.grade == "insufficient_data" or p.midterm is None:
        return s.join(t["part_pending"].format(name=p.name, what=p.missing or t["missing_unknown"]))
    return s.join(t["part"].format(name=p.name, v=s.num(p.midterm, p.unit), target=s.target(p),
                                   grade=s.lab["grade_short"].get(p.grade, p.grade)))  # fmt: skip


def table_reason(f: Facts, lang: str) -> str:
    """The short reason the 附件6 table prints for C, D and 数据待补充 (the report says more;
    the row already shows the name, the mid-term figure and the projection)."""
    s = _Say(lang)
    t = s.t
    if f.grade == "insufficient_data":
        who = f.departments.replace("、", s.lab["enum_sep"]) if f.departments else t["dept_unknown"]
        said = []
        if f.missing or not f.awaited:
            said.append(s.join(t["tbl_pending"].format(what=f.missing or t["missing_unknown"],
                                                       who=who)))
        if f.awaited:
            said.append(s.join(t["tbl_awaited"].format(periods=s.periods(f.awaited))))
        return ("" if s.lang == "zh" else " ").join(said)
    if f.grade not in ("C", "D"):
        return ""
    pace = ""
    if (f.target_kind.judged_by_years or f.target_kind.judged_as_rate
            or (f.completion is not None and f.completion < 0)):
        pace = s.pace(f)
    elif f.completion is not None and f.time_elapsed is not None:
        pace = t["tbl_pace"].format(c=s.pct(f.completion), te=s.pct(f.time_elapsed))
    elif f.met_now is False:
        pace = t["not_met"]
    chance = t["tbl_chance"].format(p=s.chance(f.p_meet)) if f.p_meet is not None else ""
    return s.join(pace, s.needed(f), chance)


# ----------------------------------------------------------------------------- the opening


# "1" alone, not the end of 9.1 or 2021
_ONE_NOUN = re.compile(r"(?<![\d.,])1 ((?:assessed |main )?)(indicator|part|year)s\b")
_ONE_VERB = re.compile(r"(?<![\d.,])1 ((?:more |indicator )?)(have|await|lack|are)\b")
_SINGULAR = {"have": "has", "await": "awaits", "lack": "lacks", "are": "is"}


def _singular_en(text: str) -> str:
    """English counts of one in the singular ("1 indicator", "1 more has")."""
    text = _ONE_NOUN.sub(r"1 \1\2", text)
    return _ONE_VERB.sub(lambda m: f"1 {m.group(1)}{_SINGULAR[m.group(2)]}", text)


def opening(facts: list[Facts], lang: str, *, plan_name: str, n_parts: int,
            as_of: _dt.date, indicators_in_plan: int | None = None) -> list[str]:  # fmt: skip
    """The opening summary: what was evaluated, counts by conclusion over the graded indicators,
    how many are still 数据待补充, the C and D indicators named, binding ones behind schedule.

    ``indicators_in_plan`` (the plan's own count when the table lists only some of its main
    indicators) makes the first sentence say how many the plan sets and how many are evaluated.
    """
    lines = _opening(facts, lang, plan_name=plan_name, n_parts=n_parts, as_of=as_of,
                     indicators_in_plan=indicators_in_plan)  # fmt: skip
    return lines if lang == "zh" else [_singular_en(x) for x in lines]


def _opening(facts: list[Facts], lang: str, *, plan_name: str, n_parts: int,
             as_of: _dt.date, indicators_in_plan: int | None) -> list[str]:  # fmt: skip
    s = _Say(lang)
    t, lab = s.t, s.lab
    sep = lab["enum_sep"]
    n = len(facts)
    parts_note = t["parts_note"].format(k=n_parts) if n_parts else ""
    noun = "" if plan_name.endswith(t["main_indicators"]) else t["main_indicators"]
    dates = t["open_dates"].format(as_of=c.fmt_date(as_of, lang), year=c.annual_year(as_of))
    if any(f.target_kind.completed_as_total for f in facts) and not all(f.awaited for f in facts):
        dates += t["open_dates_total"].format(month=c.fmt_month(as_of, lang))
    if indicators_in_plan is not None and indicators_in_plan > n:
        scope = t["open_scope_subset"].format(plan_name=plan_name, m=indicators_in_plan, n=n,
                                              parts_note=parts_note)  # fmt: skip
    else:
        scope = t["open_scope"].format(plan_name=plan_name, n=n, noun=noun, parts_note=parts_note)
    out = [s.join(scope, dates)]
    te = _time_elapsed_text(facts, s, as_of)
    if te:
        out.append(s.join(te))
    graded = [f for f in facts if f.grade != "insufficient_data"]
    # awaited: no plan year has ended for them; the others lack figures someone can supply
    awaited = [f for f in facts if f.grade == "insufficient_data" and f.awaited]
    pending = n - len(graded) - len(awaited)
    if not graded and awaited:
        periods = s.periods(awaited[0].awaited)
        key = "open_awaited" if len(awaited) == n else "open_awaited_some"
        out.append(s.join(t[key].format(periods=periods, w=len(awaited))))
        asked = sum(bool(f.missing) for f in facts)
        if asked:
            out.append(s.join(t["open_awaited_asked"].format(k=asked)))
        return out
    if not graded:
        out.append(s.join(t["open_none_graded"].format(n=n)))
        return out
    counts = [t["count_item"].format(label=t["grade_words"][g], n=k) for g in "ABCD"
              if (k := sum(f.grade == g for f in graded))]  # fmt: skip
    head = t["open_graded"].format(g=len(graded), items=t["comma"].join(counts))
    wait = (t["open_pending_awaited"].format(w=len(awaited), periods=s.periods(awaited[0].awaited))
            if awaited else "")  # fmt: skip
    tail = t["open_pending_after" if wait else "open_pending"].format(m=pending) if pending else ""
    out.append((t["semicolon"].join(x for x in (head, wait, tail) if x)) + t["stop"])
    for g in ("C", "D"):
        names = [f.name for f in graded if f.grade == g]
        if names:
            out.append(s.join(t["open_named"].format(label=t["grade_words"][g],
                                                     names=sep.join(names))))  # fmt: skip
    if not any(f.grade in ("C", "D") for f in graded):
        out.append(s.join(t["open_no_lagging"].format(g=len(graded))))
    behind = [f for f in graded if f.binding and f.behind_schedule]
    # Behind the time schedule yet graded A or B (on its projection): said apart, so that the
    # sentence does not ask to "push" what the same report says will be met on time.
    lagging = [f.name for f in behind if f.grade in ("C", "D")]
    catching = [f.name for f in behind if f.grade not in ("C", "D")]
    if lagging:
        out.append(s.join(t["open_binding"].format(names=sep.join(lagging), n=len(lagging))))
    if catching:
        out.append(s.join(t["open_binding_on_track"].format(names=sep.join(catching),
                                                            n=len(catching))))
    return out


def _time_elapsed_text(facts: list[Facts], s: _Say, as_of: _dt.date) -> str:
    """Time elapsed at the evaluation date: annual figures at the last full year, five-year
    totals at the date itself (40 % and 50 % at 2023-06-30 of a 2021-2025 plan)."""
    if not facts:
        return ""
    base = facts[0].base_year
    span = facts[0].target_year - base
    annual = min(1.0, max(0.0, (c.annual_year(as_of) - base) / span))
    items = [s.t["te_annual"].format(te=s.pct(annual))]
    if any(f.target_kind.completed_as_total for f in facts) and not all(f.awaited for f in facts):
        total = (as_of.year - base - 1 + as_of.month / 12) / span
        items.append(s.t["te_total"].format(te=s.pct(min(1.0, max(0.0, total)))))
    return str(s.t["te"].format(items=s.lab["enum_sep"].join(items)))
