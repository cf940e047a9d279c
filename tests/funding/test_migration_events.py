"""Moving the workflow events into the core's table loses nothing: subject, states, user, comment and time."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("funding", "0011_guideline_application_window"), ("kiz", "0002_workflow_event")]
AFTER = [("funding", "0012_workflow_events_in_core")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def latest_schema_afterwards():
    """Going back to BEFORE also unapplies the later migrations of other apps that depend on it: whatever the test
    does, the database is migrated to every app's latest migration again, as the rest of the suite expects."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_events_are_copied_with_their_time(latest_schema_afterwards):
    old = migrate(BEFORE)
    User = old.get_model("auth", "User")
    ContentType = old.get_model("contenttypes", "ContentType")
    Event = old.get_model("funding", "WorkflowEvent")
    lead = User.objects.create(username="leitung")
    subject, _ = ContentType.objects.get_or_create(app_label="funding", model="fundingapplication")
    times = [datetime(2024, 11, 3, 9, 30, tzinfo=UTC), datetime(2025, 1, 14, 16, 5, tzinfo=UTC)]
    for (source, target, comment), when in zip(
        [("entwurf", "eingereicht", ""), ("eingereicht", "entwurf", "Stellenplan korrigieren")], times, strict=True
    ):
        event = Event.objects.create(
            content_type=subject, object_id=7, from_state=source, to_state=target, user=lead, comment=comment
        )
        Event.objects.filter(pk=event.pk).update(created_at=when)

    new = migrate(AFTER)
    copied = new.get_model("kiz", "WorkflowEvent").objects.order_by("created_at")
    assert [
        (e.content_type_id, e.object_id, e.from_state, e.to_state, e.user_id, e.comment, e.created_at) for e in copied
    ] == [
        (subject.pk, 7, "entwurf", "eingereicht", lead.pk, "", times[0]),
        (subject.pk, 7, "eingereicht", "entwurf", lead.pk, "Stellenplan korrigieren", times[1]),
    ]

    back = migrate(BEFORE)
    restored = back.get_model("funding", "WorkflowEvent").objects.order_by("created_at")
    assert [(e.to_state, e.comment, e.created_at) for e in restored] == [
        ("eingereicht", "", times[0]),
        ("entwurf", "Stellenplan korrigieren", times[1]),
    ]
    assert not back.get_model("kiz", "WorkflowEvent").objects.exists()
    migrate(AFTER)
