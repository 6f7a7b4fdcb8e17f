"""Parse a target as officials write it ("累计 1400", "3-5", "＞84", "85 左右", "〔13.5〕", …).

The parser never guesses: a text that matches none of the accepted forms raises
:class:`~indicator_forecast.exceptions.TargetParseError` quoting the text and listing the forms.
Where the text alone is ambiguous (a plain "16"), the indicator's name and unit decide, by
rules written out below:

* a name that is a growth rate ("…增长率", "…增长", "…增速") makes the number an average annual
  rate;
* a name that starts with 新增/新建 (new additions) makes a plain number a five-year cumulative
  total (the Putuo plan's "新增景观特色道路 50 条(段)");
* a lower-is-better name (死亡率, 失业, 事故, 浓度, …, unless it is itself a reduction: 降低/下降)
  makes a plain number a ceiling;
* otherwise a plain number is an end-of-period level.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pydantic import ValidationError

from indicator_forecast._typing import Direction
from indicator_forecast.exceptions import TargetParseError
from indicator_forecast.plan.targets import (
    DEFAULT_BAND_TOLERANCE_SHARE,
    AnnualRateTarget,
    BandTarget,
    CeilingTarget,
    CompositePart,
    CompositeTarget,
    CumulativeChangeTarget,
    CumulativeTotalTarget,
    EndLevelTarget,
    FloorTarget,
    ParentAssignedTarget,
    ParentSyncedTarget,
    RelativeToIndicatorTarget,
    RunningLevelTarget,
    Target,
)

ACCEPTED_FORMS = (
    "a number ('16', '4000'); a range ('3-5', '10～20', '3至5'); "
    "'累计 1400' / '累计 10-20' (five-year total); '累计达到1000' (running level); "
    "'>84', '84以上', '不低于84' (floor); '<5.5', '5.5以内', '不高于5.5' (ceiling); "
    "'85左右', '约85' (approximate); '〔13.5〕' (five-year cumulative change); "
    "'与市保持同步', '高于全市' (in step with or above the parent); '完成市下达目标' (set by the "
    "parent); "
    "'高于GDP增长', '与经济增长基本同步' (relative to another indicator); "
    "'40（智能软件12、研发服务8）' (composite); an optional '力争…' clause"
)

_NUM = r"\d+(?:\.\d+)?"
_RANGE_SEP = r"(?:-|–|—|~|至|到)"
_JURISDICTIONS = ("全国", "国家", "全省", "省", "全市", "市", "全区", "区", "上级")
_GROWTH_NAME = re.compile(r"(年均增长率?|增长率|增长|增速)$")
_LOWER_BETTER = (
    "死亡率", "失业", "事故", "发案", "浓度", "PM2.5", "PM25", "发生率", "致死", "亡人",
    "能耗", "排放", "用水量", "贫困", "负债率", "超标",
)
_REDUCTION_WORDS = ("降低", "下降", "减少", "削减", "压减")
_INCREASE_WORDS = ("提高", "提升", "增加", "增长")


def normalise_text(text: str) -> str:
    """Fold full-width characters, unify brackets and dashes, drop spaces."""
    s = unicodedata.normalize("NFKC", str(text))
    s = s.replace("〔", "[").replace("〕", "]").replace("【", "[").replace("】", "]")
    s = s.replace("（", "(").replace("）", ")").replace("，", ",").replace("；", ";")
    s = s.replace("−", "-").replace("﹣", "-").replace("～", "~").replace("〜", "~")
    # A space between two digits ("12 34") is kept as a mark that no form accepts: never guess.
    s = re.sub(r"(?<=\d)\s+(?=\d)", "␣", s)
    s = re.sub(r"\s+", "", s)
    return s


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def infer_direction(name: str | None) -> Direction:
    """Whether higher or lower is better, from the indicator's name (higher by default)."""
    if not name:
        return "higher"
    n = normalise_text(name)
    if any(w in n for w in _REDUCTION_WORDS):
        return "higher"
    if any(w in n for w in _LOWER_BETTER):
        return "lower"
    return "higher"


