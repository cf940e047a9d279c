from django.urls import reverse

from tests.factories import MunicipalityFactory, user_with_role


def test_login_required_everywhere(client, dortmund):
    for url in [reverse("home"), dortmund.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_public_pages(client, db):
    assert client.get(reverse("login")).status_code == 200
    assert "Erklärung zur Barrierefreiheit" in client.get(reverse("accessibility")).content.decode()
    assert client.get(reverse("health")).json() == {"status": "ok"}


def test_city_home_shows_own_centre_and_not_the_other(client_for, editor, dortmund, bochum):
    dortmund.centre.org_unit = "Fachbereich I / Geschäftsbereich III"
    dortmund.centre.save()
    bochum.centre.org_unit = "Amt für Bochumer Angelegenheiten"
    bochum.centre.save()
    html = client_for(editor).get(reverse("home")).content.decode()
    assert "Kommunales Integrationszentrum Dortmund" in html
    assert "Fachbereich I / Geschäftsbereich III" in html
    assert "05913000" in html
    assert "Bochum" not in html


def test_foreign_municipality_answers_404(client_for, editor, bochum):
    response = client_for(editor).get(bochum.get_absolute_url())
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
    assert "Bochum" not in response.content.decode()


def test_own_municipality_page(client_for, council, dortmund):
    html = client_for(council).get(dortmund.get_absolute_url()).content.decode()
    assert "Mitglied des Integrationsrats" in html
    assert "Kommunales Integrationszentrum Dortmund" in html


def test_state_home_lists_all_with_filters(client_for, coordination, dortmund, bochum):
    MunicipalityFactory(name="Kreis Lippe", ags="05766000", kind="kreis", district="detmold")
    client = client_for(coordination)
    html = client.get(reverse("home")).content.decode()
    for name in ["Dortmund", "Bochum", "Kreis Lippe"]:
        assert name in html
    html = client.get(reverse("home"), {"district": "detmold"}).content.decode()
    assert "Kreis Lippe" in html and "Dortmund" not in html
    html = client.get(reverse("home"), {"kind": "kreisfreie_stadt"}).content.decode()
    assert "Dortmund" in html and "Kreis Lippe" not in html
    assert client.get(bochum.get_absolute_url()).status_code == 200


def test_state_home_query_count_is_constant(client_for, authority, django_assert_max_num_queries, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(authority)
    for i in range(5):
        MunicipalityFactory(ags=f"0597{i:04d}")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    for i in range(50):
        MunicipalityFactory(ags=f"0598{i:04d}")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home"))
    assert len(many) == len(few)


def test_switch_municipality(client_for, dortmund, bochum):
    user = user_with_role("editor", dortmund)
    user.memberships.create(role="editor", municipality=bochum)
    client = client_for(user)
    html = client.get(reverse("home")).content.decode()
    assert 'id="switch-municipality"' in html
    assert "Kommunales Integrationszentrum Bochum" in html  # first in name order
    response = client.post(reverse("switch_municipality"), {"municipality": dortmund.pk, "next": "/"}, follow=True)
    assert "Sie arbeiten jetzt in Dortmund." in response.content.decode()
    assert '<h1 class="kern-heading-large">Kommunales Integrationszentrum Dortmund</h1>' in response.content.decode()


def test_switch_opens_the_same_page_for_the_new_municipality(client_for, dortmund, bochum):
    user = user_with_role("editor", dortmund)
    user.memberships.create(role="editor", municipality=bochum)
    client = client_for(user)
    response = client.post(
        reverse("switch_municipality"), {"municipality": bochum.pk, "next": dortmund.get_absolute_url()}
    )
    assert response.url == bochum.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert "Sie arbeiten jetzt in Bochum." in page
    assert "Kommunales Integrationszentrum Dortmund" not in page


def test_switch_leaves_a_page_of_the_old_municipality_for_the_home_page(client_for, dortmund, bochum):
    user = user_with_role("editor", dortmund)
    user.memberships.create(role="editor", municipality=bochum)
    client = client_for(user)
    concept_page = reverse("concepts:detail", kwargs={"ags": dortmund.ags, "number": 1})
    response = client.post(reverse("switch_municipality"), {"municipality": bochum.pk, "next": concept_page})
    assert response.url == reverse("home")
    staff_plans = reverse("staffing:plan_list")  # lists of the current municipality stay where they are
    response = client.post(reverse("switch_municipality"), {"municipality": dortmund.pk, "next": staff_plans})
    assert response.url == staff_plans


def test_switch_to_foreign_municipality_is_refused(client_for, editor, bochum):
    client = client_for(editor)
    response = client.post(reverse("switch_municipality"), {"municipality": bochum.pk}, follow=True)
    html = response.content.decode()
    assert "Diese Kommune kann nicht ausgewählt werden." in html
    assert "Kommunales Integrationszentrum Bochum" not in html


def test_switch_ignores_foreign_redirect_target(client_for, dortmund, bochum):
    user = user_with_role("editor", dortmund)
    user.memberships.create(role="editor", municipality=bochum)
    response = client_for(user).post(
        reverse("switch_municipality"), {"municipality": bochum.pk, "next": "https://example.org/"}
    )
    assert response.url == reverse("home")


def test_admin_is_for_superusers_only(client_for, authority, db):
    from tests.factories import UserFactory

    response = client_for(authority).get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url
    superuser = UserFactory(username="root-admin", is_superuser=True, is_staff=True)
    assert client_for(superuser).get("/admin/").status_code == 200


def test_admin_refuses_invalid_ags_in_german(client_for, db):
    from tests.factories import UserFactory

    superuser = UserFactory(username="root-admin", is_superuser=True, is_staff=True)
    response = client_for(superuser).post(
        "/admin/kiz/municipality/add/",
        {
            "name": "Falsch",
            "kind": "kreis",
            "ags": "1234",
            "district": "arnsberg",
            "centre-TOTAL_FORMS": "0",
            "centre-INITIAL_FORMS": "0",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "genau 8 Ziffern" in html
    assert 'value="Falsch"' in html  # what was typed is kept


def test_language_can_be_switched_to_english(client_for, editor):
    client = client_for(editor)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Sign out" in client.get(reverse("home")).content.decode()
    client.post(reverse("set_language"), {"language": "de", "next": "/"})
    assert "Abmelden" in client.get(reverse("home")).content.decode()


def test_browser_language_header_does_not_switch_to_english(client_for, editor):
    html = client_for(editor).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Abmelden" in html


def test_security_headers(client, db):
    response = client.get(reverse("login"))
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
