"""The record of every application submitted before records existed, from the live computation of today.

Every application past the draft (submitted, in review, decided, withdrawn) gets revision 1 with what the rule
check computes now from its staff plan and edition; the submission's workflow event, where there is one, gives
its date and submitter. Earlier submissions that were returned for correction were never recorded and cannot be
rebuilt; the workflow events still show them. Nothing is deleted or changed: the migration only adds rows
(reversing it keeps them; reversing the migration before it removes the tables).

The computation is the application's own code (funding.applications.record), not a copy of it in the migration,
so that the record shows the same figures the pages showed until now. It runs only where there is something to
record; on a new database (no applications) the current code is not imported at all.
"""

from django.db import migrations

SUBMITTED = "eingereicht"
DRAFT = "entwurf"


def _workflow_events(apps):
    """The workflow events: the funding app's own table, or the core's once the events have moved there."""
    try:
        return apps.get_model("funding", "WorkflowEvent")
    except LookupError:
        return apps.get_model("kiz", "WorkflowEvent")


def record_existing(apps, schema_editor):
    historical = apps.get_model("funding", "FundingApplication")
    pending = list(
        historical.objects.exclude(state=DRAFT).filter(revisions__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    if not pending:
        return
    from django.contrib.auth import get_user_model

    from funding.applications.record import record_submission
    from funding.models import FundingApplication

    content_type = apps.get_model("contenttypes", "ContentType").objects.filter(
        app_label="funding", model="fundingapplication"
    )
    events = _workflow_events(apps).objects.filter(content_type__in=content_type, to_state=SUBMITTED)
    users = get_user_model().objects
    for application in FundingApplication.objects.filter(pk__in=pending).select_related("municipality", "guideline"):
        event = events.filter(object_id=application.pk).order_by("-created_at", "-pk").first()
        record_submission(
            application=application,
            user=users.filter(pk=event.user_id).first() if event else None,
            submitted_at=event.created_at if event else application.created_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0007_application_revisions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("kiz", "0002_workflow_event"),
    ]

    operations = [migrations.RunPython(record_existing, migrations.RunPython.noop)]