def _is_growth_name(name: str | None, unit: str | None) -> bool:
    if not name:
        return False
    n = normalise_text(name)
    if unit is not None and normalise_text(unit) not in ("%", ""):
        return False
    return bool(_GROWTH_NAME.search(n)) and not any(w in n for w in ("占比", "比重", "比例"))


def _is_new_additions(name: str | None) -> bool:
    return bool(name) and normalise_text(name or "").startswith(
        ("新增", "新建", "新开工", "新引进")
    )


def _strip_unit_suffix(s: str, unit: str | None) -> str:
    """Remove a trailing unit written into the target cell ("50条(段)", "1400亿元", "5%")."""
    cands = [u for u in (normalise_text(unit) if unit else None,) if u]
    cands += ["条(段)", "%", "亿元", "万元", "元", "个", "家", "张", "件", "岁", "条", "段",
              "万平方米", "平方米", "人", "万人", "亿吨", "万吨"]
    for u in sorted(cands, key=len, reverse=True):
        if s.endswith(u) and re.search(_NUM + "$", s[: -len(u)]):
            return s[: -len(u)]
    return s


def _split_clauses(s: str) -> tuple[str, str | None, str | None]:
    """Split off a '力争…' clause and a trailing bracketed note."""
    aspiration = None
    note = None
    m = re.match(r"^(.*?)[,、;]?(力争.*)$", s)
    if m and m.group(1):
        s, aspiration = m.group(1), m.group(2)
    elif s.startswith("力争"):
        aspiration = s
        s = s[2:]
    m = re.match(r"^(.*?)\(([^()]*)\)$", s)
    if m and m.group(1) and not re.search(r"\d", m.group(2)):
        s, note = m.group(1), m.group(2)
    elif m and m.group(1).startswith("["):
        s, note = m.group(1), m.group(2)
    return s, aspiration, note


def parse_target(
    text: str,
    *,
    unit: str | None = None,
    name: str | None = None,
    direction: Direction | None = None,
    base_year: int = 2020,
    target_year: int = 2025,
    band_tolerance: float | None = None,
) -> Target:
    """Parse a target text into a typed target.

    Parameters
    ----------
    text : str
        The target as written ("累计 1400", "3-5", "＞84", "85 左右", "完成市下达目标", …).
        Full-width and half-width digits and symbols, spaces, and the range separators
        - – ～ 至 are all accepted.
    unit : str, optional
        The indicator's unit; decides between a rate and a level, and is stripped where it is
        written into the cell ("50 条(段)").
    name : str, optional
        The indicator's name; decides the direction (lower is better for a death rate) and, for
        a plain number, the kind (see the module docstring).
    direction : {"higher", "lower"}, optional
        Overrides the direction inferred from the name and the text.
    base_year, target_year : int
        The plan period (2020 and 2025 for a 2021–2025 plan).
    band_tolerance : float, optional
        Half-width of a "左右" band in the indicator's unit; by default 2 % of the value.

    Returns
    -------
    Target
        One of the target kinds; ``kind`` names it.

    Raises
    ------
    TargetParseError
        If the text matches none of the accepted forms, or its numbers break a rule of the
        kind (a range written high to low, a number too large).

    Examples
    --------
    >>> t = parse_target("累计 1400", unit="亿元", name="新增固定资产投资总额")
    >>> (t.kind, t.low, t.high)
    ('cumulative_total', 1400.0, 1400.0)
    >>> parse_target("3-5", unit="%", name="区级一般公共预算收入年均增长率").kind
    'annual_rate'
    """
    try:
        return _parse_target(text, unit=unit, name=name, direction=direction, base_year=base_year,
                             target_year=target_year, band_tolerance=band_tolerance)
    except ValidationError as exc:
        raise TargetParseError(
            str(text), "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
        ) from None


