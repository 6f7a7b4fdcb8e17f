"""Reasons as facts, and facts in words.

:func:`reason_facts` states what the numbers say as a list of :class:`Fact` — a sentence code
with its figures, in no language. :func:`render` writes them in Chinese or English from the one
template table (``labels(lang)["reason"]`` in :mod:`indicator_forecast.report._labels`), so the
two languages say the same thing sentence for sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from indicator_forecast._format import fmt, pct
from indicator_forecast._progress_kit import awaited_periods
from indicator_forecast._words import Pace, Verb, unit_label, verb_of
from indicator_forecast.evaluate._basis_words import basis_words
from indicator_forecast.evaluate._outlook import IntervalBasis, interval_basis
from indicator_forecast.forecast.methods import method_label
from indicator_forecast.plan.targets import bound_form

if TYPE_CHECKING:
    from indicator_forecast.evaluate.result import IndicatorResult


@dataclass(frozen=True)
class Fact:
    """One sentence of a reason: its template code and its figures.

    Parameters
    ----------
    code : str
        Key of the template in ``labels(lang)["reason"]``.
    values : dict
        The figures, written by type: a float by :func:`~indicator_forecast._format.fmt`, a
        :class:`Share` as a percentage, a :class:`Unit` in the language's unit name, a
        :class:`Word` by its own template code, a period (or a
        :class:`~indicator_forecast._words.Pace`) by its ``label(lang)``, a nested
        :class:`Fact` (or a tuple of them) rendered in turn; text (names, targets as written)
        is printed as it is.
    """

    code: str
    values: dict[str, Any]


@dataclass(frozen=True)
class Share:
    """A ratio printed as a whole percentage ("—" when missing).

    Parameters
    ----------
    value : float or None
        The ratio (0.6 prints as 60 %); ``None`` when it could not be computed.
    """

    value: float | None


@dataclass(frozen=True)
class Unit:
    """A unit as written in the plan table; ``pace`` for a yearly pace ("亿元/年").

    Parameters
    ----------
    unit : str
        The unit as written in the plan table (``"亿元"``, ``"%"``), or a pace unit (``"亿元/年"``).
    pace : bool
        Whether it is the unit of a yearly pace: in English the "/年" is dropped and the unit
        named as for a figure.
    """

    unit: str
    pace: bool = False


@dataclass(frozen=True)
class Word:
    """A word from the template table (``labels(lang)["reason"][code]``).

    Parameters
    ----------
    code : str
        Key of the word in ``labels(lang)["reason"]`` (e.g. ``"assigned_met"``).
    """

    code: str


@dataclass(frozen=True)
class Method:
    """A projection method by its code name, written by ``method_label``.

    Parameters
    ----------
    name : str
        The method's code name (``Outlook.model``), as known to
        :func:`~indicator_forecast.forecast.methods.method_label`.
    """

    name: str


@dataclass(frozen=True)
class Departments:
    """The responsible departments (proper names), or the template's wording when none.

    Parameters
    ----------
    names : tuple of str
        The departments, printed as written in either language, joined by the template's
        ``dept_sep``.
    unknown : str
        Key of the template wording printed when ``names`` is empty (default
        ``"dept_unknown"``).
    """

    names: tuple[str, ...]
    unknown: str = "dept_unknown"


@dataclass(frozen=True)
class Missing:
    """Missing figures, each written by ``Missing.text(lang)``.

    Parameters
    ----------
    items : tuple
        The missing figures (:class:`indicator_forecast.progress.Missing`), joined by the
        template's ``list_sep``; in English their period labels are translated.
    """

    items: tuple[Any, ...]


@dataclass(frozen=True)
class Periods:
    """Period labels ("2021年"), joined by 、 (in English translated and joined by commas).

    Parameters
    ----------
    items : tuple of str
        The Chinese period labels.
    """

    items: tuple[str, ...]


@dataclass(frozen=True)
class Localised:
    """A sentence that comes in both languages already (a classification note).

    Parameters
    ----------
    zh : str
        The Chinese text.
    en : str
        The English text.
    """

    zh: str
    en: str


@cache  # the same table object each time; looked up per figure of every reason
def labels(lang: str) -> dict[str, Any]:
    """The label table of ``lang`` (imported late: the report package imports this one).

    Parameters
    ----------
    lang : {"zh", "en"}
        The language of the table.

    Returns
    -------
    dict
        The table of :func:`indicator_forecast.report._labels.labels`: section name (``"reason"``,
        ``"narr"``, ``"what"`` …) to its labels and templates.

    Raises
    ------
    ValueError
        If ``lang`` is not a language of the tables.
    """
    from indicator_forecast.report._labels import labels as table

    return table(lang)


def grade_label(grade: str, lang: str = "zh") -> str:
    """The printed label of a grade or final-status code (one table for every output).

    Parameters
    ----------
    grade : str
        A grade code (``"on_track"``, ``"insufficient_data"`` …) or a final-status code.
    lang : {"zh", "en"}
        Output language: Chinese (the default) or English.

    Returns
    -------
    str
        The label as printed in reports and tables; the code itself when the table does not
        know it.
    """
    from indicator_forecast.report._labels import grade_label as label

    return label(grade, lang)


_lab = labels


def _period_en(text: str) -> str:
    """Chinese period labels from the data layer in English ("2021年" → "2021")."""
    text = re.sub(r"(\d{4})年1-(\d{1,2})月", r"\1 Jan-M\2", text)
    text = text.replace("年度计划", "the annual plan").replace("市下达", "the city")
    return re.sub(r"(\d{4})年", r"\1", text).replace("、", ", ")


def _word(v: Any, lang: str, t: dict[str, Any]) -> str:
    # The common exact types first (a reason has ~20 figures and there are thousands of
    # indicators in a batch); subclasses and the rest go through the isinstance chain.
    tp = type(v)
    if tp is float or v is None:
        return fmt(v)
    if tp is Fact:
        return render_fact(v, lang)
    if tp is str:
        return v  # type: ignore[no-any-return]
    if tp is int:
        return str(v)
    return _word_by_kind(v, lang, t)


def _word_by_kind(v: Any, lang: str, t: dict[str, Any]) -> str:
    if isinstance(v, Fact):
        return render_fact(v, lang)
    if isinstance(v, tuple):
        return str(t["item_sep"]).join(_word(x, lang, t) for x in v)
    if isinstance(v, Share):
        return pct(v.value)
    if isinstance(v, Unit):
        return (v.unit if lang == "zh" else unit_label(v.unit.removesuffix("/年"), lang)) if (
            v.pace) else unit_label(v.unit, lang)
    if isinstance(v, Word):
        return str(t[v.code])
    if isinstance(v, Method):
        return method_label(v.name, lang)
    if isinstance(v, Departments):
        return str(t["dept_sep"]).join(v.names) if v.names else str(t[v.unknown])
    if isinstance(v, Missing):
        text = str(t["list_sep"]).join(m.text(lang) for m in v.items)
        return text if lang == "zh" else _period_en(text)
    if isinstance(v, Periods):
        return "、".join(v.items) if lang == "zh" else _period_en(", ".join(v.items))
    if isinstance(v, Localised):
        return v.zh if lang == "zh" else v.en
    if isinstance(v, bool):
        raise TypeError("a reason's figure cannot be a bare bool: use a Word")
    if isinstance(v, int):
        return str(v)
    if v is None or isinstance(v, float):
        return fmt(v)
    if hasattr(v, "label"):
        return str(v.label(lang))
    return str(v)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def render_fact(f: Fact, lang: str = "zh") -> str:
    """One fact in words.

    Parameters
    ----------
    f : Fact
        The fact: its template is filled with its figures, each written by type.
    lang : {"zh", "en"}
        Output language: Chinese (the default) or English.

    Returns
    -------
    str
        The sentence.

    Raises
    ------
    TypeError
        If a figure is a bare ``bool`` (a :class:`Word` must say it).
    """
    return _render(f, lang, _lab(lang)["reason"])


def _render(f: Fact, lang: str, t: dict[str, Any]) -> str:
    """:func:`render_fact` with the language's templates given; each figure as :func:`_word`
    writes it, the common exact types tested inline (tens of figures per reason, thousands of
    reasons in a batch)."""
    words: dict[str, str] = {}
    for k, v in f.values.items():
        tp = type(v)
        if tp is float or v is None:
            words[k] = fmt(v)
        elif tp is str:
            words[k] = v
        elif tp is Fact:
            words[k] = _render(v, lang, t)
        elif tp is Share:
            words[k] = pct(v.value)
        elif tp is int:
            words[k] = str(v)
        elif tp is Unit and not v.pace:
            words[k] = v.unit if lang == "zh" else unit_label(v.unit, lang)
        elif tp is Word:
            words[k] = str(t[v.code])
        elif tp is Localised:
            words[k] = v.zh if lang == "zh" else v.en
        else:
            words[k] = _word_by_kind(v, lang, t)
    return str(t[f.code]).format(**words)


def render(facts: list[Fact], lang: str = "zh") -> str:
    """Facts as sentences in ``lang`` (English sentences start with a capital).

    Parameters
    ----------
    facts : list of Fact
        The sentences, in order.
    lang : {"zh", "en"}
        Output language: Chinese (the default) or English.

    Returns
    -------
    str
        The sentences joined by the template's ``join``.
    """
    t = _lab(lang)["reason"]
    out = [_render(f, lang, t) for f in facts]
    if lang != "zh":
        out = [_capital(s) for s in out]
    return str(t["join"]).join(out)


def missing_text(r: IndicatorResult, lang: str = "zh") -> str:
    """The missing figures of an indicator in words ("" when none).

    Parameters
    ----------
    r : IndicatorResult
        The indicator's result; its ``progress.missing`` are listed (blocking or not), except
        the figures of a period not yet ended, which no one can supply.
    lang : {"zh", "en"}
        Output language: Chinese (the default) or English.

    Returns
    -------
    str
        The missing figures joined by the template's ``list_sep``.
    """
    asked = tuple(m for m in r.progress.missing if not m.awaited)
    return _word(Missing(asked), lang, _lab(lang)["reason"])


def _no_outlook_why(why: str | None) -> Any:
    if not why:
        return Word("no_projection_why")
    if not re.search(r"[\u4e00-\u9fff]", why):
        return why
    for pattern, en in _lab("en")["no_outlook"]:
        m = re.fullmatch(pattern, why)
        if m:
            return Localised(why, str(en).format(*m.groups()))
    raise KeyError(f"no English text for the no-projection reason {why!r}: add it to "
                   "labels('en')['no_outlook']")


def no_outlook_text(why: str | None, lang: str = "zh") -> str:
    """Why an indicator was not projected, in ``lang``.

    Parameters
    ----------
    why : str or None
        The reason as recorded (``IndicatorResult.no_outlook_reason``, usually Chinese); ``None``
        or empty for the template's generic wording.
    lang : {"zh", "en"}
        Output language: Chinese (the default) or English.

    Returns
    -------
    str
        The reason in ``lang``: a Chinese reason is translated by the patterns of
        ``labels("en")["no_outlook"]``, a reason without Chinese characters is printed as is.

    Raises
    ------
    KeyError
        If a Chinese reason matches none of those patterns (in either language, so that a
        missing translation is found on the Chinese run too).
    """
    return _word(_no_outlook_why(why), lang, labels(lang)["reason"])


def note_text(note: str, lang: str = "zh") -> str:
    """A progress note (written in Chinese by the progress layer) in ``lang``.

    English comes from the patterns of ``labels("en")["progress_notes"]``; a note no pattern
    knows stays as written (the English-output test lists it).

    Parameters
    ----------
    note : str
        The note as written by the progress layer.
    lang : {"zh", "en"}
        Output language: Chinese (the default) or English.

    Returns
    -------
    str
        The note in ``lang``.
    """
    if lang == "zh":
        return note
    for pattern, en in labels(lang)["progress_notes"]:
        m = re.fullmatch(pattern, note)
        if m:
            groups = (re.sub(r"(\d{4})年新增数暂按([-\d.e+]+)估算", r"the \1 amount estimated at \2",
                             g) for g in m.groups())
            return str(en).format(*(_period_en(g) for g in groups))
    return note


def period_text(text: str) -> str:
    """Period labels of the data layer ("2021年、2022年1-6月") in English.

    Parameters
    ----------
    text : str
        One or more period labels, as written by the data layer.

    Returns
    -------
    str
        The labels in English ("2021, 2022 Jan-M6").
    """
    return _period_en(text)


# A reason's words, units, methods and departments are immutable and few: one object each.
_unit = cache(Unit)
_word_of = cache(Word)
_verb = cache(Verb)
_method = cache(Method)
_departments = cache(Departments)


def reason_facts(r: IndicatorResult) -> list[Fact]:
    """The sentences of an indicator's reason, as codes with their figures.

    Which sentences depends on the grade and the target kind: what is missing (and who
    supplies it) when the data are insufficient; else the progress in the kind's terms (a total,
    a rate, growth gaps, yearly assigned figures, a level against its base), the projection or
    why there is none, the pace still needed, whether the cap on the grade bound, and the
    figures still missing.

    Parameters
    ----------
    r : IndicatorResult
        The evaluated indicator.

    Returns
    -------
    list of Fact
        The sentences in order, in no language; :func:`render` writes them.
    """
    pr, ind, o, c = r.progress, r.indicator, r.outlook, r.classification
    t = ind.target
    depts = _departments(tuple(ind.departments))
    unit = _unit(ind.unit)
    F = Fact  # noqa: N806
    out: list[Fact] = []
    if c.grade == "insufficient_data":
        asked = tuple(m for m in pr.missing if not m.awaited)
        awaited = tuple(m for m in pr.missing if m.awaited)
        if asked or not awaited:
            out.append(F("pending", {"missing": Missing(asked), "departments": depts}))
        if awaited:
            out.append(F("awaited", {"periods": Periods(awaited_periods(awaited))}))
        if t.judged_by_years:
            out.append(F("pending_assigned", {}))
        return out
    period = pr.midterm_period if pr.midterm_period else ""
    elapsed = Share(pr.time_elapsed)
    if t.completed_as_total:
        out.append(F("total", {"period": period, "value": pr.midterm_value, "unit": unit,
                               "target": pr.target_value, "completion": Share(pr.completion),
                               "elapsed": elapsed}))
    elif t.judged_as_rate:
        out.append(_rate(pr, t))
        if pr.required_pace is not None:
            out.append(F("rate_needed", {"pace": pr.required_pace}))
    elif t.judged_by_gap:
        gaps = tuple(F("gap_item", {"year": y, "own": own, "ref": ref, "gap": g})
                     for y, own, ref, g in pr.gaps)  # fmt: skip
        out.append(F("gaps" if len(gaps) > 1 else "gaps_one",  # one year: no average
                     {"gaps": gaps, "value": pr.midterm_value}))
    elif t.judged_by_years:
        yrs = tuple(F("assigned_item", {"year": y, "actual": a, "target": t, "unit": unit,
                                        "met": _word_of("assigned_met" if m else "assigned_missed")})
                    for y, a, t, m in pr.yearly_met)  # fmt: skip
        out.append(F("assigned", {"years": yrs}))
    elif t.is_change and t.compounding:
        verb = "reduction" if getattr(t, "change", "") == "reduction" else "rise"
        out.append(F("change_compound", {
            "period": period, "verb": _verb(verb), "value": pr.midterm_value, "unit": unit,
            "point": ind.target.point, "expected": pr.expected_value, "elapsed": elapsed}))
    else:
        base: Any = (
            ""
            if pr.baseline is None
            else F("base", {"year": pr.base_year, "baseline": pr.baseline, "unit": unit})
            if pr.baseline_year is None
            else F("base_substitute", {"year": pr.baseline_year, "baseline": pr.baseline,
                                       "unit": unit})
        )
        goal = (F("goal_change", {"target": ind.target.text, "value": pr.target_value,
                                  "unit": unit})
                if t.is_change
                else F("goal", {"target": ind.target.text, "unit": unit}))  # fmt: skip
        out.append(F("level", {"period": period, "value": pr.midterm_value, "unit": unit,
                               "base": base, "goal": goal}))
        if pr.completion is not None:
            out.append(F("completion", {"completion": Share(pr.completion), "elapsed": elapsed,
                                        "expected": pr.expected_value, "unit": unit}))
        if t.is_threshold and pr.met_now is not None:
            out.append(F("met_now" if pr.met_now else "not_met_now", {}))
    if o is not None:
        span = o.what in _SPAN_WHATS
        out.append(F("projection", {
            "method": _method(o.model), "what": _what(o.what),
            "years": _years(pr.base_year + 1 if span else pr.target_year, pr.target_year),
            "mean": o.mean, "unit": _unit(_WHAT_UNITS.get(o.what, ind.unit)), "level": o.level,
            "lo": o.lo, "hi": o.hi, "p": _chance(o.p_meet)}))
        basis = interval_basis(ind, pr)
        if basis is not None:  # issue 13: each calibration choice stated in words
            out.append(F("interval_basis", {
                "kind": _word_of(f"kind_{basis.kind}"), "points": basis.points,
                "before": _points_note(basis),
                "prior": F("interval_prior", {"w": Share(basis.prior_weight)})
                if basis.prior_weight > 0 else "",
                "factor": "" if basis.factor is None else F("interval_factor", {"c": basis.factor})
                if basis.roughness_bin < 0 else F("interval_factor_rough", {
                    "c": basis.factor, "b": basis.roughness_bin + 1, "c0": basis.pooled_factor})}))
        if o.floor is not None:
            out.append(F("floored", {"year": o.floor[0], "value": o.floor[1], "unit": unit}))
    else:
        out.append(F("no_projection", {"why": _no_outlook_why(r.no_outlook_reason)}))
    if (basis_change := basis_words(pr, ind.unit, projected=o is not None)) is not None:
        out.append(F("note", {"text": Localised(*basis_change)}))
    if pr.met_now and t.reason_pace_applies:
        out.append(F("met_end", {}))
    elif (pr.required_pace is not None and t.reason_pace_applies and pr.recent_pace is not None
          and t.is_change and t.compounding):
        out.append(_compound_pace(pr, t))
    elif pr.required_pace is not None and t.reason_pace_applies and pr.recent_pace is not None:
        out.append(_pace(pr, t))
    if c.capped_binding:
        out.append(F("capped_line" if c.capped_on == "line" else "capped", {}))
    non_blocking = tuple(m for m in pr.missing if not m.blocking)
    if non_blocking:
        out.append(F("still_missing", {"missing": Missing(non_blocking), "departments": depts}))
    return out


def _points_note(basis: IntervalBasis) -> Fact | str:
    """The brackets after the number of yearly figures: how many are before the base year and
    which were interpolated (a count that includes them must say so)."""
    years = Localised("、".join(f"{y}年" for y in basis.filled),
                      ", ".join(str(y) for y in basis.filled))
    if basis.before_base and basis.filled:
        return Fact("interval_before_filled", {"n": basis.before_base, "years": years})
    if basis.before_base:
        return Fact("interval_before", {"n": basis.before_base})
    if basis.filled:
        return Fact("interval_filled", {"years": years})
    return ""


_SPAN_WHATS = frozenset({"growth_rate", "gap_average", "flow"})  # over the plan's years
_WHAT_UNITS = {"growth_rate": "%", "log_reduction": "%", "gap_average": "个百分点"}


def _years(first: int, last: int) -> Fact:
    """"2021—2025年", or "2021年" for one year."""
    return Fact("years_span", {"a": first, "b": last}) if last > first else Fact(
        "year_one", {"a": last})


def _chance(p: float | None) -> Fact:
    """A probability as the reports say it: "约48%", and "不足1%" / "在99%以上" at the ends (a
    rounded 0 % or 100 % would claim a certainty the projection does not have)."""
    if p is not None and p < 0.01:
        return Fact("chance_low", {})
    if p is not None and p > 0.99:
        return Fact("chance_high", {})
    return Fact("chance", {"p": Share(p)})


def _rate_goal(t: Any) -> Fact:
    """The target rate in words from its bounds ("7%以上", "5%左右", "3%～5%")."""
    form = bound_form(t.low, t.high, t.direction, getattr(t, "approximate", False))
    key, nums = form if form is not None else ("plain", {"n": None})
    return Fact(f"goal_{key}", dict(nums))


def _rate(pr: Any, t: Any) -> Fact:
    """An average rate so far against the target rate: met so far or not (a rate has no share
    of time elapsed: two years at 8.55 % against 7 % are not "122 % done")."""
    m = re.search(r"\d{4}", str(pr.midterm_period or ""))
    last = int(m.group(0)) if m else pr.base_year + 1
    met = pr.met_now  # the realised average against the target rate, as progress judged it
    verdict: Any = "" if met is None else Fact("rate_met" if met else "rate_short",
                                               {"goal": _rate_goal(t)})
    code = "rate" if last > pr.base_year + 1 else "rate_one"
    return Fact(code, {"years": _years(pr.base_year + 1, last), "value": pr.midterm_value,
                       "verdict": verdict})


def _compound_pace(pr: Any, t: Any) -> Fact:
    """The yearly pace a compounded change still needs, as a rate: "需年均降低3.81%，近年年均降低
    0.97%、最好2.7%" (a recent change the wrong way is said with the other verb)."""
    down = getattr(t, "change", "") == "reduction"
    rv = pr.recent_pace
    recent = Fact("recent_pace", {"verb": _verb(verb_of(rv, down)), "v": abs(rv)})
    return Fact("pace_needed_compound", {"verb": _verb("reduction" if down else "rise"),
                                         "pace": pr.required_pace,
                                         "recent": recent, "best": pr.best_pace})


