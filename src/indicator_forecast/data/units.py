"""Units that convert into one another ("万人" and "人", "亿斤" and "万吨")."""

from __future__ import annotations

import unicodedata

_GROUPS: dict[str, dict[str, float]] = {
    "people": {"人": 1.0, "万人": 1e4, "亿人": 1e8},
    "money": {"元": 1.0, "万元": 1e4, "亿元": 1e8},
    "area": {"平方米": 1.0, "万平方米": 1e4, "平方公里": 1e6},
    "mass": {"吨": 1.0, "万吨": 1e4, "亿吨": 1e8, "斤": 0.0005, "亿斤": 0.0005 * 1e8},
    "count": {"个": 1.0, "家": 1.0, "件": 1.0, "张": 1.0, "条": 1.0, "条(段)": 1.0},
}
_ALIASES = {"％": "%", "m2": "平方米", "㎡": "平方米", "万㎡": "万平方米", "万m2": "万平方米"}


def normalise_unit(unit: str | None) -> str:
    """Fold width and spaces so "（％）" style variants compare equal.

    Parameters
    ----------
    unit : str or None
        A unit as written in a table (万人, ％, （万㎡）…).

    Returns
    -------
    str
        The unit in NFKC form without spaces, full-width brackets as ASCII ones and the
        aliases spelled one way (％ → %, ㎡ and m2 → 平方米); "" for None.
    """
    if unit is None:
        return ""
    s = unicodedata.normalize("NFKC", str(unit)).strip().replace(" ", "")
    s = s.replace("（", "(").replace("）", ")")
    return _ALIASES.get(s, s)


def conversion_factor(from_unit: str | None, to_unit: str | None) -> float | None:
    """Factor that turns a value in ``from_unit`` into ``to_unit``; None if they do not convert.

    Parameters
    ----------
    from_unit, to_unit : str or None
        The units, compared after :func:`normalise_unit`.

    Returns
    -------
    float or None
        The factor to multiply a value in ``from_unit`` by (万人 → 人: 10000.0; 亿斤 → 万吨:
        5.0); 1.0 for the same unit, including two units of no known kind; None for different
        units that are not of one kind (people, money, area, mass, count).
    """
    a, b = normalise_unit(from_unit), normalise_unit(to_unit)
    if a == b:
        return 1.0
    for group in _GROUPS.values():
        if a in group and b in group:
            return group[a] / group[b]
    return None
