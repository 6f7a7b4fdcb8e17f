"""Static checks as part of the test suite: ruff (lint) and mypy --strict on the package.

Both tools and the stubs they need are pinned in the ``test`` extra of pyproject.toml, so a
new release cannot turn the suite red on its own; bump the pins deliberately. They use their
usual caches (.ruff_cache, .mypy_cache, both ignored by git); a cold mypy run takes ~9 s here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUFF_PATHS = ["src", "tests", "benchmarks", "notebooks/_build.py", "docs"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_ruff_check_is_clean() -> None:
    res = _run("ruff", "check", *RUFF_PATHS)
    assert res.returncode == 0, f"ruff check failed:\n{res.stdout}\n{res.stderr}"


def test_mypy_strict_is_clean() -> None:
    res = _run("mypy", "src")
    assert res.returncode == 0, f"mypy src failed:\n{res.stdout}\n{res.stderr}"
