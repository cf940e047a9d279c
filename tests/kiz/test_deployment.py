"""The production stack as files: the proxy in front of gunicorn, which is not published, the body cap of the
proxy and of the application agree, and login throttling sees the client behind the proxy, not the proxy.

`docker compose config` needs a Docker engine, which the test machines do not have; the compose file is parsed
with PyYAML and its services and ports are checked instead.
"""

import re
from pathlib import Path

import pytest
import yaml
from django.test import RequestFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_only_the_proxy_is_published_and_gunicorn_is_behind_it(compose):
    services = compose["services"]
    assert set(services) >= {"proxy", "web", "worker", "beat", "postgres", "redis"}
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    assert set(services["proxy"]["ports"]) == {"80:80", "443:443", "443:443/udp"}
    assert services["web"]["expose"] == ["8000"]
    assert "./docker/Caddyfile:/etc/caddy/Caddyfile:ro" in services["proxy"]["volumes"]
    assert set(compose["volumes"]) >= {"caddy_data", "caddy_config", "media", "postgres"}


def test_the_proxy_terminates_tls_caps_the_body_and_forwards_to_gunicorn(settings):
    caddyfile = (ROOT / "docker" / "Caddyfile").read_text()
    assert "{$SITE_ADDRESS:localhost} {" in caddyfile  # a host name: Caddy gets and renews its certificate
    assert re.search(r"reverse_proxy web:8000 \{\s*header_up X-Forwarded-Proto \{scheme\}", caddyfile)
    size = int(re.search(r"max_size (\d+)MiB", caddyfile).group(1))
    assert size * 1024 * 1024 == settings.REQUEST_BODY_MAX_BYTES


def test_the_image_is_production_and_the_example_environment_trusts_one_proxy():
    assert "ENV KIZ_ENVIRONMENT=production" in (ROOT / "Dockerfile").read_text()
    example = dict(
        line.split("=", 1)
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert example["PROXY_COUNT"] == "1" and example["USE_X_FORWARDED_PROTO"] == "True"
    assert example["DEBUG"] == "False"
    assert int(example["REQUEST_BODY_MAX_BYTES"]) == 21 * 1024 * 1024


def _behind_one_proxy(settings):
    """What kiz/settings.py sets for PROXY_COUNT=1."""
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")


def test_the_settings_translate_the_proxy_count_for_ipware():
    from tests.kiz.test_settings import SECRET, run_manage

    script = (
        "from django.conf import settings as s; print(s.AXES_IPWARE_PROXY_COUNT, s.AXES_IPWARE_META_PRECEDENCE_ORDER)"
    )
    result = run_manage("shell", "-c", script, PROXY_COUNT="1", SECRET_KEY=SECRET)
    assert result.stdout.strip().splitlines()[-1] == "0 ('HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR')", result.stderr


def test_login_throttling_sees_the_client_behind_the_proxy(settings):
    from axes.helpers import get_client_ip_address

    _behind_one_proxy(settings)
    request = RequestFactory().post("/anmelden/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert get_client_ip_address(request) == "203.0.113.7"
    # A header with more entries than proxies was made up in part (Caddy replaces a client's header, so it
    # cannot come from there): the made-up address is never taken.
    spoofed = RequestFactory().post(
        "/anmelden/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="10.9.8.7, 203.0.113.7"
    )
    assert get_client_ip_address(spoofed) != "10.9.8.7"
    settings.AXES_IPWARE_PROXY_COUNT = None
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
    assert get_client_ip_address(request) == "172.18.0.5"  # without a proxy the header is not believed


@pytest.mark.django_db
def test_behind_the_proxy_one_client_locked_out_does_not_lock_another(client, editor, settings):
    from django.urls import reverse

    from tests.factories import PASSWORD

    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    _behind_one_proxy(settings)
    proxy = {"REMOTE_ADDR": "172.18.0.5"}
    for _ in range(2):
        client.post(
            reverse("login"),
            {"username": editor.username, "password": "falsch"},
            **proxy,
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    locked = client.post(
        reverse("login"),
        {"username": editor.username, "password": PASSWORD},
        **proxy,
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert locked.status_code == 429
    other = client.post(
        reverse("login"),
        {"username": editor.username, "password": PASSWORD},
        **proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert other.status_code == 302
