"""The workflow events move to the core's one event table (kiz.WorkflowEvent); every row is copied with its
subject, users, states, comment and time before the funding table is dropped."""

from django.db import migrations

FIELDS = ["content_type_id", "object_id", "from_state", "to_state", "user_id", "comment"]


def _copy(source_model, target_model):
    rows = list(source_model.objects.order_by("created_at", "pk"))
    copies = target_model.objects.bulk_create(
        [target_model(**{name: getattr(row, name) for name in FIELDS}) for row in rows]
    )
    # created_at is filled in on insert (auto_now_add): set it to the original time afterwards (the primary keys
    # come back from the insert on PostgreSQL and SQLite).
    for copy, row in zip(copies, rows, strict=True):
        copy.created_at = row.created_at
    target_model.objects.bulk_update(copies, ["created_at"], batch_size=500)
    return len(rows)


def forwards(apps, schema_editor):
    _copy(apps.get_model("funding", "WorkflowEvent"), apps.get_model("kiz", "WorkflowEvent"))


def backwards(apps, schema_editor):
    core = apps.get_model("kiz", "WorkflowEvent")
    _copy(core, apps.get_model("funding", "WorkflowEvent"))
    core.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0011_guideline_application_window"),
        ("kiz", "0002_workflow_event"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="WorkflowEvent"),
    ]