def _parse_target(
    text: str,
    *,
    unit: str | None = None,
    name: str | None = None,
    direction: Direction | None = None,
    base_year: int = 2020,
    target_year: int = 2025,
    band_tolerance: float | None = None,
) -> Target:
    """Body of :func:`parse_target` (which turns rule failures into TargetParseError)."""
    if not isinstance(text, str) or not text.strip():
        raise TargetParseError(str(text), f"the target is empty; accepted forms: {ACCEPTED_FORMS}")
    raw = text
    s = _strip_unit_suffix(normalise_text(text), unit)
    s, aspiration, note = _split_clauses(s)
    if aspiration is not None and "力争" in raw:
        aspiration = raw[raw.index("力争"):].strip()
    if not s:
        raise TargetParseError(
            raw, f"no target before the '力争' clause; accepted forms: {ACCEPTED_FORMS}"
        )
    inferred = direction or infer_direction(name)
    common: dict[str, Any] = dict(
        text=raw.strip(), unit=unit, base_year=base_year, target_year=target_year,
        aspiration=aspiration, note=note,
    )
    growth = _is_growth_name(name, unit)

    # Set by the parent / each year.
    m = re.fullmatch(
        r"(?:完成|达到|落实)?(全国|国家|全省|省|全市|市|上级)(?:下达|下发|核定)(?:的)?(?:目标|任务|指标)(?:任务)?",
        s,
    )
    if m:
        return ParentAssignedTarget(setter=m.group(1).lstrip("全"), direction=inferred, **common)
    if re.search(r"各年度视情提出|年度视情确定|每年(?:视情)?(?:确定|提出)", s):
        return ParentAssignedTarget(setter="年度计划", direction=inferred, **common)

    # In step with the parent, or relative to another indicator.
    m = re.fullmatch(r"与(.+?)(?:保持|基本)?(?:同步|相适应|相协调)(?:增长)?", s)
    if m:
        ref = m.group(1).removesuffix("保持").removesuffix("基本")
        if ref in _JURISDICTIONS or ref.lstrip("全") in _JURISDICTIONS:
            return ParentSyncedTarget(parent=ref.lstrip("全") or ref, direction=inferred, **common)
        return RelativeToIndicatorTarget(
            reference=ref, relation="in_step", direction=inferred, **common
        )
    m = re.fullmatch(r"(?:高于|快于|超过|不低于)(.+?)(?:增长|增速)?", s)
    if m and not re.fullmatch(_NUM + r".*", m.group(1)):
        ref = m.group(1)
        full_ref = ref + ("增长" if "增长" in s[len(ref):] or s.endswith("增长") else "")
        place = re.sub(r"(?:的)?(?:平均)?(?:水平)?$", "", ref)
        if place in _JURISDICTIONS or place.lstrip("全") in _JURISDICTIONS:
            return ParentSyncedTarget(parent=place.lstrip("全") or place, relation="above",
                                      direction=inferred, **common)
        return RelativeToIndicatorTarget(
            reference=full_ref, relation="above", direction=inferred, **common
        )

    # Bracketed five-year cumulative change: [13.5]
    m = re.fullmatch(r"\[(" + _NUM + r")\]", s)
    if m:
        v = _num(m.group(1))
        words = normalise_text((name or "") + (note or ""))
        if any(w in words for w in _REDUCTION_WORDS):
            change = "reduction"
        elif any(w in words for w in _INCREASE_WORDS):
            change = "increase"
        else:
            raise TargetParseError(
                raw,
                "a bracketed five-year change needs the indicator's name (or a note) to say "
                "whether it is a reduction (降低/下降) or a rise (提高/增加); pass name=…",
            )
        return CumulativeChangeTarget(low=v, high=v, change=change, direction="higher", **common)

    # Composite: 40(智能软件12、研发服务8、…)
    part = r"[\u4e00-\u9fffA-Za-z][^\d,、;()]*?" + _NUM
    m = re.fullmatch(r"(" + _NUM + r")[(:]((?:" + part + r"[,、;]?)+)\)?", s)
    if m:
        parts = [
            CompositePart(name=pn, low=_num(pv), high=_num(pv))
            for pn, pv in re.findall(
                r"([\u4e00-\u9fffA-Za-z][^\d,、;()]*?)(" + _NUM + r")", m.group(2)
            )
        ]
        v = _num(m.group(1))
        return CompositeTarget(low=v, high=v, parts=tuple(parts), direction=inferred, **common)

    s = _strip_unit_suffix(s, unit)

    # Cumulative: 累计达到1000 (running level) vs 累计1400 / 累计10-20 (new additions).
    m = re.fullmatch(r"累计(?:达到|达)(" + _NUM + r")", s)
    if m:
        v = _num(m.group(1))
        return RunningLevelTarget(low=v, high=v, direction=inferred, **common)
    m = re.fullmatch(
        r"(?:五年)?累计(?:新增|完成)?(" + _NUM + r")(?:" + _RANGE_SEP + r"(" + _NUM + r"))?", s
    )
    if m:
        lo = _num(m.group(1))
        hi = _num(m.group(2)) if m.group(2) else lo
        return CumulativeTotalTarget(low=lo, high=hi, direction=inferred, **common)

    # Floors and ceilings.
    m = re.fullmatch(r"(>=|≥|>|不低于|不少于|大于|高于|超过)(" + _NUM + r")", s) or re.fullmatch(
        r"()(" + _NUM + r")(以上|及以上)", s
    )
    if m:
        v = _num(m.group(2))
        strict = m.group(1) in (">", "大于", "高于", "超过")
        if growth:
            return AnnualRateTarget(low=v, high=None, direction="higher", **common)
        return FloorTarget(low=v, high=None, strict=strict, direction="higher", **common)
    m = re.fullmatch(
        r"(<=|≤|<|不高于|不超过|小于|低于|控制在)(" + _NUM + r")(以内|以下|之内)?", s
    ) or re.fullmatch(r"()(" + _NUM + r")(以内|以下|之内)", s)
    if m:
        v = _num(m.group(2))
        strict = m.group(1) in ("<", "小于", "低于")
        if growth:
            return AnnualRateTarget(low=None, high=v, direction="lower", **common)
        return CeilingTarget(low=None, high=v, strict=strict, **common)

    # Approximate: 85左右, 约85.
    m = re.fullmatch(r"(?:约|大约)?(" + _NUM + r")(左右)?", s)
    if m and (m.group(2) or s.startswith(("约", "大约"))):
        v = _num(m.group(1))
        if growth:
            return AnnualRateTarget(low=v, high=v, approximate=True, direction=inferred, **common)
        tol = (
            band_tolerance if band_tolerance is not None else abs(v) * DEFAULT_BAND_TOLERANCE_SHARE
        )
        return BandTarget(low=v, high=v, tolerance=tol, direction=inferred, **common)

    # A range or a plain number.
    m = re.fullmatch(r"(" + _NUM + r")(?:" + _RANGE_SEP + r"(" + _NUM + r"))?", s)
    if m:
        lo = _num(m.group(1))
        hi = _num(m.group(2)) if m.group(2) else lo
        if lo > hi:
            raise TargetParseError(
                raw, f"the range runs from high to low ({lo} > {hi}); write it low-high"
            )
        if growth:
            return AnnualRateTarget(low=lo, high=hi, direction=inferred, **common)
        if _is_new_additions(name):
            return CumulativeTotalTarget(
                low=lo, high=hi, implied=True, direction=inferred, **common
            )
        if inferred == "lower" and lo == hi:
            return CeilingTarget(low=None, high=hi, written_as_level=True, **common)
        return EndLevelTarget(low=lo, high=hi, direction=inferred, **common)

    raise TargetParseError(raw, f"it matches none of the accepted forms: {ACCEPTED_FORMS}")
