"""Number formatting shared by reasons, proposals and reports."""

from __future__ import annotations


def fmt(v: float | None, digits: int = 2) -> str:
    """A number as a short string (no trailing zeros); '—' when missing."""
    if v is None:
        return "—"
    s = f"{v:,.{digits}f}".replace(",", "")
    return s.rstrip("0").rstrip(".") if "." in s else s


def pct(v: float | None) -> str:
    """A ratio as a whole percentage; '—' when missing."""
    return "—" if v is None else f"{v * 100:.0f}%"
