"""Plans and their targets: the model every later step stands on."""

from indicator_forecast.plan.indicator import Indicator, Plan
from indicator_forecast.plan.parser import ACCEPTED_FORMS, infer_direction, parse_target
from indicator_forecast.plan.reader import plan_meta, read_plan, read_plan_folder
from indicator_forecast.plan.targets import Target
from indicator_forecast.plan.tasks import Task, TaskList, read_tasks

__all__ = [
    "ACCEPTED_FORMS", "Indicator", "Plan", "Target", "Task", "TaskList", "infer_direction",
    "parse_target", "plan_meta", "read_plan", "read_plan_folder", "read_tasks",
]
