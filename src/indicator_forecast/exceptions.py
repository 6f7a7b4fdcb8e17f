"""The package's exception tree and named warnings.

Every error the package raises on purpose derives from :class:`IndicatorForecastError`, so a
caller can catch the package's own problems without catching programming errors. Errors that
concern user input carry a table of every problem found (:class:`ProblemReport`), not just the
first one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Problem:
    """One problem found in user input.

    Parameters
    ----------
    source : str
        The file (and sheet) the problem was found in, or ``"<text>"`` for a string argument.
    row : int or None
        1-based row number as the user sees it in a spreadsheet (header is row 1).
    column : str or None
        The column header as written in the file.
    value : str
        The offending cell text, verbatim.
    expected : str
        What was expected, in words.
    """

    source: str
    row: int | None
    column: str | None
    value: str
    expected: str

    def __str__(self) -> str:
        where = self.source
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.value!r}: {self.expected}"


@dataclass(frozen=True)
class ProblemReport:
    """Every problem found in one read, as a list and as a table.

    Falsy when empty; ``len`` and iteration go over the problems.

    Parameters
    ----------
    problems : tuple of Problem
        The problems, in the order found (empty by default).
    """

    problems: tuple[Problem, ...] = field(default_factory=tuple)

    def __len__(self) -> int:
        return len(self.problems)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def __iter__(self) -> Any:
        return iter(self.problems)

    def to_frame(self) -> pd.DataFrame:
        """Return the problems as a table with columns source, row, column, value, expected."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "source": p.source,
                    "row": p.row,
                    "column": p.column,
                    "value": p.value,
                    "expected": p.expected,
                }
                for p in self.problems
            ],
            columns=["source", "row", "column", "value", "expected"],
        )

    def __str__(self) -> str:
        lines = [f"{len(self.problems)} problem(s) found:"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


class IndicatorForecastError(Exception):
    """Base class of every error raised by indicator_forecast."""


class InputError(IndicatorForecastError, ValueError):
    """User input (a file or a table) has problems; ``report`` lists every one of them.

    Parameters
    ----------
    message : str
        What could not be read; the report's problems are appended to it.
    report : ProblemReport or None
        Every problem found; ``None`` for an empty report.
    """

    def __init__(self, message: str, report: ProblemReport | None = None) -> None:
        self.report = report if report is not None else ProblemReport()
        full = message if not self.report else f"{message}\n{self.report}"
        super().__init__(full)


class PlanError(InputError):
    """A plan table could not be read as written."""


class DataError(InputError):
    """An observations table could not be read as written."""


class TargetParseError(IndicatorForecastError, ValueError):
    """A target text could not be parsed; the message quotes the text and the accepted forms.

    Parameters
    ----------
    text : str
        The target text as written.
    reason : str
        Why it could not be parsed, in words.
    """

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"cannot parse target text {text!r}: {reason}")


class NotFittedError(IndicatorForecastError, AttributeError):
    """A model was used before ``fit`` was called."""


class ProjectionError(IndicatorForecastError, ValueError):
    """A series cannot be projected (for instance fewer than two observations)."""


class ConfigurationError(IndicatorForecastError, ValueError):
    """A configuration value is out of its allowed range."""


class OutputExistsError(IndicatorForecastError, FileExistsError):
    """An output would replace a file the user already has; pass ``overwrite=True`` to allow it."""


class RenderError(IndicatorForecastError):
    """LibreOffice is missing or could not convert a document to PDF."""


class IndicatorForecastWarning(UserWarning):
    """Base class of the package's warnings."""


class ShortSeriesWarning(IndicatorForecastWarning):
    """A series is too short for the requested model; the result names the model actually used."""


class PlanPeriodWarning(IndicatorForecastWarning):
    """The plan table, its name and the arguments do not state the plan period: 2021–2025 was
    assumed (the plan's notes say so); state it in the header or as base_year/target_year."""


class DataCaveatWarning(IndicatorForecastWarning):
    """A figure was used with a caveat (a related series, a partial year); read the result's
    notes."""
