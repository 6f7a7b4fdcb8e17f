"""China's Five-Year Plans by number: "十四五" is the 14th, 2021–2025.

The 3rd plan began in 1966 and every one since five years after the last (the 10th, 2001–2005,
is "十五"); the 1st and 2nd (1953–1962) are not on that cycle and not named here.
"""

from __future__ import annotations

import re

_DIGITS = "〇一二三四五六七八九"
#: A generation word as written in plan names and headers ("十四五", "“十五五”", "十五").
WORD_RE = re.compile(r"(二?十[一二三四五六七八九]?五)")


def number_of(first_year: int) -> int | None:
    """The plan whose first year is ``first_year`` (2021 → 14); None off the cycle."""
    if first_year < 1966 or (first_year - 1966) % 5:
        return None
    return (first_year - 1966) // 5 + 3


def first_year(number: int) -> int:
    """The first year of plan ``number`` (14 → 2021)."""
    return 1966 + 5 * (number - 3)


def word(number: int) -> str:
    """The plan's short name: 13 → "十三五", 10 → "十五", 20 → "二十五"."""
    tens, ones = divmod(number, 10)
    head = (("" if tens == 1 else _DIGITS[tens]) + "十") if tens else ""
    return f"{head}{_DIGITS[ones] if ones else ''}五"


def number_of_word(text: str) -> int | None:
    """The number of the first generation word in ``text`` ("…“十五五”规划…" → 15), or None."""
    m = WORD_RE.search(text or "")
    if not m:
        return None
    return next((n for n in range(3, 40) if word(n) == m.group(1)), None)


def ordinal_en(number: int) -> str:
    """14 → "14th"."""
    teen = 10 <= number % 100 <= 20
    suffix = "th" if teen else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
