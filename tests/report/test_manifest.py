"""--overwrite replaces only what the package wrote (its manifest says which), keeps the earlier
version in a dated backup, and never touches a file the user put in the folder (synthetic
evaluation)."""

from __future__ import annotations

import hashlib
import json

import pytest

from indicator_forecast.exceptions import OutputExistsError
from indicator_forecast.report import export_all
from indicator_forecast.report._io import BACKUP_DIR, MANIFEST


def _hash(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_manifest_lists_what_was_written(synthetic_ev, tmp_path):
    files = export_all(synthetic_ev, tmp_path)
    listed = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    top = {p.name for p in files if p.parent == tmp_path}
    assert top <= set(listed)
    for p in files:
        if p.parent == tmp_path:
            assert listed[p.name]["sha256"] == _hash(p)


def test_user_files_are_never_touched(synthetic_ev, tmp_path):
    files = export_all(synthetic_ev, tmp_path)
    mine = tmp_path / "我的笔记_synthetic.xlsx"
    mine.write_bytes(b"synthetic user notes")
    before = _hash(mine)
    export_all(synthetic_ev, tmp_path, overwrite=True)
    assert _hash(mine) == before
    assert not (tmp_path / BACKUP_DIR).exists() or not any(
        p.name == mine.name for p in (tmp_path / BACKUP_DIR).rglob("*")
    )
    assert files


def test_a_foreign_file_with_an_output_name_is_refused(synthetic_ev, tmp_path):
    written = export_all(synthetic_ev, tmp_path / "first")
    name = next(p.name for p in written if p.suffix == ".xlsx" and p.parent == tmp_path / "first")
    (tmp_path / "second").mkdir()
    foreign = tmp_path / "second" / name
    foreign.write_bytes(b"synthetic file the user made")
    with pytest.raises(OutputExistsError, match="not written by indicator_forecast"):
        export_all(synthetic_ev, tmp_path / "second", overwrite=True)
    assert foreign.read_bytes() == b"synthetic file the user made"
    assert [p.name for p in (tmp_path / "second").iterdir()] == [name]  # nothing else written


def test_an_output_the_user_typed_into_is_backed_up(synthetic_ev, tmp_path):
    written = export_all(synthetic_ev, tmp_path)
    book = next(p for p in written if p.suffix == ".xlsx" and p.parent == tmp_path)
    book.write_bytes(book.read_bytes())  # same content, but now "edited": still ours
    typed = _hash(book)
    export_all(synthetic_ev, tmp_path, overwrite=True)
    backups = list((tmp_path / BACKUP_DIR).rglob(book.name))
    assert backups and _hash(backups[0]) == typed
