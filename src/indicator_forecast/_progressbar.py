"""A progress bar for long runs: rich in a terminal or a notebook, silent otherwise."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def _interactive() -> bool:
    try:
        from IPython.core.getipython import get_ipython

        if get_ipython() is not None:
            # rich draws in Jupyter only through ipywidgets; without it, stay quiet.
            import importlib.util

            return importlib.util.find_spec("ipywidgets") is not None
    except ImportError:
        pass
    return sys.stderr.isatty()


def track(
    items: Iterable[T], *, description: str, show: bool | None = None, total: int | None = None
) -> Iterator[T]:
    """Iterate with a progress bar when ``show`` (default: only when interactive)."""
    show = _interactive() if show is None else show
    if not show:
        yield from items
        return
    from rich.progress import track as rich_track

    yield from rich_track(items, description=description, total=total, transient=True)
