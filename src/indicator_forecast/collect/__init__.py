"""The data round trip: request forms to every department, returns read back.

``make_forms(plan, observations, as_of, out)`` writes one ``数据征集表_<部门>.xlsx`` per
responsible department; ``collect(plan, paths, out=...)`` reads the returned workbooks into one
observations table that :func:`~indicator_forecast.evaluate` reads, each figure with its
provenance, and writes ``<name>_征集情况.xlsx`` (汇总, 催报, 问题, 未填, 冲突, 修改记录).

Modules: ``asks`` (what each indicator needs), ``forms`` (the workbooks), ``values`` (reading
what people type), ``returns`` (reading a returned workbook), ``merge`` (conflicts, credits,
changes), ``write`` (the outputs), ``run`` (:func:`collect`).
"""

from indicator_forecast.collect.asks import Ask, plan_asks
from indicator_forecast.collect.forms import make_forms
from indicator_forecast.collect.run import CollectResult, collect

__all__ = ["Ask", "CollectResult", "collect", "make_forms", "plan_asks"]
