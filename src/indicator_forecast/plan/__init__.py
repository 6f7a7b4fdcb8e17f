"""Plans and their targets: the model every later step stands on."""

from indicator_forecast.plan.indicator import Indicator, Plan
from indicator_forecast.plan.parser import ACCEPTED_FORMS, infer_direction, parse_target
from indicator_forecast.plan.reader import read_plan
from indicator_forecast.plan.targets import Target

__all__ = ["ACCEPTED_FORMS", "Indicator", "Plan", "Target", "infer_direction", "parse_target", "read_plan"]
