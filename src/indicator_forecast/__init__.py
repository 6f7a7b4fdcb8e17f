"""indicator_forecast: mid-term evaluation of Five-Year-Plan indicators.

Read a plan table as officials write it, read the observed figures, compute half-time
progress at an evaluation date, project end-of-period values with calibrated intervals,
suggest a conclusion (A/B/C/D) with its reasons and an adjusted target with its basis, and
write the evidence tables and the report in the government's layout.
"""

from indicator_forecast.config import EvaluationConfig
from indicator_forecast.data import Observations, read_observations
from indicator_forecast.exceptions import (
    DataError,
    IndicatorForecastError,
    InputError,
    PlanError,
    TargetParseError,
)
from indicator_forecast.plan import Indicator, Plan, parse_target, read_plan, read_plan_folder

# isort: split
# Last on purpose: the function `evaluate` shadows the subpackage name (the public verb).
from indicator_forecast.evaluate import Evaluation, IndicatorResult, evaluate

# isort: split
# Likewise the function `collect` shadows its subpackage's name (the data round trip's verb).
from indicator_forecast.collect import collect, make_forms

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "Evaluation",
    "EvaluationConfig",
    "IndicatorResult",
    "evaluate",
    "Indicator",
    "IndicatorForecastError",
    "InputError",
    "Observations",
    "Plan",
    "PlanError",
    "TargetParseError",
    "__version__",
    "collect",
    "make_forms",
    "parse_target",
    "read_observations",
    "read_plan",
    "read_plan_folder",
]