def _pace(pr: Any, t: Any) -> Fact:
    """The yearly pace still needed beside the recent and the best: a yearly amount for a
    total ("需年均完成300亿元，近年年均250亿元、最高280亿元"), otherwise a level's yearly change with
    its direction ("需年均提高0.49个百分点，近年年均提高1.21个百分点、最好提高1.25个百分点"; one
    that rounds to 0 is "基本持平", as :class:`~indicator_forecast._words.Pace` says it for a
    proposal too), never a signed pace ("需达到-0.03个百分点/年")."""
    u = pr.pace_unit.removesuffix("/年")
    if t.pace_is_amount:
        return Fact("pace_needed_amount", {"pace": pr.required_pace, "unit": _unit(u),
                                           "recent": pr.recent_pace, "best": pr.best_pace})
    return Fact("pace_needed", {"pace": Pace(pr.required_pace, u),
                                "recent": Pace(pr.recent_pace, u),
                                "best": Pace(pr.best_pace, u, best=True)})


@cache
def _what(code: str) -> Localised:
    """What a projection is of (``Outlook.what``, a code) in both languages."""
    return Localised(str(_lab("zh")["what"][code]), str(_lab("en")["what"][code]))


def reason(r: IndicatorResult, lang: str = "zh") -> str:
    """A few sentences per indicator with the numbers behind the conclusion.

    Parameters
    ----------
    r : IndicatorResult
        The evaluated indicator.
    lang : {"zh", "en"}
        Output language: Chinese (the default) or English.

    Returns
    -------
    str
        ``render(reason_facts(r), lang)``.
    """
    return render(reason_facts(r), lang)
