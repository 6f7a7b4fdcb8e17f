"""Observed figures: read, validate, align to periods."""

from indicator_forecast.data.observations import Observations, read_observations
from indicator_forecast.data.periods import Period, parse_period
from indicator_forecast.data.units import conversion_factor, normalise_unit

__all__ = [
    "Observations",
    "Period",
    "conversion_factor",
    "normalise_unit",
    "parse_period",
    "read_observations",
]
