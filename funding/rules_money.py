"""Rules after the grant, as pure functions: the grant per guideline item, call-off findings, the proof of use.

Nothing here writes to the database. The functions take the rows they need (the application with its items and
edition, the notice, the call-offs, the statement lines) so that pages can load them with a constant number of
queries and tests can compute with plain objects.

Money: every amount is a Decimal; rounding to the cent happens only through kiz.money.round_cents.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kiz.findings import Finding, Severity
from kiz.money import format_decimal, format_euro, round_cents

from .guidelines import kind_group
from .models import PERSONNEL_ITEM, CallOffState, FinancingType, ProofLineKind, extra_item_key
from .rules import _prorated, _rules_by_category

ZERO = Decimal("0.00")
# Days the authority needs from a call-off to the payout, when it has not been paid yet (assumption: two weeks).
PROCESSING_DAYS = 14
# Funds may only be called off for payments due within two months after the payout.
DUE_WITHIN_MONTHS = 2
# The proof of use of a funding year is due by 31 March of the following year (side conditions of the notice).
PROOF_DUE_MONTH, PROOF_DUE_DAY = 3, 31
STATE_GRANT_SOURCE = "landeszuschuss"


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the last day of the month where that month is shorter (31.12. + 2 → 28./29.02.)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def proof_due_on(year: int) -> date:
    return date(year + 1, PROOF_DUE_MONTH, PROOF_DUE_DAY)


# --- the grant per guideline item ----------------------------------------------------------------------------


@dataclass
class ItemBudget:
    key: str
    label: str
    granted: Decimal = ZERO
    called_off: Decimal = ZERO  # requested or paid, not rejected
    paid: Decimal = ZERO

    @property
    def remaining(self) -> Decimal:
        return self.granted - self.called_off

    @property
    def pending(self) -> Decimal:
        return self.called_off - self.paid


@dataclass
class GrantBudget:
    items: list[ItemBudget]

    def item(self, key) -> ItemBudget | None:
        return next((item for item in self.items if item.key == key), None)

    @property
    def granted(self) -> Decimal:
        return sum((i.granted for i in self.items), ZERO)

    @property
    def called_off(self) -> Decimal:
        return sum((i.called_off for i in self.items), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((i.paid for i in self.items), ZERO)

    @property
    def remaining(self) -> Decimal:
        return self.granted - self.called_off


def item_labels(guideline) -> dict[str, str]:
    """Key → label of the items of an edition: personnel costs, then its extra items (e.g. the interpreter pool)."""
    labels = {PERSONNEL_ITEM: _("Personnel costs")}
    if guideline is not None:
        for rule in guideline.extra_items.all():
            labels[extra_item_key(rule.pk)] = rule.name
    return labels


def granted_by_item(application, notice) -> dict[str, Decimal]:
    """The approved amount split over the edition's items.

    The extra items get what was requested for them (at most the edition's maximum); personnel costs get the
    rest of the request. A partial grant scales each extra item by approved / requested (rounded to the cent),
    and personnel costs take what is left, so that the items always add up to the approved amount exactly.
    """
    approved = round_cents(notice.approved_amount)
    guideline = application.guideline
    maxima = {rule.pk: rule.max_amount for rule in guideline.extra_items.all()} if guideline else {}
    extras = {
        extra_item_key(item.rule_id): min(item.amount, maxima[item.rule_id])
        for item in application.items.all()
        if item.rule_id in maxima
    }
    requested = application.requested_grant if application.requested_grant else approved
    granted = {}
    if requested > 0:
        for key, amount in extras.items():
            granted[key] = min(round_cents(amount * approved / requested), approved)
    extras_total = sum(granted.values(), ZERO)
    return {PERSONNEL_ITEM: max(approved - extras_total, ZERO), **granted}


def grant_budget(application, notice, call_offs) -> GrantBudget:
    """Granted, called off, paid and remaining per item, from the notice and the application's call-offs."""
    labels = item_labels(application.guideline)
    granted = granted_by_item(application, notice)
    items = {key: ItemBudget(key, label, granted.get(key, ZERO)) for key, label in labels.items()}
    for call_off in call_offs:
        if call_off.state == CallOffState.REJECTED:
            continue
        budget = items.setdefault(call_off.item, ItemBudget(call_off.item, call_off.item))
        budget.called_off += call_off.amount
        if call_off.state == CallOffState.PAID:
            budget.paid += call_off.amount
    return GrantBudget(list(items.values()))


# --- call-offs ----------------------------------------------------------------------------------------------


def expected_payout(requested_on: date, paid_on: date | None = None) -> date:
    """The day the money arrives: the day the authority paid it, else the request day plus the processing time."""
    return paid_on or requested_on + timedelta(days=PROCESSING_DAYS)


def _f(code, severity, message, field="", **numbers) -> Finding:
    return Finding(code=code, severity=severity, message=message, field=field, numbers=numbers)


@dataclass(frozen=True)
class PaymentEntry:
    description: str
    amount: Decimal
    due_on: date
    item: str = PERSONNEL_ITEM


def calloff_findings(*, budget: GrantBudget, amount, payments, payout_on: date, labels: dict, own_amount=ZERO):
    """The findings of a call-off: items mixed (error), above what remains of the item (error), payments due
    more than two months after the payout (warning). `own_amount` is what this call-off already counts in the
    budget (when an existing call-off is edited), so that it is not counted twice."""
    findings = []
    items = sorted({p.item for p in payments})
    if len(items) > 1:
        findings.append(
            _f(
                "calloff_items_mixed",
                Severity.ERROR,
                _("One call-off per guideline item: this one mixes %(items)s. Please request them separately.")
                % {"items": ", ".join(labels.get(i, i) for i in items)},
                "item",
                items=items,
            )
        )
    elif items:
        item = budget.item(items[0])
        granted = item.granted if item else ZERO
        already = (item.called_off if item else ZERO) - own_amount
        remaining = granted - already
        if amount > remaining:
            findings.append(
                _f(
                    "calloff_above_remaining",
                    Severity.ERROR,
                    _(
                        "%(item)s: this call-off of %(amount)s is above what remains of the grant. Granted "
                        "%(granted)s, already called off %(called)s, remaining %(remaining)s."
                    )
                    % {
                        "item": labels.get(items[0], items[0]),
                        "amount": format_euro(amount),
                        "granted": format_euro(granted),
                        "called": format_euro(already),
                        "remaining": format_euro(remaining),
                    },
                    "amount",
                    granted=granted,
                    called_off=already,
                    amount=amount,
                    remaining=remaining,
                )
            )
    limit = add_months(payout_on, DUE_WITHIN_MONTHS)
    for payment in payments:
        if payment.due_on > limit:
            findings.append(
                _f(
                    "payment_due_late",
                    Severity.WARNING,
                    _(
                        "“%(payment)s” is due on %(due)s, more than two months after the expected payout on "
                        "%(payout)s (limit %(limit)s): funds may only be called off for payments due by then."
                    )
                    % {
                        "payment": payment.description,
                        "due": payment.due_on.strftime("%d.%m.%Y"),
                        "payout": payout_on.strftime("%d.%m.%Y"),
                        "limit": limit.strftime("%d.%m.%Y"),
                    },
                    "payments",
                    due_on=payment.due_on,
                    payout_on=payout_on,
                    limit=limit,
                )
            )
    return findings


# --- the proof of use ----------------------------------------------------------------------------------------


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
    def personnel_eligible_capped(self) -> Decimal:
        if self.annual_cap is None:
            return self.personnel_eligible
        return min(self.personnel_eligible, self.annual_cap)

    @property
    def eligible(self) -> Decimal:
        return self.personnel_eligible_capped + self.extras_eligible

    @property
    def overpayment(self) -> Decimal:
        return max(self.paid - self.due, ZERO)

    @property
    def missing(self) -> list:
        return [line for line in self.expenses if line.actual is None]


def _post_eligible(line, rule, financing_type) -> tuple[Decimal, str]:
    """The eligible actual cost of a post: the same per-post rule as the application (funding.rules), applied to
    the actual costs and the months actually in post."""
    actual = line.actual if line.actual is not None else ZERO
    if line.funding_source != STATE_GRANT_SOURCE:
        return ZERO, _("Not paid from the grant.")
    if rule is None or not rule.funded:
        return ZERO, _("Not funded under this edition.")
    if rule.amount_per_fte is None:
        return actual, _("Actual costs in full.")
    months = line.months or 0
    amount = _prorated(rule.amount_per_fte, line.fte or ZERO, months)
    numbers = {
        "rate": format_euro(rule.amount_per_fte),
        "fte": format_decimal(line.fte or ZERO),
        "months": months,
        "amount": format_euro(amount),
        "actual": format_euro(actual),
    }
    if financing_type == FinancingType.FIXED:
        return amount, _("Fixed amount %(rate)s × %(fte)s FTE × %(months)s/12 months in post = %(amount)s.") % numbers
    eligible = min(actual, amount)
    numbers["eligible"] = format_euro(eligible)
    return eligible, _(
        "Lower of the actual costs %(actual)s and %(rate)s × %(fte)s FTE × %(months)s/12 months in post "
        "= %(amount)s: %(eligible)s."
    ) % numbers


def proof_statement(*, proof, application, notice, lines, paid) -> Statement:
    """The financial statement of a proof of use with the eligible actual costs and the grant that was due.

    Eligible actual costs: each grant-funded post under the edition's rule for its category, applied to the actual
    costs and the months in post (see `_post_eligible`); the personnel part at most the edition's annual cap;
    extra items at their actual costs, at most the edition's maximum; the municipal own contribution is not
    eligible.

    The grant that was due, by financing type of the edition:
      - capped share of actual or expected costs: due = min(approved, eligible)
      - full financing up to a maximum: due = min(approved, max(0, eligible − third-party income)),
        since income from third parties for the same purpose reduces a full financing first
      - fixed amount: due = min(approved, eligible, total actual expenses), since a fixed amount is only
        reduced when the expenses actually incurred fall below it
    The overpayment is what was paid out (paid call-offs) above the grant that was due.
    """
    guideline = application.guideline
    financing_type = guideline.financing_type if guideline else FinancingType.CAP_ACTUAL
    group = kind_group(application.municipality.kind)
    by_category = _rules_by_category(guideline, group) if guideline else {}
    maxima = {extra_item_key(rule.pk): rule for rule in guideline.extra_items.all()} if guideline else {}
    statement = Statement(financing_type=financing_type)
    statement.annual_cap = guideline.annual_cap(group) if guideline else None
    statement.approved = round_cents(notice.approved_amount)
    statement.paid = round_cents(paid)
    statement.third_party = round_cents(proof.third_party_actual or ZERO)
    for line in lines:
        if line.kind == ProofLineKind.POST:
            eligible, explanation = _post_eligible(line, by_category.get(line.category), financing_type)
            statement.personnel_eligible += eligible
        elif line.kind == ProofLineKind.EXTRA:
            rule = maxima.get(line.key)
            actual = line.actual if line.actual is not None else ZERO
            eligible = min(actual, rule.max_amount) if rule else ZERO
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
        statement.due = min(statement.approved, eligible, statement.actual_expenses)
        statement.due_explanation = (
            _(
                "Fixed amount: the lowest of the approved %(approved)s, the fixed amounts for the months in post "
                "%(eligible)s and the actual expenses %(actual)s."
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
