"""Evaluation dates as officials write them: one parser for the Python API and the command line."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from indicator_forecast.exceptions import ConfigurationError

ACCEPTED_DATE_FORMS = "2023-06-30, 2023/6/30, 2023.6.30, 2023年6月30日, 20230630"

_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value: Any) -> dt.date:
    """Read an evaluation date from a date, a datetime or a text in one of the accepted forms.

    Parameters
    ----------
    value : date, datetime or str
        E.g. ``"2023-06-30"``, ``"2023/6/30"``, ``"2023年6月30日"``. Full-width digits are read.

    Returns
    -------
    datetime.date

    Raises
    ------
    ConfigurationError
        The text is not a date in an accepted form, or names a day that does not exist
        (``2023-13-01``); the message lists the accepted forms in Chinese and English.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().translate(
        {ord(c): ord("0") + i for i, c in enumerate("０１２３４５６７８９")}
    )
    for pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return dt.date(y, mo, d)
            except ValueError as exc:
                raise ConfigurationError(
                    f"评估时点“{value}”不是有效日期（{exc}）/ evaluation date {value!r} is not a "
                    f"valid day ({exc}); accepted forms: {ACCEPTED_DATE_FORMS}"
                ) from None
    raise ConfigurationError(
        f"无法识别评估时点“{value}”，应为具体日期，如 {ACCEPTED_DATE_FORMS} / cannot read the "
        f"evaluation date {value!r}: give a day, e.g. {ACCEPTED_DATE_FORMS}"
    )
