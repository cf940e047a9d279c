"""The grant per guideline item: granted, called off, paid and remaining, as pure functions.

Money: every amount is a Decimal; rounding to the cent happens only through kiz.money.round_cents.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from kiz.money import allocate, round_cents

from ..guidelines.rules import extra_eligible
from .models import PERSONNEL_ITEM, CallOffState, extra_item_key

ZERO = Decimal("0.00")


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
    """The approved amount split over the edition's items, adding up to the approved amount exactly.

    Each item weighs what was requested for it: an extra item its request (at most the edition's maximum),
    personnel costs the rest of the requested grant. The approval is split in proportion to these weights to the
    cent (kiz.money.allocate); since the approval is at most the request, no item gets more than was requested
    for it, and a partial grant scales every item alike.
    """
    approved = round_cents(notice.approved_amount)
    guideline = application.guideline
    rules = {rule.pk: rule for rule in guideline.extra_items.all()} if guideline else {}
    extras = {
        extra_item_key(item.rule_id): extra_eligible(rules[item.rule_id], item.amount)
        for item in application.items.all()
        if item.rule_id in rules
    }
    requested = round_cents(application.requested_grant) if application.requested_grant is not None else approved
    whole = max(requested, approved)
    weights = {PERSONNEL_ITEM: max(whole - sum(extras.values(), ZERO), ZERO), **extras}
    if not any(weights.values()):
        weights[PERSONNEL_ITEM] = approved
    return dict(zip(weights, allocate(approved, weights.values()), strict=True))


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
