"""Production settings: a missing secret or host list stops start-up; check --deploy reports nothing."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "x7Lq2Vp9Rt4Ws8Yz1Bn6Mc3Kd5Fg0Hj-QaWeRtZuIoPaSdFgHjKlYxCvBnM_1234567890"


def run_manage(*args, **env):
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the last is set by the e2e suite
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
