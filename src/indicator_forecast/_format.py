"""Number formatting shared by reasons, proposals, reports, the workbook and the CLI.

One rule table, :data:`UNIT_DECIMALS`, says how many decimals a figure in a given unit shows
(at most; trailing zeros are dropped): 亿元 one decimal (1383.3亿元), % two (65.22%), 人 none
(a head count), 岁 one (78.2岁) … A figure smaller than 10 keeps at least two decimals
(3.15人 per thousand, 2.03个 per thousand), and one smaller than 1 at least two significant
digits (0.012人/亿元), so a small ratio is never rounded to 0. :func:`fmt_unit` prints by the
rule, :func:`round_unit` rounds by it, and :func:`excel_format` is the Excel number format
that prints a cell holding the number exactly as :func:`fmt_unit` writes it.
"""

from __future__ import annotations

import math

#: Maximum decimals shown per unit (as written in plan tables). Units not listed: 2.
UNIT_DECIMALS: dict[str, int] = {
    "亿元": 1,
    "万亿元": 2,
    "万元": 0,
    "元": 0,
    "元/平方米": 0,
    "万平方米": 1,
    "平方米": 0,
    "平方米/人": 2,
    "公顷": 1,
    "%": 2,
    "个百分点": 2,
    "百分点": 2,
    "人": 0,
    "万人": 1,
    "人/亿元": 3,
    "岁": 1,
    "年": 1,
    "件": 1,
    "个": 0,
    "家": 0,
    "张": 0,
    "所": 0,
    "条": 0,
    "条(段)": 0,
    "亿吨": 2,
    "亿吨标准煤": 1,
    "万吨": 1,
    "天": 0,
}
DEFAULT_DECIMALS = 2


def decimals_for(value: float, unit: str | None = None) -> int:
    """Decimals to show for ``value`` in ``unit`` (see :data:`UNIT_DECIMALS`).

    Parameters
    ----------
    value : float
        The figure.
    unit : str, optional
        The unit as written in the plan table ("亿元", "%", …).

    Returns
    -------
    int
        The table's decimals for the unit, raised to 2 below 10 and to two significant digits
        below 1.
    """
    digits = UNIT_DECIMALS.get((unit or "").strip(), DEFAULT_DECIMALS)
    a = abs(value)
    if 0 < a < 10:
        digits = max(digits, 2)
    if 0 < a < 1:
        digits = max(digits, 1 - math.floor(math.log10(a)))
    return min(digits, 6)


def round_unit(value: float, unit: str | None = None) -> float:
    """``value`` rounded as :func:`fmt_unit` prints it."""
    return round(value, decimals_for(value, unit))


def fmt_unit(value: float | None, unit: str | None = None, *, missing: str = "",
             coarse: bool = False) -> str:
    """``value`` printed by the unit's rule (no unit appended; trailing zeros dropped).

    Parameters
    ----------
    value : float or None
        The figure; None or NaN prints ``missing``.
    unit : str, optional
        The unit as written in the plan table.
    missing : str
        Text for a missing figure (default empty: the caller says it in words).
    coarse : bool
        One decimal fewer (for an interval's bounds, where the last digit means nothing).

    Returns
    -------
    str
        e.g. ``fmt_unit(1383.333, "亿元") == "1383.3"``, ``fmt_unit(65.2249, "%") == "65.22"``.
    """
    if value is None or value != value:
        return missing
    digits = decimals_for(value, unit)
    if coarse and abs(value) >= 10 and digits >= 2:
        digits = max(0, digits - 1)
    return _fixed(value, digits)


def _fixed(value: float, digits: int) -> str:
    """``value`` with at most ``digits`` decimals, trailing zeros dropped, never "-0"."""
    s = f"{value:.{digits}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def excel_format(value: float, unit: str | None = None) -> str:
    """The Excel number format that shows ``value`` as :func:`fmt_unit` prints it."""
    s = fmt_unit(value, unit)
    k = len(s.split(".", 1)[1]) if "." in s else 0
    return "0" + ("." + "0" * k if k else "")


def fmt_figure(value: float | None, unit: str | None = None, *, missing: str = "") -> str:
    """A figure as supplied: the unit's rule, or one decimal more when the figure has it.

    Parameters
    ----------
    value : float or None
        An observed figure (a published 10.93 年 is not printed as 10.9).
    unit : str, optional
        The unit as written in the plan table.
    missing : str
        Text for a missing figure.

    Returns
    -------
    str
        e.g. ``fmt_figure(10.93, "年") == "10.93"`` (the 年 rule alone prints 10.9),
        ``fmt_figure(6.8655, "亿吨") == "6.87"``.
    """
    if value is None or value != value:
        return missing
    rule = decimals_for(value, unit)
    own = len(f"{value:.6f}".rstrip("0").partition(".")[2])
    # One decimal beyond the rule is a figure as published (10.93 年); more is a conversion's
    # or a sum's float tail (6.8655 亿吨 from 亿斤), printed by the rule.
    return _fixed(value, own if own == rule + 1 else rule)


def fmt(v: float | None, digits: int = 2) -> str:
    """A number as a short string (no trailing zeros); '—' when missing."""
    if v is None:
        return "—"
    s = f"{v:,.{digits}f}".replace(",", "")
    return s.rstrip("0").rstrip(".") if "." in s else s


def pct(v: float | None) -> str:
    """A ratio as a whole percentage; '—' when missing."""
    return "—" if v is None else f"{v * 100:.0f}%"
