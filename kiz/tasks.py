import socket

from celery import shared_task

from .models import Municipality


@shared_task(name="kiz.ping")
def ping() -> dict:
    """Report which worker answered and what it sees in the database: the operations check of the task queue."""
    return {"hostname": socket.gethostname(), "municipalities": Municipality.objects.count()}
