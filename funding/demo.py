"""Demo applications: Dortmund under the 2012 edition (granted), its current draft, and other KIZ in the inbox.

Every state is reached through the workflow (kiz.workflow.transition) by the users who may make each move;
an application whose rule check still finds errors stays where the check stopped it.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from kiz.demo import DEMO_PASSWORD
from kiz.models import Municipality, Role
from kiz.money import allocate, round_cents
from kiz.services import user_ensure
from kiz.workflow import TransitionBlocked
from staffing.models import StaffPlan
from staffing.services import staff_plan_copy

from .applications.financing import financing_plan
from .applications.models import ApplicationState as S
from .applications.models import FundingApplication
from .applications.services import application_create, application_decide, application_move
from .grants.models import CallOff, CallOffState, GrantNotice
from .grants.rules import PaymentEntry
from .grants.services import calloff_mark_paid, calloff_request
from .interest.calculation import Payout
from .proofs.models import ProofLineKind, ProofOfUse, ProofState
from .proofs.services import proof_check, proof_create, proof_move, statement_for

DORTMUND = "05913000"
# Leads of the other demo municipalities, so that their applications can be submitted.
OTHER_LEADS = [
    ("leitung.bochum", "Lea", "Wagner", "05911000", "KIZ-Leitung, Bochum"),
    ("leitung.essen", "Murat", "Demir", "05113000", "KIZ-Leitung, Essen"),
    ("leitung.unna", "Anna", "Krüger", "05978000", "KIZ-Leitung, Kreis Unna"),
]
OWN_CONTRIBUTION = {
    "own_rooms": Decimal("18000.00"),
    "own_admin_travel": Decimal("6500.00"),
    "own_material": Decimal("2500.00"),
    "own_project_funds": Decimal("25000.00"),
}

# (AGS, funding year, target state, approved share of the request or None)
APPLICATIONS = [
    (DORTMUND, 2014, S.GRANTED, None),
    (DORTMUND, 2015, S.GRANTED, None),
    (DORTMUND, 2016, S.PARTIALLY_GRANTED, Decimal("0.95")),
    (DORTMUND, 2026, S.DRAFT, None),
    ("05911000", 2021, S.IN_REVIEW, None),
    ("05911000", 2022, S.SUBMITTED, None),
    # The following stay drafts while the rule check finds errors (the concepts demo leaves gaps there).
    ("05911000", 2026, S.SUBMITTED, None),
    ("05113000", 2026, S.SUBMITTED, None),
    ("05978000", 2025, S.GRANTED, None),
    ("05978000", 2026, S.SUBMITTED, None),
]
# Bochum's 2021 and 2022 plans are its current plan carried back (its posts run since 2018), so that applications of
# years with a valid concept wait in the authority's inbox.
COPIED_PLANS = [("05911000", 2026, 2021), ("05911000", 2026, 2022)]

PATH = {
    S.DRAFT: [],
    S.SUBMITTED: [S.SUBMITTED],
    S.IN_REVIEW: [S.SUBMITTED, S.IN_REVIEW],
    S.GRANTED: [S.SUBMITTED, S.IN_REVIEW, S.GRANTED],
    S.PARTIALLY_GRANTED: [S.SUBMITTED, S.IN_REVIEW, S.PARTIALLY_GRANTED],
}


def _move(application, target, lead, authority, share):
    if target in (S.GRANTED, S.PARTIALLY_GRANTED):
        requested = application.requested_grant
        approved = requested if share is None else (requested * share).quantize(Decimal("1"))
        notice = GrantNotice(
            approved_amount=approved,
            period_start=application.period_start,
            period_end=application.period_end,
            file_number=f"36.08.01-{application.funding_year}/{application.municipality.ags[2:5]}",
            issued_on=date(application.funding_year, 3, 15),
            side_conditions="Es gelten die ANBest-G. Der Verwendungsnachweis ist bis zum 31.03. des Folgejahres "
            "vorzulegen.",
            reason="Eine Stelle war im Förderjahr zeitweise unbesetzt; bewilligt werden 95 % der beantragten Zuwendung."
            if share is not None
            else "",
        )
        application_decide(application=application, user=authority, decision=target, notice=notice)
    else:
        user = lead if target == S.SUBMITTED else authority
        application_move(application=application, to_state=target, user=user)


@transaction.atomic
def seed(stdout=None):
    logins = []
    by_ags = {m.ags: m for m in Municipality.objects.filter(ags__in={a[0] for a in APPLICATIONS})}
    leads = {}
    for username, first, last, ags, description in OTHER_LEADS:
        if ags in by_ags:
            leads[ags] = user_ensure(
                username=username,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                memberships=[(Role.LEAD, by_ags[ags])],
            )
            logins.append((username, description))
    users = get_user_model().objects.in_bulk(["leitung.dortmund", "bewilligung"], field_name="username")
    leads[DORTMUND] = users.get("leitung.dortmund")
    authority = users.get("bewilligung")
    for ags, source_year, year in COPIED_PLANS:
        source = StaffPlan.objects.filter(municipality__ags=ags, year=source_year).first()
        if source is not None and not StaffPlan.objects.filter(municipality__ags=ags, year=year).exists():
            staff_plan_copy(plan=source, year=year)
    for ags, year, target, share in APPLICATIONS:
        municipality = by_ags.get(ags)
        if municipality is None or FundingApplication.objects.filter(municipality=municipality, funding_year=year):
            continue
        application = application_create(municipality=municipality, funding_year=year)
        for field, value in OWN_CONTRIBUTION.items():
            setattr(application, field, value)
        application.requested_grant = financing_plan(application).max_grant
        application.save()
        for step in PATH[target]:
            try:
                _move(application, step, leads.get(ags), authority, share)
            except TransitionBlocked as exc:
                if stdout is not None:
                    stdout.write(f"{application}: {'; '.join(str(r) for r in exc.reasons)}")
                break
    seed_money(stdout)
    return logins


# --- after the grant: call-offs and proofs of use -------------------------------------------------------------

# Dortmund 2014: two paid call-offs, a proof of use checked with a small repayment and its interest.
# (requested on, paid on, [(payment, amount, due on)])
CALL_OFFS_2014 = [
    (
        date(2014, 3, 20),
        date(2014, 3, 31),
        [
            ("Personalausgaben April 2014", Decimal("50000.00"), date(2014, 4, 30)),
            ("Personalausgaben Mai 2014", Decimal("50000.00"), date(2014, 5, 31)),
        ],
    ),
    (
        date(2014, 9, 15),
        date(2014, 9, 30),
        [
            ("Personalausgaben Oktober 2014", Decimal("32500.00"), date(2014, 10, 31)),
            ("Personalausgaben November 2014", Decimal("32500.00"), date(2014, 11, 30)),
        ],
    ),
]
# The current grant: Dortmund 2025, its staff plan carried back from 2026; one call-off paid, one waiting.
CURRENT_YEAR = 2025


def _call_offs(application, lead, authority, plan):
    for requested_on, paid_on, payments in plan:
        call_off = calloff_request(
            application=application,
            user=lead,
            payments=[PaymentEntry(description, amount, due_on) for description, amount, due_on in payments],
            justification="Personalausgaben der geförderten Stellen für die nächsten zwei Monate.",
            requested_on=requested_on,
        )
        if paid_on is not None:
            calloff_mark_paid(call_off=call_off, user=authority, paid_on=paid_on)


def _proof_2014(application, lead, authority):
    """The proof of use 2014: one post vacant for a month, so a small part of the grant is paid back."""
    proof = proof_create(application=application, year=2014, user=lead)
    proof.activities = (
        "Beratung der Schulverwaltung und von 14 Schulen zur Seiteneinsteigerberatung; Netzwerk frühe Bildung mit "
        "22 Kitas; Fortbildungen zur interkulturellen Öffnung für Jugendamt und Ausländerbehörde."
    )
    proof.results = "Kommunales Übergangsmanagement Schule–Beruf mit der Wirtschaftsförderung vereinbart."
    proof.deviations = "Eine Stelle der pädagogischen Fachkräfte war im Dezember 2014 unbesetzt."
    vacancy_done = False
    for line in proof.lines.all():
        line.actual = line.planned
        funded = line.kind == ProofLineKind.POST and line.funding_source == "landeszuschuss"
        if funded and line.months and not vacancy_done:
            line.months -= 1
            line.actual = round_cents(line.planned * line.months / (line.months + 1))
            vacancy_done = True
        line.save()
    statement = statement_for(proof)
    proof.own_funds_actual = max(statement.actual_expenses - statement.paid, Decimal("0.00"))
    proof.save()
    proof_move(proof=proof, to_state=ProofState.SUBMITTED, user=lead)
    ProofOfUse.objects.filter(pk=proof.pk).update(submitted_on=date(2015, 3, 25))
    proof.refresh_from_db()
    proof_move(proof=proof, to_state=ProofState.IN_REVIEW, user=authority)
    payouts = [
        Payout(c.paid_on, c.amount) for c in application.call_offs.filter(state=CallOffState.PAID).order_by("paid_on")
    ]
    proof_check(
        proof=proof,
        user=authority,
        payouts=payouts,
        repaid_on=date(2015, 7, 15),
        repayment_due_on=date(2015, 7, 15),
        note="Rückforderung wegen der Vakanz im Dezember 2014; Zinsen bis zur Rückzahlung am 15.07.2015.",
    )


def _current_grant(municipality, lead, authority, stdout):
    """Dortmund's current grant (2025), through the workflow; its staff plan is the 2026 plan carried back."""
    source = StaffPlan.objects.filter(municipality=municipality, year=CURRENT_YEAR + 1).first()
    if source is not None and not StaffPlan.objects.filter(municipality=municipality, year=CURRENT_YEAR).exists():
        staff_plan_copy(plan=source, year=CURRENT_YEAR)
    application = application_create(municipality=municipality, funding_year=CURRENT_YEAR)
    for field, value in OWN_CONTRIBUTION.items():
        setattr(application, field, value)
    application.requested_grant = financing_plan(application).max_grant
    application.save()
    for step in PATH[S.GRANTED]:
        try:
            _move(application, step, lead, authority, None)
        except TransitionBlocked as exc:
            if stdout is not None:
                stdout.write(f"{application}: {'; '.join(str(r) for r in exc.reasons)}")
            return None
    return application


