"""Periods of observed figures: a full year, or the months to date of a year.

Accepted spellings: "2022", "2022年"; "2023H1", "2023年上半年"; "2023Q1-Q3", "2023前三季度",
"2023年1-9月", "2023M1-9"; "2023Q1", "2023年一季度"; "2023-06" (months to date, January–June).
A separate period cell as in the shared data ("annual", "H1", "Q1-Q3", "year-end") combines
with a year column.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Period:
    """``months`` months to date of ``year`` (12 = the full year).

    Parameters
    ----------
    year : int
        The calendar year.
    months : int, default 12
        January to which month, 1–12; 12 is the full year.

    Raises
    ------
    ValueError
        ``months`` is not between 1 and 12.
    """

    year: int
    months: int = 12

    def __post_init__(self) -> None:
        if not 1 <= self.months <= 12:
            raise ValueError(f"A period's months must be between 1 and 12. Got {self.months}.")

    @property
    def is_full_year(self) -> bool:
        """True for the full year (``months`` is 12)."""
        return self.months == 12

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        return dt.date(self.year, self.months, calendar.monthrange(self.year, self.months)[1])

    @property
    def position(self) -> float:
        """Time position in years: 2022 full year → 2022.0; 2023 January–June → 2022.5."""
        return self.year - 1 + self.months / 12

    def label(self, lang: str = "zh") -> str:
        """The period in words: 2022年, 2023年1-6月; with ``lang="en"`` 2022, 2023 Jan–Jun.

        Parameters
        ----------
        lang : str, default "zh"
            "zh" for Chinese; any other value gives English.

        Returns
        -------
        str
            The label.
        """
        if self.is_full_year:
            return f"{self.year}年" if lang == "zh" else str(self.year)
        return (
            f"{self.year}年1-{self.months}月"
            if lang == "zh"
            else f"{self.year} Jan–{calendar.month_abbr[self.months]}"
        )

    def __str__(self) -> str:
        return str(self.year) if self.is_full_year else f"{self.year}M1-{self.months}"


_CN_Q = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}
_SUFFIX: dict[str, int | None] = {
    "": 12,
    "annual": 12,
    "year": 12,
    "year-end": 12,
    "yearend": 12,
    "全年": 12,
    "年度": 12,
    "年末": 12,
    "annualavg": 12,
    "annualaverage": 12,
    "h1": 6,
    "上半年": 6,
    "q1-q2": 6,
    "h2": None,
    "q1-q3": 9,
    "前三季度": 9,
    "1-3季度": 9,
    "q1": 3,
    "一季度": 3,
    "第一季度": 3,
}


def parse_period(text: object, year: object = None) -> Period:
    """Parse a period cell (optionally with a separate year cell).

    Parameters
    ----------
    text : object
        The period as written: a year (2022, "2022年"), months or quarters to date ("2023H1",
        "2023年1-9月", "2023M1-9", "2023-06", "2023Q1-Q3", "2023年一季度"), or, with ``year``,
        a period cell alone ("annual", "H1", "Q1-Q3", "year-end", "1-6月"). Full-width
        characters and spaces are folded first.
    year : object, optional
        A separate year cell (2023, "2023", 2023.0); None or blank when ``text`` holds the
        year.

    Returns
    -------
    Period
        The period; a full year has ``months`` 12.

    Raises
    ------
    ValueError
        With the accepted spellings, when the text is not a period (or ``year`` is not a
        number).
    """
    s = unicodedata.normalize("NFKC", "" if text is None else str(text)).strip()
    s = re.sub(r"\s+", "", s)
    if year is not None and str(year).strip():
        y = int(float(str(year)))
        key = re.sub(r"\(.*\)$", "", s.lower())  # "annual(nominal)" → "annual"
        months = _SUFFIX.get(key)
        if months is not None:
            return Period(y, months)
        if re.fullmatch(r"20\d\d", s) and int(s) == y:
            return Period(y)
        inner = parse_period(f"{y}{s}") if s and not re.match(r"\d{4}", s) else None
        if inner is not None:
            return inner
        raise ValueError(
            f"period {s!r} with year {y}: expected annual, H1, Q1-Q3, Q1 or months such as 1-6月"
        )
    m = re.fullmatch(r"(\d{4})(?:年|\.0)?", s)
    if m:
        return Period(int(m.group(1)))
    m = re.fullmatch(r"(\d{4})年?[-_]?(.*)", s)
    if m:
        y, rest = int(m.group(1)), m.group(2).lower()
        months = _SUFFIX.get(rest)
        if months is not None:
            return Period(y, months)
        mm = (
            re.fullmatch(r"(?:m)?0?1[-~至](\d{1,2})月?", rest)
            or re.fullmatch(r"m(\d{1,2})", rest)
            or re.fullmatch(r"(\d{1,2})", rest)
        )
        if mm:
            return Period(y, int(mm.group(1)))
        mm = re.fullmatch(r"第?([一二三四1-4])季度", rest)
        if mm:
            return Period(y, _CN_Q[mm.group(1)])
        mm = re.fullmatch(r"(?:1-)?([1-9]|1[0-2])月(?:底|末)?", rest)
        if mm:
            return Period(y, int(mm.group(1)))
    raise ValueError(
        f"{s!r} is not a period: expected a year (2022), a half year (2023H1, 2023年上半年), "
        "months to date (2023年1-9月, 2023M1-9, 2023-06) or quarters to date (2023Q1-Q3)"
    )
