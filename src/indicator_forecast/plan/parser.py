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

A kind defined outside the package reads its own spellings
(:attr:`~indicator_forecast.plan.targets.TargetBase.spellings`): they are tried before the
built-in forms when the kind sets ``spellings_first``, else after them, for the texts they
refuse; within each group by kind name, and a text two kinds of one group match is refused.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from pydantic import ValidationError

from indicator_forecast._typing import Direction
from indicator_forecast.exceptions import TargetParseError
from indicator_forecast.plan.targets import (
    DEFAULT_BAND_TOLERANCE_SHARE,
    KINDS,
    AnnualRateTarget,
    BandTarget,
    CeilingTarget,
    CompositePart,
    CompositeTarget,
    CumulativeChangeTarget,
    CumulativeTotalTarget,
    DirectionTarget,
    EarlierYearTarget,
    EndLevelTarget,
    FloorTarget,
    ParentAssignedTarget,
    ParentSyncedTarget,
    RelativeToIndicatorTarget,
    RunningLevelTarget,
    Target,
    TargetBase,
)

ACCEPTED_FORMS = (
    "a number ('16', '4000', '-2', '5%', '1.5万' when the unit is 个/人/元…); a range ('3-5', "
    "'10～20', '3至5'); '累计 1400' / '累计 10-20' / '累计新增5万' / '新增50' (five-year total); "
    "'累计达到1000' (running level); '>84', '≥84', '84以上', '不低于84', '达到84以上' (floor); "
    "'<5.5', '≤5.5', '5.5以内', '5.5以下', '不高于5.5', '不超过5.5', '控制在5.5%以内' (ceiling); "
    "'85左右', '约85', '6.5%左右' (approximate); '年均增长7%', '年均7%左右', '年均增长7%以上', "
    "'年均下降3%' (average annual rate); '提高1岁', '降低13.5%', '下降18%', '提高2个百分点' "
    "(five-year change); '〔13.5〕', '〔>5000〕' (bracketed five-year figure); "
    "'比2020年增长50%', '到2025年比2010年翻一番' (against an earlier year); "
    "'持续下降', '稳步提高', '逐年改善', '保持稳定' (direction only); "
    "'与市保持同步', '高于全市' (in step with or above the parent); '完成市下达目标', "
    "'确保完成市下达任务', '确保完成国家要求' (set by the parent); "
    "'高于GDP增长', '与经济增长基本同步' (relative to another indicator); "
    "'40（智能软件12、研发服务8）' (composite); an optional '力争…' clause ('2.5左右，力争3', "
    "'力争达到3'); any form may stand in [] 【】 〔〕 brackets, and any form with words in () "
    "('（确保完成国家要求）'); a note in () may follow a form ('5.5（预期性）')"
)


def accepted_forms() -> str:
    """The accepted forms: the built-in ones, then the examples of the spellings that kinds
    defined elsewhere declare (:attr:`~indicator_forecast.plan.targets.TargetBase.spellings`).

    Returns
    -------
    str
        :data:`ACCEPTED_FORMS`, followed by each declaring kind's examples where there are any.
    """
    extra = [
        f"{', '.join(repr(e) for e in cls.spelling_examples)} ({cls.label_en or cls.__name__})"
        for cls in _declared_kinds(True) + _declared_kinds(False)
        if cls.spelling_examples
    ]
    return ACCEPTED_FORMS + ("; " + "; ".join(extra) if extra else "")


class _NoFormError(TargetParseError):
    """No built-in form reads the text (the declared spellings tried after them may)."""


_NUM = r"-?\d+(?:\.\d+)?"
_RANGE_SEP = r"(?:-|–|—|~|至|到)"
_JURISDICTIONS = ("全国", "国家", "全省", "省", "全市", "市", "全区", "区", "上级")
_JUR = r"(全国|国家|中央|全省|省|全市|市|全区|区|全县|县|上级)"
_GROWTH_NAME = re.compile(r"(年均增长率?|增长率|增长|增速)$")
_LOWER_BETTER = (
    "死亡率", "失业", "事故", "发案", "浓度", "PM2.5", "PM25", "发生率", "致死", "亡人",
    "能耗", "排放", "用水量", "贫困", "负债率", "超标",
)
# Names about lifting people out of poverty count what was achieved: higher is better (issue 18.6).
_POVERTY_REDUCTION = ("脱贫", "减贫")
_REDUCTION_WORDS = ("降低", "下降", "减少", "削减", "压减")
_INCREASE_WORDS = ("提高", "提升", "增加", "增长")
_UP_VERBS = "提高|提升|增加|增长|上升"
_DOWN_VERBS = "降低|下降|减少|压减|削减"
# Units a 万/亿 multiplier written in the text may scale (counts, money, areas, weights …);
# a rate, an age or a score has no such multiplier.
_NO_MULTIPLIER_UNITS = ("%", "‰", "百分点", "岁", "年", "分", "倍", "人/亿元")
_MULTIPLIERS = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}
_DIRECTION_WORDS = {
    "rise": r"提高|提升|增长|增加|上升|增强|扩大",
    "fall": r"下降|降低|减少|减小|缩小|下滑",
    "better": r"改善|好转|优化|向好",
}
_DIRECTION_MODIFIERS = (
    r"(?:持续|稳步|逐年|逐步|不断|进一步|继续|明显|显著|有所|大幅|稳定|总体|全面|加快|保持|"
    r"稳中|力争)+"
)


