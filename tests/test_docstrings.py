"""The public API is documented the numpydoc way (16.6).

Public: every function and class defined in a module whose dotted path has no part starting
with "_", and whose own name does not. Each needs a docstring with a one-line summary; a
function with parameters needs a ``Parameters`` section naming each of them, and one that
returns something a ``Returns`` (or ``Yields``) section; a class that is built from fields
(dataclass, pydantic model, or an ``__init__`` with parameters) needs a ``Parameters`` or
``Attributes`` section.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterator
from typing import Any

import indicator_forecast as pkg


def _public() -> Iterator[tuple[str, Any]]:
    for info in pkgutil.walk_packages(pkg.__path__, "indicator_forecast."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]):
            continue
        mod = importlib.import_module(info.name)
        for name, obj in vars(mod).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != mod.__name__:
                continue
            if inspect.isfunction(obj) or inspect.isclass(obj):
                yield f"{mod.__name__}.{name}", obj


def _section(doc: str, *titles: str) -> str | None:
    for title in titles:
        m = re.search(rf"^{title}\n-{{3,}}\n(.*?)(?=^\S[^\n]*\n-{{3,}}\n|\Z)", doc, re.M | re.S)
        if m:
            return m.group(1)
    return None


def _named(block: str) -> set[str]:
    names: set[str] = set()
    for line in block.splitlines():
        if line and not line[0].isspace():
            head = line.split(" : ")[0]
            names.update(n.strip().lstrip("*") for n in head.split(","))
    return names


def _function_problems(obj: Callable[..., Any]) -> list[str]:
    doc = inspect.getdoc(obj) or ""
    if not doc.strip():
        return ["no docstring"]
    out: list[str] = []
    sig = inspect.signature(obj)
    params = [p for p in sig.parameters if p not in ("self", "cls")]
    if params:
        block = _section(doc, "Parameters")
        if block is None:
            out.append("no Parameters section")
        else:
            absent = [p for p in params if p not in _named(block)]
            if absent:
                out.append(f"Parameters does not name {absent}")
    ret = sig.return_annotation
    if ret not in (inspect.Signature.empty, None, "None") and _section(
        doc, "Returns", "Yields"
    ) is None:
        out.append("no Returns section")
    return out


def _class_problems(cls: type) -> list[str]:
    doc = inspect.getdoc(cls) or ""
    if not doc.strip() or doc == inspect.getdoc(cls.__mro__[1]):
        return ["no docstring"]
    if issubclass(cls, BaseException):
        return []
    fields = dataclasses.is_dataclass(cls) or hasattr(cls, "model_fields") or (
        "__init__" in vars(cls)
        and len(inspect.signature(vars(cls)["__init__"]).parameters) > 1
    )
    if fields and _section(doc, "Parameters", "Attributes") is None:
        return ["no Parameters or Attributes section"]
    return []


#: Modules whose docstrings are still being brought to the rule; the test fails if one of them
#: has no problem left, so the list only shrinks.
PENDING: frozenset[str] = frozenset()


def test_every_public_function_and_class_has_numpydoc_sections() -> None:
    problems: list[str] = []
    pending_with_problems: set[str] = set()
    for name, obj in _public():
        found = _class_problems(obj) if inspect.isclass(obj) else _function_problems(obj)
        module = name.rsplit(".", 1)[0]
        if module in PENDING:
            pending_with_problems.update([module] if found else [])
            continue
        problems += [f"{name}: {p}" for p in found]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
    done = PENDING - pending_with_problems
    assert not done, f"now documented, remove from PENDING: {sorted(done)}"


def test_the_checker_sees_a_missing_section() -> None:
    def undocumented(a: int, b: int) -> int:
        """Add.

        Parameters
        ----------
        a : int
            One.
        """
        return a + b

    assert _function_problems(undocumented) == ["Parameters does not name ['b']",
                                                "no Returns section"]
