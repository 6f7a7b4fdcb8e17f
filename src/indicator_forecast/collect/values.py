"""Reading a figure as a department types it into a form cell.

Accepted: a number; a number stored as text; full-width digits (１２．５); thousands separators
("1,400"); 约/大约/估计/预计/近 before or 左右 after (kept, flagged approximate); a % sign where
the unit is %; the asked unit typed after the number ("1400亿元" where 亿元 is asked); and a
different unit of the same kind that differs by a power of ten ("140000万元" where 亿元 is
asked), converted exactly in decimal arithmetic and said so. Any other unit is rejected.

Not a figure: placeholders such as 待定, 暂无, —, 见附件 raise :class:`UnfilledError` (reported
as 未填 with their place, never guessed); a figure written in Chinese numerals (九十二, 百分之十二)
and other text meant as a figure raise :class:`UnreadableError` with what was expected: the
numerals are not converted, the department is asked to type the digits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from indicator_forecast.data.units import _GROUPS, normalise_unit

_APPROX_PREFIX = ("大约", "约为", "约", "估计", "预计", "预估", "近", "接近")
_APPROX_SUFFIX = ("左右", "上下")
_PLACEHOLDERS = (
    "待定", "暂无", "未定", "无数据", "不详", "未统计", "暂缺", "待统计", "待核实", "见附件",
    "详见附件", "见备注", "n/a", "na", "null", "none",
)
_DASHES = set("-—–―－~～/／\\、.。*")
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_CN_DIGITS = "零〇一二两三四五六七八九十"
_CN_NUMERAL = re.compile(
    f"(?:百分之)?[{_CN_DIGITS}百千万亿点几]*[{_CN_DIGITS}][{_CN_DIGITS}百千万亿点几]*"
)


@dataclass(frozen=True)
class Reading:
    """A figure read from a cell: its value in the asked unit, and how it was read.

    Parameters
    ----------
    value : float
        The figure in the asked unit.
    approximate : bool, default False
        Marked approximate (约, 估计, 左右 …).
    note : str, default ""
        How it was read, in Chinese: approximate, a unit converted, a percentage cell scaled.
    """

    value: float
    approximate: bool = False
    note: str = ""


class EntryError(ValueError):
    """A cell that holds no usable figure; ``expected`` says what was expected."""

    def __init__(self, text: str, expected: str) -> None:
        self.text = text
        self.expected = expected
        super().__init__(f"{text!r}: {expected}")


class UnfilledError(EntryError):
    """A placeholder (待定, —, 见附件 …): the figure is not given yet."""


class UnreadableError(EntryError):
    """Text that is meant as a figure but cannot be read as one."""


class WrongUnitError(EntryError):
    """A figure in a unit that does not convert exactly into the asked unit."""


def _scale(from_unit: str, to_unit: str) -> int | None:
    """The power of ten that turns ``from_unit`` into ``to_unit``, if they are of one kind."""
    for group in _GROUPS.values():
        if from_unit in group and to_unit in group:
            ratio = Decimal(str(group[from_unit])) / Decimal(str(group[to_unit]))
            exp = ratio.log10() if ratio > 0 else Decimal("NaN")
            if exp.is_finite() and exp == exp.to_integral_value():
                return int(exp)
            return None
    return None


def _is_placeholder(s: str) -> bool:
    low = s.lower()
    return bool(s) and (all(ch in _DASHES for ch in s) or low.startswith(_PLACEHOLDERS))


def _written_as_figure(rest: str, asked: str) -> bool:
    """What follows Chinese numerals makes them a figure: nothing, the asked unit, %, or a unit."""
    typed = normalise_unit(rest)
    if typed in ("", asked, "%", "百分点", "个百分点"):
        return True
    return any(typed in g for g in _GROUPS.values())


def read_entry(raw: object, unit: str, *, percent_format: bool = False) -> Reading | None:
    """Read one cell as typed; None for an empty cell.

    Parameters
    ----------
    raw : object
        The cell's value (a number, a text, or None).
    unit : str
        The asked unit (fixed in the form).
    percent_format : bool
        The cell is formatted as a percentage: Excel then holds 12.5 % as 0.125.

    Returns
    -------
    Reading or None
        The figure in the asked unit, or None for an empty or blank cell.

    Raises
    ------
    UnfilledError, UnreadableError, WrongUnitError
        With the text and what was expected.
    """
    asked = normalise_unit(unit)
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise UnreadableError(str(raw), f"一个数字（单位：{unit}）/ a number in {unit}")
    if isinstance(raw, (int, float)):
        if percent_format and asked in ("%", "百分点"):
            scaled = float(Decimal(repr(float(raw))) * 100)
            return Reading(scaled, note="单元格为百分比格式，按×100读取")
        return Reading(float(raw))
    if not isinstance(raw, str):
        raise UnreadableError(str(raw), f"一个数字（单位：{unit}），不是日期或其他内容 / a number")
    s = unicodedata.normalize("NFKC", raw).strip()
    s = re.sub(r"\s+", "", s)
    if not s:
        return None
    if _is_placeholder(s):
        raise UnfilledError(raw, "未填写数值 / no figure given")
    approximate = False
    for p in _APPROX_PREFIX:
        if s.startswith(p):
            s, approximate = s[len(p):], True
            break
    for q in _APPROX_SUFFIX:
        if s.endswith(q):
            s, approximate = s[: -len(q)], True
    m = _THOUSANDS.match(s) or _NUMBER.match(s)
    if m is None:
        cn = _CN_NUMERAL.match(s)
        if cn is not None and _written_as_figure(s[cn.end():], asked):
            raise UnreadableError(
                raw,
                f"阿拉伯数字，不是汉字数字“{cn.group(0)}”，如 12.5（单位：{unit}）/ digits, "
                f"not a number in Chinese characters, such as 12.5",
            )
        if not re.search(r"\d", s):
            raise UnfilledError(raw, "未填写数值 / no figure given")
        raise UnreadableError(raw, f"一个数字，如 12.5（单位：{unit}）/ a number such as 12.5")
    number, rest = m.group(0).replace(",", ""), s[m.end():]
    try:
        value = Decimal(number)
    except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
        raise UnreadableError(raw, "一个数字 / a number") from None
    note = "估计值（约）/ approximate" if approximate else ""
    if re.search(r"\d", rest):
        raise UnreadableError(raw, f"一个数字，如 12.5（单位：{unit}）/ a number such as 12.5")
    if rest:
        typed = normalise_unit(rest)
        if typed == "%" and asked != "%":
            raise WrongUnitError(raw, f"单位应为{unit}，不是百分数 / the unit is {unit}, not %")
        if typed != asked and not (typed == "%" and asked == "百分点"):
            k = _scale(typed, asked)
            if k is None:
                raise WrongUnitError(
                    raw,
                    f"单位应为{unit}；“{rest}”不能精确换算为{unit} / the asked unit is {unit}; "
                    f"{rest!r} does not convert exactly",
                )
            converted = value.scaleb(k)
            conv = f"由{number}{rest}换算为{converted.normalize():f}{unit}"
            note = f"{note}；{conv}" if note else conv
            value = converted
    return Reading(float(value), approximate, note)