def normalise_text(text: str) -> str:
    """Fold full-width characters, unify brackets and dashes, drop spaces.

    Parameters
    ----------
    text : str
        The text of a plan cell.

    Returns
    -------
    str
        The NFKC-folded text with ASCII brackets, commas, semicolons, dashes and tildes, white space
        removed; a space between two digits becomes ``"␣"`` so that no number form accepts it.
    """
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


def _parent_name(place: str) -> str:
    """The parent's short name: 全市 → 市, 全国/国家 → 国家 (as a 下达 setter is named)."""
    short = place.lstrip("全") or place
    return "国家" if short == "国" else short


def infer_direction(name: str | None) -> Direction:
    """Whether higher or lower is better, from the indicator's name (higher by default).

    A reduction (降低/下降 …) or a poverty-reduction count (脱贫/减贫) is higher-is-better; a
    lower-is-better word (死亡率, 失业, 浓度, 贫困 …) makes it lower. A plan's 方向 column, passed
    as ``direction`` to :func:`parse_target`, overrides these rules.

    Parameters
    ----------
    name : str or None
        The indicator's name; None or empty gives ``"higher"``.

    Returns
    -------
    {"higher", "lower"}
        Which direction is better.
    """
    if not name:
        return "higher"
    n = normalise_text(name)
    if any(w in n for w in _REDUCTION_WORDS + _POVERTY_REDUCTION):
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


def _strip_unit_suffix(s: str, unit: str | None, *, keep_percent: bool = False) -> str:
    """Remove a trailing unit written into the target cell ("50条(段)", "1400亿元", "5%").

    With ``keep_percent`` a trailing "%" stays: it tells a relative change ("下降18%") from one
    in the indicator's unit.
    """
    cands = [u for u in (normalise_text(unit) if unit else None,) if u and u != "%"]
    cands += [] if keep_percent else ["%"]
    cands += ["条(段)", "亿元", "万元", "元", "个", "家", "张", "件", "岁", "条", "段",
              "万平方米", "平方米", "人", "万人", "亿吨", "万吨"]
    own = normalise_text(unit) if unit else None
    # A generic unit with a multiplier ("万元") is stripped only when it is the indicator's own:
    # "1.5万元" beside unit 元 is 15000, scaled later, not 1.5.
    cands = [c for c in cands if c == own or not c.startswith(("万", "亿"))]
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
        raise TargetParseError(
            str(text), f"the target is empty; accepted forms: {accepted_forms()}"
        )
    raw = text
    if normalise_text(text).count("力争") > 1:
        # One stretch clause at most; a second would also make the clause parse itself again.
        raise TargetParseError(
            raw, "more than one '力争' clause; write one target and at most one stretch target "
            "('2.5左右，力争3')"
        )
    s = _strip_unit_suffix(normalise_text(text), unit, keep_percent=True)
    s, aspiration, note = _split_clauses(s)
    stretch_text = None
    if aspiration is not None:
        stretch_text = aspiration.removeprefix("力争")
        if "力争" in raw:
            aspiration = raw[raw.index("力争"):].strip()
    if not s:
        raise TargetParseError(
            raw, f"no target before the '力争' clause; accepted forms: {accepted_forms()}"
        )
    stretch = None
    if stretch_text:
        stretch = _stretch_value(
            stretch_text, unit=unit, name=name, direction=direction, base_year=base_year,
            target_year=target_year,
        )
    common: dict[str, Any] = dict(
        text=raw.strip(), unit=unit, base_year=base_year, target_year=target_year,
        aspiration=aspiration, aspiration_value=stretch, note=note,
    )
    ctx = _Context(
        raw=raw, unit=unit, name=name, explicit=direction,
        inferred=direction or infer_direction(name), growth=_is_growth_name(name, unit),
        note=note, band_tolerance=band_tolerance, common=common,
    )
    target = _read_form(s, ctx)
    if stretch is not None and target.point is not None:
        beyond = stretch >= target.point if target.direction == "higher" else (
            stretch <= target.point
        )
        if not beyond:
            raise TargetParseError(
                raw,
                f"the '力争' stretch target {stretch:g} is not beyond the target {target.point:g} "
                f"({'higher' if target.direction == 'higher' else 'lower'} is better)",
            )
    return target


