"""The REST API: personal keys, the access policy through the keys, isolation of municipalities, values."""

import pytest
from django.urls import reverse

from kiz.models import ApiToken
from tests.factories import user_with_role

from .api_data import bearer, city, token_for

pytestmark = pytest.mark.django_db
API = "/api/v1/"


@pytest.fixture
def two_cities(dortmund, bochum, authority):
    return city(dortmund, authority=authority), city(bochum, authority=authority)


def test_token_page_creates_a_key_shown_once_and_stored_hashed(client_for, editor):
    client = client_for(editor)
    response = client.post(reverse("api_tokens"), {"name": "Haushaltswerkzeug"})
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("kiz_") and secret in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=editor)
    assert token.name == "Haushaltswerkzeug" and token.prefix == secret[:10]
    assert secret not in {token.key_hash, token.prefix}
    assert len(token.key_hash) == 64
    listing = client.get(reverse("api_tokens")).content.decode()
    assert "Haushaltswerkzeug" in listing and secret not in listing


def test_a_revoked_key_gets_401(client, client_for, editor, dortmund):
    secret = token_for(editor)
    assert client.get(f"{API}municipalities/", **bearer(secret)).status_code == 200
    token = ApiToken.objects.get(user=editor)
    client_for(editor).post(reverse("api_token_revoke", kwargs={"pk": token.pk}))
    client.logout()
    response = client.get(f"{API}municipalities/", **bearer(secret))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_nobody_revokes_another_users_key(client_for, editor, bochum_editor):
    token_for(bochum_editor)
    token = ApiToken.objects.get(user=bochum_editor)
    response = client_for(editor).post(reverse("api_token_revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 404
    assert ApiToken.objects.get(pk=token.pk).is_active


def test_without_a_key_the_api_answers_401_not_the_login_page(client, dortmund):
    assert client.get(f"{API}applications/").status_code == 401
    assert client.get(f"{API}applications/", HTTP_AUTHORIZATION="Bearer kiz_falsch").status_code == 401


def test_the_session_works_for_the_browser(client_for, editor, dortmund):
    response = client_for(editor).get(f"{API}municipalities/")
    assert response.status_code == 200
    assert [m["ags"] for m in response.json()["results"]] == ["05913000"]


def test_a_city_key_gets_404_for_every_object_of_another_municipality(client, editor, two_cities):
    dortmund_data, bochum_data = two_cities
    headers = bearer(token_for(editor))
    for endpoint, pk in bochum_data.urls().items():
        assert client.get(f"{API}{endpoint}/{pk}/", **headers).status_code == 404, endpoint
    for endpoint, pk in dortmund_data.urls().items():
        assert client.get(f"{API}{endpoint}/{pk}/", **headers).status_code == 200, endpoint
    for endpoint in bochum_data.urls():
        body = client.get(f"{API}{endpoint}/", **headers).content.decode()
        assert "05911000" not in body, endpoint
    listed = client.get(f"{API}applications/", **headers).json()["results"]
    assert {a["id"] for a in listed} == {dortmund_data.granted.pk, dortmund_data.draft.pk}


def test_the_authority_sees_every_municipality(client, authority, two_cities):
    headers = bearer(token_for(authority))
    listed = client.get(f"{API}applications/?year=2014", **headers).json()
    assert listed["count"] == 2
    assert sorted(a["municipality"] for a in listed["results"]) == ["05911000", "05913000"]
    only = client.get(f"{API}applications/?municipality=05911000", **headers).json()["results"]
    assert {a["id"] for a in only} == {two_cities[1].granted.pk, two_cities[1].draft.pk}


def test_a_council_key_sees_no_drafts(client, dortmund, two_cities):
    data = two_cities[0]
    headers = bearer(token_for(user_with_role("council", dortmund)))
    applications = client.get(f"{API}applications/", **headers).json()["results"]
    assert [a["id"] for a in applications] == [data.granted.pk]
    assert client.get(f"{API}applications/{data.draft.pk}/", **headers).status_code == 404
    concepts = client.get(f"{API}concepts/", **headers).json()["results"]
    assert [c["id"] for c in concepts] == [data.adopted.pk]
    steps = client.get(f"{API}council-steps/", **headers).json()["results"]
    assert [s["id"] for s in steps] == [data.step.pk]
    proofs = client.get(f"{API}proofs-of-use/", **headers).json()["results"]
    assert [p["id"] for p in proofs] == [data.proof.pk]
    reports = client.get(f"{API}controlling-reports/", **headers).json()["results"]
    assert [r["id"] for r in reports] == [data.report.pk]


def test_editors_see_their_drafts_but_never_draft_concepts(client, editor, two_cities):
    data = two_cities[0]
    headers = bearer(token_for(editor))
    assert client.get(f"{API}applications/{data.draft.pk}/", **headers).status_code == 200
    assert client.get(f"{API}proofs-of-use/{data.draft_proof.pk}/", **headers).status_code == 200
    assert client.get(f"{API}concepts/{data.draft_concept.pk}/", **headers).status_code == 404


def test_values_money_as_decimal_strings_dates_iso_no_occupant_names(client, editor, two_cities):
    data = two_cities[0]
    headers = bearer(token_for(editor))
    application = client.get(f"{API}applications/{data.granted.pk}/", **headers).json()
    assert application["requested_grant"] == "165000.00"
    assert application["own_rooms"] == "1200.50"
    assert application["own_contribution"] == "1200.50"
    assert application["period_start"] == "2014-01-01"
    assert application["notice"] == data.notice.pk
    assert application["guideline"]
    assert {f["code"] for f in application["findings"]}
    assert all(f["severity"] in ("error", "warning") for f in application["findings"])
    notice = client.get(f"{API}grant-notices/{data.notice.pk}/", **headers).json()
    assert notice["approved_amount"] == "160000.10" and notice["issued_on"] == "2014-03-15"
    call_off = client.get(f"{API}call-offs/{data.call_off.pk}/", **headers).json()
    assert call_off["payments"] == [
        {"item": "personnel", "description": "Gehälter Januar", "amount": "40000.00", "due_on": "2014-01-31"}
    ]
    plan = client.get(f"{API}staff-plans/{data.plan.pk}/", **headers).content.decode()
    assert "Mustermann" not in plan and "occupant" not in plan
    post = client.get(f"{API}posts/{data.post.pk}/", **headers).json()
    assert post["fte"] == "0.75" and post["title"] == "Pädagogische Fachkraft" and "occupant_name" not in post


def test_state_dashboard_figures_for_the_state_roles_only(client, editor, coordination, two_cities):
    figures = client.get(f"{API}dashboard/state/?year=2014", **bearer(token_for(coordination))).json()
    assert figures["year"] == 2014 and figures["count"] == 2
    assert figures["requested"] == "330000.00"
    assert figures["granted"] == "320000.20"
    assert [row["ags"] for row in figures["rows"]] == ["05911000", "05913000"]
    assert figures["rows"][1]["application"] == "bewilligt"
    assert client.get(f"{API}dashboard/state/", **bearer(token_for(editor))).status_code == 404


def test_filters_refuse_bad_values(client, authority, two_cities):
    headers = bearer(token_for(authority))
    assert client.get(f"{API}applications/?year=zwei", **headers).status_code == 400
    assert client.get(f"{API}applications/?municipality=123", **headers).status_code == 400
    assert client.get(f"{API}applications/?year=2015", **headers).json()["count"] == 2


def test_schema_has_german_descriptions_and_decimal_strings(client):
    schema = client.get(f"{API}schema/?format=json").json()
    fields = schema["components"]["schemas"]["ApplicationDetail"]["properties"]
    assert fields["requested_grant"]["type"] == "string"
    assert fields["requested_grant"]["format"] == "decimal"
    assert fields["funding_year"]["description"] == "Förderjahr"
    assert fields["period_start"]["format"] == "date"


def test_rate_limit_per_key(client, editor, dortmund, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "3/minute"}}
    first, second = bearer(token_for(editor)), bearer(token_for(editor))
    codes = [client.get(f"{API}municipalities/", **first).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert client.get(f"{API}municipalities/", **second).status_code == 200


LISTS = [
    "municipalities",
    "concepts",
    "council-steps",
    "staff-plans",
    "posts",
    "applications",
    "grant-notices",
    "call-offs",
    "proofs-of-use",
    "controlling-reports",
    "dashboard/state",
]


def _queries_per_list(client, headers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(f"{API}municipalities/", **headers)  # the key's first use is recorded once, not counted here
    counts = {}
    for endpoint in LISTS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(
                f"{API}{endpoint}/?year=2014" if endpoint == "dashboard/state" else f"{API}{endpoint}/", **headers
            )
        assert response.status_code == 200, endpoint
        counts[endpoint] = len(queries.captured_queries)
    return counts


def test_lists_read_in_a_constant_number_of_queries(client, authority):
    from tests.factories import MunicipalityFactory

    headers = bearer(token_for(authority))
    city(MunicipalityFactory(name="Stadt 0", ags="05900000"), authority=authority)
    one = _queries_per_list(client, headers)
    for n in range(1, 10):
        city(MunicipalityFactory(name=f"Stadt {n}", ags=f"0590{n:04d}"), authority=authority)
    ten = _queries_per_list(client, headers)
    assert ten == one
