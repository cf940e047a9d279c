"""Quiet, useful logs: one line per refused request or login, tracebacks only for real server errors.

`QuietFilter` sits on the console handler (settings.LOGGING), so it sees every record, whichever logger it came
from. `JsonFormatter` writes one JSON object per line (LOG_FORMAT=json), for log collectors in production.
"""

import json
import logging
from datetime import UTC, datetime

# django-axes writes several lines per login (the login, its clean-ups, its reset); these say what happened.
AXES_KEPT = ("AXES: Successful login", "AXES: Successful logout")


class QuietFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if record.name == "django.request" and status is not None and status < 500:
            # A refused request (403, 404, 405 …) is no error of the application: its message, no traceback.
            record.exc_info = None
            record.exc_text = None
        elif record.name == "django.server" and status is not None and status >= 400:
            return False  # the development server's access line: django.request has said it already
        elif record.name.startswith("axes") and record.levelno < logging.WARNING:
            return record.getMessage().startswith(AXES_KEPT)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message; status and path of requests;
    the traceback as one string where there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"] = request.method
            entry["path"] = request.path
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
