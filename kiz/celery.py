"""The Celery application, configured from Django's settings (the CELERY_* names)."""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kiz.settings")

app = Celery("kiz")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def embedded_folders() -> list[Path]:
    """The folders of the embedded broker and result store (none with Redis), created if missing."""
    from django.conf import settings

    if not settings.CELERY_BROKER_URL.startswith("filesystem:"):
        return []
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    folders = [Path(options[key]) for key in ("data_folder_in", "data_folder_out", "control_folder")]
    folders += [
        Path(options["processed_folder"]),
        Path(settings.CELERY_RESULT_BACKEND.removeprefix("file://localhost")),
    ]
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    return folders


@app.on_after_configure.connect
def _prepare_embedded_broker(sender, **kwargs):
    embedded_folders()