def _stretch_value(text: str, **kw: Any) -> float | None:
    """The number of a '力争Y' clause, or None when the clause is words ("力争投入强度高于…")."""
    try:
        t = _parse_target(text, **kw)
    except (TargetParseError, ValidationError):
        return None
    return t.point if t.has_numbers else None


class _Context:
    """What every form needs besides the text: the indicator's name, unit and direction."""

    def __init__(
        self, *, raw: str, unit: str | None, name: str | None, explicit: Direction | None,
        inferred: Direction, growth: bool, note: str | None, band_tolerance: float | None,
        common: dict[str, Any],
    ) -> None:
        self.raw, self.unit, self.name, self.explicit = raw, unit, name, explicit
        self.inferred, self.growth, self.note = inferred, growth, note
        self.band_tolerance, self.common = band_tolerance, common
        self.unit_n = normalise_text(unit) if unit else ""

    def fail(self, reason: str) -> TargetParseError:
        return TargetParseError(self.raw, reason)

    def require(self, wanted: Direction, form: str) -> Direction:
        """The direction a form implies; an explicit (方向 column) direction must agree."""
        if self.explicit is not None and self.explicit != wanted:
            raise self.fail(
                f"the text is {form}, which means {'higher' if wanted == 'higher' else 'lower'} "
                f"is better, but the plan's direction (方向) says {self.explicit!r}"
            )
        return wanted

    def words(self) -> str:
        return normalise_text((self.name or "") + (self.note or ""))


def _scale_multipliers(s: str, ctx: _Context) -> str:
    """Apply 万/亿 written after a number ("5万" with unit 人 → 50000; with unit 万人 → 5)."""
    if not re.search(r"\d(?:万亿|亿|万)", s):
        return s
    u = ctx.unit_n
    if not u or u in _NO_MULTIPLIER_UNITS:
        raise ctx.fail(
            f"a 万/亿 multiplier needs a unit it can scale (个, 人, 元, 亿元 …); the indicator's "
            f"unit is {ctx.unit!r}"
        )
    unit_scale = next(
        (v for k, v in _MULTIPLIERS.items() if u.startswith(k) and len(u) > len(k)), Decimal(1)
    )

    def scale(m: re.Match[str]) -> str:
        try:
            value = Decimal(m.group(1)) * _MULTIPLIERS[m.group(2)] / unit_scale
        except InvalidOperation:
            return m.group(0)
        return format(value.normalize(), "f")

    return re.sub(r"(?<![\d.])(" + _NUM + r")(万亿|亿|万)", scale, s)


def _remove_unit_after_numbers(s: str, ctx: _Context) -> str:
    """Drop the indicator's unit where it follows a number inside the text ("5万人以上")."""
    u = ctx.unit_n
    if not u or u == "%" or re.search(r"\d", u):
        return s
    # Keep a multiplier, the unit's own included: "1.3万亿斤" with unit 亿斤 → "1.3万亿" (scaled
    # to 13000 亿斤 next), "1400亿元" with unit 亿元 → "1400亿" (→ 1400).
    base = next((u[len(k):] for k in _MULTIPLIERS if u.startswith(k) and len(u) > len(k)), u)
    # The look-behind starts a match only where a number starts: without it a long run of digits
    # is scanned once from every digit (quadratic time).
    return re.sub(r"(?<![\d.])(" + _NUM + r")(万亿|亿|万)?" + re.escape(base), r"\1\2", s)


def _read_form(s: str, ctx: _Context) -> Target:
    """Match the (normalised, clause-free) text against each accepted form in turn."""
    # Brackets around a form with words in it ("[确保完成国家要求]", "(确保完成国家要求)",
    # "[累计达到1000]"); square brackets around a bare number keep their meaning of a five-year
    # figure ("〔13.5〕"), and round ones around a bare number have none (refused, not guessed).
    # A round bracket after a form is a note, split off before this ("5.5(预期性)").
    m = re.fullmatch(r"\[([^\[\]]+)\]|\(([^()]+)\)", s)
    inner = m.group(1) or m.group(2) if m else None
    if inner and not re.fullmatch(r"(?:>=|≥|≧|>|不低于|不少于|超过)?" + _NUM + r"%?", inner):
        s = inner

    # Spellings declared by kinds: those that ask to come first, then the built-in forms, then
    # the others for the texts no built-in form reads.
    t = _declared_form(s, ctx, first=True)
    if t is not None:
        return t
    try:
        return _builtin_form(s, ctx)
    except _NoFormError:
        t = _declared_form(s, ctx, first=False)
        if t is not None:
            return t
        raise


