"""Findings: the outcome of a rule check, shown the same way in forms, on pages, in PDFs and on submission."""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # blocks submission
    WARNING = "warning"  # informs


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    field: str = ""
    numbers: dict = dataclass_field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR


def has_errors(findings) -> bool:
    return any(f.is_error for f in findings)
