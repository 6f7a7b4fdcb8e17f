"""Writing files safely: never replace what exists unless asked, never leave half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from ..exceptions import OutputExistsError


def refuse_existing(paths: Iterable[Path], overwrite: bool) -> None:
    """Raise :class:`OutputExistsError` naming every path of ``paths`` that already exists."""
    if overwrite:
        return
    existing = [str(p) for p in paths if Path(p).exists()]
    if existing:
        listing = "\n".join(f"  - {p}" for p in existing)
        raise OutputExistsError(
            f"{len(existing)} output file(s) already exist and would be replaced:\n{listing}\n"
            "Choose another folder, move the files away, or pass overwrite=True."
        )


def atomic_write(path: Path, write: Callable[[Path], None], *, overwrite: bool) -> Path:
    """Write ``path`` through ``write(tmp)`` into a temporary file, then move it into place.

    A failure while writing leaves no partial file and leaves an earlier file untouched.
    """
    path = Path(path)
    refuse_existing([path], overwrite)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        if not overwrite and path.exists():  # appeared while we were writing
            refuse_existing([path], overwrite)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
