"""Projection engine for short annual series.

Trend models (naive, drift, linear, log-linear, ESCAP-style weighted line, damped trend, Theta)
and their combinations; intervals and probabilities from empirical scaled errors calibrated on
real yearly series; sums of flows, growth rates and part-year nowcasts. Knows years, values and
thresholds, nothing of plans or targets.

>>> from indicator_forecast.forecast import project_series
>>> p = project_series([2018, 2019, 2020, 2021, 2022], [10, 11, 12.5, 13, 14.2])
>>> p.model
'combo(damped_fixed,drift)'
"""

from indicator_forecast.forecast.batch import project
from indicator_forecast.forecast.calibration import Calibration, default_calibration
from indicator_forecast.forecast.distribution import Predictive
from indicator_forecast.forecast.methods import BASE_METHODS, DEFAULT_METHOD, resolve
from indicator_forecast.forecast.priors import NATURES, Nature
from indicator_forecast.forecast.projection import (
    AmountsProjection,
    Partial,
    SeriesProjection,
    project_amounts,
    project_many,
    project_series,
)

__all__ = [
    "AmountsProjection",
    "BASE_METHODS",
    "DEFAULT_METHOD",
    "Calibration",
    "NATURES",
    "Nature",
    "Partial",
    "Predictive",
    "SeriesProjection",
    "default_calibration",
    "project",
    "project_amounts",
    "project_many",
    "project_series",
    "resolve",
]
