"""A submission is a record: editing the staff plan afterwards changes nothing that was submitted or decided."""

import io
import re
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse
from pypdf import PdfReader

from funding.applications.record import assessed, revision_plan
from funding.applications.services import application_decide, application_move
from funding.models import ApplicationRevision, ApplicationState, GrantNotice
from funding.models import ApplicationState as S
from reporting import pdf
from reporting.contents import build_application
from reporting.models import ReportDocument, ReportKind
from reporting.registry import get
from staffing.models import Post, PostCategory, StaffPlan
from staffing.services import StaffPlanError, staff_plan_delete

from .factories import PostFactory

pytestmark = pytest.mark.django_db


def figures(application):
    """Everything the authority decides on: each line of the financing plan, the totals, the findings."""
    plan, findings = assessed(application)
    lines = [(line.post.title, line.post.fte, line.months, line.cost.amount, line.eligible) for line in plan.lines]
    extras = [(extra.rule.name, extra.requested, extra.eligible) for extra in plan.extras]
    totals = (
        plan.expected_personnel,
        plan.personnel_eligible,
        plan.total_eligible,
        plan.max_grant,
        plan.requested,
        plan.own_contribution,
        plan.total_costs,
        plan.municipal_share,
    )
    return lines, extras, totals, [(f.code, f.severity, f.message) for f in findings]


def pdf_text(application):
    document = ReportDocument(
        kind=ReportKind.APPLICATION, municipality=application.municipality, subject_id=application.pk
    )
    content = build_application(document)
    rendered = pdf.render_pdf(
        get(ReportKind.APPLICATION).template, content.context, title=content.title, author="A", as_of=date(2014, 3, 1)
    )
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(rendered.content)).pages)
    return re.sub(r"\d\d:\d\d Uhr", "", text)  # the time it was printed


def plan_section(client, application):
    page = client.get(application.get_absolute_url()).text
    return page[page.index('id="plan-heading"') : page.index("</section>", page.index('id="plan-heading"'))]


def edit_the_staff_plan(plan):
    """Add a post, change an FTE, delete a post: three edits that each change the live financing plan."""
    PostFactory(plan=plan, title="Neue Fachkraft", category=PostCategory.VERWALTUNGSASSISTENZ, fte=D("0.25"))
    assistant = plan.posts.get(title="Verwaltungsassistenz")
    assistant.fte = D("0.25")
    assistant.save()
    plan.posts.get(title="Pädagogische Fachkraft (Schulverwaltung)").delete()


@pytest.fixture
def submitted(ready, lead):
    application_move(application=ready, to_state=S.SUBMITTED, user=lead)
    ready.refresh_from_db()
    return ready


def test_submitting_records_the_financing_plan_the_findings_and_the_edition(submitted, lead):
    revision = ApplicationRevision.objects.get(application=submitted)
    assert (revision.number, revision.submitted_by, revision.guideline.name) == (1, lead, submitted.guideline.name)
    assert revision.staff_plan == StaffPlan.objects.get(municipality=submitted.municipality, year=2014)
    assert revision.posts.count() == 6
    specialist = revision.posts.get(title="Pädagogische Fachkraft (MIA-DO)")
    assert (specialist.fte, specialist.months, specialist.expected) == (D("1.00"), 12, D("60000.00"))
    assert (revision.requested, revision.max_grant) == (D("165000.00"), D("165000.00"))
    assert revision_plan(revision).requested == submitted.requested_grant == D("165000.00")


def test_editing_the_staff_plan_changes_nothing_submitted_or_granted(submitted, lead, authority, client_for):
    client = client_for(authority)
    before = figures(submitted)
    section = plan_section(client, submitted)
    text = pdf_text(submitted)
    assert "60.000,00\u00a0€" in section and "165.000,00\u00a0€" in text
    edit_the_staff_plan(submitted.municipality.staff_plans.get(year=2014))

    assert figures(submitted) == before
    assert plan_section(client, submitted) == section
    assert pdf_text(submitted) == text
    page = client.get(submitted.get_absolute_url()).text
    assert "Der aktuelle Stellenplan weicht inzwischen von der eingereichten Fassung ab" in page
    assert "Neue Fachkraft" in page  # named among the differences, not in the financing plan
    assert "Neue Fachkraft" not in section

    application_move(application=submitted, to_state=S.IN_REVIEW, user=authority)
    notice = GrantNotice(
        approved_amount=D("165000.00"),
        period_start=date(2014, 1, 1),
        period_end=date(2014, 12, 31),
        file_number="36.08.01-2014/913",
        issued_on=date(2014, 3, 15),
    )
    application_decide(application=submitted, user=authority, decision=S.GRANTED, notice=notice)
    submitted.refresh_from_db()
    assert submitted.state == ApplicationState.GRANTED
    assert figures(submitted) == before
    assert plan_section(client, submitted) == section
    assert pdf_text(submitted) == text.replace("Status Eingereicht", "Status Bewilligt")  # only the status changed


