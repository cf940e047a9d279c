"""Demo applications: Dortmund under the 2012 edition (granted), its current draft, and other KIZ in the inbox.

Every state is reached through the workflow (funding.workflow.transition) by the users who may make each move;
an application whose rule check still finds errors stays where the check stopped it.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from kiz.demo import DEMO_PASSWORD
from kiz.models import Municipality, Role
from kiz.services import user_ensure
from staffing.models import StaffPlan
from staffing.services import staff_plan_copy

from .models import ApplicationState as S
from .models import FundingApplication, GrantNotice
from .rules import financing_plan
from .services import application_create, application_decide, application_move
from .workflow import TransitionBlocked

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
    return logins
