"""REST API writes of the funding app: a city's draft application, through the form's rules and version check."""

from decimal import Decimal

from funding.models import ApplicationState, FundingApplication
from tests.factories import user_with_role
from tests.kiz.api_data import bearer, token_for

from .conftest import put_in_state
from .factories import application_for

API = "/api/v1/applications/"


def _json(client, method, url, data, headers):
    return getattr(client, method)(url, data=data, content_type="application/json", **headers)


def test_an_editor_starts_a_draft_for_a_funding_year(client, editor, dortmund):
    headers = bearer(token_for(editor))
    response = _json(client, "post", API, {"municipality": "05913000", "funding_year": 2014}, headers)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "entwurf" and body["period_start"] == "2014-01-01" and body["period_end"] == "2014-12-31"
    assert body["guideline"] and body["version"] == 1
    again = _json(client, "post", API, {"municipality": "05913000", "funding_year": 2014}, headers)
    assert again.status_code == 400
    assert again.json()["funding_year"] == ["Für dieses Förderjahr gibt es bereits einen Antrag."]


def test_nobody_starts_a_draft_for_another_municipality_or_without_editing_rights(client, editor, dortmund, bochum):
    response = _json(client, "post", API, {"municipality": "05911000", "funding_year": 2014}, bearer(token_for(editor)))
    assert response.status_code == 400 and "municipality" in response.json()
    council = user_with_role("council", dortmund)
    refused = _json(client, "post", API, {"municipality": "05913000", "funding_year": 2014}, bearer(token_for(council)))
    assert refused.status_code == 403
    assert not FundingApplication.objects.exists()


def test_an_editor_changes_the_draft_with_the_version_read(client, editor, dortmund):
    application = application_for(dortmund, 2014)
    headers = bearer(token_for(editor))
    data = {"period_start": "2014-01-01", "period_end": "2014-12-31", "own_rooms": "2500.00", "version": 1}
    response = _json(client, "put", f"{API}{application.pk}/", data, headers)
    assert response.status_code == 200, response.content
    assert response.json()["own_rooms"] == "2500.00" and response.json()["version"] == 2
    application.refresh_from_db()
    assert application.own_rooms == Decimal("2500.00")
    stale = _json(client, "put", f"{API}{application.pk}/", {**data, "own_rooms": "1.00"}, headers)
    assert stale.status_code == 409
    assert "inzwischen" in stale.json()["detail"] or "geändert" in stale.json()["detail"]
    application.refresh_from_db()
    assert application.own_rooms == Decimal("2500.00")


def test_the_form_rules_apply_to_the_api(client, editor, dortmund):
    application = application_for(dortmund, 2014)
    headers = bearer(token_for(editor))
    data = {"period_start": "2014-01-01", "period_end": "2014-12-31", "requested_grant": "999999.00", "version": 1}
    response = _json(client, "put", f"{API}{application.pk}/", data, headers)
    assert response.status_code == 400
    assert response.json()["requested_grant"][0].startswith("Nach den Regeln können höchstens")
    assert _json(client, "put", f"{API}{application.pk}/", {"period_start": "2014-01-01"}, headers).status_code == 400


def test_a_submitted_application_and_another_municipality_are_not_changed(client, editor, dortmund, bochum):
    submitted = put_in_state(application_for(dortmund, 2014), ApplicationState.SUBMITTED)
    foreign = application_for(bochum, 2014)
    headers = bearer(token_for(editor))
    data = {"period_start": "2014-01-01", "period_end": "2014-12-31", "version": 1}
    assert _json(client, "put", f"{API}{submitted.pk}/", data, headers).status_code == 403
    assert _json(client, "put", f"{API}{foreign.pk}/", data, headers).status_code == 404
    assert client.delete(f"{API}{submitted.pk}/", **headers).status_code == 405


def test_a_submitted_application_shows_its_frozen_record(client, ready, lead, authority):
    from funding.applications.services import application_move
    from staffing.models import Post

    application_move(application=ready, to_state=ApplicationState.SUBMITTED, user=lead)
    headers = bearer(token_for(authority))
    before = client.get(f"{API}{ready.pk}/", **headers).json()
    [revision] = before["revisions"]
    assert revision["number"] == 1 and revision["returned_at"] is None
    assert revision["max_grant"] == "165000.00" and revision["requested"] == "165000.00"
    assert revision["guideline"] == ready.guideline.name
    assert len(revision["posts"]) == 6 and revision["posts"][0]["fte"] == "1.00"
    assert revision["posts"][0]["expected"] == "60000.00"
    assert before["financing_plan"]["max_grant"] == "165000.00"
    Post.objects.filter(plan__municipality=ready.municipality).update(fte=Decimal("0.50"))
    after = client.get(f"{API}{ready.pk}/", **headers).json()
    assert after["revisions"] == before["revisions"]
    assert after["financing_plan"] == before["financing_plan"]