@transaction.atomic
def seed_money(stdout=None):
    """Call-offs and proofs of use on top of the applications (idempotent: skipped where they exist)."""
    users = get_user_model().objects.in_bulk(["leitung.dortmund", "bewilligung"], field_name="username")
    lead, authority = users.get("leitung.dortmund"), users.get("bewilligung")
    dortmund = Municipality.objects.filter(ags=DORTMUND).first()
    if lead is None or authority is None or dortmund is None:
        return
    granted = FundingApplication.objects.filter(
        municipality=dortmund, funding_year=2014, state=S.GRANTED, notice__isnull=False
    ).first()
    if granted is not None and not CallOff.objects.filter(application=granted).exists():
        _call_offs(granted, lead, authority, CALL_OFFS_2014)
        _proof_2014(granted, lead, authority)
    current = FundingApplication.objects.filter(municipality=dortmund, funding_year=CURRENT_YEAR).first()
    if current is None:
        current = _current_grant(dortmund, lead, authority, stdout)
    if current is not None and current.state == S.GRANTED and not CallOff.objects.filter(application=current).exists():
        # the grant in twelve monthly parts that add up to it to the cent
        monthly = allocate(current.notice.approved_amount, [1] * 12)
        _call_offs(
            current,
            lead,
            authority,
            [
                (
                    date(CURRENT_YEAR, 1, 10),
                    date(CURRENT_YEAR, 1, 20),
                    [
                        (f"Personalausgaben Januar {CURRENT_YEAR}", monthly[0], date(CURRENT_YEAR, 1, 31)),
                        (f"Personalausgaben Februar {CURRENT_YEAR}", monthly[1], date(CURRENT_YEAR, 2, 28)),
                    ],
                ),
                (
                    date(CURRENT_YEAR, 11, 10),
                    None,
                    [
                        (f"Personalausgaben Dezember {CURRENT_YEAR}", monthly[11], date(CURRENT_YEAR, 12, 31)),
                        (f"Personalausgaben Januar {CURRENT_YEAR + 1}", monthly[0], date(CURRENT_YEAR + 1, 1, 31)),
                    ],
                ),
            ],
        )
