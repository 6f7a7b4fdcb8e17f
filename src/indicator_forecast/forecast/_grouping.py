"""The kernels of many projections in one call per group, and the driver that feeds them.

A projection (:func:`~indicator_forecast.forecast.projection.project_series`) is written as a
generator of steps: it prepares its series, yields the kernel work it needs
(:class:`KernelRequest`: the point forecast, the scale and the roughness bin of one row) and,
sent the answers, builds its distribution. :func:`run_one` answers one projection with
one-row calls; :func:`run_grouped` answers many at once, stacking the rows of the same method,
length and horizon into one matrix per group (the kernels fit every row of a matrix, see
:mod:`~indicator_forecast.forecast._kernels`).

Only kernels whose rows are computed independently by element-wise operations and per-row
reductions are stacked; those built on a matrix product (the least-squares lines of ``linear``,
``escap``, ``loglinear`` and ``theta``) are called one row at a time, as alone, since a BLAS
call may sum a product in a different order for a different number of rows.
"""

from __future__ import annotations

import warnings
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import numpy as np

from indicator_forecast.exceptions import ProjectionError
from indicator_forecast.forecast import _kernels as K
from indicator_forecast.forecast import methods as M

T = TypeVar("T")

#: Base methods whose kernel treats every row by itself with element-wise operations and
#: per-row reductions: a row gives the same numbers alone or stacked.
STACKABLE = frozenset({"naive", "drift", "damped", "damped_fixed"})


@dataclass(frozen=True)
class KernelRequest:
    """The kernel work of one projection: one row ``y`` of ``n`` values.

    Attributes
    ----------
    method : str
        The resolved method, or ``"revert"`` with ``phi``.
    phi : float, optional
        The persistence of a mean-reverting forecast.
    y : numpy.ndarray
        The values projected (1-d, consecutive years).
    h : int
        Years ahead (0: no point forecast).
    roughness : bool
        Whether the roughness bin is needed (else -1).
    """

    method: str
    phi: float | None
    y: np.ndarray
    h: int
    roughness: bool

    def key(self) -> tuple[str, float | None, int, int, bool]:
        return (self.method, self.phi, int(self.y.size), self.h, self.roughness)


#: What a request is answered with: (scale, point forecasts for 1..h, roughness bin).
KernelResult = tuple[float, np.ndarray, int]

#: A projection as steps: yields its requests, is sent their answers, returns its result.
Steps = Generator[list[KernelRequest], list[KernelResult], T]


def _mean_rows(method: str, phi: float | None, Y: np.ndarray, h: int) -> np.ndarray:
    if method == "revert":
        assert phi is not None
        out: np.ndarray = K.revert(Y, h, phi=phi)[0]
        return out
    return M.forecast_matrix(method, Y, h)


def answer_one(req: KernelRequest) -> KernelResult:
    """The answer to one request, from one-row kernel calls."""
    Y = req.y[None, :]
    scale = float(M.series_scale(Y)[0])
    mean = _mean_rows(req.method, req.phi, Y, req.h)[0] if req.h > 0 else np.empty(0)
    rbin = int(M.calibration_bin(Y)[0]) if req.roughness else -1
    return scale, mean, rbin


def _stackable(method: str) -> bool:
    return method == "revert" or all(p in STACKABLE for p in M.members(method))


def answer_group(reqs: Sequence[KernelRequest]) -> list[KernelResult]:
    """The answers to requests of one key (:meth:`KernelRequest.key`), from one call per kernel
    when the method allows (:data:`STACKABLE`), else one row at a time."""
    first = reqs[0]
    if len(reqs) == 1 or not _stackable(first.method):
        return [answer_one(r) for r in reqs]
    Y = np.stack([r.y for r in reqs])
    scales = M.series_scale(Y).tolist()
    means = (_mean_rows(first.method, first.phi, Y, first.h) if first.h > 0
             else np.empty((len(reqs), 0)))
    rbins = M.calibration_bin(Y).tolist() if first.roughness else [-1] * len(reqs)
    return [(float(s), means[i].copy(), int(b))
            for i, (s, b) in enumerate(zip(scales, rbins, strict=True))]


def run_one(steps: Steps[T]) -> T:
    """Run one projection's steps with one-row kernel calls; its result."""
    try:
        reqs = next(steps)
        while True:
            reqs = steps.send([answer_one(r) for r in reqs])
    except StopIteration as done:
        result: T = done.value
        return result


@dataclass(frozen=True)
class Ran(Generic[T]):
    """What :func:`run_grouped` gives for one projection.

    Attributes
    ----------
    result : object, optional
        The projection (None when it failed).
    error : ProjectionError, optional
        Why it failed, as the projection alone would have raised it.
    caught : tuple of warnings.WarningMessage
        Every warning raised while it ran (all categories, each occurrence), in order.
    """

    result: T | None
    error: ProjectionError | None
    caught: tuple[warnings.WarningMessage, ...]


def run_grouped(all_steps: Sequence[Steps[T]]) -> list[Ran[T]]:
    """Run many projections' steps, answering their requests group by group.

    Each projection's result and error are those it gives alone (:func:`run_one`); its warnings
    are recorded with it (every warning, whatever the filters, so that a caller can tell which
    projection raised what). A group's kernel call that warns is made again one row at a time,
    so that each warning is recorded with its own projection.

    Parameters
    ----------
    all_steps : sequence of generators
        The projections as steps (e.g. from ``projection.series_steps``).

    Returns
    -------
    list of Ran
        One per projection, in order.
    """
    m = len(all_steps)
    results: list[Any] = [None] * m
    errors: list[ProjectionError | None] = [None] * m
    caught: list[list[warnings.WarningMessage]] = [[] for _ in range(m)]
    pending: dict[int, list[KernelRequest]] = {}
    answers: dict[int, list[KernelResult]] = {}

    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")

        def advance(i: int, sent: list[KernelResult] | None) -> None:
            start = len(rec)
            try:
                pending[i] = next(all_steps[i]) if sent is None else all_steps[i].send(sent)
            except StopIteration as done:
                results[i] = done.value
            except ProjectionError as exc:
                errors[i] = exc
            caught[i].extend(rec[start:])

        for i in range(m):
            advance(i, None)
        while pending:
            groups: dict[tuple[Any, ...], list[tuple[int, int]]] = {}
            for i, reqs in pending.items():
                answers[i] = [(0.0, np.empty(0), -1)] * len(reqs)
                for j, r in enumerate(reqs):
                    groups.setdefault(r.key(), []).append((i, j))
            for members in groups.values():
                reqs_g = [pending[i][j] for i, j in members]
                start = len(rec)
                got = answer_group(reqs_g)
                if len(rec) > start:  # attribute each warning to its own row
                    del rec[start:]
                    got = []
                    for (i, _), r in zip(members, reqs_g, strict=True):
                        s = len(rec)
                        got.append(answer_one(r))
                        caught[i].extend(rec[s:])
                for (i, j), a in zip(members, got, strict=True):
                    answers[i][j] = a
            now = list(pending)
            pending.clear()
            for i in now:
                advance(i, answers.pop(i))
    return [Ran(results[i], errors[i], tuple(caught[i])) for i in range(m)]
