"""The financial statement of a proof of use, as pure functions: planned beside actual, eligible, the grant due.

Nothing here writes to the database. Money: every amount is a Decimal; rounding to the cent happens only through
kiz.money.round_cents.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kiz.money import format_euro, round_cents

from ..grants.models import extra_item_key
from ..guidelines.editions import kind_group
from ..guidelines.models import FinancingType
from ..guidelines.rules import ACTUAL, Share, capped, extra_eligible, post_eligible, rules_by_category
from .models import ProofLineKind

ZERO = Decimal("0.00")


def percent(actual, planned) -> Decimal | None:
    """Actual as percent of planned, to two places; None where nothing was planned."""
    if not planned:
        return None
    return round_cents(Decimal(actual) * 100 / Decimal(planned))


@dataclass
class StatementLine:
    line: object  # ProofLine
    planned: Decimal
    actual: Decimal | None
    eligible: Decimal
    explanation: str

    @property
    def percent(self):
        return None if self.actual is None else percent(self.actual, self.planned)

    @property
    def difference(self):
        return None if self.actual is None else self.actual - self.planned


@dataclass
class IncomeLine:
    label: str
    planned: Decimal
    actual: Decimal

    @property
    def percent(self):
        return percent(self.actual, self.planned)


@dataclass
class Statement:
    financing_type: str
    expenses: list[StatementLine] = field(default_factory=list)
    income: list[IncomeLine] = field(default_factory=list)
    personnel_eligible: Decimal = ZERO
    personnel_spent: Decimal = ZERO  # actual costs of the posts the edition funds from the grant
    annual_cap: Decimal | None = None
    extras_eligible: Decimal = ZERO
    approved: Decimal = ZERO
    paid: Decimal = ZERO
    third_party: Decimal = ZERO
    due: Decimal = ZERO
    due_explanation: str = ""

    @property
    def planned_expenses(self) -> Decimal:
        return sum((line.planned for line in self.expenses), ZERO)

    @property
    def actual_expenses(self) -> Decimal:
        return sum((line.actual or ZERO for line in self.expenses), ZERO)

    @property
    def expenses_percent(self):
        return percent(self.actual_expenses, self.planned_expenses)

    @property
    def planned_income(self) -> Decimal:
        return sum((line.planned for line in self.income), ZERO)

    @property
    def actual_income(self) -> Decimal:
        return sum((line.actual for line in self.income), ZERO)

    @property
    def income_percent(self):
        return percent(self.actual_income, self.planned_income)

    @property
    def lines_eligible(self) -> Decimal:
        """The eligible amounts of the lines added up, before the annual cap."""
        return sum((line.eligible for line in self.expenses), ZERO)

    @property
    def personnel_eligible_capped(self) -> Decimal:
        return capped(self.personnel_eligible, self.annual_cap)

    @property
    def eligible(self) -> Decimal:
        return self.personnel_eligible_capped + self.extras_eligible

    @property
    def overpayment(self) -> Decimal:
        return max(self.paid - self.due, ZERO)

    @property
    def missing(self) -> list:
        return [line for line in self.expenses if line.actual is None]


def proof_statement(*, proof, application, notice, lines, paid) -> Statement:
    """The financial statement of a proof of use with the eligible actual costs and the grant that was due.

    Eligible actual costs: each grant-funded post under the edition's rule for its category, applied to the actual
    costs and the months in post (funding.guidelines.rules.post_eligible, as for the application); the personnel
    part at most the edition's annual cap;
    extra items at their actual costs, at most the edition's maximum; the municipal own contribution is not
    eligible.

    The grant that was due, by financing type of the edition:
      - capped share of actual or expected costs: due = min(approved, eligible)
      - full financing up to a maximum: due = min(approved, max(0, eligible − third-party income)),
        since income from third parties for the same purpose reduces a full financing first
      - fixed amount: due = min(approved, min(fixed amounts, personnel costs spent) + extra items), since the
        fixed amount covers personnel costs and is reduced to the eligible personnel costs actually spent when
        these fall below it; what the city spent of its own money (rooms, administration) does not count
    The overpayment is what was paid out (paid call-offs) above the grant that was due.
    """
    guideline = application.guideline
    financing_type = guideline.financing_type if guideline else FinancingType.CAP_ACTUAL
    group = kind_group(application.municipality.kind)
    by_category = rules_by_category(guideline, group)
    maxima = {extra_item_key(rule.pk): rule for rule in guideline.extra_items.all()} if guideline else {}
    statement = Statement(financing_type=financing_type)
    statement.annual_cap = guideline.annual_cap(group) if guideline else None
    statement.approved = round_cents(notice.approved_amount)
    statement.paid = round_cents(paid)
    statement.third_party = round_cents(proof.third_party_actual or ZERO)
    for line in lines:
        if line.kind == ProofLineKind.POST:
            result = post_eligible(
                rule=by_category.get(line.category),
                financing_type=financing_type,
                funding_source=line.funding_source,
                fte=line.fte,
                months=line.months,
                cost=line.actual,
                basis=ACTUAL,
            )
            eligible, explanation = result.amount, result.explanation
            statement.personnel_eligible += eligible
            if result.share == Share.GRANT:
                statement.personnel_spent += line.actual or ZERO
        elif line.kind == ProofLineKind.EXTRA:
            rule = maxima.get(line.key)
            eligible = extra_eligible(rule, line.actual) if rule else ZERO
            explanation = (
                _("Actual costs, at most %(max)s.") % {"max": format_euro(rule.max_amount)}
                if rule
                else _("Not an item of this edition.")
            )
            statement.extras_eligible += eligible
        else:
            eligible, explanation = ZERO, _("Borne by the municipality.")
        statement.expenses.append(StatementLine(line, line.planned, line.actual, eligible, explanation))
    statement.personnel_eligible = round_cents(statement.personnel_eligible)
    statement.personnel_spent = round_cents(statement.personnel_spent)
    statement.extras_eligible = round_cents(statement.extras_eligible)
    eligible = statement.eligible
    numbers = {
        "approved": format_euro(statement.approved),
        "eligible": format_euro(eligible),
        "third": format_euro(statement.third_party),
        "actual": format_euro(statement.actual_expenses),
    }
    if financing_type == FinancingType.FULL_UP_TO_MAX:
        statement.due = min(statement.approved, max(eligible - statement.third_party, ZERO))
        statement.due_explanation = (
            _(
                "Full financing up to a maximum: the lower of the approved %(approved)s and the eligible actual costs "
                "%(eligible)s less third-party funds %(third)s."
            )
            % numbers
        )
    elif financing_type == FinancingType.FIXED:
        personnel = min(statement.personnel_eligible_capped, statement.personnel_spent)
        statement.due = min(statement.approved, personnel + statement.extras_eligible)
        numbers.update(
            fixed=format_euro(statement.personnel_eligible_capped),
            spent=format_euro(statement.personnel_spent),
            extras=format_euro(statement.extras_eligible),
        )
        statement.due_explanation = (
            _(
                "Fixed amount for personnel costs: the fixed amounts for the months in post %(fixed)s, reduced to "
                "the personnel costs actually spent %(spent)s if these are lower, plus extra items %(extras)s; at "
                "most the approved %(approved)s. The municipality's own expenses (rooms, administration) do not "
                "count."
            )
            % numbers
        )
    else:
        statement.due = min(statement.approved, eligible)
        statement.due_explanation = (
            _("The lower of the approved %(approved)s and the eligible actual costs %(eligible)s.") % numbers
        )
    statement.due = round_cents(statement.due)
    own_planned = statement.planned_expenses - statement.approved
    statement.income = [
        IncomeLine(pgettext("income", "Grant"), statement.approved, statement.paid),
        IncomeLine(_("Own funds"), own_planned, round_cents(proof.own_funds_actual or ZERO)),
        IncomeLine(_("Third-party funds"), ZERO, statement.third_party),
    ]
    return statement
