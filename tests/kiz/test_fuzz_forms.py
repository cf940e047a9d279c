"""Harvested-form replay: every role's pages are crawled from the start page (demo data), every POST form found
is sent back with its own values and then with hostile values in every field; no answer may be a 500.

Hostile values: superscript and Arabic-Indic digits (which `isdigit()` accepts and `int()` partly refuses),
numbers too large for a database integer, negative and non-finite numbers, impossible dates, NUL bytes, long
strings, formulas and markup. Report rendering is not started (it is tested on its own).
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from tests.factories import login_verified

pytestmark = pytest.mark.django_db

HOSTILE = [
    "²",
    "١٢",
    "99999999999999999999999",
    "-1",
    "1e400",
    "NaN",
    "2026-02-30",
    "\x00",
    "x" * 5000,
    '=HYPERLINK("http://x")',
    "<script>alert(1)</script>",
    "",
]
USERS = ["redaktion.dortmund", "leitung.dortmund", "integrationsrat.dortmund", "koordinierung", "bewilligung"]
PAGES_PER_USER = 45
SKIP_ACTIONS = ("/abmelden/", "/sprache/")


class _Forms(HTMLParser):
    """Links and POST forms (action, fields with their first value) of one page."""

    def __init__(self):
        super().__init__()
        self.links, self.forms, self._form, self._select = [], [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(), "action": a.get("action") or "", "fields": {}}
        elif self._form is not None and tag in ("input", "textarea") and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                self._form["fields"].setdefault(a["name"], "")
            elif a.get("type") != "file":
                self._form["fields"][a["name"]] = a.get("value") or ""
        elif self._form is not None and tag == "select" and a.get("name"):
            self._select = a["name"]
            self._form["fields"].setdefault(a["name"], "")
        elif self._select and tag == "option" and not self._form["fields"][self._select]:
            self._form["fields"][self._select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None


def _crawl(client):
    seen, forms, queue = set(), {}, deque(["/"])
    while queue and len(seen) < PAGES_PER_USER:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, path
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(response.content.decode())
        for href in parser.links:
            target = urlsplit(urljoin(path, href))
            if not target.netloc and target.path.startswith("/") and not target.path.startswith(("/static", "/admin")):
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
        for form in parser.forms:
            if form["method"] != "post":
                continue
            action = urlsplit(urljoin(path, form["action"] or path)).path
            if action.startswith(SKIP_ACTIONS):
                continue
            key = (re.sub(r"\d+", "N", action), tuple(sorted(form["fields"])))
            forms.setdefault(key, (action, form["fields"]))
    return seen, list(forms.values())


@pytest.fixture
def demo(settings, monkeypatch):
    from reporting import services

    monkeypatch.setattr(services, "_queue", lambda document_id: None)
    monkeypatch.setattr(services, "_run_batch", lambda batch_id, document_ids: None)
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False


def test_no_form_answers_500_to_hostile_input(demo):
    failures, sent, pages = [], 0, 0
    for username in USERS:
        client = login_verified(Client(raise_request_exception=False), get_user_model().objects.get(username=username))
        seen, forms = _crawl(client)
        pages += len(seen)
        for action, fields in forms:
            for value in [None, *HOSTILE]:
                data = dict(fields) if value is None else dict.fromkeys(fields, value)
                data["csrfmiddlewaretoken"] = fields.get("csrfmiddlewaretoken", "")
                response = client.post(action, data)
                sent += 1
                if response.status_code >= 500:
                    failures.append((username, action, value if value is None else value[:20]))
    assert pages > 100 and sent > 250, (pages, sent)  # the crawl did reach the application's forms
    assert failures == []