def test_the_export_reads_the_record(submitted, council, client_for):
    url = reverse("reporting:dashboards:financing_plan_export", kwargs={"pk": submitted.pk, "fmt": "csv"})
    client = client_for(council)
    before = client.get(url).content.decode("utf-8-sig")
    assert "Pädagogische Fachkraft (Schulverwaltung)" in before
    edit_the_staff_plan(submitted.municipality.staff_plans.get(year=2014))
    assert client.get(url).content.decode("utf-8-sig") == before


def test_a_return_keeps_the_revision_and_the_page_shows_what_changed(submitted, lead, authority, client_for):
    application_move(application=submitted, to_state=S.DRAFT, user=authority, comment="Bitte Stellen prüfen.")
    edit_the_staff_plan(submitted.municipality.staff_plans.get(year=2014))
    submitted.refresh_from_db()
    draft_page = client_for(lead).get(submitted.get_absolute_url()).text
    assert "Änderungen seit Fassung 1 (noch nicht eingereicht)" in draft_page
    submitted.requested_grant = D("120000.00")  # one specialist fewer: the lead lowers the request
    submitted.save()
    application_move(application=submitted, to_state=S.SUBMITTED, user=lead)

    first, second = ApplicationRevision.objects.filter(application=submitted).order_by("number")
    assert first.return_comment == "Bitte Stellen prüfen." and first.returned_by == authority
    assert first.posts.count() == 6 and second.posts.count() == 6  # one added, one removed
    assert first.posts.filter(title="Pädagogische Fachkraft (Schulverwaltung)").exists()
    assert second.posts.get(title="Verwaltungsassistenz").fte == D("0.25")

    page = client_for(authority).get(submitted.get_absolute_url()).text
    changes = page[page.index("Änderungen von Fassung 1 zu Fassung 2") :]
    rows = [row.split("</tr>")[0] for row in changes.split('data-change="')[1:]]
    assert any(row.startswith("added") and "Neue Fachkraft" in row for row in rows)
    assert any(row.startswith("removed") and "Pädagogische Fachkraft (Schulverwaltung)" in row for row in rows)
    fte = next(row for row in rows if "Verwaltungsassistenz" in row and "VZÄ" in row)
    assert "0,50" in fte and "0,25" in fte
    assert "Bitte Stellen prüfen." in page
    request = next(row for row in rows if "Beantragte Zuwendung" in row)
    assert "165.000,00" in request and "120.000,00" in request


def test_a_plan_a_submission_refers_to_cannot_be_deleted(submitted, editor, client_for):
    plan = submitted.municipality.staff_plans.get(year=2014)
    with pytest.raises(StaffPlanError, match="Förderantrag"):
        staff_plan_delete(plan=plan, expected_version=plan.version, user=editor)
    url = reverse("staffing:plan_delete", kwargs={"ags": plan.municipality.ags, "year": plan.year})
    response = client_for(editor).post(url, {"expected_version": plan.version}, follow=True)
    assert "Der Stellenplan 2014 kann nicht gelöscht werden" in response.text
    assert Post.objects.filter(plan=plan).count() == 6


def test_a_recorded_revision_cannot_be_changed(submitted):
    from funding.applications.models import FrozenRecordError

    revision = ApplicationRevision.objects.get(application=submitted)
    revision.requested = D("1.00")
    with pytest.raises(FrozenRecordError):
        revision.save()
    post = revision.posts.first()
    with pytest.raises(FrozenRecordError):
        post.delete()


def test_the_migration_records_what_was_submitted_before_records_existed(ready, lead):
    from importlib import import_module

    from django.apps import apps

    application_move(application=ready, to_state=S.SUBMITTED, user=lead)
    ApplicationRevision.objects.all().delete()  # as before the records: submitted, without a record
    ready.refresh_from_db()
    before = figures(ready)  # computed live
    import_module("funding.migrations.0008_record_submitted_applications").record_existing(apps, None)
    revision = ApplicationRevision.objects.get(application=ready)
    assert (revision.number, revision.submitted_by, revision.requested) == (1, lead, D("165000.00"))
    assert assessed(ready).revision == revision
    assert figures(ready) == before
    edit_the_staff_plan(ready.municipality.staff_plans.get(year=2014))
    assert figures(ready) == before
