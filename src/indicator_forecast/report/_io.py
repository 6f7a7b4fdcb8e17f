"""Writing files safely: never replace what exists unless asked, never leave half a file."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import shutil
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


BACKUP_DIR = "备份_backup"
_RUN_STAMP = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def backup_existing(path: Path) -> Path | None:
    """Copy ``path`` into ``<folder>/备份_backup/<run stamp>/`` before it is replaced.

    An output folder is often where analysts type into what the package wrote (the 数据缺口 sheet,
    the 附件7 form): replacing a file keeps the earlier one here, so nothing typed is lost. The
    stamp is the time this process started, so one export's backups sit in one folder.
    """
    if not path.exists():
        return None
    dest = path.parent / BACKUP_DIR / _RUN_STAMP / path.name
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(path, dest)
    return dest


MANIFEST = ".indicator_forecast_outputs.json"
"""In each folder written to: the files the package wrote there (name → sha256, time)."""


def _manifest(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def written_by_package(path: Path) -> bool:
    """Whether ``path`` is listed in its folder's manifest, i.e. an earlier output of ours."""
    return Path(path).name in _manifest(Path(path).parent)


def _record(path: Path) -> None:
    folder = path.parent
    entries = _manifest(folder)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    entries[path.name] = {
        "sha256": digest,
        "written": _dt.datetime.now().isoformat(timespec="seconds"),
    }
    tmp = folder / f".tmp-{MANIFEST}"
    tmp.write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)


def refuse_foreign(path: Path) -> None:
    """Refuse to replace a file the package did not write (not in the folder's manifest)."""
    if path.exists() and not written_by_package(path):
        raise OutputExistsError(
            f"{path} exists but was not written by indicator_forecast (it is not listed in "
            f"{path.parent / MANIFEST}); it is left untouched. Move it away or choose another "
            f"folder. / 该文件并非本软件生成，不予覆盖，请移走或另选输出文件夹。"
        )


def _umask_mode() -> int:
    """The mode a new file gets under the process umask (e.g. 0644), read without changing it."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: Path, write: Callable[[Path], None], *, overwrite: bool) -> Path:
    """Write ``path`` through ``write(tmp)`` into a temporary file, then move it into place.

    An existing file is replaced only with ``overwrite``; the earlier version goes to the dated
    backup folder first, so what an analyst typed into an output is kept, and the file is
    recorded in the folder's manifest. Folder exports (:func:`export_all`, the CLI) also refuse,
    before writing anything, a file of an output's name that the manifest does not list
    (:func:`refuse_foreign`): a file the user put there is never touched. A failure while
    writing leaves no partial file and leaves an earlier file untouched. The
    file gets the permissions of any new file under the user's umask: ``mkstemp`` creates it
    0600, which colleagues on a shared drive could not open.
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
        os.chmod(tmp, _umask_mode())
        backup_existing(path)
        os.replace(tmp, path)
        _record(path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