def _declared_kinds(first: bool) -> list[type[TargetBase]]:
    """The kinds that declare spellings, of the group tried first or last, by kind name."""
    return [
        cls for _, cls in sorted(KINDS.items())
        if cls.spellings and cls.spellings_first == first
    ]


def _declared_form(s: str, ctx: _Context, *, first: bool) -> Target | None:
    """The target of the one declaring kind of the group whose spelling matches ``s``."""
    hits = []
    for cls in _declared_kinds(first):
        m = next((m for m in (re.fullmatch(p, s) for p in cls.spellings) if m), None)
        if m is not None:
            hits.append((cls, m))
    if not hits:
        return None
    if len(hits) > 1:
        raise ctx.fail(
            "the text is a spelling of more than one kind ("
            + ", ".join(cls.model_fields["kind"].default for cls, _ in hits)
            + "); the kinds' spellings must not overlap"
        )
    cls, m = hits[0]
    try:
        target = cls.from_spelling(
            m.groupdict(), name=ctx.name, direction=ctx.inferred, fields=dict(ctx.common)
        )
    except (ValidationError, TargetParseError):
        raise
    except ValueError as exc:
        raise ctx.fail(f"a {cls.model_fields['kind'].default} target: {exc}") from None
    if ctx.explicit is not None and target.direction != ctx.explicit:
        raise ctx.fail(
            f"the text is a {target.kind} target, whose direction is {target.direction!r}, but "
            f"the plan's direction (方向) says {ctx.explicit!r}"
        )
    # A kind declared outside the package is a TargetBase the static union does not list; the
    # evaluation and the reports ask it only through TargetBase.
    return cast(Target, target)


def _builtin_form(s: str, ctx: _Context) -> Target:
    """The parser's own forms, in turn; :class:`_NoFormError` when none reads ``s``."""
    common, inferred = ctx.common, ctx.inferred
    pct = bool(re.search(r"\d%", s))

    # Set by the parent / each year.
    m = re.fullmatch(
        r"(?:完成|达到|落实)?(全国|国家|全省|省|全市|市|上级)(?:下达|下发|核定)(?:的)?(?:目标|任务|指标)(?:任务)?",
        s,
    )
    if m:
        return ParentAssignedTarget(setter=m.group(1).lstrip("全"), direction=inferred, **common)
    m = re.fullmatch(
        r"(?:确保|力争)?(?:完成|达到|落实|实现|满足|控制在)?" + _JUR
        + r"(?:下达|下发|核定|分解|确定|规定)?(?:的)?([\u4e00-\u9fffA-Za-z0-9.]{0,30}?)"
        r"(?:目标|任务|指标|要求)(?:任务)?(?:以内|内|范围内)?",
        s,
    ) or re.fullmatch(
        r"(?:确保|力争)?(?:完成|落实)()(?:下达|分解)(?:的)?([\u4e00-\u9fffA-Za-z0-9.]{0,30}?)"
        r"(?:目标|任务|指标)(?:任务)?",
        s,
    )
    if m and (m.group(1) or "下达" in s or "要求" in s):
        setter = (m.group(1) or "上级").lstrip("全")
        setter = {"国": "国家", "": "上级"}.get(setter, setter)
        return ParentAssignedTarget(setter=setter, direction=inferred, **common)
    if re.search(r"各年度视情提出|年度视情确定|每年(?:视情)?(?:确定|提出)", s):
        return ParentAssignedTarget(setter="年度计划", direction=inferred, **common)

    # In step with the parent, or relative to another indicator.
    m = re.fullmatch(r"与(.+?)(?:保持|基本)?(?:同步|相适应|相协调)(?:增长)?", s)
    if m:
        ref = m.group(1).removesuffix("保持").removesuffix("基本")
        if ref in _JURISDICTIONS or ref.lstrip("全") in _JURISDICTIONS:
            return ParentSyncedTarget(parent=_parent_name(ref), direction=inferred, **common)
        return RelativeToIndicatorTarget(
            reference=ref, relation="in_step", direction=inferred, **common
        )
    m = re.fullmatch(r"(?:增速|增幅|增长)?(?:高于|快于|超过|不低于)(.+?)(增长|增速|增幅)?", s)
    if m and not re.fullmatch(_NUM + r".*", m.group(1)):
        ref = m.group(1)
        # The reference as written ("经济增速", "GDP增长"): its growth word names the indicator.
        full_ref = ref + (m.group(2) or "")
        place = re.sub(r"(?:的)?(?:平均)?(?:水平)?$", "", ref)
        if place in _JURISDICTIONS or place.lstrip("全") in _JURISDICTIONS:
            return ParentSyncedTarget(parent=_parent_name(place), relation="above",
                                      direction=inferred, **common)
        return RelativeToIndicatorTarget(
            reference=full_ref, relation="above", direction=inferred, **common
        )

    # Qualitative direction targets: 持续下降, 稳步提高, 逐年改善, 保持稳定.
    t = _direction_form(s, ctx)
    if t is not None:
        return t

    # "到2025年…": the year must be the plan's target year.
    m = re.match(r"^(?:到|至|在)?((?:19|20)\d\d)年(?:末|底)?,?(?=.)", s)
    if m:
        if int(m.group(1)) != common["target_year"]:
            raise ctx.fail(
                f"the text names the year {m.group(1)} but the plan's target year is "
                f"{common['target_year']}; pass target_year= (or the plan's period)"
            )
        s = s[m.end():]

    s = _scale_multipliers(_remove_unit_after_numbers(s, ctx), ctx)

    if ctx.growth and re.match(r"(?:增长|增速)(?:保持在|保持|达到|在)?[<>≤≥≧≦不超]?-?\d", s):
        s = "年均" + s  # "增长6%左右" beside a growth-rate name: the yearly rate
    t = _earlier_year_form(s, ctx)
    if t is None:
        t = _bracketed_form(s, ctx)
    if t is None:
        t = _annual_rate_form(s, ctx)
    if t is None:
        t = _change_form(s, ctx)
    if t is not None:
        return t

    # The remaining forms are levels: a "%" is the unit's and must agree with it.
    s = re.sub(r"(?<=\d)%", "", s)
    if pct and ctx.unit_n not in ("", "%"):
        raise ctx.fail(
            f"the text carries a % sign but the indicator's unit is {ctx.unit!r}; write the "
            "number in the unit, or a change ('比2020年增长5%', '年均增长5%')"
        )
    m = re.match(r"^(提高|提升|增加|增长|上升|降低|下降|减少|压减|控制)(?:到|至)(?=-?\d)", s)
    if m:
        s = s[m.end():]
        if re.match(_DOWN_VERBS, m.group(1)):
            inferred = ctx.require("lower", f"'{m.group(0)}…' (a level to fall to)")
    s = re.sub(r"^(?:达到|保持在|稳定在|保持|实现|达|在)(?=[<>≤≥≧≦]|-?\d|不)", "", s)
    s = re.sub(r"^控制在(?=" + _NUM + r"左右$)", "", s)
    return _level_form(s, ctx, inferred)


