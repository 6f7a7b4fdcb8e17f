from __future__ import annotations

import pytest

from .synthetic import SyntheticEvaluation


@pytest.fixture
def synthetic_ev() -> SyntheticEvaluation:
    """A SYNTHETIC evaluation of the contract's shape (invented numbers)."""
    return SyntheticEvaluation()
