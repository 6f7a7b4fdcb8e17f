"""What a change of statistical basis (统计口径) did to an indicator's evaluation, in words.

:func:`basis_words` is the one sentence the reason gains when the figures of a level indicator
span more than one basis (:class:`~indicator_forecast._progress_kit.BasisLink`): when the change
took effect and to which basis, whether the completion (base-year figure against the latest)
includes it, and how the projection bridged it — by an overlap year, by a step made up from the
yearly changes within the bases, or by leaving the earlier years out.
"""

from __future__ import annotations

from indicator_forecast._format import fmt
from indicator_forecast._progress_kit import BasisLink, BasisStep, Progress


def _label(b: str, earlier: str, lang: str) -> str:
    """A basis by its label; the unlabelled rows by the basis before them."""
    if b:
        return b
    if lang == "zh":
        return f"此前为{earlier}" if earlier else "未标注口径"
    return f"previously {earlier}" if earlier else "unlabelled"


def _plain(b: str, lang: str) -> str:
    if b:
        return b
    return "未标注口径" if lang == "zh" else "the unlabelled basis"


def _how(s: BasisStep, link: BasisLink, unit: str, lang: str) -> str:
    """How one change of basis was bridged for the projection."""
    e, later = _plain(s.earlier, lang), _plain(s.later, lang)
    pts = unit.strip() in ("%", "％", "百分点")
    if s.how == "overlap":
        yrs = "、".join(f"{y}年" for y in s.overlap_years)
        yrs_en = ", ".join(str(y) for y in s.overlap_years)
        if link.additive:
            size = f"{fmt(s.link)}{'个百分点' if pts else unit}"
            size_en = f"{fmt(s.link)}{' percentage points' if pts else ' ' + unit}"
            if lang == "zh":
                return f"{e}数据按{yrs}两种口径均有的数值衔接到{later}（相差{size}）"
            return f"the {e} figures linked to {later} by the year(s) both give ({yrs_en}: a " \
                   f"difference of {size_en})"
        if lang == "zh":
            return f"{e}数据按{yrs}两种口径均有的数值之比（{fmt(s.link, 4)}）衔接到{later}"
        return f"the {e} figures linked to {later} by the ratio of the year(s) both give " \
               f"({yrs_en}: {fmt(s.link, 4)})"
    if s.how == "imputed":
        size = (f"{fmt(s.link)}{'个百分点' if pts else unit}" if link.additive
                else f"{fmt(s.link)}%")
        size_en = (f"{fmt(s.link)}{' percentage points' if pts else ' ' + unit}"
                   if link.additive else f"{fmt(s.link)}%")
        if lang == "zh":
            return (f"{s.year}年口径调整前后无两种口径均有的年份，{s.year - 1}—{s.year}年的"
                    f"跨口径变化不作为观测值，按同口径内年均变化{size}补齐（推算值）")
        return (f"no year is given on both bases around {s.year}: the step {s.year - 1}–{s.year}"
                f" across the change is not used as an observation and is set to the mean yearly"
                f" change within the bases, {size_en} (an imputed step)")
    span = next(((a, z) for b, a, z in link.spans if b == s.earlier), None)
    years = f"{span[0]}—{span[1]}年" if span else ""
    years_en = f" {span[0]}–{span[1]}" if span else ""
    if lang == "zh":
        return f"{e}的{years}数据无法与{later}衔接，未用于预测"
    return f"the {e} figures{years_en} cannot be linked to {later} and are left out"


def basis_words(pr: Progress, unit: str, projected: bool = True) -> tuple[str, str] | None:
    """The sentence on a change of statistical basis, in Chinese and English (no final stop).

    Parameters
    ----------
    pr : Progress
        The indicator's progress; its :attr:`~Progress.basis` says how the bases were linked.
    unit : str
        The indicator's unit (a % figure is linked in percentage points).
    projected : bool
        Whether the series was projected; without a projection (at the final evaluation, say)
        the sentence says only what the change did to the completion.

    Returns
    -------
    tuple of (str, str) or None
        ``(zh, en)``; None when the figures are on one basis.
    """
    link = pr.basis
    if link is None:
        return None
    order = [b for b, _, _ in link.spans]
    start = pr.baseline_year if pr.baseline_year is not None else pr.base_year
    base_basis = link.basis_at(start)
    changes = [s for s in link.steps if s.year > start] or list(link.steps[-1:])
    step = changes[-1]
    earlier = order[order.index(step.later) - 1] if order.index(step.later) else ""
    name = {lang: _label(step.later, earlier, lang) for lang in ("zh", "en")}
    across = base_basis != link.latest and pr.baseline is not None
    n = len(pr.series.years) if pr.series is not None and projected else 0
    how = {lang: "；".join(_how(s, link, unit, lang) for s in link.steps) if lang == "zh"
           else "; ".join(_how(s, link, unit, lang) for s in link.steps) for lang in ("zh", "en")}
    zh = f"{step.year}年起统计口径调整（{name['zh']}）"
    en = f"The statistical basis changed from {step.year} ({name['en']})"
    if across:
        zh += "，与基期值口径不同，完成进度含口径调整影响"
        en += ": the base-year figure is on another basis, so the completion includes the change"
    if n:
        zh += f"；预测只用同一口径内的逐年变化（使用{n}个年度数据）：{how['zh']}"
        en += (f"; the projection uses only the yearly changes within a basis ({n} yearly "
               f"figures): {how['en']}")
    if not across and not n:
        return None
    return zh, en