def _direction_form(s: str, ctx: _Context) -> Target | None:
    """持续下降 / 稳步提高 / 逐年改善 / 保持稳定 / 稳中有升 …: a direction, never a number."""
    movement: str | None = None
    if re.fullmatch(r"(?:保持|总体|基本|持续|保持基本|保持总体)?(?:稳定|平稳)", s):
        movement = "stable"
    elif re.fullmatch(r"稳中有升|只增不减|稳中有增", s):
        movement = "rise"
    elif re.fullmatch(r"稳中有降|只减不增", s):
        movement = "fall"
    elif re.fullmatch(r"稳中向好", s):
        movement = "better"
    else:
        for key, verbs in _DIRECTION_WORDS.items():
            if re.fullmatch(_DIRECTION_MODIFIERS + r"(?:" + verbs + r")", s):
                movement = key
                break
    if movement is None:
        return None
    common = dict(ctx.common)
    if movement == "rise":
        direction = ctx.require("higher", f"'{ctx.raw.strip()}' (a rise)")
    elif movement == "fall":
        direction = ctx.require("lower", f"'{ctx.raw.strip()}' (a fall)")
    else:
        direction = ctx.inferred
    if movement == "better":
        movement = "rise" if direction == "higher" else "fall"
    return DirectionTarget(movement=movement, direction=direction, **common)


