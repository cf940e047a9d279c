"""Production settings: a missing secret or host list stops start-up; check --deploy reports nothing."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "x7Lq2Vp9Rt4Ws8Yz1Bn6Mc3Kd5Fg0Hj-QaWeRtZuIoPaSdFgHjKlYxCvBnM_1234567890"


def run_manage(*args, **env):
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "KIZ_ENVIRONMENT", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the last: e2e
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_reports_nothing_in_production():
    result = run_manage(
        "check", "--deploy", "--fail-level", "DEBUG", DEBUG="False", SECRET_KEY=SECRET, ALLOWED_HOSTS="kiz.example.org"
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_missing_secret_key_stops_start_up():
    result = run_manage("check", DEBUG="False", ALLOWED_HOSTS="kiz.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY fehlt" in result.stderr


def test_missing_allowed_hosts_stops_start_up():
    result = run_manage("check", DEBUG="False", SECRET_KEY=SECRET)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS fehlt" in result.stderr


def test_development_defaults(settings):
    from django.conf import settings as live

    assert live.TIME_ZONE == "Europe/Berlin"
    assert live.LANGUAGE_CODE == "de"
    assert [code for code, _name in live.LANGUAGES] == ["de", "en"]


def test_production_refuses_debug_a_development_key_and_any_host():
    production = {"KIZ_ENVIRONMENT": "production", "ALLOWED_HOSTS": "kiz.example.org"}
    result = run_manage("check", **production, DEBUG="True", SECRET_KEY=SECRET)
    assert result.returncode != 0 and "DEBUG ist in der Produktion" in result.stderr
    for key in ("development-only-secret-key-not-for-production-use-0123456789", "kurz", "a" * 60):
        result = run_manage("check", **production, DEBUG="False", SECRET_KEY=key)
        assert result.returncode != 0 and "SECRET_KEY taugt nicht für die Produktion" in result.stderr, key
    result = run_manage("check", **{**production, "ALLOWED_HOSTS": "kiz.example.org,*"}, SECRET_KEY=SECRET)
    assert result.returncode != 0 and "ALLOWED_HOSTS=* ist in der Produktion nicht erlaubt" in result.stderr


def test_production_defaults_to_debug_off_and_stops_without_a_secret():
    result = run_manage("check", KIZ_ENVIRONMENT="production", ALLOWED_HOSTS="kiz.example.org")
    assert result.returncode != 0 and "SECRET_KEY fehlt" in result.stderr
    result = run_manage("check", KIZ_ENVIRONMENT="production", ALLOWED_HOSTS="kiz.example.org", SECRET_KEY=SECRET)
    assert result.returncode == 0, result.stderr


def test_the_wsgi_entry_point_means_production():
    script = "import kiz.wsgi"
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "KIZ_ENVIRONMENT"}}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "SECRET_KEY fehlt" in result.stderr
