"""A data generation for caches of figures derived from the programme's data: it changes whenever that data does.

Pages that cost much to compute (the dashboards) cache their content under a key holding the generation; any
save or delete of a model of the data apps bumps it, so the next request computes afresh and a cached page is
never older than the data. The generation is bumped at once (the changing request and, in tests, everything
inside the same transaction sees the new one) and again after the commit, so that a request that read the old
data while the transaction was open cannot have stored it under the new generation.

Code that changes rows without model signals (`QuerySet.update()`, `bulk_create()`) calls `data_changed()`.

The generation lives in Django's cache, which must be shared by all processes for this to hold: Redis in
production (REDIS_URL). Without a shared cache the dashboards are not cached (settings.DASHBOARD_CACHE).
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

logger = logging.getLogger(__name__)

KEY = "kiz:data-generation"
# The apps whose models feed figures (by app label; kiz imports none of them), less the report files themselves.
DATA_APPS = frozenset({"kiz", "concepts", "staffing", "funding", "reporting"})
NOT_DATA = frozenset({("reporting", "ReportDocument"), ("reporting", "ReportBatch")})
TIMEOUT = 24 * 60 * 60


def enabled() -> bool:
    return settings.DASHBOARD_CACHE


def generation() -> int:
    value = cache.get(KEY)
    if value is None:
        # A fresh start (or an evicted key) never meets an entry stored under an earlier generation.
        cache.add(KEY, time.time_ns(), None)
        value = cache.get(KEY)
    return value


def cache_key(*parts) -> str:
    """A cache key that changes with the data and the language."""
    return ":".join(str(part) for part in ("kiz", generation(), translation.get_language(), *parts))


def cached(parts: tuple, compute):
    """`compute()` stored under a key of this data generation; computed directly when caching is off or the
    cache cannot be reached (a page never fails because of its cache)."""
    if not enabled():
        return compute()
    try:
        key = cache_key(*parts)
        value = cache.get(key)
    except Exception:  # noqa: BLE001 - any failure of the cache backend
        logger.warning("Cache unavailable, computing %s directly", parts[0], exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, TIMEOUT)
        except Exception:  # noqa: BLE001
            logger.warning("Cache unavailable, %s not stored", parts[0], exc_info=True)
    return value


def data_changed():
    _bump()
    transaction.on_commit(_bump)


def _bump():
    try:
        try:
            cache.incr(KEY)
        except ValueError:  # not there (yet, or evicted)
            cache.set(KEY, time.time_ns(), None)
    except Exception:  # noqa: BLE001 - saving data never fails because of the cache
        logger.warning("Cache unavailable: data generation not bumped", exc_info=True)


def _on_change(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in DATA_APPS or (meta.app_label, meta.object_name) in NOT_DATA:
        return
    if meta.object_name.startswith("Historical"):  # the history row of a change that sends its own signal
        return
    data_changed()


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"kiz-freshness-{id(signal)}")