def _earlier_year_form(s: str, ctx: _Context) -> Target | None:
    """比2010年翻一番 / 比2020年增长50% / 较2020年下降13.5%."""
    m = re.fullmatch(
        r"(?:比|较|相比|与)((?:19|20)\d\d)年(?:相比)?,?(?:实现)?"
        r"(?:(翻一番|翻两番|翻三番|翻番)|(" + _UP_VERBS + "|" + _DOWN_VERBS + r")(" + _NUM
        + r")(%|倍|个百分点)?)(以上|左右)?",
        s,
    )
    if not m:
        return None
    ref_year = int(m.group(1))
    approximate = m.group(6) == "左右"
    common = {**ctx.common, **({"approximate": True} if approximate else {})}
    if ref_year > common["base_year"]:
        raise ctx.fail(
            f"a target against an earlier year needs a year up to the base year "
            f"{common['base_year']}; the text names {ref_year}"
        )
    if m.group(2):
        multiple = {"翻一番": 2.0, "翻番": 2.0, "翻两番": 4.0, "翻三番": 8.0}[m.group(2)]
        return EarlierYearTarget(
            reference_year=ref_year, multiple=multiple,
            direction=ctx.require("higher", f"'{m.group(2)}' (a doubling)"), **common,
        )
    verb, v, mark = m.group(3), _num(m.group(4)), m.group(5)
    down = bool(re.fullmatch(_DOWN_VERBS, verb))
    if mark == "倍":
        if down:
            raise ctx.fail("a fall by a multiple ('下降2倍') has no clear meaning; write a %")
        return EarlierYearTarget(reference_year=ref_year, multiple=1.0 + v,
                                 direction=ctx.require("higher", f"'{verb}' (a rise)"), **common)
    if mark == "%":
        multiple = 1.0 - v / 100 if down else 1.0 + v / 100
        if multiple <= 0:
            raise ctx.fail(f"a fall of {v:g}% leaves nothing; the multiple must be above 0")
        form = f"'{verb}{v:g}%' (a {'fall' if down else 'rise'})"
        return EarlierYearTarget(
            reference_year=ref_year, multiple=multiple,
            direction=ctx.require("lower" if down else "higher", form), **common,
        )
    if ref_year != common["base_year"]:
        raise ctx.fail(
            f"a change in the indicator's unit against {ref_year} (not the base year "
            f"{common['base_year']}) is not a form this package judges; write it as a % "
            "('比2010年增长50%') or as a level"
        )
    return _change_target(verb, v, mark == "个百分点", False, ctx, approximate=approximate)


def _bracketed_form(s: str, ctx: _Context) -> Target | None:
    """〔13.5〕: a five-year change; 〔>5000〕 beside new additions: a five-year total."""
    m = re.fullmatch(r"\[(>=|≥|≧|>|不低于|不少于|超过)?(" + _NUM + r")%?\]", s)
    if not m:
        return None
    v = _num(m.group(2))
    high = None if m.group(1) else v
    common = ctx.common
    if "新增" in normalise_text(ctx.name or "") or _is_new_additions(ctx.name):
        # 〔5000〕 beside 城镇新增就业人数: the five-year total of new additions.
        return CumulativeTotalTarget(low=v, high=high, direction=ctx.inferred, **common)
    words = ctx.words()
    if any(w in words for w in _REDUCTION_WORDS):
        change = "reduction"
    elif any(w in words for w in _INCREASE_WORDS):
        change = "increase"
    elif ctx.explicit is not None:
        change = "reduction" if ctx.explicit == "lower" else "increase"
    else:
        raise ctx.fail(
            "a number in brackets ('〔13.5〕', '[≥5000]') is a five-year figure (五年累计), and "
            "this needs the indicator's name (or a note) to say whether it is a reduction "
            "(降低/下降), a rise (提高/增加) or new additions (新增); if the brackets only "
            "enclose a level, write it without them ('≥84')"
        )
    return CumulativeChangeTarget(low=v, high=high, change=change, direction="higher", **common)


def _annual_rate_form(s: str, ctx: _Context) -> Target | None:
    """年均增长7% / 年均7%左右 / 年均增长7%以上 / 年均下降3% / 年均提高1个百分点."""
    common = ctx.common
    cmp_ = r"(>=|≥|≧|>|不低于|不少于|超过|<=|≤|≦|<|不超过|不高于)?"
    m = re.fullmatch(
        r"年均(?:增长率?|增速|递增|增幅)?(?:保持在|保持|达到|在)?" + cmp_ + r"(" + _NUM + r")%?"
        r"(?:" + _RANGE_SEP + r"(" + _NUM + r")%?)?(左右|以上|及以上|以下|以内|之内)?",
        s,
    )
    if m:
        op, lo, hi, tail = m.group(1), _num(m.group(2)), m.group(3), m.group(4)
        if op in (">=", "≥", "≧", ">", "不低于", "不少于", "超过") or tail in ("以上", "及以上"):
            if hi is not None:
                raise ctx.fail("a range cannot also be open ('以上'); write one or the other")
            d = ctx.require("higher", f"'{ctx.raw.strip()}' (a floor on the rate)")
            return AnnualRateTarget(low=lo, high=None, direction=d, **common)
        if op or tail in ("以下", "以内", "之内"):
            if hi is not None:
                raise ctx.fail("a range cannot also be open ('以内'); write one or the other")
            d = ctx.require("lower", f"'{ctx.raw.strip()}' (a ceiling on the rate)")
            return AnnualRateTarget(low=None, high=lo, direction=d, **common)
        high = _num(hi) if hi is not None else lo
        if lo > high:
            raise ctx.fail(f"the range runs from high to low ({lo} > {high}); write it low-high")
        return AnnualRateTarget(low=lo, high=high, approximate=tail == "左右",
                                direction=ctx.inferred, **common)
    m = re.fullmatch(
        r"年均(" + _DOWN_VERBS + r")(" + _NUM + r")%?(左右|以上|及以上)?", s
    )
    if m:
        v = -_num(m.group(2))
        d = ctx.require("lower", f"'{ctx.raw.strip()}' (a yearly fall)")
        if m.group(3) in ("以上", "及以上"):
            return AnnualRateTarget(low=None, high=v, direction=d, **common)
        return AnnualRateTarget(low=v, high=v, approximate=m.group(3) == "左右", direction=d,
                                **common)
    m = re.fullmatch(
        r"年均(" + _UP_VERBS + "|" + _DOWN_VERBS + r")(" + _NUM + r")个?百分点(以上|左右)?", s
    )
    if m:
        years = common["target_year"] - common["base_year"]
        return _change_target(m.group(1), _num(m.group(2)) * years, True, m.group(3) == "以上",
                              ctx, approximate=m.group(3) == "左右")
    return None


