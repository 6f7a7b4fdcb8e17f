"""Words shared by reasons (:mod:`indicator_forecast.evaluate.reasons`) and adjustment proposals
(:mod:`indicator_forecast.adjust`): a unit after a figure, the verb of a change (提高 / 降低), and a
level's yearly change said with its direction ("年均提高0.49个百分点", "基本持平").

It sits below both (the one-way order read → … → adjust → evaluate → report), so a proposal
need not reach up into the evaluation for its words; the templates themselves are in
:mod:`indicator_forecast.report._labels`, section ``"pace"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from indicator_forecast._format import fmt, fmt_unit


@cache  # the same table object each time; looked up per figure of every reason
def _labels(lang: str) -> dict[str, Any]:
    # Imported late: the report package imports the evaluation, which imports this module.
    from indicator_forecast.report._labels import labels

    return labels(lang)


def unit_label(unit: str, lang: str) -> str:
    """The unit as printed after a figure: as written in Chinese; English names with a space.

    Parameters
    ----------
    unit : str
        The unit as written in the plan table.
    lang : {"zh", "en"}
        Output language.

    Returns
    -------
    str
        In Chinese the unit unchanged; in English its name from ``labels("en")["narr"]["units"]``
        (the unit itself when not listed) with a leading space, except ``"%"`` and ``""``.
    """
    if lang == "zh":
        return unit
    u = str(_labels("en")["narr"]["units"].get(unit, unit))
    return u if u in ("%", "") else f" {u}"


def verb_of(value: float, down: bool = False) -> str:
    """The verb that says a change by its size rather than its sign.

    Parameters
    ----------
    value : float
        The signed change.
    down : bool
        Whether the figure is stated as a reduction (a target "降低18%", whose progress and
        pace count a fall as positive): then a positive change is the reduction and a negative
        one a rise.

    Returns
    -------
    str
        ``"rise"`` or ``"reduction"``, a key of ``labels(lang)["pace"]`` (see :class:`Verb`).
    """
    return "reduction" if (value >= 0) == down else "rise"


@dataclass(frozen=True)
class Verb:
    """The verb of a change in words: 提高 / rise, 降低 / reduction (or fall).

    Parameters
    ----------
    code : {"rise", "reduction", "fall"}
        Key of the word in ``labels(lang)["pace"]``, as :func:`verb_of` chooses it.
    """

    code: str

    def label(self, lang: str) -> str:
        """The verb in ``lang``.

        Parameters
        ----------
        lang : {"zh", "en"}
            Output language.

        Returns
        -------
        str
            The word.
        """
        return str(_labels(lang)["pace"][self.code])


@dataclass(frozen=True)
class Pace:
    """A level's yearly change in words, with its direction rather than a sign.

    "年均提高0.49个百分点" / "a rise of 0.49 percentage points a year", "年均降低…" for a fall,
    and "基本持平" / "no change" when the change is missing or its magnitude prints as 0 (a
    "降低0" would claim a direction the figure does not show). The figure is one of a reason
    (:class:`~indicator_forecast.evaluate.reasons.Fact` writes it by :meth:`label`) or of a
    proposal's text. A level's fall is "a fall of" in English, in reasons and proposals alike
    ("a reduction of" is for a figure stated as a reduction, ``verb_of(..., down=True)``).

    Parameters
    ----------
    value : float or None
        The signed change a year (``Progress.required_pace`` and the like).
    unit : str
        The unit of the change, without "/年" ("个百分点", "岁").
    best : bool
        The best single year's change ("最好提高0.5个百分点"): said without "年均" / "a year".
    by_unit : bool
        Print the magnitude with the unit's decimals (``fmt_unit``, as proposals do: 0.033 %)
        rather than to two decimals (``fmt``, as reasons do: 0.03 %); what counts as 0 follows
        the same precision.
    """

    value: float | None
    unit: str
    best: bool = False
    by_unit: bool = False

    def label(self, lang: str) -> str:
        """The change in ``lang``.

        Parameters
        ----------
        lang : {"zh", "en"}
            Output language.

        Returns
        -------
        str
            The change with its verb and unit, or the flat wording.
        """
        t = _labels(lang)["pace"]
        v = self.value
        if v is None:
            return str(t["flat"])
        shown = fmt_unit(abs(v), self.unit) if self.by_unit else fmt(abs(v))
        if shown == "0":
            return str(t["flat"])
        word = verb_of(v)
        return str(t["best" if self.best else "move"]).format(
            verb=t["fall" if word == "reduction" else word], v=shown,
            unit=unit_label(self.unit, lang))
