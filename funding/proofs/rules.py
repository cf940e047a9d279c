"""Rules of the proof of use: when it is due, and the findings of its financial statement."""

from datetime import date

from django.utils.translation import gettext as _

from kiz.findings import Finding, Severity
from kiz.money import format_euro

from .statement import Statement

# The proof of use of a funding year is due by 31 March of the following year (side conditions of the notice).
PROOF_DUE_MONTH, PROOF_DUE_DAY = 3, 31


def proof_due_on(year: int) -> date:
    return date(year + 1, PROOF_DUE_MONTH, PROOF_DUE_DAY)


def _f(code, severity, message, field="", **numbers) -> Finding:
    return Finding(code=code, severity=severity, message=message, field=field, numbers=numbers)


def proof_findings(statement: Statement) -> list[Finding]:
    """Errors block the submission (actual amounts missing); warnings inform (income and expenses differ)."""
    findings = []
    for line in statement.missing:
        findings.append(
            _f(
                "actual_missing",
                Severity.ERROR,
                _("“%(line)s”: the actual amount is missing (enter 0,00 € if nothing was spent).")
                % {"line": line.line.label},
                f"actual_{line.line.pk}",
            )
        )
    if not statement.missing and statement.actual_income != statement.actual_expenses:
        findings.append(
            _f(
                "income_expenses_differ",
                Severity.WARNING,
                _("Actual income %(income)s and actual expenses %(expenses)s differ by %(difference)s.")
                % {
                    "income": format_euro(statement.actual_income),
                    "expenses": format_euro(statement.actual_expenses),
                    "difference": format_euro(statement.actual_income - statement.actual_expenses),
                },
                "own_funds_actual",
                income=statement.actual_income,
                expenses=statement.actual_expenses,
            )
        )
    if statement.overpayment > 0:
        findings.append(
            _f(
                "overpayment",
                Severity.WARNING,
                _("Paid out %(paid)s, due %(due)s: %(over)s have to be repaid with interest.")
                % {
                    "paid": format_euro(statement.paid),
                    "due": format_euro(statement.due),
                    "over": format_euro(statement.overpayment),
                },
                "",
                paid=statement.paid,
                due=statement.due,
                overpayment=statement.overpayment,
            )
        )
    return findings
