"""Quiet, useful logs: one line per refused request and per login, tracebacks only for server errors, JSON on demand."""

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from kiz.logs import JsonFormatter, QuietFilter
from tests.factories import PASSWORD, user_with_role

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def console():
    """What the configured console handler writes, as a list of lines."""
    handler = next(h for h in logging.getLogger().handlers if any(isinstance(f, QuietFilter) for f in h.filters))
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield lambda: stream.getvalue().splitlines()
    handler.setStream(previous)


def test_a_refused_request_is_one_line_without_traceback(client_for, authority, editor, bochum, console):
    # The authority looks on at the batches but does not start them; Dortmund's editor does not see Bochum.
    assert client_for(authority).post(reverse("reporting:batch_list"), {"kind": "council_briefing"}).status_code == 403
    assert client_for(editor).get(reverse("municipality_detail", kwargs={"ags": bochum.ags})).status_code == 404
    lines = console()
    assert len(lines) == 2, lines
    assert "WARNING django.request: Forbidden (Permission denied): /berichte/alle-kiz/" in lines[0]
    assert f"WARNING django.request: Not Found: /kommunen/{bochum.ags}/" in lines[1]


def test_a_server_error_keeps_its_traceback(console):
    try:
        raise RuntimeError("kaputt")
    except RuntimeError:
        logging.getLogger("django.request").error(
            "Internal Server Error: /x/", exc_info=True, extra={"status_code": 500}
        )
    text = "\n".join(console())
    assert "ERROR django.request: Internal Server Error: /x/" in text
    assert "Traceback (most recent call last)" in text and "RuntimeError: kaputt" in text


def test_a_login_is_one_line(client, settings, dortmund, console):
    settings.AXES_ENABLED = True
    user_with_role("editor", dortmund, username="anna")
    response = client.post(reverse("login"), {"username": "anna", "password": PASSWORD})
    assert response.status_code == 302
    lines = [line for line in console() if "axes" in line]
    assert len(lines) == 1, lines
    assert "INFO axes.handlers.database: AXES: Successful login by" in lines[0]


def test_a_report_without_its_subject_is_one_warning_and_a_real_failure_has_the_traceback(console, dortmund, lead):
    from reporting import services
    from reporting.models import ReportDocument, ReportKind

    document = ReportDocument.objects.create(kind=ReportKind.APPLICATION, municipality=dortmund, requested_by=lead)
    services.report_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == "failed"
    lines = console()
    assert len(lines) == 1, lines
    assert f"WARNING reporting.services: Report {document.pk} not generated:" in lines[0]

    try:
        raise ValueError("Vorlage fehlt")
    except ValueError as exc:
        services._mark_failed(document.pk, services.GENERIC_FAILURE, exc)
    text = "\n".join(console()[1:])
    assert f"ERROR reporting.services: Report {document.pk} failed" in text
    assert "ValueError: Vorlage fehlt" in text


def test_json_lines_carry_level_logger_message_request_and_traceback(rf):
    request = rf.get("/kommunen/05911000/")
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: %s", (request.path,), None)
    record.status_code, record.request = 404, request
    entry = json.loads(JsonFormatter().format(record))
    assert entry["level"] == "WARNING" and entry["logger"] == "django.request"
    assert entry["message"] == "Not Found: /kommunen/05911000/"
    assert (entry["status"], entry["method"], entry["path"]) == (404, "GET", "/kommunen/05911000/")
    assert entry["time"].endswith("+00:00")
    assert "exception" not in entry


def test_log_format_json_is_switched_on_by_the_environment():
    env = {**os.environ, "LOG_FORMAT": "json"}
    code = "import logging; logging.getLogger('kiz').warning('Prüfung %s', 1)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["message"] == "Prüfung 1" and entry["logger"] == "kiz" and entry["level"] == "WARNING"
