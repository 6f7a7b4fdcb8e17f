from __future__ import annotations

from pathlib import Path

import pytest

from indicator_forecast.collect import make_forms
from indicator_forecast.plan import Plan

from .synthetic import fill_all, putuo_plan

AS_OF = "2023-06-30"


@pytest.fixture(scope="session")
def plan() -> Plan:
    return putuo_plan()


@pytest.fixture(scope="session")
def forms(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Blank forms of the Putuo plan at the seed's date (no figure pre-filled)."""
    return make_forms(plan, None, AS_OF, tmp_path_factory.mktemp("forms"))


@pytest.fixture(scope="session")
def filled(plan: Plan, forms: list[Path], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every form with every asked cell filled with SYNTHETIC values."""
    return fill_all(plan, forms, tmp_path_factory.mktemp("returned"))


def form_of(paths: list[Path], dept: str) -> Path:
    return next(p for p in paths if f"_{dept}" in p.name)