def _change_form(s: str, ctx: _Context) -> Target | None:
    """提高1岁 / 降低13.5% / 下降18% / 提高2个百分点 / 2个百分点: a five-year change."""
    m = re.fullmatch(
        r"(?:五年)?(?:累计)?(" + _UP_VERBS + "|" + _DOWN_VERBS + r")(" + _NUM + r")"
        r"(%|个?百分点)?(以上|左右)?",
        s,
    )
    if m:
        verb, v, mark, tail = m.group(1), _num(m.group(2)), m.group(3), m.group(4)
        return _change_target(verb, v, bool(mark and "百分点" in mark), tail == "以上", ctx,
                              percent=mark == "%", approximate=tail == "左右")
    m = re.fullmatch(r"(" + _NUM + r")个?百分点(以上|左右)?", s)
    if m:
        words = ctx.words()
        if any(w in words for w in _REDUCTION_WORDS):
            verb = "降低"
        elif any(w in words for w in _INCREASE_WORDS):
            verb = "提高"
        elif ctx.explicit is not None:
            verb = "降低" if ctx.explicit == "lower" else "提高"
        else:
            raise ctx.fail(
                "a change in percentage points needs a direction: write 提高/降低 before it, "
                "or let the name (or the 方向 column) say which"
            )
        return _change_target(verb, _num(m.group(1)), True, m.group(2) == "以上", ctx,
                              approximate=m.group(2) == "左右")
    return None


def _change_target(
    verb: str, v: float, points: bool, open_high: bool, ctx: _Context, *, percent: bool = False,
    approximate: bool = False,
) -> Target:
    """A change by ``v`` over the plan period, read against the indicator's unit; a "左右"
    (``approximate``) is kept on the target, as on an approximate rate."""
    common = {**ctx.common, **({"approximate": True} if approximate else {})}
    down = bool(re.fullmatch(_DOWN_VERBS, verb))
    change = "reduction" if down else "increase"
    high = None if open_high else v
    rate_name = any(w in ctx.words() for w in (_REDUCTION_WORDS if down else _INCREASE_WORDS))
    if points:
        if ctx.unit_n not in ("", "%", "百分点"):
            raise ctx.fail(
                f"a change in percentage points (个百分点) needs a % unit; the indicator's unit "
                f"is {ctx.unit!r}"
            )
        return CumulativeChangeTarget(low=v, high=high, change=change, in_points=True,
                                      direction="higher", **common)
    if ctx.unit_n == "%":
        if down and rate_name:
            # 单位GDP能耗降低 (%), 降低13.5: yearly reduction rates that compound.
            return CumulativeChangeTarget(low=v, high=high, change=change, direction="higher",
                                          **common)
        if percent:
            raise ctx.fail(
                f"'{verb}{v:g}%' of a % indicator is ambiguous: write '{verb}{v:g}个百分点' for a "
                f"change in the rate itself, or '比{common['base_year']}年{verb}{v:g}%' for a "
                "relative change"
            )
        return CumulativeChangeTarget(low=v, high=high, change=change, in_points=True,
                                      direction="higher", **common)
    if percent:
        if verb in ("增长", "增加"):
            raise ctx.fail(
                f"'{verb}{v:g}%' of a level is ambiguous: write '年均{verb}{v:g}%' for a yearly "
                f"rate or '比{common['base_year']}年{verb}{v:g}%' for the whole period"
            )
        if not ctx.unit_n:
            raise ctx.fail(
                f"'{verb}{v:g}%' needs the indicator's unit: a % rate (a five-year reduction) "
                "or a level (a relative change); pass unit=…"
            )
        multiple = 1.0 - v / 100 if down else 1.0 + v / 100
        if multiple <= 0:
            raise ctx.fail(f"a fall of {v:g}% leaves nothing; the multiple must be above 0")
        form = f"'{verb}{v:g}%' (a {'fall' if down else 'rise'})"
        return EarlierYearTarget(
            reference_year=common["base_year"], multiple=multiple,
            direction=ctx.require("lower" if down else "higher", form), **common,
        )
    return CumulativeChangeTarget(low=v, high=high, change=change, direction="higher", **common)


