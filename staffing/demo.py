"""Demo staff plans: Dortmund 2013–2017 as in the seed, a current plan for Dortmund, and a few other KIZ."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from kiz.models import Municipality

from .costs import term_months
from .models import FundingSource as F
from .models import PayScheme as S
from .models import Post, StaffPlan
from .models import PostCategory as C
from .models import PostOrigin as O

KIZ_OPENED = date(2013, 7, 1)
END_OF_2012_GUIDELINE = date(2017, 12, 31)

# (title, category, FTE, funding source, origin, pay scheme, pay grade, start, end, occupant)
DORTMUND_2013 = [
    ("Pädagogische Fachkraft Bildung (MIA-DO)", C.PAED_FACHKRAFT, "1.00", F.LANDESZUSCHUSS, O.BESTAND_KOMMUNAL,
     S.TVOED, "S 12", KIZ_OPENED, END_OF_2012_GUIDELINE, ""),
    ("Verwaltungsfachkraft (MIA-DO)", C.VERWALTUNGSFACHKRAFT, "1.00", F.LANDESZUSCHUSS, O.BESTAND_KOMMUNAL,
     S.TVOED, "EG 9c", KIZ_OPENED, END_OF_2012_GUIDELINE, ""),
    ("Pädagogische Fachkraft Querschnitt (Schulverwaltungsamt)", C.PAED_FACHKRAFT, "1.00", F.LANDESZUSCHUSS,
     O.ABORDNUNG_SCHULAMT, S.TVOED, "S 12", KIZ_OPENED, END_OF_2012_GUIDELINE, ""),
    ("Verwaltungsassistenz", C.VERWALTUNGSASSISTENZ, "0.50", F.LANDESZUSCHUSS, O.NEU,
     S.TVOED, "EG 6", KIZ_OPENED, END_OF_2012_GUIDELINE, ""),
    ("Lehrkraft Primarstufe (ehem. RAA)", C.LEHRKRAFT, "1.00", F.LEHRKRAFT_MSW, O.RAA_LEHRKRAFT,
     S.BESOLDUNG, "A 12", KIZ_OPENED, END_OF_2012_GUIDELINE, ""),
    ("Lehrkraft Sekundarstufe I (ehem. RAA)", C.LEHRKRAFT, "1.00", F.LEHRKRAFT_MSW, O.RAA_LEHRKRAFT,
     S.BESOLDUNG, "A 13", KIZ_OPENED, END_OF_2012_GUIDELINE, ""),
]  # fmt: skip

# Vacancies in the Dortmund plans: {year: {position: months filled}}
DORTMUND_VACANCIES = {2014: {3: 9}, 2016: {1: 10}}

DORTMUND_2026 = [
    ("KIZ-Leitung", C.LEITUNG, "1.00", F.KOMMUNAL, O.BESTAND_KOMMUNAL,
     S.TVOED, "EG 12", KIZ_OPENED, None, "Deniz Aydın"),
    ("Pädagogische Fachkraft frühe Bildung", C.PAED_FACHKRAFT, "1.00", F.LANDESZUSCHUSS, O.BESTAND_KOMMUNAL,
     S.TVOED, "S 12", date(2018, 1, 1), None, ""),
    ("Pädagogische Fachkraft Schule", C.PAED_FACHKRAFT, "1.00", F.LANDESZUSCHUSS, O.ABORDNUNG_SCHULAMT,
     S.TVOED, "S 12", date(2018, 1, 1), None, ""),
    ("Pädagogische Fachkraft Übergang Schule–Beruf", C.PAED_FACHKRAFT, "1.00", F.LANDESZUSCHUSS, O.NEU,
     S.TVOED, "S 12", date(2026, 4, 1), date(2027, 12, 31), ""),
    ("Fachkraft interkulturelle Öffnung der Verwaltung", C.FACHKRAFT_SONSTIGE, "1.00", F.LANDESZUSCHUSS, O.NEU,
     S.TVOED, "EG 11", date(2018, 1, 1), None, ""),
    ("Verwaltungsfachkraft", C.VERWALTUNGSFACHKRAFT, "1.00", F.LANDESZUSCHUSS, O.BESTAND_KOMMUNAL,
     S.TVOED, "EG 9c", date(2018, 1, 1), None, ""),
    ("Verwaltungsassistenz", C.VERWALTUNGSASSISTENZ, "0.50", F.LANDESZUSCHUSS, O.NEU,
     S.TVOED, "EG 6", date(2018, 1, 1), None, ""),
    ("Lehrkraft Primarstufe", C.LEHRKRAFT, "1.00", F.LEHRKRAFT_MSW, O.RAA_LEHRKRAFT,
     S.BESOLDUNG, "A 12", date(2018, 1, 1), None, ""),
    ("Lehrkraft Sekundarstufe I", C.LEHRKRAFT, "0.50", F.LEHRKRAFT_MSW, O.RAA_LEHRKRAFT,
     S.BESOLDUNG, "A 13", date(2018, 1, 1), None, ""),
    ("Lehrkraft Sekundarstufe I", C.LEHRKRAFT, "0.50", F.LEHRKRAFT_MSW, O.RAA_LEHRKRAFT,
     S.BESOLDUNG, "A 13", date(2018, 1, 1), None, ""),
]  # fmt: skip


def _current_plan(specialists: int, since: date):
    """A basic current plan: specialists, half an assistant post and two seconded teachers."""
    posts = [
        (f"Pädagogische Fachkraft {n}", C.PAED_FACHKRAFT, "1.00", F.LANDESZUSCHUSS, O.NEU,
         S.TVOED, "S 12", since, None, "")
        for n in range(1, specialists)
    ]  # fmt: skip
    posts += [
        ("Verwaltungsfachkraft", C.VERWALTUNGSFACHKRAFT, "1.00", F.LANDESZUSCHUSS, O.BESTAND_KOMMUNAL,
         S.TVOED, "EG 9c", since, None, ""),
        ("Verwaltungsassistenz", C.VERWALTUNGSASSISTENZ, "0.50", F.LANDESZUSCHUSS, O.NEU,
         S.TVOED, "EG 6", since, None, ""),
        ("Lehrkraft", C.LEHRKRAFT, "1.00", F.LEHRKRAFT_MSW, O.RAA_LEHRKRAFT, S.BESOLDUNG, "A 12", since, None, ""),
        ("Lehrkraft", C.LEHRKRAFT, "1.00", F.LEHRKRAFT_MSW, O.RAA_LEHRKRAFT, S.BESOLDUNG, "A 13", since, None, ""),
    ]  # fmt: skip
    return posts


# Other municipalities with a current plan: (AGS, year, posts)
OTHER_PLANS = [
    ("05911000", 2026, _current_plan(5, date(2018, 1, 1))),  # Bochum, kreisfreie Stadt: 5 specialists
    ("05113000", 2026, _current_plan(5, date(2019, 3, 1))),  # Essen
    ("05978000", 2026, _current_plan(6, date(2018, 1, 1))),  # Kreis Unna: 6 specialists
    ("05978000", 2025, _current_plan(6, date(2018, 1, 1))),
]


@transaction.atomic
def _plan_ensure(municipality, year, rows, vacancies=None, notes=""):
    plan, _created = StaffPlan.objects.update_or_create(municipality=municipality, year=year, defaults={"notes": notes})
    vacancies = vacancies or {}
    for position, (title, category, fte, source, origin, scheme, grade, starts, ends, occupant) in enumerate(rows):
        post = Post(plan=plan, starts_on=starts, ends_on=ends)
        months = min(vacancies.get(position, 12), term_months(post, year))
        Post.objects.update_or_create(
            plan=plan,
            position=position,
            defaults={
                "title": title,
                "category": category,
                "fte": Decimal(fte),
                "funding_source": source,
                "origin": origin,
                "pay_scheme": scheme,
                "pay_grade": grade,
                "starts_on": starts,
                "ends_on": ends,
                "filled_months": months,
                "occupant_name": occupant,
            },
        )
    plan.posts.filter(position__gte=len(rows)).delete()
    return plan


def seed(stdout=None):
    by_ags = {m.ags: m for m in Municipality.objects.filter(ags__in=["05913000", *[p[0] for p in OTHER_PLANS]])}
    dortmund = by_ags.get("05913000")
    if dortmund is not None:
        for year in range(2013, 2018):
            _plan_ensure(
                dortmund,
                year,
                DORTMUND_2013,
                DORTMUND_VACANCIES.get(year),
                notes="Stellenplan nach der Förderrichtlinie 2012; alle Stellen befristet bis 31.12.2017.",
            )
        _plan_ensure(dortmund, 2026, DORTMUND_2026)
    for ags, year, rows in OTHER_PLANS:
        if ags in by_ags:
            _plan_ensure(by_ags[ags], year, rows)
    return []
