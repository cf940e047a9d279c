"""One helper turns the workflow's refusals into answers: not allowed is a 403, blocked goes into the form."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from kiz.steps import perform_step
from kiz.workflow import TransitionBlocked, TransitionNotAllowed


class CommentForm(forms.Form):
    comment = forms.CharField(required=False)


def request():
    req = RequestFactory().post("/", {"comment": ""})
    req.session = SessionStore()
    req._messages = FallbackStorage(req)
    return req


def texts(req):
    return [(m.level_tag, str(m)) for m in get_messages(req)]


def refuse(error):
    def step():
        raise error

    return step


def test_a_move_that_is_not_allowed_is_a_403():
    with pytest.raises(PermissionDenied):
        perform_step(request(), refuse(TransitionNotAllowed("nein")), success="nie")


def test_a_blocked_move_puts_its_reasons_into_the_form():
    req, form = request(), CommentForm({"comment": ""})
    assert form.is_valid()
    blocked = TransitionBlocked(["Die Regelprüfung hat Fehler gefunden.", "Bitte Kommentar angeben."])
    assert perform_step(req, refuse(blocked), form=form, success="nie") is False
    assert form.non_field_errors() == ["Die Regelprüfung hat Fehler gefunden.", "Bitte Kommentar angeben."]
    assert texts(req) == [("error", "Der Schritt wurde nicht ausgeführt; die Gründe stehen beim Formular.")]


def test_without_a_form_the_reasons_become_messages():
    req = request()
    assert perform_step(req, refuse(TransitionBlocked(["Erst prüfen."])), success="nie") is False
    assert texts(req) == [("error", "Erst prüfen.")]


def test_a_move_that_goes_through_says_so_with_the_new_state():
    req, done = request(), []
    state = {"now": "Entwurf"}

    def step():
        done.append(True)
        state["now"] = "Eingereicht"

    assert perform_step(req, step, success=lambda: f"Der Antrag ist jetzt: {state['now']}.") is True
    assert done == [True]
    assert texts(req) == [("success", "Der Antrag ist jetzt: Eingereicht.")]