def _level_form(s: str, ctx: _Context, inferred: Direction) -> Target:
    """Composite, cumulative, floor, ceiling, band, range and plain-number forms."""
    common, growth = ctx.common, ctx.growth
    raw = ctx.raw

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

    s = _strip_unit_suffix(s, ctx.unit)

    # Cumulative: 累计达到1000 (running level) vs 累计1400 / 累计10-20 (new additions).
    m = re.fullmatch(r"累计(?:达到|达)(" + _NUM + r")(以上|及以上)?", s)
    if m:
        v = _num(m.group(1))
        return RunningLevelTarget(low=v, high=None if m.group(2) else v, direction=inferred,
                                  **common)
    m = re.fullmatch(
        r"(?:五年)?累计(?:新增|完成|新建)?(" + _NUM + r")(?:" + _RANGE_SEP + r"(" + _NUM + r"))?"
        r"(以上|及以上)?", s
    ) or re.fullmatch(
        r"()新增(" + _NUM + r")(?:" + _RANGE_SEP + r"(" + _NUM + r"))?(以上|及以上)?", s
    )
    if m:
        implied = m.re.pattern.startswith("()")
        g = (m.group(2), m.group(3), m.group(4)) if implied else m.groups()
        lo = _num(g[0])
        hi = _num(g[1]) if g[1] else lo
        if g[2]:
            if g[1]:
                raise ctx.fail("a range cannot also be open ('以上'); write one or the other")
            return CumulativeTotalTarget(low=lo, high=None, implied=implied, direction=inferred,
                                         **common)
        if implied:
            return CumulativeTotalTarget(low=lo, high=hi, implied=True, direction=inferred,
                                         **common)
        return CumulativeTotalTarget(low=lo, high=hi, direction=inferred, **common)

    # Floors and ceilings.
    m = re.fullmatch(
        r"(>=|≥|≧|>|不低于|不少于|大于|高于|超过)(" + _NUM + r")", s
    ) or re.fullmatch(r"()(" + _NUM + r")(以上|及以上)", s)
    if m:
        v = _num(m.group(2))
        strict = m.group(1) in (">", "大于", "高于", "超过")
        d = ctx.require("higher", f"'{raw.strip()}' (a floor)")
        if growth:
            return AnnualRateTarget(low=v, high=None, direction=d, **common)
        return FloorTarget(low=v, high=None, strict=strict, direction=d, **common)
    m = re.fullmatch(
        r"(<=|≤|≦|<|不高于|不超过|不大于|小于|低于|少于|控制在)(" + _NUM + r")(以内|以下|之内)?", s
    ) or re.fullmatch(r"()(" + _NUM + r")(以内|以下|及以下|之内)", s)
    if m:
        v = _num(m.group(2))
        strict = m.group(1) in ("<", "小于", "低于", "少于")
        d = ctx.require("lower", f"'{raw.strip()}' (a ceiling)")
        if growth:
            return AnnualRateTarget(low=None, high=v, direction=d, **common)
        return CeilingTarget(low=None, high=v, strict=strict, **common)

    # Approximate: 85左右, 约85.
    m = re.fullmatch(r"(?:约|大约)?(" + _NUM + r")(左右)?", s)
    if m and (m.group(2) or s.startswith(("约", "大约"))):
        v = _num(m.group(1))
        if growth:
            return AnnualRateTarget(low=v, high=v, approximate=True, direction=inferred, **common)
        tol = (
            ctx.band_tolerance
            if ctx.band_tolerance is not None
            else abs(v) * DEFAULT_BAND_TOLERANCE_SHARE
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
        if _is_new_additions(ctx.name):
            return CumulativeTotalTarget(
                low=lo, high=hi, implied=True, direction=inferred, **common
            )
        if inferred == "lower" and lo == hi:
            return CeilingTarget(low=None, high=hi, written_as_level=True, **common)
        return EndLevelTarget(low=lo, high=hi, direction=inferred, **common)

    raise _NoFormError(raw, f"it matches none of the accepted forms: {accepted_forms()}")
